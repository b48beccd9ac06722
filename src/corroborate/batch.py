"""`corroborate batch`: check many articles against one library on an engine's workers.

The driver (this process) finds the articles, skips those its output already holds (keyed by path and
the file's SHA-256, so a changed file is checked again), reads the rest, and hands them to the workers.
Each worker loads the models once and checks against the library read-only, through `api.check`, so a
report is the one `corroborate check --format json` writes for the same article. As each result comes
back the driver records it as a run in the library, as `check` does (the driver is the library's only
writer), then appends one line to the output:

    {"path": "...", "sha256": "...", "status": "done", "report": {...the JSON report...}}
    {"path": "...", "sha256": "...", "status": "failed", "error": "..."}

A bad article is a failed line with its reason; the batch goes on. A killed run keeps every line it
wrote (a line cut short by the kill is dropped when the output is opened again), and running it again
checks only what is missing.

A worker reads the library where the driver does: the same path on a filesystem every node mounts.
Workers on this machine read it as SQLite readers beside the driver. Joining a cluster (`--address`),
workers may be on other machines, where SQLite's write-ahead log cannot be shared (its index lives in
shared memory): the driver moves the log into the main file first and holds off moving the run records
it writes into it until the batch ends, and workers open the main file as an immutable snapshot, which
nothing changes while they read it. docs/cluster.md says how to set this up.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from corroborate.api import Library, _payload, check, find_claims, load_settings_verifier, read_article
from corroborate.config import Settings
from corroborate.engines import Engine, Failed, WorkerFactory
from corroborate.errors import CorroborateError, InputError, LibraryBusy
from corroborate.indexing import IndexReport, index_files
from corroborate.ingest import SUPPORTED_SUFFIXES, discover, file_hash
from corroborate.ingest.files import read_bytes
from corroborate.progress import progress
from corroborate.records import CheckResult, Document
from corroborate.report.json import to_dict
from corroborate.retrieve import Retriever
from corroborate.store import Store
from corroborate.store.connection import LibraryConnection

__all__ = [
    "ARTICLE_SUFFIXES",
    "BatchSummary",
    "Checker",
    "batch_workers",
    "find_articles",
    "index_sources",
    "run_batch",
]

# What `check` reads; inside a folder other files are left out (a .jsonl holds many documents, not an article).
ARTICLE_SUFFIXES = tuple(s for s in SUPPORTED_SUFFIXES if s != ".jsonl")


@dataclass
class BatchSummary:
    """What one `run_batch` did."""

    done: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    verdicts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def rate(self) -> float:
        """Articles checked (or failed) per second."""
        return (self.done + len(self.failed)) / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class _Article:
    path: str
    sha256: str


def find_articles(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, and inside folders (recursively, sorted) those with an article's suffix.

    Raises `InputError` for a path that does not exist.
    """
    found: list[Path] = []
    for path in paths:
        for entry in discover([path]):
            if entry.suffix.lower() in ARTICLE_SUFFIXES or entry == Path(path):
                found.append(entry)
    return found


# -- the workers' side ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Checker:
    """The worker factory for checking: called once in each worker, it opens the library read-only and
    loads the models (a first check of a short text warms every stage), then checks one `Document` per call.

    `snapshot` opens the library file as immutable (see the module docstring): for workers that may run
    on another machine than the driver. Frozen, so two for the same library and settings are equal and an
    engine keeps its started workers for either.
    """

    library: Path
    settings: Settings
    snapshot: bool = False

    WARM_UP = "The river rose 3 metres in Vellmar on Monday, the authority said."

    def __call__(self) -> Callable[[Document], CheckResult | Failed]:
        store = _open_snapshot(self.library) if self.snapshot else Store.open(self.library)
        store.read_only = True  # `check` records no run here: the driver records it
        library = Library(store, self.settings)
        load_settings_verifier(self.settings)
        Retriever.open(store, self.settings.retrieval)  # loads the query encoder and opens the vector index
        find_claims(Document("warm-up", "", "warm-up", self.WARM_UP, "", "txt"), self.settings)

        def check_one(doc: Document) -> CheckResult | Failed:
            try:
                return check(doc, library, self.settings)
            except CorroborateError as exc:
                return Failed(_reason(exc))

        return check_one


def _reason(exc: CorroborateError) -> str:
    """The message without the article's path, which its row names already."""
    return exc.reason if isinstance(exc, InputError) else str(exc)


def _open_snapshot(folder: Path) -> Store:
    """The library's main file as an immutable read-only SQLite database: no lock, no log, no shared memory."""
    db = Path(folder) / "corroborate.sqlite"
    conn = sqlite3.connect(
        f"file:{quote(str(db))}?mode=ro&immutable=1",
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        factory=LibraryConnection,
    )
    conn.db = db
    return Store(Path(folder), conn, read_only=True)


# -- the driver's side ----------------------------------------------------------------------------


def _hold_checkpoints(store: Store) -> None:
    """Move the write-ahead log into the main file, then keep this connection's writes (the run records)
    in the log until it closes, so the main file does not change under snapshot readers on other machines.

    Raises `LibraryBusy` when another process's open read keeps the log from being moved.
    """
    conn = store._conn  # the Store has no method for this yet: a pragma on its own connection
    busy, logged, moved = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy or (logged > 0 and moved < logged):
        raise LibraryBusy(
            f"{store.folder}: another process is reading or writing the library, so it cannot be shared with "
            "the cluster as a snapshot; wait until it is done (or stop `corroborate serve`) and run again"
        )
    conn.execute("PRAGMA wal_autocheckpoint=0")


