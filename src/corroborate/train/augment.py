"""Contrastive augmentation for the verifier: small pure functions over one `Pair` each.

Each function takes a pair and a `random.Random` and returns a new pair or `None` when it does not
apply. Changing functions (a figure, a date, a unit or scale word, a name, a negation, an antonym)
only start from an *entailed* pair, and only change something the evidence states, so the result is
a contradiction; preserving functions (a date written another way, a value-preserving unit or scale
conversion, a synonym or a moved clause, distractor sentences in the evidence) keep the label.

`augment_pairs` applies them to a training set deterministically: every row gets its own generator,
seeded by (seed, kind, row id), so a row's augmentation does not depend on the order or size of the
set it is in. The pattern lists are short on purpose: they only need to be right where they fire.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from corroborate.train.evidence import hard_negatives, multi_sentence, sentences
from corroborate.train.names import NamePool, find_names
from corroborate.train.pairs import Pair

__all__ = [
    "CHANGE_KINDS",
    "PRESERVE_KINDS",
    "TRAIN_KINDS",
    "AugmentPlan",
    "augment_pairs",
    "change_date",
    "change_number",
    "change_unit",
    "convert_unit",
    "find_dates",
    "find_quantities",
    "flip_antonym",
    "hard_negatives",
    "multi_sentence",
    "negate",
    "paraphrase",
    "quantity_value",
    "reformat_date",
    "swap_name",
]

ENTAILMENT, CONTRADICTION, NEUTRAL = "entailment", "contradiction", "neutral"

# -- numbers (v0's number swap, kept for the contrast set; the training split already holds them) --

NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\w|[.,]\d)")
YEAR = re.compile(r"1[5-9]\d\d|20[0-2]\d")


def _derive(pair: Pair, kind: str, evidence: str | None = None, claim: str | None = None, label: str = "") -> Pair:
    return replace(
        pair,
        id=f"{pair.id}/{kind}",
        evidence=pair.evidence if evidence is None else evidence,
        claim=pair.claim if claim is None else claim,
        label=label or pair.label,
        kind=kind,
    )


def _new_number(token: str, rng: random.Random) -> str | None:
    """v0's rule (`augment_numbers.py`): years move 1–15, small counts change, others scale."""
    value = float(token.replace(",", ""))
    if YEAR.fullmatch(token):
        new: float = int(value) + rng.choice([-1, 1]) * rng.randint(1, 15)
    elif value < 10 and "." not in token:
        new = rng.choice([x for x in range(13) if x != int(value)])
    else:
        new = value * rng.choice([0.5, 0.6, 0.7, 1.3, 1.5, 2, 3])
        new = round(new, 1) if "." in token else round(new)
    text = f"{new:,}" if "," in token else str(new)
    return text if text != token else None


def change_number(pair: Pair, rng: random.Random) -> Pair | None:
    """A figure of the claim that the evidence also states, changed: contradiction."""
    if pair.label != ENTAILMENT:
        return None
    found = [m for m in NUMBER.finditer(pair.claim) if m.group(1) in pair.evidence]
    if not found:
        return None
    m = rng.choice(found)
    new = _new_number(m.group(1), rng)
    if new is None or new in pair.evidence:
        return None
    return _derive(pair, "number", claim=pair.claim[: m.start(1)] + new + pair.claim[m.end(1) :], label=CONTRADICTION)


# -- dates ----------------------------------------------------------------------------------------

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH = "|".join(MONTHS)
_DATE_PATTERNS = (
    ("mdy", re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s?,\s?(\d{{4}})\b")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})\s+({_MONTH}),?\s+(\d{{4}})\b")),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("my", re.compile(rf"\b({_MONTH})\s+(?:of\s+)?(\d{{4}})\b")),
)


@dataclass(frozen=True)
class DateMention:
    """A date written in `text[start:end]`: year, month (1–12), day (None for "March 2004")."""

    start: int
    end: int
    year: int
    month: int
    day: int | None
    style: str  # mdy ("March 29, 2004"), dmy ("29 March 2004"), iso ("2004-03-29"), my ("March 2004")


