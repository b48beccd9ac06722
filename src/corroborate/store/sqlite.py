"""`Store`: the one owner of all SQL. A library is a folder holding `corroborate.sqlite` (WAL mode)."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from corroborate import analysis
from corroborate.errors import LibraryBusy, LibraryDamaged, LibraryError, LibraryReadOnly
from corroborate.records import Document
from corroborate.store import filing, lexical, sentences
from corroborate.store.connection import BUSY_TIMEOUT_S, connect
from corroborate.store.filing import FileRows, ParsedDocument
from corroborate.store.opening import (
    DB_NAME,
    check_can_create,
    create_library,
    identify,
    remove_dead_creations,
    schema_version,
    upgrade,
)
from corroborate.store.schema import MIGRATIONS
from corroborate.store.sentences import SentenceRow

__all__ = ["DB_NAME", "FileRows", "ParsedDocument", "PassageHit", "SentenceRow", "Store"]

_BUSY_NOTICE_S = 1.0
# A long write (`Store.batch`) runs with a page cache that holds a whole commit's pages: SQLite's default
# of 2 MB spilled a batch of 2,000 small files (~10 MB of rows and index pages) to the log before its
# commit and read its indexes back from it. Memory only; nothing about what reaches the disk changes.
_BATCH_CACHE_KIB = 64 * 1024
# ... and checkpoints (copying the log into the main file, with its fsyncs) every ~40 MB of log
# instead of every 4 MB (1,000 pages): the pages that every commit touches (index interiors, the FTS5
# structure) are copied once per checkpoint, so fewer checkpoints copy fewer pages. The log is as
# durable as before (WAL, synchronous=NORMAL: a crash loses no committed transaction, a power cut at
# most the last ones, and never leaves a half-written one); it only grows to ~40 MB before it is reused.
_BATCH_CHECKPOINT_PAGES = 10_000
_WRITER_GAP_S = 0.02
_WRITER_GAP_EVERY_S = 0.5
# Terms whose document frequency a store remembers (a few MB); past that the cache starts again.
_FREQUENCIES_CACHED = 100_000
# Values bound to one `IN (...)`: well under SQLite's limit of host parameters (32,766; 999 before 3.32).
_IN_CHUNK = 500

logger = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class PassageHit:
    passage_id: int
    doc_id: str
    score: float


class Store:
    """The SQLite system of record of one library.

    Open with `Store.open(folder, create=...)`. Writes go through `atomic()`, which nests with
    savepoints, so a failed file leaves the library exactly as it was.
    """

    def __init__(self, folder: Path, conn: sqlite3.Connection, read_only: bool = False) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self._conn = conn
        self._depth = 0
        self._passage_count: tuple[tuple[int, int], int] | None = None
        self._frequencies: tuple[tuple[int, int], dict[str, int]] = ((-1, -1), {})
        self._totals: tuple[tuple[int, int], tuple[int, int] | None] | None = None
        # True when the folder or file cannot be written: reads work, writes raise `LibraryReadOnly`.
        self.read_only = read_only

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, folder: str | Path, create: bool = False) -> Store:
        """Open the library in `folder`; with `create`, make it when the folder is new or empty.

        Opening takes no write lock unless the schema must be upgraded, so reading a library never
        waits behind a writer. A library in a read-only folder opens read-only.

        Raises `LibraryError` when the folder does not exist (and `create` is false), is a file, or
        holds other things but no library; `LibraryDamaged` when the library file is empty or corrupt.
        """
        folder = Path(folder).expanduser()
        db = folder / DB_NAME
        if folder.exists() and not folder.is_dir():
            raise LibraryError(f"{folder}: is a file, not a library folder; give the folder that holds {DB_NAME}")
        if not db.exists():
            check_can_create(folder, create)
            create_library(db)
        elif db.stat().st_size == 0:
            # corroborate never leaves an empty file (a library is created whole, then linked into
            # place), so this is a truncated copy or a failed disk: reusing it would hide the loss.
            raise LibraryDamaged(
                f"{db}: the library file is empty (0 bytes), so the library it held is lost; restore it "
                f"from a backup, or delete the empty file and rebuild with "
                f"`corroborate index add SOURCES --library {folder}`"
            )
        read_only = not (os.access(db, os.W_OK) and os.access(folder, os.W_OK))
        if not read_only:  # a creation killed just after linking the library into place left its other name
            remove_dead_creations(folder)
        conn = connect(db, read_only)
        try:
            identify(conn, db)
            if not read_only and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            store = cls(folder, conn, read_only)
            store._migrate()
        except BaseException:
            conn.close()
            raise
        return store

    def _migrate(self) -> None:
        """Apply the migrations this library lacks; a write lock is taken only when one is lacking."""
        newest = max(MIGRATIONS)
        current = schema_version(self._conn)
        if current > newest:
            raise LibraryError(f"{self.path}: made by a newer corroborate (schema {current}); upgrade corroborate")
        if current == newest:
            return
        if self.read_only:
            raise LibraryReadOnly(
                f"{self.folder}: this library must be upgraded to schema {newest} before use, but it is "
                "read-only; open it once with write permission (any `corroborate index stats`)"
            )
        with self.atomic():
            upgrade(self._conn)  # checks again under the lock: another process may have done it

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------------
    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A transaction; nested calls become savepoints. Everything inside commits or nothing does."""
        name = f"sp{self._depth}"
        if self._depth == 0:
            self._begin()
        else:
            self._conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._rollback()
            elif self._conn.in_transaction:  # SQLite may have rolled back all on a full disk
                self._conn.execute(f"ROLLBACK TO {name}")
                self._conn.execute(f"RELEASE {name}")
            raise
        self._depth -= 1
        self._conn.execute("COMMIT" if self._depth == 0 else f"RELEASE {name}")

    @contextmanager
    def batch(self) -> Iterator[Callable[[], None]]:
        """A long write split into commits: call the yielded function to commit the work so far.

        Work after the last commit is rolled back on error, so a killed or failed run loses at most
        one step and never leaves half a step behind.
        """
        if self._depth:
            raise RuntimeError("Store.batch() cannot run inside another transaction")

        paused = time.perf_counter()
        conn = self._conn
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        checkpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]

        def commit() -> None:
            nonlocal paused
            self._conn.execute("COMMIT")
            # A writer waiting for the lock polls every 100 ms or so; without a pause it would never
            # find this run between two of its transactions, and wait for the whole run. At most one
            # pause per `_WRITER_GAP_EVERY_S` still lets it in within seconds, and costs a run of quick
            # commits (200 short files stored in a few ms) at most 4% of its time, not most of it.
            if time.perf_counter() - paused >= _WRITER_GAP_EVERY_S:
                time.sleep(_WRITER_GAP_S)
                paused = time.perf_counter()
            self._begin()

        conn.execute(f"PRAGMA cache_size=-{_BATCH_CACHE_KIB}")
        if checkpoint > 0:  # 0: checkpoints are held on purpose (`batch` on a cluster): left so
            conn.execute(f"PRAGMA wal_autocheckpoint={max(checkpoint, _BATCH_CHECKPOINT_PAGES)}")
        try:
            self._begin()
            self._depth = 1
            try:
                yield commit
            except BaseException:
                self._rollback()
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0
        finally:
            conn.execute(f"PRAGMA cache_size={cache}")
            conn.execute(f"PRAGMA wal_autocheckpoint={checkpoint}")

    def _begin(self) -> None:
        """Take the write lock, waiting as long as another writer holds it (and saying so, once)."""
        if self.read_only:
            raise LibraryReadOnly(
                f"{self.folder}: the library is read-only, so this cannot be written; searching and "
                "checking against it work; to write, give the folder and its files write permission "
                "(for example `chmod -R u+w`) or work on a copy in a writable place"
            )
        timeout = int(BUSY_TIMEOUT_S * 1000)
        self._conn.execute(f"PRAGMA busy_timeout={int(_BUSY_NOTICE_S * 1000)}")
        told = False
        try:
            while True:
                try:
                    self._conn.execute("BEGIN IMMEDIATE")
                    return
                except LibraryBusy:
                    if not told:
                        logger.warning("%s: library busy: another indexing run is writing; waiting…", self.folder)
                        told = True
                    self._conn.execute(f"PRAGMA busy_timeout={timeout}")
        finally:
            self._conn.execute(f"PRAGMA busy_timeout={timeout}")

    def _rollback(self) -> None:
        # After a full disk or I/O error SQLite may already have rolled the transaction back.
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    # -- files and documents -------------------------------------------------------------------
    def file_sha(self, path: str) -> str | None:
        row = self._conn.execute("SELECT sha256 FROM files WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def document_file(self, doc_id: str) -> str | None:
        """The first file (by path) that holds the document, or None when it is not stored."""
        row = self._conn.execute("SELECT min(file_path) FROM document_files WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def replace_file(
        self, path: str, sha: str, size: int, documents: Sequence[ParsedDocument]
    ) -> list[tuple[Document, str]]:
        """Store a file's documents in place of its previous version, atomically.

        Each entry is (document, passages) or (document, passages, vectors), one vector per passage.

        A text already stored (from another file) is linked, not stored twice; those documents are
        returned, each with the other file's path. Texts that no file links to any more are removed.
        """
        return self.replace_files([FileRows(path, sha, size, documents)])[0]

    def replace_files(self, files: Sequence[FileRows]) -> list[list[tuple[Document, str]]]:
        """Store several files as `replace_file` would one after another, atomically, leaving the same
        rows and ids; returns each file's documents that were already stored from another file.

        The whole batch is a few statements per table (`filing.plan`), not a dozen per file: that was
        most of the single writer's time (issue 18).
        """
        if not files:
            return []
        with self.atomic():
            stored, linked = self._links_of(files)
            steps, skipped = filing.plan(files, stored, linked)
            next_id = self._next_passage_id()
            for step in steps:
                next_id = self._write_step(step, next_id)
        return skipped

    def _links_of(self, files: Sequence[FileRows]) -> tuple[set[str], dict[str, set[str]]]:
        """Which of the documents the files hold or held are stored, and the paths linking each."""
        paths = sorted({f.path for f in files})
        previous = self._select_in("SELECT doc_id FROM document_files WHERE file_path IN ({})", paths)
        doc_ids = sorted({entry[0].id for f in files for entry in f.documents} | {r[0] for r in previous})
        stored = {r[0] for r in self._select_in("SELECT id FROM documents WHERE id IN ({})", doc_ids)}
        linked: dict[str, set[str]] = {}
        for doc_id, path in self._select_in(
            "SELECT doc_id, file_path FROM document_files WHERE doc_id IN ({})", doc_ids
        ):
            linked.setdefault(doc_id, set()).add(path)
        return stored, linked

    def _select_in(self, sql: str, values: Sequence[str] | Sequence[int]) -> list[tuple]:
        """Rows of `sql` whose `IN ({})` takes `values`, asked in chunks under SQLite's variable limit."""
        rows: list[tuple] = []
        for i in range(0, len(values), _IN_CHUNK):
            chunk = values[i : i + _IN_CHUNK]
            rows.extend(self._conn.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall())
        return rows

    def _next_passage_id(self) -> int:
        """The id AUTOINCREMENT would give the next passage: passages get their ids here, so that one
        `executemany` can store them and the rows that point at them."""
        row = self._conn.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'passages'), 0), "
            "(SELECT coalesce(max(id), 0) FROM passages)) + 1"
        ).fetchone()
        return int(row[0])

    def _write_step(self, step: filing.Step, next_id: int) -> int:
        """Write one step of `filing.plan`; returns the next free passage id."""
        c = self._conn
        now = _now()
        c.executemany("DELETE FROM files WHERE path = ?", [(f.path,) for f in step.files])
        c.executemany("INSERT INTO files VALUES (?, ?, ?, ?)", [(f.path, f.sha, f.size, now) for f in step.files])
        next_id = self._insert_documents(step.new, next_id, now)
        c.executemany("INSERT OR IGNORE INTO document_files VALUES (?, ?, ?)", step.links)
        self._drop_orphans(step.orphans)
        return next_id

    def file_documents(self, path: str) -> list[str]:
        """Ids of the documents a stored file holds."""
        return self._file_doc_ids(path)

    def set_origin(self, path: str, name: str) -> None:
        """Show the documents first seen in file `path` as coming from `name` (an upload's own name)."""
        with self.atomic():
            for table, key in (("documents", "id"), ("document_files", "doc_id")):
                self._conn.execute(
                    f"UPDATE {table} SET origin = ? || substr(origin, ?) "
                    f"WHERE {key} IN (SELECT doc_id FROM document_files WHERE file_path = ?) AND substr(origin, 1, ?) = ?",
                    (name, len(path) + 1, path, len(path), path),
                )

    def _file_doc_ids(self, path: str) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT doc_id FROM document_files WHERE file_path = ?", (path,))]

    def _drop_orphans(self, doc_ids: Iterable[str]) -> None:
        for doc_id in set(doc_ids):
            self._conn.execute(
                "DELETE FROM documents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM document_files WHERE doc_id = ?)",
                (doc_id, doc_id),
            )

    def _insert_documents(self, entries: Sequence[ParsedDocument], next_id: int, now: str) -> int:
        """Insert documents new to the library with their passages (ids from `next_id` on, each with its
        sentences' offsets), terms and any vectors; returns the next free passage id."""
        documents, passages, terms = [], [], []
        vector_ids: list[int] = []
        vectors: list[np.ndarray] = []
        for doc, doc_passages, *doc_vectors in entries:
            documents.append(
                (doc.id, doc.origin, doc.title, doc.format, doc.date, doc.url, doc.content_hash, doc.text, now)
            )
            ids = range(next_id, next_id + len(doc_passages))
            next_id += len(doc_passages)
            for pid, passage in zip(ids, doc_passages, strict=True):
                passages.append((pid, doc.id, passage.index, passage.start, passage.end, *sentences.encode(passage)))
                text = passage.terms if passage.terms is not None else " ".join(analysis.terms(passage.text))
                terms.append((pid, text))
            if doc_vectors:
                vector_ids.extend(ids)
                vectors.extend(doc_vectors[0])
        c = self._conn
        c.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", documents)
        c.executemany(
            'INSERT INTO passages(id, doc_id, idx, start, "end", first_sentence, sentence_spans) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            passages,
        )
        c.executemany("INSERT INTO passage_terms(rowid, terms) VALUES (?, ?)", terms)
        if vector_ids:
            self.put_vectors(vector_ids, np.stack(vectors))
        return next_id

    def remove(self, key: str) -> list[str]:
        """Remove a document by id, or every document of a file by its path; returns the removed ids.

        The files that held a removed document are marked stale, so the next `index add` of such a
        file reads it again (and so brings the document back if the file still holds it).
        """
        with self.atomic():
            if self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (key,)).fetchone():
                self._conn.execute(
                    "UPDATE files SET sha256 = '' WHERE path IN (SELECT file_path FROM document_files WHERE doc_id = ?)",
                    (key,),
                )
                self._conn.execute("DELETE FROM documents WHERE id = ?", (key,))
                return [key]
            ids = self._file_doc_ids(key)
            self._conn.execute("DELETE FROM files WHERE path = ?", (key,))
            self._drop_orphans(ids)
        return sorted(set(ids))

    def documents(self) -> list[dict[str, object]]:
        rows = self._conn.execute(
            "SELECT d.id, d.title, d.origin, d.format, d.date, length(d.text), "
            "(SELECT count(*) FROM passages p WHERE p.doc_id = d.id) FROM documents d ORDER BY d.origin, d.id"
        )
        keys = ("id", "title", "origin", "format", "date", "chars", "passages")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def document(self, doc_id: str) -> dict[str, object] | None:
        row = self._conn.execute(
            "SELECT id, title, origin, format, date, url, content_hash FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        keys = ("id", "title", "origin", "format", "date", "url", "content_hash")
        return dict(zip(keys, row, strict=True)) if row else None

    def stats(self) -> dict[str, object]:
        one = lambda sql: self._conn.execute(sql).fetchone()[0]  # noqa: E731
        size = sum(p.stat().st_size for p in self.folder.iterdir() if p.is_file())
        return {
            "library": str(self.folder),
            "files": one("SELECT count(*) FROM files"),
            "documents": one("SELECT count(*) FROM documents"),
            "passages": one("SELECT count(*) FROM passages"),
            "sentences": one("SELECT coalesce(sum(json_array_length(sentence_spans)), 0) / 2 FROM passages"),
            "characters": one("SELECT coalesce(sum(length(text)), 0) FROM documents"),
            "vectors": one("SELECT count(*) FROM passage_vectors"),
            "embedder": (self.embedder() or {}).get("name"),
            "runs": one("SELECT count(*) FROM runs"),
            "created_at": one("SELECT value FROM meta WHERE key = 'created_at'"),
            "last_indexed_at": one("SELECT max(indexed_at) FROM files"),
            "disk_bytes": size,
        }

    def counts(self) -> dict[str, int]:
        """Documents and passages: cheap, unlike `stats`, which scans all text."""
        docs = self._conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        return {"documents": docs, "passages": self.passage_count()}

    def integrity_ok(self) -> bool:
        ok = self._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        fts = self._conn.execute("SELECT count(*) FROM passage_terms").fetchone()[0]
        passages = self._conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        return ok and fts == passages and not self._conn.execute("PRAGMA foreign_key_check").fetchall()

    # -- retrieval -----------------------------------------------------------------------------
    def _version(self) -> tuple[int, int]:
        """Changes by this connection and by others: when it moves, cached counts are stale."""
        return self._conn.total_changes, self._conn.execute("PRAGMA data_version").fetchone()[0]

    def passage_count(self) -> int:
        """Passages in the library; cached until this or another connection writes (count(*) scans)."""
        version = self._version()
        if self._passage_count is None or self._passage_count[0] != version:
            self._passage_count = (version, self._conn.execute("SELECT count(*) FROM passages").fetchone()[0])
        return self._passage_count[1]

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """Passages holding each term; cached like `passage_count` (fts5vocab reads a term's whole
        posting list to count it: 4 ms a claim at 1M passages, and a check asks again for each claim)."""
        unique = sorted(set(terms))
        if not unique:
            return {}
        version = self._version()
        if self._frequencies[0] != version or len(self._frequencies[1]) > _FREQUENCIES_CACHED:
            self._frequencies = (version, {})
        cache = self._frequencies[1]
        missing = [t for t in unique if t not in cache]
        if missing:
            marks = ",".join("?" * len(missing))
            found = dict(self._conn.execute(f"SELECT term, doc FROM passage_vocab WHERE term IN ({marks})", missing))
            cache.update({t: int(found.get(t, 0)) for t in missing})
        return {t: cache[t] for t in unique}

    def search_passages(
        self, terms: Sequence[str], limit: int, max_postings: int | None = None, candidates: int = 0
    ) -> list[PassageHit]:
        """BM25 over passages for any of `terms` (already analysed); best first, ties by id.

        With `max_postings`, a query whose terms hold more postings than that is answered by
        `lexical.bounded_search`: FTS5 scores only the rarest terms' postings, and the best
        `candidates` of those get the common terms' share of BM25 added. Without it, exact.
        """
        terms = list(dict.fromkeys(terms))
        if not terms:
            return []
        if max_postings is None:
            ranked = lexical.exact_search(self._conn, terms, limit)
        else:
            frequencies = self.document_frequencies(terms)
            if sum(frequencies.values()) <= max_postings:
                ranked = lexical.exact_search(self._conn, terms, limit)
            else:
                version = self._version()
                if self._totals is None or self._totals[0] != version:
                    self._totals = (version, lexical.fts5_totals(self._conn))
                ranked = lexical.bounded_search(
                    self._conn, terms, frequencies, limit, max_postings, candidates, self._totals[1]
                )
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        doc_of = dict(
            self._conn.execute(f"SELECT id, doc_id FROM passages WHERE id IN ({marks})", [r[0] for r in ranked])
        )
        return [PassageHit(pid, doc_of[pid], float(score)) for pid, score in ranked]

    def sentences_of_passages(self, passage_ids: Sequence[int]) -> list[SentenceRow]:
        """The sentences of the passages, by document, then index."""
        rows = self._select_in(sentences.SELECT_PASSAGES + "WHERE p.id IN ({})", list(passage_ids))
        found = [s for row in rows for s in sentences.of_passage(*row)]
        found.sort(key=lambda s: (s.doc_id, s.index))
        return found

    def sentence_next_to(self, doc_id: str, start: int, step: int) -> SentenceRow | None:
        """The sentence `step` places after (negative: before) the one starting at `start`, if any."""
        row = self._conn.execute(
            sentences.SELECT_PASSAGES + "WHERE p.doc_id = ? AND p.start <= ? ORDER BY p.idx DESC LIMIT 1",
            (doc_id, start),
        ).fetchone()
        here = sentences.of_passage(*row) if row else []
        index = next((s.index for s in here if s.start == start), None)
        if index is None:
            return None
        wanted = index + step
        return {s.index: s for s in here}.get(wanted) or self._sentences_from(doc_id, wanted, 1).get(wanted)

    def neighbour_sentences(self, doc_id: str, index: int) -> tuple[str, str]:
        """The sentences just before and after sentence `index` of a document ('' at the edges)."""
        # The passage holding index + 1 and the two before it hold index - 1 too, even when sentence
        # `index` is a passage alone.
        found = self._sentences_from(doc_id, index + 1, 3)
        before, after = found.get(index - 1), found.get(index + 1)
        return before.text if before else "", after.text if after else ""

    def _sentences_from(self, doc_id: str, index: int, passages: int) -> dict[int, SentenceRow]:
        """The sentences of the document's passage holding sentence `index` and of the `passages` - 1
        before it, by index."""
        rows = self._conn.execute(
            sentences.SELECT_PASSAGES + "WHERE p.doc_id = ? AND p.first_sentence <= ? ORDER BY p.idx DESC LIMIT ?",
            (doc_id, index, passages),
        )
        return {s.index: s for row in rows for s in sentences.of_passage(*row)}

    # -- dense vectors -------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def dense(self) -> bool | None:
        """Whether this library keeps dense vectors; None until its first `index add` decides."""
        value = self._meta("dense")
        return None if value is None else value == "1"

    def set_dense(self, dense: bool, embedder: dict[str, object] | None = None) -> None:
        with self.atomic():
            self._set_meta("dense", "1" if dense else "0")
            if embedder is not None:
                self._set_meta("embedder", json.dumps(embedder, sort_keys=True))

    def embedder(self) -> dict[str, object] | None:
        """The embedding model (`name`, `hash`, `dims`) this library's vectors come from."""
        value = self._meta("embedder")
        if not value:
            return None
        try:
            found = json.loads(value)
        except ValueError:
            found = None
        if not isinstance(found, dict) or not {"name", "hash", "dims"} <= found.keys():
            raise self._damaged_record("embedder", value)
        return found

    def put_vectors(self, passage_ids: Sequence[int], vectors: np.ndarray) -> None:
        halves = np.asarray(vectors, dtype=np.float16)  # the whole matrix at once, not row by row
        self._conn.executemany(
            "INSERT OR REPLACE INTO passage_vectors VALUES (?, ?)",
            [(pid, vec.tobytes()) for pid, vec in zip(passage_ids, halves, strict=True)],
        )

    # Passages get ever larger ids, and vectors are added in id order after their passages are
    # stored (`indexing`): so every passage above the watermark `vectors_upto` lacks its vector, and a
    # killed run's gap is found with one index range, never a scan. No watermark: nothing is missing.
    def start_vector_watermark(self) -> None:
        """Record, before the first passage that will need a vector, that all passages so far have one."""
        if self._meta("vectors_upto") is None:
            with self.atomic():
                self._set_meta("vectors_upto", str(self._max_passage_id()))

    def passages_without_vectors(self) -> int:
        """How many passages still wait for their vector."""
        upto = self._watermark()
        if upto is None:
            return 0
        return int(self._conn.execute("SELECT count(*) FROM passages WHERE id > ?", (upto,)).fetchone()[0])

    def vectors_pending(self) -> bool:
        """Whether some passage still waits for its vector (an interrupted `index add`)."""
        upto = self._watermark()
        return upto is not None and self._max_passage_id() > upto

    def next_passages_without_vectors(self, limit: int) -> list[tuple[int, str]]:
        """The oldest `limit` passages still without a vector, as (id, text)."""
        upto = self._watermark()
        if upto is None:
            return []
        return self._conn.execute(
            'SELECT p.id, substr(d.text, p.start + 1, p."end" - p.start) FROM passages p '
            "JOIN documents d ON d.id = p.doc_id WHERE p.id > ? ORDER BY p.id LIMIT ?",
            (upto, limit),
        ).fetchall()

    def put_missing_vectors(self, passage_ids: Sequence[int], vectors: np.ndarray) -> None:
        """Store the vectors of passages from `next_passages_without_vectors` and move the watermark past them."""
        with self.atomic():
            self.put_vectors(passage_ids, vectors)
            self._set_meta("vectors_upto", str(max(passage_ids)))

    def mark_all_vectors_present(self) -> None:
        """After every passage was embedded again."""
        with self.atomic():
            self._set_meta("vectors_upto", str(self._max_passage_id()))

    def _watermark(self) -> int | None:
        value = self._meta("vectors_upto")
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            raise self._damaged_record("vectors_upto", value) from None

    def _damaged_record(self, key: str, value: str) -> LibraryDamaged:
        # A valid SQLite file whose own records were overwritten (by hand, or by another program):
        # guessing a value could pair vectors with the wrong model or passages, so it is refused.
        return LibraryDamaged(
            f"{self.path}: the library file is damaged (its record {key!r} reads {value[:40]!r}); restore it "
            f"from a backup, or rebuild it: move the folder aside and run `corroborate index add SOURCES "
            f"--library {self.folder}` again"
        )

    def _max_passage_id(self) -> int:
        return int(self._conn.execute("SELECT coalesce(max(id), 0) FROM passages").fetchone()[0])

    def clear_vectors(self) -> None:
        self._conn.execute("DELETE FROM passage_vectors")

    def vector_seq(self) -> int:
        """The number of the last change to the vectors (0 when none was ever made)."""
        row = self._conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'vector_log'").fetchone()
        return int(row[0]) if row else 0

    def vector_log_covers(self, seq: int) -> bool:
        """Whether every change after `seq` is still in the log (older entries are compacted away)."""
        return int(self._meta("vector_log_compacted") or 0) <= seq <= self.vector_seq()

    def vector_changes(self, after: int, chunk: int) -> Iterator[tuple[list[int], list[tuple[int, np.ndarray]], int]]:
        """Changes after `after` in chunks: (removed ids, added (id, vector), last seq of the chunk).

        An added passage whose vector is gone by now is left out; its later removal is in the log.
        """
        while True:
            rows = self._conn.execute(
                "SELECT l.seq, l.passage_id, l.op, v.vector FROM vector_log l "
                "LEFT JOIN passage_vectors v ON v.passage_id = l.passage_id AND l.op = 'add' "
                "WHERE l.seq > ? ORDER BY l.seq LIMIT ?",
                (after, chunk),
            ).fetchall()
            if not rows:
                return
            removed = [pid for _, pid, op, _ in rows if op == "del"]
            added = [(pid, np.frombuffer(blob, dtype=np.float16)) for _, pid, op, blob in rows if op == "add" and blob]
            after = rows[-1][0]
            yield removed, added, after

    def iter_vectors(self, chunk: int) -> Iterator[tuple[list[int], np.ndarray]]:
        """All stored vectors as (passage ids, fp16 matrix), in id order and chunks: for a rebuild."""
        for rows in self._pages("SELECT passage_id, vector FROM passage_vectors", "passage_id", chunk):
            yield [r[0] for r in rows], np.stack([np.frombuffer(r[1], dtype=np.float16) for r in rows])

    def compact_vector_log(self, upto: int) -> None:
        with self.atomic():
            self._conn.execute("DELETE FROM vector_log WHERE seq <= ?", (upto,))
            if upto > int(self._meta("vector_log_compacted") or 0):
                self._set_meta("vector_log_compacted", str(upto))

    def iter_passage_texts(self, chunk: int) -> Iterator[list[tuple[int, str]]]:
        """All passages as (id, text), in id order and chunks: for re-embedding a library."""
        yield from self._pages(
            'SELECT p.id, substr(d.text, p.start + 1, p."end" - p.start) FROM passages p '
            "JOIN documents d ON d.id = p.doc_id",
            "p.id",
            chunk,
        )

    def _pages(self, select: str, key: str, chunk: int) -> Iterator[list[tuple]]:
        """Rows of `select` in `key` order, `chunk` at a time, by key (no OFFSET: each page is an index seek)."""
        last = -1
        while True:
            rows = self._conn.execute(f"{select} WHERE {key} > ? ORDER BY {key} LIMIT ?", (last, chunk)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield rows

    # -- runs ----------------------------------------------------------------------------------
    def start_run(
        self, article: str, article_hash: str, settings: dict[str, object], model: str, model_hash: str
    ) -> int:
        """Record a check's start; returns its run id, or 0 (no record) in a read-only library, which
        can still be checked against."""
        if self.read_only:
            return 0
        with self.atomic():
            cur = self._conn.execute(
                "INSERT INTO runs(started_at, article, article_hash, settings, model, model_hash, status) "
                "VALUES (?, ?, ?, ?, ?, ?, 'running')",
                (_now(), article, article_hash, json.dumps(settings, sort_keys=True), model, model_hash),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, verdicts: Sequence[tuple[str, str, float, dict[str, object]]]) -> None:
        """Store a run's verdicts, (claim text, label, confidence, JSON payload) each, and close the run."""
        if run_id == 0:  # not recorded (`start_run`)
            return
        with self.atomic():
            self._conn.executemany(
                "INSERT INTO verdicts VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (run_id, i, text, label, conf, json.dumps(payload, sort_keys=True))
                    for i, (text, label, conf, payload) in enumerate(verdicts)
                ],
            )
            self._conn.execute(
                "UPDATE runs SET finished_at = ?, claims = ?, status = 'done' WHERE id = ?",
                (_now(), len(verdicts), run_id),
            )

    def fail_run(self, run_id: int, reason: str) -> None:
        if run_id == 0:
            return
        with self.atomic():
            self._conn.execute(
                "UPDATE runs SET finished_at = ?, status = ? WHERE id = ?", (_now(), f"failed: {reason}"[:500], run_id)
            )

    def run_verdicts(self, run_id: int) -> list[dict[str, object]]:
        rows = self._conn.execute(
            "SELECT claim_index, claim_text, label, confidence FROM verdicts WHERE run_id = ? ORDER BY claim_index",
            (run_id,),
        )
        return [dict(zip(("index", "claim", "label", "confidence"), r, strict=True)) for r in rows]
