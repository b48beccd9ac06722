"""Finding source files and reading their bytes safely: existence, size, binary and encoding checks."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from corroborate.errors import BinaryInput, EmptyInput, EncodingError, FileTooLarge, InputError

__all__ = ["SUPPORTED_SUFFIXES", "decode", "discover", "read_bytes"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".jsonl")


def discover(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield the files named by `paths`, walking folders recursively in sorted order.

    Hidden files and folders (".git", ".DS_Store") are skipped inside folders; a missing path raises
    `InputError` naming it. Files of other types inside folders are yielded too, so the caller can
    report them as unsupported rather than silently ignore them.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError("no such file or folder; check the path", path)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a whole file, refusing empty, oversized and binary files with a message saying what to do."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror}); check the path and its permissions", path) from exc
    if size == 0:
        raise EmptyInput("file is empty; nothing to index", path)
    if size > max_bytes:
        raise FileTooLarge(
            f"file is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:g} MB limit; "
            "split it into smaller files or raise the limit with --max-file-mb",
            path,
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror}); check the path and its permissions", path) from exc
    return data


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Decode text strictly: UTF-8 (BOM optional) or UTF-16 with a BOM, or the given encoding.

    Guessing an encoding would silently corrupt names and figures, so undecodable bytes are an error.
    """
    if encoding is None and b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BinaryInput("looks like a binary file, not text; give a .txt, .md, .html, .pdf or .jsonl file", path)
    if encoding is None:
        encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not valid {encoding.replace('-sig', '')} text (byte {exc.start}); convert it to UTF-8 "
            "(for example `iconv -f latin1 -t utf-8`) or name its encoding with --encoding",
            path,
        ) from exc
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}; use a Python codec name such as latin-1", path) from exc
    if _control_share(text) > 0.05:
        raise BinaryInput("looks like a binary file, not text; give a .txt, .md, .html, .pdf or .jsonl file", path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_share(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return control / len(sample)
