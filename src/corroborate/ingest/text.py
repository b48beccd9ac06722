"""Plain text and Markdown sources."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["parse_markdown", "parse_text"]

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_CODE_FENCE = re.compile(r"^```.*?^```\s*$", re.MULTILINE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]+>")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_QUOTE_MARK = re.compile(r"^\s*>\s?", re.MULTILINE)


def parse_text(text: str, path: Path) -> tuple[str, str, str | None]:
    """Return (title, text, date): the title is the first line when it is short, else the file name."""
    first = text.strip().split("\n", 1)[0].strip()
    title = first if 0 < len(first) <= 120 else path.stem
    return title, text.strip(), None


def parse_markdown(text: str, path: Path) -> tuple[str, str, str | None]:
    """Return (title, plain text, date) of a Markdown file.

    Markup is removed so the verifier sees prose; headings become blocks of their own so a heading
    never fuses with the sentence under it. YAML front matter may give `title:` and `date:`.
    """
    title: str | None = None
    date: str | None = None
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            value = value.strip().strip("\"'")
            if key.strip() == "title" and value:
                title = value
            elif key.strip() == "date" and value:
                date = value[:10]
        text = text[front.end() :]
    text = _CODE_FENCE.sub("", text)
    heading = _HEADING.search(text)
    if title is None and heading:
        title = heading.group(2)
    text = _HEADING.sub(lambda m: f"\n{m.group(2)}\n", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _HTML_TAG.sub("", text)
    text = _LIST_MARK.sub("", text)
    text = _QUOTE_MARK.sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return title or path.stem, text, date
