"""`Store.replace_files` stores a batch of files as `replace_file` does one file after another: the same
rows with the same ids (passages with their sentences' offsets, terms, vectors), the same links and the same duplicates
reported, whatever the batch holds: new texts, texts shared between files, a file's texts replaced so
that some are no longer linked (and one of them comes back from a later file), a path given twice."""

from __future__ import annotations

import sqlite3

import numpy as np

from corroborate import segment
from corroborate.indexing import analysed
from corroborate.ingest import make_document
from corroborate.store import DB_NAME, Store
from corroborate.store.filing import FileRows

TEXTS = {
    name: f"Report {name}. The gauge at Vellmar read {n} centimetres on the morning of {n} March. "
    f"Crews from {name} district laid {n * 10} sandbags along the dike before noon."
    for n, name in enumerate("abcdefghij", start=3)
}


def _doc(name: str, origin: str, vectors: bool = False) -> tuple:
    doc = make_document(TEXTS[name], name.upper(), origin, "txt")
    passages = analysed(segment.passages(doc.id, doc.text, 80))
    if vectors:
        rng = np.random.default_rng(len(name) + ord(name))
        return doc, passages, rng.standard_normal((len(passages), 8)).astype(np.float32)
    return doc, passages


def _file(path: str, *names: str, vectors: bool = False) -> FileRows:
    return FileRows(path, f"sha-{path}-{''.join(names)}", 1, [_doc(n, path, vectors) for n in names])


FIRST = [_file("/a.txt", "a", "b"), _file("/b.txt", "b"), _file("/c.txt", "c"), _file("/d.txt", "d", "e")]
BATCH = [
    _file("/n.txt", "a", "f"),  # a: stored before, from /a.txt
    _file("/a.txt", "f", "g"),  # no longer a, b: both still linked elsewhere
    _file("/c.txt", "h"),  # c is linked by no file now: removed
    _file("/m.txt", "c", "c"),  # c back (new ids), then the same text again in the same file
    _file("/d.txt", "e"),  # d removed
    _file("/o.txt", "i", vectors=True),
    _file("/a.txt", "j"),  # the same path again: f stays (/n.txt), g is removed
    _file("/p.txt", "d"),  # d back
]


def _rows(library) -> dict[str, list[tuple]]:
    tables = {
        "files": "SELECT path, sha256, size FROM files ORDER BY path",
        "documents": "SELECT id, origin, title, text FROM documents ORDER BY id",
        "document_files": "SELECT * FROM document_files ORDER BY 1, 2, 3",
        "passages": "SELECT * FROM passages ORDER BY id",
        "terms": "SELECT rowid, terms FROM passage_terms ORDER BY rowid",
        "vectors": "SELECT * FROM passage_vectors ORDER BY passage_id",
        "sequences": "SELECT * FROM sqlite_sequence WHERE name = 'passages'",
    }
    with sqlite3.connect(library / DB_NAME) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in tables.items()}


def _library(tmp_path, name: str, batched: bool) -> tuple[dict[str, list[tuple]], list]:
    with Store.open(tmp_path / name, create=True) as store:
        for rows in FIRST:
            store.replace_file(rows.path, rows.sha, rows.size, rows.documents)
        if batched:
            skipped = store.replace_files(BATCH)
        else:
            skipped = [store.replace_file(r.path, r.sha, r.size, r.documents) for r in BATCH]
        assert store.integrity_ok()
    return _rows(tmp_path / name), [[(doc.id, other) for doc, other in s] for s in skipped]


def test_a_batch_leaves_the_rows_and_ids_of_one_file_at_a_time(tmp_path):
    one_by_one, skipped_one_by_one = _library(tmp_path, "one-by-one", batched=False)
    batched, skipped_batched = _library(tmp_path, "batched", batched=True)
    assert batched == one_by_one
    assert skipped_batched == skipped_one_by_one
    ids = {doc.id: name for name in TEXTS for doc in [_doc(name, "/x")[0]]}
    stored = {ids[doc_id] for doc_id, *_ in batched["documents"]}
    assert stored == set("abcdefhij")  # g came and went
    assert [ids[d] for s in skipped_batched for d, _ in s] == ["a", "f", "c"]
    assert len(batched["vectors"]) == len(_doc("i", "/o.txt")[1])


def test_an_empty_batch_writes_nothing(tmp_path):
    with Store.open(tmp_path / "lib", create=True) as store:
        assert store.replace_files([]) == []
        assert store.stats()["files"] == 0


def test_a_file_named_twice_in_one_run_is_stored_once_then_found_unchanged(tmp_path):
    from corroborate.config import Settings
    from corroborate.indexing import index_files

    source = tmp_path / "flood.txt"
    source.write_text(TEXTS["a"], encoding="utf-8")
    with Store.open(tmp_path / "lib", create=True) as store:
        report = index_files(store, [source, source], Settings(dense=False))
        assert (report.added, report.unchanged) == ([str(source.resolve())], [str(source.resolve())])
        assert store.stats()["documents"] == 1
        assert store.integrity_ok()
