"""Quality benchmarks: the metrics on hand-made rankings, the reranker with the real verifier, absent data."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from corroborate import bench
from corroborate.bench.quality import (
    classification_scores,
    ndcg_at,
    read_claims,
    read_corpus,
    recall_at,
    sentences_found,
)
from corroborate.cli import main
from corroborate.retrieve.rerank import Candidate, candidate_pairs, document_scores, mix, rerank, top_sentences


def test_quality_benchmarks_are_registered() -> None:
    assert {"scifact-retrieval", "pairs"} <= set(bench.BENCHMARKS)


# -- metrics ------------------------------------------------------------------------------------


def test_ndcg_at_10_on_known_rankings() -> None:
    assert ndcg_at(["a", "b", "c"], {"a"}) == 1.0
    assert ndcg_at(["x", "a"], {"a"}) == pytest.approx(1 / math.log2(3))
    # Two relevant, found at ranks 1 and 3: (1 + 1/log2(4)) / (1 + 1/log2(3)).
    assert ndcg_at(["a", "x", "b"], {"a", "b"}) == pytest.approx((1 + 0.5) / (1 + 1 / math.log2(3)))
    assert ndcg_at([f"x{i}" for i in range(10)] + ["a"], {"a"}) == 0.0  # rank 11 is past the cut-off
    assert ndcg_at(["a"], set()) == 0.0


def test_recall_at_k_on_known_rankings() -> None:
    ranking = ["a", "x", "b", "y", "c"]
    assert recall_at(ranking, {"a", "b", "c", "d"}, 1) == 0.25
    assert recall_at(ranking, {"a", "b", "c", "d"}, 3) == 0.5
    assert recall_at(ranking, {"a", "b", "c", "d"}, 100) == 0.75
    assert recall_at(ranking, {"z"}, 10) == 0.0


def test_sentence_matching_by_span_overlap() -> None:
    gold = {("d1", 0, 20), ("d1", 21, 40), ("d2", 0, 10)}
    # A sentence that merges the first two gold ones finds both; one in another document finds nothing.
    assert sentences_found([("d1", 0, 40)], gold) == (2, 3)
    assert sentences_found([("d3", 0, 10)], gold) == (0, 3)
    # A sliver of overlap is not a match: segmenters disagree by a few characters at the edges.
    assert sentences_found([("d2", 8, 30)], gold) == (0, 3)
    assert sentences_found([("d2", 2, 10)], gold) == (1, 3)


def test_classification_scores() -> None:
    gold = ["entailment", "entailment", "contradiction", "contradiction"]
    pred = ["entailment", "neutral", "contradiction", "entailment"]
    scores = classification_scores(gold, pred)
    assert scores["accuracy"] == 0.5
    # entailment: tp 1, fp 1, fn 1 → F1 0.5; contradiction: tp 1, fp 0, fn 1 → F1 2/3.
    assert scores["macro_f1"] == pytest.approx((0.5 + 2 / 3) / 2, abs=1e-4)


def test_scifact_reading_keeps_sentence_spans(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"doc_id": 7, "title": "A title", "abstract": ["First one.", " Second  one. "]}) + "\n",
        encoding="utf-8",
    )
    (doc,) = read_corpus(corpus)
    assert doc.text == "A title\n\nFirst one. Second one."
    assert [doc.text[s:e] for s, e in doc.spans] == ["First one.", "Second one."]
    claims = tmp_path / "claims.jsonl"
    row = {"id": 3, "claim": "C.", "evidence": {"7": [{"sentences": [1], "label": "SUPPORT"}]}, "cited_doc_ids": [7]}
    claims.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (claim,) = read_claims(claims)
    assert claim.cited == {"7"} and claim.rationales == {("7", 1)} and claim.evidence_docs == {"7"}


# -- the reranker -------------------------------------------------------------------------------


def test_top_sentences_by_term_overlap() -> None:
    sentences = ["Cats sleep a lot.", "Aspirin lowers the risk of stroke.", "Aspirin is a drug."]
    assert top_sentences("Aspirin reduces stroke risk.", sentences, 2) == [1, 2]
    assert top_sentences("Aspirin reduces stroke risk.", sentences, 2, weights={"cat": 5.0}) == [0, 1]


def test_mix_keeps_the_tail_in_first_stage_order() -> None:
    candidates = [Candidate(k, s, ("x",)) for k, s in (("a", 3.0), ("b", 2.0), ("c", 1.0), ("d", 0.5))]
    scores = [(0.1, 0), (0.9, 0), (0.5, 0), None]
    assert [r.key for r in mix(candidates, scores, "linear", 1.0)] == ["b", "c", "a", "d"]
    assert [r.key for r in mix(candidates, scores, "linear", 0.0)] == ["a", "b", "c", "d"]
    ranked = mix(candidates, scores, "rrf", 1.0, k=60)
    # a: 1/61 + 1/63, b: 1/62 + 1/61, c: 1/63 + 1/62: b first, then a and c by their sums.
    assert [r.key for r in ranked] == ["b", "a", "c", "d"]
    assert ranked[-1].score is None and ranked[-1].rerank_score is None and ranked[0].first_rank == 2


def test_document_scores_take_the_best_sentence() -> None:
    probs = np.array([[0.1, 0.8, 0.1], [0.7, 0.2, 0.1], [0.2, 0.3, 0.5]])
    scores = document_scores(probs, [(0, 0), (0, 2), (1, 1)], 3)
    assert scores[0] == (pytest.approx(0.8), 2) and scores[1] == (pytest.approx(0.7), 1) and scores[2] is None
    assert document_scores(probs, [(0, 0), (0, 2), (1, 1)], 3, "entailment")[0] == (pytest.approx(0.7), 2)


def test_rerank_with_the_real_verifier_lifts_the_deciding_document(verifier) -> None:
    claim = "Aspirin reduces the risk of stroke."
    candidates = [
        Candidate("topic-only", 3.0, ("Aspirin is sold in many countries.", "Stroke units were opened in 1990.")),
        Candidate("unrelated", 2.0, ("The river flooded the valley in spring.",)),
        Candidate("deciding", 1.0, ("Daily aspirin reduced the risk of stroke by a third in the trial.",)),
    ]
    pairs, owners = candidate_pairs(claim, candidates, 3)
    assert len(pairs) == 4 and owners[-1] == (2, 0) and all(p[1] == claim for p in pairs)
    ranked = rerank(claim, candidates, verifier, top=3, method="linear", weight=1.0)
    assert ranked[0].key == "deciding"
    assert ranked[0].rerank_score > 0.5 and ranked[0].sentence == 0
    # Only the head is reread: with top=2 the third document keeps its place, unscored.
    head_only = rerank(claim, candidates, verifier, top=2)
    assert head_only[-1].key == "deciding" and head_only[-1].rerank_score is None


# -- absent data --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["scifact-retrieval", "pairs"])
def test_quality_benchmark_without_data_is_skipped(name: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bench", name, "--data", "/nonexistent", "--out", str(tmp_path), "--no-record"])
    assert result.exit_code == 0, result.output
    assert "skipped:" in result.output and "/nonexistent" in result.output
    assert not list(tmp_path.iterdir())
