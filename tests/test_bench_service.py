"""`corroborate bench service-check`: the check benchmark through the real service on loopback (never timed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate import bench
from corroborate.bench import service_check, summary
from corroborate.bench.harness import write_result
from tests.test_bench_summary import MACHINE, _row


def test_service_check_runs_end_to_end_on_a_tiny_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_check, "SERVICE_REPEATS", 2)  # the real service, fewer timed checks
    [outcome] = bench.run("service-check", data=Path("/nonexistent"), out=tmp_path, size=150, record=False)
    assert outcome.status == "ok", outcome.message
    assert outcome.result is not None
    r = outcome.result["results"]
    assert r["seconds"]["repeats"] == 2 and 0 < r["p50_s"] <= r["max_s"]
    assert r["new_articles_seconds"]["repeats"] == 2 and r["new_articles_p50_s"] > 0  # other articles, once each
    assert outcome.result["key"]["a new article each time"].startswith("p50 ")
    assert r["cpu_seconds"]["median"] > 0 and r["new_articles_cpu_seconds"]["repeats"] == 2  # the service's CPU
    assert r["first_check_s"] > 0 and r["service_start_s"] > 0
    assert r["claims"] > 0 and sum(r["verdicts"].values()) == r["claims"] and r["library_passages"] >= 150
    assert outcome.result["data"]["fallback"]  # generated text: the summary does not count it
    assert outcome.result["key"]["through the service"].startswith("p50 ")
    assert list(tmp_path.glob("service-check-*.json"))


def test_the_summary_reads_the_service_row_from_a_service_check_result(tmp_path: Path) -> None:
    result = {
        "schema_version": "1.0",
        "name": "service-check",
        "date": "2026-12-07T10:00:00+00:00",
        "machine": MACHINE,
        "commit": "abc1234",
        "command": "corroborate bench service-check",
        "data": {},
        "results": {},
        "key": {
            "through the service": "p50 1.23 s, max 1.61 s (min 1.20, n=10)",
            "claims": "46 (72 evidence pairs)",
        },
    }
    write_result(tmp_path / "bench-results", result)
    block = summary.build(tmp_path / "bench-results", tmp_path / "BENCHMARKS.md")
    row = _row(block, "check time, in the service")
    assert row[1:5] == ["≤ 1.5 s", "p50 1.23 s, max 1.61 s ✓", "–", "`corroborate bench service-check`"]
    assert row[5].startswith("2026-12-07 · `abc1234`")
