"""PyTorch runtime: any local Hugging Face sequence-classification NLI model folder.

PyTorch and transformers are not installed with corroborate (the shipped verifier runs on ONNX Runtime);
the `hf` extra brings them, and this runtime says so when they are missing.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corroborate.errors import ModelError
from corroborate.verify.base import BatchedVerifier

__all__ = ["TorchVerifier", "require_torch"]


def require_torch(what: str, extra: str = "hf") -> None:
    """Raise `ModelError` naming the extra to install when PyTorch or transformers cannot be imported.

    `what` says what needs them ("a Hugging Face model folder as the verifier"); `extra` is `hf` for
    that, `train` for training and export.
    """
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:
        raise ModelError(
            f"{what} needs PyTorch and transformers, which a plain install of corroborate leaves out "
            f"({exc}): install them with `pip install 'corroborate[{extra}]'` "
            f"(`pip install -e '.[{extra}]'` in a checkout)"
        ) from exc


class TorchVerifier(BatchedVerifier):
    """Runs a transformers model on the CPU under `torch.inference_mode()`, fp32.

    Raises `ModelError` when the folder cannot be loaded or PyTorch/transformers are not installed.
    """

    runtime = "torch"

    def __init__(self, model_path: Path, max_length: int = 256, threads: int = 0) -> None:
        super().__init__(model_path, max_length)
        require_torch(f"{model_path}: a Hugging Face model folder (no model.onnx) as the verifier")
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        # transformers draws its own "Loading weights" bar on stderr; ours are the only ones shown.
        hf_logging.disable_progress_bar()
        if threads:
            torch.set_num_threads(threads)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model_path, local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(
                model_path, local_files_only=True, dtype=torch.float32
            ).eval()
        except Exception as exc:  # transformers raises OSError/ValueError/... on a bad folder
            raise ModelError(f"{model_path}: cannot load the verifier ({exc})") from exc
        self._torch = torch

    def _logits(self, evidence: list[str], claims: list[str]) -> np.ndarray:
        enc = self.tokenizer(
            evidence, claims, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt"
        )
        with self._torch.inference_mode():
            return self.model(**enc).logits.float().numpy()
