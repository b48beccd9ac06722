"""A passage's sentences as offsets on its row (schema 4): read back whole, with their neighbours across
passages; and a library made before (one row per sentence) opens, moves its sentences and answers as a
library made now."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from corroborate import segment
from corroborate.api import Library
from corroborate.config import Settings
from corroborate.indexing import index_files
from corroborate.ingest import make_document
from corroborate.store import DB_NAME, Store
from corroborate.store.schema import MIGRATIONS

ROOT = Path(__file__).resolve().parents[1]
OLD_LIBRARY = ROOT / "tests" / "fixtures" / "library-schema3" / "corroborate.sqlite.gz"
TEXT = (
    "Flood at Vellmar\n\n"
    "The Ostra rose by 3 metres. Crews laid 4,000 sandbags. The dike held for six hours.\n\n"
    "Then it broke. A second wall, built in 1928, held. Nobody was hurt, the mayor said.\n\n"
    "Schools reopen on Monday."
)


def _row(s) -> tuple:
    return (s.doc_id, s.index, s.start, s.end, s.text)


def test_sentences_come_back_whole_with_their_neighbours_across_passages(tmp_path):
    doc = make_document(TEXT, "T", "/flood.txt", "txt")
    passages = segment.passages(doc.id, doc.text, 60)
    want = [s for p in passages for s in p.sentences]
    assert len(passages) >= 3 and any(len(p.sentences) > 1 for p in passages)
    with Store.open(tmp_path / "lib", create=True) as store:
        store.replace_file("/flood.txt", "sha", 1, [(doc, passages)])
        with closing(sqlite3.connect(tmp_path / "lib" / DB_NAME)) as conn:
            assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sentences'").fetchone()
        every = store.sentences_of_passages(list(range(1, len(passages) + 1)))
        assert [_row(s) for s in every] == [_row(s) for s in want]
        assert all(s.text == doc.text[s.start : s.end] for s in every)
        assert store.stats()["sentences"] == len(want)
        for i, s in enumerate(want):
            before = want[i - 1].text if i > 0 else ""
            after = want[i + 1].text if i + 1 < len(want) else ""
            assert store.neighbour_sentences(doc.id, i) == (before, after)
            for step in (-2, -1, 1, 2):
                found = store.sentence_next_to(doc.id, s.start, step)
                expected = want[i + step] if 0 <= i + step < len(want) else None
                assert (found and _row(found)) == (expected and _row(expected))
        assert store.sentence_next_to(doc.id, want[1].start + 1, 1) is None  # not where a sentence starts
        assert store.sentence_next_to("d-unknown", 0, 1) is None


def _old_rows(db: Path) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute('SELECT doc_id, idx, start, "end", text FROM sentences ORDER BY doc_id, idx').fetchall()


def test_a_library_made_before_schema_4_moves_its_sentences_and_answers_as_a_new_one(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    with gzip.open(OLD_LIBRARY) as packed, open(old / DB_NAME, "wb") as out:
        shutil.copyfileobj(packed, out)
    rows = _old_rows(old / DB_NAME)
    assert len(rows) > 20

    sources = tmp_path / "srcs3"  # the fixture's sources, indexed now into a new library
    shutil.copytree(ROOT / "examples" / "library", sources)
    with Store.open(tmp_path / "new", create=True) as store:
        assert index_files(store, [sources], Settings(dense=False)).ok

    with Store.open(old) as store:
        with closing(sqlite3.connect(old / DB_NAME)) as conn:
            assert conn.execute("SELECT max(version) FROM migrations").fetchone()[0] == max(MIGRATIONS)
            assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sentences'").fetchone()
            ids = [r[0] for r in conn.execute("SELECT id FROM passages ORDER BY id")]
        assert store.integrity_ok()
        assert [_row(s) for s in store.sentences_of_passages(ids)] == rows
        assert store.stats()["sentences"] == len(rows)

    queries = ["Ostra peak metres Vellmar gauge", "sandbags soldiers dike", "evacuated residents", "1927 flood"]
    with Library.open(old) as before, Library.open(tmp_path / "new") as now:
        assert before.stats()["sentences"] == now.stats()["sentences"]
        for query in queries:
            found = [(e.doc_id, e.text, e.start, e.context_before, e.context_after, e.retrieval_score)
                     for e in before.search(query, 10, "bm25")]  # fmt: skip
            assert found and found == [
                (e.doc_id, e.text, e.start, e.context_before, e.context_after, e.retrieval_score)
                for e in now.search(query, 10, "bm25")
            ]

    # and it is written to as any library: a new file in, an old one out
    extra = tmp_path / "extra.txt"
    extra.write_text("The Kessel ferry carried 412 passengers on 3 May 2025. It left at noon.\n", encoding="utf-8")
    with Store.open(old) as store:
        assert index_files(store, [extra], Settings(dense=False)).ok
        gone = store.remove(rows[0][0])
        assert gone == [rows[0][0]] and store.integrity_ok()
        left = store.sentences_of_passages(list(range(1, 100)))
        assert {s.doc_id for s in left} == {r[0] for r in rows} - {rows[0][0]} | {store.file_documents(str(extra))[0]}
        assert any(s.text == "It left at noon." for s in left)
