"""What every verifier runtime shares: label order, length-sorted batching, calibration, model identity."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from corroborate.errors import ModelError
from corroborate.progress import progress
from corroborate.verify.calibration import Calibration, load_calibration, softmax

__all__ = ["LABELS", "BatchedVerifier", "Predictions", "Verifier", "label_columns", "model_hash"]

# Column order of every probability array a verifier returns.
LABELS = ("entailment", "neutral", "contradiction")


@dataclass(frozen=True)
class Predictions:
    """What a verifier made of a list of pairs: `probabilities` (one row per pair, columns in `LABELS`
    order) and, per pair, None or why it could not be judged (that row is then NaN)."""

    probabilities: np.ndarray
    errors: tuple[str | None, ...]


class Verifier(Protocol):
    """What `corroborate.api.check` needs of a verifier, whatever runs it (ONNX, PyTorch, an endpoint)."""

    name: str
    hash: str
    runtime: str

    def predict(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray: ...

    def predict_with_errors(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False
    ) -> Predictions: ...


def label_columns(model_path: Path) -> list[int]:
    """Indices of the model's logits for `LABELS`, read from its config.json `id2label`.

    Names are matched without regard to case and by their first four letters ("ENTAILMENT",
    "entail", "contradiction", "CONTRADICTORY", "neutral"), in whatever order the model has them.
    Raises `ModelError` for anything else: a model without label names (`LABEL_0`, …), a 2-class
    model ("entailment"/"not_entailment" cannot tell a contradiction from a neutral sentence), or
    names that match twice.
    """
    try:
        config = json.loads((model_path / "config.json").read_text())
    except (OSError, ValueError) as exc:
        raise ModelError(f"{model_path}: no readable config.json; give a model folder") from exc
    id2label = {int(k): str(v).strip().lower() for k, v in config.get("id2label", {}).items()}
    names = sorted(id2label.values())
    matches = {label: [i for i, name in id2label.items() if name.startswith(label[:4])] for label in LABELS}
    if len(id2label) != len(LABELS) or any(len(found) != 1 for found in matches.values()):
        if len(id2label) == 2:
            why = "a 2-class model cannot tell a contradiction from a neutral sentence; use a 3-class NLI model"
        else:
            why = "config.json's id2label must name each of entailment, neutral and contradiction once"
        raise ModelError(f"{model_path}: labels {names} are not entailment/neutral/contradiction ({why})")
    return [matches[label][0] for label in LABELS]


def model_hash(model_path: Path) -> str:
    """SHA-256 over the model's weight, config and vocabulary files: stored with each run.

    `calibration.json` is one of the .json files hashed: calibration is part of the model's identity
    (the same weights with another calibration give other probabilities, so other verdicts).
    """
    digest = hashlib.sha256()
    suffixes = {".safetensors", ".json", ".txt", ".bin", ".onnx"}
    for name in sorted(p.name for p in model_path.iterdir() if p.suffix in suffixes):
        digest.update(name.encode())
        with open(model_path / name, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


class BatchedVerifier:
    """Base class: subclasses implement `_logits` for one batch of pairs.

    When the model folder has a `calibration.json` (see `verify.calibration`), `predict` returns
    calibrated probabilities; `calibration` is then that file's `Calibration`, else None.
    """

    runtime = "none"

    def __init__(self, model_path: Path, max_length: int) -> None:
        if not (model_path / "config.json").is_file():
            raise ModelError(f"{model_path}: no verifier model here (config.json missing); give a model folder")
        self.path = model_path
        self.name = model_path.name
        self.max_length = max_length
        self.columns = label_columns(model_path)
        self.hash = model_hash(model_path)
        self.calibration: Calibration | None = load_calibration(model_path)

    def _logits(self, evidence: list[str], claims: list[str]) -> np.ndarray:
        raise NotImplementedError

    def logits(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
        """The model's raw logits, one row per (evidence, claim) pair, columns in `LABELS` order.

        Uncalibrated: what calibration is fitted on. Pairs are sorted by length inside so each batch
        pads little, then put back in input order.
        """
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        if not pairs:
            return out
        order = sorted(range(len(pairs)), key=lambda i: (len(pairs[i][0]) + len(pairs[i][1]), i))
        with progress(total=len(pairs), desc="verifying", unit="pair", enabled=show_progress) as bar:
            for i in range(0, len(order), batch_size):
                idx = order[i : i + batch_size]
                logits = self._logits([pairs[j][0] for j in idx], [pairs[j][1] for j in idx])
                out[idx] = logits.astype(np.float32)[:, self.columns]
                bar.update(len(idx))
        return out

    def predict(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        """Probabilities, one row per (evidence, claim) pair, columns in `LABELS` order; input order kept.

        Calibrated by the folder's `calibration.json` when it has one, else the softmax of the logits.
        """
        logits = self.logits(pairs, batch_size, show_progress)
        if self.calibration is not None:
            return self.calibration.apply(logits)
        return softmax(logits)

    def predict_with_errors(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False
    ) -> Predictions:
        """`predict`, with no errors: a local model judges every pair (or raises)."""
        return Predictions(self.predict(pairs, batch_size, show_progress), (None,) * len(pairs))
