"""Indexing: scale, crash safety, incremental re-adds, removal, and what each format stores.

Real components only: the CLI as a subprocess and a real SQLite library under tmp_path.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import run_cli as cli

DB_NAME = "corroborate.sqlite"


# -- helpers -------------------------------------------------------------------------------------
def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "CORROBORATE_LIBRARY"}


def add(sources: Path | list[Path], library: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    paths = sources if isinstance(sources, list) else [sources]
    proc = cli("index", "add", *paths, "--library", library, "--quiet", *extra, cwd=library.parent)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def counts(proc: subprocess.CompletedProcess[str]) -> dict[str, int]:
    """The per-run counts from `index add`'s summary line."""
    m = re.search(r"Indexed (\d+) new and (\d+) changed .*?; (\d+) unchanged; (\d+) failed\.", proc.stdout)
    assert m, proc.stdout
    return dict(zip(("new", "changed", "unchanged", "failed"), map(int, m.groups()), strict=True))


def listing(library: Path) -> list[dict[str, object]]:
    proc = cli("index", "list", "--json", "--library", library, cwd=library.parent)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def query(library: Path, sql: str, *params: object) -> list[tuple]:
    with closing(sqlite3.connect(library / DB_NAME)) as conn:
        return conn.execute(sql, params).fetchall()


def dump(library: Path) -> str:
    with closing(sqlite3.connect(library / DB_NAME)) as conn:
        return "\n".join(conn.iterdump())


def assert_consistent(library: Path, complete: bool = True) -> None:
    """The library's invariants: SQLite and FTS5 integrity, and no orphan or missing rows anywhere.

    A killed run may leave passages above the vector watermark without their vector (`complete`
    False); every passage at or below it has one.
    """
    with closing(sqlite3.connect(library / DB_NAME)) as conn:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("PRAGMA foreign_keys=ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO passage_terms(passage_terms) VALUES ('integrity-check')")  # raises if broken
        assert one("SELECT count(*) FROM passage_terms") == one("SELECT count(*) FROM passages")
        assert one("SELECT count(*) FROM passage_terms WHERE rowid NOT IN (SELECT id FROM passages)") == 0
        assert one("SELECT count(*) FROM passages WHERE doc_id NOT IN (SELECT id FROM documents)") == 0
        assert one("SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM document_files)") == 0
        assert one("SELECT count(*) FROM document_files WHERE file_path NOT IN (SELECT path FROM files)") == 0
        assert one("SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM passages)") == 0
        assert one("SELECT count(*) FROM passages WHERE json_array_length(sentence_spans) < 2") == 0
        if one("SELECT count(*) FROM meta WHERE key = 'dense' AND value = '1'"):
            upto = int(one("SELECT coalesce(max(value), 0) FROM meta WHERE key = 'vectors_upto'"))
            missing = "SELECT count(*) FROM passages WHERE id NOT IN (SELECT passage_id FROM passage_vectors)"
            assert one(missing + f" AND id <= {upto}") == 0
            if complete:
                assert one(missing) == 0


def fts_hits(library: Path, term: str) -> int:
    """How many passages the full-text index returns for one (already stemmed, lower-case) term."""
    return query(library, "SELECT count(*) FROM passage_terms WHERE passage_terms MATCH ?", f'"{term}"')[0][0]


def search(library: Path, words: str) -> str:
    """`corroborate search WORDS`: what a user sees when debugging retrieval."""
    proc = cli("search", words, "--library", library, cwd=library.parent)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def write_notes(folder: Path, count: int, per_folder: int = 1000) -> None:
    """`count` small text files with distinct content, spread over sub-folders."""
    for i in range(count):
        sub = folder / f"part{i // per_folder:02d}"
        if i % per_folder == 0:
            sub.mkdir(parents=True)
        (sub / f"note{i:05d}.txt").write_text(
            f"Note {i}: gauge station {i} read {i % 97} centimetres on day {i % 365} of the Ostra survey.\n",
            encoding="utf-8",
        )


