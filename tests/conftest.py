"""Shared fixtures: real libraries on disk, the real verifier, the CLI as a subprocess."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from corroborate import Library
from corroborate.config import DEFAULT_MODEL_PATH

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def claims_of(text: str) -> list:
    """Every statement the extractor makes of `text` (check-worthiness threshold 0, date unknown), in
    article order: its claims and those set aside as needing the article's context (whose speaker, words
    and notes are made the same way; tests/test_claims_needs_context.py tells the two apart)."""
    from corroborate import segment
    from corroborate.claims import extract_claims

    extraction = extract_claims(segment.sentences("a", text), 0.0, None)
    return sorted(extraction.claims + extraction.needs_context, key=lambda c: c.start)


def claim_with(text: str, words: str):
    """The first claim of `text` holding `words`."""
    return next(c for c in claims_of(text) if words in c.text)


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `corroborate ARGS...` in a fresh interpreter, as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "CORROBORATE_LIBRARY"}
    return subprocess.run(
        [sys.executable, "-m", "corroborate", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def verifier():
    from corroborate.verify import load_verifier

    return load_verifier(DEFAULT_MODEL_PATH)


@pytest.fixture(scope="session")
def example_library_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("example") / "library"
    with Library.open(path, create=True) as lib:
        report = lib.add([EXAMPLES / "library"])
    assert report.ok, report.failed
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """`corroborate serve` running in its own process on loopback, as a user starts it."""

    def __init__(self, library: Path, *args: str, log: Path) -> None:
        self.library, self.args, self.log = library, args, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 120) -> Service:
        env = {k: v for k, v in os.environ.items() if k not in ("CORROBORATE_LIBRARY", "CORROBORATE_TOKEN")}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "corroborate",
                    "serve",
                    "--library",
                    self.library,
                    "--port",
                    str(self.port),
                    *self.args,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=ROOT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"service exited: {self.log.read_text()}")
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"service did not start: {self.log.read_text()}")

    def stop(self, kill: bool = False) -> None:
        if self.process and self.process.poll() is None:
            (self.process.kill if kill else self.process.terminate)()
            self.process.wait(timeout=30)

    def wait_for(self, job_id: str, client: httpx.Client | None = None, timeout: float = 300) -> dict:
        """Poll a check until it is done or failed; returns the job."""
        get = (client or httpx).get
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = get(f"{self.url}/v1/checks/{job_id}", timeout=30).json()
            if job["status"] in ("done", "failed"):
                return job
            time.sleep(0.2)
        raise TimeoutError(f"check {job_id} still {job['status']} after {timeout} s")


@pytest.fixture
def start_service(tmp_path: Path):
    """Start services on loopback; every one started is stopped at the end of the test."""
    started: list[Service] = []

    def start(library: Path, *args: str) -> Service:
        service = Service(library, *args, log=tmp_path / f"service-{len(started)}.log").start()
        started.append(service)
        return service

    yield start
    for service in started:
        service.stop(kill=True)


@pytest.fixture
def example_library_copy(example_library_path: Path, tmp_path: Path) -> Path:
    """A library of the example sources that a test may change."""
    copy = tmp_path / "library"
    shutil.copytree(example_library_path, copy)
    return copy
