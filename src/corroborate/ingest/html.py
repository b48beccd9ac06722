"""HTML sources: the main text only, without menus, footers and scripts (trafilatura)."""

from __future__ import annotations

import re
from pathlib import Path

from corroborate.errors import MalformedInput

__all__ = ["parse_html"]


def parse_html(text: str, path: Path) -> tuple[str, str, str | None]:
    """Return (title, main text, date). Paragraphs are separated by blank lines.

    Raises `MalformedInput` when no main text can be found (a broken page, or one that is all
    navigation or script).
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            # Menus, asides and footers are never evidence; without pruning, recall mode falls back
            # to them on a page with no article.
            prune_xpath=["//nav", "//footer", "//aside", "//*[@role='navigation']"],
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise MalformedInput(f"cannot parse HTML ({exc}); check the file is a web page", path) from exc
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(re.findall(r"\w+", body)) < 5:
        raise MalformedInput(
            "no main text found in this HTML (broken markup, or only menus and scripts); "
            "save the article's text as .txt or .md instead",
            path,
        )
    title = (getattr(doc, "title", None) or "").strip() or path.stem
    date = getattr(doc, "date", None)
    body = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
    return title, body, date
