"""The library embedder (the int8 MiniLM): loads offline, records itself, answers by meaning, and a change
of embedder is detected. Real model files, real libraries under tmp_path; nothing here is timed."""

from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from corroborate import Library
from corroborate.errors import LibraryError
from corroborate.retrieve import encoder as encoder_module
from corroborate.retrieve.encoder import (
    DEFAULT_ENCODER_PATH,
    EMBEDDERS,
    LIBRARY_EMBEDDER,
    encoder_for,
    library_encoder,
    load_encoder,
)
from corroborate.store import DB_NAME, Store
from corroborate.store.vectors import META_FILE
from tests.conftest import run_cli

TEXTS = {
    "dike.txt": "The Vellmar dike was designed by the engineer Anton Reiss after the 1927 flood.",
    "army.txt": "The army sent about 350 soldiers to Vellmar to reinforce the dike with sandbags.",
    "harvest.txt": "Farmers in the Ostra valley brought in a poor harvest of barley that autumn.",
}


def _make(tmp_path: Path, name: str = "library") -> Path:
    for file, text in TEXTS.items():
        (tmp_path / file).write_text(text + "\n", encoding="utf-8")
    path = tmp_path / name
    with Library.open(path, create=True) as lib:
        assert lib.add([tmp_path / f for f in TEXTS]).ok
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return _make(tmp_path)


def test_the_library_embedder_ships_in_the_package_and_loads_with_no_network(monkeypatch):
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the embedder tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    path = EMBEDDERS[LIBRARY_EMBEDDER]
    assert path.parent == DEFAULT_ENCODER_PATH.parent and (path / "MODEL_CARD.md").is_file()
    encoder = library_encoder()
    vectors = encoder.encode(["The river Ostra peaked at 7.8 metres.", "A poor harvest of barley."])
    assert encoder.name == LIBRARY_EMBEDDER and vectors.shape == (2, encoder.dims) == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_int8_vectors_stay_close_to_the_fp32_ones():
    texts = [
        "The Vellmar dike was designed by the engineer Anton Reiss after the 1927 flood.",
        "Vitamin D supplementation did not reduce the risk of fractures in older adults.",
        "Emergency services evacuated 4,200 residents from the low-lying districts of Vellmar.",
    ]
    fp32 = load_encoder(DEFAULT_ENCODER_PATH).encode(texts)
    int8 = load_encoder(EMBEDDERS["minilm-l6-embed-int8"]).encode(texts)
    assert np.min(np.sum(fp32 * int8, axis=1)) > 0.98


def test_a_new_library_records_its_embedder_and_its_vectors_have_the_recorded_dimension(library):
    with Store.open(library) as store:
        recorded = store.embedder()
        _, vectors = next(store.iter_vectors(100))
    encoder = library_encoder()
    assert recorded == {"name": LIBRARY_EMBEDDER, "hash": encoder.hash, "dims": 384, "max_length": 256}
    assert vectors.shape == (3, recorded["dims"])
    meta = json.loads((library / META_FILE).read_text())
    assert meta["embedder"] == LIBRARY_EMBEDDER and meta["dims"] == 384 and meta["count"] == 3


def test_a_query_sharing_no_word_with_its_passage_is_answered(library):
    with Library.open(library) as lib:
        assert lib.search("grain crop", 3, mode="bm25") == []
        dense = lib.search("grain crop", 3, mode="dense")
        hybrid = lib.search("grain crop", 3)
    assert dense[0].text.startswith("Farmers in the Ostra valley")
    assert hybrid[0].text.startswith("Farmers in the Ostra valley")


def test_the_similarity_gate_reads_fp32_cosines_whatever_embedded_the_library(library, tmp_path, monkeypatch):
    claim = "Anton Reiss designed the dike at Vellmar."
    monkeypatch.setattr(encoder_module, "LIBRARY_EMBEDDER", DEFAULT_ENCODER_PATH.name)
    old = _make(tmp_path, "old-library")
    found = {}
    for path in (library, old):
        with Library.open(path) as lib:
            from corroborate.retrieve import Retriever

            evidence = Retriever.open(lib.store).evidence(claim, 5, 5, 0.1, min_similarity=0.01)
            found[path] = [(e.text, e.similarity) for e in evidence]
    assert found[library] == found[old] and found[library]


def test_a_library_of_the_fp32_encoder_keeps_working_until_reembedded(tmp_path, monkeypatch):
    monkeypatch.setattr(encoder_module, "LIBRARY_EMBEDDER", DEFAULT_ENCODER_PATH.name)
    old = _make(tmp_path, "old-library")
    monkeypatch.undo()
    with Store.open(old) as store:
        assert store.embedder()["name"] == DEFAULT_ENCODER_PATH.name
        assert encoder_for(store).path == DEFAULT_ENCODER_PATH
    found = run_cli("search", "grain crop", "--mode", "dense", "--library", old)
    assert found.returncode == 0 and "Farmers in the Ostra valley" in found.stdout
    (tmp_path / "more.txt").write_text("The Ostra river peaked at 7.8 metres on Tuesday.\n", encoding="utf-8")
    added = run_cli("index", "add", tmp_path / "more.txt", "--library", old, "-q")
    assert added.returncode == 0, added.stderr
    with Store.open(old) as store:
        assert store.embedder()["name"] == DEFAULT_ENCODER_PATH.name  # one library, one embedder
    done = run_cli("index", "rebuild", "--reembed", "--library", old, "-q")
    assert done.returncode == 0, done.stderr
    with Store.open(old) as store:
        assert store.embedder()["name"] == LIBRARY_EMBEDDER
        assert encoder_for(store).path == EMBEDDERS[LIBRARY_EMBEDDER]
    assert json.loads((old / META_FILE).read_text())["embedder"] == LIBRARY_EMBEDDER


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"hash": "0" * 64}, "another embedding model"),  # the shipped encoder's files changed
        ({"name": "potion-base-8m", "dims": 256}, "does not ship"),  # an encoder this version lacks
    ],
)
def test_a_change_of_embedder_is_refused_with_the_rebuild_command(library, change, message):
    with sqlite3.connect(library / DB_NAME) as conn:
        (value,) = conn.execute("SELECT value FROM meta WHERE key = 'embedder'").fetchone()
        conn.execute("UPDATE meta SET value = ? WHERE key = 'embedder'", (json.dumps(json.loads(value) | change),))
    with Store.open(library) as store, pytest.raises(LibraryError, match=message):
        encoder_for(store)
    refused = run_cli("search", "Vellmar dike", "--library", library)
    assert refused.returncode == 1 and "index rebuild --reembed" in refused.stderr
    done = run_cli("index", "rebuild", "--reembed", "--library", library, "-q")
    assert done.returncode == 0, done.stderr
    assert run_cli("search", "Vellmar dike", "--library", library).returncode == 0


def test_the_shipped_int8_model_is_rebuilt_byte_for_byte_by_its_script(tmp_path):
    pytest.importorskip("onnx")
    from corroborate.train.quantize_encoder import quantize

    built = quantize(DEFAULT_ENCODER_PATH, tmp_path / "int8")
    shipped = EMBEDDERS["minilm-l6-embed-int8"] / "model.onnx"
    assert hashlib.sha256(built.read_bytes()).digest() == hashlib.sha256(shipped.read_bytes()).digest()
