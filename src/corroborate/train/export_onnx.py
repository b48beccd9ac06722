"""Export a Hugging Face BERT-style pair classifier folder to `model.onnx` beside its weights.

    python -m corroborate.train.export_onnx src/corroborate/models/verifier-v0

The graph computes in fp32; weights are stored in fp16 with a Cast in front of each, which ONNX
Runtime folds away when it loads the model. The file is half the size of an fp32 export and, for a
model trained and shipped in fp16 (verifier-v0), holds exactly the same numbers. Needs the `train`
extra (`pip install -e '.[train]'`) for the `onnx` package.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

from corroborate.verify.onnx_runtime import ONNX_FILE

__all__ = ["export"]

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# Small tensors (biases, LayerNorm) stay fp32: they are not worth a Cast node each.
_MIN_FP16_ELEMENTS = 4096


def export(model_dir: Path, opset: int = 17) -> Path:
    """Write `model_dir/model.onnx`; returns its path."""
    import onnx
    import torch
    from onnx import numpy_helper
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(
        model_dir, local_files_only=True, dtype=torch.float32, attn_implementation="eager"
    ).eval()
    model.config.return_dict = False
    example = tuple(torch.ones(2, 16, dtype=torch.long) for _ in INPUTS)
    axes = {name: {0: "batch", 1: "sequence"} for name in INPUTS} | {"logits": {0: "batch"}}
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            model, example, str(raw), input_names=list(INPUTS), output_names=["logits"], dynamic_axes=axes,
            opset_version=opset, dynamo=False, do_constant_folding=True,
        )  # fmt: skip
        graph_model = onnx.load(str(raw))
    graph = graph_model.graph
    casts = []
    for init in list(graph.initializer):
        array = numpy_helper.to_array(init)
        if array.dtype != np.float32 or array.size < _MIN_FP16_ELEMENTS:
            continue
        half = numpy_helper.from_array(array.astype(np.float16), init.name + "__fp16")
        graph.initializer.remove(init)
        graph.initializer.append(half)
        casts.append(onnx.helper.make_node("Cast", [half.name], [init.name], to=onnx.TensorProto.FLOAT))
    for node in reversed(casts):
        graph.node.insert(0, node)
    onnx.checker.check_model(graph_model)
    out = model_dir / ONNX_FILE
    onnx.save(graph_model, str(out))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir", type=Path, help="folder with config.json, weights and tokenizer.json")
    args = parser.parse_args(argv)
    out = export(args.model_dir)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
