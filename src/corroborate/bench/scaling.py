"""`scale`: indexing passages/s and batch articles/s with 1 and 2 workers, on the local engine and on Ray, against
the single-process path, and the single writer's commit rate alone (issue 18).

What a speed-up from 1 to 2 workers means here: each worker runs its models on `cores` cores of its own
(ONNX Runtime's threads), so a worker that is alone on this 2-core machine takes both cores, and a second
worker then only splits them (at best ~1×). The scaling figure is therefore taken with one core per
worker, as on a cluster where adding a worker adds its core: 1 worker on 1 core against 2 workers on 1
core each. What one worker on every core gives (`--workers 1`'s default) is measured too.

1. **Indexing.** `--size` passages (default `INDEX_PASSAGES`) of synthetic news text, one `.txt` file per
   document, indexed into a new library by `Library.add` (one process, every core, models loaded before
   timing), then by `index add`'s engine path on each engine and worker count.
2. **Batch.** `ARTICLES` short articles about the example library, checked against it: one `api.check`
   after another in this process (models loaded before timing), then `run_batch` on each engine and
   worker count.

   For both, the workers are started first (`Engine.start`: processes or actors, imports, models), timed
   apart as start-up; the rate is the work that follows, on started workers, and the wall rate counts the
   start-up too. Ray's own start (`ray.init`, once per run) is in neither. `ROUNDS` rounds run every
   configuration in turn (each pair of 1 and 2 workers back to back), and each figure is the median of its
   rounds: other processes' load on this machine moves single runs by tens of per cent. The load average
   before each run is recorded.
3. **The single writer.** What the driver does per passage, alone, through `index add`'s own writer and
   commit rule: segmented, analysed documents stored as they arrive from workers, then a vector for each
   passage (made beforehand); `WRITER_ROUNDS` rounds, the median, with the CPU time it took.

Ray is started once (`ray.init` with this machine's cores) and skipped, with a note, when not installed.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from itertools import permutations
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.bench.corpus import synthetic_documents
from corroborate.bench.harness import BenchContext, BenchError, BenchSkipped, timed
from corroborate.config import Settings

__all__ = ["scale"]

INDEX_PASSAGES = 1_000  # ~30 s for one worker on one core: start-up (~2 s) is a small share
WRITER_PASSAGES = 20_000  # ~1.5 s a round: 5,000 (0.4 s) moved with every burst of load
WRITER_ROUNDS = 3
ARTICLE_SENTENCES = (
    "Emergency services evacuated 2,400 residents from the low-lying districts of Vellmar.",
    "The mayor of Vellmar, Maria Keller, declared a state of emergency on 14 March 2026.",
    "The army sent about 350 soldiers to Vellmar to reinforce the dike with sandbags.",
    "The water level of the Ostra at Vellmar has been falling since the morning of 16 March 2026.",
    "Heavy rain fell over the Kessel hills from 10 March to 14 March 2026.",
    "The river Ostra peaked at 7.9 metres at the Vellmar gauge.",
)
ARTICLES = 60  # ~12 s for one worker on one core
ROUNDS = 2
# (name, workers, cores per worker; None: every core). One core each for the scaling pair (see above).
CONFIGS = (("1", 1, 1), ("2", 2, 1), ("1_all_cores", 1, None))


def _sources(folder: Path, passages: int) -> int:
    """Write synthetic documents, one `.txt` each, until they make `passages` passages; returns the count."""
    from corroborate import segment

    folder.mkdir(parents=True)
    total = 0
    for n, doc in enumerate(synthetic_documents()):
        if total >= passages:
            break
        (folder / f"doc-{n:05d}.txt").write_text(doc.text, encoding="utf-8")
        total += len(segment.passages("d", doc.text, Settings().passage_chars))
    return total


def _articles(folder: Path) -> list[Path]:
    """`ARTICLES` two-sentence articles: the ordered pairs of `ARTICLE_SENTENCES` (30), over again."""
    folder.mkdir(parents=True)
    pairs = list(permutations(ARTICLE_SENTENCES, 2))
    paths = []
    for i in range(ARTICLES):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(" ".join(pairs[i % len(pairs)]), encoding="utf-8")
        paths.append(path)
    return paths


def _engines() -> tuple[list[str], str | None]:
    try:
        import ray  # noqa: F401
    except ImportError:
        return ["local"], "Ray not installed (pip install 'corroborate[ray]'): local engine only"
    return ["local", "ray"], None


def _configs(kinds: list[str]) -> list[tuple[str, str, int, int | None]]:
    """(key, engine, workers, cores): every engine's scaling pair, then one local worker on every core."""
    out = [(f"{kind}_{name}", kind, w, c) for kind in kinds for name, w, c in CONFIGS if c is not None]
    out += [(f"local_{name}", "local", w, c) for name, w, c in CONFIGS if c is None]
    return out


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _on_engine(
    kind: str, workers: int, cores: int | None, factory: Callable[[Any], Any], work: Callable[[Any], int]
) -> dict[str, Any]:
    """Start `workers` workers of `factory` on engine `kind`, then time `work(engine)` (which returns how
    many items it did) on them: start-up and work apart."""
    from corroborate.engines import open_engine

    load = _load()
    with open_engine(kind, workers, cores=cores) as engine:
        start_s, _ = timed(lambda: engine.start(factory(engine)))
        pids = list(engine.pids)
        cpu_before, driver_before = _cpu_seconds(pids), time.process_time()
        work_s, count = timed(lambda: work(engine))
        cpu_s, driver_s = _cpu_seconds(pids) - cpu_before, time.process_time() - driver_before
    return {"start_s": round(start_s, 2), "work_s": round(work_s, 2), "items": count, "load": load,
            "cores_per_worker": engine.cores, "workers_cpu_s": round(cpu_s, 2), "driver_cpu_s": round(driver_s, 2),
            "worker_cores_used": round(cpu_s / work_s, 2) if work_s else None}  # fmt: skip


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds the processes `pids` have used (Linux `/proc`; 0 for one that is gone).

    With the work's wall time it says how many cores the workers got: on a machine that others load too,
    two workers may get less than two cores, which no code of ours can change."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime: fields 14 and 15 of stat(5)
    return total


