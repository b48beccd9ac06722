"""Which names are countries: "the country" of an article is one, "the city" never is."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "countries.txt"


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    lines = _COUNTRIES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_country(name: str) -> bool:
    """A country's name as news writes it ("Syria", "the U.S.", "North Korea")."""
    return re.sub(r"^the ", "", name.strip().lower()) in _countries()
