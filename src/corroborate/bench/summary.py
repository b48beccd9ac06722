"""The table of current numbers that opens BENCHMARKS.md: `corroborate bench summary`.

One row per target of the open issues (14, 15, 17, 18; `METRICS` below is the one place they are written
down). Each row's "now" is read from the latest result of its benchmark that measured what the row
means (the shipped verifier, the full data, the right `--size`):

- the JSON files in `bench-results/` (git-ignored, so only the runs made on this machine), else
- the latest row of the benchmark's history table in BENCHMARKS.md, and the row says "history".

A result is read from the same text in both cases: the `key` of the result, joined as `record` writes
it into the history table ("name: value; name: value"). A row whose benchmark has no such result says
"not measured"; nothing is extrapolated or copied from prose. "anchor" is the reference the target is
compared to (the value when the issue was filed, `bm25s`, a published score), "–" where none is recorded.

The table is written between `<!-- bench:summary -->` and `<!-- /bench:summary -->` (added under the
title when absent); everything else in the file is left as it is, so running it twice changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corroborate.atomic import write_text_atomically
from corroborate.bench.harness import machine_line

__all__ = [
    "METRICS",
    "Metric",
    "Result",
    "Row",
    "build",
    "load_history",
    "load_json_results",
    "plain_run",
    "render",
    "summarise",
    "update",
    "write",
]

START, END = "<!-- bench:summary -->", "<!-- /bench:summary -->"
NOT_MEASURED = "not measured"

_SECTION = re.compile(r"<!-- bench:([\w.-]+) -->\n(.*?)<!-- /bench:\1 -->", re.S)
_CELL_SPLIT = re.compile(r"(?<!\\) \| ")


@dataclass(frozen=True)
class Result:
    """One recorded run of a benchmark, from a JSON file (`source` "json") or a history row ("history")."""

    name: str
    date: str  # ISO date and time for JSON results, the day for history rows
    commit: str
    machine: str  # as `machine_line` writes it
    command: str
    text: str  # the key, "name: value; name: value", as in the history table
    source: str
    fallback: bool = False  # measured on generated text because the data was absent
    results: dict[str, Any] | None = None  # the JSON's full `results` (None for a history row)


Reading = tuple[str, float | None]  # what the "now" cell shows, and the number compared with the target


@dataclass(frozen=True)
class Metric:
    """One row: what is measured, by which benchmark, against which target, read how."""

    label: str
    bench: str | None  # None: no benchmark measures it yet
    command: str  # the command that measures it (shown while it is not measured)
    target: str
    goal: tuple[str, float] | None  # ("<=" or ">=", value) compared with the reading's number
    read: Callable[[Result], Reading | None]
    anchor: str | Callable[[Result], str] = "–"
    accept: Callable[[Result], bool] | None = None  # which results count (default: `plain_run`)
    source: str = ""  # where the target comes from


@dataclass(frozen=True)
class Row:
    metric: Metric
    result: Result | None
    now: str
    met: bool | None


# -- reading results --------------------------------------------------------------------------------


def _key_text(key: dict[str, Any]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in key.items())


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def load_json_results(folder: Path) -> list[Result]:
    """Every benchmark result in `folder` (`NAME-DATE.json`); files that are not results are passed over."""
    found = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or not {"name", "date", "key", "command"} <= data.keys():
            continue
        machine = data.get("machine") or {}
        found.append(
            Result(
                name=data["name"],
                date=data["date"],
                commit=data.get("commit") or "unknown",
                machine=machine_line(machine) if machine.get("cpu") else "unknown machine",
                command=data["command"],
                text=_flat(_key_text(data["key"])),
                source="json",
                fallback=bool((data.get("data") or {}).get("fallback")),
                results=data.get("results"),
            )
        )
    return found


def load_history(text: str) -> list[Result]:
    """The rows of every `<!-- bench:NAME -->` table of BENCHMARKS.md's text, in the order written."""
    found = []
    for match in _SECTION.finditer(text):
        name = match.group(1)
        if name == "summary":
            continue
        for line in match.group(2).splitlines():
            if not line.startswith("| ") or line.startswith(("| date |", "|---")):
                continue
            cells = [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(line.strip()[2:-2])]
            if len(cells) < 6:
                continue
            date, machine, commit, command, data, results = cells[:6]
            found.append(
                Result(
                    name=name,
                    date=date,
                    commit=commit.strip("`"),
                    machine=machine,
                    command=command.strip("`"),
                    text=results,
                    source="history",
                    fallback="not found" in data,  # the harness's fallback note names the missing file
                )
            )
    return found


