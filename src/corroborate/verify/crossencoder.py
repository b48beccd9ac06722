"""The verifier: a cross-encoder that reads (evidence, claim) and says entailment, neutral or contradiction."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from corroborate.errors import ModelError
from corroborate.progress import progress

__all__ = ["LABELS", "CrossEncoderVerifier", "load_verifier", "model_hash"]

log = logging.getLogger(__name__)

# Column order of every probability array the verifier returns.
LABELS = ("entailment", "neutral", "contradiction")


class CrossEncoderVerifier:
    """A local Hugging Face sequence-classification NLI model, run batched on the CPU.

    The label order is read from the model's `config.json`, so any NLI model folder whose labels are
    named entailment/neutral/contradiction works.
    """

    def __init__(self, model_path: Path, max_length: int = 256, threads: int = 0) -> None:
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as exc:  # pragma: no cover - both are hard dependencies
            raise ModelError(f"cannot import the model runtime ({exc}); reinstall corroborate") from exc
        if not (model_path / "config.json").is_file():
            raise ModelError(f"{model_path}: no verifier model here (config.json missing); give a model folder")
        if threads:
            torch.set_num_threads(threads)
        from transformers.utils import logging as hf_logging

        # transformers draws its own "Loading weights" bar on stderr; ours are the only ones shown.
        hf_logging.disable_progress_bar()
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model_path, local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(
                model_path, local_files_only=True, dtype=torch.float32
            ).eval()
        except Exception as exc:  # transformers raises OSError/ValueError/... on a bad folder
            raise ModelError(f"{model_path}: cannot load the verifier ({exc})") from exc
        id2label = {int(k): v.lower() for k, v in self.model.config.id2label.items()}
        try:
            self._columns = [next(i for i, name in id2label.items() if name.startswith(label[:4])) for label in LABELS]
        except StopIteration as exc:
            raise ModelError(
                f"{model_path}: labels {sorted(id2label.values())} are not entailment/neutral/contradiction"
            ) from exc
        self.path = model_path
        self.max_length = max_length
        self.name = model_path.name
        self.hash = model_hash(model_path)
        self._torch = torch

    def predict(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        """Probabilities, one row per (evidence, claim) pair, columns in `LABELS` order; input order kept.

        Pairs are sorted by length inside so that each batch pads little, then put back in order.
        """
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda i: (len(pairs[i][0]) + len(pairs[i][1]), i))
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        torch = self._torch
        with (
            torch.inference_mode(),
            progress(total=len(pairs), desc="verifying", unit="pair", enabled=show_progress) as bar,
        ):
            for i in range(0, len(order), batch_size):
                idx = order[i : i + batch_size]
                enc = self.tokenizer(
                    [pairs[j][0] for j in idx],
                    [pairs[j][1] for j in idx],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                logits = self.model(**enc).logits.float()
                probs = torch.softmax(logits, dim=-1)[:, self._columns].numpy()
                out[idx] = probs
                bar.update(len(idx))
        return out


def model_hash(model_path: Path) -> str:
    """SHA-256 over the model's weight and config files: stored with each run for reproducibility."""
    digest = hashlib.sha256()
    for name in sorted(
        p.name for p in model_path.iterdir() if p.suffix in {".safetensors", ".json", ".txt", ".bin", ".onnx"}
    ):
        digest.update(name.encode())
        with open(model_path / name, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=2)
def load_verifier(model_path: Path, max_length: int = 256, threads: int = 0) -> CrossEncoderVerifier:
    """Load a verifier once per process (it takes about two seconds)."""
    log.debug("loading verifier from %s", model_path)
    return CrossEncoderVerifier(Path(model_path), max_length=max_length, threads=threads)
