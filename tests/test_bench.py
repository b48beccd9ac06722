"""`corroborate bench`: results written with machine, commit and command; absent data skipped or replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corroborate import bench
from corroborate.bench.corpus import write_article, write_corpus
from corroborate.bench.harness import BenchSkipped
from corroborate.bench.record import record_result
from corroborate.cli import main
from tests.conftest import ROOT, run_cli


def _only_result(folder: Path, name: str) -> dict:
    files = list(folder.glob(f"{name}-*.json"))
    assert len(files) == 1, files
    return json.loads(files[0].read_text(encoding="utf-8"))


def _benchmarks_md() -> str | None:
    path = ROOT / "BENCHMARKS.md"
    return path.read_text(encoding="utf-8") if path.exists() else None


def test_index_example_writes_a_complete_result(tmp_path: Path) -> None:
    before = _benchmarks_md()
    done = run_cli("bench", "index-example", "--out", tmp_path, "--no-record", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "passages/s" in done.stdout
    result = _only_result(tmp_path, "index-example")
    for key in ("schema_version", "name", "date", "machine", "commit", "command", "data", "results", "key"):
        assert key in result, key
    assert result["name"] == "index-example"
    assert result["command"] == f"corroborate bench index-example --out {tmp_path} --no-record"
    machine = result["machine"]
    assert machine["cpu"] and machine["cores"] >= 1 and machine["platform"]
    r = result["results"]
    assert r["documents"] > 0 and r["passages"] > 0 and r["disk_bytes"] > 0
    rate = r["passages_per_s"]
    assert rate["repeats"] == 5 and len(rate["samples"]) == 5
    assert 0 < rate["min"] <= rate["median"] <= rate["max"]
    assert _benchmarks_md() == before  # --no-record leaves BENCHMARKS.md alone


def test_verifier_option_judges_with_the_named_model(tmp_path: Path) -> None:
    import shutil

    from corroborate.config import BUNDLED_VERIFIERS

    copy = tmp_path / "my-verifier"  # a model folder of the user's own, under another name
    shutil.copytree(BUNDLED_VERIFIERS["v0"], copy, ignore=shutil.ignore_patterns("model.safetensors"))
    done = run_cli("bench", "verifier", "--verifier", copy, "--size", "8", "--out", tmp_path, "--no-record")
    assert done.returncode == 0, done.stderr
    result = _only_result(tmp_path, "verifier")
    assert result["command"] == f"corroborate bench verifier --verifier {copy} --out {tmp_path} --size 8 --no-record"
    assert result["results"]["model"]["name"] == "my-verifier"
    done = run_cli("bench", "verifier", "--verifier", tmp_path / "absent", "--size", "8", "--out", tmp_path)
    assert done.returncode != 0 and "absent" in done.stdout + done.stderr


def test_missing_data_falls_back_to_generated_text(tmp_path: Path) -> None:
    done = run_cli(
        "bench", "index-synthetic", "--data", "/nonexistent", "--size", "150", "--out", tmp_path, "--no-record"
    )
    assert done.returncode == 0, done.stderr
    result = _only_result(tmp_path, "index-synthetic")
    assert "/nonexistent/scifact/corpus.jsonl not found" in result["data"]["fallback"]
    assert result["data"]["documents_by_source"].keys() == {"synthetic"}
    assert result["results"]["passages"] >= 150
    assert result["results"]["passages_per_s"]["median"] > 0


def test_check_bench_times_the_whole_check_and_each_stage(tmp_path: Path) -> None:
    done = run_cli("bench", "check", "--data", "/nonexistent", "--size", "150", "--out", tmp_path, "--no-record")
    assert done.returncode == 0, done.stdout + done.stderr
    r = _only_result(tmp_path, "check")["results"]
    assert r["claims"] > 0 and r["seconds"]["median"] > 0 and r["library_passages"] >= 150
    stages = r["stages"]
    assert stages["extract_claims_s"] > 0 and stages["retrieval_s"] > 0 and stages["api_check_s_model_loaded"] > 0


def test_benchmark_without_its_data_is_skipped_with_exit_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def needs_data(ctx: bench.BenchContext) -> dict:
        if ctx.data_file("scifact/corpus.jsonl") is None:
            raise BenchSkipped(f"{ctx.data}/scifact/corpus.jsonl not found")
        raise AssertionError("should have been skipped")

    monkeypatch.setitem(bench.BENCHMARKS, "needs-data", needs_data)
    result = CliRunner().invoke(
        main, ["bench", "needs-data", "--data", "/nonexistent", "--out", str(tmp_path), "--no-record"]
    )
    assert result.exit_code == 0, result.output
    assert "skipped: /nonexistent/scifact/corpus.jsonl not found" in result.output
    assert not list(tmp_path.iterdir())


def test_unknown_benchmark_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["bench", "no-such-bench", "--no-record"])
    assert result.exit_code == 2
    assert "index-example" in result.output


def test_recording_replaces_the_row_of_the_same_run(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nIntro stays.\n", encoding="utf-8")
    result = {
        "name": "verifier",
        "date": "2026-01-02T03:04:05+00:00",
        "machine": {"cpu": "Test CPU", "cores": 2, "ram_gib": 8.0},
        "commit": "abc1234",
        "command": "corroborate bench verifier",
        "data": {"pairs": "generated"},
        "key": {"pairs/s": "120 pairs/s"},
    }
    record_result(path, result)
    record_result(path, {**result, "key": {"pairs/s": "130 pairs/s"}})
    text = path.read_text(encoding="utf-8")
    assert "Intro stays." in text and "130 pairs/s" in text and "120 pairs/s" not in text
    record_result(path, {**result, "commit": "def5678"})
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("| 2026-")]
    assert len(rows) == 2


def test_generated_inputs_are_deterministic(tmp_path: Path) -> None:
    texts = []
    for run in ("a", "b"):
        corpus = write_corpus(None, 60, tmp_path / run)
        write_article(corpus.documents, tmp_path / run / "article.md", words=300)
        texts.append([p.read_bytes() for p in sorted((tmp_path / run).iterdir())])
    assert texts[0] == texts[1]
    assert corpus.passages >= 60
