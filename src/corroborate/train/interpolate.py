"""Blend two verifiers of one architecture weight by weight, the blend chosen on dev.

    python -m corroborate.train.interpolate --base src/corroborate/models/verifier-v0 \
        --tuned build/verifier-v1-tuned --out build/verifier-v1 --data ../shared/data

A model fine-tuned further on narrow data (here the contrastive rows) gains there and loses a little
everywhere else; averaging its weights with the model it started from keeps most of both (Wortsman
et al. 2022, "Robust fine-tuning of zero-shot models", WiSE-FT). Each blend `(1 - a) * base + a *
tuned` is scored on the split's dev pairs and on a contrast set built from those dev pairs (the held-
out files are never looked at); the blend with the best mean of the two accuracies is written, with
`blend.json` holding every blend's scores.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from corroborate.atomic import write_text_atomically
from corroborate.train import reports_errors, require_torch
from corroborate.train.choose import choice_scores, dev_sets

__all__ = ["BLENDS", "blend_weights", "choose_blend", "main"]

BLENDS = (0.0, 0.25, 0.5, 0.75, 1.0)


def blend_weights(base: dict[str, Any], tuned: dict[str, Any], alpha: float) -> dict[str, Any]:
    """`(1 - alpha) * base + alpha * tuned` for every floating tensor (others, e.g. position ids, from base).

    Raises `ValueError` when the two do not have the same tensors of the same shapes.
    """
    if base.keys() != tuned.keys() or any(base[k].shape != tuned[k].shape for k in base):
        raise ValueError("the two models differ in architecture; only fine-tunes of one network can be blended")
    return {
        k: (base[k].float() * (1 - alpha) + tuned[k].float() * alpha).to(base[k].dtype)
        if base[k].is_floating_point()
        else base[k]
        for k in base
    }


def choose_blend(
    base: Path,
    tuned: Path,
    data: Path,
    blends: Sequence[float] = BLENDS,
    limit: int | None = None,
    echo: Callable[[str], None] = print,
) -> tuple[float, Any, Any, list[dict[str, Any]]]:
    """Score each blend on dev and the dev contrast set; returns (best alpha, the model holding that
    blend, its tokenizer, every blend's scores)."""
    from corroborate.train.verifier import _device, _load_model

    sets = dev_sets(data, limit)
    model, tokenizer = _load_model(Path(base))
    base_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    tuned_state = _load_model(Path(tuned))[0].state_dict()
    device = _device(None)
    model.to(device)
    results = []
    for alpha in blends:
        model.load_state_dict(blend_weights(base_state, tuned_state, alpha))
        row = {"alpha": alpha} | choice_scores(model, tokenizer, sets, device)
        results.append(row)
        echo(
            f"  blend {alpha}: dev accuracy {row['dev_accuracy']:.4f}, dev contrast {row['dev_contrast_accuracy']:.4f}"
        )
    best = max(results, key=lambda r: (r["score"], -r["alpha"]))  # a tie keeps more of the base
    model.load_state_dict(blend_weights(base_state, tuned_state, best["alpha"]))
    return best["alpha"], model, tokenizer, results


def write_blend(base: Path, tuned: Path, data: Path, out: Path, limit: int | None = None) -> dict[str, Any]:
    """Choose the blend on dev and write it as a model folder (fp16 weights, tokenizer, blend.json)."""
    require_torch("blending two verifiers")
    import torch

    alpha, model, tokenizer, results = choose_blend(base, tuned, data, limit=limit)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model.to(torch.float16).save_pretrained(out)
    tokenizer.save_pretrained(out)
    report = {"base": str(base), "tuned": str(tuned), "alpha": alpha, "blends": results, "limit": limit}
    write_text_atomically(out / "blend.json", json.dumps(report, indent=1) + "\n")
    return report


@reports_errors
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the model the tuned one started from")
    parser.add_argument("--tuned", type=Path, required=True, help="the model trained further")
    parser.add_argument("--out", type=Path, required=True, help="model folder to write")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="shared data folder")
    parser.add_argument("--limit", type=int, default=None, help="first N dev rows only (a smoke run)")
    args = parser.parse_args(argv)
    report = write_blend(args.base, args.tuned, args.data, args.out, args.limit)
    print(f"wrote {args.out}: blend {report['alpha']} of {args.tuned} into {args.base}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
