"""Lexical retrieval: claim → BM25-ranked passages (SQLite FTS5) → the best evidence sentences."""

from __future__ import annotations

from corroborate import analysis
from corroborate.records import Evidence
from corroborate.store import Store

__all__ = ["MAX_QUERY_TERMS", "evidence_sentences", "query_terms"]

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


def evidence_sentences(
    store: Store, claim: str, top_passages: int, limit: int, min_overlap: float, exclude_doc: str | None = None
) -> list[Evidence]:
    """Up to `limit` library sentences most likely to decide `claim`, best first.

    Passages come from BM25; inside them each sentence is scored by the share of the claim's IDF
    weight it contains (`overlap`), with the passage's BM25 score breaking near-ties. Sentences below
    `min_overlap` are dropped, and so are repeats of a sentence already chosen.
    """
    weights = query_terms(store, claim)
    total = sum(weights.values())
    if total <= 0:
        return []
    hits = store.search_passages(list(weights), top_passages)
    if not hits:
        return []
    passage_score = {h.passage_id: h.score for h in hits}
    best = max(passage_score.values()) or 1.0
    scored = []
    for row in store.sentences_of_passages(list(passage_score)):
        if row.doc_id == exclude_doc:
            continue
        present = set(analysis.terms(row.text))
        overlap = sum(w for t, w in weights.items() if t in present) / total
        if overlap < min_overlap:
            continue
        score = overlap + 0.1 * passage_score[row.passage_id] / best
        scored.append((score, overlap, row))
    scored.sort(key=lambda x: (-x[0], x[2].doc_id, x[2].index))
    out: list[Evidence] = []
    seen_text: set[str] = set()
    docs: dict[str, dict[str, object]] = {}
    for score, overlap, row in scored:
        key = " ".join(row.text.lower().split())
        if key in seen_text:
            continue
        seen_text.add(key)
        doc = docs.setdefault(row.doc_id, store.document(row.doc_id) or {})
        before, after = store.neighbour_sentences(row.doc_id, row.index)
        out.append(
            Evidence(
                doc_id=row.doc_id,
                title=str(doc.get("title", "")),
                origin=str(doc.get("origin", "")),
                date=doc.get("date"),
                text=row.text,
                start=row.start,
                end=row.end,  # type: ignore[arg-type]
                context_before=before,
                context_after=after,
                retrieval_score=round(score, 6),
                overlap=round(overlap, 6),
            )
        )
        if len(out) >= limit:
            break
    return out
