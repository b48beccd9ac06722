"""JSON Lines sources: one document per line with `id`, `title`, `text`, optional `url` and `date`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from corroborate.errors import MalformedInput

__all__ = ["parse_jsonl"]


def parse_jsonl(text: str, path: Path) -> Iterator[dict[str, str | None]]:
    """Yield one dict per line (blank lines skipped).

    The whole file is refused on the first bad line, naming it, so a library never holds half a file.
    """
    seen: set[str] = set()
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MalformedInput(f"line {number}: not valid JSON ({exc.msg}); fix or remove that line", path) from exc
        if not isinstance(row, dict):
            raise MalformedInput(f"line {number}: expected a JSON object with id, title and text", path)
        for key in ("id", "text"):
            if key not in row or row[key] in (None, ""):
                raise MalformedInput(f"line {number}: missing required field {key!r}", path)
        for key in ("id", "title", "text", "url", "date"):
            if key in row and row[key] is not None and not isinstance(row[key], (str, int)):
                raise MalformedInput(f"line {number}: field {key!r} must be a string", path)
        doc_id = str(row["id"])
        if doc_id in seen:
            raise MalformedInput(f"line {number}: id {doc_id!r} appears twice in this file", path)
        seen.add(doc_id)
        count += 1
        yield {
            "id": doc_id,
            "title": str(row.get("title") or doc_id),
            "text": str(row["text"]).strip(),
            "url": row.get("url"),
            "date": str(row["date"])[:10] if row.get("date") else None,
            "line": str(number),
        }
    if count == 0:
        raise MalformedInput("no documents in this JSONL file (only blank lines)", path)
