"""A contrast set from held-out data: entailed pairs and the same pairs with one thing changed.

Built from the split's `eval-*` files only (never train or dev), so a model trained on the split has
seen none of its evidence. Each entailed original that yields a change appears once as kind
"original" (label entailment), followed by its variants: changed figures, dates, units or scale
words, names and negations (contradiction), and value-preserving rewrites of a date or a unit
(entailment). Every record names its original in `original_id`.

The records hold dataset text, so the set is never committed: build it at bench time.

    python -m corroborate.train.contrast --data ../shared/data --out bench-results/contrast.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.train.augment import augmenters
from corroborate.train.names import NamePool
from corroborate.train.pairs import Pair, eval_files, read_pairs, split_dir

__all__ = [
    "CHANGED_KINDS",
    "CONTRAST_KINDS",
    "as_pairs",
    "build_contrast_set",
    "contrast_scores",
    "contrast_summary",
    "main",
    "write_contrast_set",
]

CONTRAST_KINDS = ("number", "date", "unit", "name", "negation", "date-format", "unit-convert")
CHANGED_KINDS = ("number", "date", "unit", "name", "negation")  # the kinds whose gold label is contradiction
# eval-numcontrast is itself v0's numeric contrast set, made from the other eval files.
_DERIVED = ("eval-numcontrast.jsonl.gz",)


def build_contrast_set(
    data: Path,
    seed: int = 0,
    kinds: Sequence[str] = CONTRAST_KINDS,
    limit: int | None = None,
    files: Sequence[Path] | None = None,
) -> list[dict[str, str]]:
    """Records {id, evidence, claim, label, kind, original_id, source}, in a fixed order for a seed.

    `limit` reads only the first N rows of each eval file (a smoke run). On the verifier-v0 split
    this gives 5,148 changed pairs (most of them negations and names) and 3,723 originals. `files`
    replaces the eval files (the dev file: a contrast set to choose on without touching held-out data).
    """
    originals: list[Pair] = []
    for path in files if files is not None else eval_files(split_dir(data)):
        if path.name not in _DERIVED:
            originals += read_pairs(path, limit)
    pool = NamePool.from_texts(t for p in originals for t in (p.evidence, p.claim))
    functions = augmenters(pool, [])
    records: list[dict[str, str]] = []
    for pair in originals:
        if pair.label != "entailment":
            continue
        variants = []
        for kind in kinds:
            new = functions[kind](pair, random.Random(f"{seed}:{kind}:{pair.id}"))
            if new is not None and new.claim != pair.claim:
                variants.append(new)
        if variants:
            records.append(_record(pair, "original", pair.id))
            records += [_record(v, v.kind, pair.id) for v in variants]
    return records


def _record(pair: Pair, kind: str, original_id: str) -> dict[str, str]:
    return {
        "id": pair.id,
        "evidence": pair.evidence,
        "claim": pair.claim,
        "label": pair.label,
        "kind": kind,
        "original_id": original_id,
        "source": pair.source,
    }


def write_contrast_set(data: Path, out: Path, seed: int = 0, limit: int | None = None) -> int:
    """Build the set and write it as JSON lines (gzipped when `out` ends in .gz); returns its size."""
    records = build_contrast_set(data, seed, limit=limit)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if out.suffix == ".gz" else open
    with opener(out, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(records)


def as_pairs(records: Sequence[dict[str, str]]) -> list[Pair]:
    """The records as the pairs a verifier reads (evidence, claim, gold label)."""
    return [Pair(r["id"], r["evidence"], r["claim"], r["label"]) for r in records]


def contrast_scores(records: Sequence[dict[str, str]], probabilities: np.ndarray) -> dict[str, dict[str, Any]]:
    """Per kind: rows and accuracy (argmax over LABELS equals the record's label).

    For "original" that is the share still called entailment; for a changed kind, the share called
    contradiction; for a preserving kind, the share still called entailment.
    """
    from corroborate.verify.base import LABELS

    predicted = [LABELS[i] for i in np.asarray(probabilities).argmax(axis=1)]
    out: dict[str, dict[str, Any]] = {}
    for record, label in zip(records, predicted, strict=True):
        row = out.setdefault(record["kind"], {"rows": 0, "correct": 0, "label": record["label"]})
        row["rows"] += 1
        row["correct"] += label == record["label"]
    for row in out.values():
        row["accuracy"] = round(row.pop("correct") / row["rows"], 4)
    return dict(sorted(out.items()))


def contrast_summary(by_kind: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Over the changed kinds of `contrast_scores`: their rows and the share called contradiction; and
    the originals' accuracy (the share still called entailment)."""
    changed = [by_kind[k] for k in CHANGED_KINDS if k in by_kind]
    rows = sum(s["rows"] for s in changed)
    called = sum(s["rows"] * s["accuracy"] for s in changed)
    return {
        "changed_rows": rows,
        "changed_called_contradiction": round(called / rows, 4) if rows else None,
        "originals_accuracy": by_kind.get("original", {}).get("accuracy"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="shared data folder")
    parser.add_argument("--out", type=Path, required=True, help="jsonl (or jsonl.gz) file to write")
    parser.add_argument("--seed", type=int, default=0, help="seed of the changes (default 0)")
    args = parser.parse_args(argv)
    n = write_contrast_set(args.data, args.out, args.seed)
    print(f"wrote {args.out}: {n} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
