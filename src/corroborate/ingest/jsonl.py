"""JSON Lines sources: one document per line with `id`, `title`, `text`, optional `url` and `date`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corroborate.errors import MalformedInput

__all__ = ["parse_jsonl"]

_FIELDS = ("id", "title", "text", "url", "date")
# JSON escapes can spell what no text file holds: NUL (which SQLite's text functions stop at) and
# half of a UTF-16 surrogate pair (which cannot be encoded as UTF-8, so it could not be stored).
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
_SHAPE = 'each line must be one JSON object such as {"id": "a1", "title": "…", "text": "…"}'


def parse_jsonl(text: str, path: Path) -> Iterator[dict[str, str | None]]:
    """Yield one dict per line (blank lines skipped).

    The whole file is refused on the first bad line, naming it and saying how to fix it, so a
    library never holds half a file.
    """
    seen: set[str] = set()
    count = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        row = _load(line, number, path)
        doc_id = _check_row(row, number, path)
        if doc_id in seen:
            raise MalformedInput(
                f"line {number}: id {doc_id[:80]!r} appears twice in this file; give each line its own id", path
            )
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
        raise MalformedInput("no documents in this JSONL file (only blank lines); add one JSON object per line", path)


def _refuse_constant(name: str) -> None:
    # json accepts NaN and Infinity, which are not JSON and cannot be a document's field.
    raise ValueError(f"{name} is not valid JSON")


def _load(line: str, number: int, path: Path) -> Any:
    """One line's JSON value; a hostile line (nested past the recursion limit, a number of thousands of
    digits, NaN) is refused like any other malformed line rather than crashing the run."""
    fix = "fix or remove that line"
    try:
        return json.loads(line, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"line {number}: not valid JSON ({exc.msg}); {fix}", path) from exc
    except RecursionError as exc:
        raise MalformedInput(f"line {number}: JSON nested too deeply to read; {fix}", path) from exc
    except ValueError as exc:  # int-string conversion limit, NaN/Infinity
        reason = str(exc).split(";")[0]
        raise MalformedInput(f"line {number}: unreadable JSON value ({reason}); {fix}", path) from exc


def _check_row(row: Any, number: int, path: Path) -> str:
    """Validate one line's object; returns its id."""
    if not isinstance(row, dict):
        found = _kind(row)
        raise MalformedInput(f"line {number}: found {found} where a JSON object belongs; {_SHAPE}", path)
    for key in ("id", "text"):
        if key not in row or row[key] in (None, ""):
            raise MalformedInput(
                f'line {number}: missing required field {key!r}; every line needs "id" and "text" '
                "(add it, or remove that line)",
                path,
            )
    for key in _FIELDS:
        value = row.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
            raise MalformedInput(
                f"line {number}: field {key!r} must be a string, found {_kind(value)}; write it as a string "
                + ('such as "2026-03-17"' if key == "date" else "in quotes"),
                path,
            )
        if isinstance(value, str) and (bad := _NOT_TEXT.search(value)):
            raise MalformedInput(f"line {number}: field {key!r} {_not_text(bad.group())}", path)
    return str(row["id"])


def _not_text(char: str) -> str:
    if char == "\x00":
        return "holds a NUL character (\\u0000), which is never text; remove it from that line"
    return (
        f"holds \\u{ord(char):04x}, half of a UTF-16 surrogate pair and not a character; write the character "
        "itself (or both escapes of its pair), or remove that line"
    )


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "true/false", float: "a number"}
    return names.get(type(value), "a number" if isinstance(value, int) else "null")
