"""Who said it: split an attributed sentence into the quoted statement and its speaker.

Handles the common newswire shapes:
  "Q," said X.   "Q," X said.   X said: "Q."   X said that Q.   According to X, Q.   Q, X said.
"""

from __future__ import annotations

import re

__all__ = ["attribute", "is_bare_quote"]

_Q = '"“”'
_VERB = r"(?:said|says|told\s+\w+|added|stated|explained|warned|noted|reported|recalled|confirmed)"
_NAME = r"(?P<speaker>[^,.;:]{2,80}?)"
# A speaker placed first may carry an appositive: "Jonas Weber, a hydrologist at the authority, said ..."
_LEAD_NAME = r"(?P<speaker>[A-Z][^,.;:\"“”]{1,80}?)(?:,\s[^,\"“”]{2,120},)?"

_PATTERNS = [
    # "Q," said X[, role].   /   "Q," X said.
    re.compile(rf"^[{_Q}](?P<quote>.+?)[,.!?]?[{_Q}]\s*,?\s*{_VERB}\s+{_NAME}\s*(?:,.*)?[.!?]?$", re.S),
    re.compile(rf"^[{_Q}](?P<quote>.+?)[,.!?]?[{_Q}]\s*,?\s*{_NAME}\s+{_VERB}\s*(?:,.*)?[.!?]?$", re.S),
    # X said: "Q."   /   X said "Q"
    re.compile(rf"^{_LEAD_NAME}\s+{_VERB}\s*[:,]?\s*[{_Q}](?P<quote>.+?)[{_Q}]\s*[.!?]?$", re.S),
    # X said (that) Q.
    re.compile(rf"^{_LEAD_NAME}\s+{_VERB}\s+(?:that\s+)?(?P<quote>[^{_Q}]+)$", re.S),
    # According to X, Q.
    re.compile(rf"^According\s+to\s+{_NAME},\s+(?P<quote>.+)$", re.S | re.I),
    # Q, X said.  (reported speech, speaker last)
    re.compile(rf"^(?P<quote>.{{20,}}?),\s+{_NAME}\s+{_VERB}\s*[.!?]?$", re.S),
]


def is_bare_quote(sentence: str) -> bool:
    """True for a sentence that is nothing but a quotation (its speaker is in the sentence before)."""
    text = sentence.strip()
    return len(text) > 2 and text[0] in _Q and text[-1] in _Q and not any(c in _Q for c in text[1:-1])


def attribute(sentence: str) -> tuple[str, str | None]:
    """Return (statement, speaker) of `sentence`; (sentence, None) when no attribution is found."""
    text = sentence.strip()
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        quote = match.group("quote").strip().strip(_Q).strip()
        speaker = _clean_speaker(match.group("speaker"))
        if len(quote.split()) < 3 or not speaker:
            continue
        quote = quote.rstrip(",;: ")
        if quote[-1] not in ".!?":
            quote += "."
        return quote[0].upper() + quote[1:], speaker
    return text, None


def _clean_speaker(raw: str) -> str | None:
    speaker = raw.strip().strip(_Q).strip()
    speaker = re.sub(r"^(?:and|but|as)\s+", "", speaker, flags=re.I)
    if not speaker or len(speaker.split()) > 8 or speaker.lower() in {"it", "this", "that"}:
        return None
    return speaker
