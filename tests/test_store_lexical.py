"""The bounded BM25 search (store.lexical): same scores as FTS5's, exact when the budget allows."""

import pytest

import corroborate.retrieve.bm25 as bm25
from corroborate import segment
from corroborate.analysis import terms
from corroborate.ingest import make_document
from corroborate.retrieve import Retriever
from corroborate.store import Store, lexical

TEXTS = [
    "The river council opened the new bridge in 1998 after years of work.",
    "The new council report says the river rose by three metres near the old bridge.",
    "A new study of the river delta found salt in the wells of six villages.",
    "Council members voted on the new budget; the bridge work was not discussed.",
    "The Vellmar dike on the river was designed by Anton Reiss and opened in 1911.",
    "Salt in the delta wells rose after the new dam cut the river's spring flood.",
    "The old bridge over the river closed for repairs, the council said on Tuesday.",
    "Engineers said the new dike would hold a flood twice the 1911 one.",
]
QUERY = "Did the new river dike designed by Reiss hold the flood near the bridge?"


def _library(folder):
    store = Store.open(folder, create=True)
    for i, text in enumerate(TEXTS):
        doc = make_document(text, f"T{i}", f"/t{i}.txt", "txt")
        store.replace_file(f"/t{i}.txt", f"sha{i}", len(text), [(doc, segment.passages(doc.id, doc.text))])
    return store


def test_the_split_keeps_the_rarest_terms_within_the_budget_and_never_none():
    df = {"river": 7, "new": 6, "dike": 2, "reiss": 1, "flood": 2}
    order = ["new", "river", "dike", "reiss", "flood"]
    assert lexical.split_by_postings(order, df, 5) == (["dike", "reiss", "flood"], ["new", "river"])
    assert lexical.split_by_postings(order, df, 100) == (order, [])
    # even the rarest term over the budget is kept: a query never goes empty
    assert lexical.split_by_postings(["new", "river"], df, 0) == (["new"], ["river"])
    # equal frequencies go by the term, whatever the claim's word order
    assert lexical.split_by_postings(["flood", "dike"], df, 2) == (["dike"], ["flood"])


def test_fts5_totals_are_the_rows_and_tokens_bm25_reads(tmp_path):
    with _library(tmp_path / "lib") as store:
        rows, tokens = lexical.fts5_totals(store._conn)
        assert rows == store.passage_count() == len(TEXTS)
        assert tokens == sum(len(terms(t)) for t in TEXTS)


def test_bounded_search_over_every_candidate_gives_fts5s_own_ranking_and_scores(tmp_path):
    query = terms(QUERY)
    with _library(tmp_path / "lib") as store:
        exact = store.search_passages(query, 5)
        # a budget of 1 posting leaves only the rarest term to FTS5; every other term is added back
        bounded = store.search_passages(query, 5, max_postings=1, candidates=100)
        assert [h.passage_id for h in bounded] == [h.passage_id for h in exact[: len(bounded)]]
        assert [h.score for h in bounded] == pytest.approx([h.score for h in exact[: len(bounded)]], rel=1e-9)
        # the candidates are the passages holding the rarest term ("reiss"): the one about the dike
        assert [h.doc_id for h in bounded] == [make_document(TEXTS[4], "T4", "/t4.txt", "txt").id]


def test_bounded_search_within_the_budget_is_the_exact_search(tmp_path):
    query = terms(QUERY)
    with _library(tmp_path / "lib") as store:
        assert store.search_passages(query, 8, max_postings=10_000, candidates=32) == store.search_passages(query, 8)


def test_bounded_search_ranks_candidates_by_their_full_score(tmp_path):
    query = terms(QUERY)
    with _library(tmp_path / "lib") as store:
        exact = {h.passage_id: h.score for h in store.search_passages(query, 100)}
        # "design", "hold", "near" and "reiss" (1 posting each) pick the candidates; "new", "river",
        # "dike", "flood" and "bridg" are added to them
        assert lexical.split_by_postings(query, store.document_frequencies(query), 4)[1] == [
            "new",
            "river",
            "dike",
            "flood",
            "bridg",
        ]
        bounded = store.search_passages(query, 3, max_postings=4, candidates=3)
        assert len(bounded) == 3
        assert [h.score for h in bounded] == pytest.approx([exact[h.passage_id] for h in bounded], rel=1e-9)
        assert [h.score for h in bounded] == sorted((h.score for h in bounded), reverse=True)


def test_document_frequencies_follow_writes_of_this_and_other_connections(tmp_path):
    with _library(tmp_path / "lib") as store:
        assert store.document_frequencies(["dike"]) == {"dike": 2}
        doc = make_document("A third dike, further north.", "T9", "/t9.txt", "txt")
        store.replace_file("/t9.txt", "sha9", 1, [(doc, segment.passages(doc.id, doc.text))])
        assert store.document_frequencies(["dike"]) == {"dike": 3}
        with Store.open(tmp_path / "lib") as other:
            other.remove("/t9.txt")
        assert store.document_frequencies(["dike", "new"]) == {"dike": 2, "new": 6}


def test_the_retriever_answers_through_the_bound(tmp_path, monkeypatch):
    with _library(tmp_path / "lib") as store:
        retriever = Retriever.open(store, "bm25")
        exact = retriever.passages(QUERY, 3)
        monkeypatch.setattr(bm25, "MAX_POSTINGS", 3)  # the toy library's common words exceed it
        bounded = retriever.passages(QUERY, 3)
        assert bounded[0] == pytest.approx(exact[0])
