"""Calibration of the verifier's probabilities: temperature scaling or isotonic regression, numpy only.

A model folder may hold `calibration.json` (parameters only, no data): every local runtime
(`BatchedVerifier.predict`, ONNX or PyTorch) then maps its logits through it, so the probabilities
every later stage sees (aggregation, reports, the store) are calibrated. An endpoint verifier has no
model folder and stays uncalibrated.

Two methods, fitted on the verifier's dev split (`corroborate.train.calibrate` writes the file):

- `temperature`: one number T, probabilities = softmax(logits / T) (Guo et al. 2017). It never
  changes which label is most likely.
- `isotonic`: one monotone map per label, fitted one-vs-rest on that label's softmax probability by
  pool-adjacent-violators, the three results renormalised to sum to 1 (Zadrozny & Elkan 2002). More
  flexible; it can change the most likely label of a pair.

`expected_calibration_error` is the top-label ECE with 15 equal-width bins: the gap between the mean
confidence and the accuracy in each bin, weighted by the bin's share of the pairs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.errors import ModelError

__all__ = [
    "CALIBRATION_FILE",
    "ECE_BINS",
    "METHODS",
    "Calibration",
    "choose_method",
    "cross_validated",
    "expected_calibration_error",
    "fit",
    "fit_isotonic",
    "fit_temperature",
    "isotonic_apply",
    "load_calibration",
    "reliability",
    "softmax",
]

CALIBRATION_FILE = "calibration.json"
ECE_BINS = 15
METHODS = ("temperature", "isotonic")
_FORMAT = "corroborate-calibration/1"


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax, computed stably (the row maximum subtracted first)."""
    logits = np.asarray(logits, dtype=np.float64)
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)


# -- measuring -----------------------------------------------------------------------------------


def reliability(probs: np.ndarray, gold: np.ndarray, bins: int = ECE_BINS) -> list[dict[str, float]]:
    """Per equal-width bin of top-label confidence: its range, pair count, mean confidence and accuracy.

    Bins are (lo, hi], the first one [0, hi]; empty bins are listed with count 0.
    """
    probs, gold = np.asarray(probs, dtype=np.float64), np.asarray(gold)
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == gold
    # A confidence exactly on an edge goes to the bin below it; 0 goes to the first.
    which = np.clip(np.ceil(confidence * bins).astype(int) - 1, 0, bins - 1)
    out = []
    for b in range(bins):
        mask = which == b
        n = int(mask.sum())
        out.append(
            {
                "lo": b / bins,
                "hi": (b + 1) / bins,
                "count": n,
                "confidence": float(confidence[mask].mean()) if n else 0.0,
                "accuracy": float(correct[mask].mean()) if n else 0.0,
            }
        )
    return out


def expected_calibration_error(probs: np.ndarray, gold: np.ndarray, bins: int = ECE_BINS) -> float:
    """Top-label ECE: Σ over bins of (pairs in bin / pairs) · |accuracy − mean confidence|.

    `gold` holds label indices (columns of `probs`). 0 for an empty input.
    """
    total = len(gold)
    if not total:
        return 0.0
    return float(sum(b["count"] / total * abs(b["accuracy"] - b["confidence"]) for b in reliability(probs, gold, bins)))


def _nll(logits: np.ndarray, gold: np.ndarray, beta: float) -> float:
    z = logits * beta
    z = z - z.max(axis=1, keepdims=True)
    return float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(gold)), gold]))


# -- fitting -------------------------------------------------------------------------------------


def fit_temperature(logits: np.ndarray, gold: np.ndarray, low: float = 0.05, high: float = 20.0) -> float:
    """The temperature T in [low, high] minimising the negative log-likelihood of softmax(logits / T).

    The NLL is convex in 1/T, so a golden-section search on 1/T finds the minimum; no optimiser
    library needed.
    """
    logits, gold = np.asarray(logits, dtype=np.float64), np.asarray(gold)
    a, b = 1.0 / high, 1.0 / low
    ratio = (np.sqrt(5) - 1) / 2
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = _nll(logits, gold, c), _nll(logits, gold, d)
    for _ in range(100):
        if fc <= fd:
            b, d, fd = d, c, fc
            c = b - ratio * (b - a)
            fc = _nll(logits, gold, c)
        else:
            a, c, fc = c, d, fd
            d = a + ratio * (b - a)
            fd = _nll(logits, gold, d)
    return float(1.0 / ((a + b) / 2))


