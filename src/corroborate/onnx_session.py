"""ONNX Runtime plumbing shared by the verifier and the embedder: sessions, tokenizers, padding."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.errors import ModelError

__all__ = ["load_tokenizer", "make_session", "padded_inputs"]


def make_session(path: Path, threads: int = 0) -> Any:
    """An `onnxruntime.InferenceSession` on the CPU with full graph optimisation.

    `threads` = 0 uses every core this process may run on. The session's threads sleep between runs
    instead of spinning (ONNX Runtime's default): a check interleaves many short runs of three sessions
    with Python work (retrieval, the figure check on its own thread), and on 2 cores spinning threads took
    the cores that work needed (a check used about a fifth more CPU time with them). The results are the
    same to the bit either way.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or len(os.sched_getaffinity(0))
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
        raise ModelError(f"{path}: cannot load the ONNX model ({exc})") from exc


def load_tokenizer(model_dir: Path, max_length: int) -> Any:
    """The folder's `tokenizer.json` (Hugging Face tokenizers), truncating, not padding."""
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    except Exception as exc:  # tokenizers raises a bare Exception on a bad file
        raise ModelError(f"{model_dir}: cannot read tokenizer.json ({exc})") from exc
    tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
    tokenizer.no_padding()
    return tokenizer


def padded_inputs(encodings: Sequence[Any], names: set[str]) -> dict[str, np.ndarray]:
    """Right-padded `input_ids`, `attention_mask`, `token_type_ids` (those in `names`) for a batch."""
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
    return {k: v for k, v in feed.items() if k in names}
