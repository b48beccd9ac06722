"""The hostile corpus (issue 16, "keep it fixed"): every file and library state of `tests/hostile/make_corpus.py`
through `corroborate index add`, `corroborate check` and the web service.

Each must give a clear message (what, which file, what to do), no traceback, exit 1 for a file or
library problem (0 when only links were skipped), no HTTP 500, and leave the library's logical content
unchanged (or changed by exactly what was indexed). Real components only: the CLI as a subprocess, real
SQLite files, `corroborate serve` on a loopback socket.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from tests.conftest import Service, run_cli
from tests.hostile.make_corpus import DB_NAME, FILES, LIBRARY_STATES, SENTENCE, Hostile, make_files, make_library_state
from tests.test_indexing import assert_consistent

pytestmark = pytest.mark.slow

FAILING = [c for c in FILES if c.outcome == "fail"]
INDEXED = [c for c in FILES if c.outcome == "ok"]
SKIPPED = [c for c in FILES if c.outcome == "skip"]
ARTICLE = "Kessel ferry\n\nThe Kessel ferry carried 214 passengers across the Ostra estuary on 3 May 2025.\n"


def fingerprint(library: Path) -> dict[str, object]:
    """The library's logical content: row counts and a hash of what is stored (not of when it was)."""
    if not (library / DB_NAME).is_file():
        return {}
    with closing(sqlite3.connect(f"file:{library / DB_NAME}?mode=ro", uri=True)) as conn:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        digest = hashlib.sha256()
        for sql in (
            "SELECT id, content_hash, origin, title, format, coalesce(date, '') FROM documents ORDER BY id",
            "SELECT path, sha256 FROM files ORDER BY path",
            "SELECT doc_id, file_path FROM document_files ORDER BY doc_id, file_path",
            'SELECT doc_id, idx, start, "end" FROM passages ORDER BY doc_id, idx',
        ):
            for row in conn.execute(sql):
                digest.update(repr(row).encode())
        return {
            table: one(f"SELECT count(*) FROM {table}")
            for table in ("files", "documents", "passages", "passage_terms", "passage_vectors")
        } | {"content": digest.hexdigest()}


def stored_text(library: Path) -> str:
    with closing(sqlite3.connect(f"file:{library / DB_NAME}?mode=ro", uri=True)) as conn:
        return "\n".join(r[0] for r in conn.execute("SELECT text FROM documents"))


def no_traceback(*outputs: str) -> None:
    for output in outputs:
        assert "Traceback" not in output, output


def reason_line(stderr: str, path: Path) -> str:
    """The line of stderr that names `path`."""
    lines = [line for line in stderr.splitlines() if f"{path}:" in line or f"{path}/" in line]  # a folder: its files
    assert lines, f"{path} not named in:\n{stderr}"
    return lines[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "files"
    make_files(folder)
    return folder


@pytest.fixture(scope="module")
def good_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "ferry.txt"
    path.write_text(SENTENCE + "\n", encoding="utf-8")
    return path


def _library(folder: Path, source: Path, *extra: str) -> Path:
    proc = run_cli("index", "add", source, "--library", folder, "-q", *extra, cwd=folder.parent)
    assert proc.returncode == 0, proc.stderr
    return folder


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, good_source: Path) -> Path:
    """A BM25-only library holding one good source, shared by the module's CLI runs."""
    return _library(tmp_path_factory.mktemp("lib") / "library", good_source, "--bm25-only")


def test_the_corpus_is_large_enough(corpus):
    assert len(FILES) + len(LIBRARY_STATES) >= 60
    assert len({c.path for c in FILES}) == len(FILES)


# -- index add ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def failing_run(corpus: Path, library: Path) -> tuple[subprocess.CompletedProcess[str], dict, dict]:
    """Every failing case named directly in one `index add`: (the run, fingerprint before, after)."""
    before = fingerprint(library)
    proc = run_cli("index", "add", *(corpus / c.path for c in FAILING), "--library", library, "--bm25-only", "-q")
    return proc, before, fingerprint(library)


@pytest.mark.parametrize("case", FAILING, ids=[c.name for c in FAILING])
def test_index_add_refuses_each_hostile_file_naming_it_with_a_remedy(case: Hostile, corpus, failing_run):
    proc, _, _ = failing_run
    no_traceback(proc.stdout, proc.stderr)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # a file problem, never a usage error (2)
    line = reason_line(proc.stderr, corpus / case.path)
    for fragment in case.says:
        assert fragment in line, line


def test_failing_files_leave_the_library_unchanged(failing_run):
    proc, before, after = failing_run
    assert after == before
    assert "0 new and 0 changed file(s)" in proc.stdout and f"{len(FAILING) + 1} failed" in proc.stdout  # all-bad has 2


def test_a_hostile_file_alone_fails_without_traceback_and_changes_nothing(corpus, library):
    # Named alone, the one case that stopped a run (issue 16, items 1–3) and a link that loops.
    for name in ("nested.jsonl", "surrogate-text.jsonl", "loop.txt"):
        before = fingerprint(library)
        proc = run_cli("index", "add", corpus / name, "--library", library, "-q")
        no_traceback(proc.stderr)
        assert proc.returncode == 1 and str(corpus / name) in proc.stderr, proc.stderr
        assert "no such file" not in proc.stderr
        assert fingerprint(library) == before


