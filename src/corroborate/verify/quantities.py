"""Quantities in a sentence: "2,400 workers", "4.2 million", "$3bn", "12 km", "nearly three dozen".

Each quantity becomes an interval of values in a base unit ("12 km" → 12,000 m; "4.2 million" →
4,150,000–4,250,000 because the writer rounded to one decimal; "2,400" → 2,350–2,450 because a
round number may be rounded; "at least 31" → 31–∞), so two quantities can be compared whatever
words and units they were written in. A count ("31 people")
keeps the noun it counts, singular, so that only counts of the same thing are compared.

Regular expressions only: this part works without the spaCy parser. Year-shaped numbers that are
dates ("in 1986") are left to `corroborate.verify.date_mentions`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from corroborate.verify.date_mentions import date_spans

__all__ = ["Quantity", "find_quantities"]


@dataclass(frozen=True)
class Quantity:
    """One quantity as written, and the values it allows.

    `low`/`high` are in the base unit of `dimension` (metres, kilograms, square metres, watts,
    seconds, years of age, per cent, a currency, or plain counts); `high` may be `math.inf`.
    `value` is the number stated (the lower end of a range). `noun` is the singular noun a count
    counts ("worker"), None when the text does not say; `unit` the unit as written, lowercase
    ("miles", "$"), None for a count.
    """

    text: str
    start: int
    end: int
    value: float
    low: float
    high: float
    dimension: str
    noun: str | None = None
    qualifier: str | None = None
    unit: str | None = None

    @property
    def exact(self) -> bool:
        """True for a number that allows only itself: no bound, approximation, range or round figure."""
        return self.qualifier is None and self.low == self.high


_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3,
           "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12, "dozen": 12}  # fmt: skip
# "tens of thousands" and the like: a range of magnitudes, not a number.
_VAGUE = {"dozens": (24, 100), "scores": (40, 200), "hundreds": (200, 1e3), "thousands": (2e3, 1e4),
          "millions": (2e6, 1e7), "billions": (2e9, 1e10)}  # fmt: skip
_TENS_OF = {"thousands": (1e4, 1e5), "millions": (1e7, 1e8), "billions": (1e10, 1e11)}
_HUNDREDS_OF = {"thousands": (1e5, 1e6), "millions": (1e8, 1e9)}

# Qualifier → how it bends the stated value v into an interval.
_QUALIFIERS: dict[str, str] = {
    **dict.fromkeys(["nearly", "almost", "just under", "close to", "just shy of"], "below"),
    **dict.fromkeys(["about", "around", "approximately", "roughly", "some", "an estimated", "estimated",
                     "circa", "an approximate", "more or less"], "about"),
    **dict.fromkeys(["more than", "over", "above", "upwards of", "in excess of", "just over", "at least",
                     "no fewer than", "no less than", "a minimum of"], "at least"),
    **dict.fromkeys(["up to", "as many as", "at most", "no more than", "a maximum of", "fewer than",
                     "less than", "under", "below"], "at most"),
}  # fmt: skip
# Approximations allow this much either side (or below, for "nearly").
_ABOUT = 0.1

# unit words → (dimension, factor to the base unit); longest phrases are tried first.
_UNIT_WORDS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(["km", "kilometre", "kilometres", "kilometer", "kilometers"], ("length", 1e3)),
    **dict.fromkeys(["metre", "metres", "meter", "meters"], ("length", 1.0)),
    **dict.fromkeys(["mile", "miles", "mi"], ("length", 1609.344)),
    **dict.fromkeys(["foot", "feet", "ft"], ("length", 0.3048)),
    **dict.fromkeys(["cm", "centimetres", "centimeters"], ("length", 0.01)),
    **dict.fromkeys(["kg", "kilogram", "kilograms", "kilogrammes", "kilos"], ("mass", 1.0)),
    **dict.fromkeys(["tonne", "tonnes", "ton", "tons", "metric tons"], ("mass", 1e3)),
    **dict.fromkeys(["lb", "lbs"], ("mass", 0.45359237)),
    **dict.fromkeys(["square kilometres", "square kilometers", "sq km", "km2", "km²"], ("area", 1e6)),
    **dict.fromkeys(["square miles", "sq miles", "sq mi"], ("area", 2_589_988.11)),
    **dict.fromkeys(["hectare", "hectares", "ha"], ("area", 1e4)),
    **dict.fromkeys(["acre", "acres"], ("area", 4046.8564224)),
    **dict.fromkeys(["mw", "megawatt", "megawatts"], ("power", 1e6)),
    **dict.fromkeys(["gw", "gigawatt", "gigawatts"], ("power", 1e9)),
    **dict.fromkeys(["kw", "kilowatt", "kilowatts"], ("power", 1e3)),
    **dict.fromkeys(["%", "per cent", "percent", "pc"], ("percent", 1.0)),
    **dict.fromkeys(["percentage points", "percentage point", "points"], ("percentage points", 1.0)),
    **dict.fromkeys(["second", "seconds"], ("duration", 1.0)),
    **dict.fromkeys(["minute", "minutes"], ("duration", 60.0)),
    **dict.fromkeys(["hour", "hours"], ("duration", 3600.0)),
    **dict.fromkeys(["day", "days"], ("duration", 86400.0)),
    **dict.fromkeys(["week", "weeks"], ("duration", 7 * 86400.0)),
    **dict.fromkeys(["month", "months"], ("duration", 30.4375 * 86400)),
    **dict.fromkeys(["year", "years"], ("duration", 365.25 * 86400)),
    **dict.fromkeys(["decade", "decades"], ("duration", 3652.5 * 86400)),
    **dict.fromkeys(["century", "centuries"], ("duration", 36525.0 * 86400)),
    **dict.fromkeys(["year-old", "years old", "years of age"], ("age", 1.0)),
    **dict.fromkeys(["dollar", "dollars", "usd"], ("money:USD", 1.0)),
    **dict.fromkeys(["euro", "euros", "eur"], ("money:EUR", 1.0)),
    **dict.fromkeys(["pounds sterling", "sterling", "gbp"], ("money:GBP", 1.0)),
}
_CURRENCY_SIGNS = {"$": "money:USD", "us$": "money:USD", "£": "money:GBP", "€": "money:EUR"}

# Words after a number that end the counted noun phrase: function words, and verbs we can spot.
_NOT_NOUNS = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
              "as", "than", "that", "which", "who", "whom", "whose", "this", "these", "those", "it", "its",
              "they", "them", "their", "he", "she", "his", "her", "we", "our", "you", "your", "i", "was", "were",
              "is", "are", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would",
              "can", "could", "may", "might", "must", "shall", "should", "not", "no", "yes", "so", "if", "then",
              "there", "here", "when", "where", "while", "after", "before", "during", "since", "until", "per",
              "each", "more", "less", "most", "least", "about", "over", "under", "into", "onto", "out", "up",
              "down", "off", "again", "also", "only", "just", "said", "says", "say", "according", "including",
              "among", "between", "died", "killed", "injured"}  # fmt: skip
_PEOPLE = {"people", "persons", "person", "men", "women", "children", "individuals", "staff"}
_IRREGULAR_PLURALS = {"people": "person", "men": "man", "women": "woman", "children": "child",
                      "lives": "life", "staff": "staff"}  # fmt: skip

# Ordinals ("4th") and clock times ("1:23") are single tokens that are not numerals, so never counts.
_TOKEN = re.compile(
    r"\d+(?:st|nd|rd|th)\b|\d{1,2}:\d{2}|US\$|[$£€%°²]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z]+(?:[-'][A-Za-z]+)*|[–—-]|\S"
)
_NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@dataclass(frozen=True)
class _Token:
    text: str
    low: str  # lowercase
    start: int
    end: int


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in `text`, in order; years and other dates are not quantities."""
    dates = date_spans(text)
    tokens = [_Token(m[0], m[0].lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        if any(s <= tokens[i].start < e for s, e in dates):
            i += 1
            continue
        parsed = _parse_at(text, tokens, i)
        if parsed is None:
            i += 1
            continue
        quantity, i = parsed
        found.append(quantity)
    return tuple(found)


def _parse_at(text: str, tokens: list[_Token], i: int) -> tuple[Quantity, int] | None:
    """The quantity that starts at token `i` and the index after it, or None."""
    start = i
    qualifier, i = _match_phrase(tokens, i, _QUALIFIERS)
    kind = _QUALIFIERS.get(qualifier) if qualifier else None
    if qualifier is None and i < len(tokens) and tokens[i].low == "between":
        qualifier, kind, i = "between", "between", i + 1
    currency = None
    if i < len(tokens) and tokens[i].low in _CURRENCY_SIGNS:
        currency, i = tokens[i].low, i + 1
    number = _read_number(tokens, i)
    if number is None:
        return None
    value, low, high, i = number
    if kind == "between":
        end_number = _read_number(tokens, i + 1) if i < len(tokens) and tokens[i].low in ("and", "to") else None
        if end_number is None or end_number[0] <= value:
            return None
        high, i = end_number[2], end_number[3]
    elif (
        i + 1 < len(tokens)
        and tokens[i].low in ("-", "–")
        and tokens[i - 1].end == tokens[i].start
        and tokens[i].end == tokens[i + 1].start
        and _NUMERAL.fullmatch(tokens[i + 1].text)
    ):
        # "10-20 km": a range when the second number is the larger ("won 3-1" is a score). "10 to
        # 20" is left alone: "rose from 10 to 20" is a change, not a range.
        end_number = _read_number(tokens, i + 1)
        if end_number is not None and end_number[0] > value:
            qualifier, kind, high, i = "range", "between", end_number[2], end_number[3]
    unit_start = i
    dimension, factor, i = _read_unit(tokens, i, currency)
    unit = " ".join(t.low for t in tokens[unit_start:i]).lstrip("- ") or currency
    end = tokens[i - 1].end
    noun = None
    if dimension == "count":
        noun, i = _read_noun(tokens, i)
        if noun is None and tokens[start].low == "one":
            return None  # "the one that...": a pronoun, not a count
    low, high = _apply_qualifier(kind, low, high)
    return (
        Quantity(
            text=text[tokens[start].start : end],
            start=tokens[start].start,
            end=end,
            value=value * factor,
            low=low * factor,
            high=high * factor,
            dimension=dimension,
            noun=noun,
            qualifier=qualifier,
            unit=unit,
        ),
        i,
    )


def _match_phrase(tokens: list[_Token], i: int, phrases: dict[str, object]) -> tuple[str | None, int]:
    """The longest phrase of `phrases` (lowercase, space-separated) that starts at token `i`."""
    for size in (3, 2, 1):
        words = " ".join(t.low for t in tokens[i : i + size])
        if len(tokens[i : i + size]) == size and words in phrases:
            return words, i + size
    return None, i


def _read_number(tokens: list[_Token], i: int) -> tuple[float, float, float, int] | None:
    """(value stated, low, high, next index) of the number at token `i`: digits, words, scale words, vague plurals."""
    if i >= len(tokens):
        return None
    word = tokens[i].low
    if word == "tens" or word == "hundreds":
        table = _TENS_OF if word == "tens" else _HUNDREDS_OF
        if i + 2 < len(tokens) and tokens[i + 1].low == "of" and tokens[i + 2].low in table:
            low, high = table[tokens[i + 2].low]
            return low, low, high, i + 3
    if word in _VAGUE:
        low, high = _VAGUE[word]
        return low, low, high, i + 1
    if _NUMERAL.fullmatch(tokens[i].text):
        value = float(tokens[i].text.replace(",", ""))
        decimals = len(tokens[i].text.partition(".")[2])
        i += 1
    elif word in _UNITS or word in _TENS or ("-" in word and _compound_word(word) is not None):
        value, i = _read_number_words(tokens, i)
        decimals = 0
    elif word in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].low in _SCALES:
        value, decimals, i = 1.0, 0, i + 1  # "a dozen", "a million"
    elif word == "half" and [t.low for t in tokens[i + 1 : i + 2]] in (["a"], ["an"]) and i + 2 < len(tokens):
        if tokens[i + 2].low not in _SCALES:
            return None
        value, decimals, i = 0.5, 0, i + 2  # "half a million"
    else:
        return None
    scale = 1.0
    # "m" after a number is millions ("$3m", "3m people"); metres are spelt out in news text.
    while i < len(tokens) and tokens[i].low in _SCALES:
        scale *= _SCALES[tokens[i].low]
        i += 1
    if scale > 1 and decimals:
        # "4.2 million" was rounded to one decimal: it allows 4.15–4.25 million.
        half_step = 0.5 * 10**-decimals * scale
        return value * scale, value * scale - half_step, value * scale + half_step, i
    if scale >= 1e6 and value == int(value) and value < 10:
        # "4 million" is how a writer rounds 4.2 million.
        return value * scale, (value - 0.5) * scale, (value + 0.5) * scale, i
    if scale == 1 and not decimals and value >= 100 and value % 100 == 0:
        # A round number allows what rounds to it ("2,400" for 2,412), but never more than 2.5%
        # either side: "2,000" is not a rounding of 2,400.
        place = 10 ** (len(str(int(value))) - len(str(int(value)).rstrip("0")))
        slack = min(place / 2, value * 0.025)
        return value, value - slack, value + slack, i
    return value * scale, value * scale, value * scale, i


def _compound_word(word: str) -> float | None:
    """ "twenty-five" → 25."""
    tens, _, units = word.partition("-")
    if tens in _TENS and units in _UNITS and 0 < _UNITS[units] < 10:
        return float(_TENS[tens] + _UNITS[units])
    return None


def _read_number_words(tokens: list[_Token], i: int) -> tuple[float, int]:
    """ "two hundred and fifty" → 250; stops before million/billion (scale words apply after)."""
    total, current = 0.0, 0.0
    while i < len(tokens):
        word = tokens[i].low
        compound = _compound_word(word) if "-" in word else None
        if compound is not None:
            current += compound
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand" and i + 1 < len(tokens) and _is_number_word(tokens[i + 1].low):
            total, current = total + (current or 1) * 1000, 0.0
        elif word == "and" and current and i + 1 < len(tokens) and _is_number_word(tokens[i + 1].low):
            pass
        else:
            break
        i += 1
    return total + current, i


def _is_number_word(word: str) -> bool:
    return word in _UNITS or word in _TENS or _compound_word(word) is not None


def _read_unit(tokens: list[_Token], i: int, currency: str | None) -> tuple[str, float, int]:
    """(dimension, factor to the base unit, next index) for the unit after a number."""
    if currency:
        return _CURRENCY_SIGNS[currency], 1.0, i
    if i + 1 < len(tokens) and tokens[i].low in ("-", "–") and tokens[i].end == tokens[i + 1].start:
        # "a 30-km zone", "a 10-day search", "a 25-year-old man"
        unit, after = _match_phrase(tokens, i + 1, _UNIT_WORDS)
        if unit is not None:
            return (*_UNIT_WORDS[unit], after)
    unit, after = _match_phrase(tokens, i, _UNIT_WORDS)
    if unit is None:
        return "count", 1.0, i
    dimension, factor = _UNIT_WORDS[unit]
    if dimension == "duration" and after < len(tokens) and tokens[after].low == "old":
        return "age", 1.0, after + 1
    return dimension, factor, after


def _read_noun(tokens: list[_Token], i: int) -> tuple[str | None, int]:
    """The singular head of the noun phrase a count counts ("2,400 emergency workers" → "worker")."""
    if i < len(tokens) and tokens[i].low == "of" and i + 1 < len(tokens):
        # "tens of thousands of people", "dozens of homes"; "three of the reactors".
        i += 2 if tokens[i + 1].low == "the" and i + 2 < len(tokens) else 1
    words: list[_Token] = []
    while i < len(tokens) and len(words) < 3:
        token = tokens[i]
        if not token.text.isalpha() or token.low in _NOT_NOUNS or token.text[0].isupper():
            break
        if words and (token.low.endswith("ed") or token.low.endswith("ly")):
            break
        words.append(token)
        i += 1
        if token.low in _PEOPLE or _singular(token.low) != token.low:
            break  # a plural ends the phrase: "three reactors kept running"
    if not words:
        return None, i
    return _singular(words[-1].low), i


def _singular(word: str) -> str:
    """A crude singular for comparing counted nouns ("workers" → "worker", "people" → "person")."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _apply_qualifier(kind: str | None, low: float, high: float) -> tuple[float, float]:
    if kind == "below":
        return low * (1 - _ABOUT), high
    if kind == "about":
        return low * (1 - _ABOUT), high * (1 + _ABOUT)
    if kind == "at least":
        return low, math.inf
    if kind == "at most":
        return 0.0, high
    return low, high