# -- which results count ----------------------------------------------------------------------------


def _option(command: str, name: str) -> str | None:
    match = re.search(rf"{name} (\S+)", command)
    return match.group(1) if match else None


def plain_run(result: Result) -> bool:
    """The shipped verifier, on the benchmark's full real data: what a row's number should mean."""
    verifier = _option(result.command, "--verifier")
    return not result.fallback and verifier in (None, "shipped") and _option(result.command, "--size") is None


def _sized(size: int) -> Callable[[Result], bool]:
    def accept(result: Result) -> bool:
        return not result.fallback and _option(result.command, "--size") == str(size)

    return accept


def _any_size(result: Result) -> bool:
    return not result.fallback and _option(result.command, "--verifier") in (None, "shipped")


def latest(metric: Metric, results: list[Result]) -> Result | None:
    """The newest result of the metric's benchmark it accepts and can read; JSON before history on one day."""
    if metric.bench is None:
        return None
    accept = metric.accept or plain_run
    best: tuple[tuple[str, int, int], Result] | None = None
    for i, r in enumerate(results):
        if r.name != metric.bench or not accept(r) or metric.read(r) is None:
            continue
        rank = (r.date[:10], r.source == "json", i)
        if best is None or rank > best[0]:
            best = (rank, r)
    return best[1] if best else None


# -- reading numbers --------------------------------------------------------------------------------


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def _pattern(regex: str, show: Callable[[re.Match[str]], str], group: int = 1) -> Callable[[Result], Reading | None]:
    compiled = re.compile(regex)

    def read(result: Result) -> Reading | None:
        match = compiled.search(result.text)
        return (show(match), _num(match.group(group))) if match else None

    return read


def _plain(regex: str, unit: str = "", group: int = 1) -> Callable[[Result], Reading | None]:
    return _pattern(regex, lambda m: m.group(group) + unit, group)


def _latency(mode: str) -> Callable[[Result], Reading | None]:
    # "query p50/p95 ms: bm25 25.3/75.5, dense …, hybrid 54.6/122.8, hybrid evidence …": the mode's pair
    return _pattern(rf"\b{mode} ([\d.]+)/([\d.]+)", lambda m: f"{m.group(1)} / {m.group(2)} ms", 2)


def _bm25s_query(result: Result) -> str:
    match = re.search(r"vs bm25s: .*?query p50/p95 ([\d.]+)/([\d.]+) ms", result.text)
    return f"bm25s (sparse) {match.group(1)} / {match.group(2)} ms" if match else "–"


def _bm25s_index(result: Result) -> str:
    seconds = re.search(r"vs bm25s: index ([\d.]+) s", result.text)
    passages = re.search(r"(?:^|; )passages: ([\d,]+)", result.text)
    if not (seconds and passages) or not _num(seconds.group(1)):
        return "–"
    return f"bm25s {_num(passages.group(1)) / _num(seconds.group(1)):,.0f}/s"


def _memory(result: Result) -> Reading | None:
    if result.results and "targets" in result.results:
        value = result.results["targets"]["memory_mib"]["value"]
    else:
        found = [_num(m) for m in re.findall(r"peak RSS:? ([\d,.]+) MiB", result.text)]
        if not found:
            return None
        value = max(found)
    return f"{value:,.0f} MiB", value


def _calibration(result: Result) -> Reading | None:
    sets = re.findall(r"(?:^|; )([\w-]+): acc [\d.]+, ECE [\d.]+ → ([\d.]+)", result.text)
    held_out = [(name, float(after)) for name, after in sets if name != "dev"]
    if not held_out:
        return None
    name, worst = max(held_out, key=lambda s: s[1])
    met = sum(after <= 0.05 for _, after in held_out)
    return f"{met} of {len(held_out)} sets ≤ 0.05; worst {worst:.3f} ({name})", worst


def _pairs(
    label: str, regex: str, names: dict[str, str], worst: Callable[..., float]
) -> Callable[[Result], Reading | None]:
    """A reading of the figures `names` picks (key in the result → name shown) from the list after `label`
    ("2 over 1 worker (1 core each): index_local 1.69, batch_local 1.85, …"), the worst of them compared."""
    section = re.compile(re.escape(label) + r": ([^;]*)")
    figure = re.compile(regex)

    def read(result: Result) -> Reading | None:
        match = section.search(result.text)
        if not match:
            return None
        found = dict(figure.findall(match.group(1)))
        values = [(shown, float(found[key])) for key, shown in names.items() if key in found]
        if not values:
            return None
        return ", ".join(f"{v:g}× {shown}" for shown, v in values), worst(v for _, v in values)

    return read


