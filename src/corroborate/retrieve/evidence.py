"""Evidence selection: from ranked passages down to the sentences that can decide a claim."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate import analysis
from corroborate.records import Evidence
from corroborate.store import Store

__all__ = ["evidence_sentences"]


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
    are dropped (the verifier reads unrelated sentences as contradictions), and so are repeats.
    """
    total = sum(weights.values())
    if total <= 0 or not passages:
        return []
    passage_score = dict(passages)
    best = max(passage_score.values()) or 1.0
    scored = []
    for row in store.sentences_of_passages(list(passage_score)):
        present = set(analysis.terms(row.text))
        overlap = sum(w for t, w in weights.items() if t in present) / total
        if overlap < min_overlap:
            continue
        scored.append((overlap + 0.1 * passage_score[row.passage_id] / best, overlap, row))
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
        date = doc.get("date")
        out.append(
            Evidence(
                doc_id=row.doc_id,
                title=str(doc.get("title", "")),
                origin=str(doc.get("origin", "")),
                date=str(date) if date else None,
                text=row.text,
                start=row.start,
                end=row.end,
                context_before=before,
                context_after=after,
                retrieval_score=round(score, 6),
                overlap=round(overlap, 6),
            )
        )
        if len(out) >= limit:
            break
    return out