def find_dates(text: str) -> list[DateMention]:
    """Dates in `text`, left to right; a longer form wins over "Month Year" inside it."""
    found: list[DateMention] = []
    for style, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(d.start < m.end() and m.start() < d.end for d in found):
                continue
            g = m.groups()
            if style == "mdy":
                year, month, day = int(g[2]), MONTHS.index(g[0]) + 1, int(g[1])
            elif style == "dmy":
                year, month, day = int(g[2]), MONTHS.index(g[1]) + 1, int(g[0])
            elif style == "iso":
                year, month, day = int(g[0]), int(g[1]), int(g[2])
            else:
                year, month, day = int(g[1]), MONTHS.index(g[0]) + 1, None
            if 1 <= month <= 12 and (day is None or 1 <= day <= 31):
                found.append(DateMention(m.start(), m.end(), year, month, day, style))
    return sorted(found, key=lambda d: d.start)


def format_date(year: int, month: int, day: int | None, style: str) -> str:
    """A date in one of `find_dates`' styles (a day-less date is always "Month Year")."""
    if day is None or style == "my":
        return f"{MONTHS[month - 1]} {year}"
    if style == "dmy":
        return f"{day} {MONTHS[month - 1]} {year}"
    if style == "iso":
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{MONTHS[month - 1]} {day}, {year}"


def _stated(d: DateMention, evidence_dates: Sequence[DateMention]) -> bool:
    return any(e.year == d.year and e.month == d.month and (d.day is None or e.day == d.day) for e in evidence_dates)


def change_date(pair: Pair, rng: random.Random) -> Pair | None:
    """A date of the claim that the evidence states, with its day, month or year changed: contradiction."""
    if pair.label != ENTAILMENT:
        return None
    in_evidence = find_dates(pair.evidence)
    dates = [d for d in find_dates(pair.claim) if _stated(d, in_evidence)]
    if not dates:
        return None
    d = rng.choice(dates)
    year, month, day = d.year, d.month, d.day
    part = rng.choice(["year", "month"] + (["day"] if day is not None else []))
    if part == "year":
        year += rng.choice([-1, 1]) * rng.randint(1, 15)
    elif part == "month":
        month = rng.choice([m for m in range(1, 13) if m != month])
    else:
        day = rng.choice([x for x in range(1, 29) if x != day])
    if day is not None and day > 28 and month == 2:
        day = 28
    if any(e.year == year and e.month == month and e.day in (day, None) for e in in_evidence):
        return None
    claim = pair.claim[: d.start] + format_date(year, month, day, d.style) + pair.claim[d.end :]
    return _derive(pair, "date", claim=claim, label=CONTRADICTION)


def reformat_date(pair: Pair, rng: random.Random) -> Pair | None:
    """A date of the claim written in another style (same day): the label stays."""
    dates = [d for d in find_dates(pair.claim) if d.day is not None]
    if not dates:
        return None
    d = rng.choice(dates)
    style = rng.choice([s for s in ("mdy", "dmy", "iso") if s != d.style])
    claim = pair.claim[: d.start] + format_date(d.year, d.month, d.day, style) + pair.claim[d.end :]
    return _derive(pair, "date-format", claim=claim)


# -- units and scale words ------------------------------------------------------------------------

# surface form → (dimension, size in the dimension's base unit, exact: convertible by a power of ten)
UNITS: dict[str, tuple[str, Decimal, bool]] = {
    "kilometres": ("length", Decimal(1000), True),
    "kilometers": ("length", Decimal(1000), True),
    "km": ("length", Decimal(1000), True),
    "metres": ("length", Decimal(1), True),
    "meters": ("length", Decimal(1), True),
    "centimetres": ("length", Decimal("0.01"), True),
    "centimeters": ("length", Decimal("0.01"), True),
    "cm": ("length", Decimal("0.01"), True),
    "millimetres": ("length", Decimal("0.001"), True),
    "mm": ("length", Decimal("0.001"), True),
    "miles": ("length", Decimal("1609.344"), False),
    "kilograms": ("mass", Decimal(1000), True),
    "kg": ("mass", Decimal(1000), True),
    "grams": ("mass", Decimal(1), True),
    "milligrams": ("mass", Decimal("0.001"), True),
    "mg": ("mass", Decimal("0.001"), True),
    "tonnes": ("mass", Decimal(1_000_000), True),
    "pounds": ("mass", Decimal("453.59237"), False),
    "days": ("time", Decimal(86400), True),
    "hours": ("time", Decimal(3600), True),
    "minutes": ("time", Decimal(60), True),
    "seconds": ("time", Decimal(1), True),
    "thousand": ("count", Decimal(1000), True),
    "million": ("count", Decimal(1_000_000), True),
    "billion": ("count", Decimal(1_000_000_000), True),
    "trillion": ("count", Decimal(1_000_000_000_000), True),
}
SINGULAR = {"kilometres": "kilometre", "kilometers": "kilometer", "metres": "metre", "meters": "meter",
            "centimetres": "centimetre", "centimeters": "centimeter", "millimetres": "millimetre", "miles": "mile",
            "kilograms": "kilogram", "grams": "gram", "milligrams": "milligram", "tonnes": "tonne",
            "pounds": "pound", "days": "day", "hours": "hour", "minutes": "minute", "seconds": "second"}  # fmt: skip
