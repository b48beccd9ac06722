"""Reranking retrieved documents with the verifier: does a document say anything decisive about the claim?

First-stage retrieval (BM25, dense, fused) ranks by topic; the verifier can tell a sentence that
decides the claim from one that only shares its words. For each of the first `top` documents, the `m`
sentences that share most of the claim's terms are paired with the claim; the document's rerank score
is the best of their P(entailment) + P(contradiction) = 1 - P(neutral). That score is then mixed with
the first-stage ranking (`mix`), because the verifier alone is a poor ranker of documents that never
mention the claim's subject. Documents after the first `top` keep their order, below the reranked
ones: the verifier costs about `top * m` pairs per claim, so only the head of the list is reread.

The steps are pure functions (`candidate_pairs`, `document_scores`, `mix`) so they can be tested and
tuned without the model; `rerank` composes them with a verifier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from corroborate import analysis

__all__ = [
    "DEFAULT_METHOD",
    "DEFAULT_SENTENCES",
    "DEFAULT_TOP",
    "DEFAULT_WEIGHT",
    "METHODS",
    "SIGNALS",
    "Candidate",
    "Reranked",
    "candidate_pairs",
    "document_scores",
    "mix",
    "rerank",
    "signal_values",
    "top_sentences",
]

# Only the head of the first-stage list is reread: at 3 sentences a document, 20 documents are 60
# verifier pairs, about half a second per claim on 2 CPU cores.
DEFAULT_TOP = 20
DEFAULT_SENTENCES = 3
METHODS = ("rrf", "linear")
SIGNALS = ("decisive", "entailment")
# Chosen on 100 SciFact *train* claims (`corroborate bench scifact-retrieval`), never on dev: a light
# touch. The verifier alone ranks abstracts badly (train nDCG@10 0.29 against 0.71 for the fused
# ranking), and this mix gained 0.005 on train and lost 0.004 on dev: see BENCHMARKS.md.
DEFAULT_METHOD = "linear"
DEFAULT_WEIGHT = 0.1
DEFAULT_RRF_K = 60

# Column order of the verifier's probabilities (corroborate.verify.LABELS).
_ENTAILMENT, _NEUTRAL, _CONTRADICTION = 0, 1, 2


class Verifier(Protocol):
    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray: ...


@dataclass(frozen=True)
class Candidate:
    """A first-stage result: a document `key`, its first-stage score (higher is better), its sentences."""

    key: str
    score: float
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Reranked:
    """A document after reranking. The list order is the ranking; `score` is None after the reranked head.

    `rerank_score` is the verifier's best signal over the document's chosen sentences and `sentence`
    the index (into the candidate's `sentences`) of the sentence that gave it; both None when the
    document was not reread.
    """

    key: str
    score: float | None
    first_rank: int
    first_score: float
    rerank_score: float | None
    sentence: int | None


def top_sentences(
    claim: str, sentences: Sequence[str], m: int = DEFAULT_SENTENCES, weights: Mapping[str, float] | None = None
) -> list[int]:
    """Indices of the `m` sentences sharing most of the claim's terms, best first, ties by position.

    Overlap is the summed weight of the claim's terms a sentence contains: IDF weights when `weights`
    is given (as `retrieve.query_terms` makes them), else 1 per distinct term.
    """
    claim_terms = weights if weights is not None else dict.fromkeys(analysis.terms(claim), 1.0)
    scored = []
    for i, sentence in enumerate(sentences):
        present = set(analysis.terms(sentence))
        scored.append((-sum(w for t, w in claim_terms.items() if t in present), i))
    return [i for _, i in sorted(scored)[:m]]


def candidate_pairs(
    claim: str,
    candidates: Sequence[Candidate],
    m: int = DEFAULT_SENTENCES,
    weights: Mapping[str, float] | None = None,
) -> tuple[list[tuple[str, str]], list[tuple[int, int]]]:
    """The (sentence, claim) pairs to verify and, for each, (candidate index, sentence index)."""
    pairs: list[tuple[str, str]] = []
    owners: list[tuple[int, int]] = []
    for c, candidate in enumerate(candidates):
        for s in top_sentences(claim, candidate.sentences, m, weights):
            pairs.append((candidate.sentences[s], claim))
            owners.append((c, s))
    return pairs, owners


def signal_values(probs: np.ndarray, signal: str = "decisive") -> np.ndarray:
    """Per pair, P(entailment) + P(contradiction) (`decisive`) or P(entailment) (`entailment`)."""
    if signal == "decisive":
        return probs[:, _ENTAILMENT] + probs[:, _CONTRADICTION]
    if signal == "entailment":
        return probs[:, _ENTAILMENT]
    raise ValueError(f"signal must be one of {', '.join(SIGNALS)}")


def document_scores(
    probs: np.ndarray, owners: Sequence[tuple[int, int]], count: int, signal: str = "decisive"
) -> list[tuple[float, int] | None]:
    """Per candidate, (best signal over its pairs, that sentence's index), or None when it had no pair.

    `probs` has one row per pair in `LABELS` order; ties between sentences go to the earlier pair.
    """
    values = signal_values(np.asarray(probs, dtype=np.float64), signal)
    best: list[tuple[float, int] | None] = [None] * count
    for value, (c, s) in zip(values.tolist(), owners, strict=True):
        current = best[c]
        if current is None or value > current[0]:
            best[c] = (round(value, 6), s)
    return best


def _minmax(values: Sequence[float]) -> list[float]:
    lo, hi = min(values), max(values)
    return [(v - lo) / (hi - lo) if hi > lo else 1.0 for v in values]


def mix(
    candidates: Sequence[Candidate],
    scores: Sequence[tuple[float, int] | None],
    method: str = DEFAULT_METHOD,
    weight: float = DEFAULT_WEIGHT,
    k: int = DEFAULT_RRF_K,
) -> list[Reranked]:
    """Mix first-stage and rerank scores of the head of `candidates` (those with a score); the rest follow.

    `candidates` must be in first-stage order. `rrf`: 1/(k + first rank) + weight/(k + rerank rank).
    `linear`: (1 - weight) * first score + weight * rerank score, each min-max normalised over the head
    (weight 1 is the verifier alone). A document without a rerank score ranks after every reranked one
    in first-stage order. Ties: first-stage rank.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    if len(scores) != len(candidates):
        raise ValueError("one score (or None) per candidate")
    head = [i for i, s in enumerate(scores) if s is not None]
    mixed: dict[int, float] = {}
    if head:
        rerank_values = [scores[i][0] for i in head]  # type: ignore[index]
        if method == "rrf":
            by_rerank = sorted(range(len(head)), key=lambda j: (-rerank_values[j], head[j]))
            rerank_rank = {head[j]: r for r, j in enumerate(by_rerank, start=1)}
            for i in head:
                mixed[i] = 1.0 / (k + i + 1) + weight / (k + rerank_rank[i])
        else:
            first = _minmax([candidates[i].score for i in head])
            second = _minmax(rerank_values)
            for j, i in enumerate(head):
                mixed[i] = (1.0 - weight) * first[j] + weight * second[j]
    order = sorted(head, key=lambda i: (-mixed[i], i)) + [i for i in range(len(candidates)) if i not in mixed]
    out = []
    for i in order:
        score = scores[i]
        out.append(
            Reranked(
                key=candidates[i].key,
                score=round(mixed[i], 8) if i in mixed else None,
                first_rank=i + 1,
                first_score=candidates[i].score,
                rerank_score=score[0] if score is not None else None,
                sentence=score[1] if score is not None else None,
            )
        )
    return out


def rerank(
    claim: str,
    candidates: Sequence[Candidate],
    verifier: Verifier,
    top: int = DEFAULT_TOP,
    m: int = DEFAULT_SENTENCES,
    method: str = DEFAULT_METHOD,
    weight: float = DEFAULT_WEIGHT,
    k: int = DEFAULT_RRF_K,
    signal: str = "decisive",
    weights: Mapping[str, float] | None = None,
    batch_size: int = 32,
) -> list[Reranked]:
    """Rerank the first `top` of `candidates` (in first-stage order) for `claim` with `verifier`; see `mix`."""
    head = list(candidates[:top])
    pairs, owners = candidate_pairs(claim, head, m, weights)
    probs = verifier.predict(pairs, batch_size) if pairs else np.zeros((0, 3), dtype=np.float32)
    scores = document_scores(probs, owners, len(head), signal)
    return mix(candidates, [*scores, *([None] * (len(candidates) - len(head)))], method, weight, k)
