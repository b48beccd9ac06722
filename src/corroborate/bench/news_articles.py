"""Real news articles for the claim benchmarks: FNC-1 training bodies from `../shared/data/fnc1`.

The bodies are agency and web news of many styles (never the competition test bodies). The choice
is fixed: bodies of 1,500–4,000 characters ordered by a salted hash of their id; the first
`TEST_ARTICLES` are the annotated evaluation set, the next `DEV_ARTICLES` a development set that
may be read while building the extractor. The texts are read from the shared data, never copied
into the project; the annotations refer to them by body id and sentence index.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from corroborate import segment
from corroborate.records import Sentence

__all__ = [
    "BODIES",
    "DEV_ARTICLES",
    "TEST_ARTICLES",
    "NewsArticle",
    "articles_by_id",
    "news_articles",
    "shared_runs",
]

BODIES = Path("fnc1") / "train_bodies.csv"
TEST_ARTICLES = 30
DEV_ARTICLES = 15
_MIN_CHARS, _MAX_CHARS = 1500, 4000
_SALT = "claims-news:"


@dataclass(frozen=True)
class NewsArticle:
    body_id: str
    text: str
    sentences: tuple[Sentence, ...]


def news_articles(data: Path, split: str = "test") -> list[NewsArticle]:
    """The articles of `split` ("test" or "dev"), in their fixed order."""
    path = Path(data) / BODIES
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if _MIN_CHARS <= len(r["articleBody"]) <= _MAX_CHARS]
    rows.sort(key=lambda r: hashlib.sha256((_SALT + r["Body ID"]).encode()).hexdigest())
    chosen = rows[:TEST_ARTICLES] if split == "test" else rows[TEST_ARTICLES : TEST_ARTICLES + DEV_ARTICLES]
    out = []
    for row in chosen:
        text = row["articleBody"]
        doc_id = f"fnc1-{row['Body ID']}"
        out.append(NewsArticle(row["Body ID"], text, tuple(segment.sentences(doc_id, text))))
    return out


def articles_by_id(data: Path, body_ids: list[str]) -> list[NewsArticle]:
    """The bodies of `body_ids`, in that order (an annotation of other bodies than the two parts)."""
    path = Path(data) / BODIES
    with path.open(encoding="utf-8", newline="") as handle:
        rows = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle) if r["Body ID"] in set(body_ids)}
    return [
        NewsArticle(body, rows[body], tuple(segment.sentences(f"fnc1-{body}", rows[body])))
        for body in body_ids
        if body in rows
    ]


def _runs(text: str, n: int) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[k : k + n]) for k in range(len(words) - n + 1)}


def shared_runs(a: str, b: str, n: int = 5) -> float:
    """The share of the shorter text's runs of `n` words that the other text holds too.

    FNC-1 holds reprints of one story under several body ids: 0.8 and more is a reprint, whose claims are
    the other's claims; two stories on one event share a quote or two (under 0.3)."""
    ra, rb = _runs(a, n), _runs(b, n)
    return len(ra & rb) / min(len(ra), len(rb)) if ra and rb else 0.0
