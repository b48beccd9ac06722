"""The endpoint verifier against a real HTTP server on loopback that speaks OpenAI's chat-completions shape.

The server's replies follow simple rules over the request's user message, so each failure mode can be
asked for by a marker in the evidence: MARK-500, MARK-400, MARK-SLOW (sleeps past the client's
timeout), MARK-FLAKY (503 once, then a good reply), MARK-REPLY:<n> (the n-th canned bad reply).
Otherwise: the claim verbatim in the evidence is entailment (0.9), differing figures a contradiction
(0.95), anything else neutral (0.8).
"""

from __future__ import annotations

import json
import math
import re
import socket
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from corroborate import Library, Settings, check
from corroborate.api import load_settings_verifier
from corroborate.config import verifier_settings
from corroborate.errors import ModelError
from corroborate.records import Label
from corroborate.report import SCHEMA_VERSION, render_markdown, render_text, to_dict
from corroborate.verify.endpoint import (
    SYSTEM_PROMPT,
    USER_TEMPLATE,
    EndpointVerifier,
    Unjudged,
    parse_reply,
    reply_probabilities,
)
from tests.conftest import ROOT, run_cli

MODEL = "test-nli"
KEY = "sk-local-test-key-5f3a"
SLOW_SECONDS = 1.0

BAD_REPLIES = [
    ("I think the claim is probably true.", "the endpoint's reply was not valid JSON"),
    ('Sure! {"label": "entailment", "confidence": 0.9}', "the endpoint's reply had text around its JSON object"),
    ('{"label": "entailment", "confidence": 0.9} I hope this helps.', "had text around its JSON object"),
    ('{"label": "supported", "confidence": 0.9}', 'label "supported", not entailment, neutral or contradiction'),
    ('{"label": "entailment", "confidence": 1.5}', "confidence 1.5, not a number from 0 to 1"),
    ('{"label": "entailment", "confidence": "high"}', 'confidence "high", not a number from 0 to 1'),
    ('{"label": "entailment"}', "keys ['label'], not exactly label and confidence"),
    ('{"label": "entailment", "confidence": 0.9, "why": "x"}', "not exactly label and confidence"),
    ('["entailment", 0.9]', "JSON but not an object"),
    ("", "the endpoint's reply was not valid JSON"),
]


def _pair_of(user_message: str) -> tuple[str, str]:
    match = re.fullmatch(r"EVIDENCE: (.*)\nCLAIM: (.*)", user_message, re.DOTALL)
    assert match, user_message
    return match.group(1), match.group(2)


def _judge(evidence: str, claim: str) -> str:
    def figures(text: str) -> set[str]:
        return set(re.findall(r"\d[\d,.]*\d|\d", text))

    if claim.lower().rstrip(".") in evidence.lower():
        return json.dumps({"label": "entailment", "confidence": 0.9})
    if figures(claim) and figures(evidence) and figures(claim) != figures(evidence):
        return json.dumps({"label": "contradiction", "confidence": 0.95})
    return json.dumps({"label": "neutral", "confidence": 0.8})


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, payload: object) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.server.lock:
            self.server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
        if self.path != "/v1/chat/completions":
            return self._send(404, {"error": {"message": f"no route {self.path}"}})
        evidence, claim = _pair_of(body["messages"][1]["content"])
        if "MARK-500" in evidence:
            return self._send(500, {"error": {"message": "the model crashed"}})
        if "MARK-400" in evidence:
            return self._send(400, {"error": {"message": "context too long"}})
        if "MARK-FLAKY" in evidence:
            with self.server.lock:
                first = evidence not in self.server.seen
                self.server.seen.add(evidence)
            if first:
                return self._send(503, {"error": "busy"})
        if "MARK-SLOW" in evidence:
            time.sleep(SLOW_SECONDS)
        canned = re.search(r"MARK-REPLY:(\d+)", evidence)
        content = BAD_REPLIES[int(canned.group(1))][0] if canned else _judge(evidence, claim)
        if "MARK-FENCE" in evidence:
            content = f"```json\n{content}\n```"
        self._send(
            200,
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": 0,
                "model": body["model"],
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            },
        )


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict] = []
        self.seen: set[str] = set()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def handle_error(self, request, client_address) -> None:  # a client that timed out and hung up
        pass


@pytest.fixture(scope="module")
def server():
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def endpoint(server):
    server.requests.clear()
    server.seen.clear()
    return EndpointVerifier(server.url, MODEL, timeout=5, retries=0)


EVIDENCE = "Emergency services evacuated 4,200 residents from Vellmar."
PAIRS = [
    (EVIDENCE, "Emergency services evacuated 4,200 residents from Vellmar."),
    (EVIDENCE, "Emergency services evacuated 2,400 residents from Vellmar."),
    (EVIDENCE, "The mayor of Vellmar praised the volunteers."),
]


