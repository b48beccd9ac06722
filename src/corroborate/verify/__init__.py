"""Verification: score (evidence, claim) pairs as entailment / neutral / contradiction.

Three runtimes share one interface (`predict`, `predict_with_errors`): ONNX Runtime for a folder that
has `model.onnx` (the bundled verifier), PyTorch for any Hugging Face sequence-classification NLI model
folder (PyTorch and transformers come with the `hf` extra and are imported only when such a folder is
loaded), and `endpoint.EndpointVerifier` for a chat model behind an OpenAI-compatible endpoint on your
machine (imported only when used).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from corroborate.errors import ModelError
from corroborate.verify.base import LABELS, BatchedVerifier, Predictions, Verifier, model_hash
from corroborate.verify.onnx_runtime import ONNX_FILE, OnnxVerifier
from corroborate.verify.torch_runtime import TorchVerifier

__all__ = [
    "LABELS",
    "RUNTIMES",
    "BatchedVerifier",
    "OnnxVerifier",
    "Predictions",
    "TorchVerifier",
    "Verifier",
    "load_verifier",
    "model_hash",
]

log = logging.getLogger(__name__)

RUNTIMES = ("auto", "onnx", "torch")


@lru_cache(maxsize=4)
def load_verifier(model_path: Path, max_length: int = 256, threads: int = 0, runtime: str = "auto") -> BatchedVerifier:
    """Load a verifier once per process.

    `runtime="auto"` uses ONNX Runtime when the folder has `model.onnx`, else PyTorch. Raises `ModelError`
    when the folder cannot be loaded, or when it needs PyTorch and the `hf` extra is not installed.
    """
    model_path = Path(model_path)
    if runtime not in RUNTIMES:
        raise ModelError(f"unknown verifier runtime {runtime!r}; choose one of {', '.join(RUNTIMES)}")
    if runtime == "auto":
        runtime = "onnx" if (model_path / ONNX_FILE).is_file() else "torch"
    if runtime == "onnx" and not (model_path / ONNX_FILE).is_file():
        raise ModelError(f"{model_path}: no {ONNX_FILE} here; use the torch runtime or export the model first")
    log.debug("loading verifier %s with %s", model_path, runtime)
    cls = OnnxVerifier if runtime == "onnx" else TorchVerifier
    return cls(model_path, max_length=max_length, threads=threads)
