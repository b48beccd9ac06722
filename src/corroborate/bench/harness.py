"""What every benchmark shares: the run context, timing statistics, the machine and commit, the result file.

A benchmark is a function `(BenchContext) -> dict`. The dict it returns holds:

- `data`: how the input was made (its source, counts, and any fallback taken),
- `results`: the numbers (JSON-ready; timings in seconds, rates per second, sizes in bytes or MiB),
- `key`: the few numbers worth a row in BENCHMARKS.md, already formatted, in display order.

The harness adds the name, date, machine, commit and command line, writes `<name>-<date>.json` and,
with `record`, updates BENCHMARKS.md. A benchmark raises `BenchSkipped` when the data it cannot do
without is absent: the run then ends with a message and exit status 0, never a failure.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import corroborate
from corroborate.config import Settings

__all__ = [
    "SCHEMA_VERSION",
    "BenchContext",
    "BenchError",
    "BenchSkipped",
    "Benchmark",
    "default_data_path",
    "default_out_path",
    "git_commit",
    "machine_info",
    "peak_rss_mib",
    "rate_stats",
    "repo_root",
    "time_stats",
    "timed",
    "write_result",
]

SCHEMA_VERSION = "1.0"


class BenchSkipped(Exception):
    """The benchmark's data is absent: skip it with this message (exit status 0)."""


class BenchError(Exception):
    """A benchmark could not complete (a subprocess failed, a result was malformed)."""


@dataclass
class BenchContext:
    """What one `corroborate bench` invocation gives its benchmarks.

    `workdir` is a temporary folder removed when the invocation ends; `out` is where results go (files a
    benchmark draws, such as a PNG, are written there too); `cache` lets benchmarks of one
    `all` run share expensive inputs (the 10,000-passage library is built once for `index-synthetic`
    and reused by `check`).
    """

    data: Path | None
    size: int | None
    workdir: Path
    repo: Path | None
    echo: Callable[[str], None] = print
    keep: bool = False
    cache: dict[str, Any] = field(default_factory=dict)
    out: Path | None = None
    settings: Settings = field(default_factory=Settings)  # the verifier chosen with --verifier

    def data_file(self, relative: str) -> Path | None:
        """`data/relative` when it exists, else None."""
        if self.data is None:
            return None
        path = self.data / relative
        return path if path.is_file() else None


Benchmark = Callable[[BenchContext], dict[str, Any]]


# -- where things are ---------------------------------------------------------------------------


def repo_root() -> Path | None:
    """The source checkout corroborate runs from (editable install), or None for an installed wheel."""
    root = Path(corroborate.__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "src" / "corroborate").is_dir():
        return root
    return None


def default_data_path(repo: Path | None) -> Path | None:
    """`../shared/data` beside the checkout: where the project's offline data sets live."""
    return (repo.parent / "shared" / "data") if repo is not None else None


def default_out_path(repo: Path | None) -> Path:
    """`bench-results/` in the checkout (git-ignored), else in the current folder."""
    return (repo or Path.cwd()) / "bench-results"


# -- timing -------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Run `fn` once; return (seconds, its result)."""
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def time_stats(samples: Sequence[float]) -> dict[str, Any]:
    """Median, min, max and relative spread ((max - min) / median, in percent) of timed samples."""
    median = statistics.median(samples)
    return {
        "median": round(median, 4),
        "min": round(min(samples), 4),
        "max": round(max(samples), 4),
        "spread_pct": round(100 * (max(samples) - min(samples)) / median, 1) if median else 0.0,
        "repeats": len(samples),
        "samples": [round(s, 4) for s in samples],
    }


def rate_stats(count: int, seconds: Sequence[float]) -> dict[str, Any]:
    """Rates (`count` items per second) of each sample, summarised like `time_stats`."""
    return time_stats([count / s for s in seconds if s > 0])


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """The peak resident set size of this process (or of its largest finished child) in MiB."""
    kib = resource.getrusage(who).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(kib / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# -- machine and commit -------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def machine_info() -> dict[str, Any]:
    """Platform, CPU model, cores (all and usable by this process), RAM and the load at start.

    The load average is recorded because these numbers are CPU-bound: other processes on the same
    cores slow them down, and a reader should be able to tell.
    """
    ram = _ram_bytes()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count()
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "ram_bytes": ram,
        "ram_gib": round(ram / 2**30, 1) if ram else None,
        "load_average": load,
    }


def machine_line(machine: dict[str, Any]) -> str:
    """The machine in a few words, for BENCHMARKS.md and the console."""
    ram = f", {machine['ram_gib']:.0f} GiB" if machine.get("ram_gib") else ""
    return f"{machine['cpu']}, {machine['cores']} cores{ram}"


def git_commit(repo: Path | None) -> str | None:
    """`git rev-parse --short HEAD` of the checkout, with "-dirty" when it has uncommitted changes."""
    if repo is None:
        return None
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("-dirty" if status else "")


# -- results ------------------------------------------------------------------------------------


def write_result(out: Path, result: dict[str, Any]) -> Path:
    """Write `result` as `<out>/<name>-<date>.json` (through a temporary file); return the path."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.fromisoformat(result["date"]).strftime("%Y-%m-%d-%H%M%S")
    path = out / f"{result['name']}-{stamp}.json"
    fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
