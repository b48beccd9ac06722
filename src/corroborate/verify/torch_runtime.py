"""PyTorch runtime: any local Hugging Face sequence-classification NLI model folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corroborate.errors import ModelError
from corroborate.verify.base import BatchedVerifier

__all__ = ["TorchVerifier"]


class TorchVerifier(BatchedVerifier):
    """Runs a transformers model on the CPU under `torch.inference_mode()`, fp32."""

    runtime = "torch"

    def __init__(self, model_path: Path, max_length: int = 256, threads: int = 0) -> None:
        super().__init__(model_path, max_length)
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
