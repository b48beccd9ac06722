"""`scale`: indexing passages/s and batch articles/s with 1 and 2 workers, on the local engine and on Ray, against
the single-process path, and the single writer's commit rate alone (issue 18).

1. **Indexing.** `--size` passages (default `INDEX_PASSAGES`) of synthetic news text, one `.txt` file per
   document, indexed into a new library by `Library.add` (one process, every core), then by `index add`'s
   engine path with 1 and 2 workers on each engine. Wall time of the whole call: worker start-up (processes
   or actors, the encoder loaded in each) is part of what a user waits for, and at this size a large part.
2. **Batch.** `ARTICLES` short articles about the example library, checked against it: one `api.check`
   after another in this process (models loaded before timing), then `run_batch` with 1 and 2 workers on
   each engine. Besides the wall time, the steady rate leaves out each worker's first article (which
   waits for its models): (articles − workers) / (time of the last − time of the workers-th).
3. **The single writer.** What the driver does per passage, alone: `Store.replace_files` of segmented,
   analysed documents, 200 files a commit, then `put_missing_vectors` of random vectors, committing every
   2 s, as `index add` does.

Ray is started once (`ray.init` with this machine's cores) and skipped, with a note, when not installed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.bench.corpus import synthetic_documents
from corroborate.bench.harness import BenchContext, BenchError, BenchSkipped, timed
from corroborate.config import Settings

__all__ = ["scale"]

INDEX_PASSAGES = 300
WRITER_PASSAGES = 5_000
ARTICLE_SENTENCES = (
    "Emergency services evacuated 2,400 residents from the low-lying districts of Vellmar.",
    "The mayor of Vellmar, Maria Keller, declared a state of emergency on 14 March 2026.",
    "The army sent about 350 soldiers to Vellmar to reinforce the dike with sandbags.",
    "The water level of the Ostra at Vellmar has been falling since the morning of 16 March 2026.",
    "Heavy rain fell over the Kessel hills from 10 March to 14 March 2026.",
    "The river Ostra peaked at 7.9 metres at the Vellmar gauge.",
)
ARTICLES = 12
WORKERS = (1, 2)


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
    folder.mkdir(parents=True)
    paths = []
    for i in range(ARTICLES):
        k = len(ARTICLE_SENTENCES)
        text = " ".join(ARTICLE_SENTENCES[(i + j) % k] for j in range(2))
        path = folder / f"article-{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _engines() -> tuple[list[str], str | None]:
    try:
        import ray  # noqa: F401
    except ImportError:
        return ["local"], "Ray not installed (pip install 'corroborate[ray]'): local engine only"
    return ["local", "ray"], None


def _open(kind: str, workers: int) -> Any:
    from corroborate.engines import open_engine

    return open_engine(kind, workers)


def _index(ctx: BenchContext, sources: Path, passages: int, kinds: list[str]) -> dict[str, Any]:
    from corroborate import Library
    from corroborate.batch import index_sources

    out: dict[str, Any] = {}

    def fresh(name: str) -> Path:
        return ctx.workdir / f"index-{name}"

    with Library.open(fresh("warm-up"), create=True) as lib:  # imports, the encoder: out of the timings
        lib.add([sorted(sources.iterdir())[0]])
    with Library.open(fresh("single"), create=True) as lib:
        seconds, report = timed(lambda: lib.add([sources]))
    out["single_process"] = {"seconds": round(seconds, 2), "passages_per_s": round(report.passages / seconds, 1)}
    for kind in kinds:
        for workers in WORKERS:
            with Library.open(fresh(f"{kind}-{workers}"), create=True) as lib, _open(kind, workers) as engine:
                seconds, report = timed(lambda lib=lib, engine=engine: index_sources(lib, [sources], engine))
            if not report.ok:
                raise BenchError(f"indexing on {kind} with {workers} worker(s) failed: {report.failed[:1]}")
            out[f"{kind}_{workers}"] = {
                "seconds": round(seconds, 2),
                "passages_per_s": round(report.passages / seconds, 1),
            }
            ctx.echo(f"  index {kind} × {workers}: {report.passages / seconds:.1f} passages/s")
    out["passages"] = passages
    return out


def _batch(ctx: BenchContext, library: Path, articles: list[Path], kinds: list[str]) -> dict[str, Any]:
    from corroborate import Library, check
    from corroborate.batch import run_batch

    out: dict[str, Any] = {}
    with Library.open(library) as lib:
        check(articles[0], lib)  # loads every model in this process: out of the timing
        seconds, _ = timed(lambda: [check(a, lib) for a in articles])
    out["single_process"] = {"seconds": round(seconds, 2), "articles_per_s": round(len(articles) / seconds, 3)}
    for kind in kinds:
        for workers in WORKERS:
            stamps: list[float] = []
            results = ctx.workdir / f"batch-{kind}-{workers}.jsonl"
            started = time.perf_counter()
            with Library.open(library) as lib, _open(kind, workers) as engine:
                summary = run_batch(
                    articles,
                    lib,
                    results,
                    engine,
                    on_row=lambda _row, stamps=stamps: stamps.append(time.perf_counter()),
                )
            wall = time.perf_counter() - started
            if summary.failed or summary.done != len(articles):
                raise BenchError(f"batch on {kind} with {workers} worker(s): {summary.failed[:1]}")
            steady = (len(stamps) - workers) / (stamps[-1] - stamps[workers - 1]) if len(stamps) > workers else None
            out[f"{kind}_{workers}"] = {
                "seconds": round(wall, 2),
                "articles_per_s": round(len(articles) / wall, 3),
                "steady_articles_per_s": round(steady, 3) if steady else None,
            }
            ctx.echo(f"  batch {kind} × {workers}: {len(articles) / wall:.2f} articles/s, steady {steady or 0:.2f}")
    out["articles"] = len(articles)
    return out


def _writer(ctx: BenchContext) -> dict[str, Any]:
    """Passages/s of the driver's writes alone: documents, passages, sentences, terms, then vectors, in
    `index add`'s batches (`_BATCH_FILES` files per `Store.replace_files` and commit)."""
    from corroborate import segment
    from corroborate.indexing import _BATCH_FILES, analysed
    from corroborate.ingest import make_document
    from corroborate.store import Store
    from corroborate.store.filing import FileRows

    files = []
    count = 0
    for n, doc in enumerate(synthetic_documents(seed=7)):
        if count >= WRITER_PASSAGES:
            break
        document = make_document(doc.text, doc.title, f"writer/{n}.txt", "txt")
        # as a worker hands them to the writer: segmented and analysed (`indexing.analysed`)
        passages = analysed(segment.passages(document.id, document.text, Settings().passage_chars))
        files.append(FileRows(f"/writer/{n}.txt", document.content_hash, len(document.text), [(document, passages)]))
        count += len(passages)
    rng = np.random.default_rng(0)
    with Store.open(ctx.workdir / "writer", create=True) as store:
        store.set_dense(True, {"name": "random", "hash": "random", "dims": 384, "max_length": 256})
        store.start_vector_watermark()
        started = time.perf_counter()
        with store.batch() as commit:
            for i in range(0, len(files), _BATCH_FILES):
                store.replace_files(files[i : i + _BATCH_FILES])
                commit()
            stored = time.perf_counter() - started
            last = time.perf_counter()
            while rows := store.next_passages_without_vectors(256):
                vectors = rng.standard_normal((len(rows), 384)).astype(np.float32)
                store.put_missing_vectors([pid for pid, _ in rows], vectors)
                if time.perf_counter() - last > 2.0:
                    commit()
                    last = time.perf_counter()
        seconds = time.perf_counter() - started
    return {
        "passages": count,
        "files": len(files),
        "seconds": round(seconds, 2),
        "passages_per_s": round(count / seconds, 1),
        "documents_only_passages_per_s": round(count / stored, 1),
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

    def ratio(table: dict[str, Any], a: str, b: str, field: str) -> float | None:
        if a in table and b in table and table[b][field]:
            return round(table[a][field] / table[b][field], 2)
        return None

    speedups = {}
    for kind in kinds:
        speedups[f"index_{kind}_2_over_1"] = ratio(indexing, f"{kind}_2", f"{kind}_1", "passages_per_s")
        speedups[f"batch_{kind}_2_over_1"] = ratio(batch, f"{kind}_2", f"{kind}_1", "articles_per_s")
        speedups[f"batch_{kind}_2_over_1_steady"] = ratio(batch, f"{kind}_2", f"{kind}_1", "steady_articles_per_s")
        speedups[f"index_{kind}_2_over_single"] = ratio(indexing, f"{kind}_2", "single_process", "passages_per_s")
        speedups[f"batch_{kind}_2_over_single"] = ratio(batch, f"{kind}_2", "single_process", "articles_per_s")
    if "ray" in kinds:
        speedups["ray_overhead_index_1_worker"] = ratio(indexing, "local_1", "ray_1", "passages_per_s")
        speedups["ray_overhead_batch_1_worker"] = ratio(batch, "local_1", "ray_1", "articles_per_s")

    def rates(table: dict[str, Any], field: str) -> str:
        return ", ".join(f"{k} {v[field]}" for k, v in table.items() if isinstance(v, dict))

    return {
        "data": {"corpus": f"{passages} synthetic passages; {ARTICLES} two-sentence articles on examples/library"},
        "results": {"indexing": indexing, "batch": batch, "writer": writer, "speedups": speedups, "note": note},
        "key": {
            "index passages/s": rates(indexing, "passages_per_s"),
            "batch articles/s": rates(batch, "articles_per_s"),
            "batch steady articles/s": rates(
                {k: v for k, v in batch.items() if k != "single_process"}, "steady_articles_per_s"
            ),
            "2 over 1 worker": ", ".join(
                f"{k.removesuffix('_2_over_1')} {v}" for k, v in speedups.items() if k.endswith("_2_over_1") and v
            ),
            "single writer": f"{writer['passages_per_s']:,.0f} passages/s",
        },
    }
