"""Hostile source files (issue 16): each fails alone with a message naming the file, the line and what
to do; the good file beside it is indexed; no traceback.

Real components only: the CLI as a subprocess, a real SQLite library under tmp_path.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import run_cli as cli

DB_NAME = "corroborate.sqlite"
GOOD = "The Kessel ferry carried 412 passengers on 3 May 2025.\n"


def add(library: Path, *sources: Path) -> tuple[int, str, str]:
    proc = cli("index", "add", *sources, "--library", library, "--bm25-only", "-q", cwd=library.parent)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def origins(library: Path) -> list[str]:
    with closing(sqlite3.connect(library / DB_NAME)) as conn:
        return sorted(r[0] for r in conn.execute("SELECT origin FROM documents"))


def failure(stderr: str, path: Path) -> str:
    """The line of `index add`'s failure list about `path`."""
    lines = [line for line in stderr.splitlines() if line.strip().startswith(f"{path}:")]
    assert lines, stderr
    return lines[0]


def folder_with(tmp_path: Path, name: str, content: str | bytes) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = sources / name
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return sources


OK_LINE = '{"id": "a1", "text": "The Ostra bridge reopened on 9 May 2026."}\n'
JSONL_CASES = [
    # name, second line of the file, fragments the message must hold
    ("nested", '{"id": "x", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", ("line 2", "nested too deeply", "fix")),
    ("huge-int-id", '{"id": ' + "7" * 5000 + ', "text": "A text."}', ("line 2", "digits", "fix")),
    ("nan", '{"id": "x", "text": "A text.", "score": NaN}', ("line 2", "NaN", "fix")),
    ("array-line", '["x", "A text."]', ("line 2", "an array", "one JSON object")),
    ("object-date", '{"id": "x", "text": "A text.", "date": {"y": 2026}}', ("line 2", "'date'", "2026-03-17")),
    ("text-number-list", '{"id": "x", "text": [1, 2]}', ("line 2", "'text'", "string")),
    ("missing-id", '{"text": "A text."}', ("line 2", "'id'", "add it")),
    ("duplicate-id", '{"id": "a1", "text": "Another text."}', ("line 2", "twice", "its own id")),
    ("bool-id", '{"id": true, "text": "A text."}', ("line 2", "'id'", "string")),
]


@pytest.mark.parametrize(("case", "line", "fragments"), JSONL_CASES, ids=[c[0] for c in JSONL_CASES])
def test_hostile_jsonl_line_fails_its_file_only_with_line_and_remedy(tmp_path, case, line, fragments):
    sources = folder_with(tmp_path, f"{case}.jsonl", OK_LINE + line + "\n")
    library = tmp_path / "library"
    code, stdout, stderr = add(library, sources)
    assert code == 1, stdout + stderr  # a file failed: 1, never click's usage error (2)
    message = failure(stderr, sources / f"{case}.jsonl")
    for fragment in fragments:
        assert fragment in message, message
    assert origins(library) == [str((sources / "good.txt").resolve())]  # the good file, and not half the bad one


def test_markdown_with_only_front_matter_says_what_to_do(tmp_path):
    sources = folder_with(tmp_path, "empty.md", "---\ntitle: Draft\ndate: 2026-01-02\n---\n")
    library = tmp_path / "library"
    code, _, stderr = add(library, sources)
    assert code == 1
    message = failure(stderr, sources / "empty.md")
    assert "front matter" in message and "add the article's text" in message


def test_nul_byte_after_the_first_8_kib_is_refused_and_not_stored(tmp_path):
    text = ("The Vellmar dike was completed in 1931. " * 300).encode("utf-8")
    assert len(text) > 8192
    sources = folder_with(tmp_path, "tail.txt", text + b"\x00\x01binary tail")
    library = tmp_path / "library"
    code, _, stderr = add(library, sources)
    assert code == 1
    message = failure(stderr, sources / "tail.txt")
    assert "NUL byte" in message and "remove the NUL bytes" in message
    assert origins(library) == [str((sources / "good.txt").resolve())]


def test_symlink_loop_fails_alone_and_the_run_goes_on(tmp_path):
    sources = folder_with(tmp_path, "other.txt", "The harbour of Kessel has 14 berths.\n")
    os.symlink("loop.txt", sources / "loop.txt")  # a link to itself
    library = tmp_path / "library"
    code, stdout, stderr = add(library, sources)
    assert code == 1
    assert "2 new" in stdout and "1 failed" in stdout
    assert "loops back on itself" in failure(stderr, sources / "loop.txt")
    assert len(origins(library)) == 2


def test_links_out_of_the_folder_are_skipped_with_a_note_and_links_inside_are_followed(tmp_path):
    secret = tmp_path / "private" / "diary.txt"
    secret.parent.mkdir()
    secret.write_text("My bank PIN is 4711 and the spare key is under the mat.\n", encoding="utf-8")
    sources = folder_with(tmp_path, "other.txt", "The harbour of Kessel has 14 berths.\n")
    os.symlink(secret, sources / "diary.txt")
    os.symlink(secret.parent, sources / "private")
    os.symlink(sources / "other.txt", sources / "alias.txt")  # inside: the same file, stored once
    library = tmp_path / "library"
    code, _, stderr = add(library, sources)
    assert code == 0, stderr
    assert f"skipped {sources / 'diary.txt'}: a link to a file outside this folder" in stderr
    assert f"skipped {sources / 'private'}: a link to a folder" in stderr
    assert "give the file itself" in stderr
    assert str(secret) not in "".join(origins(library))
    assert len(origins(library)) == 2
    # named directly, a link is followed: the user chose it
    code, _, stderr = add(library, sources / "diary.txt")
    assert code == 0, stderr
    assert str(secret) in origins(library)
