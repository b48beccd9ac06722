"""Benchmarks of quality and speed: `corroborate bench NAME` (docs/benchmarks.md says what each measures;
BENCHMARKS.md holds the results, opened by the table `corroborate bench summary` writes: `bench.summary`).

To add one, write a function `(BenchContext) -> {"data", "results", "key"}` (see `harness`) and add
it to `BENCHMARKS`; `all` runs every entry in order. A benchmark whose data is absent raises
`BenchSkipped`; one with a documented fallback (generated text) runs on that and says so in `data`.
"""

from __future__ import annotations

import shlex
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corroborate.bench import (
    calibration,
    claims,
    claims_news,
    contrast,
    fnc1,
    quality,
    scale,
    scaling,
    service_check,
    speed,
    verdicts,
)
from corroborate.bench.harness import (
    SCHEMA_VERSION,
    BenchContext,
    BenchError,
    Benchmark,
    BenchSkipped,
    default_data_path,
    default_out_path,
    git_commit,
    machine_info,
    machine_line,
    now,
    repo_root,
    write_result,
)
from corroborate.bench.record import record_result
from corroborate.config import Settings, verifier_settings
from corroborate.errors import ModelError

__all__ = ["BENCHMARKS", "BenchContext", "BenchError", "BenchSkipped", "Outcome", "UnknownBenchmark", "run"]

BENCHMARKS: dict[str, Benchmark] = {
    "index-example": speed.index_example,
    "index-synthetic": speed.index_synthetic,
    "verifier": speed.verifier,
    "check": speed.check_article,
    "service-check": service_check.service_check,
    "scifact-retrieval": quality.scifact_retrieval,
    "pairs": quality.pairs,
    "speed": scale.speed,
    "scale": scaling.scale,
    "checkworthiness": claims.checkworthiness,
    "claims": claims.claim_extraction,
    "claims-news": claims_news.claims_news,
    "contrast": contrast.contrast,
    "scifact": verdicts.scifact,
    "healthver": verdicts.healthver,
    "fm2": verdicts.fm2,
    "fnc1": fnc1.fnc1,
    "calibration": calibration.calibration,
}


class UnknownBenchmark(ValueError):
    """NAME is neither a registered benchmark nor `all`."""


@dataclass(frozen=True)
class Outcome:
    """What became of one benchmark: `status` is "ok", "skipped" or "failed"."""

    name: str
    status: str
    message: str
    path: Path | None = None
    result: dict[str, Any] | None = None


def command_line(
    name: str, data: Path | None, out: Path | None, size: int | None, record: bool, verifier: str | None = None
) -> str:
    """The command that reproduces this run (the options given, in a fixed order)."""
    args = ["corroborate", "bench", name]
    if verifier is not None:
        args += ["--verifier", verifier]
    if data is not None:
        args += ["--data", str(data)]
    if out is not None:
        args += ["--out", str(out)]
    if size is not None:
        args += ["--size", str(size)]
    if not record:
        args.append("--no-record")
    return shlex.join(args)


def run(
    name: str,
    data: Path | None = None,
    out: Path | None = None,
    size: int | None = None,
    record: bool = True,
    echo: Callable[[str], None] = print,
    keep: bool = False,
    verifier: str | None = None,
) -> list[Outcome]:
    """Run benchmark `name` (or `all`), write each result as JSON to `out` and, with `record`, to BENCHMARKS.md.

    `data` defaults to ../shared/data beside the checkout and `out` to its bench-results/. A skipped
    benchmark (data absent) is an outcome, not an error. `verifier` is a `--verifier` value (a bundled
    model's name or a model folder; default the shipped one). Raises `UnknownBenchmark` for a bad name,
    `ModelError` for a verifier folder without a model and `ValueError` for an endpoint URL.
    """
    if name != "all" and name not in BENCHMARKS:
        raise UnknownBenchmark(f"no benchmark {name!r}; choose one of: {', '.join([*BENCHMARKS, 'all'])}")
    names = list(BENCHMARKS) if name == "all" else [name]
    repo = repo_root()
    command = command_line(name, data, out, size, record, verifier) + (" --keep" if keep else "")
    settings = Settings(**verifier_settings(verifier)) if verifier else Settings()
    if not (settings.model_path / "config.json").is_file():
        raise ModelError(f"--verifier {verifier}: no verifier model in {settings.model_path} (config.json missing)")
    data_path = data if data is not None else default_data_path(repo)
    out_path = out if out is not None else default_out_path(repo)
    commit = git_commit(repo)  # once: recording a result must not make the next one "-dirty"
    machine = machine_info()
    echo(f"{machine_line(machine)}; commit {commit or 'unknown'}; data {data_path or 'none'}")
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="corroborate-bench-") as tmp:
        ctx = BenchContext(data=data_path, size=size, workdir=Path(tmp), repo=repo, echo=echo, keep=keep, out=out_path,
                           settings=settings)  # fmt: skip
        for bench in names:
            echo(f"{bench}:")
            load_before = machine_info()["load_average"]
            try:
                measured = BENCHMARKS[bench](ctx)
            except BenchSkipped as exc:
                outcomes.append(Outcome(bench, "skipped", str(exc)))
                echo(f"  skipped: {exc}")
                continue
            except BenchError as exc:
                outcomes.append(Outcome(bench, "failed", str(exc)))
                echo(f"  failed: {exc}")
                continue
            result = {
                "schema_version": SCHEMA_VERSION,
                "name": bench,
                "date": now(),
                "machine": {
                    **machine,
                    "load_average": load_before,
                    "load_average_after": machine_info()["load_average"],
                },
                "commit": commit,
                "command": command,
                **measured,
            }
            path = write_result(out_path, result)
            summary = "; ".join(f"{k}: {v}" for k, v in measured["key"].items())
            echo(f"  {summary}")
            if data_note := measured.get("data", {}).get("fallback"):
                echo(f"  note: {data_note}")
            echo(f"  wrote {path}")
            if record:
                target = repo / "BENCHMARKS.md" if repo else None
                if target is not None:
                    record_result(target, result)
                    echo(f"  recorded in {target}")
                else:
                    echo("  not recorded: BENCHMARKS.md lives in a source checkout, and this is not one")
            outcomes.append(Outcome(bench, "ok", summary, path, result))
    if len(outcomes) > 1:
        counts = {s: sum(o.status == s for o in outcomes) for s in ("ok", "skipped", "failed")}
        echo("done: " + ", ".join(f"{n} {s}" for s, n in counts.items() if n))
    return outcomes