@pytest.fixture(scope="module")
def indexed_run(corpus: Path, library: Path, failing_run) -> tuple[subprocess.CompletedProcess[str], dict, dict]:
    before = fingerprint(library)
    proc = run_cli("index", "add", *(corpus / c.path for c in INDEXED), "--library", library, "-q")
    return proc, before, fingerprint(library)


@pytest.mark.parametrize("case", INDEXED, ids=[c.name for c in INDEXED])
def test_odd_but_valid_files_are_indexed_and_nothing_hidden_leaks_in(case: Hostile, corpus, library, indexed_run):
    proc, _, _ = indexed_run
    no_traceback(proc.stdout, proc.stderr)
    assert proc.returncode == 0, proc.stderr
    with closing(sqlite3.connect(library / DB_NAME)) as conn:
        origins = [r[0] for r in conn.execute("SELECT origin FROM document_files")]
    key = str((corpus / case.path).resolve())
    assert any(o == key or o.startswith(key + "#") for o in origins), origins
    text = stored_text(library)
    for hidden in case.absent:
        assert hidden not in text


def test_valid_files_change_the_library_by_what_they_hold(indexed_run, library):
    _, before, after = indexed_run
    assert after["files"] == before["files"] + len(INDEXED)
    # odd.jsonl holds 3 documents; utf16-bom.txt holds the good source's text, which is stored once
    assert after["documents"] == before["documents"] + len(INDEXED) + 2 - 1
    assert after["passage_terms"] == after["passages"] > before["passages"]
    assert_consistent(library)


def test_indexing_the_valid_files_again_changes_nothing(corpus, library, indexed_run):
    before = fingerprint(library)
    again = run_cli("index", "add", *(corpus / c.path for c in INDEXED), "--library", library, "-q")
    assert again.returncode == 0 and f"{len(INDEXED)} unchanged" in again.stdout, again.stdout + again.stderr
    assert fingerprint(library) == before


@pytest.mark.parametrize("case", SKIPPED, ids=[c.name for c in SKIPPED])
def test_links_inside_a_folder_are_skipped_with_a_note(case: Hostile, corpus, library):
    before = fingerprint(library)
    proc = run_cli("index", "add", corpus / case.path, "--library", library, "-q")
    no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr
    line = reason_line(proc.stderr, corpus / case.path)
    assert line.startswith("skipped ")
    for fragment in case.says:
        assert fragment in line, line
    assert fingerprint(library) == before


def test_the_whole_corpus_in_one_run_indexes_the_good_files_and_lists_the_bad(corpus, good_source, tmp_path):
    library = tmp_path / "library"
    proc = run_cli("index", "add", good_source, corpus, "--library", library, "--bm25-only", "-q")
    no_traceback(proc.stdout, proc.stderr)
    assert proc.returncode == 1
    assert f"Indexed {len(INDEXED) + 1} new" in proc.stdout, proc.stdout
    for case in FAILING:
        if case.name != "folder-with-only-bad-files":
            assert f"  {corpus / case.path}: " in proc.stderr, case.name
    assert_consistent(library)
    assert "SCRIPT-SECRET-7731" not in stored_text(library)
    assert "spare key" not in stored_text(library)  # the link out of the folder was not followed


# -- check -------------------------------------------------------------------------------------------------
ARTICLES = [c for c in FILES if c.article]


@pytest.mark.parametrize("case", ARTICLES, ids=[c.name for c in ARTICLES])
def test_check_of_a_hostile_article_says_what_is_wrong(case: Hostile, corpus, library):
    before = fingerprint(library)
    proc = run_cli("check", corpus / case.path, "--library", library, "-q", "--format", "json")
    no_traceback(proc.stdout, proc.stderr)
    if case.outcome == "fail":
        assert proc.returncode == 1, proc.stdout + proc.stderr
        line = reason_line(proc.stderr, corpus / case.path)
        for fragment in case.says:
            assert fragment in line, line
    else:  # read: checked, or refused for having nothing to check
        assert proc.returncode in (0, 1), proc.stderr
        if proc.returncode == 1:
            assert "nothing to check" in reason_line(proc.stderr, corpus / case.path)
        else:
            assert json.loads(proc.stdout)["claims"]
    assert fingerprint(library) == before


# -- the service -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, good_source: Path):
    folder = tmp_path_factory.mktemp("served")
    served = Service(_library(folder / "library", good_source, "--bm25-only"), log=folder / "service.log").start()
    yield served
    served.stop(kill=True)
    log = (folder / "service.log").read_text()
    assert "Traceback" not in log, log[-5000:]
    assert " 500 " not in log


UPLOADS = [c for c in FILES if c.upload]


def _content(corpus: Path, case: Hostile) -> bytes:
    return (corpus / case.path).read_bytes()


