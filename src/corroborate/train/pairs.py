"""Reading the verifier's training split: (evidence, claim, label) pairs from jsonl.gz files.

The split lives in the shared data folder under `splits/verifier-v0/` (`train`, `dev` and the held-out
`eval-*` files), one JSON object a line with `premise` (the evidence), `hypothesis` (the claim),
`label` and `source`. Rows keep their file order; each gets a stable id `FILE:LINE` (line counted
from 0 in the file, before any limit), so a derived row can name the row it came from.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from corroborate.errors import InputError, MalformedInput

__all__ = [
    "BINARY_NEGATIVE",
    "SPLIT",
    "TRAIN_LABELS",
    "Pair",
    "eval_files",
    "read_pairs",
    "split_dir",
    "write_pairs",
]

SPLIT = Path("splits") / "verifier-v0"
# Binary sets (RTE, SciTail) say only "not entailment": such a row trains P(entailment) alone.
BINARY_NEGATIVE = "not_entailment"
TRAIN_LABELS = ("entailment", "neutral", "contradiction", BINARY_NEGATIVE)


@dataclass(frozen=True)
class Pair:
    """One (evidence, claim) pair with its gold label; `id` is `FILE:LINE` or a derived row's id."""

    id: str
    evidence: str
    claim: str
    label: str
    source: str = ""
    kind: str = "original"  # the augmentation that made the row, "original" for a row read from a file

    def to_json(self) -> dict[str, str]:
        """The split's own field names, so written rows read back with `read_pairs`."""
        return {
            "id": self.id,
            "premise": self.evidence,
            "hypothesis": self.claim,
            "label": self.label,
            "source": self.source,
            "kind": self.kind,
        }


def split_dir(data: Path) -> Path:
    """`data/splits/verifier-v0`, or `data` itself when it already is a split folder."""
    data = Path(data)
    folder = data if (data / "train.jsonl.gz").is_file() else data / SPLIT
    if not (folder / "train.jsonl.gz").is_file():
        raise InputError(f"no {SPLIT}/train.jsonl.gz here; give the shared data folder (../shared/data)", data)
    return folder


def eval_files(folder: Path) -> list[Path]:
    """The held-out `eval-*.jsonl.gz` files of a split folder, sorted by name."""
    return sorted(Path(folder).glob("eval-*.jsonl.gz"))


def read_pairs(path: Path, limit: int | None = None) -> list[Pair]:
    """Rows of one jsonl.gz file, in file order; the first `limit` rows when given.

    Raises `MalformedInput` (naming the file and line) for a line that is not a JSON object with
    premise, hypothesis and a known label.
    """
    path = Path(path)
    name = path.name.removesuffix(".jsonl.gz")
    rows: list[Pair] = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line_no, line in enumerate(fh):
                if limit is not None and len(rows) >= limit:
                    break
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    pair = Pair(
                        id=str(row.get("id") or f"{name}:{line_no}"),
                        evidence=str(row["premise"]),
                        claim=str(row["hypothesis"]),
                        label=str(row["label"]),
                        source=str(row.get("source", "")),
                        kind=str(row.get("kind", "original")),
                    )
                except (ValueError, KeyError, TypeError, AttributeError) as exc:
                    raise MalformedInput(f"line {line_no + 1} is not a pair row ({exc})", path) from exc
                if pair.label not in TRAIN_LABELS:
                    raise MalformedInput(f"line {line_no + 1}: unknown label {pair.label!r}", path)
                rows.append(pair)
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read ({exc}); is it a gzipped JSON-lines file?", path) from exc
    return rows


def write_pairs(path: Path, pairs: Iterable[Pair]) -> int:
    """Write pairs as jsonl.gz (the split's format); returns the number of rows written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for pair in pairs:
            fh.write(json.dumps(pair.to_json(), ensure_ascii=False) + "\n")
            n += 1
    return n
