"""Build the int8 verifier from the shipped fp32 one: ONNX Runtime dynamic quantisation.

    python -m corroborate.train.quantize_verifier \
        --source src/corroborate/models/verifier-v0 --out src/corroborate/models/verifier-v0-int8

The same steps as the int8 encoder (`quantize_encoder.quantize_folder`): the fp16 weights behind Cast
nodes become fp32 initializers, then the MatMul weights and the token embedding table are quantised to
int8 per channel; activations stay fp32. Per channel because one scale a tensor changed the top label of
8% of 400 dev pairs against 3.5% per channel, at about the same speed. The activations' int8 scale is
computed over each run's whole input, so the model is marked to be run one pair at a time
(`verify.onnx_runtime.ONE_PAIR_A_RUN`): in batches, a pair's calibrated probabilities moved by up to 0.26
with its batch-mates. Deterministic: the same source
gives the same bytes. `tokenizer.json`, `config.json` and `calibration.json` are copied unchanged: the
fp32 calibration was kept because it still fits the int8 outputs (MODEL_CARD.md, `corroborate bench
calibration --verifier v0-int8`). Needs the `onnx` package (`pip install 'corroborate[train]'`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corroborate.config import BUNDLED_VERIFIERS
from corroborate.train import reports_errors
from corroborate.train.quantize_encoder import quantize_folder
from corroborate.verify.onnx_runtime import ONE_PAIR_A_RUN

__all__ = ["COPIED", "quantize_verifier"]

COPIED = ("tokenizer.json", "config.json", "calibration.json")
SOURCE = BUNDLED_VERIFIERS["v0"]
OUT = BUNDLED_VERIFIERS["v0-int8"]


def quantize_verifier(source: Path = SOURCE, out: Path = OUT) -> Path:
    """Write `out/model.onnx` (int8 weights, fp32 activations) and the copied files; returns the model path.

    Raises `ModelError` when the `onnx` package is missing or the source has no `model.onnx`.
    """
    return quantize_folder(source, out, COPIED, what="the verifier", metadata=dict([ONE_PAIR_A_RUN]))


@reports_errors
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=SOURCE, help="the fp32 verifier folder")
    parser.add_argument("--out", type=Path, default=OUT, help="the folder to write")
    args = parser.parse_args(argv)
    print(quantize_verifier(args.source, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
