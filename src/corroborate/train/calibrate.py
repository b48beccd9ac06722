"""Fit the verifier's calibration on its dev split (`corroborate train calibration`).

Both methods of `verify.calibration` are scored by 5-fold cross-validated top-label ECE on the dev
pairs; the one with the lower ECE is refitted on all of them and written to the model folder as
`calibration.json` (parameters only, with the data's name, size and SHA-256 and the dev ECE before
and after). Deterministic: the same model and data give the same file. Held-out results are the
`calibration` benchmark's job (`corroborate bench calibration`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.errors import InputError
from corroborate.train.pairs import read_pairs
from corroborate.verify import LABELS, load_verifier
from corroborate.verify.calibration import (
    CALIBRATION_FILE,
    Calibration,
    choose_method,
    expected_calibration_error,
    fit,
    softmax,
)

__all__ = ["DEV_SPLIT", "calibrate_verifier", "read_labelled_pairs"]

DEV_SPLIT = Path("splits") / "verifier-v0" / "dev.jsonl.gz"


def read_labelled_pairs(path: Path, limit: int | None = None) -> tuple[list[tuple[str, str]], np.ndarray]:
    """(premise, hypothesis) pairs and gold label indices (in `LABELS` order) of a .jsonl.gz pair set.

    Raises `InputError` naming the file for a row whose label is not one of `LABELS`.
    """
    rows = read_pairs(path, limit)
    bad = next((r for r in rows if r.label not in LABELS), None)
    if bad is not None:
        raise InputError(f"row {bad.id}: label {bad.label!r} is not one of {', '.join(LABELS)}", path)
    return [(r.evidence, r.claim) for r in rows], np.asarray([LABELS.index(r.label) for r in rows], dtype=np.int64)


def calibrate_verifier(
    data: Path, model_path: Path, batch_size: int = 32, echo: Callable[[str], None] = print
) -> dict[str, Any]:
    """Fit and write `model_path/calibration.json` from `data/splits/verifier-v0/dev.jsonl.gz`.

    Returns the written file's content. Raises `InputError` when the dev split is absent.
    """
    dev = Path(data) / DEV_SPLIT
    if not dev.is_file():
        raise InputError(f"{dev}: no dev split here; give --data, the folder that holds splits/verifier-v0/")
    model = load_verifier(Path(model_path))
    pairs, gold = read_labelled_pairs(dev)
    echo(f"  verifying {len(pairs):,} dev pairs with {model.name}…")
    logits = model.logits(pairs, batch_size)
    method, cv_ece = choose_method(logits, gold)
    calibration = fit(logits, gold, method)
    before = expected_calibration_error(softmax(logits), gold)
    after = expected_calibration_error(calibration.apply(logits), gold)
    echo(f"  cross-validated dev ECE: {', '.join(f'{m} {e:.4f}' for m, e in cv_ece.items())} → {method}")
    calibration = Calibration(
        method,
        temperature=calibration.temperature,
        isotonic=calibration.isotonic,
        fitted_on={
            "file": DEV_SPLIT.as_posix(),
            "sha256": hashlib.sha256(dev.read_bytes()).hexdigest(),
            "rows": len(pairs),
            "labels": {label: int((gold == k).sum()) for k, label in enumerate(LABELS)},
        },
        dev={
            "ece_before": round(before, 4),
            "ece_after": round(after, 4),
            "ece_cross_validated": cv_ece,
            "ece": "top-label, 15 equal-width bins; cross-validated: 5 folds, each scored by a fit on the other four",
            "accuracy": round(float((logits.argmax(axis=1) == gold).mean()), 4),
        },
    )
    path = calibration.save(model_path)
    echo(f"  dev ECE {before:.4f} → {after:.4f} (fitted on all dev pairs); wrote {path}")
    load_verifier.cache_clear()  # a verifier loaded before has the old calibration
    return json.loads((Path(model_path) / CALIBRATION_FILE).read_text(encoding="utf-8"))