@pytest.mark.parametrize("case", UPLOADS, ids=[c.name for c in UPLOADS])
def test_service_source_upload_of_a_hostile_file(case: Hostile, corpus, service):
    before = fingerprint(service.library)
    name = Path(case.path).name
    response = httpx.post(f"{service.url}/v1/sources", files={"file": (name, _content(corpus, case))}, timeout=120)
    assert response.status_code != 500
    no_traceback(response.text)
    if case.outcome == "fail":
        assert response.status_code in (400, 413, 415), response.text
        error = response.json()["error"]
        assert name in error, error
        if response.status_code == 400:
            for fragment in case.says:
                assert fragment in error, error
        assert fingerprint(service.library) == before
    else:
        assert response.status_code == 201, response.text
        assert fingerprint(service.library)["files"] == before["files"] + 1
        for hidden in case.absent:
            assert hidden not in stored_text(service.library)


@pytest.mark.parametrize("case", ARTICLES, ids=[c.name for c in ARTICLES])
def test_service_check_of_a_hostile_article(case: Hostile, corpus, service):
    before = fingerprint(service.library)
    name = Path(case.path).name
    response = httpx.post(f"{service.url}/v1/checks", files={"file": (name, _content(corpus, case))}, timeout=120)
    assert response.status_code != 500
    no_traceback(response.text)
    if case.outcome == "fail":
        assert response.status_code in (400, 413), response.text
        error = response.json()["error"]
        assert name in error, error
        for fragment in case.says if response.status_code == 400 else ():
            assert fragment in error, error
    else:
        assert response.status_code == 202, response.text
        job = service.wait_for(response.json()["id"])
        assert job["status"] == "done" or "nothing to check" in job["error"], job
    assert fingerprint(service.library) == before


# -- library states ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def good_libraries(tmp_path_factory: pytest.TempPathFactory, good_source: Path) -> dict[bool, Path]:
    """A good BM25-only library and a good dense one, each copied and damaged by one state."""
    root = tmp_path_factory.mktemp("good-libraries")
    return {False: _library(root / "bm25", good_source, "--bm25-only"), True: _library(root / "dense", good_source)}


# Each loads the verifier only to be refused by the vector index as `search` is (the suite's time
# budget); `check` is run on the other vector states.
SEARCHED_ONLY = {"vectors-json-garbage", "vectors-json-a-list", "vectors-json-missing", "vectors-index-garbage"}


@pytest.mark.parametrize("state", LIBRARY_STATES, ids=[s.name for s in LIBRARY_STATES])
def test_a_damaged_library_is_reported_and_never_replaced(state, good_libraries, tmp_path, start_service):
    library = make_library_state(good_libraries[state.dense], state, tmp_path / "library")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text("The harbour of Kessel has 14 berths.\n", encoding="utf-8")

    def expect(proc: subprocess.CompletedProcess[str], works: bool) -> None:
        no_traceback(proc.stdout, proc.stderr)
        if works:
            assert proc.returncode == 0, proc.stderr
        else:
            assert proc.returncode == 1, proc.stdout + proc.stderr
            assert "library" in proc.stderr or DB_NAME in proc.stderr or "vector" in proc.stderr, proc.stderr
            for fragment in state.says:
                assert fragment in proc.stderr, proc.stderr

    files_before = sorted(p.name for p in library.iterdir())
    db_before = (library / DB_NAME).read_bytes() if (library / DB_NAME).is_file() else None
    expect(run_cli("index", "stats", "--json", "--library", library, cwd=tmp_path), state.reads)
    if state.name in SEARCHED_ONLY:  # the same refusal as `check`, without loading the verifier
        expect(run_cli("search", "Kessel ferry", "--library", library, cwd=tmp_path), state.checks)
    else:
        expect(run_cli("check", article, "-q", "--library", library, cwd=tmp_path), state.checks)
    if not state.reads:  # reading a damaged library never changes or replaces it
        assert sorted(p.name for p in library.iterdir()) == files_before
        if db_before is not None:
            assert (library / DB_NAME).read_bytes() == db_before
    content = fingerprint(library) if state.reads else None
    expect(run_cli("index", "add", new, "-q", "--library", library, cwd=tmp_path), state.writes)
    if state.writes:  # the damage (to the vectors) is repaired by the run, and the new file is added
        assert_consistent(library)
        assert fingerprint(library)["documents"] == content["documents"] + 1
        again = run_cli("search", "Kessel ferry", "--library", library, cwd=tmp_path)
        assert again.returncode == 0 and "412 passengers" in again.stdout, again.stderr
    elif content is not None:
        assert fingerprint(library) == content

    # the service: refuses to start with a message, or answers without a 500
    try:
        served = start_service(library)
    except RuntimeError as exc:
        log = str(exc)
        assert "Traceback" not in log, log
        assert any(fragment in log for fragment in state.says), log
        return
    for response in (
        httpx.get(f"{served.url}/v1/sources", timeout=60),
        httpx.get(f"{served.url}/v1/search", params={"q": "Kessel ferry"}, timeout=60),
        httpx.post(f"{served.url}/v1/sources", files={"file": ("berths.txt", b"Kessel has 15 berths.\n")}, timeout=60),
    ):
        assert response.status_code != 500, response.text
        no_traceback(response.text)
