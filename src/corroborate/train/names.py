"""Names of people, places and organisations found in the data, for name-swap augmentation.

A plain capitalised-words pattern, not a tagger: training runs where spaCy is not installed (the GPU
machine), and a swap only needs a name of the same rough kind. The kind is a rule: a name with an
organisation word ("University", "Party", "Inc") is an organisation; one seen after "in", "at",
"from" or "near" is a place; an all-capitals word is an acronym; other names of two or more words are people; the rest are "other".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["NameMention", "NamePool", "find_names", "name_kind"]

_CONNECT = r"(?:of|de|da|del|van|von|der|la|le|bin)"
_CAP = r"[A-Z][a-zA-Z'’-]*[a-z][a-zA-Z'’-]*|[A-Z]{2,5}|[A-Z]\."
_NAME = re.compile(rf"\b(?:{_CAP})(?:\s+(?:{_CONNECT}\s+)?(?:{_CAP}))*")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _words(
    """The A An In On At He She It They We I You This That These Those There His Her Their Its Our My Your
    As After Before During For From By With And But Or If When While Some Many Most All No Not Yes One Two
    Three Also However Although Since Because What Who Where Which How Why Then Thus So To Of Is Are Was
    Were Be Been Has Have Had Do Does Did Can Could Will Would Should May Might Must Mr Mrs Ms Dr According
    Both Each Every Several Few Other Another Such Only Even Just Here Now Today Yesterday Tomorrow
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December"""
)
ORG_WORDS = _words(
    """University College Institute Company Corporation Corp Inc Ltd Party Council Association Society
    Foundation Bank Agency Department Ministry Organization Organisation Group Club Records Press Church Army
    Navy Committee Commission Union League Airlines Museum School Hospital Court Senate Parliament Congress
    Network Studios Entertainment Pictures Federation Authority Board Office Service Services"""
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“]\s*)$")
_PLACE_CUE = re.compile(r"\b(?:in|at|from|near|to)\s+(?:the\s+)?$")


@dataclass(frozen=True)
class NameMention:
    start: int
    end: int
    text: str


def find_names(text: str) -> list[NameMention]:
    """Capitalised word runs in `text` ("Tom Barman", "University of Oxford"), stop words at the ends dropped."""
    out = []
    for m in _NAME.finditer(text):
        words = [(w.start() + m.start(), w.end() + m.start(), w.group()) for w in re.finditer(r"\S+", m.group())]
        while words and words[0][2] in _STOP:
            words = words[1:]
        while words and (words[-1][2] in _STOP or words[-1][2].islower()):
            words = words[:-1]
        if words:
            start, end = words[0][0], words[-1][1]
            out.append(NameMention(start, end, text[start:end]))
    return out


def name_kind(name: str, seen_as_place: bool = False) -> str:
    """ "org", "acronym", "place", "person" or "other" by the rule in the module docstring."""
    words = name.split()
    if any(w in ORG_WORDS for w in words):
        return "org"
    if name.isupper():
        return "acronym"
    if seen_as_place:
        return "place"
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        return "person"
    return "other"


@dataclass
class NamePool:
    """Names by kind, in first-seen order (so a seeded choice is the same on every run)."""

    by_kind: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # (kind, words) → names
    kinds: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> NamePool:
        places: set[str] = set()
        order: dict[str, None] = {}
        for text in texts:
            for n in find_names(text):
                if " " not in n.text and _SENTENCE_START.search(text[max(0, n.start - 3) : n.start]):
                    continue  # a capitalised first word is as often a plain word as a name
                order.setdefault(n.text)
                if n.text not in places and _PLACE_CUE.search(text[max(0, n.start - 12) : n.start]):
                    places.add(n.text)
        pool = cls()
        for name in order:
            kind = name_kind(name, name in places)
            pool.kinds[name] = kind
            pool.by_kind.setdefault((kind, len(name.split())), []).append(name)
        return pool

    def kind_of(self, name: str) -> str:
        return self.kinds.get(name) or name_kind(name)

    def similar(self, name: str, kind: str) -> list[str]:
        """Names of the same kind and the same number of words (`name` itself among them when known)."""
        return self.by_kind.get((kind, len(name.split())), [])
