"""Evidence-side augmentation: distractor sentences around the evidence, and hard negatives.

`multi_sentence` keeps the label (the entailing sentence is still there among others);
`hard_negatives` pairs a claim with topically close evidence from another row, labelled neutral.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import replace

from corroborate.train.pairs import Pair

__all__ = ["hard_negatives", "multi_sentence", "sentences"]


def _derive(pair: Pair, kind: str, evidence: str, label: str = "") -> Pair:
    return replace(pair, id=f"{pair.id}/{kind}", evidence=evidence, label=label or pair.label, kind=kind)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def sentences(text: str) -> list[str]:
    """A plain split after . ! ? before a capital: enough to pick distractor sentences."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def multi_sentence(pair: Pair, rng: random.Random, distractors: Sequence[str]) -> Pair | None:
    """The evidence joined with 1–2 sentences from other evidence, in random places: the label stays."""
    pool = [s for s in distractors if s not in pair.evidence]
    if not pool:
        return None
    parts = [pair.evidence]
    for _ in range(rng.choice([1, 2])):
        parts.insert(rng.randint(0, len(parts)), rng.choice(pool))
    return _derive(pair, "multi-sentence", " ".join(parts))


_WORD = re.compile(r"[a-z][a-z0-9'-]{3,}")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _words(
    "that this with from have been were which their there they than them then what when where will would "
    "about also into more other some such only over after before most many very these those while being "
    "does said says could should because between during under"
)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _base_source(source: str) -> str:
    return source.split("+", 1)[0]


def hard_negatives(pool: Sequence[Pair], claims: Sequence[Pair], max_df: int = 500) -> list[Pair]:
    """Each claim against the most word-sharing *other* evidence of its source: neutral.

    v0's model card measured this ("hard neutral" pairs) as a gain on MNLI, ANLI, FEVER and real
    claims. Ties go to the earlier row of `pool`; words in more than `max_df` evidence texts are
    ignored (they say little and cost time). Claims with no evidence sharing two words get none.
    """
    by_source: dict[str, list[str]] = {}
    for p in pool:
        texts = by_source.setdefault(_base_source(p.source), [])
        texts.append(p.evidence)
    index: dict[str, tuple[list[str], dict[str, list[int]]]] = {}
    for source, texts in by_source.items():
        unique = list(dict.fromkeys(texts))
        postings: dict[str, list[int]] = {}
        for i, text in enumerate(unique):
            for w in _content_words(text):
                postings.setdefault(w, []).append(i)
        index[source] = (unique, {w: ids for w, ids in postings.items() if len(ids) <= max_df})
    out = []
    for c in claims:
        unique, postings = index.get(_base_source(c.source), ([], {}))
        counts: dict[int, int] = {}
        for w in _content_words(c.claim):
            for i in postings.get(w, ()):
                counts[i] = counts.get(i, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        best = next((i for i, n in ranked if n >= 2 and unique[i] != c.evidence and c.claim not in unique[i]), None)
        if best is not None:
            out.append(_derive(c, "hard-negative", unique[best], label="neutral"))
    return out