_SURFACE = {**{v: k for k, v in SINGULAR.items()}, **{k: k for k in UNITS}}
_QUANTITY = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:(\s|-)("
    + "|".join(sorted(map(re.escape, _SURFACE), key=len, reverse=True))
    + r")\b)?(?!\w|[.,]\d)"
)
# Converted into these (written out, unambiguous); "" is a plain count ("4,200,000").
_TARGETS = ("kilometres", "metres", "centimetres", "millimetres", "kilograms", "grams", "tonnes",
            "days", "hours", "minutes", "seconds", "thousand", "million", "billion", "")  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    """A number with an optional unit or scale word in `text[start:end]`."""

    start: int
    end: int
    number: str
    unit: str  # the canonical (plural) unit, "" for a plain number
    text: str


def find_quantities(text: str) -> list[Quantity]:
    """Numbers in `text` with the unit or scale word that follows them, if any."""
    out = []
    for m in _QUANTITY.finditer(text):
        unit = _SURFACE[m.group(3).lower()] if m.group(3) else ""
        out.append(Quantity(m.start(), m.end(), m.group(1), unit, m.group(0)))
    return out


def quantity_value(text: str) -> tuple[str, Decimal] | None:
    """(dimension, value in base units) of a text that is one quantity, e.g. "5 km" → ("length", 5000)."""
    found = find_quantities(text.strip())
    if len(found) != 1 or found[0].text != text.strip():
        return None
    q = found[0]
    dimension, size, _ = UNITS.get(q.unit, ("count", Decimal(1), True))
    return dimension, Decimal(q.number.replace(",", "")) * size


def _format_number(value: Decimal) -> str:
    value = value.normalize()
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return format(value, "f")


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    return f"{number} {SINGULAR.get(unit, unit) if number == '1' else unit}"


_RANGE_END = re.compile(r"\d\s*(?:to|-|–|and|or)\s*$")


def convert_unit(pair: Pair, rng: random.Random) -> Pair | None:
    """A quantity of the claim rewritten in another unit or scale word, same value: the label stays.

    "5 km" → "5,000 metres", "4.2 million" → "4,200,000", "4,200,000" → "4.2 million". Only exact
    (power-of-ten or whole-number) conversions whose result has at most three decimals.
    """
    options = []
    for q in find_quantities(pair.claim):
        if "-" in q.text or _RANGE_END.search(
            pair.claim[: q.start]
        ):  # "153 to 162 days": one end alone would change the range
            continue
        dimension, size, exact = UNITS.get(q.unit, ("count", Decimal(1), True))
        if not exact or (not q.unit and Decimal(q.number.replace(",", "")) < 1_000_000):
            continue
        value = Decimal(q.number.replace(",", "")) * size
        for target in _TARGETS:
            t_dim, t_size, _ = UNITS.get(target, ("count", Decimal(1), True))
            if target == q.unit or t_dim != dimension:
                continue
            if dimension != "count" and max(size, t_size) / min(size, t_size) > 1000:
                continue  # "16 days" → "1,382,400 seconds" is true but nobody writes it
            new = value / t_size
            if new < Decimal("0.1") or new > 10**9 or new.normalize().as_tuple().exponent < -3:
                continue
            options.append((q, _with_unit(_format_number(new), target)))
    if not options:
        return None
    q, text = rng.choice(options)
    return _derive(pair, "unit-convert", claim=pair.claim[: q.start] + text + pair.claim[q.end :])


