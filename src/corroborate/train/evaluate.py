"""Score verifier folders on the split's held-out sets and contrast set, as training does (fp32, argmax).

    python -m corroborate.train.evaluate src/corroborate/models/verifier-v0 build/verifier-v1 \
        --data ../shared/data --out build/held-out.json

The numbers are the raw network's (no calibration), so two models compare on equal terms and with
their model cards.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corroborate.atomic import write_text_atomically
from corroborate.train import reports_errors, require_torch
from corroborate.train.pairs import split_dir

__all__ = ["evaluate_verifiers", "main", "model_folders_parser"]


def evaluate_verifiers(
    models: Sequence[Path], data: Path, limit: int | None = None, out: Path | None = None
) -> dict[str, Any]:
    """{model folder name: {"held_out": per set scores, "contrast": per kind scores}}, also written to
    `out` after each model (a long run keeps what it finished)."""
    require_torch("scoring model folders")
    import torch

    from corroborate.train.verifier import _load_model, held_out_scores

    folder = split_dir(data)
    result: dict[str, Any] = {}
    for path in models:
        model, tokenizer = _load_model(Path(path))
        held, contrast = held_out_scores(model, tokenizer, folder, torch.device("cpu"), 256, limit)
        result[Path(path).name] = {"path": str(path), "held_out": held, "contrast": contrast}
        if out is not None:
            write_text_atomically(out, json.dumps(result, indent=1) + "\n")
    return result


def model_folders_parser(description: str, limit_help: str) -> argparse.ArgumentParser:
    """The command line of the tools that score model folders: folders, --data, --out, --limit."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("models", type=Path, nargs="+", help="verifier model folders")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="shared data folder")
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--limit", type=int, default=None, help=limit_help)
    return parser


@reports_errors
def main(argv: list[str] | None = None) -> int:
    parser = model_folders_parser(__doc__.split("\n\n")[0], "smoke run: about N/30 rows of each set")
    args = parser.parse_args(argv)
    evaluate_verifiers(args.models, args.data, args.limit, args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
