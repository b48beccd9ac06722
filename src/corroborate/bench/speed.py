"""The speed benchmarks: indexing (the example and a 10,000-passage library), the verifier, a full check.

Each function takes a `BenchContext` and returns `{"data", "results", "key"}` (see `harness`). They
warm up before timing, repeat, and report the median with its spread.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from corroborate.api import (
    Library,
    check,
    find_claims,
    find_evidence,
    judge_claims,
    load_settings_verifier,
    read_article,
)
from corroborate.bench.corpus import Corpus, verifier_pairs, write_article, write_corpus
from corroborate.bench.harness import (
    BenchContext,
    BenchError,
    BenchSkipped,
    folder_bytes,
    peak_rss_mib,
    rate_stats,
    time_stats,
    timed,
)
from corroborate.config import Settings
from corroborate.retrieve import Retriever, load_encoder
from corroborate.verify import load_verifier

__all__ = ["check_article", "check_data", "check_inputs", "index_example", "index_synthetic", "verifier"]

DEFAULT_PASSAGES = 10_000
DEFAULT_PAIRS = 1024
ARTICLE_WORDS = 1000
EXAMPLE_REPEATS = 5
SYNTHETIC_REPEATS = 3
VERIFIER_REPEATS = 3
CHECK_REPEATS = 3

# The targets of the performance issue, repeated in BENCHMARKS.md.
TARGET_PAIRS_PER_S = 100.0  # on 2 CPU cores
TARGET_CHECK_S = 5.0  # issue 17: a 1,000-word article against 10,000 passages, model loading included

FEVER_PAIRS = "splits/verifier-v0/eval-fever.jsonl.gz"


def _fmt(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}"


def _rate_key(stats: dict[str, Any], unit: str) -> str:
    return f"{_fmt(stats['median'])} {unit} (min {_fmt(stats['min'])}, max {_fmt(stats['max'])}, n={stats['repeats']})"


def _index_once(sources: list[Path], library: Path) -> tuple[float, float, Any]:
    """Index `sources` into a new library; return (seconds of `Library.add`, seconds with open and close, report)."""
    settings = Settings()

    def run() -> tuple[float, Any]:
        with Library.open(library, create=True, settings=settings) as lib:
            return timed(lambda: lib.add(sources))

    total, (seconds, report) = timed(run)
    if report.failed:
        raise BenchError(f"indexing failed for {len(report.failed)} file(s), first: {report.failed[0]}")
    return seconds, total, report


# -- index-example ------------------------------------------------------------------------------


def index_example(ctx: BenchContext) -> dict[str, Any]:
    """Index examples/library into a fresh temporary library, five times after one warm-up."""
    source = ctx.repo / "examples" / "library" if ctx.repo else None
    if source is None or not source.is_dir():
        raise BenchSkipped("examples/library not found; run it from a source checkout of corroborate")
    _index_once([source], ctx.workdir / "example-warmup")
    runs = [_index_once([source], ctx.workdir / f"example-{i}") for i in range(EXAMPLE_REPEATS)]
    report = runs[-1][2]
    rate = rate_stats(report.passages, [r[0] for r in runs])
    add = time_stats([r[0] for r in runs])
    opened = time_stats([r[1] for r in runs])
    return {
        "data": {"corpus": f"examples/library: {len(report.added)} files"},
        "results": {
            "files": len(report.added),
            "documents": report.documents,
            "passages": report.passages,
            "passages_per_s": rate,
            "add_seconds": add,
            "with_open_close_seconds": opened,
            "disk_bytes": folder_bytes(ctx.workdir / "example-0"),
        },
        "key": {
            "speed": _rate_key(rate, "passages/s"),
            "library": f"{report.documents} documents, {report.passages} passages",
            "seconds": f"{add['median']:.3f} s per add, {opened['median']:.3f} s with creating and closing the library",
        },
    }


# -- index-synthetic ----------------------------------------------------------------------------


def _corpus(ctx: BenchContext, passages: int) -> Corpus:
    key = ("corpus", passages)
    if key not in ctx.cache:
        ctx.echo(f"  writing a corpus of {passages:,} passages…")
        ctx.cache[key] = write_corpus(ctx.data, passages, ctx.workdir / f"corpus-{passages}", Settings().passage_chars)
    return ctx.cache[key]


def _warm_up_indexing(ctx: BenchContext, corpus: Corpus) -> None:
    """Index one corpus file, so first-use costs (imports, the sentence model) stay out of the timings."""
    if "indexing-warm" not in ctx.cache:
        first = sorted(corpus.folder.glob("*.jsonl"))[0]
        _index_once([first], ctx.workdir / "warmup-library")
        ctx.cache["indexing-warm"] = True


def _data_note(ctx: BenchContext, needed: str) -> dict[str, Any]:
    if ctx.data_file(needed) is None:
        where = ctx.data / needed if ctx.data else needed
        return {"fallback": f"{where} not found; synthetic text used instead"}
    return {}


def index_synthetic(ctx: BenchContext) -> dict[str, Any]:
    """Index a corpus of `size` passages (real abstracts when present) three times, each into a new library."""
    size = ctx.size or DEFAULT_PASSAGES
    corpus = _corpus(ctx, size)
    _warm_up_indexing(ctx, corpus)
    rss_before = peak_rss_mib()
    runs = []
    for i in range(SYNTHETIC_REPEATS):
        ctx.echo(f"  indexing run {i + 1} of {SYNTHETIC_REPEATS}…")
        runs.append(_index_once([corpus.folder], ctx.workdir / f"synthetic-{size}-{i}"))
    rss_after = peak_rss_mib()
    last = ctx.workdir / f"synthetic-{size}-{SYNTHETIC_REPEATS - 1}"
    ctx.cache[("library", size)] = last
    report = runs[-1][2]
    rate = rate_stats(report.passages, [r[0] for r in runs])
    disk = folder_bytes(last)
    with Library.open(last) as lib:
        sentences = lib.stats()["sentences"]
    return {
        "data": {**corpus.describe(), **_data_note(ctx, "scifact/corpus.jsonl")},
        "results": {
            "documents": report.documents,
            "passages": report.passages,
            "sentences": sentences,
            "passages_per_s": rate,
            "add_seconds": time_stats([r[0] for r in runs]),
            "with_open_close_seconds": time_stats([r[1] for r in runs]),
            "disk_bytes": disk,
            "disk_bytes_per_passage": round(disk / max(report.passages, 1)),
            "source_bytes": corpus.describe()["bytes"],
            "peak_rss_mib": rss_after,
            "peak_rss_mib_before": rss_before,
        },
        "key": {
            "speed": _rate_key(rate, "passages/s"),
            "library": f"{report.documents:,} documents, {report.passages:,} passages",
            "disk": f"{disk / 2**20:.1f} MiB",
            "peak RSS": f"{rss_after:.0f} MiB",
        },
    }


# -- verifier -----------------------------------------------------------------------------------


def _load_verifier_timed(settings: Settings, threads: int | None = None) -> tuple[float, Any]:
    load_verifier.cache_clear()  # time a real load, not the per-process cache
    threads = settings.threads if threads is None else threads
    return timed(lambda: load_verifier(settings.model_path, settings.max_length, threads, settings.runtime))


def _runtime(model: Any) -> str:
    return str(getattr(model, "runtime", "torch"))


def _threads(model: Any) -> int | None:
    """The CPU threads the verifier computes with: its ONNX session's, else PyTorch's."""
    session = getattr(model, "session", None)
    if session is not None:
        return int(session.get_session_options().intra_op_num_threads)
    torch = sys.modules.get("torch")
    return int(torch.get_num_threads()) if torch is not None else None


def _token_counts(model_path: Path, pairs: list[tuple[str, str]], max_length: int) -> list[int]:
    """Tokens of each pair as the verifier reads it (the model's own tokenizer.json, truncated)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
    tokenizer.no_padding()
    return [len(e.ids) for e in tokenizer.encode_batch(pairs)] or [0]


def _rate_at(settings: Settings, pairs: list[tuple[str, str]], threads: int) -> dict[str, Any]:
    """Pairs/s of a verifier loaded with `threads` threads (warm-up batch, then repeats)."""
    torch = sys.modules.get("torch")
    torch_threads = torch.get_num_threads() if torch is not None else None
    try:
        _, model = _load_verifier_timed(settings, threads)
        model.predict(pairs[: settings.batch_size], settings.batch_size)
        runs = [timed(lambda: model.predict(pairs, settings.batch_size))[0] for _ in range(VERIFIER_REPEATS)]
    finally:
        if torch is not None and torch_threads is not None:
            torch.set_num_threads(torch_threads)  # the torch runtime sets a process-wide thread count
        load_verifier.cache_clear()
    return rate_stats(len(pairs), runs)


def verifier(ctx: BenchContext) -> dict[str, Any]:
    """Pairs per second of `load_verifier(...).predict(pairs, batch_size)` on sentence-level pairs."""
    count = ctx.size or DEFAULT_PAIRS
    settings = ctx.settings
    pairs, source = verifier_pairs(ctx.data_file(FEVER_PAIRS), count)
    load_s, model = _load_verifier_timed(settings)  # the first load in this process: runtime imports included
    tokens = _token_counts(settings.model_path, pairs, settings.max_length)
    model.predict(pairs[: settings.batch_size], settings.batch_size)  # warm-up batch
    seconds = []
    for i in range(VERIFIER_REPEATS):
        ctx.echo(f"  verifying {count:,} pairs, run {i + 1} of {VERIFIER_REPEATS}…")
        seconds.append(timed(lambda: model.predict(pairs, settings.batch_size))[0])
    rate = rate_stats(count, seconds)
    threads = _threads(model)
    one_thread = None
    if threads is not None and threads > 1:
        # On a shared machine the threads wait for each other on busy cores, and one thread can be
        # faster. Measured so a reader can tell contention from a slow model.
        ctx.echo(f"  verifying {count:,} pairs on 1 thread, for comparison…")
        one_thread = _rate_at(settings, pairs, 1)
    cold = _cold_start(ctx)
    return {
        "data": {"pairs": source, **_data_note(ctx, FEVER_PAIRS)},
        "results": {
            "pairs": count,
            "pairs_per_s": rate,
            "seconds": time_stats(seconds),
            "mean_tokens_per_pair": round(statistics.mean(tokens), 1),
            "max_tokens_per_pair": max(tokens),
            "batch_size": settings.batch_size,
            "max_length": settings.max_length,
            "runtime": _runtime(model),
            "threads": threads,
            "torch_threads": _threads(None),
            "pairs_per_s_1_thread": one_thread,
            "model_load_s": round(load_s, 3),
            "cold_start": cold,
            "model": {"name": model.name, "sha256": model.hash},
            "target_pairs_per_s": TARGET_PAIRS_PER_S,
            "target_met": rate["median"] >= TARGET_PAIRS_PER_S,
        },
        "key": {
            "speed": _rate_key(rate, "pairs/s"),
            "runtime": f"{_runtime(model)}, {threads} threads"
            + (f" (1 thread: {_fmt(one_thread['median'])} pairs/s)" if one_thread is not None else ""),
            "tokens/pair": f"{statistics.mean(tokens):.0f}",
            "model load": f"{load_s:.2f} s in this process; in a fresh one {cold['cli_import_s']:.2f} s importing "
            f"the CLI + {cold['model_load_s']:.2f} s loading",
        },
    }


def _cold_start(ctx: BenchContext) -> dict[str, Any]:
    """What a fresh `corroborate check` pays before it reads a word, timed in a fresh interpreter:
    Python start-up and exit, importing the CLI, and loading the verifier with every import it needs."""
    if "cold_start" in ctx.cache:
        return ctx.cache["cold_start"]
    model = ctx.settings.model_path
    code = (
        "import json, sys, time; t = time.perf_counter(); import corroborate.cli; a = time.perf_counter(); "
        "from pathlib import Path; from corroborate.config import Settings; "
        f"from corroborate.verify import load_verifier; s = Settings(model_path=Path({str(model)!r})); "
        "v = load_verifier(s.model_path, s.max_length, s.threads, s.runtime); b = time.perf_counter(); "
        "torch = 'torch' in sys.modules; "
        # what else a check loads (on two threads there, one after another here)
        "from corroborate.claims.parse import load_parser; load_parser(); c = time.perf_counter(); "
        "from corroborate.claims.language import detect_language; detect_language('A sentence.'); "
        "d = time.perf_counter(); "
        "from corroborate.claims.checkworthy import load_checkworthiness; load_checkworthiness(); "
        "from corroborate.retrieve.encoder import library_encoder; library_encoder(); e = time.perf_counter(); "
        "print(json.dumps({'cli_import_s': a - t, 'model_load_s': b - a, 'parser_load_s': c - b, "
        "'language_identifier_load_s': d - c, 'encoders_load_s': e - d, "
        "'runtime': getattr(v, 'runtime', 'torch'), 'torch_imported': torch}))"
    )
    wall, done = timed(lambda: subprocess.run([sys.executable, "-c", code], capture_output=True, text=True))
    if done.returncode != 0:
        raise BenchError(f"loading the verifier in a fresh interpreter failed: {done.stderr.strip()[-500:]}")
    got = json.loads(done.stdout)
    others = ("parser_load_s", "language_identifier_load_s", "encoders_load_s")
    result = {
        "python_startup_and_exit_s": round(
            wall - got["cli_import_s"] - got["model_load_s"] - sum(map(got.get, others)), 3
        ),
        "cli_import_s": round(got["cli_import_s"], 3),
        "model_load_s": round(got["model_load_s"], 3),
        **{name: round(got[name], 3) for name in others},
        "runtime": got["runtime"],
        "torch_imported": got["torch_imported"],
    }
    ctx.cache["cold_start"] = result
    return result


# -- check --------------------------------------------------------------------------------------


def _library(ctx: BenchContext, size: int) -> tuple[Path, Corpus]:
    corpus = _corpus(ctx, size)
    path = ctx.cache.get(("library", size))
    if path is None:
        ctx.echo(f"  indexing the {size:,}-passage library…")
        path = ctx.workdir / f"check-library-{size}"
        _index_once([corpus.folder], path)
        ctx.cache[("library", size)] = path
    return path, corpus


def _check_command(article: Path, library: Path, model: Path) -> list[str]:
    return ["check", str(article), "--library", str(library), "--verifier", str(model), "--format", "json", "--quiet"]


def _check_subprocess(article: Path, library: Path, cwd: Path, model: Path) -> tuple[float, dict[str, Any]]:
    """Run `corroborate check` with the verifier in `model` in a fresh interpreter; return (seconds, the
    JSON report)."""
    command = [sys.executable, "-m", "corroborate", *_check_command(article, library, model)]
    env = {k: v for k, v in os.environ.items() if k != "CORROBORATE_LIBRARY"}
    seconds, done = timed(lambda: subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env))
    if done.returncode != 0:
        raise BenchError(f"`corroborate check` exited {done.returncode}: {done.stderr.strip()[-800:]}")
    return seconds, json.loads(done.stdout)