# -- the targets of the open issues: the one place they are written -----------------------------------

_SPEED_1M = "corroborate bench speed --size 1M"
_SPEED_100K = "corroborate bench speed --size 100k"

METRICS: tuple[Metric, ...] = (
    Metric("check time, CLI (1,000 words, 10k passages)", "check", "corroborate bench check", "≤ 5 s", ("<=", 5.0),
           _plain(r"end to end: ([\d.]+) s", " s"), "11–15 s (issue 17 filed)", source="issue 17"),
    Metric("check time, in the service", "service-check", "corroborate bench service-check", "≤ 1.5 s",
           ("<=", 1.5), _pattern(r"through the service: p50 ([\d.]+) s, max ([\d.]+) s",
                                 lambda m: f"p50 {m.group(1)} s, max {m.group(2)} s"), source="issue 17"),
    Metric("claims time per 1,000 words, models loaded", "claims-news", "corroborate bench claims-news", "≤ 1 s",
           ("<=", 1.0), _plain(r"s / 1,000 words: ([\d.]+)", " s"), "0.66 s (`63f68ca`, issue 14 filed)",
           source="issue 14"),
    Metric("verifier pairs/s (2 threads)", "verifier", "corroborate bench verifier", "≥ 100 pairs/s",
           (">=", 100.0), _plain(r"speed: ([\d,]+) pairs/s", " pairs/s"),
           source="the first performance issue (closed)"),
    Metric("indexing BM25-only, 100k passages", "speed", _SPEED_100K, "≥ 2,000/s (at 1M)", (">=", 2000.0),
           _plain(r"BM25-only indexing: ([\d,]+) passages/s", "/s"), _bm25s_index, _sized(100_000), "issue 17"),
    Metric("indexing BM25-only, 1M passages", "speed", _SPEED_1M, "≥ 2,000/s", (">=", 2000.0),
           _plain(r"BM25-only indexing: ([\d,]+) passages/s", "/s"), _bm25s_index, _sized(1_000_000), "issue 17"),
    Metric("indexing with embeddings", "speed", "corroborate bench speed", "≥ 300/s", (">=", 300.0),
           _plain(r"with embeddings: ([\d,.]+) passages/s", "/s"), "≈25/s (issue 17 filed)", _any_size, "issue 17"),
    Metric("hybrid query p50 / p95, 100k", "speed", _SPEED_100K, "p95 ≤ 50 ms (at 1M)", ("<=", 50.0),
           _latency("hybrid"), _bm25s_query, _sized(100_000), "issue 17"),
    Metric("hybrid query p50 / p95, 1M", "speed", _SPEED_1M, "p95 ≤ 50 ms", ("<=", 50.0),
           _latency("hybrid"), _bm25s_query, _sized(1_000_000), "issue 17"),
    Metric("memory (peak RSS), 1M", "speed", _SPEED_1M, "≤ 4 GB", ("<=", 4096.0), _memory,
           accept=_sized(1_000_000), source="issue 17"),
    Metric("indexing speed-up, 1 → 2 workers (1 core each)", "scale", "corroborate bench scale", "≥ 1.8×",
           (">=", 1.8), _pairs("2 over 1 worker (1 core each)", r"(\w+) ([\d.]+)",
                               {"index_local": "local", "index_ray": "Ray"}, min),
           "0.70× local (`7dc8d93`, before workers were kept)", source="issue 18"),
    Metric("batch speed-up, 1 → 2 workers (1 core each)", "scale", "corroborate bench scale", "≥ 1.8×",
           (">=", 1.8), _pairs("2 over 1 worker (1 core each)", r"(\w+) ([\d.]+)",
                               {"batch_local": "local", "batch_ray": "Ray"}, min),
           "1.07× local (`7dc8d93`)", source="issue 18"),
    Metric("Ray's time over the local engine's, 1 worker", "scale", "corroborate bench scale", "≤ 1.10×",
           ("<=", 1.10), _pairs("Ray over local at 1 worker (time)", r"(\w+) ([\d.]+)",
                                {"index_1_worker": "index", "batch_1_worker": "batch"}, max), source="issue 18"),
    Metric("single writer, passages/s committed", "scale", "corroborate bench scale", "≥ 20,000/s",
           (">=", 20_000.0), _plain(r"single writer: ([\d,]+) passages/s", "/s"),
           "2,835/s (first measured, issue 18)", source="issue 18"),
    Metric("SciFact retrieval nDCG@10, hybrid (dev)", "scifact-retrieval", "corroborate bench scifact-retrieval",
           "≥ 0.717 (anchor − 0.01)", (">=", 0.717), _plain(r"(?:^|; )hybrid: nDCG@10 ([\d.]+)"),
           "0.727 (issue 17 filed); bm25s 0.686", source="issue 17"),
    Metric("SciFact claim accuracy (test)", "scifact", "corroborate bench scifact", "≥ 0.70", (">=", 0.70),
           _plain(r"test claim verdicts: acc ([\d.]+)"), "0.537 (issue 15 filed)", source="issue 15"),
    Metric("SciFact abstract label-only F1 (test)", "scifact", "corroborate bench scifact", "≥ 0.60", (">=", 0.60),
           _plain(r"test label-only, selected: P [\d.]+ R [\d.]+ F1 ([\d.]+)"),
           "0.387 (issue 15 filed); MultiVerS 0.725", source="issue 15"),
    Metric("FNC-1 score, gold body (1,000-pair sample)", "fnc1", "corroborate bench fnc1 --size 1000", "≥ 0.80",
           (">=", 0.80), _plain(r"gold body, report part: FNC-1 score ([\d.]+)"),
           "baseline 0.752, best 0.820 (published)", _any_size, "issue 15"),
    Metric("flip test: supported → refuted", "contrast", "corroborate bench contrast", "≥ 0.90", (">=", 0.90),
           _plain(r"flip test: ([\d.]+)"), "0.687 (v0, issue 15)", source="issue 15"),
    Metric("calibration ECE, held-out pair sets", "calibration", "corroborate bench calibration",
           "≤ 0.05 on every set", ("<=", 0.05), _calibration, source="issues 4 and 15"),
    Metric("news claims judged OK", "claims-news", "corroborate bench claims-news", "≥ 0.90", (">=", 0.90),
           _plain(r"judged OK: ([\d.]+)"), "0.208 (`63f68ca`, issue 14 filed)", source="issue 14"),
    Metric("news claims judged OK, held-out bodies", "claims-news", "corroborate bench claims-news", "≥ 0.90",
           (">=", 0.90), _plain(r"held out \(31 bodies\): judged OK / [^:]*: ([\d.]+)"),
           "0.359 (`bb2a143`, when the part was made)", source="issue 14"),
    Metric("news claims: wrong reference", "claims-news", "corroborate bench claims-news", "≤ 0.02", ("<=", 0.02),
           _plain(r"wrong ref / unfaithful / ungrammatical: ([\d.]+) / ([\d.]+) / ([\d.]+)"), "0.167 (`63f68ca`)",
           source="issue 14"),
    Metric("news claims: unfaithful", "claims-news", "corroborate bench claims-news", "≤ 0.01", ("<=", 0.01),
           _plain(r"wrong ref / unfaithful / ungrammatical: ([\d.]+) / ([\d.]+) / ([\d.]+)", group=2),
           "0.076 (`63f68ca`)", source="issue 14"),
    Metric("news claims: ungrammatical", "claims-news", "corroborate bench claims-news", "≤ 0.02", ("<=", 0.02),
           _plain(r"wrong ref / unfaithful / ungrammatical: ([\d.]+) / ([\d.]+) / ([\d.]+)", group=3),
           "0.132 (`63f68ca`)", source="issue 14"),
    Metric("news: speaker right on reported statements", "claims-news", "corroborate bench claims-news", "≥ 0.90",
           (">=", 0.90), _plain(r"speaker acc\. \(reported\): ([\d.]+)"), "0.519 (`63f68ca`)", source="issue 14"),
    Metric("news: important facts missed per article", "claims-news", "corroborate bench claims-news", "≤ 0.5",
           ("<=", 0.5), _plain(r"important missed / article: ([\d.]+)"), "2.30 (`63f68ca`)", source="issue 14"),
    Metric("news: important facts missed even by the statements set aside", "claims-news",
           "corroborate bench claims-news", "– (beside the row above)", None,
           _plain(r"important missed even by them: \d+ \([\d.]+\); ([\d.]+) / article"),
           source="issue 14 (eighth round: statements needing context are set aside)"),
    Metric("claim P / R / F1, the project's own set (test)", "claims", "corroborate bench claims",
           "– (reported beside news)", None,
           _pattern(r"claim P/R/F1 \(test\): ([\d.]+) / ([\d.]+) / ([\d.]+)",
                    lambda m: f"{m.group(1)} / {m.group(2)} / {m.group(3)}", 3),
           "F1 0.705 (before issue 14)", source="issue 14 (keep the old set and report both)"),
)  # fmt: skip


