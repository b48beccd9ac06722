"""`bench scale` on a tiny workload, for real (worker processes, Ray actors when Ray is installed): every
configuration is measured with its start-up apart, the CPU the workers used, the 2-over-1 speed-ups at one
core per worker, and the issue's targets (issue 18)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corroborate.bench import scaling
from corroborate.bench.harness import BenchContext
from corroborate.store import Store
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


def test_a_tiny_run_reports_every_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaling, "ARTICLES", 4)
    monkeypatch.setattr(scaling, "ROUNDS", 1)
    monkeypatch.setattr(scaling, "WRITER_PASSAGES", 300)
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    ctx = BenchContext(data=None, size=40, workdir=tmp_path, repo=EXAMPLES.parent, echo=lambda _: None)
    result = scaling.scale(ctx)
    r = result["results"]
    kinds = ["local", "ray"] if r["note"] is None else ["local"]
    for job, unit, count in (("indexing", "passages", r["indexing"]["passages"]), ("batch", "articles", 4)):
        table = r[job]
        assert table["single_process"][f"{unit}_per_s"] > 0
        for key in [f"{k}_{w}" for k in kinds for w in (1, 2)] + ["local_1_all_cores"]:
            row = table[key]
            assert row[f"{unit}_per_s"] > row[f"wall_{unit}_per_s"] > 0  # start-up is left out of the rate
            assert row["start_s"] > 0
            (only,) = row["rounds"]
            assert only["items"] == count and only["workers_cpu_s"] > 0
        assert table[f"{kinds[0]}_1"]["cores_per_worker"] == 1
        assert table["local_1_all_cores"]["cores_per_worker"] == len(os.sched_getaffinity(0))
    for kind in kinds:
        for job in ("index", "batch"):
            assert r["speedups"][f"{job}_{kind}_2_over_1"] > 0 and r["speedups"][f"{job}_{kind}_2_over_1_per_cpu"] > 0
    assert r["targets"]["single_writer_passages_per_s"]["value"] == r["writer"]["passages_per_s"] > 0
    assert {f"index_{k}_2_over_1" for k in kinds} <= set(r["targets"])
    assert "start-up" in " ".join(result["key"])


def test_the_single_writer_is_measured_through_index_adds_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each round stores every passage with its vector, committed as `index add` commits, into a library
    that is whole; the median rate and the driver's CPU time are reported."""
    monkeypatch.setattr(scaling, "WRITER_PASSAGES", 300)
    monkeypatch.setattr(scaling, "WRITER_ROUNDS", 2)
    ctx = BenchContext(data=None, size=None, workdir=tmp_path, repo=EXAMPLES.parent, echo=lambda _: None)
    writer = scaling._writer(ctx)
    assert writer["passages"] >= 300 and len(writer["rounds"]) == 2
    assert writer["passages_per_s"] > 0 and writer["passages_per_cpu_s"] > 0
    for n in range(2):
        with Store.open(tmp_path / f"writer-{n}") as store:
            assert store.counts()["passages"] == writer["passages"]
            assert store.passages_without_vectors() == 0 and store.integrity_ok()
            assert store.stats()["vectors"] == writer["passages"] and store.stats()["files"] == writer["files"]
