"""Lexical retrieval: BM25 over passages (SQLite FTS5), with the claim's terms weighted by IDF."""

from __future__ import annotations

from corroborate import analysis
from corroborate.store import Store

__all__ = ["MAX_QUERY_TERMS", "bm25_passages", "query_terms"]

# A long query (a pasted paragraph) keeps only its rarest terms: they carry the meaning, and FTS5
# time grows with every OR-ed term.
MAX_QUERY_TERMS = 48


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
    """The `k` best passages for the query terms as (passage id, BM25 score), best first."""
    return [(h.passage_id, h.score) for h in store.search_passages(list(weights), k)]
