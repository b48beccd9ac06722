"""What a name is, by the word alone: a country's ("the country" of an article is one, "the city" never
is), or a rank or office written before a person's name ("Corporal Nathan Cirillo", "Air Chief Marshal
Alex Badeh"), which is no part of the name, or a legislator's party and state set beside it ("Sen. Kelly
Ayotte, R-N.H.,"), which is neither a name nor a role."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "countries.txt"
# "R-N.H.", "D-Calif.", "I-Vt.": a legislator's party and state.
_PARTY_LABEL = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{0,12}$")

# Ranks and offices written before a name, in full or cut short with a full stop ("Cpl.", "Sgt.").
_TITLES_BEFORE_NAMES = {"corporal", "cpl", "sergeant", "sgt", "captain", "capt", "lieutenant", "lt", "colonel", "col",
                        "general", "gen", "major", "maj", "private", "pvt", "pte", "marshal", "brigadier", "brig",
                        "admiral", "adm", "commander", "cmdr", "officer", "president", "senator", "sen", "governor",
                        "gov", "mayor", "minister", "judge", "detective", "det", "constable", "inspector", "insp",
                        "superintendent", "supt", "chief"}  # fmt: skip


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    lines = _COUNTRIES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_country(name: str) -> bool:
    """A country's name as news writes it ("Syria", "the U.S.", "North Korea")."""
    return re.sub(r"^the ", "", name.strip().lower()) in _countries()


def is_title_before_name(word: str) -> bool:
    """A rank or office written before a person's name ("Corporal", "Cpl.", "Marshal", "Senator")."""
    return word.lower().rstrip(".") in _TITLES_BEFORE_NAMES


def is_party_label(text: str) -> bool:
    """A legislator's party and state, as US news sets it beside a name ("R-N.H.", "D-Calif.")."""
    return _PARTY_LABEL.match(text.replace(" ", "")) is not None