# -- scale and crash safety ----------------------------------------------------------------------
@pytest.mark.slow
def test_ten_thousand_small_files_are_all_indexed(tmp_path):
    write_notes(tmp_path / "notes", 10_000)
    library = tmp_path / "library"
    proc = add(tmp_path / "notes", library, "--bm25-only")
    assert proc.returncode == 0, proc.stderr
    assert counts(proc) == {"new": 10_000, "changed": 0, "unchanged": 0, "failed": 0}
    stats = cli("index", "stats", "--json", "--library", library, cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert data["documents"] == 10_000
    assert data["files"] == 10_000
    assert data["passages"] >= 10_000
    again = add(tmp_path / "notes", library, "--bm25-only")
    assert again.returncode == 0, again.stderr
    assert counts(again) == {"new": 0, "changed": 0, "unchanged": 10_000, "failed": 0}


def _documents_so_far(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not created yet, or being created
        return 0


@pytest.mark.slow
def test_killed_run_leaves_consistent_library_and_next_run_completes(tmp_path):
    total = 3000
    write_notes(tmp_path / "notes", total)
    library = tmp_path / "library"
    proc = subprocess.Popen(
        [sys.executable, "-m", "corroborate", "index", "add", tmp_path / "notes", "--library", library, "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
        env=_env(),
    )
    try:
        deadline = time.monotonic() + 60
        while _documents_so_far(library / DB_NAME) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)  # right after the first commit
    finally:
        proc.kill()  # no-op if already dead
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    assert_consistent(library, complete=False)
    kept = query(library, "SELECT count(*) FROM documents")[0][0]
    assert 0 < kept < total
    assert query(library, "SELECT count(*) FROM files")[0][0] == kept  # no file recorded without its documents

    rerun = add(tmp_path / "notes", library)
    assert rerun.returncode == 0, rerun.stderr
    assert counts(rerun) == {"new": total - kept, "changed": 0, "unchanged": kept, "failed": 0}
    assert_consistent(library)
    assert query(library, "SELECT count(*) FROM documents")[0][0] == total
    assert query(library, "SELECT count(*) FROM files")[0][0] == total
    # the vector index file caught up with the database: dense search answers instead of refusing
    dense = cli("search", "gauge", "--mode", "dense", "--library", library, cwd=tmp_path)
    assert dense.returncode == 0, dense.stderr


# -- incremental re-adds -------------------------------------------------------------------------
def _two_sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "ferry.txt").write_text(
        "The Kessel ferry carried 412 passengers on 3 May 2025.\n\nIts captain was Ilse Brandt.\n", encoding="utf-8"
    )
    (folder / "dike.md").write_text(
        "# The dike\n\nThe Vellmar dike was completed in 1931 after two years of work.\n", encoding="utf-8"
    )
    return folder


def test_readding_unchanged_files_is_a_noop(tmp_path):
    sources = _two_sources(tmp_path)
    library = tmp_path / "library"
    assert add(sources, library).returncode == 0
    docs = listing(library)
    before = dump(library)
    proc = add(sources, library)
    assert proc.returncode == 0, proc.stderr
    assert counts(proc) == {"new": 0, "changed": 0, "unchanged": 2, "failed": 0}
    assert "(0 documents, 0 passages)" in proc.stdout
    assert listing(library) == docs
    assert dump(library) == before


def test_changed_file_replaces_its_old_version(tmp_path):
    sources = _two_sources(tmp_path)
    library = tmp_path / "library"
    assert add(sources, library).returncode == 0
    old = {d["origin"]: d["id"] for d in listing(library)}
    assert fts_hits(library, "412") == 1
    ferry = sources / "ferry.txt"
    ferry.write_text("The Kessel ferry carried 415 passengers on 3 May 2025, the harbour master said.\n")
    proc = add(sources, library)
    assert proc.returncode == 0, proc.stderr
    assert counts(proc) == {"new": 0, "changed": 1, "unchanged": 1, "failed": 0}
    new = {d["origin"]: d["id"] for d in listing(library)}
    assert set(new) == set(old)
    assert new[str(sources / "dike.md")] == old[str(sources / "dike.md")]
    assert new[str(ferry)] != old[str(ferry)]
    assert query(library, "SELECT count(*) FROM passages WHERE doc_id = ?", old[str(ferry)]) == [(0,)]
    assert_consistent(library)
    assert fts_hits(library, "brandt") == 0  # the old text is gone from the full-text index
    assert fts_hits(library, "412") == 0
    assert "415 passengers" in search(library, "ferry passengers")


def test_duplicate_text_stays_in_library_when_its_first_file_changes(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    text = "The Kessel ferry carried 412 passengers on 3 May 2025.\n"
    (sources / "a.txt").write_text(text, encoding="utf-8")
    (sources / "b.txt").write_text(text, encoding="utf-8")
    library = tmp_path / "library"
    assert add(sources, library).returncode == 0
    (sources / "a.txt").write_text("The Kessel ferry carried 415 passengers on 4 May 2025.\n", encoding="utf-8")
    assert add(sources, library).returncode == 0
    stored = {row[0] for row in query(library, "SELECT text FROM documents")}
    assert text.strip() in stored  # b.txt still holds it


# -- removal -------------------------------------------------------------------------------------
def test_remove_by_id_removes_document_passages_and_fts_rows(tmp_path):
    sources = _two_sources(tmp_path)
    library = tmp_path / "library"
    assert add(sources, library).returncode == 0
    ids = {d["origin"]: d["id"] for d in listing(library)}
    ferry_id = ids[str(sources / "ferry.txt")]
    assert fts_hits(library, "brandt") == 1
    passages_before = query(library, "SELECT count(*) FROM passages")[0][0]
    ferry_passages = query(library, "SELECT count(*) FROM passages WHERE doc_id = ?", ferry_id)[0][0]
    assert ferry_passages >= 1

    proc = cli("index", "remove", ferry_id, "--library", library, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert ferry_id in proc.stdout
    assert [d["id"] for d in listing(library)] == [ids[str(sources / "dike.md")]]
    assert query(library, "SELECT count(*) FROM passages WHERE doc_id = ?", ferry_id) == [(0,)]
    assert query(library, "SELECT count(*) FROM passage_terms") == [(passages_before - ferry_passages,)]
    assert_consistent(library)
    assert fts_hits(library, "brandt") == 0

    # The file is marked stale, so adding it again restores the document.
    again = add(sources, library)
    assert again.returncode == 0, again.stderr
    assert counts(again)["unchanged"] == 1
    assert query(library, "SELECT count(*) FROM documents WHERE id = ?", ferry_id) == [(1,)]
    assert fts_hits(library, "brandt") == 1
    assert_consistent(library)


def test_remove_by_path_removes_all_documents_of_that_file(tmp_path):
    feed = tmp_path / "briefs.jsonl"
    feed.write_text(
        '{"id": "r1", "text": "The Ostra bridge reopened on 9 May 2026."}\n'
        '{"id": "r2", "text": "Trains to Kessel ran again on 10 May 2026."}\n',
        encoding="utf-8",
    )
    library = tmp_path / "library"
    assert add(feed, library).returncode == 0
    assert len(listing(library)) == 2
    proc = cli("index", "remove", feed, "--library", library, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Removed 2 document(s)" in proc.stdout
    assert listing(library) == []
    assert query(library, "SELECT count(*) FROM files") == [(0,)]
    assert_consistent(library)


def test_remove_unknown_id_fails_and_changes_nothing(tmp_path):
    sources = _two_sources(tmp_path)
    library = tmp_path / "library"
    assert add(sources, library).returncode == 0
    before = dump(library)
    proc = cli("index", "remove", "d0000000000000000", "--library", library, cwd=tmp_path)
    assert proc.returncode == 1
    assert "d0000000000000000" in proc.stderr
    assert "corroborate index list" in proc.stderr
    assert dump(library) == before


# -- what each format stores ---------------------------------------------------------------------
def test_jsonl_documents_get_origin_path_hash_id(tmp_path):
    feed = tmp_path / "briefs.jsonl"
    feed.write_text(
        '{"id": "vr-1", "title": "Bridge", "url": "https://example.org/1", "date": "2026-05-09T08:00:00",'
        ' "text": "The Ostra bridge reopened on 9 May 2026."}\n'
        '{"id": 7, "title": "Trains", "text": "Trains to Kessel ran again on 10 May 2026."}\n',
        encoding="utf-8",
    )
    library = tmp_path / "library"
    assert add(feed, library).returncode == 0
    docs = {d["origin"]: d for d in listing(library)}
    assert set(docs) == {f"{feed}#vr-1", f"{feed}#7"}
    assert docs[f"{feed}#vr-1"]["title"] == "Bridge"
    assert docs[f"{feed}#vr-1"]["date"] == "2026-05-09"
    assert {d["format"] for d in docs.values()} == {"jsonl"}


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour wall repaired in Kessel</title>
<script>var trackerToken = "qxzvtrackertoken";</script></head>
<body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
<main><article><h1>Harbour wall repaired in Kessel</h1>
<p>Workers finished repairing the harbour wall in Kessel on 12 April 2026, the town council said.</p>
<p>The repair took six weeks and cost about 1.2 million euros, paid by the regional government.</p>
<p>Fishing boats returned to the inner harbour the following morning, according to the harbour master.</p>
</article></main>
<footer><p>Copyright Kessel Gazette. Newsletter signup.</p></footer>
<script>console.log("qxzvsecondtoken")</script>
</body></html>
"""


def test_html_keeps_article_text_and_drops_nav_footer_and_script(tmp_path):
    page = tmp_path / "harbour.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    library = tmp_path / "library"
    assert add(page, library).returncode == 0
    [(title, text)] = query(library, "SELECT title, text FROM documents")
    assert title == "Harbour wall repaired in Kessel"
    assert "Workers finished repairing the harbour wall in Kessel on 12 April 2026" in text
    assert "about 1.2 million euros" in text
    assert "Fishing boats returned to the inner harbour" in text
    for dropped in ("Subscribe", "qxzvtrackertoken", "qxzvsecondtoken", "trackerToken", "Newsletter signup"):
        assert dropped not in text
    assert fts_hits(library, "subscrib") == 0


def test_a_commit_comes_after_1000_files_or_5000_passages_whatever_the_time() -> None:
    from corroborate.indexing import _Commits

    done: list[str] = []
    commits = _Commits(lambda: done.append("commit"), before=lambda: done.append("flush"))
    commits.tick(passages=5_000)
    assert done == ["flush", "commit"]
    commits.tick(passages=4_000)
    commits.tick(passages=1_000)
    assert done == ["flush", "commit"] * 2
    for _ in range(1_000):
        commits.tick(files=1)
    assert done == ["flush", "commit"] * 3


def test_what_was_read_is_committed_before_the_encoder_sees_it(tmp_path: Path) -> None:
    # A few files read in well under the 2 s and far under 1,000 files: their rows are committed when the
    # embedding starts, so a run killed while embedding keeps them (seen from another connection).
    write_notes(tmp_path / "notes", 5)
    from corroborate import Library
    from corroborate.indexing import open_encoder
    from corroborate.store import DB_NAME

    seen: list[int] = []
    with Library.open(tmp_path / "lib", create=True) as lib:
        encoder = open_encoder(lib.store, lib.settings)
        plain = encoder.encode

        def encode(texts, batch_size=32, show_progress=False):
            with closing(sqlite3.connect(f"file:{tmp_path / 'lib' / DB_NAME}?mode=ro", uri=True)) as other:
                seen.append(other.execute("SELECT count(*) FROM files").fetchone()[0])
            return plain(texts, batch_size, show_progress)

        encoder.encode = encode
        try:
            assert lib.add([tmp_path / "notes"]).ok
        finally:
            encoder.encode = plain
    assert seen and seen[0] == 5
