"""Single quotation marks used as quotation marks ("'We found him,' she said.", British style) become
double ones before parsing, so quotations are found whatever the house style.

An apostrophe is never touched: only a mark that opens a quotation (at the start of a sentence or
after "said:", before a capital) or closes one (after a full stop, comma, question or exclamation
mark, at a word's end). An article is read this way only when it opens at least one quotation so;
a mark is replaced by one of the same length, so every offset into the text stays right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["double_quotes"]

_OPENING = re.compile(r"(?:(?<=^)|(?<=^\s)|(?<=:\s)|(?<=,\s)|(?<=\(\s))['‘](?=[A-Z0-9])")
_CLOSING = re.compile(r"(?<=[.,!?])['’](?=\s|$|\))")


def double_quotes(texts: Sequence[str]) -> list[str]:
    """The sentences of one article with their single quotation marks made double."""
    if not any(_OPENING.search(text) for text in texts):
        return list(texts)
    out = []
    for text in texts:
        text = _OPENING.sub(lambda m: "“" if m.group(0) == "‘" else '"', text)
        text = _CLOSING.sub(lambda m: "”" if m.group(0) == "’" else '"', text)
        out.append(text)
    return out
