"""SciFact abstract-level predictions: how they are scored, why they are wrong, and which of a claim's
decisive abstracts to predict.

Scoring (Wadden et al. 2020, allenai/scifact doc/evaluation.md): a predicted (claim, abstract, label) is
correct *label-only* when the abstract is one of the claim's gold evidence abstracts and the label
matches; *rationale-selected* also needs one whole gold evidence set among the first three predicted
rationale sentences. Precision = correct / predicted abstracts, recall = correct / gold abstracts.

Selection: the pipeline finds decisive evidence in many abstracts a claim does not cite (the verifier
calls topical sentences decisive), and predicting them all costs most of the precision. A
`SelectionPolicy` keeps, per claim, only the abstracts whose decision strength (the calibrated
probability behind their strongest deciding sentence, as `aggregate` computes it, the number check
included) is high enough, absolutely and relative to the claim's strongest abstract, that retrieval
ranked among the claim's first few abstracts (a topical abstract ranked fifth is rarely the one the
claim is about, however sure the verifier is of one of its sentences), and at most k of them. `choose_policy` picks one from a grid by
label-only F1 on the claims it is given: the bench gives it the SciFact *train* claims, never dev or test.
All functions here are pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MAX_RATIONALE",
    "POLICY_GRID",
    "GoldAbstract",
    "PredictedAbstract",
    "SelectionPolicy",
    "abstract_scores",
    "apply_policy",
    "choose_policy",
    "classify_errors",
    "select_abstracts",
]

MAX_RATIONALE = 3  # the official evaluation reads only the first three predicted sentences of an abstract


@dataclass(frozen=True)
class GoldAbstract:
    """A gold evidence abstract of a claim: its label and its evidence sets (sentence indices)."""

    label: str
    evidence_sets: tuple[frozenset[int], ...]

    @property
    def rationale(self) -> frozenset[int]:
        return frozenset().union(*self.evidence_sets)


@dataclass(frozen=True)
class PredictedAbstract:
    """A predicted evidence abstract: SUPPORT or CONTRADICT, its rationale sentences (best first), its
    decision strength (the calibrated probability behind its strongest deciding sentence; 0 when unknown)
    and its retrieval rank among the claim's abstracts (0 is the best; None when unknown)."""

    label: str
    sentences: tuple[int, ...] = ()
    strength: float = 0.0
    rank: int | None = None


Gold = Mapping[int, Mapping[str, GoldAbstract]]  # claim id → abstract id → gold
Predicted = Mapping[int, Mapping[str, PredictedAbstract]]


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float | int]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "correct": correct}


def abstract_scores(gold: Gold, predicted: Predicted) -> dict[str, Any]:
    """SciFact abstract-level precision, recall and F1, label-only and rationale-selected."""
    n_gold = sum(len(docs) for docs in gold.values())
    n_predicted = sum(len(docs) for docs in predicted.values())
    label_ok = rationale_ok = 0
    for claim, docs in predicted.items():
        for doc, p in docs.items():
            g = gold.get(claim, {}).get(doc)
            if g is None or g.label != p.label:
                continue
            label_ok += 1
            first = set(p.sentences[:MAX_RATIONALE])
            rationale_ok += any(s <= first for s in g.evidence_sets)
    return {
        "gold_abstracts": n_gold,
        "predicted_abstracts": n_predicted,
        "label_only": _prf(label_ok, n_predicted, n_gold),
        "rationale_selected": _prf(rationale_ok, n_predicted, n_gold),
    }


def classify_errors(
    gold: Gold,
    predicted: Predicted,
    judged: Mapping[int, Mapping[str, frozenset[int]]],
    ranked: Mapping[int, frozenset[str]] | None = None,
    cited: Mapping[int, frozenset[str]] | None = None,
) -> dict[str, Any]:
    """Why each gold (claim, abstract) was missed or mislabelled, and what the false positives were.

    `judged[claim][doc]` are the sentence indices of `doc` the verifier judged for `claim` (the doc
    is absent when none was); `ranked[claim]` the documents among the passages retrieval ranked
    before sentence selection, to tell the two kinds of retrieval miss apart. A gold abstract is:
    - a *retrieval miss* when none of its sentences was judged (split by whether its passage was ranked);
    - an *evidence-selection miss* when some were, but none of its rationale sentences;
    - a *wrong verdict* when a rationale sentence was judged but the label is wrong
      (`wrong_label`) or the document's evidence was not decisive (`not_decisive`).
    A predicted abstract that is not gold for its claim is a false positive, counted by predicted label
    (and whether the claim cited it: SciFact's cited abstracts without evidence).
    """
    counts: Counter[str] = Counter()
    cases = []
    for claim, docs in sorted(gold.items()):
        for doc, g in sorted(docs.items()):
            p = predicted.get(claim, {}).get(doc)
            if p is not None and p.label == g.label:
                continue
            seen = judged.get(claim, {}).get(doc)
            if seen is None:
                where = "ranked" if ranked is not None and doc in ranked.get(claim, frozenset()) else "not_ranked"
                kind = f"retrieval_miss.{where}" if ranked is not None else "retrieval_miss"
            elif not seen & g.rationale:
                kind = "evidence_selection_miss"
            else:
                kind = "wrong_verdict.wrong_label" if p is not None else "wrong_verdict.not_decisive"
            counts[kind] += 1
            cases.append(
                {"claim": claim, "doc": doc, "gold": g.label, "predicted": p.label if p else None, "kind": kind}
            )
    false_positives: Counter[str] = Counter()
    for claim, docs in predicted.items():
        for doc, p in docs.items():
            if doc not in gold.get(claim, {}):
                false_positives[p.label] += 1
                if cited is not None and doc in cited.get(claim, frozenset()):
                    false_positives[f"{p.label}.cited_without_evidence"] += 1
    total = sum(counts.values())
    return {
        "gold_missed_or_wrong": total,
        "retrieval_miss": sum(n for k, n in counts.items() if k.startswith("retrieval_miss")),
        "evidence_selection_miss": counts["evidence_selection_miss"],
        "wrong_verdict": counts["wrong_verdict.wrong_label"] + counts["wrong_verdict.not_decisive"],
        "by_kind": dict(sorted(counts.items())),
        "false_positives": dict(sorted(false_positives.items())),
        "cases": cases,
    }