# -- mapping and the prompt -------------------------------------------------------------------------
def test_replies_map_to_the_label_columns_in_input_order(endpoint):
    predictions = endpoint.predict_with_errors(PAIRS)
    np.testing.assert_allclose(
        predictions.probabilities, [[0.9, 0.05, 0.05], [0.025, 0.025, 0.95], [0.1, 0.8, 0.1]], atol=1e-6
    )
    assert predictions.errors == (None, None, None)
    np.testing.assert_array_equal(endpoint.predict(PAIRS), predictions.probabilities)
    assert endpoint.predict([]).shape == (0, 3)


def test_the_documented_prompt_is_what_the_server_receives(endpoint, server):
    endpoint.predict(PAIRS[:1])
    (request,) = server.requests
    assert request["path"] == "/v1/chat/completions"
    body = request["body"]
    assert body["model"] == MODEL and body["temperature"] == 0 and body["stream"] is False
    assert body["messages"] == [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": f"EVIDENCE: {PAIRS[0][0]}\nCLAIM: {PAIRS[0][1]}"},
    ]
    assert "Authorization" not in request["headers"]
    docs = (ROOT / "docs" / "endpoint-verifier.md").read_text()
    assert SYSTEM_PROMPT in docs and USER_TEMPLATE in docs
    assert f'"max_tokens": {body["max_tokens"]}' in docs


def test_identity_names_the_model_and_url(server):
    v = EndpointVerifier(server.url + "/", MODEL)
    assert v.name == f"endpoint:{MODEL}@{server.url}" and v.runtime == "endpoint"
    assert len(v.hash) == 64
    assert v.hash == EndpointVerifier(server.url + "/chat/completions", MODEL).hash
    assert v.hash != EndpointVerifier(server.url, "other-model").hash


# -- replies that are not judgements ---------------------------------------------------------------
@pytest.mark.parametrize(("index", "message"), list(enumerate(r[1] for r in BAD_REPLIES)))
def test_a_malformed_reply_is_reported_and_never_counted(endpoint, index, message):
    pairs = [PAIRS[0], (f"{EVIDENCE} MARK-REPLY:{index}", PAIRS[0][1]), PAIRS[1]]
    predictions = endpoint.predict_with_errors(pairs)
    assert predictions.errors[0] is None and predictions.errors[2] is None
    assert message in predictions.errors[1]
    assert np.isnan(predictions.probabilities[1]).all()
    assert predictions.probabilities[0].argmax() == 0 and predictions.probabilities[2].argmax() == 2


def test_a_fenced_reply_is_accepted(endpoint):
    predictions = endpoint.predict_with_errors([(f"{EVIDENCE} MARK-FENCE", PAIRS[0][1])])
    assert predictions.errors == (None,)
    assert predictions.probabilities[0].tolist() == pytest.approx([0.9, 0.05, 0.05])


def test_an_http_error_is_reported_with_the_server_s_message_after_the_retries(server):
    v = EndpointVerifier(server.url, MODEL, timeout=5, retries=1)
    server.requests.clear()
    predictions = v.predict_with_errors([(f"{EVIDENCE} MARK-500", PAIRS[0][1]), PAIRS[0]])
    assert predictions.errors == ("HTTP 500 from the endpoint: the model crashed (after 2 attempts)", None)
    assert sum("MARK-500" in r["body"]["messages"][1]["content"] for r in server.requests) == 2


def test_a_client_error_is_not_retried(server):
    v = EndpointVerifier(server.url, MODEL, timeout=5, retries=3)
    server.requests.clear()
    predictions = v.predict_with_errors([(f"{EVIDENCE} MARK-400", PAIRS[0][1])])
    assert predictions.errors == ("HTTP 400 from the endpoint: context too long",)
    assert len(server.requests) == 1


def test_a_busy_server_is_asked_again(server):
    server.seen.clear()
    v = EndpointVerifier(server.url, MODEL, timeout=5, retries=1)
    predictions = v.predict_with_errors([(f"{EVIDENCE} MARK-FLAKY", PAIRS[0][1])])
    assert predictions.errors == (None,) and predictions.probabilities[0].argmax() == 0


def test_a_timeout_is_reported(server):
    v = EndpointVerifier(server.url, MODEL, timeout=0.3, retries=0, parallel=2)
    started = time.perf_counter()
    predictions = v.predict_with_errors([(f"{EVIDENCE} MARK-SLOW", PAIRS[0][1]), PAIRS[1]])
    assert time.perf_counter() - started < SLOW_SECONDS
    assert predictions.errors == ("timed out: no reply within 0.3 s", None)
    assert np.isnan(predictions.probabilities[0]).all() and predictions.probabilities[1].argmax() == 2


