"""The ground floor stays the ground floor: `records.py`, `errors.py` and `config.py` import no stage
of the pipeline (issue 15, item 6), so any stage, report or service can read a record without pulling
in a model, a parser or a store."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import corroborate

PACKAGE = Path(corroborate.__file__).parent
GROUND_FLOOR = {"records", "errors", "config"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("corroborate"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("corroborate")}
    return found


@pytest.mark.parametrize("module", sorted(GROUND_FLOOR))
def test_a_ground_floor_module_imports_only_the_ground_floor(module):
    imported = _imports(PACKAGE / f"{module}.py")
    assert {m.removeprefix("corroborate.") for m in imported} <= GROUND_FLOOR, imported


def test_reports_read_the_check_result_from_the_records():
    for path in (PACKAGE / "report").glob("*.py"):
        assert "corroborate.api" not in _imports(path), path.name
        assert "corroborate.verify.figures" not in _imports(path), path.name
