"""Shared fixtures: real libraries on disk, the real verifier, the CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corroborate import Library
from corroborate.config import DEFAULT_MODEL_PATH

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


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
