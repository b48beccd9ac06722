"""Optional LLM decomposition: a local OpenAI-compatible server rewrites and splits the claims of each
sentence, and every rewrite is checked back against its sentence before it may replace them.

A rewrite is kept only when all of these hold:
- every figure in it is in the sentence;
- every name in it (a capitalised word past the first) is in the sentence, the two before it or the
  parser's claims of the sentence (which may have resolved a reference);
- it keeps the sentence's negations, modals and hedges when the sentence has any ("not", "would",
  "reportedly"...);
- the verifier finds that the sentence (with the two before it) entails it: P(entailment) at least
  `MIN_ENTAILMENT`.
When no rewrite of a sentence passes, or the server's reply cannot be read, the parser's claims stay.
The parser path is the default and is what `bench claims-news` measures; nothing here runs unless
`decompose_url` is set.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from corroborate.claims import ClaimExtraction
from corroborate.records import Claim, Sentence
from corroborate.verify.endpoint import Unjudged

__all__ = ["MIN_ENTAILMENT", "SYSTEM_PROMPT", "faithful", "rewrite_claims"]

log = logging.getLogger(__name__)

MIN_ENTAILMENT = 0.5
SYSTEM_PROMPT = (
    "You split one sentence of a news article into atomic, self-contained factual claims for a fact-checker. "
    "Use only what the sentence and its context say; add no fact, name or number. Keep every hedge, modal and "
    "negation (would, could, may, not, never, reportedly, allegedly). Replace a pronoun by the name it stands "
    "for only when the context makes it certain. Do not include who said it. "
    'Answer with JSON only: {"claims": ["...", "..."]}.'
)
_FIGURE = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]+")
_HEDGES = re.compile(
    r"\b(not|n't|never|no|nor|would|could|may|might|reportedly|allegedly|apparently|supposedly|said to)\b", re.I
)


class Completer(Protocol):
    def complete(self, messages: list[dict[str, str]]) -> str: ...


class Entailer(Protocol):
    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False): ...  # type: ignore[no-untyped-def]


def rewrite_claims(
    extraction: ClaimExtraction,
    sentences: Sequence[Sentence],
    completer: Completer,
    verifier: Entailer,
    model: str,
) -> ClaimExtraction:
    """The extraction with each sentence's claims replaced by the server's faithful rewrites, if any."""
    by_sentence: dict[tuple[int, int], list[Claim]] = {}
    for claim in extraction.claims:
        by_sentence.setdefault((claim.start, claim.end), []).append(claim)
    out: list[Claim] = []
    for (start, end), claims in by_sentence.items():
        context = " ".join(s.text for s in sentences if s.end <= start)[-600:]
        rewrites = _ask(completer, claims[0].sentence, context, claims)
        kept = [text for text in rewrites if faithful(text, claims[0].sentence, context, claims, verifier)]
        if not kept:
            out += claims
            continue
        reported = next((c for c in claims if c.reported), None)
        for text in dict.fromkeys(kept):
            out.append(
                replace(
                    claims[0],
                    text=text,
                    verbatim=text,
                    speaker=reported.speaker if reported else None,
                    speaker_role=reported.speaker_role if reported else None,
                    reported=reported is not None,
                    spans=((start, end),),
                    resolutions=(),
                    checkworthiness=max(c.checkworthiness for c in claims),
                    notes=(f"rewritten by {model}; checked against its sentence",),
                )
            )
    renumbered = [replace(c, id=f"c{i}") for i, c in enumerate(out, 1)]
    return replace(extraction, claims=renumbered)


def faithful(text: str, sentence: str, context: str, claims: Sequence[Claim], verifier: Entailer) -> bool:
    """Whether a rewrite says nothing its sentence does not (see the module's docstring)."""
    known = " ".join([sentence, context, *(c.statement for c in claims)])
    if any(figure.rstrip(".,") not in known for figure in _FIGURE.findall(text)):
        return False
    names = _NAME.findall(text)[1:] if text[:1].isupper() else _NAME.findall(text)
    if any(name not in known for name in names):
        return False
    if _HEDGES.search(sentence) and not _HEDGES.search(text):
        return False
    premise = f"{context} {sentence}".strip()
    return float(verifier.predict([(premise, text)])[0][0]) >= MIN_ENTAILMENT


def _ask(completer: Completer, sentence: str, context: str, claims: Sequence[Claim]) -> list[str]:
    parsed = "\n".join(f"- {c.statement}" for c in claims)
    user = f"Context: {context or '(none)'}\nSentence: {sentence}\nA parser's claims:\n{parsed}"
    try:
        reply = completer.complete([{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}])
        found = json.loads(reply[reply.index("{") : reply.rindex("}") + 1])["claims"]
    except (Unjudged, ValueError, KeyError, TypeError) as exc:  # the parser's claims stay
        log.info("decompose: no usable reply for %r (%s)", sentence[:60], exc)
        return []
    if not isinstance(found, list):
        return []
    return [" ".join(str(t).split()) for t in found if isinstance(t, str) and len(str(t).split()) >= 3][:8]
