"""Make the hostile corpus of issue 16: source files and library states a careless or hostile user gives.

The corpus is made at test time into a temporary folder (nothing generated is committed) by
`make_files` and `make_library_state`; `tests/test_hostile_corpus.py` runs each through `corroborate
index add`, `corroborate check` and the web service. Run it by hand to look at the files:

    python tests/hostile/make_corpus.py OUT_FOLDER

Each case says what must happen to it:
- `fail`: the run exits 1 and stderr names the file with the reason and what to do (`says`), the
  library's logical content is unchanged;
- `ok`: indexed, and none of `absent` (script text, navigation) reaches the library;
- `skip`: inside a folder, not followed, with a note saying why (exit 0).
"""

from __future__ import annotations

import codecs
import json
import os
import sqlite3
import sys
import zlib
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FILES", "LIBRARY_STATES", "BrokenLibrary", "Hostile", "make_files", "make_library_state"]

DB_NAME = "corroborate.sqlite"
# The default --max-file-mb (20): a file one byte larger is refused, not truncated.
MAX_BYTES = 20_000_000
SENTENCE = "The Kessel ferry carried 412 passengers across the Ostra estuary on 3 May 2025."

BINARY = "binary file, not text"
ENCODING = ("not valid utf-8", "--encoding")
EMPTY = ("nothing to index",)
JSONL_FIX = "fix or remove that line"


@dataclass(frozen=True)
class Hostile:
    """One hostile source: `path` (a file, a link or a folder) relative to the corpus folder."""

    name: str
    path: str
    content: bytes | None  # None: made by a special step (links, FIFOs, folders)
    outcome: str = "fail"
    says: tuple[str, ...] = ()
    # `corroborate check` and POST /v1/checks apply (an article type, a file a client could send)
    article: bool = False
    # POST /v1/sources applies (a regular file a client could upload)
    upload: bool = True
    absent: tuple[str, ...] = ()


def _jsonl(*lines: str) -> bytes:
    return ("".join(line + "\n" for line in lines)).encode("utf-8")


_OK = json.dumps({"id": "k1", "title": "Kessel ferry", "text": SENTENCE})


def _html(body: str, head: str = "") -> bytes:
    return f"<!doctype html><html><head><title>Kessel</title>{head}</head><body>{body}</body></html>".encode()


