"""Text → index terms: the one tokenizer shared by indexing and querying, so both always agree.

Terms are lower-cased, Snowball-stemmed words with English stop words dropped; numbers lose their
thousands separators ("4,200" → "4200") so a figure written either way matches.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import Stemmer

__all__ = ["STOP_WORDS", "idf", "terms"]

STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves said says say
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# "not"/"no" are stop words for retrieval only; the verifier always sees the full sentence.

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def _normalise_number(token: str) -> str:
    # Thousands separators go; a decimal point becomes "p" because FTS5's tokenizer splits on ".".
    token = re.sub(r",(?=\d{3}\b)", "", token)
    return token.replace(".", "p").replace(",", "p")


def terms(text: str) -> list[str]:
    """Return the index terms of `text`, in order, repeats kept."""
    words: list[str] = []
    numbers: dict[int, str] = {}
    for match in _TOKEN.finditer(text.lower()):
        token = match.group()
        if token[0].isdigit():
            numbers[len(words)] = _normalise_number(token)
            words.append("")
        elif token not in STOP_WORDS:
            words.append(token.replace("’", "'").split("'")[0])
    stemmed = _stemmer().stemWords([w for w in words if w])
    out: list[str] = []
    it = iter(stemmed)
    for i, _w in enumerate(words):
        out.append(numbers[i] if i in numbers else next(it))
    return [t for t in out if t]


def idf(document_frequency: int, document_count: int) -> float:
    """BM25's inverse document frequency (the Lucene form, never negative)."""
    return math.log(1.0 + (document_count - document_frequency + 0.5) / (document_frequency + 0.5))
