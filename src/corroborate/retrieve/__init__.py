"""Retrieval: find the library passages and sentences that can decide a claim.

BM25 (SQLite FTS5) and dense (all-MiniLM-L6-v2 vectors in an HNSW index) rank passages; reciprocal
rank fusion merges them (`hybrid`, the default); evidence selection picks sentences inside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from corroborate.errors import InputError, LibraryError
from corroborate.records import Evidence
from corroborate.retrieve.bm25 import bm25_passages, query_terms
from corroborate.retrieve.dense import dense_passages
from corroborate.retrieve.encoder import SentenceEncoder, encoder_for, load_encoder
from corroborate.retrieve.evidence import (
    evidence_sentences,
    joined_evidence,
    select_sentences,
    sentence_terms,
    similar_evidence,
)
from corroborate.retrieve.fusion import reciprocal_rank_fusion
from corroborate.store import Store
from corroborate.store.sqlite import SentenceRow
from corroborate.store.vectors import VectorIndex

__all__ = [
    "MODES",
    "Candidates",
    "Retriever",
    "bm25_passages",
    "dense_passages",
    "evidence_sentences",
    "load_encoder",
    "query_terms",
    "reciprocal_rank_fusion",
]

MODES = ("hybrid", "bm25", "dense")
# Each ranker contributes this many candidates to the fusion: deep enough that a passage one ranker
# misses can still come in through the other.
CANDIDATES = 100
MAX_QUERY_CHARS = 20_000


@dataclass
class Retriever:
    """Ranks a library's passages for a query, by BM25, dense vectors, or both fused."""

    store: Store
    mode: str = "hybrid"
    index: VectorIndex | None = None
    encoder: SentenceEncoder | None = None

    @classmethod
    def open(cls, store: Store, mode: str = "hybrid") -> Retriever:
        """A retriever for `store`. `hybrid` on a BM25-only library is plain BM25.

        Raises `StaleVectorIndex` when the vector index is missing, damaged or out of date.
        """
        if mode not in MODES:
            raise ValueError(f"retrieval mode must be one of {', '.join(MODES)}")
        if mode == "bm25" or (mode == "hybrid" and not store.dense()):
            return cls(store, "bm25")
        if not store.dense():
            raise LibraryError(f"{store.folder}: this library was built BM25-only; it has no vectors for dense search")
        encoder = encoder_for(store)
        return cls(store, mode, VectorIndex.open(store), encoder)

    def passages(self, query: str, k: int) -> list[tuple[int, float]]:
        """The `k` best passages as (passage id, score), best first; scores depend on the mode."""
        return self._ranked(query, query_terms(self.store, _checked(query)), k)

    def _ranked(self, query: str, weights: dict[str, float], k: int) -> list[tuple[int, float]]:
        if self.mode == "bm25":
            return bm25_passages(self.store, weights, k)
        assert self.index is not None and self.encoder is not None
        dense = dense_passages(self.index, self.encoder, query, max(k, CANDIDATES))
        if self.mode == "dense":
            return dense[:k]
        lexical = bm25_passages(self.store, weights, max(k, CANDIDATES))
        return reciprocal_rank_fusion([lexical, dense])[:k]

    def evidence(
        self, claim: str, top_passages: int, limit: int, min_overlap: float, min_similarity: float = 0.0
    ) -> list[Evidence]:
        """Up to `limit` evidence sentences for `claim` from its `top_passages` best passages; with
        `min_similarity`, only those whose sentence vector is at least that close (cosine) to the claim's."""
        return self.evidence_and_nearest(claim, top_passages, limit, min_overlap, min_similarity, nearest=0)[0]

    def evidence_and_nearest(
        self,
        claim: str,
        top_passages: int,
        limit: int,
        min_overlap: float,
        min_similarity: float = 0.0,
        nearest: int = 3,
        joined: int = 0,
        most_similar: int = 0,
    ) -> tuple[list[Evidence], list[Evidence]]:
        """(`evidence`, up to `nearest` of the sentences closest to the claim that the overlap and
        similarity gates kept out): what the library holds nearest, to show when nothing decides.
        With `joined`, the first `joined` evidence sentences are also given read together with the
        sentence before and the one after (`joined_evidence`). With `most_similar`, only that many of the
        evidence sentences are kept, those most like the claim (what a decision model was fitted to read);
        every kept sentence then carries its similarity to the claim.

        The same as `gated(candidates(...), ...)`, the two steps a caller with many claims takes apart."""
        found = self.candidates(claim, top_passages, limit, min_overlap)
        return self.gated(found, min_similarity, nearest, joined, most_similar)

    def candidates(self, claim: str, top_passages: int, limit: int, min_overlap: float) -> Candidates:
        """Up to `limit` evidence sentences for `claim` from its `top_passages` best passages that pass the
        word-overlap gate, before the similarity gate: `gated` finishes them. Encode each claim with its
        `found` sentences ahead (`SentenceEncoder.prefetch`) to have the gate's vectors ready."""
        weights = query_terms(self.store, _checked(claim))
        ranked = self._ranked(claim, weights, top_passages)
        sentences = sentence_terms(self.store, ranked) if ranked and sum(weights.values()) > 0 else []
        found = select_sentences(self.store, weights, ranked, sentences, limit, min_overlap)
        return Candidates(claim, weights, ranked, sentences, found)

    def gated(
        self,
        candidates: Candidates,
        min_similarity: float = 0.0,
        nearest: int = 3,
        joined: int = 0,
        most_similar: int = 0,
    ) -> tuple[list[Evidence], list[Evidence]]:
        """`evidence_and_nearest` of the claim `candidates` were found for."""
        found = candidates.found
        if (min_similarity > 0 or most_similar > 0) and found:
            # Always the fp32 encoder, whatever embedded the library: `min_similarity` and the decision
            # model were fitted to its cosines (and a BM25-only library has no encoder open).
            found = similar_evidence(load_encoder(), candidates.claim, found, min_similarity, most_similar)
        if joined > 0 and found:
            found = [*found, *joined_evidence(self.store, found, joined)]
        closest: list[Evidence] = []
        if nearest > 0:
            kept = {(e.doc_id, e.start) for e in found}
            # "related" means sharing at least one of the claim's words: a passage the dense ranking
            # brought that shares none is no sign the library covers the claim
            closest = [
                e
                for e in select_sentences(
                    self.store,
                    candidates.weights,
                    candidates.ranked,
                    candidates.sentences,
                    nearest + len(kept),
                    NEAREST_MIN_OVERLAP,
                )
                if (e.doc_id, e.start) not in kept
            ][:nearest]
        return found, closest


@dataclass(frozen=True)
class Candidates:
    """What `Retriever.candidates` found for a claim: its query terms, ranked passages and their sentences
    (with their terms), and the evidence sentences that passed the word-overlap gate."""

    claim: str
    weights: dict[str, float]
    ranked: list[tuple[int, float]]
    sentences: list[tuple[SentenceRow, set[str]]]
    found: list[Evidence]


# Share of the claim's term weight a sentence must hold to be shown as related (any one real word).
NEAREST_MIN_OVERLAP = 1e-6


def _checked(query: str) -> str:
    if not query.strip():
        raise InputError("the query is empty; give the words or claim to search for")
    # A query longer than this is a pasted document: its start carries as much as the encoder reads.
    return query[:MAX_QUERY_CHARS]
