"""`calibration`: how well the verifier's probabilities and the verdicts' confidences can be trusted.

On the dev split and every held-out pair set (`splits/verifier-v0/eval-*.jsonl.gz`) it measures the
verifier's accuracy and its top-label ECE (15 equal-width bins) before calibration, after each
method fitted on all of dev, and after the calibration shipped in the model folder. On dev the methods
are also compared by 5-fold cross-validated ECE: that comparison is what chooses the method (the
held-out sets only report). The reliability diagram of every set is written as a PNG beside the result.

Then each pair is pushed through `aggregate()` as a claim with one evidence sentence (gold
entailment → SUPPORTED, contradiction → REFUTED, neutral → NOT ENOUGH EVIDENCE; no number check):
on dev, every `decide_threshold` from 0.34 to 0.95 is scored by macro-F1 of that 3-way decision
(NOT ENOUGH EVIDENCE as abstention; out-of-fold calibrated probabilities, so the threshold is not
chosen on probabilities fitted to the same pairs); on the held-out sets, the `Settings` default is
scored: accuracy, macro-F1, coverage (the share decided), accuracy of the decided ones, and the ECE
of the verdicts' confidences as probabilities of being right.

Skipped (exit status 0) when the pair sets are absent.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.bench.harness import BenchContext, BenchSkipped, default_out_path
from corroborate.bench.quality import classification_scores

__all__ = ["TARGET_ECE", "THRESHOLDS", "calibration", "one_evidence_verdicts"]

PAIR_SETS = "splits/verifier-v0"
TARGET_ECE = 0.05  # issue 4: expected calibration error at most 0.05 on held-out sets
THRESHOLDS = [round(0.34 + 0.01 * i, 2) for i in range(62)]  # 0.34 … 0.95; below 1/3 every pair decides
_VERDICT_OF = {"entailment": "SUPPORTED", "neutral": "NOT ENOUGH EVIDENCE", "contradiction": "REFUTED"}
MATPLOTLIB_MISSING = "matplotlib is not installed: no reliability diagram (pip install -e '.[dev]')"


def one_evidence_verdicts(probs: np.ndarray, threshold: float) -> tuple[list[str], np.ndarray]:
    """Each row of `probs` (entailment, neutral, contradiction) as a claim with one evidence sentence,
    through `aggregate()`: the verdict labels and their confidences."""
    from corroborate.aggregate import aggregate
    from corroborate.records import Claim, Evidence, Judgement

    claim = Claim("c", "claim", "claim", 0, 5, 1.0)
    evidence = Evidence("d", "", "", None, "evidence", 0, 8, "", "", 1.0, 1.0)
    labels, confidences = [], []
    for e, n, c in np.round(np.asarray(probs, dtype=np.float64), 4).tolist():
        verdict = aggregate(claim, [Judgement(evidence, e, n, c)], threshold)
        labels.append(verdict.label.value)
        confidences.append(verdict.confidence)
    return labels, np.asarray(confidences)


def _binary_ece(confidence: np.ndarray, correct: np.ndarray, bins: int = 15) -> float:
    """ECE of confidences as probabilities of being right (15 equal-width bins)."""
    if not len(confidence):
        return 0.0
    which = np.clip(np.ceil(confidence * bins).astype(int) - 1, 0, bins - 1)
    return float(
        sum(
            (which == b).sum() / len(confidence) * abs(correct[which == b].mean() - confidence[which == b].mean())
            for b in range(bins)
            if (which == b).any()
        )
    )


def _claim_level(probs: np.ndarray, gold: np.ndarray, threshold: float) -> dict[str, Any]:
    from corroborate.verify import LABELS

    expected = [_VERDICT_OF[LABELS[g]] for g in gold]
    labels, confidence = one_evidence_verdicts(probs, threshold)
    scores = classification_scores(expected, labels)
    decided = np.asarray([lab != "NOT ENOUGH EVIDENCE" for lab in labels])
    correct = np.asarray([a == b for a, b in zip(labels, expected, strict=True)])
    return {
        **scores,
        "coverage": round(float(decided.mean()), 4),
        "decided_accuracy": round(float(correct[decided].mean()), 4) if decided.any() else None,
        "confidence_ece_decided": round(_binary_ece(confidence[decided], correct[decided]), 4),
        "confidence_ece_all": round(_binary_ece(confidence, correct), 4),
    }


def _sweep(probs: np.ndarray, gold: np.ndarray) -> list[dict[str, Any]]:
    out = []
    for t in THRESHOLDS:
        r = _claim_level(probs, gold, t)
        out.append({"threshold": t, **{k: r[k] for k in ("accuracy", "macro_f1", "coverage", "decided_accuracy")}})
    return out


def _diagram(path: Path, panels: dict[str, dict[str, list[dict[str, float]]]], echo: Any) -> str | None:
    """Reliability diagrams, one panel per set, one curve per probability source; None when matplotlib is absent."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        echo(f"  note: {MATPLOTLIB_MISSING}")
        return None
    cols = 3
    rows = (len(panels) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 4 * rows), squeeze=False)
    for ax, (name, curves) in zip(axes.flat, panels.items(), strict=False):
        ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=1)
        for (label, bins), style in zip(curves.items(), ("o--", "s-"), strict=False):
            used = [b for b in bins if b["count"]]
            ax.plot([b["confidence"] for b in used], [b["accuracy"] for b in used], style, markersize=3, label=label)
        ax.set(title=name, xlim=(0, 1), ylim=(0, 1), xlabel="confidence (top label)", ylabel="accuracy")
        ax.legend(fontsize=7, loc="upper left")
    for ax in list(axes.flat)[len(panels) :]:
        ax.axis("off")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return str(path)


