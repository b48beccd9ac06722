"""`corroborate batch` on the local engine: reports equal `check`'s, runs recorded by the driver, resume,
a bad article as a failed row, and `index add` with its reading and embedding on worker processes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np

from corroborate import Library, check
from corroborate.batch import index_sources
from corroborate.engines import open_engine
from corroborate.report import to_dict
from tests.conftest import EXAMPLES, run_cli

# Short articles, so a check takes a second or two: the suite's time goes to loading the models.
ARTICLES = {
    "evacuation.txt": "Emergency services evacuated 2,400 residents from the low-lying districts of Vellmar. "
    "The mayor of Vellmar, Maria Keller, declared a state of emergency on 14 March 2026.",
    "army.md": "# Soldiers in Vellmar\n\nSoldiers of the German army reinforced the Vellmar dike with sandbags "
    "on 14 March 2026.\n",
    "river.txt": "The water level of the Ostra at Vellmar has been falling since the morning of 16 March 2026.",
}


def write_articles(folder: Path) -> Path:
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a bad article
    (folder / "notes.csv").write_text("not an article", encoding="utf-8")  # not an article: left out
    return folder


def rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def runs(library: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(library / "corroborate.sqlite") as conn:
        return conn.execute("SELECT article, status FROM runs ORDER BY id").fetchall()


def test_batch_reports_equal_check_and_resume_skips_finished_articles(example_library_copy: Path, tmp_path: Path):
    articles = write_articles(tmp_path / "articles")
    out = tmp_path / "results.jsonl"
    lib = example_library_copy
    before = runs(lib)

    first = run_cli("batch", articles, "--library", lib, "--out", out, "--workers", "2", "--quiet")
    assert first.returncode == 1, first.stderr  # one article failed
    assert "3 done, 1 failed" in first.stdout and "Verdicts:" in first.stdout
    assert f"{articles / 'empty.txt'}: " in first.stderr

    found = rows(out)
    assert sorted(Path(r["path"]).name for r in found) == ["army.md", "empty.txt", "evacuation.txt", "river.txt"]
    failed = [r for r in found if r["status"] == "failed"]
    assert len(failed) == 1 and "empty" in failed[0]["error"]
    # The driver recorded one run per article checked, as `check` does.
    recorded = runs(lib)[len(before) :]
    assert sorted(recorded) == sorted((str(articles / n), "done") for n in ARTICLES)

    with Library.open(lib) as library:
        for row in found:
            if row["status"] == "done":
                assert row["report"] == to_dict(check(row["path"], library)), row["path"]

    # Resume: nothing is checked again; a line a killed run left half-written is dropped.
    with out.open("a", encoding="utf-8") as f:
        f.write('{"path": "cut sho')
    again = run_cli("batch", articles, "--library", lib, "--out", out, "--quiet")
    assert again.returncode == 0, again.stderr
    assert "0 done, 0 failed; 4 already in" in again.stdout
    assert rows(out) == found

    # A changed article is checked again; the rest are skipped.
    (articles / "river.txt").write_text(ARTICLES["river.txt"] + " It peaked at 7.9 metres.", encoding="utf-8")
    third = run_cli("batch", articles, "--library", lib, "--out", out, "--quiet")
    assert third.returncode == 0, third.stderr
    assert "1 done, 0 failed; 3 already in" in third.stdout
    assert [Path(r["path"]).name for r in rows(out)[len(found) :]] == ["river.txt"]


def test_index_add_on_worker_processes_builds_the_same_library(example_library_path: Path, tmp_path: Path):
    with Library.open(tmp_path / "lib", create=True) as lib, open_engine("local", workers=2) as engine:
        report = index_sources(lib, [EXAMPLES / "library"], engine)
        assert report.ok and len(report.added) == 5
        again = index_sources(lib, [EXAMPLES / "library"], engine)
        assert len(again.unchanged) == 5 and not again.added
    assert_same_library(tmp_path / "lib", example_library_path)


def assert_same_library(built: Path, reference: Path) -> None:
    """The same documents, passages and sentences, and (nearly: other batches) the same vectors."""

    def read(path: Path) -> tuple[list, list, np.ndarray]:
        with sqlite3.connect(path / "corroborate.sqlite") as conn:
            docs = conn.execute("SELECT id, title, text FROM documents ORDER BY id").fetchall()
            passages = conn.execute('SELECT doc_id, idx, start, "end" FROM passages ORDER BY doc_id, idx').fetchall()
            vectors = conn.execute(
                "SELECT v.vector FROM passages p JOIN passage_vectors v ON v.passage_id = p.id ORDER BY p.doc_id, p.idx"
            ).fetchall()
        return docs, passages, np.array([np.frombuffer(v, dtype=np.float16) for (v,) in vectors])

    docs, passages, vectors = read(built)
    want_docs, want_passages, want_vectors = read(reference)
    assert docs == want_docs and passages == want_passages
    assert vectors.shape == want_vectors.shape
    np.testing.assert_allclose(vectors.astype(np.float32), want_vectors.astype(np.float32), atol=2e-3)


def test_engine_ray_without_ray_says_what_to_install(example_library_path: Path, tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLES["river.txt"], encoding="utf-8")
    args = ["batch", str(tmp_path / "a.txt"), "--library", str(example_library_path), "--out", str(tmp_path / "o")]
    code = (
        "import sys; sys.modules['ray'] = None  # as if Ray were not installed\n"
        f"from corroborate.cli import main; sys.argv = ['corroborate', *{args!r}, '--engine', 'ray']; main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "pip install 'corroborate[ray]'" in done.stderr and "Traceback" not in done.stderr


class Sleeper:
    """A worker factory without models: each item sleeps, then says which process ran it; -1 kills its worker."""

    def __call__(self):
        import os
        import time

        def run(item: int) -> int:
            if item < 0:
                os._exit(1)
            time.sleep(0.3)
            return os.getpid()

        return run


def test_local_engine_survives_a_killed_worker_and_gives_up_an_item_that_kills_every_worker():
    import os
    import signal

    from corroborate.engines import Failed

    with open_engine("local", workers=2) as engine:
        results = []
        for item, result in engine.imap(Sleeper(), range(8), ordered=True):
            if not results:  # kill a worker that still has items in flight
                os.kill(next(pid for pid in engine.pids if pid != result), signal.SIGKILL)
            results.append((item, result))
        assert [item for item, _ in results] == list(range(8))
        assert all(isinstance(pid, int) for _, pid in results)

        out = dict(engine.imap(Sleeper(), [1, -1, 2]))
        assert isinstance(out[-1], Failed) and "died 3 times" in out[-1].reason
        assert isinstance(out[1], int) and isinstance(out[2], int)


def test_a_killed_index_add_on_workers_leaves_a_library_the_next_run_completes(tmp_path: Path):
    import os
    import signal
    import time

    from corroborate.bench.corpus import synthetic_documents

    (tmp_path / "sources").mkdir()
    for n, doc in zip(range(100), synthetic_documents(), strict=False):
        (tmp_path / "sources" / f"doc-{n:03d}.txt").write_text(doc.text, encoding="utf-8")
    lib = tmp_path / "lib"
    env = {k: v for k, v in os.environ.items() if k != "CORROBORATE_LIBRARY"}
    args = [sys.executable, "-m", "corroborate", "index", "add", str(tmp_path / "sources"), "--library", str(lib)]
    driver = subprocess.Popen([*args, "--engine", "local", "--workers", "2", "--quiet"], env=env)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and driver.poll() is None:
            time.sleep(0.5)
            try:
                with sqlite3.connect(f"file:{lib / 'corroborate.sqlite'}?mode=ro", uri=True) as conn:
                    if conn.execute("SELECT count(*) FROM documents").fetchone()[0]:
                        break  # a commit is in: kill the driver mid-run
            except sqlite3.Error:
                pass
    finally:
        driver.send_signal(signal.SIGKILL)
        driver.wait()
    with Library.open(lib) as library:  # consistent: it opens and reads
        assert library.stats()["documents"] >= 1
    again = run_cli("index", "add", tmp_path / "sources", "--library", lib, "--engine", "local", "--quiet")
    assert again.returncode == 0, again.stderr
    with Library.open(tmp_path / "reference", create=True) as reference:
        assert reference.add([tmp_path / "sources"]).ok
    assert_same_library(lib, tmp_path / "reference")