# -- the table --------------------------------------------------------------------------------------


def summarise(results: list[Result], metrics: tuple[Metric, ...] = METRICS) -> list[Row]:
    """One row per metric from the newest result it accepts (see `latest`); "not measured" without one."""
    rows = []
    for metric in metrics:
        result = latest(metric, results)
        reading = metric.read(result) if result is not None else None
        if result is None or reading is None:
            rows.append(Row(metric, None, NOT_MEASURED, None))
            continue
        shown, value = reading
        met = None
        if metric.goal is not None and value is not None:
            op, bound = metric.goal
            met = value <= bound if op == "<=" else value >= bound
        rows.append(Row(metric, result, shown, met))
    return rows


def _cell(text: str) -> str:
    return _flat(text).replace("|", "\\|")


def render(rows: list[Row]) -> str:
    """The Markdown block (table and legend) that goes between the summary markers."""
    lines = [
        "| metric | target | now | anchor | command | date, commit, machine |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        m, r = row.metric, row.result
        now = row.now + {True: " ✓", False: " ✗", None: ""}[row.met]
        if r is None:
            anchor = m.anchor if isinstance(m.anchor, str) else "–"
            command = f"`{m.command}`" if m.command.startswith("corroborate") else m.command
            when = "–"
        else:
            anchor = m.anchor if isinstance(m.anchor, str) else m.anchor(r)
            command = f"`{r.command}`"
            when = f"{r.date[:10]} · `{r.commit}` · {r.machine}" + (" · history" if r.source == "history" else "")
        lines.append("| " + " | ".join(_cell(c) for c in (m.label, m.target, now, anchor, command, when)) + " |")
    legend = (
        "Generated by `corroborate bench summary` from the newest result of each benchmark (its JSON in "
        "`bench-results/`, or, marked *history*, the newest row of its table below when no JSON of it is on "
        "the machine that generated this); runs with another `--verifier`, a smaller `--size` or generated "
        "text are not counted. ✓ target met, ✗ not met. Targets: issues 14, 15, 17 and 18 (verifier pairs/s: "
        "the first performance issue). Methods: [docs/benchmarks.md](docs/benchmarks.md)."
    )
    return "\n".join(lines) + "\n\n" + legend + "\n"


def write(path: Path, block: str) -> bool:
    """Put `block` between the summary markers of `path` (under the title when they are absent).

    Returns whether the file changed. Everything outside the markers is kept as it is.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    wrapped = f"{START}\n{block}{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        new = head + wrapped + rest.split(END, 1)[1]
    else:
        title = re.search(r"^# .*\n", text, re.M)
        at = title.end() if title else 0
        new = (
            text[:at]
            + ("\n" if at else "")
            + wrapped
            + "\n"
            + ("\n" if text[at:].strip() else "")
            + (text[at:].lstrip("\n"))
        )
    if new == text:
        return False
    write_text_atomically(path, new)
    return True


def build(results_dir: Path, benchmarks_md: Path) -> str:
    """The summary block from the JSON results in `results_dir` and the history in `benchmarks_md`."""
    history = load_history(benchmarks_md.read_text(encoding="utf-8")) if benchmarks_md.exists() else []
    return render(summarise(history + load_json_results(results_dir)))


def update(
    results_dir: Path | None = None, benchmarks_md: Path | None = None, record: bool = True
) -> tuple[str, Path | None, bool]:
    """`corroborate bench summary`: build the block and, with `record`, write it into BENCHMARKS.md.

    `results_dir` defaults to the checkout's `bench-results/`, `benchmarks_md` to its BENCHMARKS.md (None
    outside a source checkout: then the history is empty and nothing is written). Returns the block, the
    file and whether the file changed.
    """
    from corroborate.bench.harness import default_out_path, repo_root

    repo = repo_root()
    results_dir = results_dir if results_dir is not None else default_out_path(repo)
    if benchmarks_md is None and repo is not None:
        benchmarks_md = repo / "BENCHMARKS.md"
    history = benchmarks_md if benchmarks_md is not None else Path("/nonexistent/BENCHMARKS.md")
    block = build(results_dir, history)
    changed = write(benchmarks_md, block) if record and benchmarks_md is not None else False
    return block, benchmarks_md, changed
