"""Checking needs neither PyTorch nor transformers (issue 17, "Start fast").

The CLI runs in a fresh interpreter whose `sitecustomize` (put on PYTHONPATH for that process only)
makes `import torch` and `import transformers` raise ImportError, against a real library and the real
models; its output must match a run where they can be imported. A run with them importable records
what it imported: `check` must not import them either (spaCy's thinc would, unless told not to).
Untimed on purpose: the speed is measured in the README's install section, not asserted here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from corroborate.config import BUNDLED_VERIFIERS
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow

HEAVY = ("torch", "transformers")

SITECUSTOMIZE = """
import atexit, json, os, sys
from importlib.abc import MetaPathFinder

HEAVY = ("torch", "transformers")


class Blocker(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HEAVY:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked by the test)", name=name)
        return None


if os.environ.get("TEST_BLOCK_TORCH") == "1":
    sys.meta_path.insert(0, Blocker())


@atexit.register
def record():
    with open(os.environ["TEST_IMPORTS_FILE"], "w") as f:
        json.dump(sorted(name for name in HEAVY if name in sys.modules), f)
"""


def run(args: list[str | Path], tmp_path: Path, block: bool) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """`python ARGS` in a fresh interpreter, with torch and transformers blocked or not.

    Returns the finished process and the heavy modules it had imported when it exited.
    """
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    imports = tmp_path / f"imports-{len(list(tmp_path.glob('imports-*')))}.json"
    env = {k: v for k, v in os.environ.items() if k not in ("CORROBORATE_LIBRARY", "PYTHONPATH")}
    env |= {"PYTHONPATH": str(site), "TEST_IMPORTS_FILE": str(imports), "TEST_BLOCK_TORCH": "1" if block else "0"}
    done = subprocess.run(
        [sys.executable, *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300
    )
    return done, json.loads(imports.read_text())


def both(args: list[str | Path], tmp_path: Path) -> tuple[str, str]:
    """stdout of `corroborate ARGS` with torch and transformers blocked, then with them importable.

    Both must succeed without a traceback and without importing either.
    """
    outputs = []
    for block in (True, False):
        done, imported = run(["-m", "corroborate", *args], tmp_path, block=block)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert imported == [], f"imported {imported} (blocked: {block})"
        outputs.append(done.stdout)
    return outputs[0], outputs[1]


def test_the_blocker_blocks(tmp_path: Path) -> None:
    done, imported = run(["-c", "import transformers"], tmp_path, block=True)
    assert done.returncode != 0 and "blocked by the test" in done.stderr
    assert imported == []


def test_check_works_without_torch(example_library_path: Path, tmp_path: Path) -> None:
    """A real check of the example article against the example library: same JSON report either way."""
    args = ["check", EXAMPLES / "article.md", "--library", example_library_path, "--format", "json", "--quiet"]
    blocked, installed = both(args, tmp_path)
    report = json.loads(blocked)
    assert {"SUPPORTED", "REFUTED"} <= {claim["verdict"] for claim in report["claims"]}
    assert report["model"]["runtime"] == "onnx"
    assert report == json.loads(installed)


def test_claims_works_without_torch(tmp_path: Path) -> None:
    blocked, installed = both(["claims", EXAMPLES / "article.md", "--format", "json"], tmp_path)
    assert json.loads(blocked)["claims"]
    assert blocked == installed


def test_a_hugging_face_folder_verifier_names_the_extra(example_library_path: Path, tmp_path: Path) -> None:
    """A model folder without model.onnx runs on PyTorch: without it, one line naming `corroborate[hf]`."""
    folder = tmp_path / "hf-verifier"
    folder.mkdir()
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt"):
        shutil.copy(BUNDLED_VERIFIERS["v0"] / name, folder / name)
    args = ["check", EXAMPLES / "article.md", "--library", example_library_path, "--verifier", folder, "--quiet"]
    done, _ = run(["-m", "corroborate", *args], tmp_path, block=True)
    assert done.returncode == 1
    assert "corroborate[hf]" in done.stderr and "PyTorch" in done.stderr
    assert "Traceback" not in done.stderr


def test_training_names_the_extra(tmp_path: Path) -> None:
    done, _ = run(
        ["-m", "corroborate", "train", "verifier", "--out", tmp_path / "out", "--data", tmp_path, "--limit", "10"],
        tmp_path,
        block=True,
    )
    assert done.returncode == 1
    assert "corroborate[train]" in done.stderr and "Traceback" not in done.stderr
    done, _ = run(["-m", "corroborate.train.export_onnx", BUNDLED_VERIFIERS["v0"]], tmp_path, block=True)
    assert done.returncode == 1
    assert "corroborate[train]" in done.stderr and "Traceback" not in done.stderr


def base_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in project["dependencies"]]


def test_a_plain_install_leaves_out_torch() -> None:
    """pyproject's base dependencies, and what they require in turn, hold neither torch nor transformers.

    The closure is walked through the installed packages' metadata (extras left out), so a base
    dependency that pulled torch in would be caught without an index.
    """
    names = {canonicalize_name(r.name) for r in base_requirements()}
    assert not names & set(HEAVY)
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for extra in ("hf", "train", "dev"):
        assert {"torch==2.13.0", "transformers==5.23.0"} <= set(extras[extra]), extra
    seen: set[str] = set()
    todo = list(base_requirements())
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen or (req.marker is not None and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        try:
            todo += [Requirement(line) for line in metadata.requires(name) or []]
        except metadata.PackageNotFoundError:
            continue
    assert not seen & set(HEAVY), f"a base dependency requires {seen & set(HEAVY)}"
    assert "spacy" in seen and "onnxruntime" in seen
