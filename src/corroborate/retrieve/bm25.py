"""Lexical retrieval: BM25 over passages (SQLite FTS5), with the claim's terms weighted by IDF."""

from __future__ import annotations

from corroborate import analysis
from corroborate.store import Store

__all__ = ["MAX_POSTINGS", "MAX_QUERY_TERMS", "RESCORE_FACTOR", "bm25_passages", "query_terms"]

# A long query (a pasted paragraph) keeps only its rarest terms: they carry the meaning, and FTS5
# time grows with every OR-ed term.
MAX_QUERY_TERMS = 48
# FTS5 scores every posting of every OR-ed term, ~2.3 µs each on 2 cores: a query whose terms hold more
# postings than this has its commonest terms left out of the FTS5 scoring and added back to the best
# RESCORE_FACTOR × k passages of the rest (`store.lexical.bounded_search`). A query within the budget
# is exact. Chosen by measurement (docs/benchmarks.md, query speed): p95 against the cost in nDCG@10 and
# in overlap with the exact ranking.
MAX_POSTINGS = 10_000
RESCORE_FACTOR = 4


def query_terms(store: Store, text: str) -> dict[str, float]:
    """The analysed terms of `text` with their IDF weights, at most `MAX_QUERY_TERMS` of the rarest."""
    unique = list(dict.fromkeys(analysis.terms(text)))
    count = max(store.passage_count(), 1)
    df = store.document_frequencies(unique)
    weights = {t: analysis.idf(df[t], count) for t in unique}
    if len(weights) > MAX_QUERY_TERMS:
        keep = sorted(weights, key=lambda t: (-weights[t], t))[:MAX_QUERY_TERMS]
        weights = {t: weights[t] for t in keep}
    return weights


def bm25_passages(store: Store, weights: dict[str, float], k: int) -> list[tuple[int, float]]:
    """The `k` best passages for the query terms as (passage id, BM25 score), best first.

    Exact unless the terms hold more than `MAX_POSTINGS` postings; then bounded (see `MAX_POSTINGS`).
    """
    hits = store.search_passages(list(weights), k, max_postings=MAX_POSTINGS, candidates=RESCORE_FACTOR * k)
    return [(h.passage_id, h.score) for h in hits]
