"""The Ray engine against a real Ray runtime on loopback: a local `ray.init` with 2 CPUs gives `check`'s reports
and the library `index add` builds, a killed worker costs a retry and not the run, and a head node started as
a separate process (`ray start --head`) is joined with --address by `batch` and `index add`."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, free_port, run_cli
from tests.test_batch import ARTICLES, assert_same_library, rows, write_articles

# No usage statistics; a token of this run's own, so nothing is written to ~/.ray before Ray is imported (the head node and the
# CLI's drivers inherit both).
os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
os.environ["RAY_AUTH_MODE"] = "token"
os.environ.setdefault("RAY_AUTH_TOKEN", secrets.token_hex(32))

ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'corroborate[ray]')")

from corroborate import Library, check  # noqa: E402
from corroborate.batch import index_sources, run_batch  # noqa: E402
from corroborate.engines.ray import RayEngine  # noqa: E402
from corroborate.report import to_dict  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="class")
def local_runtime():
    """`ray.init` on this machine with 2 CPUs, shared by a class's tests (starting Ray takes seconds)."""
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


@pytest.mark.usefixtures("local_runtime")
class TestLocalRuntime:
    def test_batch_gives_the_reports_of_check(self, example_library_copy: Path, tmp_path: Path):
        articles = write_articles(tmp_path / "articles")
        out = tmp_path / "results.jsonl"
        with Library.open(example_library_copy) as lib, RayEngine(workers=2) as engine:
            summary = run_batch([articles], lib, out, engine)
            assert summary.done == 3 and [Path(p).name for p, _ in summary.failed] == ["empty.txt"]
            for row in rows(out):
                if row["status"] == "done":
                    assert row["report"] == to_dict(check(row["path"], lib)), row["path"]

    def test_index_add_builds_the_same_library(self, example_library_path: Path, tmp_path: Path):
        with Library.open(tmp_path / "lib", create=True) as lib, RayEngine(workers=2) as engine:
            report = index_sources(lib, [EXAMPLES / "library"], engine)
        assert report.ok and len(report.added) == 5
        assert_same_library(tmp_path / "lib", example_library_path)

    def test_a_killed_worker_costs_a_retry_not_the_run(self, example_library_copy: Path, tmp_path: Path):
        articles = write_articles(tmp_path / "articles")
        (articles / "empty.txt").unlink()
        (articles / "fourth.txt").write_text(ARTICLES["evacuation.txt"] + " Rain stopped on Sunday.", encoding="utf-8")
        killed: list[int] = []
        with Library.open(example_library_copy) as lib, RayEngine(workers=2) as engine:

            def kill_once(row: dict) -> None:
                # After the first article, each worker still holds one or two: kill one mid-job.
                if not killed:
                    killed.append(engine.pids[0])
                    os.kill(engine.pids[0], signal.SIGKILL)

            summary = run_batch([articles], lib, tmp_path / "out.jsonl", engine, on_row=kill_once)
        assert killed
        assert summary.done == 4 and not summary.failed, summary.failed
        assert sorted(Path(r["path"]).name for r in rows(tmp_path / "out.jsonl")) == sorted(
            ["army.md", "evacuation.txt", "fourth.txt", "river.txt"]
        )


def test_a_head_node_started_apart_is_joined_with_address(
    example_library_path: Path, example_library_copy: Path, tmp_path: Path
):
    port = free_port()
    ray_cli = Path(sys.executable).with_name("ray")
    start = [str(ray_cli), "start", "--head", "--port", str(port), "--node-ip-address", "127.0.0.1"]
    start += ["--num-cpus", "2", "--include-dashboard=false", "--disable-usage-stats"]
    try:
        started = subprocess.run(start, capture_output=True, text=True, timeout=120)
        assert started.returncode == 0, started.stderr
        address = f"127.0.0.1:{port}"
        articles = write_articles(tmp_path / "articles")
        out = tmp_path / "results.jsonl"
        done = run_cli(
            "batch", articles, "--library", example_library_copy, "--out", out, "--engine", "ray",
            "--address", address, "--quiet",
        )  # fmt: skip
        assert done.returncode == 1 and "3 done, 1 failed" in done.stdout, done.stdout + done.stderr
        with Library.open(example_library_path) as lib:
            for row in rows(out):
                if row["status"] == "done":
                    want = to_dict(check(row["path"], lib))
                    want["library"]["path"] = str(example_library_copy)  # the same library, copied
                    assert row["report"] == want, row["path"]

        indexed = run_cli(
            "index", "add", EXAMPLES / "library", "--library", tmp_path / "lib", "--engine", "ray",
            "--address", address, "--quiet",
        )  # fmt: skip
        assert indexed.returncode == 0, indexed.stderr
        assert_same_library(tmp_path / "lib", example_library_path)
    finally:
        subprocess.run([str(ray_cli), "stop", "--force"], capture_output=True, timeout=120)
