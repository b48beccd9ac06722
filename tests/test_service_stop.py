"""A service stopped while a check runs: the check stops cleanly and runs again on the next start."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def test_a_check_running_when_the_service_stops_leaves_no_traceback_and_finishes_after_a_restart(
    start_service, example_library_copy: Path
):
    service = start_service(example_library_copy)
    # the example article and its sources' own sentences: a check long enough to be stopped while it runs
    sources = [p for p in sorted((ROOT / "examples/library").iterdir()) if p.suffix in (".txt", ".md")]
    article = b"\n\n".join([(ROOT / "examples/article.md").read_bytes(), *(p.read_bytes() for p in sources)])
    job = httpx.post(f"{service.url}/v1/checks", files={"file": ("article.md", article)}, timeout=30).json()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        state = httpx.get(f"{service.url}/v1/checks/{job['id']}", timeout=30).json()
        if state["status"] == "running" and state["progress"] > 0:
            break
        assert state["status"] in ("queued", "running"), state
        time.sleep(0.05)
    service.stop()  # SIGTERM: the graceful shutdown a user's Ctrl-C or a supervisor gives
    # uvicorn re-raises the signal after its graceful shutdown: the exit status is -SIGTERM either way
    log = service.log.read_text(encoding="utf-8")
    assert "Traceback" not in log
    assert "runs again on the next start" in log

    again = start_service(example_library_copy)
    done = again.wait_for(job["id"])
    assert done["status"] == "done", done
    assert done["result"]["summary"]["claims"] == len(done["result"]["claims"]) > 0
