"""Bad input never crashes, never half-writes the library, and always says what, which file and what to do.

Everything runs against real components: the CLI as a subprocess, a real SQLite library under
tmp_path, real files generated at test time (the 50 MB file included, never committed).
"""

from __future__ import annotations

import codecs
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import run_cli as cli

DB_NAME = "corroborate.sqlite"


# -- helpers -------------------------------------------------------------------------------------


def make_pdf(content: bytes) -> bytes:
    """A minimal valid one-page PDF whose page draws `content` (a content stream) with Helvetica as /F1."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_TEXT = "Hello from Kessel: the harbour wall was repaired in April 2026 by Jansen Bouw."
TEXT_PDF = make_pdf(b"BT /F1 12 Tf 72 720 Td (" + PDF_TEXT.encode("ascii") + b") Tj ET")
SCAN_PDF = make_pdf(b"")  # a page with an empty content stream: no text layer at all

LATIN1_TEXT = "Das Café in München wurde 1927 von Jürgen Müller eröffnet."
BOM8_TEXT = "Zoë Brandt opened the Kessel library on 4 June 1931."
BOM16_TEXT = "The Ostra ferry at Vellmar carried 318 passengers on 2 August 1958."

HTML_SCRIPT_ONLY = (
    '<html><head><title>Tracker</title><script>var token = "qzxscriptonly";</script></head>'
    '<body><script>document.write("qzxwritten")</script></body></html>'
)
HTML_NAV_ONLY = (
    "<html><head><title>Menu</title></head><body><nav><ul>"
    '<li><a href="/">Home</a></li><li><a href="/subscribe">Subscribe</a></li>'
    "</ul></nav></body></html>"
)


def snapshot(library: Path) -> tuple[str, list[tuple[str]]]:
    """A full SQL dump of the library plus its integrity check: equal snapshots mean nothing was written."""
    with closing(sqlite3.connect(library / DB_NAME)) as conn:
        return "\n".join(conn.iterdump()), conn.execute("PRAGMA integrity_check").fetchall()


def stored_texts(library: Path) -> dict[str, str]:
    """origin → stored text of every document in the library."""
    with closing(sqlite3.connect(library / DB_NAME)) as conn:
        return dict(conn.execute("SELECT origin, text FROM documents"))


def failure_line(stderr: str, path: Path) -> str:
    """The line of `index add`'s failure list that names `path`."""
    lines = [line for line in stderr.splitlines() if line.strip().startswith(f"{path}:")]
    assert len(lines) == 1, f"{path} should be listed exactly once in stderr:\n{stderr}"
    return lines[0]


# -- one run with good and bad files ---------------------------------------------------------------
# name → (bytes, fragments its failure line must contain)
BAD_FILES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "empty.txt": (b"", ("empty",)),
    "blank.md": (b"  \n\n\t \n", ("white space",)),
    "random.txt": (bytes(range(256)) * 16, ("binary",)),
    "nul.md": (b"a\x00b\x00" * 200, ("binary",)),
    "slides.docx": (b"Quarterly report text", ("unsupported file type '.docx'", ".txt", ".pdf")),
    "README": (b"plain words with no extension", ("no extension", "rename")),
    "latin1.txt": (LATIN1_TEXT.encode("latin-1"), ("not valid utf-8", "--encoding")),
    "scan.pdf": (SCAN_PDF, ("no text layer", "OCR")),
    "broken.pdf": (b"%PDF-1.4\nthis is not really a PDF\n", ("cannot read this PDF",)),
    "scripts.html": (HTML_SCRIPT_ONLY.encode(), ("no main text",)),
    "garbage.html": (b"<<<>>> </div></div> <p <<< &&&& ;;;", ("no main text",)),
    "bad-line.jsonl": (
        b'{"id": "a", "text": "The dike was built in 1931."}\n{"id": "b", "text": broken\n',
        ("line 2", "not valid JSON"),
    ),
    "no-text.jsonl": (
        b'{"id": "a", "text": "The dike was built in 1931."}\n\n{"id": "b", "title": "no text"}\n',
        ("line 3", "'text'"),
    ),
}
HUGE_NAME = "huge.txt"
HUGE_BYTES = 50_000_000


