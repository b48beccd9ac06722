"""Finding source files and reading their bytes safely: existence, size, binary and encoding checks."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from corroborate.errors import BinaryInput, EmptyInput, EncodingError, FileTooLarge, InputError

__all__ = ["SUPPORTED_SUFFIXES", "decode", "discover", "read_bytes", "resolve"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".jsonl")


def discover(paths: Iterable[str | Path], on_skip: Callable[[Path, str], None] | None = None) -> Iterator[Path]:
    """Yield the files named by `paths`, walking folders recursively in sorted order.

    Hidden files and folders (".git", ".DS_Store") are skipped inside folders; a missing path raises
    `InputError` naming it. Files of other types inside folders are yielded too, so the caller can
    report them as unsupported rather than silently ignore them.

    Inside a folder, a link to a file outside that folder is not followed, and linked folders are
    not entered: a folder unpacked from elsewhere must not pull in files it only points to (a link
    to `~/.ssh`), and a linked folder could loop. Each is passed to `on_skip` with the reason. A
    path named directly is followed wherever it leads: the user chose it. Broken and looping links
    are yielded, so the caller reports them as failed files.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            if path.is_symlink():
                raise InputError(_BAD_LINK, path)
            raise InputError("no such file or folder; check the path", path)
        if not path.is_dir():
            yield path
            continue
        top = path.resolve()
        for root, dirs, files in os.walk(path):
            for name in sorted(d for d in dirs if not d.startswith(".") and os.path.islink(os.path.join(root, d))):
                _skip(on_skip, Path(root) / name, _LINKED_FOLDER)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                entry = Path(root) / name
                if name.startswith("."):
                    continue
                if entry.is_symlink() and _leads_outside(entry, top):
                    _skip(on_skip, entry, _OUTSIDE_LINK)
                    continue
                yield entry


_BAD_LINK = "a broken symbolic link, or one that loops back on itself; fix or remove the link"
_LINKED_FOLDER = "a link to a folder: linked folders are not followed; give the folder itself to index it"
_OUTSIDE_LINK = "a link to a file outside this folder: not followed; give the file itself to index it"


def _skip(on_skip: Callable[[Path, str], None] | None, path: Path, reason: str) -> None:
    if on_skip is not None:
        on_skip(path, reason)


def _leads_outside(link: Path, top: Path) -> bool:
    try:
        return not link.resolve(strict=True).is_relative_to(top)
    except (OSError, RuntimeError):  # broken or looping: yielded, and reported when read
        return False


def resolve(path: Path) -> Path:
    """The real path of a source file, refusing broken and looping links with an `InputError`."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: pathlib's "Symlink loop" (Python 3.11)
        if path.is_symlink():
            raise InputError(_BAD_LINK, path) from exc
        raise InputError("no such file or folder; check the path", path) from exc


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
            f"file is {_size_above(size, max_bytes)}; split it into smaller files or raise the limit with "
            "--max-file-mb",
            path,
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror}); check the path and its permissions", path) from exc
    return data


def _size_above(size: int, limit: int) -> str:
    """`size` against `limit`, precise enough to read as above it: megabytes to one decimal, or bytes where
    those would round to the limit itself ("20,000,001 bytes", never "20.0 MB, above the 20 MB limit")."""
    if round(size / 1e6, 1) > limit / 1e6:
        return f"{size / 1e6:.1f} MB, above the {limit / 1e6:g} MB limit"
    return f"{size:,} bytes, above the {limit / 1e6:g} MB limit ({limit:,} bytes)"


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Decode text strictly: UTF-8 (BOM optional) or UTF-16 with a BOM, or the given encoding.

    Guessing an encoding would silently corrupt names and figures, so undecodable bytes are an error.
    """
    if encoding is None and b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if utf16 := _bomless_utf16(data[:8192]):
            raise EncodingError(
                f"looks like {utf16.upper()} text without a byte-order mark; convert it to UTF-8 (for example "
                f"`iconv -f {utf16} -t utf-8`) or name its encoding with --encoding {utf16}",
                path,
            )
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
    nul = text.find("\x00")
    if nul >= 0:  # past the sampled start: a damaged or partly binary file; NUL is never text
        raise BinaryInput(
            f"holds a NUL byte at character {nul}, so it is binary or damaged, not text; "
            "remove the NUL bytes (for example `tr -d '\\000'`) or give the text as a .txt, .md, .html or .jsonl file",
            path,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bomless_utf16(sample: bytes) -> str | None:
    """ "utf-16le" or "utf-16be" when `sample` reads as UTF-16 text without a byte-order mark, else None.

    Text in a Latin script has a NUL in every other byte as UTF-16; a binary file rarely does, and
    never decodes to text that is nearly all letters, spaces and punctuation.
    """
    even = sample[: len(sample) // 2 * 2]
    for name, zeros in (("utf-16le", even[1::2]), ("utf-16be", even[0::2])):
        if len(zeros) >= 8 and zeros.count(0) >= 0.9 * len(zeros):
            text = even.decode(name, errors="replace")
            words = " " in text or "\n" in text  # text has words; a run of bytes that happens to decode has none
            if words and sum(ch.isprintable() or ch in "\n\r\t" for ch in text) >= 0.95 * len(text):
                return name
    return None


def _control_share(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return control / len(sample)