def _pdf(pages: list[str | None]) -> bytes:
    """A small, valid PDF: one page per entry, with a text layer (a string) or only a drawn box (None)."""
    objects: list[bytes] = []
    kids = []
    font = 3 + 2 * len(pages)
    for i, text in enumerate(pages):
        page, content = 3 + 2 * i, 4 + 2 * i
        kids.append(f"{page} 0 R")
        if text is None:
            stream = b"0.5 g 72 600 200 100 re f"
        else:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            stream = f"BT /F1 11 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        packed = zlib.compress(stream)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode(),
    ]
    objects = head + objects + [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_GOOD_PDF = _pdf([SENTENCE, "The ferry returned to Kessel harbour the same evening with 398 passengers."])
_LONG_TEXT = ("The gauge at Vellmar bridge read seven metres. " * 400).encode()

FILES: list[Hostile] = [
    # -- plain text: empty, binary, NUL, size, encodings ---------------------------------------------------
    Hostile("empty", "empty.txt", b"", says=("file is empty", *EMPTY), article=True),
    Hostile("whitespace-only", "blank.txt", b"  \n\t\n \r\n", says=("white space", *EMPTY), article=True),
    Hostile("bom-only", "bom-only.txt", codecs.BOM_UTF8, says=("white space", *EMPTY), article=True),
    Hostile(
        "random-binary",
        "random.txt",
        bytes((i * 73 + 41) % 256 for i in range(4096)),
        says=(BINARY, "give a .txt"),
        article=True,
    ),
    Hostile(
        "png-as-txt", "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), says=(BINARY,), article=True
    ),
    Hostile("nul-at-start", "nul-start.txt", b"\x00" + SENTENCE.encode(), says=(BINARY,), article=True),
    Hostile(
        "nul-after-8kib",
        "nul-late.txt",
        _LONG_TEXT[:9000] + b"\x00tail",
        says=("NUL byte", "remove the NUL bytes"),
        article=True,
    ),
    Hostile("control-characters", "controls.txt", bytes(range(1, 32)) * 40, says=(BINARY,), article=True),
    # One byte over: the size is given in bytes, as "20.0 MB, above the 20 MB limit" would read as a contradiction.
    Hostile(
        "over-size-limit",
        "huge.txt",
        None,
        says=("20,000,001 bytes, above the 20 MB limit (20,000,000 bytes)", "--max-file-mb"),
        article=True,
    ),
    Hostile(
        "latin-1",
        "latin1.txt",
        "Café Müller in Kessel sold 412 crêpes for 5 £.".encode("latin-1"),
        says=ENCODING,
        article=True,
    ),
    Hostile(
        "cp1252-quotes",
        "cp1252.txt",
        "\u201cThe ferry\u201d carried 412 passengers \u2013 on time.".encode("cp1252"),
        says=ENCODING,
        article=True,
    ),
    Hostile(
        "utf-16-without-bom",
        "utf16-nobom.txt",
        SENTENCE.encode("utf-16-le"),
        says=("UTF-16LE", "without a byte-order mark", "--encoding utf-16le"),
        article=True,
    ),
    Hostile(
        "utf-16-be-without-bom",
        "utf16be-nobom.txt",
        SENTENCE.encode("utf-16-be"),
        says=("UTF-16BE", "--encoding utf-16be"),
        article=True,
    ),
    Hostile("truncated-utf-8", "cut-utf8.txt", SENTENCE.encode() + "€".encode()[:2], says=ENCODING, article=True),
    Hostile(
        "overlong-utf-8", "overlong.txt", b"The slash \xc0\xaf is overlong in Kessel.", says=ENCODING, article=True
    ),
    Hostile(
        "utf-8-surrogate", "surrogate.txt", b"A lone surrogate \xed\xa0\x80 in Kessel.", says=ENCODING, article=True
    ),
    Hostile(
        "utf-16-with-bom",
        "utf16-bom.txt",
        codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"),
        outcome="ok",
        article=True,
    ),
    Hostile(
        "crlf-and-cr", "crlf.txt", b"Kessel ferry\r\n\r\nThe ferry ran 412 times.\rIt was on time.\r\n", outcome="ok"
    ),
    Hostile("one-2-mb-line", "long-line.txt", b"x" * 2_000_000, outcome="ok"),
    Hostile("two-mb-of-words", "long-words.txt", b"word " * 400_000, outcome="ok", article=True),
    Hostile(
        "zero-width-and-rtl",
        "unicode.txt",
        "Kessel\u200b ferry \u202eseireg\u202c carried 412 people. \U0001f6a2".encode(),
        outcome="ok",
    ),
    Hostile("no-extension", "README", SENTENCE.encode(), says=("unsupported file type", "rename plain text to .txt")),
    Hostile("word-document", "report.docx", b"PK\x03\x04" + bytes(100), says=("unsupported file type", ".docx")),
    Hostile("upper-case-suffix", "LOUD.TXT", b"THE KESSEL FERRY CARRIED 412 PASSENGERS.", outcome="ok"),
    # -- Markdown ------------------------------------------------------------------------------------------
    Hostile(
        "front-matter-only",
        "front.md",
        b"---\ntitle: Draft\ndate: 2026-01-02\n---\n",
        says=("front matter", "add the article's text"),
        article=True,
    ),
    Hostile(
        "markup-only",
        "markup.md",
        b"# \n\n---\n\n***\n\n```\nprint('x')\n```\n",
        says=("no text left", "add the article's text"),
        article=True,
    ),
    Hostile("unclosed-front-matter", "unclosed.md", f"---\ntitle: Kessel\n\n{SENTENCE}\n".encode(), outcome="ok"),
    Hostile("markdown-binary", "binary.md", b"# Title\n\x00\x01\x02\x03" * 500, says=(BINARY,), article=True),
    # -- HTML ----------------------------------------------------------------------------------------------
    Hostile(
        "html-scripts-only",
        "scripts.html",
        _html("<script>document.write('The Kessel ferry carried 412 passengers across the estuary.')</script>" * 3),
        says=("no main text", "save the article's text"),
        article=True,
    ),
    Hostile(
        "html-iframes-only",
        "iframes.html",
        _html('<iframe src="https://example.org/a"></iframe>' * 5),
        says=("no main text",),
        article=True,
    ),
    Hostile("html-empty-body", "empty-body.html", _html(""), says=("no main text",), article=True),
    Hostile(
        "html-navigation-only",
        "nav.html",
        _html(
            "<nav><a href='/'>Home</a> <a href='/news'>News about the Kessel ferry and harbour</a></nav><footer>Copyright Kessel Harbour Authority 2026</footer>"
        ),
        says=("no main text",),
        article=True,
    ),
    Hostile(
        "html-comments-only",
        "comments.html",
        _html("<!-- The Kessel ferry carried 412 passengers across the estuary. -->"),
        says=("no main text",),
        article=True,
    ),
    Hostile(
        "html-garbage-markup",
        "garbage.html",
        b"<<<<>>>><div<p <<script <html><<<" * 50,
        says=("no main text",),
        article=True,
    ),
    Hostile(
        "html-100k-nesting",
        "deep.html",
        _html("<div>" * 100_000 + f"<p>{SENTENCE}</p>" + "</div>" * 100_000),
        says=("no main text",),
        article=True,
    ),
    Hostile(
        "html-entity-bomb",
        "entities.html",
        b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>&c;&c;&c;&c;</p></body></html>',
        says=("no main text",),
        article=True,
    ),
    Hostile(
        "html-scripts-around-an-article",
        "article.html",
        _html(
            "<nav><a href='/'>Home</a></nav><script>var leaked = 'SCRIPT-SECRET-7731';</script>"
            f"<article><h1>Kessel ferry</h1><p>{SENTENCE}</p><p>The harbour master said the crossing took 41 minutes.</p></article>"
            "<iframe src='https://example.org/ad'></iframe><style>.x{content:'STYLE-SECRET-0042'}</style>",
        ),
        outcome="ok",
        article=True,
        absent=("SCRIPT-SECRET-7731", "STYLE-SECRET-0042"),
    ),
    Hostile(
        "html-that-is-binary",
        "binary.html",
        b"<html>\x00\x00\x00\x00" + bytes(range(256)) * 8,
        says=(BINARY,),
        article=True,
    ),
    # -- JSONL ---------------------------------------------------------------------------------------------
    Hostile(
        "jsonl-nested-100k",
        "nested.jsonl",
        _jsonl(_OK, '{"id": "x", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        says=("line 2", "nested too deeply", JSONL_FIX),
    ),
    Hostile(
        "jsonl-5000-digit-id",
        "huge-int.jsonl",
        _jsonl(_OK, '{"id": ' + "7" * 5000 + ', "text": "A text."}'),
        says=("line 2", "digits", JSONL_FIX),
    ),
    Hostile(
        "jsonl-nan",
        "nan.jsonl",
        _jsonl(_OK, '{"id": "x", "text": "A text.", "score": NaN}'),
        says=("line 2", "NaN", JSONL_FIX),
    ),
    Hostile(
        "jsonl-infinity",
        "infinity.jsonl",
        _jsonl('{"id": "x", "text": "A text.", "score": -Infinity}'),
        says=("line 1", "Infinity", JSONL_FIX),
    ),
    Hostile(
        "jsonl-array-line",
        "array.jsonl",
        _jsonl(_OK, '["x", "A text."]'),
        says=("line 2", "an array", "one JSON object"),
    ),
    Hostile(
        "jsonl-string-line",
        "string.jsonl",
        _jsonl('"The Kessel ferry."'),
        says=("line 1", "a string", "one JSON object"),
    ),
    Hostile("jsonl-null-line", "null.jsonl", _jsonl(_OK, "null"), says=("line 2", "null", "one JSON object")),
    Hostile(
        "jsonl-text-is-a-list",
        "text-list.jsonl",
        _jsonl('{"id": "x", "text": [1, 2]}'),
        says=("line 1", "'text'", "string"),
    ),
    Hostile(
        "jsonl-text-is-1e999",
        "text-inf.jsonl",
        _jsonl('{"id": "x", "text": 1e999}'),
        says=("line 1", "'text'", "string"),
    ),
    Hostile(
        "jsonl-object-date",
        "object-date.jsonl",
        _jsonl('{"id": "x", "text": "A text.", "date": {"y": 2026}}'),
        says=("line 1", "'date'", "2026-03-17"),
    ),
    Hostile(
        "jsonl-bool-id", "bool-id.jsonl", _jsonl('{"id": true, "text": "A text."}'), says=("line 1", "'id'", "string")
    ),
    Hostile("jsonl-missing-id", "no-id.jsonl", _jsonl(_OK, '{"text": "A text."}'), says=("line 2", "'id'", "add it")),
    Hostile(
        "jsonl-missing-text",
        "no-text.jsonl",
        _jsonl('{"id": "x", "title": "Only a title"}'),
        says=("line 1", "'text'", "add it"),
    ),
    Hostile(
        "jsonl-blank-text",
        "blank-text.jsonl",
        _jsonl('{"id": "x", "text": "   "}'),
        says=("line 1", "'text'", "add the text"),
    ),
    Hostile(
        "jsonl-duplicate-id",
        "dup.jsonl",
        _jsonl(_OK, '{"id": "k1", "text": "Another text."}'),
        says=("line 2", "twice", "its own id"),
    ),
    Hostile("jsonl-blank-lines-only", "blank-lines.jsonl", b"\n   \n\t\n", says=("white space", *EMPTY)),
    Hostile(
        "jsonl-trailing-garbage",
        "trailing.jsonl",
        _jsonl(_OK + " and more"),
        says=("line 1", "not valid JSON", JSONL_FIX),
    ),
    Hostile(
        "jsonl-unterminated-3-mb-line",
        "long-line.jsonl",
        _jsonl('{"id": "x", "text": "' + "a" * 3_000_000),
        says=("line 1", "not valid JSON", JSONL_FIX),
    ),
    Hostile(
        "jsonl-nul-escape",
        "nul-escape.jsonl",
        _jsonl('{"id": "x", "text": "A NUL \\u0000 in the Kessel text."}'),
        says=("line 1", "NUL", "remove it"),
    ),
    Hostile(
        "jsonl-lone-surrogate-text",
        "surrogate-text.jsonl",
        _jsonl(_OK, '{"id": "x", "text": "Half a pair \\ud800 in Kessel."}'),
        says=("line 2", "surrogate", "remove that line"),
    ),
    Hostile(
        "jsonl-lone-surrogate-id",
        "surrogate-id.jsonl",
        _jsonl('{"id": "x\\udc00", "text": "A text about Kessel."}'),
        says=("line 1", "'id'", "surrogate"),
    ),
    Hostile("jsonl-binary", "binary.jsonl", bytes((i * 97 + 3) % 256 for i in range(3000)), says=(BINARY,)),
    Hostile(
        "jsonl-odd-but-valid",
        "odd.jsonl",
        _jsonl(
            '{"id": 12, "text": "The Kessel harbour has 14 berths.", "extra": ' + "[" * 200 + "]" * 200 + "}",
            '{"id": "../../etc/passwd#x", "text": "Kessel lies 12 km north of Vellmar.", "text": "Kessel lies 13 km north of Vellmar."}',
            '{"id": "pair", "text": "A ship \\ud83d\\udea2 left Kessel at 9:15.", "score": 1e999}',
        ),
        outcome="ok",
        absent=("12 km",),
    ),
    # -- PDF -----------------------------------------------------------------------------------------------
    Hostile("pdf-no-text-layer", "scan.pdf", _pdf([None, None]), says=("no text layer", "OCR"), article=True),
    Hostile("pdf-truncated", "truncated.pdf", _GOOD_PDF[: len(_GOOD_PDF) // 3], says=("PDF",), article=True),
    Hostile("pdf-header-only", "header.pdf", b"%PDF-1.7\n", says=("PDF",), article=True),
    Hostile("pdf-that-is-text", "text.pdf", SENTENCE.encode(), says=("PDF",), article=True),
    Hostile("pdf-no-pages", "no-pages.pdf", _pdf([]), says=("PDF",), article=True),
    Hostile("pdf-with-text", "good.pdf", _GOOD_PDF, outcome="ok"),
    # -- links, FIFOs and folders (made by `_special`) -------------------------------------------------------
    Hostile(
        "symlink-to-itself", "loop.txt", None, says=("loops back on itself", "fix or remove the link"), upload=False
    ),
    Hostile("symlink-two-cycle", "cycle-a.txt", None, says=("loops back on itself",), upload=False),
    Hostile(
        "broken-symlink", "broken.txt", None, says=("broken symbolic link", "fix or remove the link"), upload=False
    ),
    Hostile("fifo", "pipe.txt", None, says=("file is empty",), upload=False),
    Hostile(
        "folder-with-link-out",
        "linked-out",
        None,
        outcome="skip",
        says=("a link to a file outside this folder", "give the file itself"),
        upload=False,
    ),
    Hostile(
        "folder-with-linked-folder",
        "linked-folder",
        None,
        outcome="skip",
        says=("a link to a folder", "give the folder itself"),
        upload=False,
    ),
    Hostile("folder-with-only-bad-files", "all-bad", None, says=("nothing to index",), upload=False),
]


def _special(folder: Path, case: Hostile) -> None:
    """Make the cases whose content is not a file's bytes."""
    path = folder / case.path
    if case.name == "over-size-limit":
        with open(path, "wb") as out:  # sparse where the file system allows: fast, and no disk used
            out.truncate(MAX_BYTES + 1)
            out.seek(0)
            out.write(SENTENCE.encode())
    elif case.name == "symlink-to-itself":
        os.symlink(path.name, path)
    elif case.name == "symlink-two-cycle":
        os.symlink("cycle-b.txt", path)
        os.symlink(path.name, folder / "cycle-b.txt")
    elif case.name == "broken-symlink":
        os.symlink("no-such-file.txt", path)
    elif case.name == "fifo":
        os.mkfifo(path)
    elif case.name == "folder-with-link-out":
        path.mkdir()
        outside = folder.parent / "outside-secret.txt"
        outside.write_text("The spare key of the Kessel office is under the mat.\n", encoding="utf-8")
        os.symlink(outside, path / "secret.txt")
    elif case.name == "folder-with-linked-folder":
        path.mkdir()
        target = folder.parent / "outside-folder"
        target.mkdir(exist_ok=True)
        (target / "inside.txt").write_text("The Kessel lighthouse is 31 metres tall.\n", encoding="utf-8")
        os.symlink(target, path / "elsewhere")
    elif case.name == "folder-with-only-bad-files":
        path.mkdir()
        (path / "empty.txt").write_bytes(b"")
        (path / "blank.md").write_bytes(b"\n\n")
        (path / ".hidden.txt").write_text(SENTENCE, encoding="utf-8")  # hidden: never read
    else:
        raise ValueError(f"no special step for {case.name}")


def make_files(folder: Path) -> list[Hostile]:
    """Write every hostile source of `FILES` into `folder` (made if needed); returns the cases."""
    folder.mkdir(parents=True, exist_ok=True)
    for case in FILES:
        if case.content is None:
            _special(folder, case)
        else:
            (folder / case.path).write_bytes(case.content)
    return FILES


# -- library states -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BrokenLibrary:
    """A library folder damaged in one way; `make_library_state` damages a copy of a good library.

    `reads`: `index stats` still works (exit 0); `writes`: `index add` of a new file works (exit 0),
    possibly repairing the damage (vectors); `checks`: `corroborate check` works. Where a command
    fails it exits 1 with all of `says` in its message.
    """

    name: str
    damage: Callable[[Path], None]
    dense: bool = False
    reads: bool = False
    writes: bool = False
    checks: bool = False
    says: tuple[str, ...] = ()


def _sql(library: Path, *statements: str) -> None:
    with closing(sqlite3.connect(library / DB_NAME)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def _garbage_pages(library: Path) -> None:
    db = library / DB_NAME
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = bytes((i * 151 + 7) % 256 for i in range(len(data) - page))
    db.write_bytes(bytes(data))


def _truncate_half(library: Path) -> None:
    db = library / DB_NAME
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda library: (library / name).write_bytes(data)


def _replace_db_with_folder(library: Path) -> None:
    (library / DB_NAME).unlink()
    (library / DB_NAME).mkdir()


def _other_sqlite(library: Path) -> None:
    (library / DB_NAME).unlink()
    _sql(library, "CREATE TABLE contacts(name TEXT, phone TEXT)", "INSERT INTO contacts VALUES ('Anna', '555')")


def _only_unrelated_files(library: Path) -> None:
    for item in library.iterdir():
        item.unlink()
    (library / "notes.txt").write_text("My own notes, not a library.\n", encoding="utf-8")


def _pending_vectors(library: Path) -> None:
    # As a run killed before embedding leaves it: the watermark below passages that have no vector.
    _sql(
        library,
        "DELETE FROM passage_vectors WHERE passage_id = (SELECT max(id) FROM passages)",
        "INSERT OR REPLACE INTO meta VALUES ('vectors_upto', (SELECT max(id) - 1 FROM passages))",
    )


DAMAGED = ("library file is damaged", "restore it from a backup")
REBUILD = ("corroborate index rebuild",)

LIBRARY_STATES: list[BrokenLibrary] = [
    BrokenLibrary("garbage-pages", _garbage_pages, says=DAMAGED),
    BrokenLibrary("zero-length-file", _write(DB_NAME, b""), says=("empty (0 bytes)", "restore it from a backup")),
    BrokenLibrary("truncated-file", _truncate_half, says=DAMAGED),
    BrokenLibrary(
        "text-file-as-database",
        _write(DB_NAME, b"just some notes, not a database\n" * 40),
        says=("not a corroborate library",),
    ),
    BrokenLibrary("other-apps-sqlite", _other_sqlite, says=("not a corroborate library",)),
    BrokenLibrary(
        "newer-schema",
        lambda lib: _sql(lib, "INSERT INTO migrations VALUES (99, '2099-01-01')"),
        says=("newer corroborate", "upgrade corroborate"),
    ),
    BrokenLibrary("database-is-a-folder", _replace_db_with_folder, says=("cannot open the library file",)),
    BrokenLibrary(
        "garbage-wal",
        _write(f"{DB_NAME}-wal", b"\x37\x7f\x06\x82" + bytes(range(256)) * 64),
        reads=True,
        writes=True,
        checks=True,
    ),
    BrokenLibrary(
        "garbage-shm", _write(f"{DB_NAME}-shm", bytes(range(256)) * 128), reads=True, writes=True, checks=True
    ),
    BrokenLibrary(
        "unrelated-files-only",
        _only_unrelated_files,
        says=("not a corroborate library", "choose a new or empty folder"),
    ),
    BrokenLibrary(
        "vectors-json-null", _write("vectors.json", b"null"), dense=True, reads=True, writes=True, says=REBUILD
    ),
    BrokenLibrary(
        "vectors-json-garbage",
        _write("vectors.json", bytes(range(256))),
        dense=True,
        reads=True,
        writes=True,
        says=REBUILD,
    ),
    BrokenLibrary(
        "vectors-json-a-list", _write("vectors.json", b"[1, 2, 3]"), dense=True, reads=True, writes=True, says=REBUILD
    ),
    BrokenLibrary(
        "vectors-json-missing",
        lambda lib: (lib / "vectors.json").unlink(),
        dense=True,
        reads=True,
        writes=True,
        says=REBUILD,
    ),
    BrokenLibrary(
        "vectors-index-garbage",
        _write("vectors.usearch", b"usearch? no." * 100),
        dense=True,
        reads=True,
        writes=True,
        says=REBUILD,
    ),
    BrokenLibrary(
        "vectors-pending", _pending_vectors, dense=True, reads=True, writes=True, says=("no vector yet", "index add")
    ),
    BrokenLibrary(
        "embedder-record-garbage",
        lambda lib: _sql(lib, "UPDATE meta SET value = '{\"name\": ' WHERE key = 'embedder'"),
        dense=True,
        says=DAMAGED,
    ),
    BrokenLibrary(
        "watermark-garbage",
        lambda lib: _sql(lib, "INSERT OR REPLACE INTO meta VALUES ('vectors_upto', 'many')"),
        dense=True,
        reads=True,
        says=DAMAGED,
    ),
]


def make_library_state(good: Path, state: BrokenLibrary, out: Path) -> Path:
    """A copy of the good library `good` at `out`, damaged as `state` says; returns `out`."""
    out.mkdir(parents=True)
    for item in good.iterdir():
        if item.is_file():
            (out / item.name).write_bytes(item.read_bytes())
    state.damage(out)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    made = make_files(target / "files")
    print(
        f"{len(made)} hostile files in {target / 'files'}; {len(LIBRARY_STATES)} library states are made by the tests"
    )
