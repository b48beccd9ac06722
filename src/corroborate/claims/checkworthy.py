"""Check-worthiness: a first heuristic that keeps factual sentences and drops opinion and colour.

A sentence is worth checking when it asserts something verifiable: a figure, a date, a named person,
place or organisation. Questions, headings, first-person feelings and exhortations are not. A trained
model replaces this in a later stage; the features here are the ones such models lean on most.
"""

from __future__ import annotations

import re

__all__ = ["checkworthiness"]

_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|third|quarter|percent)\b",
    re.I,
)
_DATE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|century|decade)\b",
    re.I,
)
_OPINION = re.compile(
    r"\b(?:i|we)\s+(?:think|feel|believe|hope|fear|wish|know|are\s+(?:all\s+)?(?:in\s+shock|shocked|devastated|sad|"
    r"grateful|scared|afraid))\b|"
    r"\b(?:should|must|ought|shocking|terrible|heartbreaking|amazing|wonderful|horrible|tragic|in\s+my\s+opinion)\b",
    re.I,
)
_FACT_VERB = re.compile(
    r"\b(?:was|were|is|are|has|have|had|killed|died|rose|fell|reached|built|founded|destroyed|evacuated|"
    r"flooded|struck|led|won|lost|opened|closed|recorded|measured|reported|caused|began|ended|took|"
    r"became|broke|burst|collapsed|named|elected|signed|released|announced|displaced)\b",
    re.I,
)
_NAME = re.compile(
    r"(?<!^)(?<![.!?]\s)\b(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]+"
)


def checkworthiness(sentence: str) -> float:
    """A score in [0, 1]: how much a sentence looks like a verifiable factual claim."""
    text = sentence.strip()
    words = text.split()
    if len(words) < 4 or text.endswith("?") or text[-1:] not in ".!\"'”’)":
        return 0.0
    score = 0.1
    if _NUMBER.search(text):
        score += 0.3
    if _DATE.search(text):
        score += 0.15
    if _NAME.search(text):
        score += 0.2
    if _FACT_VERB.search(text):
        score += 0.25
    if 8 <= len(words) <= 60:
        score += 0.1
    if _OPINION.search(text):
        score -= 0.45
    return round(max(0.0, min(1.0, score)), 3)