def change_unit(pair: Pair, rng: random.Random) -> Pair | None:
    """A quantity the evidence states, with the same number but another unit or scale word: contradiction.

    "4.2 million" → "4.2 billion", "5 km" → "5 miles".
    """
    if pair.label != ENTAILMENT:
        return None
    evidence = pair.evidence.lower()
    found = [q for q in find_quantities(pair.claim) if q.unit and q.number in pair.evidence and q.unit in evidence]
    if not found:
        return None
    q = rng.choice(found)
    dimension = UNITS[q.unit][0]
    others = [u for u, (dim, _, _) in UNITS.items() if dim == dimension and u != q.unit and u not in SINGULAR.values()]
    # the same unit under another spelling ("km" and "kilometres") is not a change
    others = [u for u in others if UNITS[u][1] != UNITS[q.unit][1]]
    if not others:
        return None
    text = _with_unit(q.number, rng.choice(others))
    if text.lower() in evidence:
        return None
    return _derive(pair, "unit", claim=pair.claim[: q.start] + text + pair.claim[q.end :], label=CONTRADICTION)


# -- names ----------------------------------------------------------------------------------------


def swap_name(pair: Pair, rng: random.Random, pool: NamePool) -> Pair | None:
    """A name the claim shares with the evidence, replaced by another name of the same kind: contradiction.

    The claim's first name (usually what it is about) is kept: claiming something of another subject
    makes a claim the evidence does not address (neutral) rather than one it refutes. The new name
    must not occur in the evidence.
    """
    if pair.label != ENTAILMENT:
        return None
    mentions = [n for n in find_names(pair.claim) if n.text in pair.evidence]
    mentions = [n for n in mentions if n.start > 0 and n.text != find_names(pair.claim)[0].text]
    if not mentions:
        return None
    mention = rng.choice(mentions)
    kind = pool.kind_of(mention.text)
    candidates = pool.similar(mention.text, kind)
    for _ in range(20):
        if not candidates:
            return None
        new = rng.choice(candidates)
        if new not in pair.evidence and new not in pair.claim:
            claim = re.sub(rf"\b{re.escape(mention.text)}\b", new, pair.claim)
            return _derive(pair, "name", claim=claim, label=CONTRADICTION)
    return None


# -- negation and antonyms ------------------------------------------------------------------------

_NEGATED = re.compile(
    r"\b(?:(is|are|was|were|has|have|had|can|will|would|should|must|does|do|did)\s+not|"
    r"(is|are|was|were|has|have|had|does|do|did|could|would|should)n't|(ca)n't|(wo)n't|(can)not)\b",
    re.IGNORECASE,
)
_AUXILIARY = re.compile(r"\b(is|are|was|were|can|will|would|should|must|does|do|did|has|have|had)\b(\s+\w+)?")
_PARTICIPLE = re.compile(r"\w+(?:ed|en|wn|ne)$|been|made|won|built|held|led|found|had|got|become|begun|sung|run")
# Words that make a negated claim not the opposite ("some are not" can be true with "some are").
_NO_NEGATION = re.compile(r"\b(some|many|several|few|most|may|might|could|never|no|nor|neither|only)\b", re.I)


def negate(pair: Pair, rng: random.Random) -> Pair | None:
    """The claim's first auxiliary negated, or its negation removed: contradiction.

    "X is Y" → "X is not Y"; "X has two" → "X does not have two"; "X wasn't Y" → "X was Y".
    """
    if pair.label != ENTAILMENT:
        return None
    claim = pair.claim
    m = _NEGATED.search(claim)
    if m:
        positive = next(g for g in m.groups() if g)
        positive = {"ca": "can", "wo": "will"}.get(positive.lower(), positive)
        new = claim[: m.start()] + positive + claim[m.end() :]
    else:
        if _NO_NEGATION.search(claim):
            return None
        a = _AUXILIARY.search(claim)
        if not a:
            return None
        aux, following = a.group(1), (a.group(2) or "").strip()
        if aux.lower() in ("has", "have", "had") and not _PARTICIPLE.fullmatch(following.lower()):
            do = {"has": "does", "have": "do", "had": "did"}[aux.lower()]
            do = do.capitalize() if aux[0].isupper() else do
            new = claim[: a.start(1)] + f"{do} not have" + claim[a.end(1) :]
        else:
            new = claim[: a.end(1)] + " not" + claim[a.end(1) :]
    return _derive(pair, "negation", claim=new, label=CONTRADICTION)