def test_an_unreachable_endpoint_stops_the_run():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    v = EndpointVerifier(f"http://127.0.0.1:{port}/v1", MODEL, timeout=2, retries=0)
    with pytest.raises(ModelError, match=rf"127\.0\.0\.1:{port}/v1: cannot reach the endpoint"):
        v.predict(PAIRS)


def test_parallel_requests_keep_input_order(server):
    v = EndpointVerifier(server.url, MODEL, timeout=5, retries=0, parallel=4)
    pairs = PAIRS * 5
    np.testing.assert_array_equal(v.predict(pairs), np.tile(v.predict(PAIRS), (5, 1)))


# -- the API key -----------------------------------------------------------------------------------
def test_the_api_key_is_sent_as_a_bearer_token_and_never_shown(server, monkeypatch):
    monkeypatch.setenv("TEST_ENDPOINT_KEY", KEY)
    settings = Settings(endpoint_url=server.url, endpoint_model=MODEL, endpoint_key_env="TEST_ENDPOINT_KEY")
    verifier = load_settings_verifier(settings)
    server.requests.clear()
    verifier.predict(PAIRS[:1])
    assert server.requests[0]["headers"]["Authorization"] == f"Bearer {KEY}"
    assert KEY not in f"{verifier!r} {verifier.name} {verifier.hash} {json.dumps(settings.as_dict())}"


def test_no_key_in_the_environment_sends_no_header(server, monkeypatch):
    monkeypatch.delenv("TEST_ENDPOINT_KEY", raising=False)
    settings = Settings(endpoint_url=server.url, endpoint_model=MODEL, endpoint_key_env="TEST_ENDPOINT_KEY")
    server.requests.clear()
    load_settings_verifier(settings).predict(PAIRS[:1])
    assert "Authorization" not in server.requests[0]["headers"]


# -- parsing and settings, without a server ----------------------------------------------------------
@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ('{"label": "entailment", "confidence": 0.9}', ("entailment", 0.9)),
        ('  {"confidence": 1, "label": "CONTRADICTION"}\n', ("contradiction", 1.0)),
        ('```\n{"label": "neutral", "confidence": 0}\n```', ("neutral", 0.0)),
    ],
)
def test_parse_reply_accepts_the_documented_format(reply, expected):
    assert parse_reply(reply) == expected


@pytest.mark.parametrize(
    "reply", ['{"label": "entailment", "confidence": true}', '{"label": "entailment", "confidence": NaN}', "null"]
)
def test_parse_reply_refuses_the_rest(reply):
    with pytest.raises(Unjudged):
        parse_reply(reply)


def test_reply_probabilities_sum_to_one():
    probs = reply_probabilities("contradiction", 0.7)
    assert probs.tolist() == pytest.approx([0.15, 0.15, 0.7]) and math.isclose(probs.sum(), 1, rel_tol=1e-6)


def test_verifier_flag_values():
    from corroborate.config import DEFAULT_MODEL_PATH

    assert verifier_settings("shipped") == {"model_path": DEFAULT_MODEL_PATH, "endpoint_url": None}
    assert verifier_settings("http://127.0.0.1:8080/v1", "m") == {
        "endpoint_url": "http://127.0.0.1:8080/v1",
        "endpoint_model": "m",
    }
    assert verifier_settings("models/x")["model_path"] == Path("models/x").resolve()
    v0 = verifier_settings("v0")["model_path"]
    assert v0.name == "verifier-v0" and (v0 / "config.json").is_file()  # an older bundled model stays loadable
    with pytest.raises(ValueError, match="--verifier-model"):
        verifier_settings("http://127.0.0.1:8080/v1")
    with pytest.raises(ValueError, match="--verifier-model names an endpoint"):
        verifier_settings("shipped", "m")


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"endpoint_url": "http://127.0.0.1:8080/v1"}, "endpoint_model is required"),
        ({"endpoint_url": "127.0.0.1:8080", "endpoint_model": "m"}, "must start with http"),
        ({"endpoint_url": "http://me:secret@127.0.0.1/v1", "endpoint_model": "m"}, "no credentials"),
        ({"endpoint_timeout": 0}, "endpoint_timeout"),
        ({"endpoint_parallel": 0}, "endpoint_parallel"),
    ],
)
def test_endpoint_settings_are_validated(fields, problem):
    with pytest.raises(ValueError, match=problem):
        Settings(**fields)


# -- end to end: a library, an article, verdicts from the endpoint ----------------------------------------
SOURCES = {
    "river.txt": "River report\n\nThe Ostra river rose three metres above its normal level in Vellmar.\n",
    "evacuation.txt": "Evacuation\n\nEmergency services evacuated 4,200 residents from Vellmar.\n",
    "barrier.txt": "Barrier MARK-REPLY:0\n\nThe flood barrier of Vellmar was built by Keller Construction MARK-REPLY:0.\n",
}
ARTICLE = (
    "Flood in Vellmar\n\n"
    "Emergency services evacuated 2,400 residents from Vellmar. "
    "The Ostra river rose three metres above its normal level in Vellmar. "
    "The flood barrier of Vellmar was built by Keller Construction.\n"
)


