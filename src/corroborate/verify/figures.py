"""Numbers, dates and names, checked explicitly: does the source give the claim's figures?

A cross-encoder reads "2,400 workers" and "4,200 workers" as nearly the same sentence. This module
takes the figures out of a claim and an evidence sentence (quantities from
`corroborate.verify.quantities`, dates from `corroborate.verify.date_mentions`, names from
`corroborate.verify.names`), pairs each claim figure with the evidence figure that is about the
same thing, and says whether the two agree:

- quantities pair when they have the same dimension (both lengths, both in dollars) and count the
  same noun ("2,400 workers" / "4,200 workers"), or stand in the same place of a parallel phrase
  ("52 to 48" / "51 to 49");
- dates pair with dates; a claim date that contains the source's ("1986" / "26 April 1986") matches;
- names pair when the source names the same person or organisation, or another one of the same kind
  in the same role (subject of the same verb, or the same title: "chief engineer").

A pairing is *confident* only when the two sentences are about the same event: the words next to
the two figures overlap, and the source has at least half of the claim's other content words.
"2,400 people were evacuated" and "31 people died" pair on "people" but are not about the same
event, and "the flood of 1927" is not "the flood in March 2026": such differences are reported and
refute nothing. Quantities are about one moment only when the dates agree: a source that sets its
figure in a year the claim does not name ("In 1850 the dike was 350 feet high") speaks of another
era unless that is the checked text's year. A figure the source does not mention is never a mismatch. Place names never refute
confidently: "Pripyat" and "Ukraine" can both be right.

How this should feed a verdict (not wired in here): `verdict_hint == "contradicts"` means a figure
of the claim is contradicted by the same figure in the source; the verifier is weakest exactly there,
so a pair the verifier scores as entailment should be demoted to contradiction (or at least to
neutral) and the finding's `explanation` shown in the report. `"consistent"` may lift a neutral
pair only together with the verifier's own score, since agreeing figures do not make the rest of a
claim true. `None` means no figure aligned, or the signals are mixed: keep the verifier's label.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from corroborate.lru import LRU
from corroborate.records import FigureCheck, Finding, Kind, Status, TextSpan
from corroborate.verify.date_mentions import DateMention, find_dates
from corroborate.verify.names import NameMention, name_words, names_in, same_name
from corroborate.verify.quantities import Quantity, find_quantities

__all__ = ["FigureCheck", "Finding", "TextSpan", "compare", "compare_many"]


# The figure check's result is a record of its own (`corroborate.records`), read by the verdict and
# the reports; it is defined there and named here too.
def compare(
    claim: str,
    evidence: str,
    document_date: date | None = None,
    *,
    evidence_date: date | None = None,
    names: bool = True,
) -> FigureCheck:
    """Pair the figures of `claim` with those of `evidence` and say which agree.

    `document_date` resolves the claim's relative dates ("last year"), `evidence_date` the
    source's; a relative date without one is left out. `names=False` skips the spaCy parser.
    Raises `ModelError` when names are asked for and the parser is not installed.
    """
    return compare_many([(claim, evidence)], document_date, evidence_dates=[evidence_date], names=names)[0]


def compare_many(
    pairs: Sequence[tuple[str, str]],
    document_date: date | None = None,
    *,
    evidence_dates: Sequence[date | None] | None = None,
    names: bool = True,
    batch_size: int = 64,
    kept_names: LRU[str, tuple[NameMention, ...]] | None = None,
    known_names: Mapping[str, tuple[NameMention, ...]] | None = None,
) -> list[FigureCheck]:
    """`compare` for many (claim, evidence) pairs, parsed in batches; one check per pair, in order.

    `evidence_dates` gives each pair's source date (None where unknown). With `kept_names`, the names of
    a text held there are taken from there instead of parsing it again, and those found in the evidence
    texts are put there: a text's names do not depend on the texts it is parsed with (the parser reads
    each text alone), so they are the same either way. `known_names` are names already found by parsing
    texts (`names.noting_names`: a check's claims, parsed when they were found), used the same way and
    never put in `kept_names`.
    """
    evidence_dates = list(evidence_dates) if evidence_dates is not None else [None] * len(pairs)
    if len(evidence_dates) != len(pairs):
        raise ValueError(f"{len(evidence_dates)} evidence dates for {len(pairs)} pairs")
    mentions: list[tuple[tuple[NameMention, ...], tuple[NameMention, ...]]] = [((), ())] * len(pairs)
    if names and pairs:
        # A claim is paired with several evidence sentences: parse each distinct text once.
        texts = list(dict.fromkeys(text for pair in pairs for text in pair))
        found = kept_names.get_many(texts) if kept_names is not None else {}
        if known_names:
            found.update((t, known_names[t]) for t in texts if t in known_names and t not in found)
        new = [t for t in texts if t not in found]
        if new:
            from corroborate.claims.parse import load_parser

            parsed = dict(zip(new, map(names_in, load_parser().pipe(new, batch_size=batch_size)), strict=True))
            found.update(parsed)
            if kept_names is not None:
                evidence_texts = {evidence for _, evidence in pairs}
                kept_names.put_many((t, v) for t, v in parsed.items() if t in evidence_texts)
        mentions = [(found[claim], found[evidence]) for claim, evidence in pairs]
    checks = []
    for (claim, evidence), evidence_date, (claim_names, evidence_names) in zip(
        pairs, evidence_dates, mentions, strict=True
    ):
        c = _Side.of(claim, find_quantities(claim), find_dates(claim, document_date), claim_names)
        e = _Side.of(evidence, find_quantities(evidence), find_dates(evidence, evidence_date), evidence_names)
        same_event = _shared_share(c, e) >= _SAME_EVENT
        dates = _align_dates(c, e, same_event)
        # "seven feet" in 2026 and "350 feet" in 1850 are two states of a thing, not one figure misread:
        # quantities of sentences whose dates disagree are compared, never confidently
        same_time = not any(f.status == "mismatch" for f in dates)
        if e.dates and not c.dates:
            # The source sets its figure in a time the claim does not name: the same moment only if it
            # is the year of the checked text ("In 1850 the dike was 350 feet high" is another era)
            same_time = document_date is not None and any(
                d.first.year <= document_date.year <= d.last.year for d in e.dates
            )
        findings = [
            *_align_quantities(c, e, same_event and same_time),
            *dates,
            *_align_names(c, e, same_event),
        ]
        checks.append(FigureCheck(tuple(sorted(findings, key=lambda f: (f.claim.start, f.kind)))))
    return checks


@dataclass(frozen=True)
class _Side:
    """One sentence of a pair with its figures; `figures` are their spans (left out of its words)."""

    text: str
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    names: tuple[NameMention, ...]
    figures: tuple[tuple[int, int], ...]

    @classmethod
    def of(
        cls, text: str, quantities: tuple[Quantity, ...], dates: tuple[DateMention, ...], names: tuple[NameMention, ...]
    ) -> _Side:
        spans = tuple((x.start, x.end) for x in (*quantities, *dates, *names))
        return cls(text, quantities, dates, names, spans)


# ---- context: whether two figures are about the same thing ----

_FUNCTION_WORDS = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
                   "with", "as", "than", "that", "which", "who", "whom", "whose", "this", "these", "those", "it",
                   "its", "they", "them", "their", "he", "she", "his", "her", "we", "our", "you", "your", "i",
                   "was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "do", "does", "did",
                   "will", "would", "can", "could", "may", "might", "must", "shall", "should", "not", "no", "so",
                   "if", "then", "there", "here", "when", "where", "while", "after", "before", "during", "since",
                   "until", "per", "each", "more", "less", "most", "least", "about", "over", "under", "into",
                   "onto", "out", "up", "down", "off", "also", "only", "just", "some", "nearly", "almost",
                   "around", "approximately", "roughly", "between", "within"}  # fmt: skip
# Words that say a number changed or was reported, not what it counts: too common to tie two figures.
_GENERIC_WORDS = {"said", "says", "say", "according", "reported", "report", "reports", "estimated", "estimate",
                  "rose", "rise", "risen", "fell", "fall", "fallen", "increased", "increase", "decreased",
                  "decrease", "reached", "reach", "hit", "total", "number", "figure", "figures", "new", "year",
                  "years", "official", "officials", "data", "people", "person", "cent", "percent",
                  "record"}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_CLAUSE_BREAK = re.compile(r"[;:.!?]\s")
_WINDOW = 6  # words either side of a figure that tell what it is about
# Share of the claim's content words the source must have for two figures to be about one event.
_SAME_EVENT = 0.5


def _content_words(text: str, start: int, end: int, skip: Iterable[tuple[int, int]]) -> list[str]:
    """Stems of the content words of text[start:end] outside the `skip` spans.

    Capitalised words other than the first are left out: a name says what a sentence is about (a
    flood, a plant), not which of its events a figure belongs to.
    """
    words = []
    for m in _WORD.finditer(text, start, end):
        word = m[0].removesuffix("'s")
        if word.lower() in _FUNCTION_WORDS or any(s <= m.start() < e for s, e in skip):
            continue
        if word[0].isupper() and m.start() > 0:
            continue
        words.append(_stem(word.lower()))
    return [w for w in words if w not in _GENERIC_STEMS]


def _stem(word: str) -> str:
    """ "evacuated"/"evacuation" → "evacuat": enough to see the same word in two forms."""
    for suffix in ("ations", "ation", "ings", "ing", "ions", "ion", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_GENERIC_STEMS = {_stem(w) for w in _GENERIC_WORDS}


def _near(side: _Side, start: int, end: int) -> set[str]:
    """The content words within `_WINDOW` words of side.text[start:end], in the same clause."""
    text = side.text
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_BREAK.finditer(text, end)), len(text))
    before = list(_WORD.finditer(text, left, start))[-_WINDOW:]
    after = list(_WORD.finditer(text, end, right))[:_WINDOW]
    lo = before[0].start() if before else start
    hi = after[-1].end() if after else end
    return set(_content_words(text, lo, hi, [*side.figures, (start, end)]))


def _shared_share(claim: _Side, evidence: _Side) -> float:
    """Share of the claim's content words (figures left out) that the evidence has too."""
    claim_words = set(_content_words(claim.text, 0, len(claim.text), claim.figures))
    if not claim_words:
        return 0.0
    evidence_words = set(_content_words(evidence.text, 0, len(evidence.text), evidence.figures))
    return len(claim_words & evidence_words) / len(claim_words)


# ---- quantities ----

# Nouns that count the same thing: "31 deaths", "31 dead", "31 fatalities", "claimed 31 lives".
_NOUN_SYNONYMS = {"fatality": "death", "dead": "death", "life": "death", "individual": "person",
                  "inhabitant": "resident"}  # fmt: skip


def _align_quantities(claim: _Side, evidence: _Side, same_event: bool) -> list[Finding]:
    candidates = []
    for ci, c in enumerate(claim.quantities):
        claim_words = _near(claim, c.start, c.end) - {_stem(c.noun or "")}
        same_kind = sum(q.dimension == c.dimension for q in evidence.quantities)
        for ei, e in enumerate(evidence.quantities):
            if e.dimension != c.dimension:
                continue
            overlap = len(claim_words & (_near(evidence, e.start, e.end) - {_stem(e.noun or "")}))
            basis = _quantity_basis(c, e, claim.text, evidence.text, overlap, single=same_kind == 1)
            if basis is None:
                continue
            confident = basis != "context" and overlap > 0 and same_event
            status = _quantity_status(c, e)
            score = (confident, overlap, status != "mismatch", -abs(ci - ei))
            candidates.append((score, ci, ei, basis, confident, status))
    return [
        _finding("quantity", status, claim.quantities[ci], evidence.quantities[ei], basis, confident)
        for (_, ci, ei, basis, confident, status) in _one_to_one(candidates)
    ]


def _quantity_basis(c: Quantity, e: Quantity, claim: str, evidence: str, overlap: int, single: bool) -> str | None:
    """Why `c` and `e` might count the same thing, or None when they clearly do not."""
    if c.noun and e.noun:
        return "noun" if _NOUN_SYNONYMS.get(c.noun, c.noun) == _NOUN_SYNONYMS.get(e.noun, e.noun) else None
    if c.dimension != "count":
        return "unit" if overlap or single else None
    if not c.noun and not e.noun and _word_before(claim, c.start) == _word_before(evidence, e.start):
        return "position"
    return "context" if overlap else None


def _word_before(text: str, start: int) -> str:
    words = _WORD.findall(text, max(0, start - 20), start)
    return words[-1].lower() if words else ""


def _quantity_status(c: Quantity, e: Quantity) -> Status:
    # Values converted between units ("7.5 miles" → 12,070 m) differ from a rounded "12 km" by a little.
    slack = 0.02 * max(abs(c.value), abs(e.value)) if c.unit != e.unit else 0.0
    if math.isclose(c.value, e.value, rel_tol=1e-9) and (c.qualifier is None) == (e.qualifier is None):
        return "match"
    if c.low - slack <= e.high and e.low - slack <= c.high:
        return "compatible"
    return "mismatch"


# ---- dates ----


def _align_dates(claim: _Side, evidence: _Side, same_event: bool) -> list[Finding]:
    single = len(claim.dates) == 1 and len(evidence.dates) == 1
    candidates = []
    for ci, c in enumerate(claim.dates):
        claim_words = _near(claim, c.start, c.end)
        for ei, e in enumerate(evidence.dates):
            overlap = len(claim_words & _near(evidence, e.start, e.end))
            status = _date_status(c, e)
            if not overlap and not single and status == "mismatch":
                continue  # several dates on a side and nothing ties these two: different events
            confident = overlap > 0 and same_event
            candidates.append(((confident, overlap, status != "mismatch", -abs(ci - ei)), ci, ei, confident, status))
    return [
        _finding("date", status, claim.dates[ci], evidence.dates[ei], "date", confident)
        for (_, ci, ei, confident, status) in _one_to_one(candidates)
    ]


def _date_status(c: DateMention, e: DateMention) -> Status:
    # "in 1986" is right about a source's "26 April 1986"; "on 26 April 1986" is more than a
    # source's "1986" says, but does not contradict it.
    if c.contains(e):
        return "match"
    return "compatible" if c.overlaps(e) else "mismatch"


# ---- names ----


def _align_names(claim: _Side, evidence: _Side, same_event: bool) -> list[Finding]:
    findings = []
    used: set[int] = set()
    for c in claim.names:
        same = next(
            (i for i, e in enumerate(evidence.names) if same_name(c.text, e.text, person="person" in (c.kind, e.kind))),
            None,
        )
        if same is not None:
            used.add(same)
            findings.append(_name_finding("match", c, evidence.names[same], "same name", same_event))
            continue
        last = name_words(c.text)[-1:]
        if last and re.search(rf"\b{re.escape(last[0])}\b", evidence.text, re.I):
            continue  # named in the source but not tagged there: not a different name
        rival = _rival(c, claim.names, evidence.names, used)
        if rival is not None:
            index, basis = rival
            used.add(index)
            # Places nest ("Pripyat" is in "Ukraine"): a different place is never a confident refutation.
            confident = same_event and c.kind != "place"
            findings.append(_name_finding("mismatch", c, evidence.names[index], basis, confident))
    return findings


def _rival(
    c: NameMention, claim_names: Sequence[NameMention], evidence_names: Sequence[NameMention], used: set[int]
) -> tuple[int, str] | None:
    """The evidence name of `c`'s kind, with its title or role, that the claim does not name."""
    for i, e in enumerate(evidence_names):
        if i in used or e.kind != c.kind:
            continue
        if any(same_name(n.text, e.text, person=n.kind == "person") for n in claim_names):
            continue
        if set(c.titles) & set(e.titles):
            return i, "title"
        if c.role == e.role:
            return i, "role"
    return None


def _name_finding(status: Status, c: NameMention, e: NameMention, basis: str, confident: bool) -> Finding:
    explanation = f"claim names {c.text}, source names {e.text}"
    if status == "mismatch" and not confident:
        explanation += (
            " (may not contradict: places can lie within one another)"
            if c.kind == "place"
            else " (possibly about different things)"
        )
    return Finding(
        "name",
        status,
        TextSpan(c.start, c.end, c.text),
        TextSpan(e.start, e.end, e.text),
        explanation,
        confident,
        basis,
    )


# ---- shared ----


def _one_to_one(candidates: list[tuple]) -> list[tuple]:
    """Best pairs first (by their score tuple, then claim and evidence index), each item used once."""
    chosen, claim_used, evidence_used = [], set(), set()
    for candidate in sorted(candidates, key=lambda c: (c[0], -c[1], -c[2]), reverse=True):
        _, ci, ei, *_ = candidate
        if ci not in claim_used and ei not in evidence_used:
            chosen.append(candidate)
            claim_used.add(ci)
            evidence_used.add(ei)
    return chosen


def _finding(
    kind: Kind, status: Status, c: Quantity | DateMention, e: Quantity | DateMention, basis: str, confident: bool
) -> Finding:
    claim_label = c.label if isinstance(c, DateMention) else c.text
    evidence_label = e.label if isinstance(e, DateMention) else e.text
    explanation = f"claim says {claim_label}, source says {evidence_label}"
    if status == "match":
        explanation += ": they agree"
    elif status == "compatible":
        explanation += ": consistent"
    elif not confident:
        explanation += " (possibly about different things)"
    return Finding(
        kind, status, TextSpan(c.start, c.end, c.text), TextSpan(e.start, e.end, e.text), explanation, confident, basis
    )
