"""Dense retrieval: the query's embedding against the passages' vectors."""

from __future__ import annotations

from corroborate.retrieve.encoder import SentenceEncoder
from corroborate.store.vectors import VectorIndex

__all__ = ["dense_passages"]


def dense_passages(index: VectorIndex, encoder: SentenceEncoder, text: str, k: int) -> list[tuple[int, float]]:
    """The `k` nearest passages to `text` as (passage id, cosine similarity), best first."""
    return index.search(encoder.encode([text])[0], k)