# Runs the CLI and reports the process's own peak RSS (VmHWM) at exit. getrusage's ru_maxrss cannot be
# used: a child started from this (large) process inherits its high-water mark across exec.
_RSS_WRAPPER = (
    "import atexit, re, runpy, sys\n"
    "def report():\n"
    "    status = open('/proc/self/status').read()\n"
    "    sys.stderr.write('\\nVmHWM_KB=' + re.search(r'VmHWM:\\s+(\\d+)', status).group(1) + '\\n')\n"
    "atexit.register(report)\n"
    "sys.argv = ['corroborate', *sys.argv[1:]]\n"
    "runpy.run_module('corroborate', run_name='__main__')\n"
)


def _check_peak_rss_mib(article: Path, library: Path, cwd: Path, model: Path) -> float | None:
    """Peak RSS of one `corroborate check` run in MiB (Linux only; None elsewhere)."""
    if not Path("/proc/self/status").is_file():
        return None
    command = [sys.executable, "-c", _RSS_WRAPPER, *_check_command(article, library, model)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    found = re.search(r"VmHWM_KB=(\d+)", done.stderr)
    return round(int(found.group(1)) / 1024, 1) if done.returncode == 0 and found else None


def _breakdown(article: Path, library_path: Path, settings: Settings) -> dict[str, Any]:
    """The stages of `api.check` timed one by one in this process, as `check` runs them (the fp32 encoder
    remembering its vectors across stages), after a first check has loaded every model: the work alone."""
    with Library.open(library_path) as library:
        check(article, library, settings)  # loads the models; the stages below find them loaded
        with load_encoder().remembering():
            read_s, doc = timed(lambda: read_article(article, settings))
            claims_s, extraction = timed(lambda: find_claims(doc, settings))
            claims = extraction.claims
            verifier = load_settings_verifier(settings)
            retriever = Retriever.open(library.store, settings.retrieval)
            retrieve_s, (evidence, nearest) = timed(
                lambda: find_evidence(claims, library, settings, verifier=verifier, retriever=retriever)
            )
            verify_s, verdicts = timed(
                lambda: judge_claims(
                    claims, evidence, verifier, settings, extraction.document_date, nearest=nearest, all_nearest=False
                )
            )
        pairs = [(j.evidence.text, v.claim.statement) for v in verdicts for j in (*v.considered, *v.nearest)]
        tokens = _token_counts(settings.model_path, pairs, settings.max_length)
        check_s, _ = timed(lambda: check(article, library, settings))
    return {
        "read_article_s": round(read_s, 3),
        "extract_claims_s": round(claims_s, 3),
        "retrieval_s": round(retrieve_s, 3),
        "retrieval_s_per_claim": round(retrieve_s / max(len(claims), 1), 4),
        # the verifier and, beside it on a second thread, the number, date and name check; then aggregation
        "verification_s": round(verify_s, 3),
        "pairs": len(pairs),
        "pairs_per_s": round(len(pairs) / verify_s, 1) if verify_s else None,
        "mean_tokens_per_pair": round(statistics.mean(tokens), 1),
        "api_check_s_model_loaded": round(check_s, 3),
    }


def check_inputs(ctx: BenchContext) -> tuple[Path, Corpus, Path, dict[str, int]]:
    """What `check` and `service-check` check: the library of `ctx.size` passages (default 10,000; built
    once per run), its corpus, the article of about 1,000 words (written once per run) and what the
    article is made of (`write_article`'s counts)."""
    library, corpus = _library(ctx, ctx.size or DEFAULT_PASSAGES)
    article = ctx.workdir / "article.md"
    if "article" not in ctx.cache:
        ctx.cache["article"] = write_article(corpus.documents, article, ARTICLE_WORDS)
    return library, corpus, article, ctx.cache["article"]


def check_data(ctx: BenchContext, corpus: Corpus, made: dict[str, int]) -> dict[str, Any]:
    """The `data` of a check result: the library's corpus and the article, and the fallback note if any."""
    return {
        **corpus.describe(),
        "article": f"{made['words']} words, {made['sentences']} sentences: {made['copied']} copied from the "
        f"library, {made['perturbed']} with a number changed, {made['generic']} generic",
        **_data_note(ctx, "scifact/corpus.jsonl"),
    }


def check_article(ctx: BenchContext) -> dict[str, Any]:
    """`corroborate check` of a 1,000-word article against a `size`-passage library, as a subprocess."""
    library, corpus, article, made = check_inputs(ctx)
    ctx.echo("  checking the article (one warm-up, then timed runs)…")
    model = ctx.settings.model_path
    _check_subprocess(article, library, ctx.workdir, model)
    seconds = []
    report: dict[str, Any] = {}
    for i in range(CHECK_REPEATS):
        ctx.echo(f"  check run {i + 1} of {CHECK_REPEATS}…")
        s, report = _check_subprocess(article, library, ctx.workdir, model)
        seconds.append(s)
    peak_rss = _check_peak_rss_mib(article, library, ctx.workdir, model)
    claims = int(report["summary"]["claims"])
    evidence = sum(len(c["evidence"]) for c in report["claims"])
    total = time_stats(seconds)
    ctx.echo("  timing the stages in process…")
    cold = _cold_start(ctx)
    stages = {**_breakdown(article, library, ctx.settings), "cold_start": cold}
    startup = cold["python_startup_and_exit_s"] + cold["cli_import_s"]
    return {
        "data": check_data(ctx, corpus, made),
        "results": {
            "seconds": total,
            "claims": claims,
            "seconds_per_claim": round(total["median"] / max(claims, 1), 3),
            "evidence_judged": evidence,
            "verdicts": report["summary"]["verdicts"],
            "library_passages": report["library"]["passages"],
            "article_words": made["words"],
            "peak_rss_mib_subprocess": peak_rss,
            "stages": stages,
            "target_s": TARGET_CHECK_S,
            "target_met": total["median"] <= TARGET_CHECK_S,
        },
        "key": {
            "end to end": f"{total['median']:.2f} s (min {total['min']:.2f}, max {total['max']:.2f}, n={total['repeats']})",
            "claims": f"{claims} ({total['median'] / max(claims, 1):.3f} s/claim, {evidence} evidence pairs)",
            "stages": f"start-up and imports {startup:.1f} s, "
            f"model load {cold['model_load_s']:.1f} s ({cold['runtime']}) + parser "
            f"{cold['parser_load_s']:.1f} s, language identifier {cold['language_identifier_load_s']:.1f} s, "
            f"encoders {cold['encoders_load_s']:.1f} s (on two threads in a check); with the models loaded: "
            "claim extraction "
            f"{stages['extract_claims_s']:.1f} s, retrieval {stages['retrieval_s']:.1f} s, "
            f"verification {stages['verification_s']:.1f} s",
            f"target ≤ {TARGET_CHECK_S:g} s": "met" if total["median"] <= TARGET_CHECK_S else "not met",
        },
    }
