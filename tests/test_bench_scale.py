"""The `speed` benchmark (bench/scale.py): a tiny real run end to end, and the --size parser."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from corroborate.bench import BENCHMARKS
from corroborate.bench.harness import default_data_path, repo_root
from corroborate.bench.scale import SizeParam, measure, parse_size


def test_speed_is_registered() -> None:
    assert "speed" in BENCHMARKS


@pytest.mark.parametrize(
    ("text", "size"),
    [("10k", 10_000), ("100k", 100_000), ("1M", 1_000_000), ("1m", 1_000_000), ("2500", 2_500), ("1.5k", 1_500),
     ("10_000", 10_000), (300, 300)],
)  # fmt: skip
def test_size_parser_reads_suffixes(text: str | int, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "ten", "10x", "-5", "0", "1.5", "k", "1e6"])
def test_size_parser_refuses_bad_sizes(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_a_bad_size_is_a_usage_error() -> None:
    @click.command()
    @click.option("--size", type=SizeParam(), default="10k")
    def command(size: int) -> None:
        click.echo(str(size))

    assert CliRunner().invoke(command, []).output.strip() == "10000"
    assert CliRunner().invoke(command, ["--size", "1M"]).output.strip() == "1000000"
    bad = CliRunner().invoke(command, ["--size", "lots"])
    assert bad.exit_code == 2
    assert "not a size" in bad.output


def test_a_tiny_run_reports_every_number(tmp_path: Path) -> None:
    data = default_data_path(repo_root())
    work = tmp_path / "work-speed-150"
    result = measure(data, 150, work, embed_sample=30, queries=15, echo=lambda _: None)
    assert not work.exists(), "the work folder is removed unless keep"
    r = result["results"]
    assert r["passages"] >= 150
    assert r["bm25_index"]["passages_per_s"] > 0 and r["bm25_index"]["disk_bytes"] > 0
    assert r["dense_index_sample"]["passages"] >= 30
    assert 0 < r["dense_index_sample"]["encode_share"] <= 1
    assert r["dense_index_sample"]["extrapolated_hours_for_size"] > 0
    assert r["vectors"]["vectors"] == r["passages"]
    assert r["vectors"]["hnsw_vectors_per_s"] > 0
    assert r["files_bytes"]["corroborate.sqlite"] > 0 and r["files_bytes"]["vectors.usearch"] > 0
    for mode in ("bm25", "dense", "hybrid", "evidence_hybrid"):
        stats = r["queries"][mode]
        assert stats["queries"] == 15
        assert 0 < stats["p50_ms"] <= stats["p95_ms"] <= stats["max_ms"]
    assert r["queries"]["peak_rss_mib"] > 0
    assert set(r["queries"]["bm25_breakdown_ms"]) == {
        "passage_count", "document_frequencies", "search_passages", "search_passages_exact",
    }  # fmt: skip
    assert 0 <= r["queries"]["bm25_bounded"]["bounded"] <= r["queries"]["bm25_bounded"]["queries"]
    if "skipped" not in r["bm25s"]:
        assert r["bm25s"]["p50_ms"] > 0 and r["ratios_ours_over_bm25s"]["index_s"] > 0
    assert set(r["targets"]) == {
        "query_p95_ms", "bm25_index_passages_per_s", "dense_index_passages_per_s", "memory_mib",
    }  # fmt: skip
    assert "synthetic vectors" in result["data"]["vectors"]
    assert "extrapolated" in result["key"]["with embeddings"]