# -- which decisive abstracts to predict ---------------------------------------------------------


@dataclass(frozen=True)
class SelectionPolicy:
    """Which of a claim's decisive abstracts are predicted: those retrieval ranked among the claim's first
    `max_rank` abstracts (None: any rank; an abstract of unknown rank only then), with strength ≥
    `min_strength` and ≥ `min_ratio` × the strongest of those, at most `top_k` of them (None: no limit),
    strongest first.

    The default keeps every decisive abstract (what the bench predicted before policies).
    """

    top_k: int | None = None
    min_strength: float = 0.0
    min_ratio: float = 0.0
    max_rank: int | None = None

    def describe(self) -> str:
        """The policy in words, naming only the knobs it sets: "top 1, strength ≥ 0.6"."""
        parts = ["all decisive abstracts" if self.top_k is None else f"top {self.top_k}"]
        if self.min_strength:
            parts.append(f"strength ≥ {self.min_strength:g}")
        if self.min_ratio:
            parts.append(f"≥ {self.min_ratio:g} × the claim's strongest")
        if self.max_rank is not None:
            parts.append(f"among the first {self.max_rank} retrieved")
        return ", ".join(parts)

    def admits(self, p: PredictedAbstract) -> bool:
        """Whether `p`'s retrieval rank is within `max_rank`."""
        return self.max_rank is None or (p.rank is not None and p.rank < self.max_rank)

    def as_dict(self) -> dict[str, Any]:
        return {
            "top_k": self.top_k,
            "min_strength": self.min_strength,
            "min_ratio": self.min_ratio,
            "max_rank": self.max_rank,
        }


# Ordered so that, among policies that score the same (often the very same predictions: top 1 and
# ratio 1.0 differ only on exact ties), the first says it most plainly: no rank limit first, then
# fewest abstracts a claim, then the lower thresholds. The ratio 1.0 keeps every abstract tied with
# the claim's best.
POLICY_GRID: tuple[SelectionPolicy, ...] = tuple(
    SelectionPolicy(k, t, r, m)
    for m in (None, 1, 2, 3, 5)
    for k in (1, 2, 3, None)
    for t in (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
    for r in (0.0, 0.8, 0.9, 0.95, 1.0)
)


def select_abstracts(
    candidates: Mapping[str, PredictedAbstract], policy: SelectionPolicy
) -> dict[str, PredictedAbstract]:
    """The abstracts of one claim that `policy` keeps, strongest first (ties by abstract id, so top-k is
    deterministic)."""
    ranked = sorted(
        ((doc, p) for doc, p in candidates.items() if policy.admits(p)), key=lambda kv: (-kv[1].strength, kv[0])
    )
    if not ranked:
        return {}
    floor = max(policy.min_strength, policy.min_ratio * ranked[0][1].strength)
    kept = [(doc, p) for doc, p in ranked if p.strength >= floor]
    return dict(kept[: policy.top_k] if policy.top_k is not None else kept)


def apply_policy(predicted: Predicted, policy: SelectionPolicy) -> dict[int, dict[str, PredictedAbstract]]:
    """Every claim's predictions narrowed to what `policy` keeps."""
    return {claim: select_abstracts(docs, policy) for claim, docs in predicted.items()}


def choose_policy(
    gold: Gold, predicted: Predicted, grid: Sequence[SelectionPolicy] = POLICY_GRID
) -> tuple[SelectionPolicy, list[dict[str, Any]]]:
    """The policy of `grid` with the best label-only F1 on these claims, and every policy's scores.

    `predicted` holds every decisive abstract of each claim, with its strength. Ties go to the higher
    precision, then to the earlier policy in `grid` (see POLICY_GRID's order).
    Raises ValueError for an empty grid.
    """
    if not grid:
        raise ValueError("choose_policy needs at least one policy")
    rows = []
    for policy in grid:
        scores = abstract_scores(gold, apply_policy(predicted, policy))
        rows.append({**policy.as_dict(), "predicted_abstracts": scores["predicted_abstracts"], **scores["label_only"]})
    best = min(range(len(grid)), key=lambda i: (-rows[i]["f1"], -rows[i]["precision"], i))
    return grid[best], rows
