"""Ingest: source files (txt, md, html, pdf, jsonl) → `Document` records with stable ids.

A document's id is derived from the SHA-256 of its stored text, so the same text always gets the same
id, whichever file or run it came from.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from corroborate.errors import EmptyInput, MalformedInput, UnsupportedFormat
from corroborate.ingest.files import SUPPORTED_SUFFIXES, decode, discover, read_bytes
from corroborate.ingest.html import parse_html
from corroborate.ingest.jsonl import parse_jsonl
from corroborate.ingest.pdf import parse_pdf
from corroborate.ingest.text import parse_markdown, parse_text
from corroborate.records import Document

__all__ = ["SUPPORTED_SUFFIXES", "discover", "file_hash", "make_document", "read_documents"]


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_document(
    text: str, title: str, origin: str, fmt: str, date: str | None = None, url: str | None = None
) -> Document:
    """Build a `Document` whose id is derived from its text."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(
        id="d" + digest[:15],
        title=title.strip()[:300] or origin,
        origin=origin,
        text=text,
        content_hash=digest,
        format=fmt,
        date=date,
        url=url,
    )


def read_documents(path: Path, max_bytes: int, encoding: str | None = None) -> tuple[str, list[Document]]:
    """Read one file into documents; returns (the file's SHA-256, documents).

    Raises an `InputError` subclass naming the file when it cannot be used.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormat(
            f"unsupported file type {suffix or '(no extension)'!r}; corroborate reads "
            + ", ".join(SUPPORTED_SUFFIXES)
            + " (convert the file, or rename plain text to .txt)",
            path,
        )
    data = read_bytes(path, max_bytes)
    digest = file_hash(data)
    origin = str(path)
    if suffix == ".pdf":
        title, text, date = parse_pdf(data, path)
        return digest, [make_document(text, title, origin, "pdf", date)]
    text = decode(data, path, encoding)
    if not text.strip():
        raise EmptyInput("file holds only white space; nothing to index", path)
    if suffix == ".jsonl":
        docs = []
        for row in parse_jsonl(text, path):
            if not row["text"]:
                raise MalformedInput(
                    f"line {row['line']}: field 'text' is empty (white space only); add the text or remove that line",
                    path,
                )
            docs.append(
                make_document(
                    row["text"] or "", row["title"] or "", f"{origin}#{row['id']}", "jsonl", row["date"], row["url"]
                )
            )
        return digest, docs
    if suffix in (".html", ".htm"):
        title, body, date = parse_html(text, path)
        return digest, [make_document(body, title, origin, "html", date)]
    if suffix in (".md", ".markdown"):
        title, body, date = parse_markdown(text, path)
        if not re.search(r"\w", body):  # rules and bullets left over from markup are not text
            raise EmptyInput(
                "no text left after removing Markdown markup and front matter; add the article's text below "
                "the front matter, or leave the file out",
                path,
            )
        return digest, [make_document(body, title, origin, "md", date)]
    title, body, date = parse_text(text, path)
    return digest, [make_document(body, title, origin, "txt", date)]