def _good_files() -> dict[str, bytes]:
    return {
        "ferry.txt": b"The Kessel ferry carried 412 passengers on 3 May 2025.\n",
        "notes.md": b"# Dike notes\n\nThe Vellmar dike was completed in **1931** after two years of work.\n",
        "report.pdf": TEXT_PDF,
        "bom8.txt": codecs.BOM_UTF8 + BOM8_TEXT.encode("utf-8"),
        "bom16.txt": BOM16_TEXT.encode("utf-16"),  # Python writes a BOM for "utf-16"
        "briefs.jsonl": (
            b'{"id": "r1", "title": "Bridge", "text": "The Ostra bridge reopened on 9 May 2026."}\n'
            b'{"id": "r2", "title": "Trains", "text": "Trains to Kessel ran again on 10 May 2026."}\n'
        ),
    }


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory: pytest.TempPathFactory):
    """One `index add` over a folder of good and bad files plus a missing path."""
    root = tmp_path_factory.mktemp("mixed")
    sources = root / "sources"
    sources.mkdir()
    for name, data in _good_files().items():
        (sources / name).write_bytes(data)
    for name, (data, _) in BAD_FILES.items():
        (sources / name).write_bytes(data)
    line = b"The river gauge at Vellmar read 412 centimetres on the morning of the flood.\n"
    with open(sources / HUGE_NAME, "wb") as fh:
        fh.write(line * (HUGE_BYTES // len(line)))
        fh.write(b"x" * (HUGE_BYTES % len(line)))
    missing = root / "not-there.txt"
    library = root / "library"
    proc = cli("index", "add", sources, missing, "--library", library, "--quiet", cwd=root)
    listing = cli("index", "list", "--json", "--library", library, cwd=root)
    assert listing.returncode == 0, listing.stderr
    (sources / HUGE_NAME).unlink()  # 50 MB is not kept around for the rest of the session
    return {
        "proc": proc,
        "docs": json.loads(listing.stdout),
        "sources": sources,
        "missing": missing,
        "library": library,
    }


def test_handwritten_pdf_fixtures_are_what_they_claim():
    import pypdf

    assert pypdf.PdfReader(io.BytesIO(TEXT_PDF)).pages[0].extract_text().strip() == PDF_TEXT
    reader = pypdf.PdfReader(io.BytesIO(SCAN_PDF))
    assert len(reader.pages) == 1
    assert (reader.pages[0].extract_text() or "").strip() == ""


def test_mixed_run_exits_1_and_indexes_the_good_files(mixed_run):
    proc = mixed_run["proc"]
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    failed = len(BAD_FILES) + 2  # + the 50 MB file + the missing path
    assert f"{failed} failed" in proc.stdout
    assert f"{failed} file(s) could not be indexed" in proc.stderr
    origins = {d["origin"] for d in mixed_run["docs"]}
    sources = mixed_run["sources"]
    expected = {str(sources / n) for n in _good_files() if n != "briefs.jsonl"}
    expected |= {f"{sources / 'briefs.jsonl'}#r1", f"{sources / 'briefs.jsonl'}#r2"}
    assert origins == expected
    assert all(d["passages"] >= 1 for d in mixed_run["docs"])


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_named_with_its_reason(mixed_run, name):
    line = failure_line(mixed_run["proc"].stderr, mixed_run["sources"] / name)
    for fragment in BAD_FILES[name][1]:
        assert fragment in line


def test_missing_path_is_named(mixed_run):
    line = failure_line(mixed_run["proc"].stderr, mixed_run["missing"])
    assert "no such file or folder" in line
    assert "check the path" in line


def test_50_mb_file_is_refused_naming_the_limit_and_the_flag(mixed_run):
    line = failure_line(mixed_run["proc"].stderr, mixed_run["sources"] / HUGE_NAME)
    assert "50.0 MB" in line
    assert "20 MB limit" in line
    assert "--max-file-mb" in line


def test_pdf_text_layer_is_indexed(mixed_run):
    texts = stored_texts(mixed_run["library"])
    assert texts[str(mixed_run["sources"] / "report.pdf")] == PDF_TEXT


def test_utf8_and_utf16_files_with_bom_are_read_without_the_bom(mixed_run):
    texts = stored_texts(mixed_run["library"])
    assert texts[str(mixed_run["sources"] / "bom8.txt")] == BOM8_TEXT
    assert texts[str(mixed_run["sources"] / "bom16.txt")] == BOM16_TEXT


# -- single-file cases ---------------------------------------------------------------------------
def test_encoding_option_makes_latin1_file_readable(tmp_path):
    source = tmp_path / "latin1.txt"
    source.write_bytes(LATIN1_TEXT.encode("latin-1"))
    library = tmp_path / "library"
    proc = cli("index", "add", source, "--encoding", "latin-1", "--library", library, "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert stored_texts(library) == {str(source): LATIN1_TEXT}


def test_max_file_mb_is_honoured_both_ways(tmp_path):
    source = tmp_path / "big.txt"
    sentence = "On day {i} the Vellmar gauge read {i} centimetres above the mark.\n"
    source.write_text("".join(sentence.format(i=i) for i in range(18_000)), encoding="utf-8")
    assert 1_000_000 < source.stat().st_size < 2_000_000
    library = tmp_path / "library"
    refused = cli("index", "add", source, "--max-file-mb", "1", "--library", library, "-q", cwd=tmp_path)
    assert refused.returncode == 1
    assert "above the 1 MB limit" in failure_line(refused.stderr, source)
    accepted = cli(
        "index", "add", source, "--max-file-mb", "2", "--library", library, "-q", "--bm25-only", cwd=tmp_path
    )
    assert accepted.returncode == 0, accepted.stderr
    assert "1 new" in accepted.stdout


def test_fractional_size_limit_is_reported_exactly(tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("The harbour wall is 212 metres long.\n" * 20_000, encoding="utf-8")
    proc = cli("index", "add", source, "--max-file-mb", "0.5", "--library", tmp_path / "lib", "-q", cwd=tmp_path)
    assert proc.returncode == 1
    assert "0.5 MB limit" in failure_line(proc.stderr, source)


def test_html_page_of_only_navigation_is_refused(tmp_path):
    source = tmp_path / "menu.html"
    source.write_text(HTML_NAV_ONLY, encoding="utf-8")
    library = tmp_path / "library"
    proc = cli("index", "add", source, "--library", library, "-q", cwd=tmp_path)
    assert proc.returncode == 1
    assert "no main text" in failure_line(proc.stderr, source)
    assert stored_texts(library) == {}


# -- a failed run leaves the library exactly as it was -------------------------------------------
def test_failed_run_leaves_library_byte_for_byte_identical(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "ferry.txt").write_text("The Kessel ferry carried 412 passengers on 3 May 2025.\n", encoding="utf-8")
    (sources / "briefs.jsonl").write_text(
        '{"id": "r1", "text": "The Ostra bridge reopened on 9 May 2026."}\n'
        '{"id": "r2", "text": "Trains to Kessel ran again on 10 May 2026."}\n',
        encoding="utf-8",
    )
    library = tmp_path / "library"
    first = cli("index", "add", sources, "--library", library, "-q", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = snapshot(library)
    assert before[1] == [("ok",)]
    assert "Kessel ferry" in before[0]

    # Previously good files turn bad (their old version must stay), and new bad files join them.
    (sources / "ferry.txt").write_bytes(b"")
    (sources / "briefs.jsonl").write_text(
        '{"id": "r1", "text": "The Ostra bridge reopened on 9 May 2026."}\n'
        '{"id": "r2", "text": "Trains to Kessel ran again on 10 May 2026."}\n'
        '{"id": "r3", "text": ',
        encoding="utf-8",
    )
    (sources / "scan.pdf").write_bytes(SCAN_PDF)
    (sources / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (sources / "data.bin").write_bytes(bytes(range(256)))
    proc = cli("index", "add", sources, tmp_path / "missing.md", "--library", library, "-q", cwd=tmp_path)
    assert proc.returncode == 1
    assert "6 failed" in proc.stdout
    assert "line 3" in failure_line(proc.stderr, sources / "briefs.jsonl")
    assert snapshot(library) == before


# -- the library path itself is wrong ------------------------------------------------------------
def _foreign_sqlite(folder: Path) -> None:
    folder.mkdir()
    with closing(sqlite3.connect(folder / DB_NAME)) as conn:
        conn.execute("CREATE TABLE notes(body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('shopping list')")
        conn.commit()


def _prepare_library_path(kind: str, tmp_path: Path) -> tuple[Path, Path]:
    """Make a library path of `kind`; returns (library path, the path the message must name)."""
    path = tmp_path / "lib"
    if kind == "missing":
        return path, path
    if kind == "not-empty-folder":
        path.mkdir()
        (path / "notes.txt").write_text("my notes", encoding="utf-8")
        return path, path
    if kind == "random-bytes-db":
        path.mkdir()
        (path / DB_NAME).write_bytes(bytes(range(256)) * 20)
        return path, path / DB_NAME
    if kind == "text-db":
        path.mkdir()
        (path / DB_NAME).write_text("I am a text file, not a database\n", encoding="utf-8")
        return path, path / DB_NAME
    if kind == "foreign-sqlite":
        _foreign_sqlite(path)
        return path, path / DB_NAME
    if kind == "a-file":
        path.write_text("not a folder", encoding="utf-8")
        return path, path
    raise AssertionError(kind)


def _tree(path: Path) -> dict[str, bytes] | bytes | None:
    if not path.exists():
        return None
    if path.is_file():
        return path.read_bytes()
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


LIBRARY_CASES = [
    # kind, command, fragments the message must contain (besides the path it names)
    ("missing", "stats", ("no library here", "corroborate index add")),
    ("missing", "list", ("no library here", "corroborate index add")),
    ("missing", "check", ("no library here", "corroborate index add")),
    ("not-empty-folder", "add", ("not empty", "not a corroborate library", "choose a new or empty folder")),
    ("random-bytes-db", "stats", ("not a corroborate library", "remove it or choose another folder")),
    ("random-bytes-db", "add", ("not a corroborate library", "remove it or choose another folder")),
    ("text-db", "stats", ("not a corroborate library", "remove it or choose another folder")),
    ("foreign-sqlite", "stats", ("not a corroborate library", "choose another folder")),
    ("foreign-sqlite", "add", ("not a corroborate library", "choose another folder")),
    ("a-file", "stats", ("is a file, not a library folder",)),
]


@pytest.mark.parametrize(("kind", "command", "fragments"), LIBRARY_CASES, ids=[f"{k}-{c}" for k, c, _ in LIBRARY_CASES])
def test_bad_library_path_gives_clear_error_and_touches_nothing(tmp_path, kind, command, fragments):
    library, named = _prepare_library_path(kind, tmp_path)
    article = tmp_path / "article.txt"
    article.write_text("The Vellmar dike was completed in 1931 by the Ostra River Authority.\n", encoding="utf-8")
    before = _tree(library)
    args = {
        "stats": ("index", "stats"),
        "list": ("index", "list"),
        "check": ("check", article, "-q"),
        "add": ("index", "add", article, "-q"),
    }[command]
    proc = cli(*args, "--library", library, cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout
    assert proc.stderr.startswith("error: ")
    assert "Traceback" not in proc.stderr
    assert str(named) in proc.stderr
    for fragment in fragments:
        assert fragment in proc.stderr
    if kind != "foreign-sqlite":  # see test_foreign_sqlite_file_is_not_modified
        assert _tree(library) == before


def test_foreign_sqlite_file_is_not_modified(tmp_path):
    library = tmp_path / "lib"
    _foreign_sqlite(library)
    before = _tree(library)
    proc = cli("index", "stats", "--library", library, cwd=tmp_path)
    assert proc.returncode == 1
    assert _tree(library) == before


def test_non_library_folder_is_not_told_to_become_a_library(tmp_path):
    library, _ = _prepare_library_path("not-empty-folder", tmp_path)
    proc = cli("index", "stats", "--library", library, cwd=tmp_path)
    assert proc.returncode == 1
    assert "not a corroborate library" in proc.stderr


# -- check: bad articles and outputs -------------------------------------------------------------
@pytest.fixture(scope="module")
def small_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small")
    (root / "src.txt").write_text(
        "The Vellmar dike was completed in 1931.\n\nThe dike was designed by the engineer Anton Reiss.\n",
        encoding="utf-8",
    )
    proc = cli("index", "add", root / "src.txt", "--library", root / "library", "-q", cwd=root)
    assert proc.returncode == 0, proc.stderr
    return root / "library"


ARTICLE_CASES = [
    # name, content (None: do not create), fragments
    (
        "opinion.txt",
        "Wow.\n\nWhat a day?\n\nI feel we should all be kinder to each other.\n",
        ("no check-worthy sentence", "nothing to check"),
    ),
    ("absent.txt", None, ("no such file",)),
    ("blank.txt", "", ("empty",)),
    (
        "feed.jsonl",
        '{"id": "a", "text": "The dike was built in 1931."}\n',
        ("not .jsonl", "save the article's text as .txt"),
    ),
]


@pytest.mark.parametrize(("name", "content", "fragments"), ARTICLE_CASES, ids=[c[0] for c in ARTICLE_CASES])
def test_check_refuses_unusable_article_and_records_no_run(tmp_path, small_library, name, content, fragments):
    article = tmp_path / name
    if content is not None:
        article.write_text(content, encoding="utf-8")
    before = snapshot(small_library)
    proc = cli("check", article, "--library", small_library, "-q", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"error: {article}: ")
    for fragment in fragments:
        assert fragment in proc.stderr
    assert snapshot(small_library) == before


@pytest.mark.slow
def test_check_out_into_missing_folder_fails_cleanly(tmp_path, small_library):
    article = tmp_path / "article.txt"
    article.write_text("The Vellmar dike was completed in 1931.\n", encoding="utf-8")
    out = tmp_path / "no-such-folder" / "report.json"
    proc = cli("check", article, "--library", small_library, "--out", out, "-q", cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{out.parent}: folder does not exist" in proc.stderr
    assert "--out" in proc.stderr
    assert not out.parent.exists()
    assert proc.stdout == ""


@pytest.mark.slow
def test_check_json_report_is_valid_json_with_schema_version(tmp_path, small_library):
    article = tmp_path / "article.txt"
    article.write_text("The Vellmar dike on the river Ostra was completed in 1931.\n", encoding="utf-8")
    out = tmp_path / "report.json"
    proc = cli("check", article, "--library", small_library, "--format", "json", "--out", out, "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["schema_version"]
    assert report["article"]["origin"] == str(article)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report.json")] == []  # no temp file left


def test_check_refuses_a_bad_out_before_loading_the_model_and_records_no_run(tmp_path, small_library):
    article = tmp_path / "article.txt"
    article.write_text("The Vellmar dike was completed in 1931 by the Ostra River Authority.\n", encoding="utf-8")
    before = snapshot(small_library)
    proc = cli("check", article, "--library", small_library, "--out", tmp_path / "nope" / "r.md", cwd=tmp_path)
    assert proc.returncode == 1
    assert snapshot(small_library) == before  # no run was started


def test_adding_only_missing_paths_creates_no_library(tmp_path):
    library = tmp_path / "new-library"
    proc = cli("index", "add", tmp_path / "no-such-folder", "--library", library, cwd=tmp_path)
    assert proc.returncode == 1
    assert "no such file or folder" in proc.stderr
    assert not library.exists()
