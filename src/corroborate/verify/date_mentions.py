"""Dates in a sentence as spans of days: "26 April 1986", "April 1986", "1986", "the 1990s", "last year".

A date is the interval of days it covers, so that "in 1986" contains "on 26 April 1986" and "the
1980s" contains both. Relative dates ("last November", "two years ago", "on Tuesday") are made
absolute with `corroborate.claims.dates.resolve_date` when a document date is given, and skipped
otherwise: without it they name no particular day. Regular expressions only (no parser).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from corroborate.claims.dates import MONTHS, WEEKDAYS, is_relative_date, resolve_date

__all__ = ["DateMention", "date_spans", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """One date as written, the days it covers (`first`..`last`, inclusive) and how fine it is.

    `granularity` is "day", "week", "month", "year" or "decade". `resolved` is the absolute form of a
    relative date ("last year" → "2025"), None for a date written out.
    """

    text: str
    start: int
    end: int
    first: date
    last: date
    granularity: str
    resolved: str | None = None

    @property
    def label(self) -> str:
        """The date as a report shows it: "last year (2025)", or the text as written."""
        return f"{self.text} ({self.resolved})" if self.resolved else self.text

    def contains(self, other: DateMention) -> bool:
        return self.first <= other.first and other.last <= self.last

    def overlaps(self, other: DateMention) -> bool:
        return self.first <= other.last and other.first <= self.last


_MONTH = rf"(?P<m>{'|'.join(MONTHS)}|{'|'.join(m[:3] for m in MONTHS)}\.?|sept\.?)"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_PART = r"(?:(?P<part>early|mid|late)[\s-]+)"
_ABSOLUTE: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b")),
    ("day", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})\b", re.I)),
    ("day", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<y>\d{{4}})\b", re.I)),
    ("month", re.compile(rf"\b{_PART}?{_MONTH},?\s+(?:of\s+)?(?P<y>\d{{4}})\b", re.I)),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]*)?(?P<y>\d{3}0)'?s\b", re.I)),
    ("year", re.compile(r"(?<![\d,.$£€-])\b(?P<y>1\d{3}|20\d{2})\b(?![.,]\d|-\d)")),
]
# A day and month without a year ("on 12 March"): the document's year.
_DAY_MONTH = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d)", re.I),
]
_NUMBER_WORDS = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_RELATIVE = re.compile(
    r"\b(?:today|yesterday|tomorrow"
    rf"|(?:(?:last|this|next|early|late)\s+)?(?:{'|'.join(WEEKDAYS)})(?:\s+(?:morning|afternoon|evening|night))?"
    # A month alone only when capitalised: "may" and "march" are also verbs.
    rf"|(?:(?:last|this|next|early|late)\s+|mid-)?(?-i:{'|'.join(m.capitalize() for m in MONTHS)})(?!\s*\d)"
    r"|(?:last|this|next)\s+(?:year|week|month)"
    rf"|(?:\d+|{_NUMBER_WORDS})\s+(?:day|week|month|year)s?\s+ago)\b",
    re.I,
)
# A year-shaped number that counts something ("1500 troops", "2000 people") unless a date word leads it.
_COUNTED_AFTER = re.compile(
    r"\s*(?:%|per\s*cent|percent|people|men|women|children|staff|km|kg|mw|gw|(?!(?:was|is|has|as|its|this|his)\b)[a-z]+s)\b",
    re.I,
)
_DATE_BEFORE = {"in", "since", "until", "till", "during", "by", "from", "of", "the", "before", "after", "early",
                "late", "mid", "year", "between", "and", "to", "spring", "summer", "autumn", "winter", "fall"}  # fmt: skip


def find_dates(text: str, document_date: date | None = None) -> tuple[DateMention, ...]:
    """Every date in `text`, in order. Relative dates need `document_date`; without it they are skipped."""
    candidates: list[DateMention] = []
    for kind, pattern in _ABSOLUTE:
        for match in pattern.finditer(text):
            if kind == "year" and not _is_year(text, match):
                continue
            mention = _mention(kind, match)
            if mention is not None:
                candidates.append(mention)
    if document_date is not None:
        candidates += _day_months(text, document_date)
        candidates += _relatives(text, document_date)
    return _non_overlapping(candidates)


def date_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every date expression in `text`, relative ones included, resolved or not.

    Quantities skip these spans ("two years ago" is a date, not a duration). Where a relative date
    falls does not depend on the day it is resolved against, so any day will do.
    """
    return [(m.start, m.end) for m in find_dates(text, document_date=date(2000, 1, 1))]


