"""Indexing: source files → documents, passages, vectors in the library, in batched transactions.

Indexing runs in two steps. First each file is parsed and stored (documents, passages with their
sentences' offsets, BM25 terms) inside its own savepoint; then the passages that have no vector yet are embedded in
batches, oldest first. Both steps commit every `_BATCH_SECONDS` (or `_BATCH_FILES` files, or
`_BATCH_PASSAGES` passages stored or embedded), so a killed run loses at most about that much work:
what was read is kept even before the (slow) encoder has seen it, and a rerun skips the stored files
and embeds what is missing. The vector index file is
brought up to date at the end (or by the next run, if this one is killed).

With an `engine` (`corroborate.engines`), reading and segmenting files and embedding passages run on its
workers; this process stays the only writer and stores their results in the same transactions, in the
files' order, so the library ends the same as without one. Both steps run on the same workers (one
factory, `worker_factory`: each loads the encoder once), and embedding is handed out one encoder batch
at a time, the very batches one process would run, so the vectors are the same to the bit and two
workers share even a short tail of passages.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from corroborate import analysis, segment
from corroborate.config import Settings
from corroborate.engines.base import Failed
from corroborate.errors import InputError, LibraryError, ModelError
from corroborate.ingest import SUPPORTED_SUFFIXES, discover, file_hash, read_documents
from corroborate.ingest.files import read_bytes, resolve
from corroborate.progress import progress
from corroborate.records import Document, Passage
from corroborate.retrieve.encoder import (
    DEFAULT_ENCODER_PATH,
    EMBEDDERS,
    SentenceEncoder,
    encoder_for,
    library_encoder,
    load_encoder,
)
from corroborate.store import Store
from corroborate.store.filing import FileRows
from corroborate.store.vectors import VectorIndex

if TYPE_CHECKING:
    from corroborate.engines import Engine, WorkerFactory

__all__ = ["IndexReport", "index_files", "open_encoder", "read_source", "rebuild", "worker_factory"]

_BATCH_SECONDS = 2.0
# Bounds on a commit besides the time, so that the work a kill loses, and the parsed files the writer
# holds until the commit, stay small when the writer is fast. A commit costs the same few pages
# (indexes' inner pages, FTS5's structure, a new FTS5 segment to merge later) however much it holds:
# at 200 files a commit the single writer spent a third of its time committing (issue 18).
_BATCH_FILES = 1_000
_BATCH_PASSAGES = 5_000
# Passages per encoder call: about a second of work on two cores, so commits stay near `_BATCH_SECONDS`.
_EMBED_BATCH = 256


@dataclass
class IndexReport:
    """What one `Library.add` call did, file by file."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    # Paths inside a folder that were deliberately not followed (links out of it), with the reason.
    skipped: list[tuple[str, str]] = field(default_factory=list)
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
    document (`_store`). Raises `LibraryError` when the library's vectors come from another embedding
    model, or when BM25-only is asked of a library that keeps vectors.
    """
    dense = store.dense()
    if dense is None:
        return None if settings.dense is False else library_encoder(settings.embed_max_length)
    if settings.dense is False and dense:
        raise LibraryError(
            f"{store.folder}: this library keeps dense vectors; --bm25-only applies only when a library is created"
        )
    return encoder_for(store) if dense else None


def index_files(
    store: Store,
    sources: Iterable[str | Path],
    settings: Settings,
    show_progress: bool = False,
    engine: Engine | None = None,
) -> IndexReport:
    """Index files and folders (recursively) into `store`; see `Library.add`. With `engine`, files are read
    and passages embedded on its workers (see the module docstring).

    Raises `LibraryReadOnly` for a read-only library and `DiskFull` when space runs out (what was
    committed until then is kept); a bad file is listed in the report, not raised.
    """
    report = IndexReport()
    started = time.perf_counter()
    files: list[Path] = []
    for source in sources:
        try:
            files.extend(discover([source], on_skip=lambda path, why: report.skipped.append((str(path), why))))
        except InputError as exc:
            report.failed.append((str(source), exc.reason))
    encoder = open_encoder(store, settings)
    if encoder is not None:
        # Reads the vector watermark, so a damaged one is refused (`LibraryDamaged`) before anything is
        # written: what was read is committed before the embedding step, which would find it too late.
        store.vectors_pending()
    max_bytes = int(settings.max_file_mb * 1e6)
    factory = _IndexWorker(max_bytes, settings, _encoder_spec(encoder)) if engine is not None else None
    with store.batch() as commit:
        writer = _Writer(store, encoder, report)
        commits = _Commits(commit, before=writer.flush)
        with progress(total=len(files), desc="indexing", unit="file", enabled=show_progress) as bar:
            for parsed in _parse_all(writer, files, max_bytes, settings, report, engine, factory):
                if parsed is not None:
                    writer.add(parsed)
                bar.update(1)
                commits.tick(files=1, passages=parsed.passage_count if parsed is not None else 0)
        if encoder is not None:
            commits.now()  # what was read is kept before the (slow) encoder has seen it
            _embed_missing(store, encoder, settings, commits, show_progress, engine, factory)
        writer.flush()
    if encoder is not None and store.dense():
        VectorIndex.sync(store)
    report.seconds = time.perf_counter() - started
    return report


class _Commits:
    """Commits the batch when `_BATCH_SECONDS` have passed, `_BATCH_FILES` files were read or
    `_BATCH_PASSAGES` passages read or embedded since the last commit: the most work a killed run can lose."""

    def __init__(self, commit: Callable[[], None], before: Callable[[], None] = lambda: None) -> None:
        self._commit = commit
        self._before = before  # writes held back until the commit (`_Writer.flush`)
        self._since = time.perf_counter()
        self._files = 0
        self._passages = 0

    def tick(self, files: int = 0, passages: int = 0) -> None:
        self._files += files
        self._passages += passages
        if (
            self._files >= _BATCH_FILES
            or self._passages >= _BATCH_PASSAGES
            or time.perf_counter() - self._since > _BATCH_SECONDS
        ):
            self.now()

    def now(self) -> None:
        """Commit the work so far."""
        self._before()
        self._commit()
        self._files, self._passages, self._since = 0, 0, time.perf_counter()


def _parse(writer: _Writer, path: Path, max_bytes: int, settings: Settings, report: IndexReport) -> _ParsedFile | None:
    try:
        key = str(resolve(path))
        previous = writer.file_sha(key)
    except InputError as exc:
        report.failed.append((str(path), exc.reason))
        return None
    return _outcome(read_source(path, key, previous, max_bytes, settings), path, key, report)


def read_source(
    path: Path, key: str, previous: str | None, max_bytes: int, settings: Settings
) -> _ParsedFile | Failed | None:
    """Read and segment the file `path` (stored under `key`, its resolved path); None when its SHA-256 is
    `previous` (unchanged), `Failed` with the reason for a bad file. Touches no library: runs on workers."""
    try:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            read_documents(path, max_bytes, settings.encoding)  # raises UnsupportedFormat
        data = read_bytes(path, max_bytes)
        if previous == file_hash(data):
            return None
        sha, docs = read_documents(Path(key), max_bytes, settings.encoding)
    except InputError as exc:
        return Failed(exc.reason)
    parts = [(doc, analysed(segment.passages(doc.id, doc.text, settings.passage_chars))) for doc in docs]
    return _ParsedFile(key, sha, len(data), previous is not None, parts)


def analysed(passages: Sequence[Passage]) -> list[Passage]:
    """The passages with their BM25 terms made here, on the worker that read them, so that the library's
    single writer only stores them (making them was half its time per passage)."""
    return [replace(p, terms=" ".join(analysis.terms(p.text))) for p in passages]


def _outcome(result: _ParsedFile | Failed | None, path: Path, key: str, report: IndexReport) -> _ParsedFile | None:
    if isinstance(result, Failed):
        report.failed.append((str(path), result.reason))
        return None
    if result is None:
        report.unchanged.append(key)
    return result


def _parse_all(
    writer: _Writer,
    files: list[Path],
    max_bytes: int,
    settings: Settings,
    report: IndexReport,
    engine: Engine | None,
    factory: _IndexWorker | None,
) -> Iterator[_ParsedFile | None]:
    """Each file parsed (None when unchanged or bad: `report` says which), in order, here or on `engine`."""
    if engine is None or factory is None:
        for path in files:
            yield _parse(writer, path, max_bytes, settings, report)
        return
    unresolved: list[Path] = []

    def tasks() -> Iterator[tuple[str, Path, str, str | None]]:
        for path in files:
            try:
                key = str(resolve(path))
            except InputError as exc:
                report.failed.append((str(path), exc.reason))
                unresolved.append(path)
                continue
            yield _READ, path, key, writer.file_sha(key)

    for (_, path, key, _), result in engine.imap(factory, tasks(), ordered=True):
        while unresolved:
            unresolved.pop()
            yield None
        yield _outcome(result, path, key, report)
    yield from (None for _ in unresolved)


_READ, _EMBED = "read", "embed"


def _encoder_spec(encoder: SentenceEncoder | None) -> tuple[str, int, str] | None:
    """What a worker needs to load the library's encoder: its name, token limit and hash."""
    return None if encoder is None else (encoder.name, encoder.max_length, encoder.hash)


