"""The service against a hostile client (issue 16, items 10–16), each through a real server on loopback.

Forwarding headers cannot buy a fresh rate-limit bucket; the token is in no log line; a browser off
loopback gets the token form; Markdown reports carry no live HTML and every response has the security
headers; no absolute server path reaches a client; long text gets the documented limit and message;
JSON bodies are checks like forms.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import socket

import httpx
import pytest

from corroborate.service.security import RateLimiter, redact
from tests.conftest import ROOT, Service, run_cli

pytestmark = pytest.mark.slow

SHORT_ARTICLE = (
    "Flood update\n\n"
    "Emergency services evacuated 2,400 residents from the low-lying districts of Vellmar. "
    "The river Ostra peaked at 7.8 metres at the Vellmar bridge gauge on 15 March 2026."
)
TOKEN = "hardening-test-token-5f1c0a9e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SECURITY_HEADERS = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


def _announce_a_large_body(service: Service, path: str, length: int) -> tuple[int, dict[str, str], str]:
    """Send only the headers of a POST whose body would be `length` bytes; the status, headers and body
    of the answer (which must come before any of the body is sent)."""
    with socket.create_connection(("127.0.0.1", service.port), timeout=30) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\nConnection: close\r\n\r\n".encode()
        )
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode().split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}
    return int(status_line.split()[1]), headers, body.decode()


def _only_error(response: httpx.Response) -> str:
    """The message of a clean JSON error: no traceback, no other field."""
    assert "Traceback" not in response.text
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]


# -- 10: the rate limit and forwarding headers -----------------------------------------------------------


def test_a_new_forwarded_address_per_request_does_not_escape_the_rate_limit(example_library_copy, start_service):
    service = start_service(example_library_copy, "--rate-limit", "5")
    codes = [
        httpx.get(f"{service.url}/v1/sources", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
        for i in range(8)
    ]
    assert codes[:5] == [200] * 5
    assert codes[5:] == [429] * 3
    refused = httpx.get(f"{service.url}/v1/sources", headers={"Forwarded": "for=198.51.100.7"})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1


def test_a_named_proxy_is_believed(example_library_copy, start_service):
    # The operator's explicit choice: behind a reverse proxy on loopback, each forwarded client has its own bucket.
    service = start_service(example_library_copy, "--rate-limit", "5", "--trusted-proxy", "127.0.0.1")
    codes = [
        httpx.get(f"{service.url}/v1/sources", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
        for i in range(8)
    ]
    assert codes == [200] * 8
    same = [
        httpx.get(f"{service.url}/v1/sources", headers={"X-Forwarded-For": "203.0.113.200"}).status_code
        for _ in range(7)
    ]
    assert same[:5] == [200] * 5 and same[-1] == 429


def test_the_table_of_rate_limit_buckets_is_bounded():
    limiter = RateLimiter(per_minute=60, burst=5, max_clients=100)
    for i in range(20_000):
        limiter.allow(f"10.0.{i // 256}.{i % 256}")
        assert len(limiter) <= 100
    # A client seen lately keeps its bucket through the churn: it is still held to its rate.
    for _ in range(5):
        assert limiter.allow("192.0.2.1") == 0.0
    for i in range(50):
        limiter.allow(f"172.16.0.{i}")
    assert limiter.allow("192.0.2.1") > 0


# -- 11: no secret in any log line ---------------------------------------------------------------------


def test_the_token_is_in_no_log_line(example_library_copy, start_service):
    service = start_service(example_library_copy, "--host", "0.0.0.0", "--token", TOKEN)
    url = service.url
    with httpx.Client(base_url=url, follow_redirects=True) as browser:
        for _ in range(3):
            assert browser.get("/", params={"token": TOKEN}).status_code == 200
        assert browser.get("/v1/sources").status_code == 200
    assert httpx.get(f"{url}/", params={"token": "not-it", "other": "1"}).status_code == 200
    assert httpx.post(f"{url}/login", data={"token": TOKEN}).status_code == 204
    assert httpx.get(f"{url}/v1/sources", headers=AUTH).status_code == 200
    assert httpx.get(f"{url}/v1/nothing-here", params={"token": TOKEN}, headers=AUTH).status_code == 404
    service.stop()  # flushes the log
    log = service.log.read_text()
    assert TOKEN not in log
    # The access log is still written, with the query's token blanked.
    assert log.count('"GET /?token=[redacted] HTTP/1.1" 303') == 3
    assert "token=[redacted]&other=1" in log
    assert '"POST /login HTTP/1.1" 204' in log


def test_a_generated_token_is_kept_in_the_library_and_never_printed(example_library_copy, start_service):
    service = start_service(example_library_copy, "--host", "0.0.0.0")
    token_file = example_library_copy / "service-token"
    token = token_file.read_text().strip()
    assert httpx.get(f"{service.url}/v1/sources", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    service.stop()
    log = service.log.read_text()
    assert token not in log
    assert str(token_file) in log  # the operator is told where to read it


def test_redact_blanks_every_token_parameter_and_nothing_else():
    assert redact("GET /?token=abc&x=1 HTTP/1.1") == "GET /?token=[redacted]&x=1 HTTP/1.1"
    assert redact("/?a=1&token=abc") == "/?a=1&token=[redacted]"
    assert redact("/?TOKEN=abc") == "/?TOKEN=[redacted]"
    assert redact("/v1/search?q=tokens") == "/v1/search?q=tokens"


# -- 12: a browser off loopback gets the token form ---------------------------------------------------------


def test_off_loopback_a_browser_gets_the_token_form_and_the_api_a_json_401(example_library_copy, start_service):
    service = start_service(example_library_copy, "--host", "0.0.0.0", "--token", TOKEN)
    url = service.url
    page = httpx.get(f"{url}/", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'id="token-form"' in page.text and 'id="token-input"' in page.text
    for asset in ("/ui/app.js", "/ui/style.css"):
        assert httpx.get(f"{url}{asset}").status_code == 200, asset

    api = httpx.get(f"{url}/v1/sources", headers={"Accept": "text/html"})
    assert api.status_code == 401 and "token" in _only_error(api)
    docs = httpx.get(f"{url}/docs", headers={"Accept": "text/html"})
    assert docs.status_code == 401 and docs.headers["content-type"].startswith("text/html")
    assert 'href="/"' in docs.text and TOKEN not in docs.text
    for refused in (api, docs):
        assert {h: refused.headers.get(h) for h in SECURITY_HEADERS} == SECURITY_HEADERS
        assert "default-src 'none'" in refused.headers["content-security-policy"]
    assert httpx.get(f"{url}/openapi.json").status_code == 401

    wrong = httpx.post(f"{url}/login", data={"token": "guess"})
    assert wrong.status_code == 401 and "not this service's token" in _only_error(wrong)
    assert "set-cookie" not in wrong.headers
    with httpx.Client(base_url=url) as browser:
        login = browser.post("/login", data={"token": TOKEN})
        assert login.status_code == 204
        cookie = login.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert browser.get("/v1/sources").status_code == 200
        assert browser.get("/docs").status_code == 200


# -- 13: no live HTML in reports, security headers everywhere -----------------------------------------------


def test_every_response_carries_the_security_headers(example_library_copy, start_service):
    service = start_service(example_library_copy, "--rate-limit", "10")
    url = service.url
    responses = {
        path: httpx.get(f"{url}{path}")
        for path in ("/", "/ui/app.js", "/v1/health", "/v1/sources", "/openapi.json", "/v1/nothing", "/docs")
    }
    assert responses["/docs"].status_code == 200
    responses["429"] = next(r for r in (httpx.get(f"{url}/v1/checks") for _ in range(20)) if r.status_code == 429)
    headers = {name: r.headers for name, r in responses.items()}
    status, headers["413"], _ = _announce_a_large_body(service, "/v1/checks", 10**9)
    assert status == 413
    for name, got in headers.items():
        for header, value in SECURITY_HEADERS.items():
            assert got.get(header) == value, (name, header)
        policy = got["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy, name
        if name != "/docs":
            assert "unsafe" not in policy and re.search(r"script-src 'self'(;|$)", policy), (name, policy)

    # The API docs run their one inline script by its hash, and no other inline script.
    docs = responses["/docs"]
    scripts = re.findall(r"<script>(.*?)</script>", docs.text, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    script_src = re.search(r"script-src ([^;]*)", docs.headers["content-security-policy"]).group(1)
    assert script_src.split() == ["'self'", f"'sha256-{digest}'"]


def test_an_articles_raw_html_is_inert_in_the_markdown_and_html_reports(example_library_copy, start_service):
    markdown_it = pytest.importorskip("markdown_it")
    service = start_service(example_library_copy)
    hostile = (
        "Flood <script>alert('title')</script> update\n\n"
        "Emergency services evacuated 2,400 residents <script>alert(1)</script> from the low-lying districts "
        "of Vellmar. The river Ostra peaked at 7.8 metres at the Vellmar bridge gauge on 15 March 2026 "
        "<img src=x onerror=alert(2)> [see](javascript:alert(3))."
    )
    submitted = httpx.post(
        f"{service.url}/v1/checks", json={"text": hostile, "title": "notes`<img src=y onerror=alert(4)>`.txt"}
    )
    assert submitted.status_code == 202, submitted.text
    job = service.wait_for(submitted.json()["id"])
    assert job["status"] == "done", job["error"]
    assert any("<script>" in c["sentence"] for c in job["result"]["claims"])  # the JSON keeps the text as it is

    base = f"{service.url}/v1/checks/{job['id']}/report"
    md = httpx.get(f"{base}.md").text
    assert "<script" not in md and "&lt;script>alert(1)&lt;/script>" in md
    rendered = markdown_it.MarkdownIt("commonmark").render(md)  # a renderer that passes raw HTML through
    assert not re.search(r"<(script|img)\b", rendered), rendered
    assert "<a " not in rendered  # the article's [see](javascript:…) is no link
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered  # shown as text, not dropped

    page = httpx.get(f"{base}.html")
    assert "<script" not in page.text and "<img" not in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy


# -- 14: no absolute server path reaches a client ----------------------------------------------------------


def test_no_absolute_server_path_reaches_a_client(example_library_copy, start_service, tmp_path):
    # The example library was indexed from absolute paths; add one more source by its absolute path.
    folder = tmp_path / "private" / "sources"
    folder.mkdir(parents=True)
    source = folder / "harbour.txt"
    source.write_text("The Vellmar harbour wall was raised by 1.2 metres in 2031 after a storm surge.\n")
    added = run_cli("index", "add", source.resolve(), "--library", example_library_copy, "--quiet")
    assert added.returncode == 0, added.stderr
    service = start_service(example_library_copy)
    secrets = (str(ROOT), str(tmp_path), str(example_library_copy))

    def assert_no_server_paths(text: str) -> None:
        for secret in secrets:
            assert secret not in text

    sources = httpx.get(f"{service.url}/v1/sources")
    assert_no_server_paths(sources.text)
    origins = {s["origin"] for s in sources.json()}
    assert "harbour.txt" in origins and "ostra-river-authority-statement.txt" in origins
    assert not any(o.startswith(("/", "~")) for o in origins)
    hits = httpx.get(f"{service.url}/v1/search", params={"q": "harbour wall raised"})
    assert hits.json()[0]["origin"] == "harbour.txt"
    assert_no_server_paths(hits.text)

    job = service.wait_for(httpx.post(f"{service.url}/v1/checks", data={"text": SHORT_ARTICLE}).json()["id"])
    assert job["status"] == "done", job["error"]
    assert job["result"]["library"]["path"] == example_library_copy.name
    for fmt in ("json", "md", "html", "claimreview"):
        assert_no_server_paths(httpx.get(f"{service.url}/v1/checks/{job['id']}/report.{fmt}").text)
    assert_no_server_paths(httpx.get(f"{service.url}/v1/checks/{job['id']}").text)
    evidence = [e for c in job["result"]["claims"] for e in c["evidence"]]
    assert evidence and {e["origin"] for e in evidence} <= origins


# -- 15: long text gets the documented limit -------------------------------------------------------------


def test_text_over_the_limit_gets_the_documented_message_and_text_over_a_megabyte_is_taken(
    example_library_copy, start_service
):
    service = start_service(example_library_copy)
    url = service.url
    too_long = "a" * 2_000_001
    for response in (
        httpx.post(f"{url}/v1/checks", data={"text": too_long}, timeout=60),
        httpx.post(f"{url}/v1/checks", files={"text": (None, too_long)}, timeout=60),
        httpx.post(f"{url}/v1/checks", json={"text": too_long}, timeout=60),
        # Two bytes a character: 8 MB of form field, still the text's own limit that answers.
        httpx.post(f"{url}/v1/checks", files={"text": (None, "ü" * 4_000_000)}, timeout=60),
    ):
        assert response.status_code == 413
        assert _only_error(response) == "text longer than 2,000,000 characters; send it as a file"

    # 1.2 MB of text, over Starlette's default 1 MB form part: queued like any text. (A repeated German
    # sentence, so the check that follows stops at the language test instead of running for minutes.)
    sentence = "Die Feuerwehr evakuierte am Dienstag 2400 Bewohner aus den tief gelegenen Vierteln der Stadt. "
    long_text = sentence * (1_200_000 // len(sentence))
    accepted = httpx.post(f"{url}/v1/checks", files={"text": (None, long_text)}, timeout=60)
    assert accepted.status_code == 202, accepted.text
    job = service.wait_for(accepted.json()["id"], timeout=300)
    assert job["status"] == "failed" and "English" in job["error"]

    status, _, body = _announce_a_large_body(service, "/v1/checks", 50_000_000)
    assert status == 413 and json.loads(body)["error"] == (
        "request larger than 21 MB; a file may be up to 20 MB (--max-file-mb) and pasted text up to "
        "2,000,000 characters"
    )

    # Sent chunked, with no Content-Length to refuse it by, it is cut off once past the limit.
    def chunks():
        yield b'{"text": "'
        for _ in range(25):  # past the 21 MB a body may have with the default 20 MB upload limit
            yield b"a" * 1_000_000
        yield b'"}'

    chunked = httpx.post(f"{url}/v1/checks", content=chunks(), headers={"Content-Type": "application/json"}, timeout=60)
    assert chunked.status_code == 413 and _only_error(chunked).startswith("request larger than 21 MB")


# -- 16: JSON bodies ----------------------------------------------------------------------------------------


def test_a_json_body_is_a_check_like_the_form(example_library_copy, start_service):
    service = start_service(example_library_copy)
    url = service.url
    as_json = httpx.post(f"{url}/v1/checks", json={"text": SHORT_ARTICLE, "date": "2026-03-17", "title": "update"})
    as_form = httpx.post(f"{url}/v1/checks", data={"text": SHORT_ARTICLE, "date": "2026-03-17", "title": "update"})
    assert as_json.status_code == as_form.status_code == 202, as_json.text
    assert as_json.json()["article"] == "update" and as_json.json()["document_date"] == "2026-03-17"
    from_json, from_form = (service.wait_for(r.json()["id"]) for r in (as_json, as_form))
    assert from_json["status"] == "done", from_json["error"]
    assert from_json["result"]["claims"] == from_form["result"]["claims"]
    assert from_json["result"]["article"]["date"] == from_form["result"]["article"]["date"]
    charset = httpx.post(
        f"{url}/v1/checks",
        content=json.dumps({"text": SHORT_ARTICLE}).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert charset.status_code == 202


@pytest.mark.parametrize(
    ("body", "content_type", "status", "says"),
    [
        (b'{"text": "The river', "application/json", 400, "not valid JSON"),
        (b'{"text": "\xff"}', "application/json", 400, "not UTF-8"),
        (b"[1, 2]", "application/json", 422, "not an object"),
        (b'"text"', "application/json", 422, "not an object"),
        (b"{}", "application/json", 422, "text: missing"),
        (b'{"text": 5}', "application/json", 422, "text: Input should be a valid string"),
        (b'{"text": "x", "body": "y"}', "application/json", 422, "body: not a field"),
        (b'{"text": "x", "file": "y"}', "application/json", 422, "multipart/form-data"),
        (b'{"text": "x", "date": "March"}', "application/json", 422, "YYYY-MM-DD"),
        (b'{"text": "x", "title": "' + b"t" * 301 + b'"}', "application/json", 422, "title"),
        (b'{"text": "   "}', "application/json", 400, "either as `text` or as `file`"),
        (b"[" * 100_000, "application/json", 400, "JSON"),
        (b"The river rose.", "text/plain", 415, "application/json"),
        (b"", "", 400, "either as `text` or as `file`"),
    ],
)
def test_a_malformed_json_body_gets_a_clear_4xx(json_service, body, content_type, status, says):
    headers = {"Content-Type": content_type} if content_type else {}
    response = httpx.post(f"{json_service.url}/v1/checks", content=body, headers=headers, timeout=60)
    assert response.status_code == status, response.text
    assert says in _only_error(response)
    assert httpx.get(f"{json_service.url}/v1/checks").json() == []  # nothing was queued


@pytest.fixture(scope="module")
def json_service(example_library_path, tmp_path_factory):
    import shutil

    folder = tmp_path_factory.mktemp("json-bodies")
    library = folder / "library"
    shutil.copytree(example_library_path, library)
    service = Service(library, "--rate-limit", "100000", log=folder / "service.log").start()
    yield service
    service.stop(kill=True)
    assert "Traceback" not in service.log.read_text()


def test_the_openapi_schema_documents_both_bodies(json_service):
    schema = httpx.get(f"{json_service.url}/openapi.json").json()
    body = schema["paths"]["/v1/checks"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(body)
    assert set(body["application/json"]["schema"]["properties"]) == {"text", "date", "title"}
