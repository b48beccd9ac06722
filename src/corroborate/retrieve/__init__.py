"""Retrieval: find the library sentences that can decide a claim."""

from corroborate.retrieve.bm25 import evidence_sentences, query_terms

__all__ = ["evidence_sentences", "query_terms"]
