"""Relative dates ("last November", "on Tuesday", "two days ago") made absolute with the document's date.

News text dates events relative to publication: "on Tuesday" means the Tuesday of that week,
"in December" the most recent December. `resolve_date` returns the absolute form, or None when the
expression is not relative (already absolute, or not a date this module knows).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["is_relative_date", "parse_document_date", "parse_written_date", "resolve_date"]

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip

_MONTH = rf"(?P<month>{'|'.join(MONTHS)})"
_WEEKDAY = rf"(?P<weekday>{'|'.join(WEEKDAYS)})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(r"^(?P<word>today|yesterday|tomorrow)$")),
    (
        "day",
        re.compile(
            rf"^(?:(?P<which>last|this|next|on|early|late)\s+)?{_WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?$"
        ),
    ),
    ("month", re.compile(rf"^(?:(?P<which>last|this|next|early|late|mid-?)\s*)?{_MONTH}$")),
    ("year", re.compile(r"^(?P<which>last|this|next)\s+year$")),
    ("ago", re.compile(rf"^(?P<n>\d+|{'|'.join(_NUMBERS)})\s+(?P<unit>day|week|month|year)s?\s+ago$")),
    ("span", re.compile(r"^(?P<which>last|this|next)\s+(?P<unit>week|month)$")),
]


def parse_document_date(value: str | None) -> date | None:
    """A document's date from ISO text ("2026-03-17", "2026-03-17T08:00:00Z"); None when absent or not a date."""
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


_WRITTEN = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{'|'.join(MONTHS)})\s+(?P<y1>\d{{4}})|"
    rf"(?P<m2>{'|'.join(MONTHS)})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))\b",
    re.I,
)


def parse_written_date(text: str) -> date | None:
    """The first full date written in `text` ("17 March 2026", "March 17, 2026", "2026-03-17")."""
    match = _WRITTEN.search(text)
    if not match:
        return None
    if match["iso"]:
        return parse_document_date(match["iso"])
    day, month, year = (
        (match["d1"], match["m1"], match["y1"]) if match["d1"] else (match["d2"], match["m2"], match["y2"])
    )
    try:
        return date(int(year), MONTHS.index(month.lower()) + 1, int(day))
    except ValueError:
        return None


def is_relative_date(expression: str) -> bool:
    """True when `expression` needs the document's date to mean one day, month or year."""
    text = _normalise(expression)
    return any(p.match(text) for _, p in _PATTERNS)


def resolve_date(expression: str, today: date) -> str | None:
    """The absolute form of a relative date expression, or None when it is not one."""
    text = _normalise(expression)
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return _RESOLVERS[kind](match, today)
    return None


def _normalise(expression: str) -> str:
    return re.sub(r"\s+", " ", expression.strip().lower().removeprefix("the ").strip())


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1].capitalize()} {d.year}"


def _month(year: int, month: int) -> str:
    return f"{MONTHS[month - 1].capitalize()} {year}"


def _resolve_day(m: re.Match[str], today: date) -> str:
    groups = m.groupdict()
    word = groups.get("word")
    if word:
        return _day(today + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[word]))
    target = WEEKDAYS.index(m["weekday"])
    back = (today.weekday() - target) % 7
    if groups.get("which") == "next":
        return _day(today + timedelta(days=(target - today.weekday()) % 7 or 7))
    if groups.get("which") == "last" and back == 0:
        back = 7
    day = _day(today - timedelta(days=back))
    return f"{day} ({m['part']})" if groups.get("part") else day


def _resolve_month(m: re.Match[str], today: date) -> str:
    month = MONTHS.index(m["month"]) + 1
    which = m["which"] or ""
    if which == "next":
        year = today.year if month > today.month else today.year + 1
    elif which == "this":
        year = today.year
    elif which == "last":
        year = today.year if month < today.month else today.year - 1
    else:
        # "in December" in a March article: the December just past.
        year = today.year if month <= today.month else today.year - 1
    prefix = {"early": "early ", "late": "late ", "mid": "mid-", "mid-": "mid-"}.get(which, "")
    return prefix + _month(year, month)


def _resolve_year(m: re.Match[str], today: date) -> str:
    return str(today.year + {"last": -1, "this": 0, "next": 1}[m["which"]])


def _resolve_ago(m: re.Match[str], today: date) -> str:
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
    unit = m["unit"]
    if unit == "day":
        return _day(today - timedelta(days=n))
    if unit == "week":
        return f"the week of {_day(today - timedelta(weeks=n))}"
    if unit == "month":
        months = today.year * 12 + today.month - 1 - n
        return _month(months // 12, months % 12 + 1)
    return str(today.year - n)


def _resolve_span(m: re.Match[str], today: date) -> str:
    step = {"last": -1, "this": 0, "next": 1}[m["which"]]
    if m["unit"] == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=step)
        return f"the week of {_day(monday)}"
    months = today.year * 12 + today.month - 1 + step
    return _month(months // 12, months % 12 + 1)


_RESOLVERS = {
    "day": _resolve_day,
    "month": _resolve_month,
    "year": _resolve_year,
    "ago": _resolve_ago,
    "span": _resolve_span,
}