def _finished(out: Path, retry_failed: bool) -> set[tuple[str, str | None]]:
    """The (path, sha256) keys the output already holds; drops a last line a killed run left unfinished."""
    keys: set[tuple[str, str | None]] = set()
    if not out.exists():
        return keys
    data = out.read_bytes()
    end = data.rfind(b"\n") + 1
    if end < len(data):
        with out.open("r+b") as f:
            f.truncate(end)
    for line in data[:end].splitlines():
        try:
            row = json.loads(line)
            key = (row["path"], row["sha256"])
        except (ValueError, KeyError, TypeError):
            continue
        if row.get("status") == "done" or not retry_failed:
            keys.add(key)
    return keys


def _record_run(store: Store, result: CheckResult) -> int:
    """Store a worker's result as a run, as `check` stores its own."""
    a = result.article
    run_id = store.start_run(a.origin, a.content_hash, result.settings, result.model["name"], result.model["sha256"])
    store.finish_run(run_id, [(v.claim.text, v.label.value, v.confidence, _payload(v)) for v in result.verdicts])
    return run_id


def run_batch(
    articles: Iterable[str | Path],
    library: Library,
    out: str | Path,
    engine: Engine,
    settings: Settings | None = None,
    retry_failed: bool = False,
    show_progress: bool = False,
    on_row: Callable[[dict[str, Any]], None] | None = None,
) -> BatchSummary:
    """Check every article of `articles` (files and folders) against `library` on `engine`'s workers,
    appending one JSON line per article to `out` as each finishes; see the module docstring.

    Articles already in `out` are skipped (failed ones too, unless `retry_failed`). `on_row` is called
    with each line written. Raises `InputError` for a path that does not exist or an unusable `out`,
    `LibraryError` for the library; never for one article.
    """
    started = time.perf_counter()
    settings = settings or library.settings
    out = Path(out)
    if out.is_dir() or not out.parent.is_dir():
        raise InputError("give a file in an existing folder for the results", out)
    summary = BatchSummary()
    done = _finished(out, retry_failed)
    todo: list[_Article] = []
    early: list[dict[str, Any]] = []
    max_bytes = int(settings.max_file_mb * 1e6)
    for path in find_articles(articles):
        try:
            sha = file_hash(read_bytes(path, max_bytes))
        except InputError as exc:  # unreadable or too large: keyed by its path alone
            if (str(path), None) in done:
                summary.skipped += 1
            else:
                early.append({"path": str(path), "sha256": None, "status": "failed", "error": _reason(exc)})
            continue
        if (str(path), sha) in done:
            summary.skipped += 1
        else:
            todo.append(_Article(str(path), sha))
    if _snapshot(engine) and not library.store.read_only:
        _hold_checkpoints(library.store)
    factory = batch_workers(library, engine, settings)

    def documents() -> Iterator[tuple[_Article, Document]]:
        for article in todo:
            try:
                yield article, read_article(article.path, settings)
            except InputError as exc:
                early.append(
                    {"path": article.path, "sha256": article.sha256, "status": "failed", "error": _reason(exc)}
                )

    with (
        out.open("a", encoding="utf-8") as sink,
        progress(total=len(todo) + len(early), desc="checking", unit="article", enabled=show_progress) as bar,
    ):

        def write(row: dict[str, Any]) -> None:
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            sink.flush()
            os.fsync(sink.fileno())
            if row["status"] == "done":
                summary.done += 1
                summary.verdicts.update(
                    {k: n for k, n in row["report"]["summary"]["verdicts"].items() if n}  # type: ignore[index]
                )
            else:
                summary.failed.append((row["path"], row["error"]))
            bar.update(1)
            if on_row is not None:
                on_row(row)

        def drain() -> None:
            while early:
                write(early.pop(0))

        drain()
        for (article, _), result in engine.imap(factory, documents()):
            drain()
            key = {"path": article.path, "sha256": article.sha256}
            if isinstance(result, CheckResult):
                _record_run(library.store, result)
                write({**key, "status": "done", "report": to_dict(result)})
            else:
                reason = result.reason if isinstance(result, Failed) else repr(result)
                write({**key, "status": "failed", "error": reason})
        drain()
    summary.seconds = time.perf_counter() - started
    return summary


def _snapshot(engine: Engine) -> bool:
    """Whether workers read the library as a snapshot: when the engine joined a cluster (`--address`)."""
    return getattr(engine, "address", None) is not None


def batch_workers(library: Library, engine: Engine, settings: Settings | None = None) -> WorkerFactory:
    """The factory `run_batch` runs on `engine`'s workers for `library` (an equal one each call): give it to
    `Engine.start` to start the workers, and load their models, before the batch (benchmarks do, to time
    start-up apart)."""
    return _Keyed(Checker(library.path.resolve(), settings or library.settings, _snapshot(engine)))


@dataclass(frozen=True)
class _Keyed:
    """Wraps the `Checker` factory for items that carry their article's key beside the document."""

    checker: Checker

    def __call__(self) -> Callable[[tuple[_Article, Document]], CheckResult | Failed]:
        check_one = self.checker()
        return lambda pair: check_one(pair[1])


def index_sources(
    library: Library, sources: Iterable[str | Path], engine: Engine, show_progress: bool = False
) -> IndexReport:
    """`Library.add` with reading, segmenting and embedding on `engine`'s workers; this process stores the
    results in the same batched transactions as `Library.add` (see `corroborate.indexing`)."""
    return index_files(library.store, sources, library.settings, show_progress, engine=engine)
