"""Claims: the check-worthy statements of an article, each with its span and its speaker."""

from __future__ import annotations

import re
from collections.abc import Sequence

from corroborate.claims.attribution import attribute, is_bare_quote
from corroborate.claims.checkworthy import checkworthiness
from corroborate.records import Claim, Sentence

__all__ = ["attribute", "checkworthiness", "extract_claims", "strip_dateline"]

# A "sentence" longer than this is a list, a table or unpunctuated text, not one claim; skipping it
# also keeps the attribution patterns' backtracking bounded on hostile input.
MAX_CLAIM_CHARS = 1000

# "VELLMAR, 17 March 2026 - " or "WASHINGTON (Reuters) - ": where the story was filed, not a claim.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^-–—\n]{3,40}?)?(?:\s*\([^)]{2,30}\))?\s+[-–—]\s+")


def strip_dateline(sentence: str) -> str:
    """The sentence without a leading news dateline."""
    return _DATELINE.sub("", sentence, count=1)


def extract_claims(sentences: Sequence[Sentence], threshold: float = 0.5) -> list[Claim]:
    """Keep the sentences scoring at least `threshold`, in article order.

    An attributed sentence is checked as its statement alone ("The dam held.") with the speaker
    recorded, since the source library confirms facts, not who said them.
    """
    claims: list[Claim] = []
    previous_speaker: str | None = None
    for sentence in sentences:
        if len(sentence.text) > MAX_CLAIM_CHARS:
            previous_speaker = None
            continue
        statement, speaker = attribute(strip_dateline(sentence.text))
        if speaker is None and is_bare_quote(statement):
            # A quotation standing alone continues the last attributed speaker's words.
            speaker, statement = previous_speaker, statement.strip().strip('"“”').strip()
        previous_speaker = speaker
        score = checkworthiness(statement if speaker else sentence.text)
        if score < threshold:
            continue
        claims.append(
            Claim(
                id=f"c{len(claims) + 1}",
                text=statement,
                sentence=sentence.text,
                start=sentence.start,
                end=sentence.end,
                checkworthiness=score,
                speaker=speaker,
            )
        )
    return claims
