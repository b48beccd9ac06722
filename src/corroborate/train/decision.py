"""Fit the claim-level decision model (`corroborate.decision`) on judged evidence of labelled claims.

    python -m corroborate.train.decision_data --out build/decision scifact:dev citint:dev ...   # first
    python -m corroborate.train.decision --judged build/decision --out src/corroborate/models/decision-v1

Fitted on the claims of splits verifier-v0 never saw (`FIT`: SciFact dev, Citation-Integrity dev), so the
verifier's probabilities look as they will on a user's claims; v0 was trained on SciFact train,
Citation-Integrity train, HealthVer dev and FM2 dev pairs, and reads those too confidently. How many of the
most similar sentences the model reads and its regularisation are chosen by 5-fold cross-validation on the
fit claims (mean macro-F1 over the sets, each set counted once). The test splits (`REPORT`) are scored once,
with the rules of `aggregate` on the same judgements beside them: accuracy, macro-F1 and the expected
calibration error of the verdict's confidence. Writes `decision.json` and `MODEL_CARD.md`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from corroborate.atomic import write_text_atomically
from corroborate.decision import CLASSES, DecisionModel, Judged, features

__all__ = ["main"]

FIT = ("scifact-dev", "citint-dev")
REPORT = ("scifact-test", "citint-test", "healthver-test", "fm2-test")
READ_GRID = (3, 5, 8)
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
CLASS_WEIGHT: str | None = "balanced"
# The evidence gates of `check` before this model (config defaults), for the rules' baseline on retrieved sets.
RULES_OVERLAP, RULES_SIMILARITY, RULES_LIMIT, RULES_THRESHOLD = 0.34, 0.65, 8, 0.46
# What `check` hands the model: `min_overlap` and `evidence_per_claim` as before, no similarity gate (the
# model reads each sentence's similarity instead).
CHECK_OVERLAP, CHECK_LIMIT = 0.34, 8


def read_judged(folder: Path, name: str) -> list[dict[str, Any]]:
    path = folder / f"{name}.jsonl.gz"
    if not path.is_file():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def candidates(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The sentences `check` puts in front of the verifier: for a retrieved set, those `evidence_sentences`
    keeps at the default `min_overlap` and `evidence_per_claim` (the collection kept more, at a lower
    floor); for given evidence, all of them, as `judge_claims` reads them."""
    if row["set"] != "scifact":
        return list(row["sentences"])
    return [s for s in row["sentences"] if s["overlap"] >= CHECK_OVERLAP][:CHECK_LIMIT]


def judged_of(row: dict[str, Any]) -> list[Judged]:
    return [Judged(s["e"], s["n"], s["c"], s["similarity"], s["doc"], s["figures"]) for s in candidates(row)]