def worker_factory(store: Store, settings: Settings) -> WorkerFactory:
    """The factory `index_files` runs on an engine's workers for `store` (an equal one each call): give it
    to `Engine.start` to start the workers, and load their encoder, before indexing (benchmarks do, to
    time start-up apart). Raises what `open_encoder` raises."""
    return _IndexWorker(int(settings.max_file_mb * 1e6), settings, _encoder_spec(open_encoder(store, settings)))


@dataclass(frozen=True)
class _IndexWorker:
    """Worker factory for `index add`: loads the library's encoder (`encoder`: name, token limit, hash;
    None for a BM25-only library) once, when the worker starts, then runs two kinds of task:
    ("read", path, key, previous SHA-256) with `read_source`, and ("embed", texts) with the encoder.
    Frozen, so equal for the same library and settings: the engine keeps its workers for both steps."""

    max_bytes: int
    settings: Settings
    encoder: tuple[str, int, str] | None

    def __call__(self) -> Callable[[tuple[Any, ...]], Any]:
        encoder = None
        if self.encoder is not None:
            name, max_length, encoder_hash = self.encoder
            encoder = load_encoder(EMBEDDERS.get(name, DEFAULT_ENCODER_PATH), max_length)
            if encoder.hash != encoder_hash:
                raise ModelError(
                    f"{encoder.name}: a worker's embedding model differs from the library's; install the same corroborate on every node"
                )

        def run(task: tuple[Any, ...]) -> Any:
            if task[0] == _READ:
                return read_source(*task[1:], self.max_bytes, self.settings)
            if encoder is None:
                raise ModelError("passages to embed were sent to a worker of a BM25-only library")
            return encoder.encode(task[1], self.settings.embed_batch_size)

        return run


