"""Typed records that flow between the pipeline stages.

All records are frozen. Character offsets (`start`, `end`) are half-open and index into the stored
text of the record's document (for a claim: the checked article's text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

__all__ = [
    "UNCLEAR",
    "CheckResult",
    "Claim",
    "Document",
    "Evidence",
    "FigureCheck",
    "Finding",
    "Judgement",
    "Label",
    "Passage",
    "Resolution",
    "Sentence",
    "TextSpan",
    "Verdict",
]


_BRACKETS = re.compile(r"[\[\]]")


class Label(StrEnum):
    """A claim's verdict."""

    SUPPORTED = "SUPPORTED"
    REFUTED = "REFUTED"
    CONFLICTING = "CONFLICTING"
    NOT_ENOUGH_EVIDENCE = "NOT ENOUGH EVIDENCE"


@dataclass(frozen=True)
class Document:
    """One source text. `id` is derived from the content hash, so it is stable across runs."""

    id: str
    title: str
    origin: str
    text: str
    content_hash: str
    format: str
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Passage:
    """A run of whole sentences (about a paragraph): the unit BM25 ranks."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...] = ()
    # The analysed terms BM25 indexes, space-separated, when whoever segmented it (a worker) already made
    # them; None: the library's writer makes them itself.
    terms: str | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Resolution:
    """Context put into a claim to make it stand alone: `original` (as written) became `replacement`.

    `kind` is "pronoun", "reference" ("the unit" → the unit named earlier) or "date" (a relative
    date made absolute with the document's date).
    """

    original: str
    replacement: str
    kind: str


# How a claim's note says a word's referent is nowhere clear: "“He”: unclear without the article".
UNCLEAR = "unclear without the article"


@dataclass(frozen=True)
class Claim:
    """One atomic, self-contained, check-worthy statement from the article.

    `text` is what is verified: the content without its attribution, with pronouns, references and
    relative dates resolved (`resolutions` says which). `spans` are the character ranges of the
    article the claim was built from; `start`/`end` locate its whole source sentence. `speaker` is
    who made the claim when the article reports someone else's statement (`reported` is then true),
    `speaker_role` their description ("a spokesperson for the regional police"). `notes` say what
    could not be resolved, with the likely referent ("“they”: probably the guards").

    Words put in from context are marked in square brackets in `text` ("[Anna] Berg said ...",
    "[the Ostra River Authority] ..."), as reporters mark a clarified quote; `verbatim` is the same
    claim in the article's own words only, and `statement` is `text` without the brackets, which is
    what retrieval and the verifier read.
    """

    id: str
    text: str
    sentence: str
    start: int
    end: int
    checkworthiness: float
    speaker: str | None = None
    speaker_role: str | None = None
    reported: bool = False
    spans: tuple[tuple[int, int], ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    notes: tuple[str, ...] = ()
    verbatim: str = ""

    @property
    def statement(self) -> str:
        """The claim with its clarifications unmarked: "[Anna] Berg said" → "Anna Berg said"."""
        return _BRACKETS.sub("", self.text)

    @property
    def claimed_by(self) -> str | None:
        """ "a spokesperson for the regional police, Anna Berg": role first, as a report reads."""
        if self.speaker and self.speaker_role:
            return f"{self.speaker_role}, {self.speaker}"
        return self.speaker


@dataclass(frozen=True)
class Evidence:
    """A sentence from the library put in front of the verifier, with its neighbours for context."""

    doc_id: str
    title: str
    origin: str
    date: str | None
    text: str
    start: int
    end: int
    context_before: str
    context_after: str
    retrieval_score: float
    overlap: float
    # Other documents holding the same sentence (syndicated or quoted copies), as (doc id, title,
    # origin): one source, counted once.
    copies: tuple[tuple[str, str, str], ...] = ()
    # Cosine similarity of the sentence's vector with the claim's (None where it was not computed).
    similarity: float | None = None


Kind = Literal["quantity", "date", "name"]
Status = Literal["match", "compatible", "mismatch"]


@dataclass(frozen=True)
class TextSpan:
    """Characters `start`..`end` of a claim or evidence sentence, and the text there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    """One claim figure paired with one evidence figure.

    `aligned_by` says why they were paired ("noun", "unit", "position", "context", "date",
    "same name", "role", "title"); `confident` is False when the pairing may be of two different
    things, in which case a mismatch is reported but refutes nothing.
    """

    kind: Kind
    status: Status
    claim: TextSpan
    evidence: TextSpan
    explanation: str
    confident: bool
    aligned_by: str


@dataclass(frozen=True)
class FigureCheck:
    """Every finding for one (claim, evidence) pair, in claim order."""

    findings: tuple[Finding, ...]

    @property
    def matches(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status == "match")

    @property
    def compatible(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status == "compatible")

    @property
    def mismatches(self) -> tuple[Finding, ...]:
        """Every mismatch, confident or not (the report shows them all)."""
        return tuple(f for f in self.findings if f.status == "mismatch")

    @property
    def confident_mismatches(self) -> tuple[Finding, ...]:
        """Mismatches between figures that are about the same thing: these refute."""
        return tuple(f for f in self.mismatches if f.confident)

    @property
    def verdict_hint(self) -> Literal["contradicts", "consistent"] | None:
        """ "contradicts" on a confident mismatch; "consistent" when a figure confidently agrees and
        none disagrees; None otherwise (nothing aligned, or agreement mixed with doubtful mismatches)."""
        if self.confident_mismatches:
            return "contradicts"
        if not self.mismatches and any(f.confident for f in self.findings):
            return "consistent"
        return None


@dataclass(frozen=True)
class Judgement:
    """The verifier's view of one (evidence, claim) pair.

    `error` says why the pair could not be judged (an endpoint verifier's reply that was not valid
    JSON, an HTTP error, a timeout); the probabilities are then NaN and the judgement never counts
    towards a verdict.
    """

    evidence: Evidence
    entailment: float
    neutral: float
    contradiction: float
    error: str | None = None
    # The explicit number, date and name check of the pair (None when it was not run).
    figures: FigureCheck | None = None

    @property
    def stance(self) -> str:
        """The most probable label (ties by name), or "unjudged" for a pair with an `error`."""
        if self.error is not None:
            return "unjudged"
        probs = {"entailment": self.entailment, "neutral": self.neutral, "contradiction": self.contradiction}
        return max(probs, key=lambda k: (probs[k], k))


@dataclass(frozen=True)
class Verdict:
    """One verdict per claim, with the evidence that decided it and everything else considered."""

    claim: Claim
    label: Label
    confidence: float
    deciding: tuple[Judgement, ...]
    considered: tuple[Judgement, ...] = field(default=())
    explanation: str = ""
    # Distinct documents with strong evidence for and against the claim (copies of a text count once).
    supporting: tuple[str, ...] = ()
    contradicting: tuple[str, ...] = ()
    # The sentences closest to the claim that the evidence gates (word overlap, sentence similarity)
    # kept from deciding: judged and shown, never counted towards the verdict.
    nearest: tuple[Judgement, ...] = ()

    def closest(self, n: int = 3) -> tuple[Judgement, ...]:
        """The `n` sentences of the library closest to the claim, judged as evidence or not, best
        retrieval score first: what a reader is shown when nothing decides the claim."""
        pool = {(j.evidence.doc_id, j.evidence.start, j.evidence.end): j for j in (*self.considered, *self.nearest)}
        ranked = sorted(pool.values(), key=lambda j: (-j.evidence.retrieval_score, j.evidence.doc_id, j.evidence.start))
        return tuple(ranked[:n])


@dataclass(frozen=True)
class CheckResult:
    """Everything `check` found: the article, the verdicts and what produced them."""

    article: Document
    verdicts: tuple[Verdict, ...]
    library: dict[str, object]
    model: dict[str, str]
    settings: dict[str, object]
    run_id: int
    seconds: float
    # Statements not checked: each leans on the article, through a reference it never makes clear or as a
    # whole (their notes say which), so no source could be found for them (`ClaimExtraction.needs_context`).
    needs_context: tuple[Claim, ...] = ()
