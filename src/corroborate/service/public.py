"""What the service shows of the server's file system: nothing absolute.

Sources indexed from the command line keep the path they were given as their origin, often an
absolute one (`/home/alice/sources/statement.txt`), and a report names the library folder and the
verifier's model folder. Through the service such a path becomes its file name: a client learns which
file a sentence came from, never where the server keeps it. A relative path stays as the operator
typed it unless it climbs out with `..`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

__all__ = ["public_origin", "public_report", "scrub_paths"]

_ABSOLUTE = re.compile(r"^(?:[/\\~]|[A-Za-z]:[/\\]|file:)")
_PATH_KEYS = ("origin",)


def _is_server_path(path: str) -> bool:
    return bool(_ABSOLUTE.match(path)) or ".." in re.split(r"[/\\]", path)


def _file_name(path: str) -> str:
    return re.split(r"[/\\]", path.rstrip("/\\"))[-1] or path


def public_origin(origin: str) -> str:
    """`origin` as a client may see it: an absolute (or `..`) path shortened to its file name.

    A JSONL document's origin is `path#id`; the `#id` stays.
    """
    path, sep, fragment = origin.partition("#")
    if not _is_server_path(path):
        return origin
    return f"{_file_name(path)}{sep}{fragment}"


def public_report(report: dict[str, Any]) -> dict[str, Any]:
    """A copy of a JSON report with every origin made public and no absolute path in `library` or
    `settings` (the library folder and the model folder are named by their last component)."""
    out = _walk(report)
    for section in ("library", "settings"):
        values = out.get(section)
        if isinstance(values, dict):
            out[section] = {
                k: _file_name(v) if isinstance(v, str) and _is_server_path(v) else v for k, v in values.items()
            }
    return out


def _walk(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: public_origin(v) if k in _PATH_KEYS and isinstance(v, str) else _walk(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v) for v in value]
    return value


def scrub_paths(message: str, *folders: Path) -> str:
    """`message` with each of `folders` (as given and resolved) replaced by its folder name."""
    for folder in folders:
        for form in sorted({str(folder.resolve()), str(folder)}, key=len, reverse=True):
            if len(form) > 1 and form in message:
                message = message.replace(form, folder.name or "the folder")
    return message