def calibration(ctx: BenchContext) -> dict[str, Any]:
    """Accuracy and ECE before/after calibration per pair set, the method chosen, the abstention threshold."""
    from corroborate.train.calibrate import read_labelled_pairs
    from corroborate.verify import load_verifier
    from corroborate.verify.calibration import (
        METHODS,
        choose_method,
        cross_validated,
        expected_calibration_error,
        fit,
        reliability,
        softmax,
    )

    folder = ctx.data / PAIR_SETS if ctx.data else None
    dev_file = folder / "dev.jsonl.gz" if folder else None
    files = sorted(folder.glob("eval-*.jsonl.gz")) if folder and folder.is_dir() else []
    if dev_file is None or not dev_file.is_file() or not files:
        raise BenchSkipped(f"no {PAIR_SETS}/dev.jsonl.gz and eval-*.jsonl.gz under {ctx.data}; give --data")
    settings = ctx.settings
    model = load_verifier(settings.model_path, settings.max_length, settings.threads, settings.runtime)
    shipped = model.calibration
    sets: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for path in [dev_file, *files]:
        name = path.name.removeprefix("eval-").removesuffix(".jsonl.gz")
        pairs, gold = read_labelled_pairs(path, ctx.size)
        ctx.echo(f"  {name}: {len(pairs):,} pairs…")
        sets[name] = (model.logits(pairs, settings.batch_size), gold)

    dev_logits, dev_gold = sets["dev"]
    method, cv_ece = choose_method(dev_logits, dev_gold)
    fitted = {m: fit(dev_logits, dev_gold, m) for m in METHODS}
    results: dict[str, Any] = {}
    panels: dict[str, dict[str, list[dict[str, float]]]] = {}
    for name, (logits, gold) in sets.items():
        raw = softmax(logits)
        calibrated = shipped.apply(logits) if shipped is not None else raw
        results[name] = {
            "rows": len(gold),
            "accuracy": round(float((raw.argmax(axis=1) == gold).mean()), 4),
            "accuracy_calibrated": round(float((calibrated.argmax(axis=1) == gold).mean()), 4),
            "ece_before": round(expected_calibration_error(raw, gold), 4),
            "ece_after": round(expected_calibration_error(calibrated, gold), 4),
            "ece_by_method": {m: round(expected_calibration_error(fitted[m].apply(logits), gold), 4) for m in METHODS},
        }
        panels[name] = {
            "uncalibrated": reliability(raw, gold),
            f"calibrated ({shipped.method})" if shipped else "calibrated (none shipped)": reliability(calibrated, gold),
        }
    results["dev"]["ece_cross_validated"] = cv_ece

    # The abstention threshold, chosen on dev with out-of-fold probabilities of the shipped method.
    oof = cross_validated(dev_logits, dev_gold, shipped.method) if shipped is not None else softmax(dev_logits)
    sweep = _sweep(oof, dev_gold)
    best = max(sweep, key=lambda r: (r["macro_f1"], r["accuracy"], r["threshold"]))
    threshold = settings.decide_threshold
    claims = {}
    for name, (logits, gold) in sets.items():
        probs = shipped.apply(logits) if shipped is not None else softmax(logits)
        claims[name] = _claim_level(probs, gold, threshold)
    claims["dev"]["note"] = "in-sample: dev chose the threshold and fitted the calibration"

    held_out = [n for n in sets if n != "dev"]
    met = [n for n in held_out if results[n]["ece_after"] <= TARGET_ECE]
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    out = ctx.out if ctx.out is not None else default_out_path(ctx.repo)
    diagram = _diagram(out / f"calibration-{stamp}-reliability.png", panels, ctx.echo)

    key: dict[str, str] = {
        "method": (
            f"{shipped.method if shipped else 'none shipped'}"
            + (f" T={shipped.temperature:.3f}" if shipped and shipped.temperature else "")
            + f"; dev 5-fold ECE {', '.join(f'{m} {e:.4f}' for m, e in cv_ece.items())} (this run picks {method})"
        ),
        "held-out ECE by method (fitted on all dev)": ", ".join(
            f"{m} mean {np.mean([results[n]['ece_by_method'][m] for n in held_out]):.4f}" for m in METHODS
        ),
    }
    for name in sets:
        r, c = results[name], claims[name]
        key[name] = (
            f"acc {r['accuracy']:.3f}, ECE {r['ece_before']:.3f} → {r['ece_after']:.3f}; "
            f"as claims: acc {c['accuracy']:.3f}, macro-F1 {c['macro_f1']:.3f}, coverage {c['coverage']:.2f}, "
            f"confidence ECE {c['confidence_ece_decided']:.3f}"
        )
    key["decide_threshold"] = (
        f"dev macro-F1 best at {best['threshold']:.2f} ({best['macro_f1']:.3f}, coverage {best['coverage']:.2f}); "
        f"default {threshold:.2f}"
    )
    key[f"target ECE ≤ {TARGET_ECE}"] = f"met on {len(met)} of {len(held_out)} held-out sets" + (
        f" ({', '.join(met)})" if met else ""
    )
    key["diagram"] = diagram or "not drawn (matplotlib missing)"
    limited = f", first {ctx.size} rows per set" if ctx.size else ""
    return {
        "data": {
            "pairs": f"{PAIR_SETS}/dev.jsonl.gz and eval-*.jsonl.gz: {len(sets)} sets, "
            f"{sum(len(g) for _, g in sets.values()):,} pairs{limited}",
            "files": ["dev.jsonl.gz", *(p.name for p in files)],
        },
        "results": {
            "sets": results,
            "claims": claims,
            "method_chosen_by_dev_cv": method,
            "shipped": shipped.to_json() if shipped is not None else None,
            "threshold": {"default": threshold, "criterion": "dev macro-F1 (out-of-fold)", "best": best},
            "sweep": sweep,
            "diagram": diagram,
            "target_ece": TARGET_ECE,
            "model": {"name": model.name, "sha256": model.hash, "runtime": model.runtime},
        },
        "key": key,
    }
