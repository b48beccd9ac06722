"""The vector index file beside the database: HNSW (usearch) over the passages' dense vectors.

The database's `passage_vectors` table is the system of record; this file is derived from it and
records, in `vectors.json`, the last change (`vector_log.seq`) and the embedding model it holds. A
reader refuses a file that is missing, unreadable, behind the database, or built with another model,
so an answer never comes from a stale index; `sync` brings it up to date, `rebuild` makes it anew.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from corroborate.atomic import write_text_atomically
from corroborate.errors import DiskFull, LibraryError, LibraryReadOnly

if TYPE_CHECKING:
    from corroborate.store.sqlite import Store

__all__ = ["INDEX_FILE", "META_FILE", "StaleVectorIndex", "VectorIndex"]

INDEX_FILE = "vectors.usearch"
META_FILE = "vectors.json"
# HNSW settings: connectivity 16 and a wide search beam keep recall@10 near exact at 1M vectors
# (BENCHMARKS.md) while a query stays in milliseconds.
_CONNECTIVITY = 16
_EXPANSION_ADD = 128
_EXPANSION_SEARCH = 128
_CHUNK = 20_000


def _usearch_index() -> type:
    # onnxruntime must be loaded before usearch: importing it after usearch's native module
    # crashes the interpreter (segmentation fault, usearch 2.26.6 with onnxruntime 1.32.0).
    import onnxruntime  # noqa: F401
    from usearch.index import Index

    return Index


class StaleVectorIndex(LibraryError):
    """The vector index file is missing, damaged, behind the database, or from another model."""


class VectorIndex:
    """Nearest-neighbour search over the library's passage vectors (cosine)."""

    def __init__(self, index: object, meta: dict[str, object]) -> None:
        self._index = index
        self.meta = meta

    @staticmethod
    def _new(dims: int) -> object:
        return _usearch_index()(
            ndim=dims, metric="cos", dtype="f16", connectivity=_CONNECTIVITY,
            expansion_add=_EXPANSION_ADD, expansion_search=_EXPANSION_SEARCH,
        )  # fmt: skip

    @classmethod
    def open(cls, store: Store) -> VectorIndex:
        """Open the index file of `store`'s library read-only (memory-mapped), refusing it unless it matches
        the database."""
        index_class = _usearch_index()
        folder = store.folder
        embedder = store.embedder()
        if embedder is None:
            raise StaleVectorIndex(f"{folder}: this library has no dense vectors (it was built BM25-only)")
        how = f"rebuild it with `corroborate index rebuild --library {folder}`"
        if store.vectors_pending():
            raise StaleVectorIndex(
                f"{folder}: some passages have no vector yet (an interrupted `corroborate index add`); run the "
                f"same `corroborate index add` again, or `corroborate index rebuild --library {folder}`"
            )
        meta = _read_meta(folder, how)
        if meta.get("embedder_hash") != embedder["hash"] or meta.get("dims") != embedder["dims"]:
            raise StaleVectorIndex(f"{folder / INDEX_FILE}: built for another embedding model; {how}")
        if meta.get("seq") != store.vector_seq():
            raise StaleVectorIndex(f"{folder / INDEX_FILE}: behind the database (an interrupted update?); {how}")
        path = folder / INDEX_FILE
        try:
            index = index_class.restore(str(path), view=True)
        except Exception as exc:  # usearch raises RuntimeError/ValueError on damaged files
            raise StaleVectorIndex(f"{path}: the vector index is damaged ({exc}); {how}") from exc
        if index is None or len(index) != meta.get("count") or index.ndim != embedder["dims"]:
            raise StaleVectorIndex(f"{path}: the vector index does not match its record; {how}")
        index.expansion_search = _EXPANSION_SEARCH
        return cls(index, meta)

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The `k` nearest passages as (passage id, cosine similarity), best first, ties by id."""
        if len(self._index) == 0:  # type: ignore[arg-type]
            return []
        found = self._index.search(vector.astype(np.float32), min(k, len(self._index)))  # type: ignore[attr-defined]
        hits = [(int(key), round(1.0 - float(dist), 6)) for key, dist in zip(found.keys, found.distances, strict=True)]
        return sorted(hits, key=lambda h: (-h[1], h[0]))

    def __len__(self) -> int:
        return len(self._index)  # type: ignore[arg-type]

    # -- writing -----------------------------------------------------------------------------------
    @classmethod
    def sync(cls, store: Store) -> VectorIndex:
        """Bring the index file up to date with the database: apply logged changes, or rebuild."""
        embedder = store.embedder()
        if embedder is None:
            raise StaleVectorIndex(f"{store.folder}: this library has no dense vectors")
        try:
            meta = _read_meta(store.folder, "")
            usable = meta.get("embedder_hash") == embedder["hash"] and meta.get("dims") == embedder["dims"]
            usable = usable and (store.folder / INDEX_FILE).is_file() and store.vector_log_covers(int(meta["seq"]))
        except (StaleVectorIndex, ValueError, KeyError, TypeError):
            usable = False
        if not usable:
            return cls.rebuild(store)
        try:
            index = _usearch_index().restore(str(store.folder / INDEX_FILE), view=False)
        except Exception:  # damaged: start again from the database
            return cls.rebuild(store)
        if index is None:
            return cls.rebuild(store)
        seq = int(meta["seq"])
        for removed, added, upto in store.vector_changes(seq, _CHUNK):
            drop = [k for k in removed + [pid for pid, _ in added] if index.contains(k)]
            if drop:
                index.remove(drop)
            if added:
                latest = dict(added)  # a passage embedded twice since the last update: its current vector, once
                _add(index, list(latest), np.stack(list(latest.values())))
            seq = upto
        return cls._save(store, index, seq, embedder)

    @classmethod
    def rebuild(cls, store: Store) -> VectorIndex:
        """Make the index file anew from every vector in the database."""
        embedder = store.embedder()
        if embedder is None:
            raise StaleVectorIndex(f"{store.folder}: this library has no dense vectors")
        seq = store.vector_seq()
        index = cls._new(int(embedder["dims"]))
        for ids, vectors in store.iter_vectors(_CHUNK):
            _add(index, ids, vectors)
        return cls._save(store, index, seq, embedder)

    @classmethod
    def _save(cls, store: Store, index: object, seq: int, embedder: dict[str, object]) -> VectorIndex:
        folder = store.folder
        tmp = folder / (INDEX_FILE + ".tmp")
        meta = {"seq": seq, "count": len(index), "dims": embedder["dims"],  # type: ignore[arg-type]
                "embedder": embedder["name"], "embedder_hash": embedder["hash"]}  # fmt: skip
        try:
            index.save(str(tmp))  # type: ignore[attr-defined]
            os.replace(tmp, folder / INDEX_FILE)
            write_text_atomically(folder / META_FILE, json.dumps(meta, indent=2))  # last: a crash before reads as stale
        except (OSError, RuntimeError) as exc:  # usearch raises RuntimeError for a failed write
            tmp.unlink(missing_ok=True)
            raise _write_error(folder, exc) from exc
        store.compact_vector_log(seq)
        return cls(index, meta)


def _add(index: object, ids: list[int], vectors: np.ndarray) -> None:
    # One thread: usearch's concurrent insertion leaves a few nodes no other node links to (seen: 3 of
    # 700 passages, 8 of 50,000 vectors), and such a passage is never found again by dense search. One
    # thread left none in the same trials, at about twice the time to build.
    index.add(np.array(ids), vectors, threads=1)  # type: ignore[attr-defined]


def _read_meta(folder: Path, how: str) -> dict[str, Any]:
    """The vector index's record; `StaleVectorIndex` when it is missing or not a record at all."""
    path = folder / META_FILE
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise StaleVectorIndex(f"{path}: the vector index is missing; {how}") from exc
    except (OSError, ValueError) as exc:
        raise StaleVectorIndex(f"{path}: the vector index is unreadable; {how}") from exc
    if not isinstance(meta, dict):  # `null`, a list: valid JSON, but no record
        raise StaleVectorIndex(f"{path}: the vector index's record is not what corroborate wrote; {how}")
    return meta


def _write_error(folder: Path, exc: Exception) -> LibraryError:
    rebuild = f"`corroborate index rebuild --library {folder}`"
    if getattr(exc, "errno", None) == errno.ENOSPC or "space" in str(exc).lower():
        return DiskFull(
            f"{folder}: the disk is full, so the vector index could not be written ({exc}); the database is "
            f"intact: free some space and run {rebuild}"
        )
    if getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM, errno.EROFS):
        return LibraryReadOnly(f"{folder}: cannot write the vector index ({exc}); give the folder write permission")
    return LibraryError(f"{folder}: cannot write the vector index ({exc}); the database is intact: run {rebuild}")
