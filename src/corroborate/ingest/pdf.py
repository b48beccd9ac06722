"""PDF sources: the text layer (pypdf). Scanned PDFs without one must go through OCR first."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from corroborate.errors import MalformedInput

__all__ = ["parse_pdf"]


def parse_pdf(data: bytes, path: Path) -> tuple[str, str, str | None]:
    """Return (title, text, date) from a PDF's text layer, pages separated by blank lines."""
    import pypdf

    # pypdf logs its own warnings ("EOF marker not found") about damaged files; our error says it all.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except Exception as exc:  # pypdf raises many types on damaged files
        raise MalformedInput(f"cannot read this PDF ({exc}); check the file opens in a PDF viewer", path) from exc
    finally:
        pypdf_log.setLevel(level)
    paragraphs = []
    for page in pages:
        # pypdf ends every visual line with a newline; a paragraph break is a line ending a sentence
        # followed by one starting a new one, which we cannot see, so lines are joined per page.
        page = re.sub(r"-\n(?=[a-z])", "", page)
        page = re.sub(r"[ \t]*\n[ \t]*", " ", page).strip()
        if page:
            paragraphs.append(page)
    text = "\n\n".join(paragraphs)
    if len(re.findall(r"\w", text)) < 20:
        raise MalformedInput(
            "this PDF has no text layer (a scan?); run OCR on it first (for example `ocrmypdf in.pdf out.pdf`)",
            path,
        )
    title = (getattr(meta, "title", None) or "").strip() if meta else ""
    date = None
    if meta is not None and getattr(meta, "creation_date", None) is not None:
        try:
            date = meta.creation_date.date().isoformat()
        except Exception:  # a malformed date in metadata is not worth refusing the file
            date = None
    return title or path.stem, text, date
