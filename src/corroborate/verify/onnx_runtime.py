"""ONNX Runtime: the default for the bundled verifier.

Measured on 2 CPU cores (BENCHMARKS.md): it loads in about a third of a second where importing torch
and transformers and loading the same weights takes four, and scores short sentence pairs at least as
fast, with the same predictions (the graph computes in fp32 from the same fp16-stored weights).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corroborate.onnx_session import load_tokenizer, make_session, padded_inputs
from corroborate.verify.base import BatchedVerifier

__all__ = ["ONNX_FILE", "OnnxVerifier"]

ONNX_FILE = "model.onnx"


class OnnxVerifier(BatchedVerifier):
    """A BERT-style pair classifier exported to `model.onnx`, with the folder's `tokenizer.json`."""

    runtime = "onnx"

    def __init__(self, model_path: Path, max_length: int = 256, threads: int = 0) -> None:
        super().__init__(model_path, max_length)
        self.tokenizer = load_tokenizer(model_path, max_length)
        self.session = make_session(model_path / ONNX_FILE, threads)
        self._inputs = {i.name for i in self.session.get_inputs()}

    def _logits(self, evidence: list[str], claims: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(zip(evidence, claims, strict=True)))
        return self.session.run(None, padded_inputs(encodings, self._inputs))[0]
