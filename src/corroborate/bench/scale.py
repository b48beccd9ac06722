"""`speed`: indexing and query cost at 10k, 100k and 1M passages, with bm25s on the same corpus as an anchor.

One run measures one size N (`--size`, "10k", "100k", "1M" or an integer; default 10k):

1. **Corpus.** `corpus.write_corpus` writes N passages' worth of `.jsonl` documents: real SciFact,
   Citation-Integrity and FEVER text where present under `--data`, then deterministic synthetic news text.
2. **BM25-only indexing.** `Library.add` into a new library made with `Settings(dense=False)`, in a fresh
   interpreter (after a warm-up on one file), so its peak RSS (`VmHWM`) is that of indexing alone.
3. **Indexing with embeddings.** Embedding runs at tens of passages/s on 2 cores, so 100k or 1M
   passages cannot be embedded in a benchmark run: `Library.add` with dense vectors is timed on a
   sample (the first `EMBED_SAMPLE` passages of the same corpus), the encoder's share is timed inside
   it, and the hours for N are extrapolated from that rate (and labelled so).
4. **Vectors at N.** Every passage of the BM25-only library gets a *synthetic vector (real embeddings +
   noise)*: a mix of two of the sample's real embeddings plus Gaussian noise, renormalised, written
   through the Store's API; then `VectorIndex.rebuild` builds the HNSW file (timed: vectors/s).
5. **Queries.** Real claims (SciFact dev, then train) through `Retriever.open(store, mode).passages(q, 100)`
   for bm25, dense and hybrid, one at a time after a warm-up, and `Retriever.evidence` (what `check`
   runs) for hybrid: p50/p95/mean ms, in a fresh interpreter, whose peak RSS is the query phase's.
   The four take turns on each claim, so load from other processes hits them alike.
   A short cProfile pass afterwards (not timed) shows where query time goes.
6. **bm25s** indexes the same passage texts (PyStemmer english, English stop words) in the same run and
   answers the same claims (top 100, 1 thread): ratios are ours / bm25s.

The work folder is `bench-results/work-speed-N`, removed at the end unless `keep`.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import dataclasses
import json
import math
import os
import pstats
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import click
import numpy as np

from corroborate.bench.corpus import synthetic_documents, write_corpus
from corroborate.bench.harness import BenchContext, BenchError, default_out_path, folder_bytes, timed
from corroborate.config import Settings

__all__ = ["DEFAULT_SIZE", "SizeParam", "measure", "parse_size", "speed"]

DEFAULT_SIZE = 10_000
EMBED_SAMPLE = 1_000  # passages indexed with embeddings: ~40 s at ~25 passages/s on 2 quiet cores
QUERIES = 200
WARMUP = 10
TOP_K = 100
PROFILE_QUERIES = 50
# Synthetic vectors: x = a·e_i + b·e_j + noise, renormalised (e_i, e_j real embeddings). The noise's
# norm sets how far a synthetic passage lies from the real ones: 0.3 keeps top-1 cosines near real ones.
NOISE_NORM = 0.3
VECTOR_CHUNK = 20_000
SEED = 20240601

# The targets of the performance issue (2 CPU cores), repeated in BENCHMARKS.md.
TARGET_QUERY_P95_MS = 50.0  # at 1M passages
TARGET_BM25_INDEX_PER_S = 1_000.0
TARGET_DENSE_INDEX_PER_S = 300.0
TARGET_MEMORY_MIB = 4 * 1024.0  # at 1M passages

_SUFFIXES = {"k": 1_000, "m": 1_000_000}


# -- the size -----------------------------------------------------------------------------------


def parse_size(text: str | int) -> int:
    """Read a size: "10k" → 10000, "1M" → 1000000, "2500" → 2500. Raises `ValueError` for anything else or below 1."""
    if isinstance(text, int):
        value = text
    else:
        found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*", str(text).replace("_", "").replace(",", ""))
        if not found:
            raise ValueError(f"{text!r} is not a size; give a number of passages such as 10000, 10k, 100k or 1M")
        number, suffix = found.groups()
        scaled = float(number) * _SUFFIXES.get(suffix.lower(), 1)
        if scaled != int(scaled):
            raise ValueError(f"{text!r} is not a whole number of passages")
        value = int(scaled)
    if value < 1:
        raise ValueError(f"{text!r}: the size must be at least 1 passage")
    return value


class SizeParam(click.ParamType):
    """A click option type for `parse_size` (a bad value is a usage error, exit status 2)."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


