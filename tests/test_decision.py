"""The claim-level decision model (issue 15, item 3): all of a claim's judgements weighed together into one
verdict, its probability the confidence; the rules stay for verifiers without a fitted model."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from corroborate.aggregate import aggregate
from corroborate.api import claims_from_text, decision_model
from corroborate.config import Settings
from corroborate.decision import CLASSES, FEATURES, DecisionModel, Judged, features, load_decision_model
from corroborate.errors import ModelError
from corroborate.records import Evidence, Judgement, Label


def _model(read: int = 8, **weights: dict[str, float]) -> DecisionModel:
    """A model whose logit for each class is the sum of the named (unscaled) features times the weight."""
    rows = []
    for cls in CLASSES:
        w = weights.get(cls, {})
        rows.append(tuple(w.get(name, 0.0) for name in FEATURES))
    n = len(FEATURES)
    return DecisionModel((0.0,) * n, (1.0,) * n, tuple(rows), (0.0, 0.0, 0.0), read)


# Supported when the most similar sentence entails, refuted when it contradicts, else not enough evidence.
TOY = _model(
    **{
        "SUPPORTED": {"entailment of the most similar": 10.0},
        "REFUTED": {"contradiction of the most similar": 10.0},
        "NOT ENOUGH EVIDENCE": {"nothing judged": 5.0},
    }
)
TOY_NEI_BIAS = replace(TOY, bias=(0.0, 0.0, 4.0))


def _judgement(text: str, e: float, n: float, c: float, similarity: float | None, doc: str = "d1") -> Judgement:
    ev = Evidence(doc, "", "", None, text, 0, len(text), "", "", 1.0, 1.0, similarity=similarity)
    return Judgement(ev, e, n, c)


CLAIM = claims_from_text(["The dike was designed by Anton Reiss."])[0]


def test_features_say_when_nothing_was_judged():
    empty = features([])
    assert empty[FEATURES.index("nothing judged")] == 1.0
    one = features([Judged(0.9, 0.05, 0.05, 0.8, "d", None)])
    assert one[FEATURES.index("nothing judged")] == 0.0
    assert one[FEATURES.index("best entailment")] == 0.9
    assert len(one) == len(FEATURES)


def test_the_model_reads_only_the_sentences_most_like_the_claim():
    topical = Judged(0.0, 0.0, 1.0, 0.2, "d2", None)  # a contradiction, but hardly about the claim
    close = Judged(0.95, 0.04, 0.01, 0.9, "d1", None)
    p = TOY.probabilities([topical, close])
    assert max(p, key=p.get) == "SUPPORTED"
    assert sum(p.values()) == pytest.approx(1.0)
    # reading one sentence, the topical one is never read
    assert replace(TOY, read=1).probabilities([topical, close]) == TOY.probabilities([close])


def test_a_topical_contradiction_does_not_refute_under_the_model_while_the_rules_say_refuted():
    topical = _judgement("The 1927 flood destroyed the old dike.", 0.02, 0.03, 0.95, 0.3)
    close = _judgement("Anton Reiss was an engineer.", 0.1, 0.85, 0.05, 0.7)
    rules = aggregate(CLAIM, [topical, close], 0.46)
    assert rules.label is Label.REFUTED
    decided = aggregate(CLAIM, [topical, close], 0.46, model=TOY_NEI_BIAS)
    assert decided.label is Label.NOT_ENOUGH_EVIDENCE
    assert decided.deciding == ()
    assert decided.confidence < 1.0


def test_the_model_s_probability_is_the_confidence_and_the_strongest_sentences_decide():
    strong = _judgement("Anton Reiss designed the dike.", 0.97, 0.02, 0.01, 0.95)
    weak = _judgement("Reiss worked on dikes.", 0.6, 0.3, 0.1, 0.5, doc="d2")
    verdict = aggregate(CLAIM, [weak, strong], 0.46, model=TOY)
    assert verdict.label is Label.SUPPORTED
    assert verdict.deciding[0] is strong
    assert verdict.confidence == pytest.approx(round(TOY.probabilities([judge(strong), judge(weak)])["SUPPORTED"], 4))
    assert verdict.explanation.startswith("supported by 2 source(s)")


def judge(j: Judgement) -> Judged:
    from corroborate.aggregate import judged

    return judged(j)


def test_nothing_judged_is_not_certain_under_the_model():
    verdict = aggregate(CLAIM, [], 0.46, model=TOY)
    assert verdict.label is Label.NOT_ENOUGH_EVIDENCE
    assert verdict.explanation == "no source in the library covers the claim"
    assert 0.0 < verdict.confidence < 1.0


def test_a_saved_model_loads_back_and_a_wrong_one_is_refused(tmp_path: Path):
    path = tmp_path / "decision.json"
    path.write_text(json.dumps(TOY.to_json()), encoding="utf-8")
    assert load_decision_model(path).probabilities([]) == TOY.probabilities([])
    stale = {**TOY.to_json(), "features": list(FEATURES[:-1])}
    path.write_text(json.dumps(stale), encoding="utf-8")
    load_decision_model.cache_clear()
    with pytest.raises(ModelError, match="other features"):
        load_decision_model(path)
    path.write_text("{not json", encoding="utf-8")
    load_decision_model.cache_clear()
    with pytest.raises(ModelError, match="cannot read the decision model"):
        load_decision_model(path)
    load_decision_model.cache_clear()


class _Folder:
    def __init__(self, path: Path) -> None:
        self.path = path


def test_the_decision_model_comes_from_the_verifier_folder_unless_the_rules_are_asked_for(tmp_path: Path):
    assert decision_model(Settings(), _Folder(tmp_path)) is None  # no decision.json: the rules
    (tmp_path / "decision.json").write_text(json.dumps(TOY.to_json()), encoding="utf-8")
    load_decision_model.cache_clear()
    assert decision_model(Settings(), _Folder(tmp_path)) == TOY
    assert decision_model(Settings(decision="rules"), _Folder(tmp_path)) is None
    with pytest.raises(ValueError, match="decision must be auto or rules"):
        Settings(decision="learned")
