"""`corroborate bench summary`: the table of current numbers from bench-results/ JSON and BENCHMARKS.md history."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from corroborate.bench import summary
from corroborate.bench.harness import write_result
from corroborate.bench.record import record_result
from corroborate.cli import main
from tests.conftest import ROOT, run_cli

MACHINE = {"cpu": "Test CPU", "cores": 2, "ram_gib": 8.0, "load_average": [1.0, 1.0, 1.0],
           "load_average_after": [1.2, 1.0, 1.0]}  # fmt: skip


def _result(name: str, date: str, key: dict[str, str], command: str | None = None, **extra: object) -> dict:
    """A result shaped as the harness writes it (the fields `record` and `summary` read)."""
    return {
        "schema_version": "1.0",
        "name": name,
        "date": date,
        "machine": MACHINE,
        "commit": "abc1234",
        "command": command or f"corroborate bench {name}",
        "data": {},
        "results": {},
        "key": key,
        **extra,
    }


def _claims_news(date: str, ok: str, seconds: str) -> dict:
    return _result("claims-news", date, {
        "claims": "572",
        "judged OK": f"{ok} (572 judged, 0 not)",
        "judged wrong ref / unfaithful / ungrammatical": "0.030 / 0.059 / 0.065",
        "speaker acc. (reported)": "0.710",
        "important missed / article": "1.63",
        "s / 1,000 words": seconds,
    }, "corroborate bench claims-news --data ../shared/data")  # fmt: skip


CHECK_KEY = {
    "end to end": "11.08 s (min 11.01, max 12.05, n=3)",
    "claims": "46 (0.241 s/claim, 72 evidence pairs)",
    "target ≤ 10 s": "not met",
}


def _benchmarks_md(tmp_path: Path) -> Path:
    """A BENCHMARKS.md with a title, prose, and history tables written by `record_result`."""
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nProse stays as written.\n\n### check\n\nA note under check.\n", encoding="utf-8")
    record_result(path, _result("check", "2026-11-22T10:00:00+00:00", {**CHECK_KEY, "end to end": "2.76 s (n=3)"}))
    record_result(path, _result("check", "2026-11-23T10:00:00+00:00", CHECK_KEY))
    # A later check run on generated text and one with another verifier do not measure what the row means.
    record_result(path, _result("check", "2026-11-24T10:00:00+00:00", {**CHECK_KEY, "end to end": "0.50 s"},
                                "corroborate bench check --data /nonexistent --size 150"))  # fmt: skip
    record_result(path, _claims_news("2026-12-01T10:00:00+00:00", "0.100", "0.90"))
    return path


def _row(block: str, label: str) -> list[str]:
    for line in block.splitlines():
        if line.startswith(f"| {label} |"):
            return [c.strip() for c in line.strip().strip("|").split(" | ")]
    raise AssertionError(f"no row {label!r} in:\n{block}")


def test_now_comes_from_the_newest_json_else_the_history_marked_so(tmp_path: Path) -> None:
    md = _benchmarks_md(tmp_path)
    results = tmp_path / "bench-results"
    write_result(results, _claims_news("2026-12-06T17:32:34+00:00", "0.308", "0.57"))
    write_result(results, _claims_news("2026-12-06T14:00:00+00:00", "0.264", "0.54"))  # older, same day
    write_result(results, _result("scifact", "2026-12-06T16:37:35+00:00", {
        "dev claim verdicts": "acc 0.527, macro-F1 0.507",
        "test label-only, selected": "P 0.420 R 0.365 F1 0.390 (193 predicted)",
        "test claim verdicts": "acc 0.537, macro-F1 0.538; from the first-ranked abstract's evidence only "
                               "(diagnostic) acc 0.530, macro-F1 0.523",
    }))  # fmt: skip
    (results / "notes.json").write_text("[1, 2]", encoding="utf-8")  # not a result: passed over

    block = summary.build(results, md)

    ok = _row(block, "news claims judged OK")
    assert ok[1:5] == ["≥ 0.90", "0.308 ✗", "0.208 (`63f68ca`, issue 14 filed)",
                       "`corroborate bench claims-news --data ../shared/data`"]  # fmt: skip
    assert ok[5] == "2026-12-06 · `abc1234` · Test CPU, 2 cores, 8 GiB"  # a JSON: not marked history
    assert _row(block, "claims time per 1,000 words, models loaded")[2] == "0.57 s ✓"
    assert _row(block, "SciFact claim accuracy (test)")[2] == "0.537 ✗"
    assert _row(block, "SciFact abstract label-only F1 (test)")[2] == "0.390 ✗"
    check = _row(block, "check time, CLI (1,000 words, 10k passages)")
    assert check[2] == "11.08 s ✗"  # the newest history row that ran on real data with the shipped verifier
    assert check[4] == "`corroborate bench check`"
    assert check[5].startswith("2026-11-23 · `abc1234`") and check[5].endswith("· history")


def test_rows_without_a_measurement_say_not_measured(tmp_path: Path) -> None:
    md = _benchmarks_md(tmp_path)
    results = tmp_path / "bench-results"
    # A 100k speed run measures the 100k rows only; the 1M rows stay "not measured".
    write_result(results, _result("speed", "2026-11-22T23:00:00+00:00", {
        "passages": "100,000",
        "BM25-only indexing": "2,115 passages/s (47 s), peak RSS 81 MiB, 314 MiB on disk",
        "with embeddings": "12.2 passages/s on 1,000 passages (99 % encoding); 2.3 h for 100,000 (extrapolated)",
        "query p50/p95 ms": "bm25 25.3/75.5, dense 22.6/32.1, hybrid 54.6/122.8, hybrid evidence 67.1/121.9",
        "query peak RSS": "390 MiB",
        "vs bm25s": "index 9.6 s (ours 4.94×), query p50/p95 5.0/8.2 ms (ours 5.11×/9.24×)",
    }, "corroborate bench speed --size 100000"))  # fmt: skip

    block = summary.build(results, md)

    for label in ("hybrid query p50 / p95, 1M", "memory (peak RSS), 1M", "indexing BM25-only, 1M passages"):
        row = _row(block, label)
        assert row[2:6] == ["not measured", "–", "`corroborate bench speed --size 1M`", "–"], row
    service = _row(block, "check time, in the service")
    assert service[2] == "not measured" and service[5] == "–"
    assert _row(block, "SciFact retrieval nDCG@10, hybrid (dev)")[2] == "not measured"
    hybrid = _row(block, "hybrid query p50 / p95, 100k")
    assert hybrid[2:4] == ["54.6 / 122.8 ms ✗", "bm25s (sparse) 5.0 / 8.2 ms"]
    assert _row(block, "indexing BM25-only, 100k passages")[2:4] == ["2,115/s ✓", "bm25s 10,417/s"]
    assert _row(block, "indexing with embeddings")[2] == "12.2/s ✗"


def test_summary_rewrites_only_its_markers_and_is_idempotent(tmp_path: Path) -> None:
    md = _benchmarks_md(tmp_path)
    results = tmp_path / "bench-results"
    write_result(results, _claims_news("2026-12-06T17:32:34+00:00", "0.308", "0.57"))
    before = md.read_text(encoding="utf-8")

    block, path, changed = summary.update(results, md)
    first = md.read_text(encoding="utf-8")
    assert changed and path == md
    assert first.startswith("# Benchmarks\n\n" + summary.START + "\n" + block + summary.END)
    assert first.count(summary.START) == 1
    assert first.replace(f"{summary.START}\n{block}{summary.END}\n\n", "") == before  # the rest untouched

    assert summary.update(results, md) == (block, md, False)
    assert md.read_text(encoding="utf-8") == first

    # A new result changes only the table; benchmark runs still record into their own markers.
    write_result(results, _claims_news("2026-12-07T09:00:00+00:00", "0.400", "0.50"))
    summary.update(results, md)
    record_result(md, _result("check", "2026-12-07T10:00:00+00:00", {**CHECK_KEY, "end to end": "4.50 s (n=3)"}))
    text = md.read_text(encoding="utf-8")
    assert "| news claims judged OK | ≥ 0.90 | 0.400 ✗ |" in text
    assert "Prose stays as written." in text and "A note under check." in text
    assert "4.50 s (n=3)" in text.split("<!-- bench:check -->", 1)[1]
    assert len(summary.load_history(text)) == 5  # the summary table is not read back as history


def test_the_cli_prints_with_no_record_and_writes_with_record(tmp_path: Path) -> None:
    md = _benchmarks_md(tmp_path)
    results = tmp_path / "bench-results"
    write_result(results, _claims_news("2026-12-06T17:32:34+00:00", "0.308", "0.57"))
    before = md.read_text(encoding="utf-8")
    args = ["bench", "summary", "--out", str(results), "--benchmarks-md", str(md)]

    printed = CliRunner().invoke(main, [*args, "--no-record"])
    assert printed.exit_code == 0, printed.output
    assert "| news claims judged OK | ≥ 0.90 | 0.308 ✗ |" in printed.output
    assert md.read_text(encoding="utf-8") == before

    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    assert f"updated: {md}" in done.stdout
    text = md.read_text(encoding="utf-8")
    assert summary.START in text and "0.308 ✗" in text
    again = run_cli(*args)
    assert f"unchanged: {md}" in again.stdout and md.read_text(encoding="utf-8") == text

    wrong = CliRunner().invoke(main, [*args, "--size", "10k"])
    assert wrong.exit_code == 2 and "summary takes only" in wrong.output
    wrong = CliRunner().invoke(main, ["bench", "check", "--benchmarks-md", str(md), "--no-record"])
    assert wrong.exit_code == 2 and "summary only" in wrong.output


def test_the_checkout_opens_with_the_summary_and_its_history_still_reads() -> None:
    """BENCHMARKS.md: the summary markers once, above every history table, a row for every metric; its
    history tables parse; from them alone the service row reads `bench service-check` (measured since),
    and the 1M rows read the 1M run (measured since), never the 100k row's extrapolation."""
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert text.count(summary.START) == 1 and text.index(summary.END) < text.index("<!-- bench:check -->")
    table = text.split(summary.START, 1)[1].split(summary.END, 1)[0]
    for metric in summary.METRICS:
        assert f"| {metric.label} |" in table, metric.label
    history = summary.load_history(text)
    assert {"check", "speed", "scifact", "claims-news", "calibration"} <= {r.name for r in history}
    rows = summary.summarise(history)
    service = next(r for r in rows if r.metric.label == "check time, in the service")
    assert service.now.startswith("p50 ") and service.result is not None and service.result.name == "service-check"
    for label in ("hybrid query p50 / p95, 1M", "memory (peak RSS), 1M"):
        row = next(r for r in rows if r.metric.label == label)
        assert row.now != summary.NOT_MEASURED and row.result is not None
        assert "--size 1000000" in row.result.command


