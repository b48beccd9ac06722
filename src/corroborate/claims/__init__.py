"""Claims: the atomic, self-contained, check-worthy statements of an article, with spans and speakers.

Per sentence: strip a news dateline, parse it (spaCy), separate the attribution frame from the
content ("X said", "according to X"), score the content's check-worthiness (`checkworthy`), split
it into atomic clauses (`decompose`), and resolve what each needs from the context (`context`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from corroborate.claims.attribution import Attribution, attribute, find_attribution, is_bare_quote
from corroborate.claims.checkworthy import load_checkworthiness
from corroborate.claims.context import Context
from corroborate.claims.dates import parse_written_date
from corroborate.claims.decompose import atomic_clauses, role_clauses
from corroborate.claims.language import MIN_WORDS, detect_language, language_name
from corroborate.claims.parse import load_parser
from corroborate.claims.tokens import render, spans, trim_edges
from corroborate.errors import InputError
from corroborate.records import Claim, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "ClaimExtraction",
    "Skipped",
    "attribute",
    "dateline_date",
    "extract_claims",
    "require_english",
    "strip_dateline",
]

# A "sentence" longer than this is a list, a table or unpunctuated text, not one claim.
MAX_CLAIM_CHARS = 1000
# Sentences with more markup characters than this share are code or markup, not prose.
MAX_MARKUP_SHARE = 0.08
_MARKUP = re.compile(r"[<>{}\[\]|=#*_\\`~^]")
# "VELLMAR, 17 March 2026 - " or "WASHINGTON (Reuters) - ": where the story was filed, not a claim.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^-–—\n]{3,40}?)?(?:\s*\([^)]{2,30}\))?\s+[-–—]\s+")


@dataclass(frozen=True)
class Skipped:
    """A sentence not considered, and why."""

    start: int
    end: int
    reason: str


@dataclass
class ClaimExtraction:
    """The claims of an article and what was left out."""

    claims: list[Claim]
    sentences: int
    skipped: list[Skipped] = field(default_factory=list)
    document_date: date | None = None
    # Where the date came from: "given" (--date), "metadata" (front matter, JSONL), "dateline", or None.
    date_source: str | None = None


def strip_dateline(sentence: str) -> str:
    """The sentence without a leading news dateline."""
    return _DATELINE.sub("", sentence, count=1)


def dateline_date(text: str) -> date | None:
    """The date of a leading news dateline ("VELLMAR, 17 March 2026 - ..."), when the article has one."""
    for line in text.lstrip().splitlines()[:3]:
        match = _DATELINE.match(line.strip())
        if match:
            return parse_written_date(match.group(0))
    return None


def require_english(text: str, origin: str) -> None:
    """Refuse an article that is clearly not English: its claims would be garbage."""
    if len(text.split()) < MIN_WORDS:
        return
    code, probability = detect_language(text)
    if code != "en" and probability >= 0.9:
        raise InputError(
            f"the text looks like {language_name(code)} ({code}, p={probability:.2f}), not English; "
            "only English articles are supported yet",
            origin,
        )


def extract_claims(
    sentences: Sequence[Sentence],
    threshold: float = 0.1,
    document_date: date | None = None,
) -> ClaimExtraction:
    """The claims of the sentences scoring at least `threshold`, in article order."""
    skipped: list[Skipped] = []
    kept: list[tuple[Sentence, str, int]] = []
    for sentence in sentences:
        reason = _not_prose(sentence.text)
        if reason:
            skipped.append(Skipped(sentence.start, sentence.end, reason))
            continue
        text = strip_dateline(sentence.text)
        kept.append((sentence, text, len(sentence.text) - len(text)))
    parser = load_parser()
    docs = list(parser.pipe([text for _, text, _ in kept], batch_size=64))
    frames = [_frame(doc) for doc in docs]
    # The model scores what is claimed (without "X said"); a question stays a question.
    contents = [
        text if found is None else (render(doc, trim_edges(doc, content)) or text)
        for doc, (found, content, _), (_, text, _) in zip(docs, frames, kept, strict=True)
    ]
    scores = [
        0.0 if _is_question(text) else float(p)
        for text, p in zip(contents, load_checkworthiness().score(contents), strict=True)
    ]

    context = Context(document_date)
    claims: list[Claim] = []
    previous: tuple[str, str | None] | None = None
    seen: set[str] = set()
    for (sentence, text, shift), doc, (found, content, root), score in zip(kept, docs, frames, scores, strict=True):
        speaker, role = (found.speaker, found.speaker_role) if found else (None, None)
        if found and found.speaker_is_pronoun(doc):
            speaker = context.last_person() or speaker
        elif speaker:
            speaker = context.full_name(speaker)
        if found is None and previous and is_bare_quote(text):
            speaker, role = previous  # a quotation standing alone continues the last speaker's words
        previous = (speaker, role) if speaker else None
        if score >= threshold:
            clauses = [(pieces, True) for pieces in atomic_clauses(doc, content, root)]
            clauses += [(pieces, False) for pieces in role_clauses(doc)]
            for pieces, in_content in clauses:
                resolved = context.resolve(doc, pieces)
                claim_text = render(doc, pieces, resolved.replacements)
                if len(claim_text.split()) < 3 or claim_text in seen:
                    continue
                seen.add(claim_text)
                said_by = (speaker, role) if in_content else (None, None)
                claims.append(
                    Claim(
                        id=f"c{len(claims) + 1}",
                        text=claim_text,
                        sentence=sentence.text,
                        start=sentence.start,
                        end=sentence.end,
                        checkworthiness=round(float(score), 4),
                        speaker=said_by[0],
                        speaker_role=said_by[1],
                        reported=said_by[0] is not None,
                        spans=spans(doc, pieces, sentence.start + shift),
                        resolutions=resolved.resolutions,
                        notes=resolved.notes,
                    )
                )
        context.observe(doc)
    return ClaimExtraction(claims, len(sentences), skipped, document_date)


def _frame(doc: Doc) -> tuple[Attribution | None, set[int], Token]:
    """(attribution, content token indices, content root) of a parsed sentence."""
    found = find_attribution(doc)
    if found is None:
        content = set(range(len(doc)))
        root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
        return None, content, root
    content = set(range(len(doc))) - found.frame
    return found, content, doc[found.content_root]


def _is_question(text: str) -> bool:
    return text.rstrip(" \"”’'").endswith("?")


def _not_prose(text: str) -> str | None:
    if len(text) > MAX_CLAIM_CHARS:
        return f"longer than {MAX_CLAIM_CHARS} characters ({len(text):,}): a list, a table or unpunctuated text, not one claim"
    if len(_MARKUP.findall(text)) > MAX_MARKUP_SHARE * len(text):
        return "markup or code, not prose"
    if not any(c.isalpha() for c in text):
        return "no words"
    return None