def _median_rows(rounds: list[dict[str, Any]], unit: str) -> dict[str, Any]:
    """Per configuration: the median over rounds of its rate on started workers, its wall rate (start-up
    included) and its start-up, with every round's figures."""
    out: dict[str, Any] = {}
    for key in rounds[0]:
        runs = [r[key] for r in rounds]
        rates = [x["items"] / x["work_s"] for x in runs]
        row: dict[str, Any] = {f"{unit}_per_s": round(statistics.median(rates), 2)}
        if "start_s" in runs[0]:
            walls = [x["items"] / (x["start_s"] + x["work_s"]) for x in runs]
            row[f"wall_{unit}_per_s"] = round(statistics.median(walls), 2)
            row["start_s"] = round(statistics.median(x["start_s"] for x in runs), 2)
            row["cores_per_worker"] = runs[0]["cores_per_worker"]
            row["worker_cores_used"] = round(statistics.median(x["worker_cores_used"] or 0 for x in runs), 2)
            per_cpu = [x["items"] / x["workers_cpu_s"] for x in runs if x["workers_cpu_s"]]
            if per_cpu:  # the work's cost on the workers, whatever cores they got
                row[f"{unit}_per_worker_cpu_s"] = round(statistics.median(per_cpu), 2)
        row["rounds"] = runs
        out[key] = row
    return out


def _index(ctx: BenchContext, sources: Path, passages: int, kinds: list[str]) -> dict[str, Any]:
    from corroborate import Library
    from corroborate.batch import index_sources
    from corroborate.indexing import worker_factory

    runs = 0

    def fresh(name: str) -> Path:
        nonlocal runs
        runs += 1
        return ctx.workdir / f"index-{runs}-{name}"

    with Library.open(fresh("warm-up"), create=True) as lib:  # imports, the encoder: out of the timings
        lib.add([sorted(sources.iterdir())[0]])
    rounds = []
    for n in range(ROUNDS):
        row: dict[str, Any] = {}
        with Library.open(fresh("single"), create=True) as lib:
            load = _load()
            seconds, report = timed(lambda lib=lib: lib.add([sources]))
        row["single_process"] = {"work_s": round(seconds, 2), "items": report.passages, "load": load}
        for key, kind, workers, cores in _configs(kinds):
            with Library.open(fresh(key), create=True) as lib:

                def work(engine: Any, lib: Any = lib) -> int:
                    report = index_sources(lib, [sources], engine)
                    if not report.ok:
                        raise BenchError(f"indexing on {engine.name} × {engine.workers} failed: {report.failed[:1]}")
                    return report.passages

                row[key] = _on_engine(
                    kind, workers, cores, lambda _e, lib=lib: worker_factory(lib.store, lib.settings), work
                )
            x = row[key]
            ctx.echo(
                f"  round {n + 1}, index {key}: {x['items'] / x['work_s']:.1f} passages/s (start-up {x['start_s']:.1f} s)"
            )
        rounds.append(row)
    return {**_median_rows(rounds, "passages"), "passages": passages}


