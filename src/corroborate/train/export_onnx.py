"""Export a Hugging Face BERT-style model folder to ONNX: a pair classifier (the verifier) or a
sentence encoder (the embedder, output `last_hidden_state`, pooled by the caller).

    python -m corroborate.train.export_onnx src/corroborate/models/verifier-v0
    python -m corroborate.train.export_onnx --encoder SOURCE_DIR --out src/corroborate/models/minilm-l6-embed

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

from corroborate.errors import ModelError
from corroborate.train import reports_errors, require_torch
from corroborate.verify.onnx_runtime import ONNX_FILE

__all__ = ["export"]

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# Small tensors (biases, LayerNorm) stay fp32: they are not worth a Cast node each.
_MIN_FP16_ELEMENTS = 4096


def export(model_dir: Path, out_dir: Path | None = None, encoder: bool = False, opset: int = 17) -> Path:
    """Write `out_dir/model.onnx` (default: beside the weights); returns its path.

    With `encoder`, the graph outputs `last_hidden_state` (batch, sequence, hidden) instead of logits.
    Raises `ModelError` when the `train` extra (PyTorch, transformers, onnx) is not installed.
    """
    require_torch("exporting a model to ONNX")
    try:
        import onnx
    except ImportError as exc:
        raise ModelError(
            f"exporting a model to ONNX needs the onnx package ({exc}): `pip install 'corroborate[train]'`"
        ) from exc
    import torch
    from onnx import numpy_helper
    from transformers import AutoModel, AutoModelForSequenceClassification

    loader = AutoModel if encoder else AutoModelForSequenceClassification
    model = loader.from_pretrained(model_dir, local_files_only=True, dtype=torch.float32, attn_implementation="eager")
    model.eval()
    model.config.return_dict = False
    output = "last_hidden_state" if encoder else "logits"
    example = tuple(torch.ones(2, 16, dtype=torch.long) for _ in INPUTS)
    axes = {name: {0: "batch", 1: "sequence"} for name in INPUTS}
    axes[output] = {0: "batch", 1: "sequence"} if encoder else {0: "batch"}

    class FirstOutput(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids, attention_mask, token_type_ids)[0]

    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            FirstOutput(), example, str(raw), input_names=list(INPUTS), output_names=[output], dynamic_axes=axes,
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
    out = (out_dir or model_dir) / ONNX_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(graph_model, str(out))
    return out


@reports_errors
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir", type=Path, help="folder with config.json, weights and tokenizer.json")
    parser.add_argument("--encoder", action="store_true", help="export a sentence encoder (last_hidden_state)")
    parser.add_argument("--out", type=Path, default=None, help="folder for model.onnx (default: model_dir)")
    args = parser.parse_args(argv)
    out = export(args.model_dir, args.out, encoder=args.encoder)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
