"""The claim-level decision model: a claim's judged sentences → P(SUPPORTED), P(REFUTED), P(NOT ENOUGH EVIDENCE).

The verifier reads one sentence at a time and calls many topical sentences contradictions; fixed
thresholds on its probabilities then decide on the wrong sentence. This model weighs all of a claim's
judgements together: the verifier's probabilities of the sentences most like the claim, how like the
claim they are (sentence-vector cosine similarity), how many sentences and documents lean each way,
and the number/date/name check. It is a multinomial logistic regression over `FEATURES`, fitted by
`corroborate.train.decision` on labelled claims the verifier never saw, and shipped as plain numbers
(`models/decision-v1/decision.json`): no training library is needed to use it. Its probabilities are
the verdict's confidence; the fit's held-out calibration error is on its card.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from corroborate.errors import ModelError

__all__ = [
    "CLASSES",
    "DEFAULT_DECISION_MODEL",
    "FEATURES",
    "DecisionModel",
    "Judged",
    "features",
    "load_decision_model",
]

DEFAULT_DECISION_MODEL = Path(__file__).parent / "models" / "decision-v1" / "decision.json"
CLASSES = ("SUPPORTED", "REFUTED", "NOT ENOUGH EVIDENCE")
# Sentences whose similarity to the claim is at least this are "close": a contradiction among them
# means more than one among the topical rest.
CLOSE = 0.65
VERY_CLOSE = 0.75


class Judged(NamedTuple):
    """What the model reads of one judged sentence."""

    entailment: float
    neutral: float
    contradiction: float
    similarity: float
    doc_id: str
    figures: str | None  # FigureCheck.verdict_hint: "contradicts", "consistent" or None


FEATURES = (
    "nothing judged",
    "best entailment",
    "best contradiction",
    "entailment of the most similar",
    "contradiction of the most similar",
    "highest similarity",
    "similarity of the best entailment",
    "similarity of the best contradiction",
    "best entailment x similarity",
    "best contradiction x similarity",
    "mean entailment of the 3 most similar",
    "mean contradiction of the 3 most similar",
    "best entailment among close",
    "best contradiction among close",
    "best entailment among very close",
    "best contradiction among very close",
    "close sentences",
    "share leaning to entailment",
    "share leaning to contradiction",
    "documents leaning to entailment",
    "documents leaning to contradiction",
    "figure contradicts",
    "figure consistent",
    "sentences judged (log)",
)


def features(judged: Sequence[Judged]) -> list[float]:
    """The model's inputs for one claim, in `FEATURES` order (the judgements in any order)."""
    if not judged:
        return [1.0] + [0.0] * (len(FEATURES) - 1)
    by_similarity = sorted(judged, key=lambda j: -j.similarity)
    best_e = max(judged, key=lambda j: j.entailment)
    best_c = max(judged, key=lambda j: j.contradiction)
    top = by_similarity[:3]
    close = [j for j in judged if j.similarity >= CLOSE]
    very_close = [j for j in judged if j.similarity >= VERY_CLOSE]
    leaning_e = [j for j in judged if j.entailment > 0.5]
    leaning_c = [j for j in judged if j.contradiction > 0.5]
    n = len(judged)
    return [
        0.0,
        best_e.entailment,
        best_c.contradiction,
        by_similarity[0].entailment,
        by_similarity[0].contradiction,
        by_similarity[0].similarity,
        best_e.similarity,
        best_c.similarity,
        max(j.entailment * max(j.similarity, 0.0) for j in judged),
        max(j.contradiction * max(j.similarity, 0.0) for j in judged),
        sum(j.entailment for j in top) / len(top),
        sum(j.contradiction for j in top) / len(top),
        max((j.entailment for j in close), default=0.0),
        max((j.contradiction for j in close), default=0.0),
        max((j.entailment for j in very_close), default=0.0),
        max((j.contradiction for j in very_close), default=0.0),
        min(3, len(close)) / 3,
        len(leaning_e) / n,
        len(leaning_c) / n,
        min(3, len({j.doc_id for j in leaning_e})) / 3,
        min(3, len({j.doc_id for j in leaning_c})) / 3,
        float(any(j.figures == "contradicts" for j in close)),
        float(any(j.figures == "consistent" for j in close)),
        math.log1p(n),
    ]


@dataclass(frozen=True)
class DecisionModel:
    """Standardised features → softmax over `CLASSES`. `read` is the number of most similar sentences
    it was fitted to read (the verifier judges those)."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]  # one row per class
    bias: tuple[float, ...]
    read: int
    name: str = "decision-v1"

    def probabilities(self, judged: Sequence[Judged]) -> dict[str, float]:
        """P(class) for one claim from its judged sentences (the `read` most similar are used)."""
        chosen = sorted(judged, key=lambda j: -j.similarity)[: self.read]
        x = [(v - m) / s for v, m, s in zip(features(chosen), self.mean, self.scale, strict=True)]
        logits = [
            b + sum(w * v for w, v in zip(row, x, strict=True)) for row, b in zip(self.weights, self.bias, strict=True)
        ]
        top = max(logits)
        exp = [math.exp(z - top) for z in logits]
        total = sum(exp)
        return {c: e / total for c, e in zip(CLASSES, exp, strict=True)}

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name, "classes": list(CLASSES), "features": list(FEATURES), "read": self.read,
            "mean": list(self.mean), "scale": list(self.scale), "weights": [list(r) for r in self.weights],
            "bias": list(self.bias),
        }  # fmt: skip


@cache
def load_decision_model(path: Path = DEFAULT_DECISION_MODEL) -> DecisionModel:
    """The decision model saved at `path`. Raises `ModelError` when it is missing, malformed or made for
    other features than this code computes."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        if raw["features"] != list(FEATURES) or raw["classes"] != list(CLASSES):
            raise ModelError(f"{path}: made for other features; retrain it with `python -m corroborate.train.decision`")
        return DecisionModel(
            tuple(map(float, raw["mean"])), tuple(map(float, raw["scale"])),
            tuple(tuple(map(float, r)) for r in raw["weights"]), tuple(map(float, raw["bias"])),
            int(raw["read"]), str(raw.get("name", Path(path).parent.name)),
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{path}: cannot read the decision model ({exc}); reinstall corroborate") from exc
