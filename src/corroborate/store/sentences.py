"""A passage's sentences kept as offsets on the passage's own row (schema 4), and what reads them back.

Up to schema 3 every sentence was a row of a `sentences` table: about 8 a passage, each checked against its
document and passage rows (the foreign keys) and added to two indexes, a third of the single writer's time
(issue 18). A sentence's text is a slice of its document's text, and a passage holds whole sentences with
consecutive indexes, so the passage row now says all of it in two columns:

- `first_sentence`: the index (in its document) of the passage's first sentence;
- `sentence_spans`: a JSON array of its sentences' start and end offsets, relative to the passage's start,
  flat: `[start0, end0, start1, end1, ...]` (readable by any SQLite tool: `json_each`, `json_array_length`).

`migrate` moves a schema-3 library's sentence rows into these columns and drops the table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from corroborate.records import Passage

__all__ = ["SELECT_PASSAGES", "SentenceRow", "encode", "migrate", "of_passage"]

# A passage row as `of_passage` takes it: id, document, start, first sentence, spans, the passage's text.
SELECT_PASSAGES = (
    "SELECT p.id, p.doc_id, p.start, p.first_sentence, p.sentence_spans, "
    'substr(d.text, p.start + 1, p."end" - p.start) FROM passages p JOIN documents d ON d.id = p.doc_id '
)
# Passages moved per statement by `migrate` (their sentence rows are read into memory together).
_MIGRATE_CHUNK = 5_000


@dataclass(frozen=True)
class SentenceRow:
    """A stored sentence: its document, passage, index in the document, offsets in the document's text, text."""

    doc_id: str
    passage_id: int
    index: int
    start: int
    end: int
    text: str


def encode(passage: Passage) -> tuple[int, str]:
    """(`first_sentence`, `sentence_spans`) of a passage row."""
    found = passage.sentences
    if not found:
        return 0, "[]"
    base = passage.start
    # Written by hand, not by `json`: the writer runs this for every passage, and this is 40% quicker.
    return found[0].index, "[" + ",".join([f"{s.start - base},{s.end - base}" for s in found]) + "]"


def of_passage(passage_id: int, doc_id: str, start: int, first: int, spans: str, text: str) -> list[SentenceRow]:
    """The sentences of one passage row (`SELECT_PASSAGES`'s columns), in order."""
    offsets: Sequence[int] = json.loads(spans)
    return [
        SentenceRow(doc_id, passage_id, first + k, start + offsets[2 * k], start + offsets[2 * k + 1],
                    text[offsets[2 * k] : offsets[2 * k + 1]])
        for k in range(len(offsets) // 2)
    ]  # fmt: skip


def migrate(conn: sqlite3.Connection) -> None:
    """Schema 4: sentence rows become offsets on their passage's row; inside the caller's transaction.

    A library of 10 M passages moves in a few minutes, once, the first time a new corroborate opens it for
    writing.
    """
    conn.execute("ALTER TABLE passages ADD COLUMN first_sentence INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE passages ADD COLUMN sentence_spans TEXT NOT NULL DEFAULT '[]'")
    last = 0
    while True:
        ids = [
            r[0]
            for r in conn.execute("SELECT id FROM passages WHERE id > ? ORDER BY id LIMIT ?", (last, _MIGRATE_CHUNK))
        ]
        if not ids:
            break
        rows = conn.execute(
            'SELECT s.passage_id, s.idx, s.start - p.start, s."end" - p.start FROM sentences s '
            "JOIN passages p ON p.id = s.passage_id WHERE s.passage_id BETWEEN ? AND ? ORDER BY s.passage_id, s.idx",
            (ids[0], ids[-1]),
        ).fetchall()
        updates = []
        for passage_id, group in groupby(rows, key=itemgetter(0)):
            found = list(group)
            updates.append(
                (
                    found[0][1],
                    json.dumps([x for _, _, s, e in found for x in (s, e)], separators=(",", ":")),
                    passage_id,
                )
            )
        conn.executemany("UPDATE passages SET first_sentence = ?, sentence_spans = ? WHERE id = ?", updates)
        last = ids[-1]
    conn.execute("DROP TABLE sentences")
