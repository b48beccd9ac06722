"""Average the probabilities of several verifiers, the weights chosen on dev, and score every mix held out.

    python -m corroborate.train.ensemble src/corroborate/models/verifier-v0 build/verifier-v1 \
        --data ../shared/data --out build/ensemble.json

Two models that err differently (v0 keeps citation pairs, a contrast-trained model catches changed words)
can be better together than either. Each model is run once over dev, the contrast set built from dev
pairs, every held-out file and the held-out contrast set; every mix of weights on a grid of quarters is
then scored from those probabilities. The mix with the best dev choice score (`corroborate.train.choose`)
is the choice (a tie goes to more weight on the models listed first); the held-out numbers of every mix
are written beside it for the report, never to choose by.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from corroborate.atomic import write_text_atomically
from corroborate.train import reports_errors
from corroborate.train.choose import choice_from_probabilities, dev_sets
from corroborate.train.contrast import as_pairs, build_contrast_set, contrast_scores, contrast_summary
from corroborate.train.evaluate import model_folders_parser
from corroborate.train.pairs import Pair, eval_files, read_pairs, split_dir

__all__ = ["ensemble_report", "main", "weight_grid"]


def weight_grid(models: int, step: float = 0.25) -> list[tuple[float, ...]]:
    """Every tuple of `models` weights on multiples of `step` that sum to 1."""
    ticks = round(1 / step)
    return [
        tuple(k / ticks for k in combo)
        for combo in itertools.product(range(ticks + 1), repeat=models)
        if sum(combo) == ticks
    ]


def ensemble_report(
    models: Sequence[Path],
    data: Path,
    limit: int | None = None,
    step: float = 0.25,
    echo: Callable[[str], None] = print,
) -> dict[str, Any]:
    """{"models", "chosen": weights, "mixes": [{weights, dev scores, held_out, contrast}]}, best dev first."""
    from corroborate.train.verifier import _device, _load_model, predict, scores

    folder = split_dir(data)
    sets = dev_sets(data, limit)
    held = {p.name.removesuffix(".jsonl.gz"): read_pairs(p, limit) for p in eval_files(folder)}
    contrast = build_contrast_set(folder, seed=0, limit=limit)
    every: dict[str, list[Pair]] = {"dev": sets.dev, "dev-contrast": sets.contrast_pairs, **held}
    every["contrast"] = as_pairs(contrast)
    device = _device(None)
    probabilities = []
    for path in models:
        model, tokenizer = _load_model(Path(path))
        model.to(device)
        probabilities.append({name: predict(model, tokenizer, pairs, device, 256) for name, pairs in every.items()})
        echo(f"scored {path}")
    mixes = []
    for weights in weight_grid(len(models), step):
        mixed = {name: sum(w * p[name] for w, p in zip(weights, probabilities, strict=True)) for name in every}
        choice = choice_from_probabilities(sets, mixed["dev"], mixed["dev-contrast"])
        by_kind = contrast_scores(contrast, mixed["contrast"])
        mixes.append({
            "weights": list(weights),
            **{k: choice[k] for k in ("dev_accuracy", "dev_contrast_accuracy", "score")},
            "held_out": {name: scores(pairs, mixed[name]) for name, pairs in held.items()},
            "contrast": by_kind,
            **contrast_summary(by_kind),
        })  # fmt: skip
    mixes.sort(key=lambda m: (-m["score"], [-w for w in m["weights"]]))  # a tie keeps more of the first model
    return {"models": [str(m) for m in models], "chosen": mixes[0]["weights"], "limit": limit, "mixes": mixes}


@reports_errors
def main(argv: list[str] | None = None) -> int:
    parser = model_folders_parser(__doc__.split("\n\n")[0], "smoke run: the first N rows of each set")
    args = parser.parse_args(argv)
    report = ensemble_report(args.models, args.data, args.limit)
    write_text_atomically(args.out, json.dumps(report, indent=1) + "\n")
    for mix in report["mixes"]:
        held = ", ".join(f"{k.removeprefix('eval-')} {v['accuracy']:.3f}" for k, v in mix["held_out"].items())
        print(f"{mix['weights']}: dev {mix['dev_accuracy']:.4f}, dev contrast {mix['dev_contrast_accuracy']:.4f}, "
              f"score {mix['score']:.4f} | {held}, changed {mix['changed_called_contradiction'] or 0:.3f}, "
              f"originals {mix['originals_accuracy'] or 0:.3f}")  # fmt: skip
    print(f"chosen on dev: {report['chosen']}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
