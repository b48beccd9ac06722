"""Evidence selection: from ranked passages down to the sentences that can decide a claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from corroborate import analysis
from corroborate.records import Evidence
from corroborate.store import Store

if TYPE_CHECKING:
    from corroborate.retrieve.encoder import SentenceEncoder
    from corroborate.store.sqlite import SentenceRow

__all__ = ["evidence_sentences", "joined_evidence", "select_sentences", "sentence_terms", "similar_evidence"]


def evidence_sentences(
    store: Store,
    weights: dict[str, float],
    passages: Sequence[tuple[int, float]],
    limit: int,
    min_overlap: float,
) -> list[Evidence]:
    """Up to `limit` sentences of `passages` most likely to decide the claim, best first.

    Each sentence is scored by the share of the claim's IDF weight it holds (`overlap`), plus a tenth
    of its passage's normalised retrieval score to break near-ties. Sentences below `min_overlap`
    are dropped (the verifier reads unrelated sentences as contradictions). A sentence that is a
    near-copy of one already chosen (syndicated or quoted text) is not judged again: its document is
    listed in the chosen one's `copies`, so ten sites carrying one text count as one source.
    """
    if sum(weights.values()) <= 0 or not passages:
        return []
    return select_sentences(store, weights, passages, sentence_terms(store, passages), limit, min_overlap)


def sentence_terms(store: Store, passages: Sequence[tuple[int, float]]) -> list[tuple[SentenceRow, set[str]]]:
    """The sentences of `passages` (ranked passages as (id, score)), each with its set of index terms: what
    `select_sentences` scores, read once where it selects twice (a claim's evidence and its nearest)."""
    return [(row, set(analysis.terms(row.text))) for row in store.sentences_of_passages([p for p, _ in passages])]


def select_sentences(
    store: Store,
    weights: dict[str, float],
    passages: Sequence[tuple[int, float]],
    sentences: Sequence[tuple[SentenceRow, set[str]]],
    limit: int,
    min_overlap: float,
) -> list[Evidence]:
    """`evidence_sentences` over `sentence_terms(store, passages)` already read."""
    total = sum(weights.values())
    if total <= 0 or not passages:
        return []
    passage_score = dict(passages)
    best = max(passage_score.values()) or 1.0
    scored = []
    for row, present in sentences:
        overlap = sum(w for t, w in weights.items() if t in present) / total
        if overlap < min_overlap:
            continue
        scored.append((overlap + 0.1 * passage_score[row.passage_id] / best, overlap, row))
    scored.sort(key=lambda x: (-x[0], x[2].doc_id, x[2].index))
    chosen: list[_Chosen] = []
    docs: dict[str, dict[str, object]] = {}
    for score, overlap, row in scored:
        doc = docs.setdefault(row.doc_id, store.document(row.doc_id) or {})
        shingles = _shingles(row.text)
        original = next((c for c in chosen if _similar(shingles, c.shingles)), None)
        if original is not None:
            original.add_copy(row.doc_id, str(doc.get("title", "")), str(doc.get("origin", "")))
            continue
        if len(chosen) >= limit:
            continue  # scan on only to find copies of the chosen sentences
        before, after = store.neighbour_sentences(row.doc_id, row.index)
        date = doc.get("date")
        evidence = Evidence(
            doc_id=row.doc_id, title=str(doc.get("title", "")), origin=str(doc.get("origin", "")),
            date=str(date) if date else None, text=row.text, start=row.start, end=row.end,
            context_before=before, context_after=after, retrieval_score=round(score, 6), overlap=round(overlap, 6),
        )  # fmt: skip
        chosen.append(_Chosen(evidence, shingles))
    return [replace(c.evidence, copies=tuple(sorted(c.copies))) for c in chosen]


def similar_evidence(
    encoder: SentenceEncoder, claim: str, evidence: Sequence[Evidence], min_similarity: float, most: int = 0
) -> list[Evidence]:
    """The evidence sentences whose vector has at least `min_similarity` cosine similarity with the claim's,
    each with its `similarity` set; with `most`, only the `most` most similar, most similar first.

    Word overlap lets through topical sentences ("the effect of X on mortality was studied in 400
    patients") that share a claim's terms but say nothing about it, and the verifier calls many of
    them decisive; a sentence vector tells them from ones that state the claim's fact.
    """
    if not evidence:
        return []
    vectors = encoder.encode([claim, *(e.text for e in evidence)])
    similarity = vectors[1:] @ vectors[0]
    kept = [replace(e, similarity=round(float(s), 4)) for e, s in zip(evidence, similarity, strict=True)]
    kept = [e for e in kept if e.similarity is not None and e.similarity >= min_similarity]
    if most > 0:
        kept = sorted(kept, key=lambda e: -(e.similarity or 0.0))[:most]
    return kept


def joined_evidence(store: Store, evidence: Sequence[Evidence], limit: int) -> list[Evidence]:
    """The first `limit` evidence sentences each read together with the sentence before and the one
    after: a fact split over a headline and its sentence, or over two sentences ("The dike was
    designed in 1928. Its engineer was Anton Reiss."), is in neither alone."""
    out: list[Evidence] = []
    for e in evidence[:limit]:
        for step in (-1, 1):
            other = store.sentence_next_to(e.doc_id, e.start, step)
            if other is None or not other.text.strip():
                continue
            first, second = (other.text, e.text) if step < 0 else (e.text, other.text)
            out.append(
                replace(
                    e,
                    text=f"{first} {second}",
                    start=min(e.start, other.start),
                    end=max(e.end, other.end),
                    context_before="" if step < 0 else e.context_before,
                    context_after="" if step > 0 else e.context_after,
                    copies=(),
                )
            )
    return out


@dataclass
class _Chosen:
    evidence: Evidence
    shingles: frozenset[str]
    copies: list[tuple[str, str, str]] = field(default_factory=list)

    def add_copy(self, doc_id: str, title: str, origin: str) -> None:
        if doc_id != self.evidence.doc_id and all(doc_id != c[0] for c in self.copies):
            self.copies.append((doc_id, title, origin))


# Two sentences are copies when their word-trigram sets overlap this much (Jaccard): syndication
# and quotation keep sentences whole, with at most a word or two changed.
NEAR_DUPLICATE = 0.8


def _shingles(text: str) -> frozenset[str]:
    words = " ".join(text.lower().split()).strip(".!?\"'“”").split()
    if len(words) < 3:
        return frozenset([" ".join(words)])
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= NEAR_DUPLICATE
