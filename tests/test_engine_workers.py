"""Engines keep their workers between calls with an equal factory (index add's reading and embedding run on
the same started workers), `start` builds them ahead of the work, `cores` pins each worker to that many cores,
and the vectors embedded on workers are those one process makes, to the bit (issue 18)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from corroborate import Library
from corroborate.batch import index_sources
from corroborate.bench.corpus import synthetic_documents
from corroborate.engines import open_engine
from corroborate.indexing import worker_factory

os.environ["RAY_USAGE_STATS_ENABLED"] = "0"


@dataclass(frozen=True)
class Whoami:
    """A factory whose workers answer with their process id and how many cores they may run on."""

    tag: str = "a"

    def __call__(self) -> Callable[[int], tuple[int, int]]:
        return lambda _item: (os.getpid(), len(os.sched_getaffinity(0)))


def test_the_local_engine_keeps_its_workers_for_an_equal_factory_and_ends_them_for_another() -> None:
    with open_engine("local", workers=2, cores=1) as engine:
        engine.start(Whoami())
        started = set(engine.pids)
        assert len(started) == 2
        first = dict(engine.imap(Whoami(), range(6)))
        assert {pid for pid, _ in first.values()} <= started
        assert {cores for _, cores in first.values()} == {1}
        again = dict(engine.imap(Whoami(), range(6)))  # an equal factory: the same processes
        assert {pid for pid, _ in again.values()} <= started
        other = dict(engine.imap(Whoami("b"), range(6)))  # another factory: new processes
        assert not {pid for pid, _ in other.values()} & started
    assert engine.pids == []  # closed: its workers are gone


def test_one_worker_takes_every_core_unless_told_otherwise() -> None:
    cores = len(os.sched_getaffinity(0))
    with open_engine("local", workers=1) as engine:
        assert {c for _, c in dict(engine.imap(Whoami(), range(2))).values()} == {cores}
    with open_engine("local", workers=1, cores=1) as engine:
        assert {c for _, c in dict(engine.imap(Whoami(), range(2))).values()} == {1}


def test_cores_must_be_positive() -> None:
    with pytest.raises(ValueError, match="cores"):
        open_engine("local", workers=1, cores=0)


def _vectors(library: Path) -> list[tuple[str, int, bytes]]:
    with sqlite3.connect(library / "corroborate.sqlite") as conn:
        return conn.execute(
            "SELECT d.text, p.idx, v.vector FROM passages p JOIN documents d ON d.id = p.doc_id "
            "JOIN passage_vectors v ON v.passage_id = p.id ORDER BY d.text, p.idx"
        ).fetchall()


def test_index_add_on_started_workers_embeds_the_vectors_of_one_process_to_the_bit(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    # Over one 256-passage embedding window, with passages of many lengths: the int8 encoder quantises each
    # batch with its own scale, so only the very batches one process runs give the same bits.
    for n, doc in zip(range(330), synthetic_documents(seed=3), strict=False):
        (sources / f"doc-{n:03d}.txt").write_text(doc.text, encoding="utf-8")
    with Library.open(tmp_path / "one", create=True) as lib:
        assert lib.add([sources]).ok
    with Library.open(tmp_path / "two", create=True) as lib, open_engine("local", workers=2, cores=1) as engine:
        engine.start(worker_factory(lib.store, lib.settings))
        started = set(engine.pids)
        report = index_sources(lib, [sources], engine)
        assert report.ok and report.passages > 300
        assert set(engine.pids) == started  # reading and embedding ran on the workers started first
    one, two = _vectors(tmp_path / "one"), _vectors(tmp_path / "two")
    assert len(one) == report.passages
    assert two == one


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs 2 cores")
def test_a_starting_worker_waits_for_the_core_slot_a_previous_worker_frees(tmp_path: Path) -> None:
    import fcntl
    import subprocess
    import sys
    import time

    cores = sorted(os.sched_getaffinity(0))
    # Both one-core slots held, as by the workers of an engine that is still ending (its own TMPDIR: no
    # other job's workers on this machine take part).
    locks = [open(tmp_path / f"corroborate-cores-{os.getuid()}-1-{slot}.lock", "a") for slot in (0, 1)]  # noqa: SIM115
    for handle in locks:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    code = "from corroborate.engines.base import claim_cores; print('trying', flush=True); print(claim_cores(1))"
    child = subprocess.Popen(
        [sys.executable, "-c", code], env={**os.environ, "TMPDIR": str(tmp_path)}, stdout=subprocess.PIPE, text=True
    )
    freed = 1 - child.pid % 2  # not the slot its process id falls in, which it would share without waiting
    assert child.stdout is not None and child.stdout.readline().strip() == "trying"
    time.sleep(0.5)  # it found both slots held
    locks[freed].close()
    out, _ = child.communicate(timeout=60)
    locks[1 - freed].close()
    assert out.strip() == str(cores[freed : freed + 1])