def _is_year(text: str, match: re.Match[str]) -> bool:
    before = re.findall(r"[A-Za-z]+", text[max(0, match.start() - 12) : match.start()])
    if before and before[-1].lower() in _DATE_BEFORE:
        return True
    return not _COUNTED_AFTER.match(text, match.end())


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name[:3]))


def _mention(kind: str, match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    year = int(groups["y"])
    try:
        if kind == "iso":
            first = last = date(year, int(groups["mo"]), int(groups["d"]))
            kind = "day"
        elif kind == "day":
            first = last = date(year, _month_number(groups["m"]), int(groups["d"]))
        elif kind == "month":
            first, last = _month_days(year, _month_number(groups["m"]), groups.get("part"))
        elif kind == "decade":
            offset = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}.get((groups["part"] or "").lower(), (0, 9))
            first, last = date(year + offset[0], 1, 1), date(year + offset[1], 12, 31)
        else:
            first, last = date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None  # "31 February 2021"
    return DateMention(match[0], match.start(), match.end(), first, last, kind)


def _month_days(year: int, month: int, part: str | None) -> tuple[date, date]:
    end = calendar.monthrange(year, month)[1]
    first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, end)}.get((part or "").lower(), (1, end))
    return date(year, month, first), date(year, month, last)


def _day_months(text: str, document_date: date) -> list[DateMention]:
    found = []
    for pattern in _DAY_MONTH:
        for match in pattern.finditer(text):
            try:
                day = date(document_date.year, _month_number(match["m"]), int(match["d"]))
            except ValueError:
                continue
            found.append(DateMention(match[0], match.start(), match.end(), day, day, "day", _day_text(day)))
    return found


def _relatives(text: str, document_date: date) -> list[DateMention]:
    found = []
    for match in _RELATIVE.finditer(text):
        if not is_relative_date(match[0]):
            continue
        resolved = resolve_date(match[0], document_date)
        interval = _interval(resolved) if resolved else None
        if interval is not None:
            first, last, granularity = interval
            found.append(DateMention(match[0], match.start(), match.end(), first, last, granularity, resolved))
    return found


def _interval(resolved: str) -> tuple[date, date, str] | None:
    """The days of an absolute form `resolve_date` writes: "3 March 2026", "the week of …", "mid-March 2026"."""
    if resolved.startswith("the week of "):
        inner = _interval(resolved.removeprefix("the week of "))
        return (inner[0], inner[0] + timedelta(days=6), "week") if inner else None
    mentions = [m for kind, p in _ABSOLUTE if (m := _first(kind, p, resolved))]
    if not mentions:
        return None
    widest = min(mentions, key=lambda m: m.start - m.end)
    return widest.first, widest.last, widest.granularity


def _first(kind: str, pattern: re.Pattern[str], text: str) -> DateMention | None:
    match = pattern.search(text)
    return _mention(kind, match) if match else None


def _day_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1].capitalize()} {day.year}"


def _non_overlapping(candidates: list[DateMention]) -> tuple[DateMention, ...]:
    """The longest mention wherever two overlap ("12 March 2021" over "2021"), in text order."""
    chosen: list[DateMention] = []
    for mention in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if all(mention.end <= c.start or c.end <= mention.start for c in chosen):
            chosen.append(mention)
    return tuple(sorted(chosen, key=lambda m: m.start))
