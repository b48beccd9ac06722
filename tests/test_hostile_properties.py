"""Property-based tests (Hypothesis) of every ingest reader and of the JSON body of POST /v1/checks (issue 16).

Whatever bytes a source file holds, reading it gives documents or raises one of corroborate's own
`InputError`s naming the file, never another exception; whatever JSON (or near-JSON) a client posts,
the service answers 202 or a 4xx with a JSON error, never a 500.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.errors import InputError
from corroborate.ingest import read_documents
from tests.conftest import Service, run_cli

pytestmark = pytest.mark.slow

FEW = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MAX_BYTES = 1_000_000

# Bytes that look like each format, so examples reach the parser and not only the binary check.
_TEXTISH = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_JSONL_ROW = st.fixed_dictionaries(
    {},
    optional={key: _JSON_VALUES for key in ("id", "title", "text", "url", "date")},
)


def _read(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"source{suffix}"
    path.write_bytes(data)
    try:
        docs = read_documents(path, MAX_BYTES)[1]
    except InputError as exc:
        assert exc.path == str(path), exc  # names the file
        assert exc.reason
        return
    for doc in docs:
        doc.text.encode("utf-8")  # storable: no lone surrogate
        assert "\x00" not in doc.text and doc.text.strip()


@FEW
@given(data=st.binary(max_size=2000) | _TEXTISH.map(lambda t: t.encode("utf-8")))
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl", ".pdf"])
def test_any_bytes_are_read_or_refused_with_an_input_error(tmp_path, suffix, data):
    _read(tmp_path, suffix, data)


@FEW
@given(rows=st.lists(_JSONL_ROW | _JSON_VALUES, min_size=1, max_size=4))
def test_any_jsonl_rows_are_read_or_refused_with_an_input_error(tmp_path, rows):
    _read(tmp_path, ".jsonl", "\n".join(json.dumps(r) for r in rows).encode("utf-8"))


@FEW
@given(
    front=st.dictionaries(st.sampled_from(["title", "date", "x"]), st.text(max_size=30), max_size=3),
    body=_TEXTISH,
)
def test_markdown_with_any_front_matter_is_read_or_refused(tmp_path, front, body):
    head = "".join(f"{k}: {v}\n" for k, v in front.items())
    _read(tmp_path, ".md", f"---\n{head}---\n{body}".encode("utf-8", errors="surrogatepass"))


@FEW
@given(
    tags=st.lists(
        st.sampled_from(
            ["<p>", "</p>", "<script>", "</script>", "<div>", "<iframe>", "<!--", "-->", "&#0;", "&#xd800;", "<nav>"]
        ),
        max_size=30,
    ),
    words=_TEXTISH,
)
def test_html_of_any_tags_is_read_or_refused(tmp_path, tags, words):
    _read(tmp_path, ".html", ("".join(tags) + words + "".join(reversed(tags))).encode("utf-8", errors="surrogatepass"))


def test_a_hostile_source_is_refused_by_the_cli_without_a_traceback(tmp_path):
    # The property above holds in-process; the CLI adds only its own messages (one run, as a user).
    (tmp_path / "bad.jsonl").write_bytes(b'{"id": "a", "text": "x\\ud800"}\n')
    proc = run_cli("index", "add", tmp_path / "bad.jsonl", "--library", tmp_path / "lib", "--bm25-only", "-q")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "surrogate" in proc.stderr, proc.stderr


# -- the JSON API ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("served")
    source = folder / "ferry.txt"
    source.write_text("The Kessel ferry carried 412 passengers on 3 May 2025.\n", encoding="utf-8")
    assert run_cli("index", "add", source, "--library", folder / "library", "--bm25-only", "-q").returncode == 0
    # Queued checks are never run here (one worker, each check a few seconds): the answer is what is tested.
    served = Service(folder / "library", "--rate-limit", "100000", log=folder / "service.log").start()
    yield served
    served.stop(kill=True)
    log = (folder / "service.log").read_text()
    assert "Traceback" not in log, log[-5000:]


_FIELD = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=60) | st.lists(st.integers(), max_size=3)
)
_CHECK_BODIES = st.fixed_dictionaries(
    {},
    optional={
        "text": _FIELD | _TEXTISH,
        "date": _FIELD | st.dates().map(str),
        "title": _FIELD,
        "file": _FIELD,
        "x": _FIELD,
    },
)


def _post(service: Service, body: bytes) -> httpx.Response:
    response = httpx.post(
        f"{service.url}/v1/checks", content=body, headers={"Content-Type": "application/json"}, timeout=60
    )
    assert response.status_code in (202, 400, 413, 415, 422), response.text
    assert "Traceback" not in response.text
    if response.status_code != 202:
        assert set(response.json()) == {"error"} and response.json()["error"]
    return response


@FEW
@given(body=_CHECK_BODIES | _JSON_VALUES)
def test_any_json_body_gets_a_job_or_a_clear_4xx(service, body):
    _post(service, json.dumps(body).encode())


@FEW
@given(
    text=st.text(max_size=80),
    escape=st.sampled_from(["\\ud800", "\\udfff", "\\u0000", "\\ud83d\\ude00", "\\\\", '\\"']),
    field=st.sampled_from(["text", "date", "title"]),
)
def test_escapes_that_are_not_text_get_a_job_or_a_clear_4xx(service, text, escape, field):
    # json.dumps cannot write a lone surrogate; a client can.
    fields = {"text": "The Kessel ferry carried 412 passengers.", "date": "2026-03-17"}
    fields[field] = json.dumps(text)[1:-1] + escape
    _post(service, ("{" + ", ".join(f'"{k}": "{v}"' for k, v in fields.items()) + "}").encode())


@FEW
@given(body=st.binary(max_size=300))
def test_any_bytes_as_a_json_body_get_a_clear_4xx_or_a_job(service, body):
    _post(service, body)