class _Writer:
    """Parsed files held until the next commit, then stored together with one `Store.replace_files`: a
    few statements per batch instead of a dozen per file (issue 18). A kill loses them with the batch."""

    def __init__(self, store: Store, encoder: SentenceEncoder | None, report: IndexReport) -> None:
        self.store = store
        self.encoder = encoder
        self.report = report
        self.pending: dict[str, _ParsedFile] = {}  # by key: a file named twice is stored twice, in order
        self.held: list[_ParsedFile] = []

    def file_sha(self, key: str) -> str | None:
        """The file's SHA-256 as stored, or as it will be once the files held are."""
        held = self.pending.get(key)
        return held.sha if held is not None else self.store.file_sha(key)

    def add(self, parsed: _ParsedFile) -> None:
        self.held.append(parsed)
        self.pending[parsed.key] = parsed

    def flush(self) -> None:
        """Store the files held, in the order they came."""
        if not self.held:
            return
        self._prepare()
        rows = [FileRows(p.key, p.sha, p.size, p.parts) for p in self.held]
        for parsed, skipped in zip(self.held, self.store.replace_files(rows), strict=True):
            _report_stored(parsed, skipped, self.report)
        self.held, self.pending = [], {}

    def _prepare(self) -> None:
        """Record, with the library's first documents, whether it keeps vectors and from which model; and
        the vector watermark before the first passage that will need one."""
        store, encoder = self.store, self.encoder
        if store.dense() is None:
            info = None
            if encoder is not None:
                info = {
                    "name": encoder.name,
                    "hash": encoder.hash,
                    "dims": encoder.dims,
                    "max_length": encoder.max_length,
                }
            store.set_dense(encoder is not None, info)
        if encoder is not None:
            store.start_vector_watermark()


def _report_stored(parsed: _ParsedFile, skipped: list[tuple[Document, str]], report: IndexReport) -> None:
    (report.replaced if parsed.replaces else report.added).append(parsed.key)
    skipped_ids = {doc.id for doc, _ in skipped}
    for doc, other in skipped:
        report.duplicates.append((doc.origin, f"same text as {doc.id} from {other}; stored once"))
    for doc, passages in parsed.parts:
        if doc.id not in skipped_ids:
            report.documents += 1
            report.passages += len(passages)


