"""`corroborate index add` killed (SIGKILL) at 20 points spread over its whole run (issue 16, "keep it fixed").

Each point starts from an empty folder and kills a real run at a moment found by watching it from
outside, never by the clock (which under load bunches the kills or misses the run): as Python imports
corroborate, as the library file is made, as the write-ahead log is written (a transaction spilling or
a commit being written), or just after the n-th commit, seen through a read-only connection. Fourteen
points kill a BM25-only run; six kill a run with dense vectors (making a library, or adding to one),
from the encoder being loaded, through the embedding of the passages, to the vector index file being
written. After each kill the library is
consistent (SQLite and FTS5 integrity, documents, passages and sentences each with their own; every
passage up to the vector watermark `vectors_upto` has its vector, none above it has one, and each
vector is its own passage's); `index stats` reads it; and the same command run again completes it to
an uninterrupted run's logical content, with every vector in the vector index file.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import run_cli
from tests.test_hostile_corpus import fingerprint
from tests.test_indexing import assert_consistent, write_notes

pytestmark = pytest.mark.slow

DB_NAME = "corroborate.sqlite"
NEW_PREFIX = f".{DB_NAME}.new-"  # a library being made (store/opening.py), before it is linked into place


@dataclass(frozen=True)
class Point:
    """Where to kill: each step is waited for in turn, then the run is killed at once.

    Steps: ("importing", 0) a moment after the start, before anything is written; ("creating", 0) the
    library file is being made (or exists); ("created", 0) it exists; ("files", n) / ("passages", n) /
    ("vectors", n) at least n files / passages / vectors committed; ("wal", n) the write-ahead log written
    n more times (a transaction spilling or a commit being written; n=1 after a commit step is the next
    commit). `adding`: the run adds the sources to a dense library already holding their notes.
    """

    name: str
    dense: bool
    steps: tuple[tuple[str, int], ...]
    adding: bool = False


POINTS = [
    # BM25-only: 6,601 files, committed 1,000 at a time (or every 2 s under load).
    Point("importing", False, (("importing", 0),)),
    Point("making-the-library", False, (("creating", 0),)),
    Point("library-made", False, (("created", 0),)),
    Point("first-commit", False, (("wal", 1),)),
    Point("after-commit-1", False, (("files", 1),)),
    Point("during-commit-2", False, (("files", 1), ("wal", 1))),
    Point("after-2000-files", False, (("files", 2000),)),
    Point("during-commit-after-2000", False, (("files", 2000), ("wal", 1))),
    Point("after-3000-files", False, (("files", 3000),)),
    Point("during-commit-after-3000", False, (("files", 3000), ("wal", 1))),
    Point("after-4000-files", False, (("files", 4000),)),
    Point("during-commit-after-4000", False, (("files", 4000), ("wal", 1))),
    Point("after-5000-files", False, (("files", 5000),)),
    Point("during-commit-after-5000", False, (("files", 5000), ("wal", 1))),
    # Dense: 201 files (all committed, by the first commit, before any passage is embedded), then their
    # 700 passages embedded 256 at a time, committed every 2 s (once at the end, where that is fast), then
    # the vector index file made.
    Point("dense-loading-the-encoder", True, (("created", 0),)),
    Point("dense-embedding-the-first-batch", True, (("files", 1),)),
    Point("dense-during-the-first-vector-commit", True, (("files", 1), ("wal", 1))),
    # Adding the JSONL file's 500 passages to a dense library of the 200 notes: they are committed
    # without vectors, above the watermark the notes' vectors left, then embedded; then the vector
    # index file is brought up to date from the log of vector changes.
    Point("dense-adding-embedding-the-new-passages", True, (("passages", 201),), adding=True),
    Point("dense-adding-during-the-vector-commit", True, (("passages", 201), ("wal", 1)), adding=True),
    Point("dense-adding-updating-the-vector-index", True, (("vectors", 700),), adding=True),
]


def _write_sources(folder: Path, notes: int, rows: int) -> Path:
    """Many small files and one large JSONL file, so commits happen both by file count and by time."""
    write_notes(folder / "notes", notes, per_folder=300)
    text = "Gauge {i} on the Ostra read {cm} centimetres. " * 6
    lines = [{"id": f"r{i}", "title": f"Report {i}", "text": text.format(i=i, cm=i % 97)} for i in range(rows)]
    (folder / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return folder


# Six slots of ten phrases; sentences made of them differ in three slots or more, so no two passages'
# vectors are alike (cosine 0.86 at most).
_SLOTS = [
    ["The ferry", "A hydrologist", "The mayor", "Farmers", "The council", "A bakery", "Fishermen", "The museum",
     "Engineers", "A choir"],
    ["repaired", "counted", "closed", "painted", "measured", "sold", "flooded", "opened", "mapped", "rebuilt"],
    ["the harbour wall", "412 sheep", "the old mill", "a bridge", "the orchard", "nine boats", "the clock tower",
     "a salt marsh", "two turbines", "the archive"],
    ["in Vellmar", "near Kessel", "on the estuary", "in the valley", "by the lighthouse", "on the island",
     "at the border", "in the old quarter", "under the dam", "beside the quarry"],
    ["in March", "last winter", "on Tuesday", "in 1998", "after the flood", "before dawn", "in 2025",
     "during the festival", "at noon", "in autumn"],
    ["for the insurers", "with borrowed tools", "despite the rain", "to general surprise", "at great cost",
     "without a permit", "for a film crew", "in record time", "under protest", "with volunteers"],
]  # fmt: skip


def _unlike_sentences(count: int) -> list[str]:
    rng = random.Random(16)
    chosen: list[tuple[int, ...]] = []
    while len(chosen) < count:
        combo = tuple(rng.randrange(len(phrases)) for phrases in _SLOTS)
        if all(sum(a != b for a, b in zip(combo, other, strict=True)) >= 3 for other in chosen):
            chosen.append(combo)
    return [" ".join(phrases[k] for phrases, k in zip(_SLOTS, combo, strict=True)) + "." for combo in chosen]


def _write_varied_sources(folder: Path, notes: int, rows: int) -> Path:
    """Like `_write_sources`, one passage each, but in sentences unlike one another (the notes differ in
    their numbers only), so that each passage's vector is told from every other's."""
    sentences = _unlike_sentences(notes + rows)
    for i in range(notes):
        (folder / "notes" / f"part{i // 100}").mkdir(parents=True, exist_ok=True)
        (folder / "notes" / f"part{i // 100}" / f"note{i:04d}.txt").write_text(sentences[i] + "\n", encoding="utf-8")
    lines = [{"id": f"r{i}", "title": f"Report {i}", "text": sentences[notes + i]} for i in range(rows)]
    (folder / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return folder


def _start(sources: Path, library: Path, dense: bool) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "CORROBORATE_LIBRARY"}
    return subprocess.Popen(
        [sys.executable, "-m", "corroborate", "index", "add", sources, "--library", library, "-q"]
        + ([] if dense else ["--bm25-only"]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def _kill(proc: subprocess.Popen[bytes]) -> bool:
    """SIGKILL `proc`; whether it was still running."""
    alive = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return alive


class _Watch:
    """A running `index add` seen from outside: its committed rows (through a read-only connection,
    which never blocks the writer) and its writes (the write-ahead log's size and time, which change
    with each commit even after a checkpoint has rewound the log)."""

    def __init__(self, library: Path) -> None:
        self.library = library
        self.db = library / DB_NAME
        self._conn: sqlite3.Connection | None = None

    def creating(self) -> bool:
        return self.db.exists() or (
            self.library.is_dir() and any(p.name.startswith(NEW_PREFIX) for p in self.library.iterdir())
        )

    def wal(self) -> tuple[int, int]:
        """(size, modification time) of the write-ahead log once something was written to it (an empty one
        appears as soon as the library is opened)."""
        try:
            stat = os.stat(f"{self.db}-wal")
        except OSError:
            return (0, 0)
        return (stat.st_size, stat.st_mtime_ns) if stat.st_size else (0, 0)

    def committed(self, table: str) -> int:
        if self._conn is None:
            if not self.db.exists():
                return 0
            self._conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=0.05)
        try:
            return int(self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        except sqlite3.Error:  # busy for a moment (the writer checkpointing): look again
            return 0

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


def _run_to(point: Point, sources: Path, library: Path) -> None:
    """Start `index add` and kill it at `point`; fails if the run ended first."""
    proc = _start(sources, library, point.dense)
    watch = _Watch(library)
    deadline = time.monotonic() + 300
    try:
        for kind, n in point.steps:
            wal, writes = watch.wal(), 0
            while True:
                if kind == "importing":
                    time.sleep(0.15)  # the interpreter starting: a commit needs well over a second more
                    break
                if kind == "creating" and watch.creating():
                    break
                if kind == "created" and watch.db.exists():
                    break
                if kind in ("files", "passages") and watch.committed(kind) >= n:
                    break
                if kind == "vectors" and watch.committed("passage_vectors") >= n:
                    break
                if kind == "wal" and (now := watch.wal()) != wal:
                    wal, writes = now, writes + 1
                    if writes >= n:
                        break
                assert proc.poll() is None, f"{point.name}: the run ended before {kind} {n}: {proc.stderr.read()}"
                assert time.monotonic() < deadline, f"{point.name}: {kind} {n} not reached in 300 s"
                time.sleep(0.001)
        assert _kill(proc), f"{point.name}: the run ended before it could be killed"
    finally:
        watch.close()
        if proc.poll() is None:
            _kill(proc)
        proc.stderr.close()  # type: ignore[union-attr]


def _vectors(library: Path) -> dict[tuple[str, int], np.ndarray]:
    """Each stored vector by its passage's (document id, index)."""
    with closing(sqlite3.connect(f"file:{library / DB_NAME}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            "SELECT p.doc_id, p.idx, v.vector FROM passage_vectors v JOIN passages p ON p.id = v.passage_id"
        ).fetchall()
    return {(doc, idx): np.frombuffer(blob, dtype=np.float16).astype(np.float32) for doc, idx, blob in rows}


def _assert_vectors_are_their_passages(library: Path, want: dict[tuple[str, int], np.ndarray]) -> None:
    """No vector above the watermark, and each stored vector is its passage's: nearest to that passage's
    vector in an uninterrupted run, among all of them, and close to it. Not equal: with int8 activations a
    vector depends a little on the batch it was embedded in (cosine 0.987 or more for the same passage;
    0.86 at most between two of these passages)."""
    with closing(sqlite3.connect(f"file:{library / DB_NAME}?mode=ro", uri=True)) as conn:
        upto = conn.execute("SELECT coalesce(max(value), 0) FROM meta WHERE key = 'vectors_upto'").fetchone()[0]
        above = conn.execute("SELECT count(*) FROM passage_vectors WHERE passage_id > ?", (int(upto),)).fetchone()[0]
    assert above == 0, f"{above} vectors above the watermark {upto}"
    keys = list(want)
    reference = np.stack([want[key] for key in keys])
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    for key, vector in _vectors(library).items():
        cosines = reference @ (vector / np.linalg.norm(vector))
        nearest = keys[int(cosines.argmax())]
        assert nearest == key, f"passage {key}: its vector is {nearest}'s ({cosines.max():.3f})"
        assert cosines.max() > 0.95, f"passage {key}: its vector is far from its own ({cosines.max():.3f})"


def _assert_vector_index_in_step(library: Path) -> None:
    """The vector index file beside the database holds every passage's vector, each found as its own nearest."""
    from corroborate.store import Store
    from corroborate.store.vectors import VectorIndex

    with Store.open(library) as store:
        index = VectorIndex.open(store)  # refuses a file behind the database
        assert len(index) == store.passage_count()
        ids, vectors = next(store.iter_vectors(50))
    for pid, vector in zip(ids, vectors, strict=True):
        assert index.search(vector.astype(np.float32), 1)[0][0] == pid


@dataclass
class Reference:
    sources: Path
    want: dict[str, object]  # an uninterrupted run's logical content
    vectors: dict[tuple[str, int], np.ndarray]
    notes_library: Path | None = None  # dense: a library of the sources' notes alone, to add the rest to


def _reference(root: Path, dense: bool, notes: int, rows: int) -> Reference:
    sources = (_write_varied_sources if dense else _write_sources)(root / "sources", notes, rows)
    proc = _start(sources, root / "reference", dense)
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    assert_consistent(root / "reference")
    return Reference(sources, fingerprint(root / "reference"), _vectors(root / "reference"))


@pytest.fixture(scope="module")
def bm25_reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return _reference(tmp_path_factory.mktemp("crash-bm25"), False, 6600, 1500)


@pytest.fixture(scope="module")
def dense_reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    root = tmp_path_factory.mktemp("crash-dense")
    ref = _reference(root, True, 200, 500)
    assert ref.want["passage_vectors"] == ref.want["passages"] == 700  # the dense points' counts
    notes = run_cli("index", "add", ref.sources / "notes", "--library", root / "notes-library", "-q")
    assert notes.returncode == 0, notes.stderr
    assert fingerprint(root / "notes-library")["passages"] == 200
    ref.notes_library = root / "notes-library"
    return ref


# Where each kill landed, by point: committed (documents, passages, vectors), or None before the library
# existed; for the spread test.
LANDED: dict[str, tuple[int, int, int] | None] = {}


@pytest.mark.parametrize("point", POINTS, ids=[p.name for p in POINTS])
def test_killed_the_library_is_consistent_and_a_rerun_completes_it(point: Point, request, tmp_path):
    ref: Reference = request.getfixturevalue("dense_reference" if point.dense else "bm25_reference")
    library = tmp_path / "library"
    if point.adding:
        assert ref.notes_library is not None
        shutil.copytree(ref.notes_library, library)
    _run_to(point, ref.sources, library)

    if (library / DB_NAME).exists():
        found = fingerprint(library)
        LANDED[point.name] = (found["documents"], found["passages"], found["passage_vectors"])  # type: ignore[assignment]
        assert_consistent(library, complete=False)
        if point.dense:
            _assert_vectors_are_their_passages(library, ref.vectors)
        stats = run_cli("index", "stats", "--json", "--library", library)
        assert stats.returncode == 0 and "Traceback" not in stats.stderr, stats.stderr
        assert json.loads(stats.stdout)["documents"] == found["documents"]
    else:
        LANDED[point.name] = None

    rerun = run_cli("index", "add", ref.sources, "--library", library, "-q", *([] if point.dense else ["--bm25-only"]))
    assert rerun.returncode == 0 and "Traceback" not in rerun.stderr, rerun.stderr
    assert not list(library.glob(f"{NEW_PREFIX}*")), "a killed creation's files are left in the library"
    assert_consistent(library)
    assert fingerprint(library) == ref.want
    if point.dense:
        _assert_vectors_are_their_passages(library, ref.vectors)
        _assert_vector_index_in_step(library)


def test_the_kill_points_spread_over_the_whole_run(bm25_reference, dense_reference):
    # Runs after the kills (file order): they hit before anything was committed, between many different
    # commits of the files, and while the passages were being embedded, not all at one place.
    if set(LANDED) != {p.name for p in POINTS}:
        pytest.skip("needs every kill point run before it")
    bm25 = [LANDED[p.name] for p in POINTS if not p.dense]
    dense = [LANDED[p.name] for p in POINTS if p.dense]
    total = bm25_reference.want["documents"]
    assert sum(1 for at in bm25 if at is None or at[0] == 0) >= 3, bm25
    assert len({at[0] for at in bm25 if at is not None and 0 < at[0] < total}) >= 4, bm25
    embedding = [at for at in dense if at is not None and at[1] > 0 and at[2] < at[1]]
    assert len(embedding) >= 2, dense  # passages committed, some of their vectors not yet
    assert len({at[2] for at in embedding}) >= 2, dense  # with no vectors yet, and above the notes' vectors


# A library file half made, as a creation leaves it: a journal beside it, its transaction open.
_HALF_MADE = (
    "import os, signal, sqlite3, sys; conn = sqlite3.connect(sys.argv[1].replace('PID', str(os.getpid()))); "
    "conn.execute('BEGIN IMMEDIATE'); conn.execute('CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)'); "
    "conn.execute('PRAGMA application_id=1129464404'); "
)


def test_a_creation_killed_before_its_library_is_linked_leaves_nothing_behind(tmp_path):
    # A process of this machine killed while making the library file (as `making-the-library` above may
    # be) leaves its temporary file and journal; the next run removes them. A creation still running is
    # left alone: it is about to link its library into place.
    library = tmp_path / "library"
    library.mkdir()
    named = str(library / f"{NEW_PREFIX}{socket.gethostname()}.")
    killed = subprocess.run([sys.executable, "-c", _HALF_MADE + "os.kill(os.getpid(), signal.SIGKILL)", named + "PID"])
    assert killed.returncode == -signal.SIGKILL
    assert len(list(library.glob(f"{NEW_PREFIX}*"))) == 2  # the file and its journal
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"]) as running:
        try:
            subprocess.run([sys.executable, "-c", _HALF_MADE + "conn.commit()", f"{named}{running.pid}"], check=True)
            source = tmp_path / "note.txt"
            source.write_text("The Kessel ferry carried 412 passengers on 3 May 2025.\n", encoding="utf-8")
            proc = run_cli("index", "add", source, "--library", library, "-q", "--bm25-only")
            assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
            assert [p.name for p in library.glob(f"{NEW_PREFIX}*")] == [f"{named}{running.pid}".rsplit("/", 1)[1]]
            assert fingerprint(library)["documents"] == 1
        finally:
            running.kill()


def test_a_creation_killed_just_after_linking_its_library_leaves_nothing_behind(tmp_path):
    # Killed between linking the library into place and removing its temporary name (as the crash test's
    # `dense-loading-the-encoder` point was, under load): the library is whole, and a second name of its
    # file is left, which the next command opening the library with write permission removes.
    library = tmp_path / "library"
    source = tmp_path / "note.txt"
    source.write_text("The Kessel ferry carried 412 passengers on 3 May 2025.\n", encoding="utf-8")
    made = run_cli("index", "add", source, "--library", library, "-q", "--bm25-only")
    assert made.returncode == 0, made.stderr
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = library / f"{NEW_PREFIX}{socket.gethostname()}.{int(gone.stdout)}"
    os.link(library / DB_NAME, left)
    stats = run_cli("index", "stats", "--json", "--library", library)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["documents"] == 1
    assert not left.exists()
    assert_consistent(library)
