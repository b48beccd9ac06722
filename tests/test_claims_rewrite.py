"""Optional LLM decomposition against a real HTTP server on loopback that speaks OpenAI's chat-completions
shape. Its replies are canned per sentence, some faithful and some not, so that every check a rewrite
must pass can be seen to drop what it should; the shipped verifier judges entailment for real."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from corroborate import Settings
from corroborate.api import find_claims
from corroborate.records import Document
from tests.conftest import run_cli

MODEL = "test-decomposer"
REPLIES = {
    # faithful split, plus one rewrite with a figure the sentence does not have
    "flood": ["The Ostra flood injured 40 people in Kessel on 16 March 2026.",
              "The Ostra flood killed 12 people in Kessel on 16 March 2026.",
              "The Ostra flood killed 15 people in Kessel on 16 March 2026."],
    # the hedge is lost: "would not resign" becomes "will resign"
    "resign": ["The mayor of Kessel will resign."],
    # a name the article never gives
    "bridge": ["Anna Berg closed the bridge over the Ostra on Monday."],
    # not JSON at all
    "dam": "I am sorry, I cannot help with that.",
}  # fmt: skip


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        user = body["messages"][-1]["content"]
        sentence = user.split("Sentence: ", 1)[1].split("\n", 1)[0].lower()
        key = next((k for k in REPLIES if k in sentence), None)
        reply = REPLIES.get(key, []) if key else []
        content = reply if isinstance(reply, str) else json.dumps({"claims": reply})
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


TEXT = (
    "The Ostra flood injured 40 people and killed 12 in Kessel on 16 March 2026. "
    "The mayor of Kessel would not resign, his office said. "
    "Police closed the bridge over the Ostra on Monday. "
    "The dam at Kessel burst at dawn after three days of rain."
)


def _claims(url: str) -> list:
    doc = Document(id="a", title="a", origin="a.txt", text=TEXT, content_hash="x", format="txt", date="2026-03-17")
    settings = Settings(decompose_url=url, decompose_model=MODEL)
    return find_claims(doc, settings).claims


def test_faithful_rewrites_replace_the_parser_and_unfaithful_ones_are_dropped(server_url: str):
    claims = _claims(server_url)
    texts = [c.text for c in claims]
    assert "The Ostra flood injured 40 people in Kessel on 16 March 2026." in texts
    assert "The Ostra flood killed 12 people in Kessel on 16 March 2026." in texts
    assert not any("15 people" in t for t in texts)  # a figure the sentence does not have
    rewritten = [c for c in claims if any("rewritten by test-decomposer" in n for n in c.notes)]
    assert rewritten and all(c.sentence.startswith("The Ostra flood") for c in rewritten)


def test_a_rewrite_that_loses_a_hedge_or_adds_a_name_leaves_the_parsers_claims(server_url: str):
    doc = Document(id="a", title="a", origin="a.txt", text=TEXT, content_hash="x", format="txt", date="2026-03-17")
    found = find_claims(doc, Settings(decompose_url=server_url, decompose_model=MODEL))
    # the parser's claims, kept or set aside by the context model ("Police closed the bridge": which police?)
    texts = [c.text for c in (*found.claims, *found.needs_context)]
    assert "The mayor of Kessel will resign." not in texts
    assert any("would not resign" in t for t in texts)
    assert not any("Anna Berg" in t for t in texts)
    assert any(t.startswith("Police closed the bridge") for t in texts)


def test_an_unreadable_reply_keeps_the_parsers_claims(server_url: str):
    doc = Document(id="a", title="a", origin="a.txt", text=TEXT, content_hash="x", format="txt", date="2026-03-17")
    found = find_claims(doc, Settings(decompose_url=server_url, decompose_model=MODEL))
    # kept as a claim or, when the context model reads it as leaning on the article, set aside: not lost
    texts = [c.text for c in (*found.claims, *found.needs_context)]
    assert any(t.startswith("The dam at Kessel burst at dawn") for t in texts)


def test_the_cli_takes_the_server_and_refuses_a_url_without_a_model(server_url: str, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    done = run_cli("claims", str(article), "--decompose-url", server_url, "--decompose-model", MODEL)
    assert done.returncode == 0, done.stderr
    assert "rewritten by test-decomposer" in done.stdout
    refused = run_cli("claims", str(article), "--decompose-url", server_url)
    assert refused.returncode == 2 and "decompose_model is required" in refused.stderr


def test_an_unreachable_server_is_a_clear_error(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    done = run_cli("claims", str(article), "--decompose-url", f"http://127.0.0.1:{port}/v1", "--decompose-model", MODEL)
    assert done.returncode == 1 and "cannot reach the endpoint" in done.stderr
    assert "Traceback" not in done.stderr
