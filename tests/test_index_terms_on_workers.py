"""The BM25 terms a worker makes for a passage (issue 18: the single writer only stores them) are the
terms the writer would have made itself: the same rows in the index, the same search results."""

from pathlib import Path

from corroborate import analysis, segment
from corroborate.indexing import analysed
from corroborate.ingest import make_document
from corroborate.store import Store

TEXT = (
    "The river Ostra broke into the old town of Vellmar on Sunday night. Emergency services evacuated 2,400 "
    "residents from the low-lying districts.\n\nThe army deployed about 350 soldiers to reinforce the dike "
    "with sandbags. Café owners on the Marktplatz said the water rose faster than in 2013."
)


def _library(folder: Path, on_worker: bool) -> Store:
    document = make_document(TEXT, "Flood", "flood.txt", "txt")
    passages = segment.passages(document.id, document.text, 200)
    if on_worker:
        passages = analysed(passages)
        assert all(p.terms for p in passages)
    store = Store.open(folder, create=True)
    store.replace_file("/flood.txt", document.content_hash, len(TEXT), [(document, passages)])
    return store


def test_terms_made_on_a_worker_are_the_terms_the_writer_makes(tmp_path: Path) -> None:
    with _library(tmp_path / "writer", False) as by_writer, _library(tmp_path / "worker", True) as by_worker:
        rows = "SELECT rowid, terms FROM passage_terms ORDER BY rowid"
        assert by_writer._conn.execute(rows).fetchall() == by_worker._conn.execute(rows).fetchall()
        assert len(by_writer._conn.execute(rows).fetchall()) >= 2
        for words in ("soldiers", "Café Marktplatz", "evacuated residents"):
            query = analysis.terms(words)
            found = by_writer.search_passages(query, 5)
            assert found, words
            assert found == by_worker.search_passages(query, 5)
