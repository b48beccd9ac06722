"""`corroborate bench contrast`: changed numbers, dates, units, names and negations, each beside its original.

The set is built at bench time from the held-out `eval-*` files (`corroborate.train.contrast`), so no
dataset text is committed. Two columns per kind: the verifier alone (its most probable label), and the
pipeline's decision for the pair — the verifier plus the explicit number, date and name check, as
`aggregate` applies it (a confidently contradicted figure makes the evidence refute). The issue's
target: ≥ 95 % of the changed pairs called contradiction while the originals keep their accuracy.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from corroborate.bench.harness import BenchContext, BenchSkipped, timed
from corroborate.errors import InputError

__all__ = ["contrast", "flip_rate"]

# Kinds that flip a sentence's polarity ("was approved" / "was not approved").
FLIP_KINDS = ("negation",)


def flip_rate(records: list[dict[str, str]], probs: np.ndarray) -> dict[str, Any]:
    """Of the flipped pairs whose original the model calls entailment (SUPPORTED), the share it calls
    contradiction (REFUTED): the issue's flip test (target ≥ 0.90)."""
    from corroborate.verify.base import LABELS

    label = [LABELS[int(i)] for i in probs.argmax(axis=1)]
    index = {r["id"]: i for i, r in enumerate(records)}
    flips = [(index.get(r["original_id"]), i) for i, r in enumerate(records) if r["kind"] in FLIP_KINDS]
    supported = [(o, i) for o, i in flips if o is not None and label[o] == "entailment"]
    moved = sum(label[i] == "contradiction" for _, i in supported)
    return {"flipped_pairs": len(flips), "original_supported": len(supported),
            "moved_to_refuted": moved, "rate": round(moved / len(supported), 4) if supported else 0.0}  # fmt: skip


def _pipeline_probabilities(records: list[dict[str, str]], probs: np.ndarray) -> np.ndarray:
    """The verifier's probabilities with a confidently contradicted figure turned into a contradiction."""
    from corroborate.verify.figures import compare_many

    checks = compare_many([(r["claim"], r["evidence"]) for r in records])
    out = probs.copy()
    for i, check in enumerate(checks):
        if check.verdict_hint == "contradicts":
            out[i] = (0.0, 0.0, 1.0)
    return out


def contrast(ctx: BenchContext) -> dict[str, Any]:
    """Share of changed pairs called contradiction, and of originals still called entailment."""
    from corroborate.train.contrast import build_contrast_set, contrast_scores, contrast_summary
    from corroborate.train.pairs import split_dir
    from corroborate.verify import load_verifier

    if ctx.data is None:
        raise BenchSkipped("no ../shared/data; give --data")
    try:
        split_dir(ctx.data)
    except InputError as exc:
        raise BenchSkipped(str(exc)) from exc
    records = build_contrast_set(ctx.data, seed=0, limit=ctx.size)
    if not records:
        raise BenchSkipped(f"the eval files under {ctx.data} gave no contrast pairs")
    ctx.echo(f"  {len(records):,} pairs ({sum(r['kind'] != 'original' for r in records):,} changed or rewritten)…")
    settings = ctx.settings
    model = load_verifier(settings.model_path, settings.max_length, settings.threads, settings.runtime)
    seconds, probs = timed(lambda: model.predict([(r["evidence"], r["claim"]) for r in records], settings.batch_size))
    check_seconds, piped = timed(lambda: _pipeline_probabilities(records, probs))
    verifier_scores = contrast_scores(records, probs)
    pipeline_scores = contrast_scores(records, piped)
    v, p = contrast_summary(verifier_scores), contrast_summary(pipeline_scores)
    flip = flip_rate(records, piped)
    key = {
        "changed called contradiction": f"verifier {v['changed_called_contradiction']:.3f}, "
        f"with figure check {p['changed_called_contradiction']:.3f} (target 0.95)",
        "originals still entailment": f"verifier {v['originals_accuracy']:.3f}, with figure check "
        f"{p['originals_accuracy']:.3f}",
    }
    key["flip test"] = (
        f"{flip['rate']:.3f} of {flip['original_supported']:,} negated pairs whose original is supported move to "
        "contradiction (target 0.90)"
    )
    for kind in sorted(verifier_scores):
        key[kind] = (
            f"{verifier_scores[kind]['accuracy']:.3f} → {pipeline_scores[kind]['accuracy']:.3f} "
            f"({verifier_scores[kind]['rows']:,} pairs, want {verifier_scores[kind]['label']})"
        )
    limited = f", first {ctx.size} rows of each eval file" if ctx.size else ""
    return {
        "data": {
            "contrast_set": f"built from splits/verifier-v0/eval-* (not eval-numcontrast) by "
            f"corroborate.train.contrast, seed 0: {len(records):,} pairs{limited}",
        },
        "results": {
            "verifier": {"summary": v, "kinds": verifier_scores},
            "with_figure_check": {"summary": p, "kinds": pipeline_scores},
            "flip": flip,
            "verifier_seconds": round(seconds, 1),
            "figure_check_seconds": round(check_seconds, 1),
            "model": {"name": model.name, "sha256": model.hash},
        },
        "key": key,
    }
