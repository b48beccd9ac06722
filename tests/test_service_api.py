"""The REST API, against the real service (`corroborate serve`) on loopback."""

from __future__ import annotations

import json
import os
import re
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import EXAMPLES, run_cli

pytestmark = pytest.mark.slow

SHORT_ARTICLE = (
    "Flood update\n\n"
    "Emergency services evacuated 2,400 residents from the low-lying districts of Vellmar. "
    "The river Ostra peaked at 7.8 metres at the Vellmar bridge gauge on 15 March 2026."
)


def _cli_report(article: Path, library: Path) -> dict:
    """The CLI's report, its sources named by file name as the service names them (never a server path)."""
    done = run_cli("check", article, "--library", library, "--format", "json", "--quiet")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout, object_hook=_file_names)


def _file_names(obj: dict) -> dict:
    if isinstance(obj.get("origin"), str) and obj["origin"].startswith("/"):
        return {**obj, "origin": Path(obj["origin"]).name}
    return obj


def _no_internals(response: httpx.Response) -> None:
    assert "Traceback" not in response.text and "/tmp/corroborate-" not in response.text
    assert set(response.json()) == {"error"}


def test_check_through_the_api_gives_the_cli_report_and_every_export(example_library_copy, start_service):
    service = start_service(example_library_copy)
    article = EXAMPLES / "article.md"
    with open(article, "rb") as fh:
        submitted = httpx.post(f"{service.url}/v1/checks", files={"file": ("article.md", fh, "text/markdown")})
    assert submitted.status_code == 202
    assert submitted.json()["status"] == "queued"
    job = service.wait_for(submitted.json()["id"])
    assert job["status"] == "done", job["error"]
    assert job["progress"] == 1.0
    report = job["result"]
    expected = _cli_report(article, example_library_copy)
    assert report["schema_version"] == expected["schema_version"]
    assert report["claims"] == expected["claims"]
    assert report["summary"] == expected["summary"]
    assert report["article"]["origin"] == "article.md"

    base = f"{service.url}/v1/checks/{job['id']}/report"
    assert httpx.get(f"{base}.json").json() == report
    md = httpx.get(f"{base}.md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert "2,400 residents" in md.text and "REFUTED" in md.text
    page = httpx.get(f"{base}.html")
    assert page.headers["content-type"].startswith("text/html")
    assert "<script" not in page.text and 'class="refuted"' in page.text
    reviews = httpx.get(f"{base}.claimreview").json()
    assert len(reviews) == len(report["claims"])
    assert {r["@type"] for r in reviews} == {"ClaimReview"}
    refuted = [r for r in reviews if r["reviewRating"]["alternateName"] == "REFUTED"]
    assert refuted and all(r["reviewRating"]["ratingValue"] == 1 for r in refuted)

    listed = httpx.get(f"{service.url}/v1/checks").json()
    assert [j["id"] for j in listed] == [job["id"]] and listed[0]["result"] is None


def test_results_and_unfinished_checks_survive_a_restart(example_library_copy, start_service):
    service = start_service(example_library_copy)
    first = httpx.post(f"{service.url}/v1/checks", data={"text": SHORT_ARTICLE}).json()
    done = service.wait_for(first["id"])
    assert done["status"] == "done"
    # Submitted, then the service is killed before it can finish: nothing may be lost.
    pending = [httpx.post(f"{service.url}/v1/checks", data={"text": SHORT_ARTICLE}).json()["id"] for _ in range(3)]
    service.stop(kill=True)

    again = start_service(example_library_copy)
    assert again.wait_for(first["id"]) == done
    for job_id in pending:
        job = again.wait_for(job_id)
        assert job["status"] == "done"
        assert job["result"]["claims"] == done["result"]["claims"]


def test_fifty_concurrent_checks_all_complete_like_the_cli(example_library_copy, start_service, tmp_path):
    service = start_service(example_library_copy, "--workers", "2")
    article = tmp_path / "short.txt"
    article.write_text(SHORT_ARTICLE, encoding="utf-8")
    expected = _cli_report(article, example_library_copy)

    def submit(i: int) -> str:
        response = httpx.post(f"{service.url}/v1/checks", data={"text": SHORT_ARTICLE}, timeout=60)
        assert response.status_code == 202, response.text
        return response.json()["id"]

    with ThreadPoolExecutor(50) as pool:
        ids = list(pool.map(submit, range(50)))
    assert len(set(ids)) == 50
    with httpx.Client(timeout=60) as client:
        jobs = [service.wait_for(job_id, client, timeout=600) for job_id in ids]
    assert [j["status"] for j in jobs] == ["done"] * 50
    for job in jobs:
        assert job["result"]["claims"] == expected["claims"]
    assert len(httpx.get(f"{service.url}/v1/checks?limit=100").json()) == 50


def test_library_endpoints_add_search_and_remove_a_source(example_library_copy, start_service):
    service = start_service(example_library_copy)
    before = httpx.get(f"{service.url}/v1/sources").json()
    assert len(before) == 7
    source = b"# Harbour works\n\nThe Vellmar harbour wall was raised by 1.2 metres in 2031 after a storm surge.\n"
    added = httpx.post(f"{service.url}/v1/sources", files={"file": ("../../etc/harbour works.md", source)})
    assert added.status_code == 201, added.text
    doc = added.json()["added"][0]
    assert doc["title"] == "Harbour works" and doc["origin"] == "harbour works.md"
    assert not (example_library_copy.parent / "etc").exists()
    again = httpx.post(f"{service.url}/v1/sources", files={"file": ("harbour.md", source)}).json()
    assert again["unchanged"] is True

    hits = httpx.get(f"{service.url}/v1/search", params={"q": "harbour wall raised"}).json()
    assert hits[0]["doc_id"] == doc["id"] and "1.2 metres" in hits[0]["text"]
    assert len(httpx.get(f"{service.url}/v1/sources").json()) == 8

    removed = httpx.delete(f"{service.url}/v1/sources/{doc['id']}")
    assert removed.json()["removed"] == [doc["id"]]
    assert len(httpx.get(f"{service.url}/v1/sources").json()) == 7
    assert not list((example_library_copy / "uploads").iterdir())
    assert httpx.delete(f"{service.url}/v1/sources/{doc['id']}").status_code == 404


def test_bad_requests_get_clear_errors_and_change_nothing(example_library_copy, start_service):
    service = start_service(example_library_copy, "--max-file-mb", "0.05")
    url = service.url

    big = httpx.post(f"{url}/v1/checks", files={"file": ("big.txt", b"The flood. " * 10_000)})
    assert big.status_code == 413 and "limit" in big.json()["error"]
    wrong = httpx.post(f"{url}/v1/checks", files={"file": ("tool.exe", b"MZ\x90\x00")})
    assert wrong.status_code == 415 and ".pdf" in wrong.json()["error"]
    binary = httpx.post(f"{url}/v1/checks", files={"file": ("notes.txt", bytes(range(256)) * 4)})
    assert binary.status_code == 400 and binary.json()["error"].startswith("notes.txt:")
    empty = httpx.post(f"{url}/v1/checks", data={"text": "   "})
    assert empty.status_code == 400 and "text" in empty.json()["error"]
    bad_date = httpx.post(f"{url}/v1/checks", data={"text": SHORT_ARTICLE, "date": "March"})
    assert bad_date.status_code == 422 and "YYYY-MM-DD" in bad_date.json()["error"]
    source = httpx.post(f"{url}/v1/sources", files={"file": ("data.bin", b"\x00\x01")})
    assert source.status_code == 415
    missing = httpx.get(f"{url}/v1/checks/does-not-exist")
    assert missing.status_code == 404
    for response in (big, wrong, binary, empty, bad_date, source, missing):
        _no_internals(response)

    assert httpx.get(f"{url}/v1/checks").json() == []
    assert len(httpx.get(f"{url}/v1/sources").json()) == 7
    assert not (example_library_copy / "uploads").exists() or not list((example_library_copy / "uploads").iterdir())


def test_a_non_english_article_fails_its_check_with_the_reason(example_library_copy, start_service):
    service = start_service(example_library_copy)
    text = "Die Feuerwehr evakuierte am Dienstag 2400 Bewohner aus den tief gelegenen Vierteln der Stadt."
    job = service.wait_for(httpx.post(f"{service.url}/v1/checks", data={"text": text}).json()["id"])
    assert job["status"] == "failed"
    assert "English" in job["error"] and "pasted text" in job["error"]


def test_off_loopback_every_endpoint_but_health_needs_the_token(example_library_copy, start_service):
    service = start_service(example_library_copy, "--host", "0.0.0.0")
    url = service.url
    token_file = example_library_copy / "service-token"
    token = token_file.read_text().strip()
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
    assert token not in service.log.read_text() and str(token_file) in service.log.read_text()

    assert httpx.get(f"{url}/v1/health").status_code == 200
    # The page and its files hold no data: a browser gets them, and with them the token form.
    for path in ("/", "/ui/app.js"):
        assert httpx.get(f"{url}{path}").status_code == 200, path
    for path in ("/v1/sources", "/v1/checks", "/docs", "/openapi.json"):
        refused = httpx.get(f"{url}{path}")
        assert refused.status_code == 401, path
        assert "token" in refused.json()["error"]
    assert httpx.get(f"{url}/v1/sources", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert httpx.get(f"{url}/v1/sources", headers={"Authorization": f"Bearer {token}"}).status_code == 200

    with httpx.Client(base_url=url, follow_redirects=True) as browser:
        login = browser.get("/", params={"token": token})
        assert login.status_code == 200 and "corroborate" in login.text  # redirected, cookie kept
        assert browser.get("/v1/sources").status_code == 200
        assert "samesite=strict" in login.history[0].headers["set-cookie"].lower()


def test_requests_beyond_the_rate_limit_are_refused(example_library_copy, start_service):
    service = start_service(example_library_copy, "--rate-limit", "5")
    codes = [httpx.get(f"{service.url}/v1/sources").status_code for _ in range(8)]
    assert codes[:5] == [200] * 5
    assert codes[-1] == 429
    refused = httpx.get(f"{service.url}/v1/sources")
    assert int(refused.headers["retry-after"]) >= 1


def test_docs_and_schema_are_served_without_any_cdn(example_library_copy, start_service):
    service = start_service(example_library_copy)
    docs = httpx.get(f"{service.url}/docs").text
    external = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", docs)
    assert external == []
    assert httpx.get(f"{service.url}/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    schema = httpx.get(f"{service.url}/openapi.json").json()
    assert {"/v1/checks", "/v1/checks/{job_id}", "/v1/sources", "/v1/search"} <= set(schema["paths"])
    page = httpx.get(f"{service.url}/").text
    assert not re.findall(r"""(?:src|href)=["']https?://""", page)