def matrix(rows: Sequence[dict[str, Any]], read: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([features(sorted(judged_of(r), key=lambda j: -j.similarity)[:read]) for r in rows])
    y = np.array([CLASSES.index(r["label"]) for r in rows])
    return x, y


def fit(x: np.ndarray, y: np.ndarray, c: float, read: int) -> DecisionModel:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    # Balanced classes: the fit sets hold few NOT ENOUGH EVIDENCE claims next to what a user's library gives.
    lr = LogisticRegression(C=c, max_iter=5000, class_weight=CLASS_WEIGHT)
    lr.fit((x - mean) / scale, y)
    weights = np.zeros((len(CLASSES), x.shape[1]))
    bias = np.zeros(len(CLASSES))
    for row, cls in enumerate(lr.classes_):
        weights[cls] = lr.coef_[row]
        bias[cls] = lr.intercept_[row]
    return DecisionModel(tuple(mean), tuple(scale), tuple(map(tuple, weights)), tuple(bias), read)


def scores(gold: Sequence[str], predicted: Sequence[str], confidence: Sequence[float]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the gold classes present, top-label ECE (10 equal-width bins)."""
    g, p, conf = np.array(gold), np.array(predicted), np.array(confidence)
    correct = g == p
    f1s = []
    for cls in sorted(set(gold)):
        tp = np.sum((p == cls) & (g == cls))
        prec = tp / max(1, np.sum(p == cls))
        rec = tp / max(1, np.sum(g == cls))
        f1s.append(0.0 if tp == 0 else 2 * prec * rec / (prec + rec))
    bins = np.minimum((conf * 10).astype(int), 9)
    ece = sum(abs(correct[bins == b].mean() - conf[bins == b].mean()) * np.mean(bins == b) for b in set(bins))
    counts = {cls: int(np.sum(p == cls)) for cls in CLASSES}
    return {"claims": len(gold), "accuracy": round(float(correct.mean()), 4), "macro_f1": round(float(np.mean(f1s)), 4),
            "ece": round(float(ece), 4), "predicted": counts}  # fmt: skip


def model_verdicts(model: DecisionModel, rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[float]]:
    labels, conf = [], []
    for r in rows:
        probs = model.probabilities(judged_of(r))
        label = max(probs, key=lambda k: probs[k])
        labels.append(label)
        conf.append(probs[label])
    return labels, conf


def rules_verdicts(rows: Sequence[dict[str, Any]], gated: bool) -> tuple[list[str], list[float]]:
    """What `aggregate`'s rules say on the same judgements (retrieved sets through `check`'s default gates)."""
    from corroborate.aggregate import aggregate
    from corroborate.api import claims_from_text
    from corroborate.records import Evidence, Judgement

    labels, conf = [], []
    for r in rows:
        sentences = r["sentences"]
        if gated:
            sentences = [s for s in sentences if s["overlap"] >= RULES_OVERLAP][:RULES_LIMIT]
            sentences = [s for s in sentences if s["similarity"] >= RULES_SIMILARITY]
        judgements = []
        for s in sentences:
            ev = Evidence(s["doc"], "", "", None, s["text"], s["rank"], s["rank"] + 1, "", "", 0.0, s["overlap"])
            figures = SimpleNamespace(verdict_hint=s["figures"], confident_mismatches=())
            judgements.append(Judgement(ev, s["e"], s["n"], s["c"], None, figures))  # type: ignore[arg-type]
        verdict = aggregate(claims_from_text([r["claim"]])[0], judgements, RULES_THRESHOLD)
        labels.append(verdict.label.value)
        conf.append(verdict.confidence)
    return labels, conf


def cross_validated(sets: dict[str, list[dict[str, Any]]], read: int, c: float, folds: int = 5) -> float:
    """Mean over the fit sets of the out-of-fold macro-F1 (folds drawn across all fit claims)."""
    rows = [r for name in sets for r in sets[name]]
    rng = np.random.default_rng(7)
    fold = rng.integers(0, folds, len(rows))
    x, y = matrix(rows, read)
    predicted = [""] * len(rows)
    for k in range(folds):
        model = fit(x[fold != k], y[fold != k], c, read)
        for i in np.flatnonzero(fold == k):
            probs = model.probabilities(sorted(judged_of(rows[i]), key=lambda j: -j.similarity)[:read])
            predicted[i] = max(probs, key=lambda key: probs[key])
    per_set, start = [], 0
    for name in sets:
        n = len(sets[name])
        gold = [r["label"] for r in rows[start : start + n]]
        per_set.append(scores(gold, predicted[start : start + n], [0.5] * n)["macro_f1"])
        start += n
    return float(np.mean(per_set))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judged", type=Path, default=Path("build/decision"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--fit", nargs="+", default=list(FIT), help="sets to fit on (SET-SPLIT)")
    args = parser.parse_args(argv)
    fit_sets = {name: read_judged(args.judged, name) for name in args.fit}
    missing = [name for name, rows in fit_sets.items() if not rows]
    if missing:
        print(f"error: no judged evidence for {', '.join(missing)} in {args.judged}; run "
              "`python -m corroborate.train.decision_data` first", file=sys.stderr)  # fmt: skip
        return 1
    grid = {(read, c): cross_validated(fit_sets, read, c) for read in READ_GRID for c in C_GRID}
    (read, c), best = max(grid.items(), key=lambda kv: (kv[1], -kv[0][0], kv[0][1]))
    print(f"chosen: read {read}, C {c} (cross-validated macro-F1 {best:.4f})")
    rows = [r for name in fit_sets for r in fit_sets[name]]
    model = replace(fit(*matrix(rows, read), c, read), name="decision-v1")
    report: dict[str, Any] = {}
    for name in (*REPORT, *fit_sets):
        rows = read_judged(args.judged, name)
        if not rows:
            continue
        gold = [r["label"] for r in rows]
        report[name] = {
            "model": scores(gold, *model_verdicts(model, rows)),
            "rules": scores(gold, *rules_verdicts(rows, gated=name.startswith("scifact"))),
            "fitted on": name in fit_sets,
        }
        m, b = report[name]["model"], report[name]["rules"]
        print(f"{name:16} model acc {m['accuracy']:.3f} F1 {m['macro_f1']:.3f} ECE {m['ece']:.3f} | "
              f"rules acc {b['accuracy']:.3f} F1 {b['macro_f1']:.3f} ECE {b['ece']:.3f}"
              + (" (fitted on)" if name in fit_sets else ""))  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    saved = {**model.to_json(), "fit": {"sets": {k: len(v) for k, v in fit_sets.items()}, "C": c,
             "cross_validated_macro_f1": {f"read {r}, C {cc}": round(v, 4) for (r, cc), v in grid.items()}},
             "scores": report}  # fmt: skip
    write_text_atomically(args.out / "decision.json", json.dumps(saved, indent=1) + "\n")
    print(f"wrote {args.out / 'decision.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
