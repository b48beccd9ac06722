"""`corroborate index add` killed (SIGKILL) at 20 points spread over its whole run (issue 16, "keep it fixed").

Each point starts from an empty folder, kills a real run after a delay (from its first tenth of a
second, before the library exists, to just before it ends) or the moment its write-ahead log grows
(a commit being written), then proves the library consistent (SQLite and FTS5 integrity, documents,
passages and sentences each with their own, vectors complete up to the watermark) and that the same
command run again completes it to the logical content of an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_hostile_corpus import fingerprint
from tests.test_indexing import assert_consistent, write_notes

pytestmark = pytest.mark.slow

DB_NAME = "corroborate.sqlite"
# Fractions of an uninterrupted run's wall time at which the run is killed; 16 by time, 4 on a commit.
FRACTIONS = [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.36, 0.42, 0.48, 0.54, 0.6, 0.66, 0.72, 0.8, 0.88]
ON_COMMIT = [1, 2, 3, 5]  # the n-th time the write-ahead log grows


def _sources(folder: Path) -> Path:
    """About two seconds of BM25-only indexing on two cores: many small files and one large JSONL file,
    so commits happen both by file count and by time."""
    write_notes(folder / "notes", 1200, per_folder=300)
    rows = [
        {"id": f"r{i}", "title": f"Report {i}", "text": f"Gauge {i} on the Ostra read {i % 97} centimetres. " * 6}
        for i in range(1500)
    ]
    (folder / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def _start(sources: Path, library: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "CORROBORATE_LIBRARY"}
    return subprocess.Popen(
        [sys.executable, "-m", "corroborate", "index", "add", sources, "--library", library, "-q", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def _kill(proc: subprocess.Popen[bytes]) -> bool:
    """SIGKILL `proc`; whether it was still running."""
    alive = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return alive


def _wal_size(library: Path) -> int:
    try:
        return (library / f"{DB_NAME}-wal").stat().st_size
    except OSError:
        return -1


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object], float]:
    """The sources, the logical content of an uninterrupted run, and its wall time."""
    root = tmp_path_factory.mktemp("crash")
    sources = _sources(root / "sources")
    times = []
    for name in ("reference", "warm"):  # the second run is timed: its imports come from a warm cache, as later ones
        started = time.monotonic()
        proc = _start(sources, root / name, "--bm25-only")
        _, stderr = proc.communicate(timeout=300)
        times.append(time.monotonic() - started)
        assert proc.returncode == 0, stderr
        assert_consistent(root / name)
    assert fingerprint(root / "warm") == fingerprint(root / "reference")
    return sources, fingerprint(root / "reference"), times[-1]


# Documents each killed run had committed (-1: killed before the library existed), for the spread test.
COMMITTED: list[int] = []


def _after_the_kill(library: Path, sources: Path, want: dict[str, object]) -> None:
    COMMITTED.append(fingerprint(library).get("documents", -1) if (library / DB_NAME).exists() else -1)
    if (library / DB_NAME).exists():
        assert_consistent(library, complete=False)
        stats = run_cli("index", "stats", "--json", "--library", library)
        assert stats.returncode == 0 and "Traceback" not in stats.stderr, stats.stderr
    rerun = run_cli("index", "add", sources, "--library", library, "-q", "--bm25-only")
    assert rerun.returncode == 0 and "Traceback" not in rerun.stderr, rerun.stderr
    assert_consistent(library)
    assert fingerprint(library) == want


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_killed_after_a_delay_the_library_is_consistent_and_a_rerun_completes_it(reference, tmp_path, fraction):
    sources, want, took = reference
    library = tmp_path / "library"
    proc = _start(sources, library, "--bm25-only")
    time.sleep(fraction * took)
    assert _kill(proc), f"the run ended before {fraction:.0%} of its usual time"
    _after_the_kill(library, sources, want)


@pytest.mark.parametrize("commit", ON_COMMIT)
def test_killed_while_a_commit_is_written_the_library_is_consistent_and_a_rerun_completes_it(
    reference, tmp_path, commit
):
    sources, want, _ = reference
    library = tmp_path / "library"
    proc = _start(sources, library, "--bm25-only")
    seen, last = 0, _wal_size(library)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        size = _wal_size(library)
        if size > last > 0:  # frames are being appended: a transaction is being written or was just
            seen += 1
            if seen >= commit:
                break
        last = size
        time.sleep(0.001)
    assert _kill(proc), "the run ended before it could be killed on a commit"
    _after_the_kill(library, sources, want)


def test_the_kill_points_spread_over_the_whole_run(reference):
    # Runs after the kills (file order): they must have hit before the library existed or was written,
    # and between several different commits, not all at one place.
    _, want, _ = reference
    assert len(COMMITTED) == len(FRACTIONS) + len(ON_COMMIT)
    assert min(COMMITTED) <= 0, COMMITTED
    partial = {n for n in COMMITTED if 0 < n < want["documents"]}
    assert len(partial) >= 4, COMMITTED
