"""BM25 over the passages' FTS5 table, exact or with the cost of a query bounded.

FTS5 answers an OR query by scoring every passage that holds any of its terms, at about 2.3 µs a
posting on 2 cores (measured on a 100k-passage library: query time against the sum of the terms'
document frequencies, correlation 0.93). A claim with one word found in 40 % of a million passages
("use", "new", "year") therefore costs 0.5–1 s, although that word decides almost nothing.

`bounded_search` keeps the cost near a budget of postings: the rarest terms, as many as fit in the
budget (always at least one), pick `candidates` passages by FTS5's own BM25; the common terms' share
of BM25 is then added to those candidates from their stored terms, with FTS5's formula and statistics,
so each candidate's score is its full BM25 score. What can be lost is a passage outside the candidates
that the common terms alone would have lifted into the results; the curve of that cost is in
docs/benchmarks.md (query speed). A query whose terms fit in the budget is answered exactly.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Mapping, Sequence

__all__ = [
    "K1",
    "B",
    "bm25_share",
    "bounded_search",
    "exact_search",
    "fts5_idf",
    "fts5_totals",
    "match_expression",
    "split_by_postings",
]

# FTS5's bm25() defaults (fts5_aux.c); the rescoring must use the same so its scores are FTS5's.
K1 = 1.2
B = 0.75
# The row of the FTS5 data table that holds the table's row and token counts (FTS5_AVERAGES_ROWID).
_AVERAGES_ROWID = 1


def match_expression(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression for any of `terms`, each quoted as a string."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in dict.fromkeys(terms))


def exact_search(conn: sqlite3.Connection, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The `limit` best passages for any of `terms` by FTS5's BM25, as (rowid, score); best first, ties by id."""
    if not terms or limit <= 0:
        return []
    # Rank inside FTS5 and join the few winners after: joining every match costs a quarter of the
    # query time on a large library.
    rows = conn.execute(
        "SELECT rowid, -rank FROM passage_terms WHERE passage_terms MATCH ? ORDER BY rank, rowid LIMIT ?",
        (match_expression(terms), limit),
    ).fetchall()
    return [(int(r), float(s)) for r, s in rows]


def split_by_postings(
    terms: Sequence[str], frequencies: Mapping[str, int], max_postings: int
) -> tuple[list[str], list[str]]:
    """(rare, common): the rarest terms whose document frequencies sum to at most `max_postings`
    (always at least one, so a query never goes empty), and the rest, each in the order of `terms`.
    Ties in frequency go by the term, so the split does not depend on the claim's word order."""
    unique = list(dict.fromkeys(terms))
    kept: set[str] = set()
    total = 0
    for term in sorted(unique, key=lambda t: (frequencies.get(t, 0), t)):
        df = frequencies.get(term, 0)
        if kept and total + df > max_postings:
            break
        kept.add(term)
        total += df
    return [t for t in unique if t in kept], [t for t in unique if t not in kept]


def fts5_idf(document_frequency: int, rows: int) -> float:
    """FTS5's BM25 IDF: log((N - n + 0.5) / (n + 0.5)), or 1e-6 where that is not positive."""
    value = math.log((rows - document_frequency + 0.5) / (document_frequency + 0.5))
    return value if value > 0 else 1e-6


def bm25_share(idf: float, tf: int, length: int, mean_length: float) -> float:
    """One term's share of a passage's BM25 score, as FTS5 computes it (k1 = 1.2, b = 0.75)."""
    return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / mean_length))


def _varint(blob: bytes, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at `at`: (value, offset after it)."""
    value = 0
    for i in range(9):
        byte = blob[at]
        at += 1
        if i == 8:
            return (value << 8) | byte, at
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, at
    raise AssertionError("unreachable")


def fts5_totals(conn: sqlite3.Connection) -> tuple[int, int] | None:
    """(rows, tokens) of the passages' FTS5 table, as its BM25 reads them; None when the record is
    missing or unreadable (then a search is answered exactly, never with made-up statistics)."""
    row = conn.execute("SELECT block FROM passage_terms_data WHERE id = ?", (_AVERAGES_ROWID,)).fetchone()
    if row is None or not isinstance(row[0], bytes) or not row[0]:
        return None
    try:
        rows, at = _varint(row[0], 0)
        tokens, _ = _varint(row[0], at)
    except IndexError:
        return None
    return (rows, tokens) if rows > 0 and tokens > 0 else None


def bounded_search(
    conn: sqlite3.Connection,
    terms: Sequence[str],
    frequencies: Mapping[str, int],
    limit: int,
    max_postings: int,
    candidates: int,
    totals: tuple[int, int] | None,
) -> list[tuple[int, float]]:
    """Like `exact_search`, but FTS5 scores only the postings of the rarest terms (see the module
    docstring); the common terms are added to the best `candidates` of those. Exact when the terms'
    frequencies fit in `max_postings` or `totals` is None."""
    rare, common = split_by_postings(terms, frequencies, max_postings)
    if not common or totals is None:
        return exact_search(conn, terms, limit)
    found = exact_search(conn, rare, max(candidates, limit))
    if not found:
        return []
    rows, tokens = totals
    mean_length = tokens / rows
    idf = {t: fts5_idf(frequencies.get(t, 0), rows) for t in common}
    marks = ",".join("?" * len(found))
    texts = dict(conn.execute(f"SELECT id, c0 FROM passage_terms_content WHERE id IN ({marks})", [r for r, _ in found]))
    scored = []
    for rowid, score in found:
        # The stored terms are single words joined by single spaces (`Store._insert_document`), so
        # counting in the string is counting tokens, at C speed: a Python loop over the words of 400
        # passages cost 5 ms a query.
        text = " " + str(texts.get(rowid) or "") + " "
        length = text.count(" ") - 1
        for term, weight in idf.items():
            tf = text.count(" " + term + " ")
            if tf:
                score += bm25_share(weight, tf, length, mean_length)
        scored.append((rowid, score))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored[:limit]