def test_json_results_are_read_as_their_history_rows_are(tmp_path: Path) -> None:
    result = _claims_news("2026-12-06T17:32:34+00:00", "0.308", "0.57")
    write_result(tmp_path, result)
    md = tmp_path / "BENCHMARKS.md"
    record_result(md, result)
    [from_json] = summary.load_json_results(tmp_path)
    [from_history] = summary.load_history(md.read_text(encoding="utf-8"))
    assert from_history.text.startswith(from_json.text)  # the history row adds the load average
    assert (from_json.commit, from_json.machine, from_json.command) == (
        from_history.commit, from_history.machine, from_history.command)  # fmt: skip
    assert json.loads(next(tmp_path.glob("claims-news-*.json")).read_text(encoding="utf-8"))["key"] == result["key"]


def test_scale_rows_read_the_speed_ups_ray_overhead_and_single_writer(tmp_path: Path) -> None:
    """Issue 18's targets: the worse engine's 2-over-1 speed-up of each job, the worse job's Ray-over-local
    time, and the single writer, from `bench scale`'s key."""
    md = _benchmarks_md(tmp_path)
    record_result(md, _result("scale", "2026-12-07T10:00:00+00:00", {
        "2 over 1 worker (1 core each)": "index_local 1.69, batch_local 1.85, index_ray 1.79, batch_ray 2.04",
        "2 over 1 worker, wall with start-up": "index_local 1.1, batch_local 1.1, index_ray 1.1, batch_ray 1.1",
        "Ray over local at 1 worker (time)": "index_1_worker 0.87, index_1_worker_wall 1.5, "
                                             "index_1_worker_per_cpu 1.0, batch_1_worker 1.05",
        "single writer": "10,512 passages/s (11,600 per CPU-second of the driver)",
    }))  # fmt: skip

    block = summary.build(tmp_path / "bench-results", md)

    assert _row(block, "indexing speed-up, 1 → 2 workers (1 core each)")[2] == "1.69× local, 1.79× Ray ✗"
    assert _row(block, "batch speed-up, 1 → 2 workers (1 core each)")[2] == "1.85× local, 2.04× Ray ✓"
    assert _row(block, "Ray's time over the local engine's, 1 worker")[2] == "0.87× index, 1.05× batch ✓"
    writer = _row(block, "single writer, passages/s committed")
    assert writer[2:4] == ["10,512/s ✗", "2,835/s (first measured, issue 18)"]
    assert writer[5].startswith("2026-12-07 · `abc1234`") and writer[5].endswith("· history")
