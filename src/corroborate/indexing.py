"""Indexing: source files → documents, passages, vectors in the library, in batched transactions.

Files are parsed one by one; their passages are embedded in batches across files (the encoder is
several times faster on a full batch), then each file is written inside its own savepoint. Writes are
committed every `_BATCH_FILES` files or `_BATCH_SECONDS`, so a killed run loses at most one batch, and
the vector index file is brought up to date at the end (or by the next run, if this one is killed).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from corroborate import segment
from corroborate.config import Settings
from corroborate.errors import CorroborateError, InputError, LibraryError
from corroborate.ingest import SUPPORTED_SUFFIXES, discover, file_hash, read_documents
from corroborate.ingest.files import read_bytes
from corroborate.progress import progress
from corroborate.records import Document, Passage
from corroborate.retrieve.encoder import SentenceEncoder, encoder_for, load_encoder
from corroborate.store import Store
from corroborate.store.vectors import VectorIndex

__all__ = ["IndexReport", "index_files", "open_encoder", "rebuild"]

_BATCH_FILES = 200
_BATCH_SECONDS = 2.0
# Passages gathered before one encoder call.
_EMBED_BATCH = 256


@dataclass
class IndexReport:
    """What one `Library.add` call did, file by file."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    passages: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class _ParsedFile:
    key: str
    sha: str
    size: int
    replaces: bool
    parts: list[tuple[Document, list[Passage]]]

    @property
    def passage_count(self) -> int:
        return sum(len(p) for _, p in self.parts)


def open_encoder(store: Store, settings: Settings) -> SentenceEncoder | None:
    """The encoder for `store`'s vectors, or None for a BM25-only library.

    A new library is dense unless `settings.dense` is False; the choice is recorded with its first
    document (`_write`). Raises `LibraryError` when the library's vectors come from another embedding
    model, or when BM25-only is asked of a library that keeps vectors.
    """
    dense = store.dense()
    if dense is None:
        return None if settings.dense is False else load_encoder(max_length=settings.embed_max_length)
    if settings.dense is False and dense:
        raise LibraryError(
            f"{store.folder}: this library keeps dense vectors; --bm25-only applies only when a library is created"
        )
    return encoder_for(store) if dense else None


def index_files(
    store: Store, sources: Iterable[str | Path], settings: Settings, show_progress: bool = False
) -> IndexReport:
    """Index files and folders (recursively) into `store`; see `Library.add`."""
    report = IndexReport()
    started = time.perf_counter()
    files: list[Path] = []
    for source in sources:
        try:
            files.extend(discover([source]))
        except InputError as exc:
            report.failed.append((str(source), exc.reason))
    encoder = open_encoder(store, settings)
    max_bytes = int(settings.max_file_mb * 1e6)
    pending: list[_ParsedFile] = []
    with progress(total=len(files), desc="indexing", unit="file", enabled=show_progress) as bar:
        batch_started = time.perf_counter()
        written = 0
        with store.batch() as commit:
            for path in files:
                parsed = _parse(store, path, max_bytes, settings, report)
                if parsed is not None:
                    pending.append(parsed)
                bar.update(1)
                due = written + len(pending) >= _BATCH_FILES or time.perf_counter() - batch_started > _BATCH_SECONDS
                if sum(p.passage_count for p in pending) >= _EMBED_BATCH or due:
                    written += _write(store, pending, encoder, settings, report, show_progress)
                    pending = []
                if due:
                    commit()
                    written, batch_started = 0, time.perf_counter()
            _write(store, pending, encoder, settings, report, show_progress)
    if encoder is not None and store.dense():
        VectorIndex.sync(store)
    report.seconds = time.perf_counter() - started
    return report


def _parse(store: Store, path: Path, max_bytes: int, settings: Settings, report: IndexReport) -> _ParsedFile | None:
    key = str(path.resolve())
    try:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            read_documents(path, max_bytes, settings.encoding)  # raises UnsupportedFormat
        data = read_bytes(path, max_bytes)
        previous = store.file_sha(key)
        if previous == file_hash(data):
            report.unchanged.append(key)
            return None
        sha, docs = read_documents(Path(key), max_bytes, settings.encoding)
    except CorroborateError as exc:
        report.failed.append((str(path), getattr(exc, "reason", str(exc))))
        return None
    parts = [(doc, segment.passages(doc.id, doc.text, settings.passage_chars)) for doc in docs]
    return _ParsedFile(key, sha, len(data), previous is not None, parts)


def _write(
    store: Store,
    files: list[_ParsedFile],
    encoder: SentenceEncoder | None,
    settings: Settings,
    report: IndexReport,
    show_progress: bool = False,
) -> int:
    """Embed the passages of `files` in one go, then store each file in its own savepoint."""
    if files and store.dense() is None:
        info = None
        if encoder is not None:
            info = {"name": encoder.name, "hash": encoder.hash, "dims": encoder.dims, "max_length": encoder.max_length}
        store.set_dense(encoder is not None, info)
    vectors: list[np.ndarray] = []
    if encoder is not None and files:
        texts = [p.text for f in files for _, passages in f.parts for p in passages]
        # A bar of its own only when the batch is large (one big JSONL file): the file bar would stand still.
        flat = encoder.encode(texts, settings.embed_batch_size, show_progress=show_progress and len(texts) > 1000)
        offset = 0
        for f in files:
            for _, passages in f.parts:
                vectors.append(flat[offset : offset + len(passages)])
                offset += len(passages)
    it = iter(vectors)
    for f in files:
        parts = [(doc, passages, next(it)) if encoder is not None else (doc, passages) for doc, passages in f.parts]
        try:
            skipped = store.replace_file(f.key, f.sha, f.size, parts)
        except CorroborateError as exc:
            report.failed.append((f.key, getattr(exc, "reason", str(exc))))
            continue
        (report.replaced if f.replaces else report.added).append(f.key)
        skipped_ids = {doc.id for doc, _ in skipped}
        for doc, other in skipped:
            report.duplicates.append((doc.origin, f"same text as {doc.id} from {other}; stored once"))
        for doc, passages in f.parts:
            if doc.id not in skipped_ids:
                report.documents += 1
                report.passages += len(passages)
    return len(files)


def rebuild(store: Store, settings: Settings, reembed: bool = False, show_progress: bool = False) -> dict[str, object]:
    """Rebuild the vector index file from the stored vectors; with `reembed`, embed every passage again first
    (after an embedding-model change). Returns what was done."""
    if not store.dense():
        raise LibraryError(f"{store.folder}: this library was built BM25-only; it has no vectors to rebuild")
    done: dict[str, object] = {"reembedded": 0}
    if reembed:
        encoder = load_encoder(max_length=settings.embed_max_length)
        total = store.passage_count()
        with progress(total=total, desc="re-embedding", unit="passage", enabled=show_progress) as bar, store.atomic():
            store.clear_vectors()
            for rows in store.iter_passage_texts(4096):
                store.put_vectors([r[0] for r in rows], encoder.encode([r[1] for r in rows], settings.embed_batch_size))
                bar.update(len(rows))
            info = {"name": encoder.name, "hash": encoder.hash, "dims": encoder.dims, "max_length": encoder.max_length}
            store.set_dense(True, info)
        done["reembedded"] = total
    index = VectorIndex.rebuild(store)
    done["vectors"] = len(index)
    return done
