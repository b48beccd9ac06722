"""ONNX Runtime: the default for the bundled verifier.

Measured on 2 CPU cores (BENCHMARKS.md): it loads in about half a second where importing torch and
transformers and loading the same weights takes four, and scores short sentence pairs faster, with
the same accuracy (the exported graph computes in fp32 from the same fp16-stored weights).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from corroborate.errors import ModelError
from corroborate.verify.base import BatchedVerifier

__all__ = ["ONNX_FILE", "OnnxVerifier"]

ONNX_FILE = "model.onnx"


class OnnxVerifier(BatchedVerifier):
    """A BERT-style pair classifier exported to `model.onnx`, with the folder's `tokenizer.json`."""

    runtime = "onnx"

    def __init__(self, model_path: Path, max_length: int = 256, threads: int = 0) -> None:
        super().__init__(model_path, max_length)
        import onnxruntime as ort
        from tokenizers import Tokenizer

        try:
            self.tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises a bare Exception on a bad file
            raise ModelError(f"{model_path}: cannot read tokenizer.json ({exc})") from exc
        self.tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or len(os.sched_getaffinity(0))
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(
                str(model_path / ONNX_FILE), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
            raise ModelError(f"{model_path / ONNX_FILE}: cannot load the ONNX model ({exc})") from exc
        self._inputs = {i.name for i in self.session.get_inputs()}

    def _logits(self, evidence: list[str], claims: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(zip(evidence, claims, strict=True)))
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            n = len(e.ids)
            ids[row, :n] = e.ids
            types[row, :n] = e.type_ids
            mask[row, :n] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        return self.session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