def _batch(ctx: BenchContext, library: Path, articles: list[Path], kinds: list[str]) -> dict[str, Any]:
    from corroborate import Library, check
    from corroborate.batch import batch_workers, run_batch

    rounds = []
    with Library.open(library) as lib:
        check(articles[0], lib)  # loads every model in this process: out of the timing
    for n in range(ROUNDS):
        row: dict[str, Any] = {}
        with Library.open(library) as lib:
            load = _load()
            seconds, _ = timed(lambda lib=lib: [check(a, lib) for a in articles])
        row["single_process"] = {"work_s": round(seconds, 2), "items": len(articles), "load": load}
        for key, kind, workers, cores in _configs(kinds):
            results = ctx.workdir / f"batch-{n}-{key}.jsonl"
            with Library.open(library) as lib:

                def work(engine: Any, lib: Any = lib, results: Path = results) -> int:
                    summary = run_batch(articles, lib, results, engine)
                    if summary.failed or summary.done != len(articles):
                        raise BenchError(f"batch on {engine.name} × {engine.workers}: {summary.failed[:1]}")
                    return summary.done

                row[key] = _on_engine(kind, workers, cores, lambda e, lib=lib: batch_workers(lib, e), work)
            x = row[key]
            ctx.echo(
                f"  round {n + 1}, batch {key}: {x['items'] / x['work_s']:.2f} articles/s (start-up {x['start_s']:.1f} s)"
            )
        rounds.append(row)
    return {**_median_rows(rounds, "articles"), "articles": len(articles)}


