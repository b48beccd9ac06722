"""The score a verifier is chosen by: dev accuracy and accuracy on a contrast set built from dev pairs.

Blends (`interpolate`) and sweeps of training settings (`sweep`) pick their model with it, so no
choice ever looks at a held-out file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.train.contrast import as_pairs, build_contrast_set, contrast_scores
from corroborate.train.pairs import Pair, read_pairs, split_dir

__all__ = ["DevSets", "choice_from_probabilities", "choice_scores", "dev_sets"]


@dataclass(frozen=True)
class DevSets:
    """The split's dev pairs and the contrast records built from them (seed 0)."""

    dev: list[Pair]
    contrast: list[dict[str, str]]

    @property
    def contrast_pairs(self) -> list[Pair]:
        return as_pairs(self.contrast)


def dev_sets(data: Path, limit: int | None = None) -> DevSets:
    """Read dev (the first `limit` rows when given) and build its contrast set."""
    dev_file = split_dir(data) / "dev.jsonl.gz"
    return DevSets(read_pairs(dev_file, limit), build_contrast_set(data, seed=0, limit=limit, files=[dev_file]))


def choice_scores(model: Any, tokenizer: Any, sets: DevSets, device: Any, max_length: int = 256) -> dict[str, Any]:
    """`choice_from_probabilities` of a model's predictions on the two sets."""
    from corroborate.train.verifier import predict

    dev = predict(model, tokenizer, sets.dev, device, max_length)
    return choice_from_probabilities(sets, dev, predict(model, tokenizer, sets.contrast_pairs, device, max_length))


def choice_from_probabilities(sets: DevSets, dev: np.ndarray, contrast: np.ndarray) -> dict[str, Any]:
    """Dev accuracy, dev-contrast accuracy, their mean (`score`, higher is better) and the per-kind contrast."""
    from corroborate.train.verifier import scores

    dev_accuracy = scores(sets.dev, dev)["accuracy"]
    by_kind = contrast_scores(sets.contrast, contrast)
    contrast_accuracy = sum(v["accuracy"] * v["rows"] for v in by_kind.values()) / max(len(sets.contrast), 1)
    return {
        "dev_accuracy": dev_accuracy,
        "dev_contrast_accuracy": round(contrast_accuracy, 4),
        "score": round((dev_accuracy + contrast_accuracy) / 2, 4),
        "dev_contrast": by_kind,
    }