def fit_isotonic(scores: np.ndarray, targets: np.ndarray) -> tuple[list[float], list[float]]:
    """A non-decreasing fit of `targets` (0/1) on `scores` by pool-adjacent-violators.

    Returns (x, y): the mean score and fitted value of each pooled block, x increasing; apply it with
    `isotonic_apply` (linear between blocks, constant beyond the ends).
    """
    order = np.argsort(np.asarray(scores, dtype=np.float64), kind="stable")
    xs = np.asarray(scores, dtype=np.float64)[order]
    ys = np.asarray(targets, dtype=np.float64)[order]
    # Blocks as [sum of x, sum of y, count]; tied scores start in one block (they must get one value).
    blocks: list[list[float]] = []
    for x, y in zip(xs, ys, strict=True):
        if blocks and blocks[-1][0] / blocks[-1][2] == x:
            blocks[-1][0] += x
            blocks[-1][1] += y
            blocks[-1][2] += 1
        else:
            blocks.append([x, y, 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            sx, sy, n = blocks.pop()
            blocks[-1][0] += sx
            blocks[-1][1] += sy
            blocks[-1][2] += n
    return [round(b[0] / b[2], 6) for b in blocks], [round(b[1] / b[2], 6) for b in blocks]


def isotonic_apply(x: Sequence[float], y: Sequence[float], scores: np.ndarray) -> np.ndarray:
    """The fitted map at `scores`: linear between the blocks' points, flat beyond the first and last."""
    return np.interp(np.asarray(scores, dtype=np.float64), np.asarray(x), np.asarray(y))


# -- the stored calibration ----------------------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    """A fitted calibration: `method` with its parameters, and where and how well it was fitted.

    `temperature` is set for the temperature method; `isotonic` maps each label of `LABELS` to its
    (x, y) points for the isotonic method. `fitted_on` and `dev` describe the data and the dev ECE
    before and after (kept so the file explains itself; they do not change what `apply` does).
    """

    method: str
    temperature: float | None = None
    isotonic: dict[str, tuple[list[float], list[float]]] | None = None
    fitted_on: dict[str, Any] = field(default_factory=dict)
    dev: dict[str, Any] = field(default_factory=dict)

    def apply(self, logits: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from logits (columns in `LABELS` order); rows sum to 1."""
        logits = np.asarray(logits, dtype=np.float64)
        if self.method == "temperature":
            return softmax(logits / float(self.temperature or 1.0))
        from corroborate.verify.base import LABELS

        raw = softmax(logits).astype(np.float64)
        if not len(raw):
            return raw.astype(np.float32)
        assert self.isotonic is not None
        mapped = np.stack([isotonic_apply(*self.isotonic[label], raw[:, k]) for k, label in enumerate(LABELS)], axis=1)
        total = mapped.sum(axis=1, keepdims=True)
        # A row every map sends to 0 has no calibrated view: keep its softmax rather than divide by 0.
        out = np.where(total > 1e-12, mapped / np.maximum(total, 1e-12), raw)
        return out.astype(np.float32)

    def to_json(self) -> dict[str, Any]:
        params: dict[str, Any] = (
            {"temperature": round(float(self.temperature or 1.0), 6)}
            if self.method == "temperature"
            else {"isotonic": {k: {"x": list(x), "y": list(y)} for k, (x, y) in (self.isotonic or {}).items()}}
        )
        return {"format": _FORMAT, "method": self.method, **params, "fitted_on": self.fitted_on, "dev": self.dev}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Calibration:
        """Raises `ValueError` (or `KeyError`, `TypeError`) for a malformed file; `load_calibration` words it."""
        from corroborate.verify.base import LABELS

        if data.get("format") != _FORMAT:
            raise ValueError(f"format is {data.get('format')!r}, not {_FORMAT!r}")
        method = data["method"]
        if method == "temperature":
            t = float(data["temperature"])
            if not 0 < t < 1000:
                raise ValueError(f"temperature {t} is not a positive number")
            return cls(method, temperature=t, fitted_on=data.get("fitted_on", {}), dev=data.get("dev", {}))
        if method == "isotonic":
            maps = {}
            for label in LABELS:
                x, y = (
                    [float(v) for v in data["isotonic"][label]["x"]],
                    [float(v) for v in data["isotonic"][label]["y"]],
                )
                if not x or len(x) != len(y) or bool((np.diff(x) < 0).any()):
                    raise ValueError(f"isotonic map of {label!r} needs as many x as y, x non-decreasing")
                maps[label] = (x, y)
            return cls(method, isotonic=maps, fitted_on=data.get("fitted_on", {}), dev=data.get("dev", {}))
        raise ValueError(f"method {method!r} is not one of {', '.join(METHODS)}")

    def save(self, model_path: Path) -> Path:
        from corroborate.atomic import write_text_atomically

        path = Path(model_path) / CALIBRATION_FILE
        write_text_atomically(path, json.dumps(self.to_json(), indent=2) + "\n")
        return path


def load_calibration(model_path: Path) -> Calibration | None:
    """The model folder's `calibration.json`, or None when it has none.

    Raises `ModelError` naming the file when it exists but cannot be used.
    """
    path = Path(model_path) / CALIBRATION_FILE
    if not path.is_file():
        return None
    try:
        return Calibration.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(
            f"{path}: not a usable calibration ({exc}); refit it with `corroborate train calibration` "
            "or delete it to use the model's uncalibrated probabilities"
        ) from exc


def fit(logits: np.ndarray, gold: np.ndarray, method: str) -> Calibration:
    """Fit `method` ("temperature" or "isotonic") on logits (columns in `LABELS` order) and gold indices."""
    from corroborate.verify.base import LABELS

    logits, gold = np.asarray(logits, dtype=np.float64), np.asarray(gold)
    if method == "temperature":
        return Calibration(method, temperature=fit_temperature(logits, gold))
    if method == "isotonic":
        raw = softmax(logits)
        return Calibration(
            method, isotonic={label: fit_isotonic(raw[:, k], gold == k) for k, label in enumerate(LABELS)}
        )
    raise ValueError(f"unknown calibration method {method!r}; choose one of {', '.join(METHODS)}")


def cross_validated(logits: np.ndarray, gold: np.ndarray, method: str, folds: int = 5, seed: int = 0) -> np.ndarray:
    """Out-of-fold calibrated probabilities: each row calibrated by a fit on the other folds.

    The folds are a fixed random split (`seed`), so the result is reproducible.
    """
    logits, gold = np.asarray(logits, dtype=np.float64), np.asarray(gold)
    which = np.random.default_rng(seed).permutation(len(gold)) % folds
    out = np.zeros(logits.shape, dtype=np.float32)
    for f in range(folds):
        held = which == f
        out[held] = fit(logits[~held], gold[~held], method).apply(logits[held])
    return out


def choose_method(logits: np.ndarray, gold: np.ndarray, folds: int = 5) -> tuple[str, dict[str, float]]:
    """The method with the lower cross-validated top-label ECE, and each method's ECE.

    Cross-validated because a fit scored on its own data flatters the more flexible method
    (isotonic regression fits its training pairs almost exactly). Ties go to temperature scaling,
    the simpler method, which never changes a pair's most likely label.
    """
    ece = {m: round(expected_calibration_error(cross_validated(logits, gold, m, folds), gold), 4) for m in METHODS}
    return min(METHODS, key=lambda m: (ece[m], METHODS.index(m))), ece
