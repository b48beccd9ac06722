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

__all__ = ["ONE_PAIR_A_RUN", "ONNX_FILE", "OnnxVerifier"]

ONNX_FILE = "model.onnx"
# Metadata (key, value) of a graph that must score each pair in a run of its own: one whose activations
# are quantised with a scale computed over the whole input (ONNX Runtime's dynamic int8), so that a pair's
# probabilities would otherwise depend on the pairs batched with it and on their padding
# (`train.quantize_verifier` writes it).
ONE_PAIR_A_RUN = ("corroborate.runs", "one-pair")


class OnnxVerifier(BatchedVerifier):
    """A BERT-style pair classifier exported to `model.onnx`, with the folder's `tokenizer.json`."""

    runtime = "onnx"

    def __init__(self, model_path: Path, max_length: int = 256, threads: int = 0) -> None:
        super().__init__(model_path, max_length)
        self.tokenizer = load_tokenizer(model_path, max_length)
        self.session = make_session(model_path / ONNX_FILE, threads)
        self._inputs = {i.name for i in self.session.get_inputs()}
        key, value = ONE_PAIR_A_RUN
        self.one_pair_a_run = self.session.get_modelmeta().custom_metadata_map.get(key) == value

    def _logits(self, evidence: list[str], claims: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(zip(evidence, claims, strict=True)))
        if self.one_pair_a_run:
            # The same pair gets the same probabilities in any batch (as with the fp32 graph), and no
            # padding is computed: on 2 loaded cores this was also faster than batches of 32.
            return np.concatenate([self.session.run(None, padded_inputs([e], self._inputs))[0] for e in encodings])
        return self.session.run(None, padded_inputs(encodings, self._inputs))[0]
