"""Verdict benchmarks: SciFact abstract-level scoring, error causes and the choice of abstracts to predict on
hand-made examples, and the bench path end to end on a tiny hand-written corpus (tests/fixtures/verdicts)
with the real models."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from corroborate import bench
from corroborate.aggregate import aggregate
from corroborate.bench.abstract_level import SelectionPolicy, choose_policy, select_abstracts
from corroborate.bench.harness import BenchContext
from corroborate.bench.quality import _LibraryMap
from corroborate.bench.verdicts import (
    SIMILARITY_GRID,
    GoldAbstract,
    PredictedAbstract,
    abstract_scores,
    classify_errors,
    decisive_abstracts,
    document_labels,
    gated_verdicts,
    given_evidence,
    read_labelled_claims,
    scifact,
)
from corroborate.cli import main
from corroborate.config import Settings
from corroborate.records import Claim, Evidence, Judgement, Label

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "verdicts"


def test_verdict_benchmarks_are_registered() -> None:
    assert {"scifact", "healthver", "fm2"} <= set(bench.BENCHMARKS)


# -- scoring ------------------------------------------------------------------------------------


def _gold(label: str, *sets: set[int]) -> GoldAbstract:
    return GoldAbstract(label, tuple(frozenset(s) for s in sets))


def test_abstract_scores_on_the_official_worked_example() -> None:
    # allenai/scifact doc/evaluation.md: abstract 11 right (label, and evidence set [11] among the
    # predicted sentences), abstract 16 not gold, abstract 15 missed: P = R = F1 = 1/2 both ways.
    gold = {52: {"11": _gold("SUPPORT", {0, 1}, {11}), "15": _gold("SUPPORT", {4})}}
    predicted = {52: {"11": PredictedAbstract("SUPPORT", (1, 11, 13)), "16": PredictedAbstract("CONTRADICT", (18, 20))}}
    scores = abstract_scores(gold, predicted)
    assert scores["gold_abstracts"] == 2 and scores["predicted_abstracts"] == 2
    for level in ("label_only", "rationale_selected"):
        assert scores[level] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "correct": 1}


def test_rationale_counts_only_the_first_three_sentences_and_labels_must_match() -> None:
    gold = {
        1: {"a": _gold("SUPPORT", {2})},
        2: {"b": _gold("CONTRADICT", {0, 1})},
        3: {"c": _gold("SUPPORT", {5})},
    }
    predicted = {
        1: {"a": PredictedAbstract("SUPPORT", (7, 8, 9, 2))},  # label right, rationale 4th: label-only only
        2: {"b": PredictedAbstract("CONTRADICT", (1, 0))},  # the whole set {0, 1}: right both ways
        3: {"c": PredictedAbstract("CONTRADICT", (5,))},  # wrong label: wrong both ways
        4: {"d": PredictedAbstract("SUPPORT", (0,))},  # a claim without evidence: a false positive
    }
    scores = abstract_scores(gold, predicted)
    assert scores["label_only"] == {"precision": 0.5, "recall": pytest.approx(0.6667, abs=1e-4),
                                    "f1": pytest.approx(0.5714, abs=1e-4), "correct": 2}  # fmt: skip
    assert scores["rationale_selected"]["correct"] == 1
    assert scores["rationale_selected"]["precision"] == 0.25
    assert abstract_scores(gold, {})["label_only"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "correct": 0}


def test_error_classification_on_a_hand_made_example() -> None:
    gold = {
        1: {"A": _gold("SUPPORT", {2}), "B": _gold("CONTRADICT", {0})},
        2: {"C": _gold("SUPPORT", {1})},
        3: {"D": _gold("CONTRADICT", {3})},
        4: {"E": _gold("SUPPORT", {0})},
        5: {"H": _gold("SUPPORT", {1})},
    }
    predicted = {
        1: {"A": PredictedAbstract("SUPPORT", (2,)), "B": PredictedAbstract("SUPPORT", (0,))},
        2: {"G": PredictedAbstract("SUPPORT", (0,))},
        4: {"F": PredictedAbstract("CONTRADICT", (1,))},
    }
    judged = {
        1: {"A": frozenset({2}), "B": frozenset({0, 4})},  # B: rationale judged, wrong label
        2: {"C": frozenset({4}), "G": frozenset({0})},  # C: judged, but not its rationale sentence
        3: {"D": frozenset({3})},  # D: rationale judged, nothing decisive
        4: {"F": frozenset({1})},  # E: never judged, though its passage was ranked
        5: {},  # H: never judged nor ranked
    }
    ranked = {4: frozenset({"E", "F"}), 5: frozenset()}
    cited = {4: frozenset({"E", "F"})}
    errors = classify_errors(gold, predicted, judged, ranked, cited)
    assert errors["gold_missed_or_wrong"] == 5
    assert errors["retrieval_miss"] == 2 and errors["evidence_selection_miss"] == 1 and errors["wrong_verdict"] == 2
    assert errors["by_kind"] == {
        "evidence_selection_miss": 1,
        "retrieval_miss.not_ranked": 1,
        "retrieval_miss.ranked": 1,
        "wrong_verdict.not_decisive": 1,
        "wrong_verdict.wrong_label": 1,
    }
    assert errors["false_positives"] == {"CONTRADICT": 1, "CONTRADICT.cited_without_evidence": 1, "SUPPORT": 1}
    kinds = {(c["claim"], c["doc"]): c["kind"] for c in errors["cases"]}
    assert kinds[(1, "B")] == "wrong_verdict.wrong_label" and kinds[(2, "C")] == "evidence_selection_miss"
    assert (1, "A") not in kinds


def _judgement(doc: str, start: int, e: float, c: float) -> Judgement:
    ev = Evidence(doc, "", doc, None, f"sentence {doc}{start}", start, start + 10, "", "", 1.0, 1.0)
    return Judgement(ev, e, round(1 - e - c, 4), c)


def test_each_document_gets_the_label_its_own_judgements_aggregate_to() -> None:
    claim = Claim("c1", "A claim.", "A claim.", 0, 8, 1.0)
    judgements = [
        _judgement("x", 0, 0.9, 0.05),
        _judgement("x", 20, 0.7, 0.1),
        _judgement("y", 0, 0.05, 0.8),
        _judgement("z", 0, 0.3, 0.3),  # not decisive: no prediction
    ]
    verdict = aggregate(claim, judgements, 0.6)
    assert verdict.label == Label.SUPPORTED  # the claim's verdict takes the stronger side …
    labels = document_labels(verdict, 0.6)  # … but every document with decisive evidence is predicted
    assert {d: x.label for d, x in labels.items()} == {"x": "SUPPORT", "y": "CONTRADICT"}
    assert [j.evidence.start for j in labels["x"].deciding] == [0, 20]  # the deciding sentences, strongest first
    assert {d: x.strength for d, x in labels.items()} == {"x": 0.9, "y": 0.8}  # each document's strongest sentence


# -- which decisive abstracts to predict ----------------------------------------------------------


def _decisive(verdict_strengths: dict[str, float]) -> dict[str, PredictedAbstract]:
    """Hand-made decisive abstracts of one claim, as the bench builds them from per-document verdicts."""
    claim = Claim("c", "A claim.", "A claim.", 0, 8, 1.0)
    verdict = aggregate(claim, [_judgement(d, 0, p, 0.02) for d, p in verdict_strengths.items()], 0.5)
    return {d: PredictedAbstract(x.label, (0,), x.strength) for d, x in document_labels(verdict, 0.5).items()}


def test_a_top_1_policy_keeps_the_strongest_abstract_and_drops_the_weaker() -> None:
    candidates = _decisive({"weak": 0.7, "strong": 0.9})
    assert list(select_abstracts(candidates, SelectionPolicy(top_k=1))) == ["strong"]
    assert list(select_abstracts(candidates, SelectionPolicy())) == ["strong", "weak"]  # all, strongest first
    assert list(select_abstracts(candidates, SelectionPolicy(min_strength=0.8))) == ["strong"]
    assert list(select_abstracts(candidates, SelectionPolicy(min_ratio=0.8))) == ["strong"]  # 0.7 < 0.8 × 0.9
    assert list(select_abstracts(candidates, SelectionPolicy(min_ratio=0.75))) == ["strong", "weak"]
    # Equal strengths: top-1 takes the smaller abstract id, whatever the order they came in.
    assert list(select_abstracts(_decisive({"b": 0.8, "a": 0.8}), SelectionPolicy(top_k=1))) == ["a"]
    assert select_abstracts({}, SelectionPolicy(top_k=1)) == {}
    assert SelectionPolicy(top_k=1, min_strength=0.6).describe() == "top 1, strength ≥ 0.6"
    assert SelectionPolicy().describe() == "all decisive abstracts"


def test_a_rank_limit_keeps_only_abstracts_retrieval_ranked_high_enough() -> None:
    # The strongest decision is in the abstract retrieval ranked third: a rank limit of 2 passes it over.
    ranks = {"first": 0, "third": 2, "unranked": None}
    strengths = {"first": 0.7, "third": 0.95, "unranked": 0.9}
    candidates = {d: replace(p, rank=ranks[d]) for d, p in _decisive(strengths).items()}
    assert list(select_abstracts(candidates, SelectionPolicy(top_k=1))) == ["third"]
    assert list(select_abstracts(candidates, SelectionPolicy(top_k=1, max_rank=2))) == ["first"]
    assert list(select_abstracts(candidates, SelectionPolicy(max_rank=3))) == ["third", "first"]
    # The ratio is taken to the strongest abstract the rank limit admits, not to one it drops.
    assert list(select_abstracts(candidates, SelectionPolicy(min_ratio=0.9, max_rank=2))) == ["first"]
    assert select_abstracts({"x": replace(candidates["first"], rank=None)}, SelectionPolicy(max_rank=5)) == {}
    assert SelectionPolicy(top_k=1, min_strength=0.6, max_rank=1).describe() == (
        "top 1, strength ≥ 0.6, among the first 1 retrieved"
    )
    assert SelectionPolicy(**SelectionPolicy(top_k=2, max_rank=3).as_dict()) == SelectionPolicy(top_k=2, max_rank=3)


def test_decisive_abstracts_carry_their_retrieval_rank() -> None:
    claim = Claim("c", "A claim.", "A claim.", 0, 8, 1.0)
    verdict = aggregate(claim, [_judgement("d1", 0, 0.9, 0.02), _judgement("d2", 0, 0.8, 0.02)], 0.5)
    lib = _LibraryMap(passage_doc={}, corpus_id={"d1": "101", "d2": "202"}, sentences={})
    spans = {"101": [(0, 10)], "202": [(0, 10)]}
    predicted = decisive_abstracts(verdict, lib, spans, 0.5, ["303", "202"])
    assert {k: p.rank for k, p in predicted.items()} == {"101": None, "202": 1}


def test_the_grid_search_picks_the_policy_with_the_best_f1_on_the_given_claims() -> None:
    gold = {1: {"a": _gold("SUPPORT", {0})}, 2: {"c": _gold("SUPPORT", {0})}}
    predicted = {1: _decisive({"a": 0.9, "b": 0.7}), 2: _decisive({"c": 0.6})}
    grid = [SelectionPolicy(), SelectionPolicy(min_strength=0.8), SelectionPolicy(top_k=1)]
    policy, rows = choose_policy(gold, predicted, grid)
    assert policy == SelectionPolicy(top_k=1)  # drops b, keeps c (the only one of claim 2)
    assert [r["f1"] for r in rows] == [0.8, pytest.approx(0.6667, abs=1e-4), 1.0]
    assert [r["predicted_abstracts"] for r in rows] == [3, 1, 2]


def test_grid_search_ties_go_to_higher_precision_then_to_grid_order() -> None:
    gold = {1: {g: _gold("SUPPORT", {0}) for g in ("g1", "g2", "g3", "g4")}}
    order = {"g1": 0.95, "g2": 0.9, "x1": 0.85, "x2": 0.8, "g3": 0.7, "x3": 0.65, "x4": 0.6, "x5": 0.55}
    predicted = {1: _decisive(order)}
    # Top 4: 2 right of 4 (P 0.5, R 0.5); top 8: 3 right of 8 (P 0.375, R 0.75): both F1 0.5.
    policy, rows = choose_policy(gold, predicted, [SelectionPolicy(top_k=8), SelectionPolicy(top_k=4)])
    assert [r["f1"] for r in rows] == [0.5, 0.5] and policy == SelectionPolicy(top_k=4)
    # The same predictions from two policies: the first in the grid wins, either way round.
    same = [SelectionPolicy(min_strength=0.8), SelectionPolicy(top_k=4)]
    assert choose_policy(gold, predicted, same)[0] == same[0]
    assert choose_policy(gold, predicted, same[::-1])[0] == same[1]
    with pytest.raises(ValueError):
        choose_policy(gold, predicted, [])


def test_a_gate_applied_after_the_run_drops_the_far_sentences_and_aggregates_again() -> None:
    claim = Claim("c", "A claim.", "A claim.", 0, 8, 1.0)
    verdict = aggregate(claim, [_judgement("near", 0, 0.9, 0.02), _judgement("far", 0, 0.02, 0.95)], 0.5)
    assert verdict.label == Label.CONFLICTING
    sims = [[0.9 if j.evidence.doc_id == "near" else 0.3 for j in verdict.considered]]
    (gated,) = gated_verdicts([verdict], sims, 0.65, 0.5)
    assert gated.label == Label.SUPPORTED and [j.evidence.doc_id for j in gated.considered] == ["near"]
    assert gated_verdicts([verdict], sims, 0.0, 0.5)[0].label == Label.CONFLICTING  # 0: nothing dropped


def test_labelled_claims_read_refute_as_contradict() -> None:
    claims = read_labelled_claims(FIXTURES / "scifact" / "claims_dev.jsonl")
    assert [c.id for c in claims] == [1, 2, 3, 4]
    assert claims[1].gold["102"] == _gold("CONTRADICT", {1})
    assert [c.label for c in claims] == [Label.SUPPORTED, Label.REFUTED, Label.SUPPORTED, Label.NOT_ENOUGH_EVIDENCE]


def test_given_evidence_is_cut_into_sentences_with_offsets() -> None:
    evs = given_evidence("d", "d.csv#1", ["One sentence here. Another one follows.", "A second text."])
    assert [e.text for e in evs] == ["One sentence here.", "Another one follows.", "A second text."]
    assert len({e.start for e in evs}) == 3 and all(e.doc_id == "d" for e in evs)
    assert [e.text for e in given_evidence("d", "o", ["Kept whole. Not cut."], split=False)] == ["Kept whole. Not cut."]


# -- end to end ---------------------------------------------------------------------------------


def test_scifact_bench_runs_the_pipeline_on_a_tiny_corpus(tmp_path: Path) -> None:
    # repo=tmp_path: the library is built and cached under tmp_path, never in the checkout's cache.
    ctx = BenchContext(data=FIXTURES, size=None, workdir=tmp_path, repo=tmp_path, echo=lambda _: None)
    out = scifact(ctx)
    r = out["results"]
    assert r["library"]["documents"] == 4 and not r["library"]["reused"]
    assert list(r["splits"]) == ["dev"]  # no claims_test.jsonl in the fixtures
    dev = r["splits"]["dev"]
    a, e = dev["abstract_level"], dev["errors"]
    assert dev["claims"] == 4 and a["gold_abstracts"] == 3
    assert e["gold_missed_or_wrong"] == a["gold_abstracts"] - a["label_only"]["correct"]
    assert e["retrieval_miss"] + e["evidence_selection_miss"] + e["wrong_verdict"] == e["gold_missed_or_wrong"]
    # The walking claim's abstract states it nearly word for word: retrieved, judged, supported.
    assert a["label_only"]["correct"] >= 1 and dev["gold_abstract_judged"] == 3
    assert dev["speed"]["claims_per_s"] > 0 and "dev label-only, selected" in out["key"]
    # The selection policy is chosen on the train claims, then applied to dev: never more than all decisive.
    sel = r["selection"]
    assert sel["chosen_on"] == "train" and sel["claims"] == 4 and sel["grid"]
    assert dev["selected"]["policy"] == sel["policy"]
    chosen = dev["selected"]["abstract_level"]
    assert chosen["predicted_abstracts"] <= a["predicted_abstracts"] and chosen["gold_abstracts"] == 3
    assert "selection policy (chosen on train)" in out["key"] and "dev label-only, all decisive" in out["key"]
    # The similarity gate is scored on train for every value of the grid; 0 keeps every judged sentence.
    gate = r["similarity"]
    assert [g["min_similarity"] for g in gate["grid"]] == list(SIMILARITY_GRID)
    assert gate["setting"] == Settings().min_similarity and gate["best"] in SIMILARITY_GRID
    assert "min_similarity on train (claim-verdict accuracy)" in out["key"]
    # The first-ranked abstract's evidence alone still decides the walking claim; every claim gets a verdict.
    first = dev["claim_level_first_abstract"]
    assert sum(first["verdicts"].values()) == 4 and first["verdicts"].get("SUPPORTED", 0) >= 1
    json.dumps(out)  # the result is JSON-ready
    assert ctx.cache == {}  # nothing left behind for other benchmarks


@pytest.mark.parametrize("name", ["healthver", "fm2"])
def test_given_evidence_benches_run_on_tiny_files(name: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bench", name, "--data", str(FIXTURES), "--out", str(tmp_path), "--no-record"])
    assert result.exit_code == 0, result.output
    [path] = tmp_path.glob(f"{name}-*.json")
    saved = json.loads(path.read_text())
    variants = saved["results"]["variants"]
    assert set(variants) == ({"sentences", "passage"} if name == "healthver" else {"gold", "page"})
    for v in variants.values():
        assert 0.0 <= v["accuracy"] <= 1.0 and sum(v["verdicts"].values()) == (3 if name == "healthver" else 2)


@pytest.mark.parametrize("name", ["scifact", "healthver", "fm2"])
def test_verdict_benchmark_without_data_is_skipped(name: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bench", name, "--data", "/nonexistent", "--out", str(tmp_path), "--no-record"])
    assert result.exit_code == 0, result.output
    assert "skipped:" in result.output and "/nonexistent" in result.output
    assert not list(tmp_path.iterdir())
