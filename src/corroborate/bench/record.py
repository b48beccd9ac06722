"""BENCHMARKS.md: one table per benchmark, one row per (date, machine, commit, command).

Each table sits between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` markers. Recording a result
replaces the row with the same date, machine, commit and command, or appends a new one; a benchmark
without a table yet gets one at the end of the file. Everything outside the markers is left as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corroborate.atomic import write_text_atomically
from corroborate.bench.harness import machine_line

__all__ = ["record_result", "result_row"]

_HEADER = "| date | machine | commit | command | data | results |\n|---|---|---|---|---|---|\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def result_row(result: dict[str, Any]) -> str:
    """The BENCHMARKS.md table row of one result."""
    data = result.get("data", {})
    data_text = data.get("corpus") or data.get("pairs") or ""
    if data.get("fallback"):
        data_text += f" ({data['fallback']})"
    results = "; ".join(f"{k}: {v}" for k, v in result["key"].items())
    machine = result["machine"]
    if machine.get("load_average") and machine.get("load_average_after"):
        # Other processes on the same cores slow CPU-bound numbers down; the 1-minute load shows it.
        results += f"; load average {machine['load_average'][0]:.1f} → {machine['load_average_after'][0]:.1f}"
    cells = [
        result["date"][:10],
        machine_line(machine),
        f"`{result['commit'] or 'unknown'}`",
        f"`{result['command']}`",
        data_text,
        results,
    ]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _row_key(row: str) -> tuple[str, ...]:
    cells = [c.strip() for c in row.strip().strip("|").split(" | ")]
    return tuple(cells[:4])


def record_result(path: Path, result: dict[str, Any]) -> None:
    """Add or update `result`'s row in the table of its benchmark in `path` (written atomically)."""
    name = result["name"]
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    row = result_row(result)
    if start in text and end in text:
        head, rest = text.split(start, 1)
        body, tail = rest.split(end, 1)
        rows = [line for line in body.splitlines() if line.startswith("| ") and not line.startswith("| date |")]
        rows = [r for r in rows if _row_key(r) != _row_key(row)] + [row]
        text = head + start + "\n" + _HEADER + "\n".join(rows) + "\n" + end + tail
    else:
        text = text.rstrip("\n") + f"\n\n### {name}\n\n{start}\n{_HEADER}{row}\n{end}\n"
    write_text_atomically(path, text)