_ANTONYM_PAIRS = (
    ("increase", "decrease"), ("increased", "decreased"), ("increases", "decreases"), ("more", "fewer"),
    ("higher", "lower"), ("larger", "smaller"), ("largest", "smallest"), ("before", "after"),
    ("won", "lost"), ("win", "lose"), ("alive", "dead"), ("male", "female"), ("rose", "fell"),
    ("older", "younger"), ("oldest", "youngest"), ("earlier", "later"), ("above", "below"),
    ("northern", "southern"), ("eastern", "western"), ("maximum", "minimum"), ("positive", "negative"),
    ("majority", "minority"), ("stronger", "weaker"), ("longer", "shorter"), ("longest", "shortest"),
    ("successful", "unsuccessful"), ("legal", "illegal"), ("effective", "ineffective"), ("reduced", "raised"),
    ("improved", "worsened"), ("accepted", "rejected"), ("public", "private"), ("ancient", "modern"),
    ("domestic", "foreign"), ("inside", "outside"), ("richest", "poorest"), ("faster", "slower"),
    ("lowest", "highest"), ("best", "worst"), ("better", "worse"), ("true", "false"), ("always", "never"),
    ("allowed", "banned"), ("safe", "dangerous"), ("easy", "difficult"), ("married", "divorced"),
)  # fmt: skip
ANTONYMS = {**dict(_ANTONYM_PAIRS), **{b: a for a, b in _ANTONYM_PAIRS}}
_ANTONYM = re.compile(r"\b(" + "|".join(sorted(ANTONYMS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _same_case(new: str, old: str) -> str:
    return new.capitalize() if old[0].isupper() else new


def flip_antonym(pair: Pair, rng: random.Random) -> Pair | None:
    """A word of the claim replaced by its antonym ("increased" → "decreased"): contradiction.

    Skipped when the evidence itself uses the antonym (it may then support the new claim).
    """
    if pair.label != ENTAILMENT:
        return None
    found = list(_ANTONYM.finditer(pair.claim))
    evidence = pair.evidence.lower()
    found = [m for m in found if not re.search(rf"\b{ANTONYMS[m.group(1).lower()]}\b", evidence)]
    if not found:
        return None
    m = rng.choice(found)
    new = _same_case(ANTONYMS[m.group(1).lower()], m.group(1))
    return _derive(pair, "antonym", claim=pair.claim[: m.start()] + new + pair.claim[m.end() :], label=CONTRADICTION)


# -- paraphrase -----------------------------------------------------------------------------------

SYNONYMS = {
    "big": "large", "large": "big", "start": "begin", "started": "began", "began": "started", "bought": "purchased",
    "purchased": "bought", "buy": "purchase", "approximately": "roughly", "roughly": "approximately",
    "movie": "film", "film": "movie", "movies": "films", "films": "movies", "famous": "well-known",
    "well-known": "famous", "author": "writer", "writer": "author", "occurred": "happened", "happened": "occurred",
    "quickly": "rapidly", "rapidly": "quickly", "located": "situated", "received": "obtained", "helped": "assisted",
    "died": "passed away", "children": "kids", "kids": "children", "also": "additionally", "showed": "demonstrated",
    "demonstrated": "showed", "enormous": "huge", "huge": "enormous", "country": "nation", "nation": "country",
}  # fmt: skip
_SYNONYM = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)) + r")\b", re.I)
_FRONTED = re.compile(r"^(In|On|During|By|After|Before|Since|At) ([^,]{2,60}), (.+?)([.!?]?)$")
_TRAILING = re.compile(rf"^(.+?) (in|on|during|since) ((?:{_MONTH}|\d{{4}})[^,;]{{0,30}}?)([.!?]?)$")
_LOWER_START = {"The", "A", "An", "It", "He", "She", "They", "This", "His", "Her", "Its", "Their", "There"}