# -- small helpers ------------------------------------------------------------------------------


def _vmhwm_mib() -> float | None:
    """This process's peak resident set size (`VmHWM`) in MiB; None off Linux."""
    try:
        status = Path("/proc/self/status").read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r"VmHWM:\s+(\d+)", status)
    return round(int(found.group(1)) / 1024, 1) if found else None


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def latency_stats(seconds: list[float]) -> dict[str, Any]:
    """p50, p95, mean and max of per-query seconds, in milliseconds."""
    ms = np.asarray(seconds) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "mean_ms": round(float(ms.mean()), 2),
        "max_ms": round(float(ms.max()), 2),
        "queries": len(seconds),
    }


def _subprocess(args: list[str], what: str) -> dict[str, Any]:
    """Run this module's phase `args` in a fresh interpreter; return the JSON it prints."""
    done = subprocess.run(
        [sys.executable, "-m", "corroborate.bench.scale", *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BenchError(f"{what} failed (exit {done.returncode}): {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- phases run in a fresh interpreter ----------------------------------------------------------


def _index_phase(library: Path, source: Path, warmup: Path | None, dense: bool) -> dict[str, Any]:
    """`Library.add([source])` into a new library (BM25-only unless `dense`), after a warm-up on one file."""
    from corroborate import analysis, segment
    from corroborate.api import Library
    from corroborate.retrieve.encoder import library_encoder

    settings = Settings(dense=dense)
    spent = {"encode_s": 0.0, "encoded": 0}
    warm_text = "A first sentence about the river. A second one, with 1,200 residents in 1998."
    segment.passages("warm-up", warm_text, settings.passage_chars)  # loads the sentence splitter's model
    analysis.terms(warm_text)
    if dense:
        encoder = library_encoder(settings.embed_max_length)  # the cached instance indexing uses
        encoder.encode(["A warm-up sentence.", "Another one, a little longer than the first."])
        plain = encoder.encode

        def timed_encode(texts: Any, batch_size: int = 64, show_progress: bool = False) -> np.ndarray:
            started = time.perf_counter()
            try:
                return plain(texts, batch_size, show_progress)
            finally:
                spent["encode_s"] += time.perf_counter() - started
                spent["encoded"] += len(texts)

        encoder.encode = timed_encode  # type: ignore[method-assign]
    if warmup is not None:  # first-use costs (imports, the sentence splitter's model) stay out of the timing
        warm_lib = library.with_name(library.name + "-warmup")
        with Library.open(warm_lib, create=True, settings=settings) as lib:
            lib.add([warmup])
        shutil.rmtree(warm_lib, ignore_errors=True)
        spent.update(encode_s=0.0, encoded=0)  # in place: `timed_encode` holds this dict
    with Library.open(library, create=True, settings=settings) as lib:
        seconds, report = timed(lambda: lib.add([source]))
    if report.failed:
        raise SystemExit(f"indexing failed for {len(report.failed)} file(s), first: {report.failed[0]}")
    return {
        "seconds": round(seconds, 3),
        "documents": report.documents,
        "passages": report.passages,
        "encode_s": round(spent["encode_s"], 3),
        "encoded": spent["encoded"],
        "peak_rss_mib": _vmhwm_mib(),
    }


def _top_functions(profile: cProfile.Profile, n: int = 10) -> list[dict[str, Any]]:
    stats = pstats.Stats(profile)
    total = sum(row[2] for row in stats.stats.values()) or 1.0  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:n]  # type: ignore[attr-defined]
    return [
        {
            "function": f"{Path(file).name}:{line}({name})",
            "tottime_share": round(tt / total, 3),
            "cumtime_s": round(ct, 3),
            "calls": nc,
        }
        for (file, line, name), (_cc, nc, tt, ct, _callers) in rows
    ]


def _query_phase(library: Path, claims_file: Path, warmup: int, k: int) -> dict[str, Any]:
    """Per-query latency of each retrieval mode and of hybrid evidence selection on one library."""
    from corroborate.retrieve import Retriever
    from corroborate.store import Store

    settings = Settings()
    claims: list[str] = json.loads(claims_file.read_text(encoding="utf-8"))
    warm, timed_claims = claims[:warmup], claims[warmup:]
    out: dict[str, Any] = {}
    args = (settings.top_passages, settings.evidence_per_claim, settings.min_overlap)
    with Store.open(library) as store, contextlib.ExitStack() as own:
        retrievers, opened = {}, {}
        # Each timed call reads through a store of its own: a store caches term frequencies, and the
        # calls take turns on each claim, so with one store each call after the first would find the
        # claim's frequencies cached, which a check's single lookup per claim never does.
        for mode in ("bm25", "dense", "hybrid"):
            mine = own.enter_context(Store.open(library))
            opened[mode], retrievers[mode] = timed(lambda mode=mode, mine=mine: Retriever.open(mine, mode))
        # The same vector index as hybrid (opening it again would map the file twice and count it twice).
        evidence = dataclasses.replace(retrievers["hybrid"], store=own.enter_context(Store.open(library)))
        calls = {name: (lambda q, r=r: r.passages(q, k)) for name, r in retrievers.items()}
        calls["evidence_hybrid"] = lambda q: evidence.evidence(q, *args)
        for q in warm:
            for call in calls.values():
                call(q)
        # Modes take turns on each claim, so a burst of load from another process hits all of them alike.
        seconds: dict[str, list[float]] = {name: [] for name in calls}
        for q in timed_claims:
            for name, call in calls.items():
                seconds[name].append(timed(lambda call=call, q=q: call(q))[0])
        for name, samples in seconds.items():
            out[name] = {**latency_stats(samples), "open_s": round(opened.get(name, 0.0), 3)}
        out["evidence_hybrid"]["top_passages"] = settings.top_passages
        out["load_average"] = _load()
        out["peak_rss_mib"] = _vmhwm_mib()
        profiles = {}
        for mode in ("bm25", "hybrid"):
            retriever = Retriever.open(store, mode)
            profile = cProfile.Profile()
            profile.enable()
            for q in timed_claims[:PROFILE_QUERIES]:
                retriever.passages(q, k)
            profile.disable()
            profiles[mode] = _top_functions(profile)
        out["profile"] = profiles
    # A store of its own: the one above has every claim's term frequencies cached by now.
    with Store.open(library) as fresh:
        out["bm25_breakdown_ms"], out["bm25_bounded"] = _bm25_breakdown(fresh, timed_claims[:PROFILE_QUERIES], k)
    return out


def _bm25_breakdown(store: Any, claims: list[str], k: int) -> tuple[dict[str, float], dict[str, Any]]:
    """Mean ms per query of the SQL steps of a BM25 query as `bm25_passages` runs them (passage count,
    term frequencies, the search: bounded when the terms hold more than `MAX_POSTINGS` postings) and of
    the same search exact (FTS5 over every term, as before the bound); and how many queries were bounded."""
    from corroborate import analysis
    from corroborate.retrieve.bm25 import MAX_POSTINGS, RESCORE_FACTOR

    spent = {"passage_count": 0.0, "document_frequencies": 0.0, "search_passages": 0.0, "search_passages_exact": 0.0}
    bounded = 0
    for q in claims:
        terms = list(dict.fromkeys(analysis.terms(q)))
        spent["passage_count"] += timed(store.passage_count)[0]
        seconds, frequencies = timed(lambda terms=terms: store.document_frequencies(terms))
        spent["document_frequencies"] += seconds
        bounded += sum(frequencies.values()) > MAX_POSTINGS
        spent["search_passages"] += timed(
            lambda terms=terms: store.search_passages(
                terms, k, max_postings=MAX_POSTINGS, candidates=RESCORE_FACTOR * k
            )
        )[0]
        spent["search_passages_exact"] += timed(lambda terms=terms: store.search_passages(terms, k))[0]
    means = {name: round(1000 * s / max(len(claims), 1), 3) for name, s in spent.items()}
    return means, {"queries": len(claims), "bounded": bounded, "max_postings": MAX_POSTINGS}


# -- phases in this process ---------------------------------------------------------------------


def _claims(data: Path | None, count: int) -> tuple[list[str], str]:
    """`count` claims: SciFact dev then train (`claim` field), else sentences of synthetic documents."""
    texts: list[str] = []
    for name in ("claims_dev.jsonl", "claims_train.jsonl"):
        path = data / "scifact" / name if data is not None else None
        if path is None or not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["claim"].strip() for line in fh if line.strip()]
    texts = [t for t in dict.fromkeys(texts) if t]
    if len(texts) >= count:
        return texts[:count], f"SciFact claims (claims_dev, then claims_train): first {count}"
    docs = synthetic_documents(SEED + 1)
    while len(texts) < count:
        texts.extend(next(docs).sentences)
    return texts[:count], "synthetic sentences (SciFact claims not found)"


def _synthetic_vectors(base: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """`n` unit vectors, each a·e_i + b·e_j + noise of two real embeddings (a∈[0.6,1], b∈[0,0.5])."""
    dims = base.shape[1]
    i, j = rng.integers(len(base), size=n), rng.integers(len(base), size=n)
    a, b = rng.uniform(0.6, 1.0, (n, 1)), rng.uniform(0.0, 0.5, (n, 1))
    x = a * base[i] + b * base[j] + rng.normal(0.0, NOISE_NORM / math.sqrt(dims), (n, dims))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _add_vectors(library: Path, base: np.ndarray) -> tuple[dict[str, Any], list[str]]:
    """Give every passage a synthetic vector, build the HNSW file; return timings and the passage texts."""
    from corroborate.retrieve.encoder import library_encoder
    from corroborate.store import Store
    from corroborate.store.vectors import VectorIndex

    settings = Settings()
    enc = library_encoder(settings.embed_max_length)
    rng = np.random.default_rng(SEED)
    texts: list[str] = []
    started = time.perf_counter()
    with Store.open(library) as store:
        info = {"name": enc.name, "hash": enc.hash, "dims": enc.dims, "max_length": enc.max_length}
        store.set_dense(True, info)
        for rows in store.iter_passage_texts(VECTOR_CHUNK):
            with store.atomic():
                store.put_vectors([r[0] for r in rows], _synthetic_vectors(base, len(rows), rng))
            texts.extend(r[1] for r in rows)
        write_s = time.perf_counter() - started
        load_before = _load()
        build_s, index = timed(lambda: VectorIndex.rebuild(store))
        count = len(index)
    return {
        "kind": "synthetic vectors (real embeddings + noise)",
        "how": f"x = a·e_i + b·e_j + noise (a∈[0.6,1], b∈[0,0.5], noise norm ≈ {NOISE_NORM}), renormalised; "
        f"e_i, e_j drawn from {len(base)} real embeddings of the corpus's first passages",
        "vectors": count,
        "write_s": round(write_s, 2),
        "hnsw_rebuild_s": round(build_s, 2),
        "hnsw_vectors_per_s": round(count / build_s, 1) if build_s else None,
        "load_average_before_build": load_before,
        "load_average_after_build": _load(),
    }, texts


def _bm25s_anchor(texts: list[str], claims: list[str], warmup: int, k: int) -> dict[str, Any]:
    """bm25s on the same passage texts: index seconds and per-query latency (tokenising included)."""
    try:
        import bm25s
        import Stemmer
    except ImportError:
        return {"skipped": "bm25s or PyStemmer is not installed (pip install -e '.[dev]')"}
    stemmer = Stemmer.Stemmer("english")
    model = bm25s.BM25()

    def index() -> None:
        model.index(bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False)

    index_s, _ = timed(index)
    k = min(k, len(texts))

    def query(q: str) -> Any:
        tokens = bm25s.tokenize([q], stopwords="en", stemmer=stemmer, show_progress=False)
        return model.retrieve(tokens, k=k, show_progress=False, n_threads=1)

    for q in claims[:warmup]:
        query(q)
    seconds = [timed(lambda q=q: query(q))[0] for q in claims[warmup:]]
    return {
        "version": getattr(bm25s, "__version__", "unknown"),
        "settings": "bm25s 'lucene' k1=1.5 b=0.75, PyStemmer english, stop words 'en', top 100, 1 thread",
        "index_s": round(index_s, 3),
        "passages_per_s": round(len(texts) / index_s, 1) if index_s else None,
        **latency_stats(seconds),
    }


# -- the benchmark ------------------------------------------------------------------------------


def speed(ctx: BenchContext) -> dict[str, Any]:
    """The `speed` benchmark: `measure` at `--size` passages (default 10k), in bench-results/work-speed-N."""
    size = ctx.size or DEFAULT_SIZE
    work = default_out_path(ctx.repo) / f"work-speed-{size}"
    return measure(ctx.data, size, work, keep=ctx.keep, echo=ctx.echo)


def measure(
    data: Path | None,
    size: int,
    work: Path,
    keep: bool = False,
    embed_sample: int = EMBED_SAMPLE,
    queries: int = QUERIES,
    echo: Any = print,
) -> dict[str, Any]:
    """Index `size` passages and query them (see the module docstring); returns `{"data", "results", "key"}`.

    `work` is emptied first and removed at the end unless `keep`. Raises `BenchError` when a phase fails.
    """
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    try:
        return _measure(data, size, work, embed_sample, queries, echo)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def _measure(data: Path | None, size: int, work: Path, embed_sample: int, queries: int, echo: Any) -> dict[str, Any]:
    settings = Settings()
    loads: dict[str, Any] = {"start": _load()}
    echo(f"  writing a corpus of {size:,} passages…")
    corpus_s, corpus = timed(lambda: write_corpus(data, size, work / "corpus", settings.passage_chars))
    first_file = sorted(corpus.folder.glob("*.jsonl"))[0]

    echo("  indexing BM25-only (fresh interpreter)…")
    loads["bm25_index"] = _load()
    library = work / "library"
    bm25 = _subprocess(["index", str(library), str(corpus.folder), "--warmup", str(first_file)], "BM25-only indexing")
    bm25_disk = folder_bytes(library)

    sample_n = min(embed_sample, size)
    echo(f"  indexing {sample_n:,} passages with embeddings (fresh interpreter)…")
    sample = write_corpus(data, sample_n, work / "sample", settings.passage_chars)
    loads["dense_index"] = _load()
    sample_lib = work / "sample-library"
    dense = _subprocess(["index", str(sample_lib), str(sample.folder), "--dense"], "indexing with embeddings")
    from corroborate.store import Store

    with Store.open(sample_lib) as store:
        base = np.concatenate([v.astype(np.float32) for _, v in store.iter_vectors(VECTOR_CHUNK)])
    dense_rate = dense["passages"] / dense["seconds"] if dense["seconds"] else 0.0

    echo(f"  giving {bm25['passages']:,} passages synthetic vectors and building the HNSW index…")
    loads["vectors"] = _load()
    vectors, texts = _add_vectors(library, base)
    files = {name: (library / name).stat().st_size for name in ("corroborate.sqlite", "vectors.usearch")}
    files["total"] = folder_bytes(library)

    claims, claims_source = _claims(data, WARMUP + queries)
    claims_file = work / "claims.json"
    claims_file.write_text(json.dumps(claims), encoding="utf-8")
    echo(f"  {queries} queries per mode (fresh interpreter)…")
    loads["queries"] = _load()
    k = min(TOP_K, bm25["passages"])
    query = _subprocess(["query", str(library), str(claims_file), "--warmup", str(WARMUP), "--k", str(k)], "queries")

    echo("  bm25s on the same passages…")
    loads["bm25s"] = _load()
    anchor = _bm25s_anchor(texts, claims, WARMUP, k)
    loads["end"] = _load()
    return _summary(size, corpus, corpus_s, bm25, bm25_disk, dense, dense_rate, vectors, files, query, anchor,
                    claims_source, loads)  # fmt: skip


def _duration(hours: float | None) -> str:
    if hours is None:
        return "unknown"
    return f"{hours:,.1f} h" if hours >= 1 else f"{hours * 60:,.1f} min"


def _ratio(ours: float, theirs: float | None) -> float | None:
    return round(ours / theirs, 2) if theirs else None


def _summary(
    size: int,
    corpus: Any,
    corpus_s: float,
    bm25: dict[str, Any],
    bm25_disk: int,
    dense: dict[str, Any],
    dense_rate: float,
    vectors: dict[str, Any],
    files: dict[str, int],
    query: dict[str, Any],
    anchor: dict[str, Any],
    claims_source: str,
    loads: dict[str, Any],
) -> dict[str, Any]:
    n = bm25["passages"]
    bm25_rate = n / bm25["seconds"] if bm25["seconds"] else 0.0
    encode_share = dense["encode_s"] / dense["seconds"] if dense["seconds"] else None
    hours = n / dense_rate / 3600 if dense_rate else None
    peak = max(x for x in (bm25["peak_rss_mib"], query["peak_rss_mib"], dense["peak_rss_mib"]) if x is not None)
    worst_p95 = max(query[m]["p95_ms"] for m in ("bm25", "dense", "hybrid"))
    ratios = {}
    if "skipped" not in anchor:
        ratios = {
            "index_s": _ratio(bm25["seconds"], anchor["index_s"]),
            "query_p50_bm25": _ratio(query["bm25"]["p50_ms"], anchor["p50_ms"]),
            "query_p95_bm25": _ratio(query["bm25"]["p95_ms"], anchor["p95_ms"]),
        }
    targets = {
        "query_p95_ms": {"target": TARGET_QUERY_P95_MS, "value": worst_p95, "met": worst_p95 <= TARGET_QUERY_P95_MS,
                         "note": "worst of bm25, dense, hybrid; the target is set at 1M passages"},
        "bm25_index_passages_per_s": {"target": TARGET_BM25_INDEX_PER_S, "value": round(bm25_rate, 1),
                                      "met": bm25_rate >= TARGET_BM25_INDEX_PER_S},
        "dense_index_passages_per_s": {"target": TARGET_DENSE_INDEX_PER_S, "value": round(dense_rate, 1),
                                       "met": dense_rate >= TARGET_DENSE_INDEX_PER_S,
                                       "note": f"measured on a {dense['passages']:,}-passage sample"},
        "memory_mib": {"target": TARGET_MEMORY_MIB, "value": peak, "met": peak <= TARGET_MEMORY_MIB,
                       "note": "largest peak RSS of the indexing and query processes; the target is set at 1M"},
    }  # fmt: skip
    q = query
    key = {
        "passages": f"{n:,}",
        "BM25-only indexing": f"{bm25_rate:,.0f} passages/s ({bm25['seconds']:.0f} s), peak RSS "
        f"{bm25['peak_rss_mib']:.0f} MiB, {bm25_disk / 2**20:,.0f} MiB on disk",
        "with embeddings": f"{dense_rate:,.1f} passages/s on {dense['passages']:,} passages "
        f"({100 * (encode_share or 0):.0f} % encoding); {_duration(hours)} for {n:,} (extrapolated)",
        "HNSW build": f"{vectors['hnsw_vectors_per_s']:,.0f} vectors/s ({vectors['hnsw_rebuild_s']:.0f} s, "
        "synthetic vectors: real embeddings + noise)",
        "query p50/p95 ms": f"bm25 {q['bm25']['p50_ms']:.1f}/{q['bm25']['p95_ms']:.1f}, "
        f"dense {q['dense']['p50_ms']:.1f}/{q['dense']['p95_ms']:.1f}, "
        f"hybrid {q['hybrid']['p50_ms']:.1f}/{q['hybrid']['p95_ms']:.1f}, "
        f"hybrid evidence {q['evidence_hybrid']['p50_ms']:.1f}/{q['evidence_hybrid']['p95_ms']:.1f}",
        "query peak RSS": f"{q['peak_rss_mib']:.0f} MiB",
        "files": f"corroborate.sqlite {files['corroborate.sqlite'] / 2**20:,.0f} MiB, "
        f"vectors.usearch {files['vectors.usearch'] / 2**20:,.0f} MiB",
    }
    if ratios:
        key["vs bm25s"] = (
            f"index {anchor['index_s']:.1f} s (ours {ratios['index_s']}×), query p50/p95 "
            f"{anchor['p50_ms']:.1f}/{anchor['p95_ms']:.1f} ms (ours {ratios['query_p50_bm25']}×/"
            f"{ratios['query_p95_bm25']}×)"
        )
    key["load average"] = " → ".join(f"{v[0]:.1f}" for v in loads.values() if v)
    return {
        "data": {
            **corpus.describe(),
            "claims": claims_source,
            "vectors": vectors["kind"],
            **({"fallback": "synthetic text fills what real text does not"} if corpus.sources.get("synthetic") else {}),
        },
        "results": {
            "size": size,
            "passages": n,
            "documents": bm25["documents"],
            "corpus_write_s": round(corpus_s, 2),
            "bm25_index": {
                **bm25,
                "passages_per_s": round(bm25_rate, 1),
                "disk_bytes": bm25_disk,
                "disk_bytes_per_passage": round(bm25_disk / max(n, 1)),
                "memory": "peak RSS (VmHWM) of a fresh interpreter doing only this indexing, warm-up included",
                "repeats": 1,
            },
            "dense_index_sample": {
                **dense,
                "passages_per_s": round(dense_rate, 2),
                "encode_share": round(encode_share, 3) if encode_share is not None else None,
                "extrapolated_hours_for_size": float(f"{hours:.3g}") if hours is not None else None,
                "note": "extrapolated: N / (passages/s on the sample); embedding N passages is not run",
            },
            "vectors": vectors,
            "files_bytes": files,
            "queries": query,
            "bm25s": anchor,
            "ratios_ours_over_bm25s": ratios,
            "targets": targets,
            "load_average": loads,
            "threads": "queries run one at a time; ONNX Runtime and usearch use every core for one query",
        },
        "key": key,
    }


# -- entry point for the fresh-interpreter phases -----------------------------------------------


def _main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m corroborate.bench.scale")
    sub = parser.add_subparsers(dest="phase", required=True)
    index = sub.add_parser("index")
    index.add_argument("library", type=Path)
    index.add_argument("source", type=Path)
    index.add_argument("--warmup", type=Path)
    index.add_argument("--dense", action="store_true")
    query = sub.add_parser("query")
    query.add_argument("library", type=Path)
    query.add_argument("claims", type=Path)
    query.add_argument("--warmup", type=int, default=WARMUP)
    query.add_argument("--k", type=int, default=TOP_K)
    args = parser.parse_args(argv)
    if args.phase == "index":
        out = _index_phase(args.library, args.source, args.warmup, args.dense)
    else:
        out = _query_phase(args.library, args.claims, args.warmup, args.k)
    print(json.dumps(out))


if __name__ == "__main__":
    _main()
