import sqlite3

import pytest

from corroborate import segment
from corroborate.errors import LibraryError
from corroborate.ingest import make_document
from corroborate.store import DB_NAME, Store
from corroborate.store.schema import APPLICATION_ID, MIGRATIONS


def _doc(text: str):
    doc = make_document(text, "T", "/x.txt", "txt")
    return doc, segment.passages(doc.id, doc.text)


def test_new_library_is_marked_migrated_and_in_wal_mode(tmp_path):
    with Store.open(tmp_path / "lib", create=True) as store:
        pass
    conn = sqlite3.connect(tmp_path / "lib" / DB_NAME)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [r[0] for r in conn.execute("SELECT version FROM migrations")] == sorted(MIGRATIONS)
    with Store.open(tmp_path / "lib") as store:  # reopening migrates nothing twice
        assert store.stats()["documents"] == 0


def test_atomic_rolls_back_everything_on_error(tmp_path):
    with Store.open(tmp_path / "lib", create=True) as store:
        store.replace_file("/a.txt", "sha-a", 10, [_doc("The river rose by 3 metres.")])
        before = store.stats()
        with pytest.raises(RuntimeError), store.atomic():
            store.replace_file("/b.txt", "sha-b", 10, [_doc("The dam held for six hours.")])
            raise RuntimeError("boom")
        assert store.stats() == before
        assert store.integrity_ok()


def test_nested_failure_keeps_the_outer_work(tmp_path):
    with Store.open(tmp_path / "lib", create=True) as store, store.atomic():
        store.replace_file("/a.txt", "sha-a", 10, [_doc("The river rose by 3 metres.")])
        with pytest.raises(RuntimeError), store.atomic():
            store.replace_file("/b.txt", "sha-b", 10, [_doc("The dam held.")])
            raise RuntimeError("boom")
    with Store.open(tmp_path / "lib") as store:
        assert store.stats()["files"] == 1


def test_same_text_from_two_files_is_stored_once(tmp_path):
    with Store.open(tmp_path / "lib", create=True) as store:
        store.replace_file("/a.txt", "sha-a", 10, [_doc("The river rose by 3 metres.")])
        skipped = store.replace_file("/b.txt", "sha-b", 10, [_doc("The river rose by 3 metres.")])
        assert [other for _, other in skipped] == ["/a.txt"]
        assert store.stats()["documents"] == 1


def test_bm25_ranks_the_matching_passage_first(tmp_path):
    from corroborate.analysis import terms

    with Store.open(tmp_path / "lib", create=True) as store:
        store.replace_file("/a.txt", "a", 1, [_doc("The dike at Vellmar was designed by Anton Reiss.")])
        store.replace_file("/b.txt", "b", 1, [_doc("The harvest in the valley was poor that year.")])
        store.replace_file("/c.txt", "c", 1, [_doc("Vellmar hosts a market every Tuesday.")])
        hits = store.search_passages(terms("Who designed the Vellmar dike?"), 10)
        assert store.document(hits[0].doc_id)["origin"] == "/x.txt"
        assert hits[0].score > hits[-1].score
        assert len(hits) == 2  # the harvest passage shares no term


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    sqlite3.connect(folder / DB_NAME).execute("CREATE TABLE other(x)").connection.commit()
    with pytest.raises(LibraryError, match="not a corroborate library"):
        Store.open(folder)


def test_a_non_empty_folder_is_not_turned_into_a_library(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(LibraryError, match="not empty"):
        Store.open(tmp_path, create=True)
    assert not (tmp_path / DB_NAME).exists()


def _pragmas(store: Store) -> tuple[int, int]:
    conn = store._conn  # per-connection settings: only the store's own connection shows them
    return conn.execute("PRAGMA cache_size").fetchone()[0], conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]


def test_a_long_write_has_a_large_cache_and_fewer_checkpoints_then_the_defaults_again(tmp_path):
    with Store.open(tmp_path / "lib", create=True) as store:
        before = _pragmas(store)
        with store.batch() as commit:
            store.replace_file("/a.txt", "sha-a", 10, [_doc("The river rose by 3 metres.")])
            assert _pragmas(store) == (-64 * 1024, 10_000)
            commit()
        assert _pragmas(store) == before == (-2000, 1000)
        with pytest.raises(RuntimeError), store.batch():
            raise RuntimeError("boom")
        assert _pragmas(store) == before
        # Checkpoints held on purpose (a cluster batch keeps the main file still) stay held.
        store._conn.execute("PRAGMA wal_autocheckpoint=0")
        with store.batch():
            assert _pragmas(store) == (-64 * 1024, 0)
        assert _pragmas(store) == (-2000, 0)
    with Store.open(tmp_path / "lib") as store:
        assert store.stats()["files"] == 1 and store.integrity_ok()
