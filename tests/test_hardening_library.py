"""The library under stress (issue 16): damaged and empty files, a null vector record, a full disk, a
read-only folder, a second writer, and a run killed in its first seconds.

Real components only: the CLI as a subprocess, real SQLite files, a real 1 MB file system and a real
read-only mount (made in a user and mount namespace with `unshare`, skipped where that is refused).
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import run_cli as cli
from tests.test_indexing import assert_consistent, write_notes

DB_NAME = "corroborate.sqlite"
FERRY = "The Kessel ferry carried 412 passengers on 3 May 2025.\n"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "CORROBORATE_LIBRARY"}


def _can_unshare() -> bool:
    try:
        return subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


needs_unshare = pytest.mark.skipif(not _can_unshare(), reason="user and mount namespaces (unshare -rm) refused here")


def corroborate(*args: str | Path) -> str:
    """A shell command running the CLI as the tests' own interpreter would."""
    return shlex.join([sys.executable, "-m", "corroborate", *map(str, args)])


def in_namespace(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, cwd=cwd, env=_env(), timeout=300
    )


def small_library(tmp_path: Path, *extra: str) -> Path:
    source = tmp_path / "ferry.txt"
    source.write_text(FERRY, encoding="utf-8")
    library = tmp_path / "library"
    proc = cli("index", "add", source, "--library", library, "-q", *extra, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return library


def assert_clean_failure(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    for fragment in fragments:
        assert fragment in proc.stderr, proc.stderr


def count(library: Path, table: str) -> int:
    with closing(sqlite3.connect(library / DB_NAME)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# -- damaged files -------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["stats", "add", "search", "list"])
def test_garbage_pages_after_the_header_say_damaged_and_change_nothing(tmp_path, command):
    library = small_library(tmp_path, "--bm25-only")
    db = library / DB_NAME
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = bytes((i * 151 + 7) % 256 for i in range(len(data) - page))
    db.write_bytes(bytes(data))
    args = {
        "stats": ("index", "stats"),
        "add": ("index", "add", tmp_path / "ferry.txt", "-q"),
        "search": ("search", "ferry"),
        "list": ("index", "list"),
    }[command]
    proc = cli(*args, "--library", library, cwd=tmp_path)
    assert_clean_failure(proc, str(db), "library file is damaged", "restore it from a backup", "index add")
    assert db.read_bytes() == bytes(data)


def test_zero_length_library_file_is_reported_not_reused(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    (library / DB_NAME).write_bytes(b"")
    (tmp_path / "ferry.txt").write_text(FERRY, encoding="utf-8")
    for args in (("index", "stats"), ("index", "add", tmp_path / "ferry.txt", "-q")):
        proc = cli(*args, "--library", library, cwd=tmp_path)
        assert_clean_failure(proc, str(library / DB_NAME), "empty (0 bytes)", "restore it from a backup")
    assert (library / DB_NAME).stat().st_size == 0
    assert sorted(p.name for p in library.iterdir()) == [DB_NAME]


def test_null_vector_record_asks_for_a_rebuild_and_the_rebuild_repairs_it(tmp_path):
    library = small_library(tmp_path)
    (library / "vectors.json").write_text("null", encoding="utf-8")
    proc = cli("search", "ferry", "--mode", "dense", "--library", library, cwd=tmp_path)
    assert_clean_failure(proc, "vectors.json", "corroborate index rebuild")
    assert cli("index", "rebuild", "--library", library, "-q", cwd=tmp_path).returncode == 0
    again = cli("search", "ferry", "--mode", "dense", "--library", library, cwd=tmp_path)
    assert again.returncode == 0 and "Kessel ferry" in again.stdout, again.stderr


# -- a full disk ---------------------------------------------------------------------------------
@needs_unshare
def test_full_disk_during_add_says_so_keeps_what_was_committed_and_a_rerun_completes(tmp_path):
    write_notes(tmp_path / "notes", 3000)
    mount, copy = tmp_path / "small-disk", tmp_path / "copy"
    mount.mkdir()
    library = mount / "library"
    # 2 MB: room for the first commit's log (1,000 notes, ~1.4 MB), not for the second's.
    script = (
        f"mount -t tmpfs -o size=2m tmpfs {mount} && "
        f"{corroborate('index', 'add', tmp_path / 'notes', '--library', library, '--bm25-only', '-q')}; "
        f"echo exit=$?; cp -a {library} {copy}"
    )
    proc = in_namespace(script, tmp_path)
    assert "exit=1" in proc.stdout, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "the disk is full" in proc.stderr and "free some space and run the same command again" in proc.stderr
    assert_consistent(copy)
    kept = count(copy, "files")
    assert 0 < kept < 3000
    assert count(copy, "documents") == kept

    rerun = cli("index", "add", tmp_path / "notes", "--library", copy, "--bm25-only", "-q", cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{kept} unchanged" in rerun.stdout
    assert count(copy, "documents") == 3000
    assert_consistent(copy)


# -- a read-only library -------------------------------------------------------------------------
def _read_only(library: Path, commands: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run shell `commands` with `library` mounted read-only (root cannot write it either)."""
    script = f"mount --bind {library} {library} && mount -o remount,ro,bind {library} && " + "; ".join(
        f"{c}; echo exit=$?" for c in commands
    )
    return in_namespace(script, cwd)


@needs_unshare
@pytest.mark.parametrize("leftovers", [False, True], ids=["closed-cleanly", "with-wal-and-shm"])
def test_read_only_library_can_be_read_and_refuses_writes_without_advising_removal(tmp_path, leftovers):
    library = small_library(tmp_path, "--bm25-only")
    if leftovers:  # a reader holds the WAL open while it is copied: -wal and -shm stay beside the file
        with closing(sqlite3.connect(library / DB_NAME)) as conn:
            conn.execute("SELECT count(*) FROM documents").fetchone()
            assert (library / f"{DB_NAME}-wal").exists() and (library / f"{DB_NAME}-shm").exists()
            (tmp_path / "snapshot").mkdir()
            for p in library.iterdir():
                (tmp_path / "snapshot" / p.name).write_bytes(p.read_bytes())
        library = tmp_path / "snapshot"
    (tmp_path / "new.txt").write_text("The harbour of Kessel has 14 berths.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in library.iterdir()}
    proc = _read_only(
        library,
        [
            corroborate("index", "stats", "--json", "--library", library),
            corroborate("search", "ferry", "--library", library),
            corroborate("index", "add", tmp_path / "new.txt", "--library", library, "-q"),
        ],
        tmp_path,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout.count("exit=0") == 2 and proc.stdout.count("exit=1") == 1, proc.stdout + proc.stderr
    assert '"documents": 1' in proc.stdout
    assert "Kessel ferry" in proc.stdout
    assert "read-only" in proc.stderr and "write permission" in proc.stderr
    assert "remove" not in proc.stderr
    assert {p.name: p.read_bytes() for p in library.iterdir()} == before


@needs_unshare
def test_check_against_a_read_only_library_answers_without_recording_the_run(tmp_path):
    library = small_library(tmp_path)
    article = tmp_path / "article.txt"
    article.write_text("The Kessel ferry carried 214 passengers on 3 May 2025.\n", encoding="utf-8")
    proc = _read_only(
        library, [corroborate("check", article, "--format", "json", "-q", "--library", library)], tmp_path
    )
    assert "exit=0" in proc.stdout, proc.stdout + proc.stderr
    report = json.loads(proc.stdout[: proc.stdout.rindex("exit=0")])
    assert report["claims"]
    assert count(library, "runs") == 0


# -- two writers, and readers beside a writer ----------------------------------------------------
def test_reader_does_not_wait_for_a_writer(tmp_path):
    library = small_library(tmp_path, "--bm25-only")
    with closing(sqlite3.connect(library / DB_NAME, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        started = time.monotonic()
        proc = cli("index", "stats", "--json", "--library", library, cwd=tmp_path)
        took = time.monotonic() - started
        writer.execute("ROLLBACK")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"] == 1
    assert took < 10, took  # not the 30 s busy timeout


def test_second_writer_waits_with_a_message_then_finishes(tmp_path):
    library = small_library(tmp_path, "--bm25-only")
    (tmp_path / "new.txt").write_text("The harbour of Kessel has 14 berths.\n", encoding="utf-8")
    with closing(sqlite3.connect(library / DB_NAME, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        proc = subprocess.Popen(
            [sys.executable, "-m", "corroborate", "index", "add", tmp_path / "new.txt", "--library", library, "-q"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env=_env(),
        )
        time.sleep(6)
        assert proc.poll() is None, proc.communicate()  # still waiting its turn
        writer.execute("ROLLBACK")
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert "library busy: another indexing run is writing; waiting" in stderr
    assert "Traceback" not in stderr
    assert count(library, "documents") == 2


def test_two_concurrent_index_runs_both_complete(tmp_path):
    write_notes(tmp_path / "a", 400)
    (tmp_path / "b").mkdir()
    for i in range(400):
        (tmp_path / "b" / f"memo{i:04d}.txt").write_text(f"Memo {i}: ferry {i} carried {i % 89} passengers.\n")
    library = tmp_path / "library"
    runs = []
    for source in ("a", "b"):
        runs.append(
            subprocess.Popen(
                [sys.executable, "-m", "corroborate", "index", "add", tmp_path / source, "--library", library, "-q"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=tmp_path,
                env=_env(),
            )
        )
        time.sleep(0.3)
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
        assert "Traceback" not in stderr
    assert count(library, "documents") == 800
    assert_consistent(library)


# -- a run killed in its first seconds -----------------------------------------------------------
def test_run_killed_before_any_embedding_keeps_what_it_read_and_a_rerun_completes(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    rows = [
        {"id": f"r{i}", "title": f"Report {i}", "text": f"Gauge {i} on the Ostra read {i % 97} centimetres. " * 4}
        for i in range(1500)
    ]
    (sources / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    library = tmp_path / "library"
    db = library / DB_NAME
    proc = subprocess.Popen(
        [sys.executable, "-m", "corroborate", "index", "add", sources, "--library", library, "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
        env=_env(),
    )
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline and _committed(db) == 0:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert_consistent(library, complete=False)
    # the whole file was committed as soon as it was read, long before its 1500 passages were embedded
    assert count(library, "documents") == 1500
    assert count(library, "passage_vectors") < count(library, "passages")
    refused = cli("search", "gauge", "--mode", "dense", "--library", library, cwd=tmp_path)
    assert_clean_failure(refused, "no vector yet", "index add")

    rerun = cli("index", "add", sources, "--library", library, "-q", cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert "1 unchanged" in rerun.stdout
    assert_consistent(library)
    dense = cli("search", "gauge 12 Ostra", "--mode", "dense", "--library", library, cwd=tmp_path)
    assert dense.returncode == 0 and "Gauge" in dense.stdout, dense.stderr


def _committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0