@pytest.fixture(scope="module")
def small_library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("endpoint")
    (folder / "sources").mkdir()
    for name, text in SOURCES.items():
        (folder / "sources" / name).write_text(text)
    (folder / "article.txt").write_text(ARTICLE)
    with Library.open(folder / "library", create=True, settings=Settings(dense=False)) as lib:
        assert lib.add([folder / "sources"]).ok
    return folder


@pytest.mark.slow
def test_check_through_the_cli_gives_verdicts_from_the_endpoint(small_library, server, monkeypatch):
    monkeypatch.setenv("CORROBORATE_ENDPOINT_KEY", KEY)
    server.requests.clear()
    library = small_library / "library"
    result = run_cli(
        "check", small_library / "article.txt", "--library", library, "--format", "json", "-q",
        "--verifier", server.url, "--verifier-model", MODEL,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema_version"] == SCHEMA_VERSION
    assert report["model"]["name"] == f"endpoint:{MODEL}@{server.url}" and report["model"]["runtime"] == "endpoint"
    verdicts = {c["text"]: c for c in report["claims"]}
    assert verdicts["The Ostra river rose three metres above its normal level in Vellmar."]["verdict"] == "SUPPORTED"
    refuted = verdicts["Emergency services evacuated 2,400 residents from Vellmar."]
    assert refuted["verdict"] == "REFUTED" and refuted["evidence"][0]["probabilities"]["contradiction"] == 0.95
    barrier = verdicts["The flood barrier of Vellmar was built by Keller Construction."]
    assert barrier["verdict"] == "NOT ENOUGH EVIDENCE" and barrier["confidence"] == 0.0
    assert "could be judged: the endpoint's reply was not valid JSON" in barrier["explanation"]
    (unjudged,) = barrier["evidence"]
    assert unjudged["error"] == "the endpoint's reply was not valid JSON"
    assert unjudged["probabilities"] is None and unjudged["stance"] == "unjudged" and not unjudged["decisive"]
    # Every request carried the key; neither the report nor the library's run record holds it.
    assert server.requests and all(r["headers"]["Authorization"] == f"Bearer {KEY}" for r in server.requests)
    assert KEY not in result.stdout + result.stderr
    with sqlite3.connect(library / "corroborate.sqlite") as db:
        (settings, model) = db.execute("SELECT settings, model FROM runs ORDER BY rowid DESC LIMIT 1").fetchone()
    assert KEY not in settings and json.loads(settings)["endpoint_url"] == server.url
    assert model == f"endpoint:{MODEL}@{server.url}"


@pytest.mark.slow
def test_reports_show_unjudged_evidence_briefly(small_library, server):
    settings = Settings(endpoint_url=server.url, endpoint_model=MODEL, endpoint_retries=0)
    with Library.open(small_library / "library", settings=settings) as lib:
        result = check(small_library / "article.txt", lib)
    labels = {v.claim.text: v.label for v in result.verdicts}
    assert labels["The Ostra river rose three metres above its normal level in Vellmar."] is Label.SUPPORTED
    assert labels["Emergency services evacuated 2,400 residents from Vellmar."] is Label.REFUTED
    unjudged = [j for v in result.verdicts for j in v.considered if j.error is not None]
    assert unjudged and all(math.isnan(j.entailment) for j in unjudged)
    text = render_text(result)
    assert f"Verifier: endpoint:{MODEL}@{server.url}" in text
    assert "none of the 1 related sentence(s) could be judged: the endpoint's reply was not valid JSON" in text
    assert f"Not judged: {len(unjudged)} evidence sentence(s)" in text
    markdown = render_markdown(result)
    assert "None of the 1 related sentence(s) could be judged: the endpoint's reply was not valid JSON" in markdown
    assert f"**Not judged:** {len(unjudged)} evidence sentence(s)" in markdown
    assert "nan" not in json.dumps(to_dict(result)).lower()


@pytest.mark.slow
def test_check_with_a_model_folder_runs_that_model(small_library, tmp_path):
    from tests.test_verifier import _tiny_bert

    folder = tmp_path / "tiny-nli"
    _tiny_bert(folder, {0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"})
    result = run_cli(
        "check", small_library / "article.txt", "--library", small_library / "library", "--format", "json", "-q",
        "--verifier", folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["model"]["name"] == "tiny-nli" and report["model"]["runtime"] == "torch"
    assert report["settings"]["model_path"] == str(folder) and report["settings"]["endpoint_url"] is None
    assert all(e["error"] is None for c in report["claims"] for e in c["evidence"])