def paraphrase(pair: Pair, rng: random.Random) -> Pair | None:
    """A meaning-preserving edit of the claim: a synonym, or a fronted phrase moved (or the reverse).

    "In 2004, the band released X." ↔ "The band released X in 2004."; the label stays.
    """
    claim = pair.claim
    edits: list[str] = []
    m = _FRONTED.match(claim)
    if m:
        rest = m.group(3)
        first = rest.split(" ", 1)[0]
        rest = rest[0].upper() + rest[1:] if first.lower() == first else rest
        edits.append(f"{rest} {m.group(1).lower()} {m.group(2)}{m.group(4)}")
    m = _TRAILING.match(claim)
    if m and "," not in m.group(1):
        head = m.group(1)
        first = head.split(" ", 1)[0]
        head = head[0].lower() + head[1:] if first in _LOWER_START else head
        edits.append(f"{m.group(2).capitalize()} {m.group(3)}, {head}{m.group(4)}")
    for s in _SYNONYM.finditer(claim):
        edits.append(claim[: s.start()] + _same_case(SYNONYMS[s.group(1).lower()], s.group(1)) + claim[s.end() :])
    if not edits:
        return None
    return _derive(pair, "paraphrase", claim=rng.choice(edits))


# -- the training-set driver ----------------------------------------------------------------------

CHANGE_KINDS = ("number", "date", "unit", "name", "negation", "antonym")
PRESERVE_KINDS = ("date-format", "unit-convert", "paraphrase", "multi-sentence")
# The split already holds v0's number swaps, so training adds every other kind.
TRAIN_KINDS = ("date", "unit", "name", "negation", "antonym", *PRESERVE_KINDS)


@dataclass(frozen=True)
class AugmentPlan:
    """Which kinds to add and how many of each.

    `per_kind` caps each kind (1,000: with the 2,172 number swaps already in the split, about 13 % new
    rows, so the real pairs still dominate); `hard_negatives` caps the neutral pairs made for the
    contradictions (v0's lead used one for each number swap).
    """

    kinds: tuple[str, ...] = TRAIN_KINDS
    per_kind: int = 1000
    hard_negatives: int = 3000


def augmenters(pool: NamePool, distractors: Sequence[str]) -> dict[str, Callable[[Pair, random.Random], Pair | None]]:
    """Every per-pair function by kind, with its data bound."""
    return {
        "number": change_number,
        "date": change_date,
        "unit": change_unit,
        "name": lambda p, r: swap_name(p, r, pool),
        "negation": negate,
        "antonym": flip_antonym,
        "date-format": reformat_date,
        "unit-convert": convert_unit,
        "paraphrase": paraphrase,
        "multi-sentence": lambda p, r: multi_sentence(p, r, distractors),
    }


def augment_pairs(pairs: Sequence[Pair], seed: int, plan: AugmentPlan | None = None) -> list[Pair]:
    """New rows for a training set (the input rows are not repeated), deterministic for a seed.

    Sources are entailed rows read from the split (not earlier augmentations). Names come from the set
    itself; distractor sentences from its evidence. Hard negatives are made for the new
    contradictions and for the split's own number swaps (sources ending `+numswap`).
    """
    plan = plan or AugmentPlan()
    entailed = [p for p in pairs if p.label == ENTAILMENT and "+" not in p.source]
    pool = NamePool.from_texts(t for p in pairs for t in (p.evidence, p.claim))
    distractors = [s for p in pairs[:20000] for s in sentences(p.evidence)[:2] if 40 <= len(s) <= 300]
    functions = augmenters(pool, distractors)
    new: list[Pair] = []
    for kind in plan.kinds:
        order = list(range(len(entailed)))
        random.Random(f"{seed}:{kind}").shuffle(order)
        made = 0
        for i in order:
            if made >= plan.per_kind:
                break
            row = functions[kind](entailed[i], random.Random(f"{seed}:{kind}:{entailed[i].id}"))
            if row is None or (row.claim, row.evidence) == (entailed[i].claim, entailed[i].evidence):
                continue
            new.append(row)
            made += 1
    contradictions = [p for p in new if p.label == CONTRADICTION]
    contradictions += [p for p in pairs if p.source.endswith("+numswap")]
    random.Random(f"{seed}:hard-negative").shuffle(contradictions)
    new += hard_negatives(pairs, contradictions[: plan.hard_negatives])
    return new