class _ReadyVectors:
    """Stands in for the encoder in `_writer`: vectors made beforehand, so the timing is the writer's."""

    name, hash, dims, max_length = "random", "random", 384, 256

    def __init__(self) -> None:
        self._vectors = np.random.default_rng(0).standard_normal((1024, self.dims)).astype(np.float32)

    def encode(self, texts: Any, batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
        return self._vectors[: len(texts)]


def _writer(ctx: BenchContext) -> dict[str, Any]:
    """Passages/s of the driver's writes alone, through `index add`'s own code: files as workers hand
    them over (segmented, with their BM25 terms) stored by its writer (`indexing._Writer`) and committed
    by its rule (`indexing._Commits`), then every passage's vector stored as it stores the encoder's
    (`indexing._embed_missing`, the vectors made beforehand). `WRITER_ROUNDS` runs into new libraries;
    the median, with the CPU time this process used (less than the wall time when others load the machine
    or the disk makes it wait)."""
    import gc

    from corroborate import segment
    from corroborate.indexing import IndexReport, _Commits, _embed_missing, _ParsedFile, _Writer, analysed
    from corroborate.ingest import make_document
    from corroborate.store import Store

    files = []
    count = 0
    for n, doc in enumerate(synthetic_documents(seed=7)):
        if count >= WRITER_PASSAGES:
            break
        document = make_document(doc.text, doc.title, f"writer/{n}.txt", "txt")
        passages = analysed(segment.passages(document.id, document.text, Settings().passage_chars))
        files.append(
            _ParsedFile(f"/writer/{n}.txt", document.content_hash, len(document.text), False, [(document, passages)])
        )
        count += len(passages)
    encoder = _ReadyVectors()
    runs = []
    # The input is held whole here, where a driver holds one commit's worth: frozen, the collector's full
    # passes do not walk it (they would cost the writer time that `index add` does not spend).
    gc.collect()
    gc.freeze()
    try:
        for n in range(WRITER_ROUNDS):
            with Store.open(ctx.workdir / f"writer-{n}", create=True) as store:
                load, report = _load(), IndexReport()
                started, cpu = time.perf_counter(), time.process_time()
                with store.batch() as commit:
                    writer = _Writer(store, encoder, report)  # type: ignore[arg-type]
                    commits = _Commits(commit, before=writer.flush)
                    for parsed in files:
                        writer.add(parsed)
                        commits.tick(files=1, passages=parsed.passage_count)
                    commits.now()  # as `index_files` does before embedding
                    stored = time.perf_counter() - started
                    _embed_missing(store, encoder, Settings(), commits)  # type: ignore[arg-type]
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            if report.passages != count:
                raise BenchError(f"the writer stored {report.passages} passages of {count}")
            runs.append({"seconds": round(seconds, 2), "documents_s": round(stored, 2), "cpu_s": round(cpu, 2),
                         "load": load, "passages_per_s": round(count / seconds, 1)})  # fmt: skip
    finally:
        gc.unfreeze()
    return {
        "passages": count,
        "files": len(files),
        "passages_per_s": round(statistics.median(count / r["seconds"] for r in runs), 1),
        "documents_only_passages_per_s": round(statistics.median(count / r["documents_s"] for r in runs), 1),
        "passages_per_cpu_s": round(statistics.median(count / r["cpu_s"] for r in runs if r["cpu_s"]), 1),
        "rounds": runs,
    }


def scale(ctx: BenchContext) -> dict[str, Any]:
    """Indexing and batch checking on 1 and 2 workers (local and Ray), and the single writer's commit rate."""
    if ctx.repo is None or not (ctx.repo / "examples" / "library").is_dir():
        raise BenchSkipped("examples/library not found; run it from a source checkout of corroborate")
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    from corroborate import Library

    kinds, note = _engines()
    if note:
        ctx.echo(f"  note: {note}")
    ray_started = False
    if "ray" in kinds:
        import ray

        if not ray.is_initialized():
            ray.init(
                address="local", num_cpus=len(os.sched_getaffinity(0)), include_dashboard=False, log_to_driver=False
            )
            ray_started = True
    try:
        writer = _writer(ctx)
        ctx.echo(f"  single writer: {writer['passages_per_s']:,.0f} passages/s")
        sources = ctx.workdir / "sources"
        passages = _sources(sources, ctx.size or INDEX_PASSAGES)
        indexing = _index(ctx, sources, passages, kinds)
        library = ctx.workdir / "example-library"
        with Library.open(library, create=True) as lib:
            lib.add([ctx.repo / "examples" / "library"])
        batch = _batch(ctx, library, _articles(ctx.workdir / "articles"), kinds)
    finally:
        if ray_started:
            ray.shutdown()

    speedups: dict[str, float | None] = {}
    for kind in kinds:
        for job, table in (("index", indexing), ("batch", batch)):
            speedups[f"{job}_{kind}_2_over_1"] = _ratio(table, f"{kind}_2", f"{kind}_1")
            speedups[f"{job}_{kind}_2_over_1_wall"] = _ratio(table, f"{kind}_2", f"{kind}_1", wall=True)
            # Work per worker CPU-second, 2 over 1 worker: 1.0 is perfect; times the cores the two got
            # over the one's, it gives the speed-up (2 free cores: 2 × this).
            speedups[f"{job}_{kind}_2_over_1_per_cpu"] = _ratio(table, f"{kind}_2", f"{kind}_1", per_cpu=True)
            speedups[f"{job}_{kind}_2_over_single"] = _ratio(table, f"{kind}_2", "single_process")
    for job, table in (("index", indexing), ("batch", batch)):
        speedups[f"{job}_local_2_over_1_all_cores"] = _ratio(table, "local_2", "local_1_all_cores")
    if "ray" in kinds:
        for job, table in (("index", indexing), ("batch", batch)):
            speedups[f"ray_overhead_{job}_1_worker"] = _ratio(table, "local_1", "ray_1")
            speedups[f"ray_overhead_{job}_1_worker_wall"] = _ratio(table, "local_1", "ray_1", wall=True)
            speedups[f"ray_overhead_{job}_1_worker_per_cpu"] = _ratio(table, "local_1", "ray_1", per_cpu=True)
    targets = _targets(speedups, writer, kinds)

    def rates(table: dict[str, Any], field: str) -> str:
        return ", ".join(f"{k} {v[field]}" for k, v in table.items() if isinstance(v, dict) and field in v)

    def starts(table: dict[str, Any]) -> str:
        return ", ".join(f"{k} {v['start_s']} s" for k, v in table.items() if isinstance(v, dict) and "start_s" in v)

    loads = [x["load"] for t in (indexing, batch) for v in t.values() if isinstance(v, dict) for x in v["rounds"]]
    return {
        "data": {
            "corpus": f"{passages} synthetic passages; {ARTICLES} two-sentence articles on examples/library",
            "method": f"{ROUNDS} rounds, medians; workers started apart (start_s); rates on started workers; "
            "the 1/2-worker pairs at 1 core per worker",
        },
        "results": {
            "indexing": indexing,
            "batch": batch,
            "writer": writer,
            "speedups": speedups,
            "targets": targets,
            "load_average_range": [min(loads), max(loads)] if loads else None,
            "note": note,
        },
        "key": {
            "index passages/s (started workers)": rates(indexing, "passages_per_s"),
            "index start-up": starts(indexing),
            "batch articles/s (started workers)": rates(batch, "articles_per_s"),
            "batch start-up": starts(batch),
            "cores the workers got (CPU s / wall s)": "index "
            + rates(indexing, "worker_cores_used")
            + "; batch "
            + rates(batch, "worker_cores_used"),
            "work per worker CPU-second": "index "
            + rates(indexing, "passages_per_worker_cpu_s")
            + " passages; batch "
            + rates(batch, "articles_per_worker_cpu_s")
            + " articles",
            "2 over 1 worker (1 core each)": ", ".join(
                f"{k.removesuffix('_2_over_1')} {v}" for k, v in speedups.items() if k.endswith("_2_over_1") and v
            ),
            "2 over 1 worker, wall with start-up": ", ".join(
                f"{k.removesuffix('_2_over_1_wall')} {v}"
                for k, v in speedups.items()
                if k.endswith("_2_over_1_wall") and not k.startswith("ray_overhead") and v
            ),
            "2 over 1 worker, work per worker CPU-second": ", ".join(
                f"{k.removesuffix('_2_over_1_per_cpu')} {v}"
                for k, v in speedups.items()
                if k.endswith("_2_over_1_per_cpu")
            ),
            "2 workers over 1 worker on both cores": ", ".join(
                f"{k.removesuffix('_local_2_over_1_all_cores')} {v}"
                for k, v in speedups.items()
                if k.endswith("_all_cores") and v
            ),
            "Ray over local at 1 worker (time)": ", ".join(
                f"{k.removeprefix('ray_overhead_')} {v}"
                for k, v in speedups.items()
                if k.startswith("ray_overhead") and v
            ),
            "single writer": f"{writer['passages_per_s']:,.0f} passages/s "
            f"({writer['passages_per_cpu_s']:,.0f} per CPU-second of the driver)",
            "load average": f"{min(loads):.1f} to {max(loads):.1f}" if loads else "unknown",
        },
    }


def _ratio(table: dict[str, Any], a: str, b: str, wall: bool = False, per_cpu: bool = False) -> float | None:
    """The median over rounds of `a`'s rate over `b`'s in the same round (run back to back): per second of
    work (with the start-up when `wall`), or per CPU-second its workers used (`per_cpu`: what the work
    costs, whatever share of the cores other processes left them)."""
    if a not in table or b not in table:
        return None

    def rate(x: dict[str, Any]) -> float:
        if per_cpu:
            return x["items"] / x["workers_cpu_s"] if x.get("workers_cpu_s") else float("nan")
        return x["items"] / (x["work_s"] + (x.get("start_s", 0.0) if wall else 0.0))

    pairs = zip(table[a]["rounds"], table[b]["rounds"], strict=True)
    ratios = [rate(x) / rate(y) for x, y in pairs]
    ratios = [r for r in ratios if r == r]  # no CPU time read (not Linux): left out
    return round(statistics.median(ratios), 2) if ratios else None


TARGET_SPEEDUP = 1.8
TARGET_RAY_OVERHEAD = 1.10
TARGET_WRITER_PER_S = 20_000.0


def _targets(speedups: dict[str, float | None], writer: dict[str, Any], kinds: list[str]) -> dict[str, Any]:
    """The issue's targets against this run: 2 over 1 worker (1 core each, started workers), Ray's time over
    the local engine's at 1 worker, the single writer's passages/s."""
    out: dict[str, Any] = {}
    for kind in kinds:
        for job in ("index", "batch"):
            value = speedups.get(f"{job}_{kind}_2_over_1")
            out[f"{job}_{kind}_2_over_1"] = {"target": TARGET_SPEEDUP, "value": value,
                                             "met": value is not None and value >= TARGET_SPEEDUP}  # fmt: skip
    if "ray" in kinds:
        for job in ("index", "batch"):
            value = speedups.get(f"ray_overhead_{job}_1_worker")
            out[f"ray_overhead_{job}_1_worker"] = {"target": TARGET_RAY_OVERHEAD, "value": value,
                                                   "met": value is not None and value <= TARGET_RAY_OVERHEAD}  # fmt: skip
    out["single_writer_passages_per_s"] = {"target": TARGET_WRITER_PER_S, "value": writer["passages_per_s"],
                                           "met": writer["passages_per_s"] >= TARGET_WRITER_PER_S}  # fmt: skip
    return out