def _embed_missing(
    store: Store,
    encoder: SentenceEncoder,
    settings: Settings,
    commits: _Commits,
    show_progress: bool = False,
    engine: Engine | None = None,
    factory: _IndexWorker | None = None,
) -> int:
    """Embed every passage that has no vector yet (this run's, or a killed run's), committing as it goes.

    With `engine` (and its `factory`), batches are embedded on its workers, a few per worker at a time,
    and stored in order. Returns how many were embedded.
    """
    done = 0
    window = 1 if engine is None else 4 * engine.workers  # batches fetched at once
    with progress(
        total=store.passages_without_vectors(), desc="embedding", unit="passage", enabled=show_progress
    ) as bar:
        while rows := store.next_passages_without_vectors(_EMBED_BATCH * window):
            chunks = [rows[i : i + _EMBED_BATCH] for i in range(0, len(rows), _EMBED_BATCH)]
            for chunk, vectors in zip(chunks, _encode(encoder, settings, chunks, engine, factory), strict=True):
                store.put_missing_vectors([pid for pid, _ in chunk], vectors)
                done += len(chunk)
                bar.update(len(chunk))
                commits.tick(passages=len(chunk))
    return done


def _encode(
    encoder: SentenceEncoder,
    settings: Settings,
    chunks: list[list[tuple[int, str]]],
    engine: Engine | None,
    factory: _IndexWorker | None = None,
) -> Iterator[np.ndarray]:
    """Each chunk's vectors, in order. On `engine`, each chunk is cut into the encoder batches
    `SentenceEncoder.encode` would run on it here (sorted by length, `embed_batch_size` at a time) and each
    batch is a task: the int8 encoder's vectors depend on their batch-mates, so the same batches give the
    same vectors to the bit, and small tasks keep every worker busy to the end."""
    texts = [[text for _, text in chunk] for chunk in chunks]
    if engine is None or factory is None:
        yield from (encoder.encode(t, settings.embed_batch_size) for t in texts)
        return
    size = settings.embed_batch_size
    orders = [sorted(range(len(t)), key=lambda i, t=t: (len(t[i]), i)) for t in texts]
    tasks = [(n, order[start : start + size]) for n, order in enumerate(orders) for start in range(0, len(order), size)]
    out = [np.zeros((len(t), encoder.dims), dtype=np.float32) for t in texts]
    left = [len(t) for t in texts]
    done = 0
    results = engine.imap(factory, ((_EMBED, [texts[n][i] for i in idx]) for n, idx in tasks), ordered=True)
    for (n, idx), (_, vectors) in zip(tasks, results, strict=True):
        if isinstance(vectors, Failed):
            raise ModelError(f"embedding passages on a worker failed: {vectors.reason}")
        out[n][idx] = vectors
        left[n] -= len(idx)
        while done < len(out) and left[done] == 0:  # chunks in order, each as soon as it is whole
            yield out[done]
            done += 1


def rebuild(store: Store, settings: Settings, reembed: bool = False, show_progress: bool = False) -> dict[str, object]:
    """Rebuild the vector index file from the stored vectors; with `reembed`, embed every passage again first
    (after an embedding-model change). Passages a killed `index add` left without a vector are embedded
    first. Returns what was done: `vectors`, `reembedded`, `embedded`."""
    if not store.dense():
        raise LibraryError(f"{store.folder}: this library was built BM25-only; it has no vectors to rebuild")
    done: dict[str, object] = {"reembedded": 0, "embedded": 0}
    if not reembed and store.passages_without_vectors():  # left by a killed `index add`
        encoder = encoder_for(store)
        with store.batch() as commit:
            done["embedded"] = _embed_missing(store, encoder, settings, _Commits(commit), show_progress)
    if reembed:
        encoder = library_encoder(settings.embed_max_length)
        total = store.passage_count()
        with progress(total=total, desc="re-embedding", unit="passage", enabled=show_progress) as bar, store.atomic():
            store.clear_vectors()
            for rows in store.iter_passage_texts(4096):
                store.put_vectors([r[0] for r in rows], encoder.encode([r[1] for r in rows], settings.embed_batch_size))
                bar.update(len(rows))
            store.mark_all_vectors_present()
            info = {"name": encoder.name, "hash": encoder.hash, "dims": encoder.dims, "max_length": encoder.max_length}
            store.set_dense(True, info)
        done["reembedded"] = total
    index = VectorIndex.rebuild(store)
    done["vectors"] = len(index)
    return done
