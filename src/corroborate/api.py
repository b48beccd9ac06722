"""The Python API: the one place that composes the stages. The CLI and later the web service call it.

from corroborate import Library, check
with Library.open("~/my-library", create=True) as lib:
    report = lib.add(["sources/"])
    result = check("article.md", lib)
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np

from corroborate import segment
from corroborate.aggregate import aggregate
from corroborate.claims import ClaimExtraction, dateline_date, extract_claims, require_english
from corroborate.claims.dates import parse_document_date
from corroborate.config import Settings
from corroborate.decision import DecisionModel, load_decision_model
from corroborate.errors import InputError, NoCheckableClaims, UnsupportedFormat
from corroborate.indexing import IndexReport, index_files, rebuild
from corroborate.ingest import read_documents
from corroborate.lru import LRU
from corroborate.progress import progress
from corroborate.records import UNCLEAR, CheckResult, Claim, Document, Evidence, Judgement, Sentence, Verdict
from corroborate.retrieve import Retriever
from corroborate.retrieve.encoder import KEPT_VECTORS, SentenceEncoder
from corroborate.store import Store
from corroborate.verify import Verifier, load_verifier
from corroborate.verify.base import BatchedVerifier, Predictions
from corroborate.verify.figures import FigureCheck, compare_many
from corroborate.verify.names import NameMention, noting_names

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "CheckResult",
    "ClaimExtraction",
    "IndexReport",
    "Library",
    "check",
    "claims_from_text",
    "find_claims",
    "find_evidence",
    "judge_claims",
    "load_settings_verifier",
    "read_article",
    "verify_claims",
]


class Library:
    """A source library on disk: a folder with the SQLite system of record."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()

    @classmethod
    def open(cls, path: str | Path, create: bool = False, settings: Settings | None = None) -> Library:
        """Open the library at `path`; `create` makes it when the folder is new or empty."""
        return cls(Store.open(path, create=create), settings)

    @property
    def path(self) -> Path:
        return self.store.folder

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- indexing --------------------------------------------------------------------------------
    def add(self, sources: Iterable[str | Path], show_progress: bool = False) -> IndexReport:
        """Index files and folders (recursively). Unchanged files are skipped; changed ones replaced.

        A bad file is listed in the report's `failed` with the reason and does not stop the others;
        each file is stored whole or not at all. Passages are embedded for dense retrieval unless the
        library was created BM25-only (`Settings.dense = False`).
        """
        return index_files(self.store, sources, self.settings, show_progress)

    def rebuild(self, reembed: bool = False, show_progress: bool = False) -> dict[str, object]:
        """Rebuild the vector index from the stored vectors, or re-embed every passage first."""
        return rebuild(self.store, self.settings, reembed, show_progress)

    def remove(self, key: str) -> list[str]:
        """Remove a document (by id) or a file's documents (by path); returns the removed ids."""
        removed = self.store.remove(key)
        if not removed and Path(key).exists():
            removed = self.store.remove(str(Path(key).resolve()))
        return removed

    def documents(self) -> list[dict[str, object]]:
        return self.store.documents()

    def stats(self) -> dict[str, object]:
        return self.store.stats()

    def search(self, query: str, limit: int = 10, mode: str | None = None) -> list[Evidence]:
        """The evidence sentences the library returns for `query`, best first (for debugging a verdict)."""
        s = self.settings
        retriever = Retriever.open(self.store, mode or s.retrieval)
        return retriever.evidence(query, s.top_passages, limit, 0.0)


def read_article(path: str | Path, settings: Settings) -> Document:
    """Read the article to check: one .txt, .md, .html or .pdf file."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file; check the path", path)
    if path.is_dir():
        raise InputError("is a folder; give one article file", path)
    if path.suffix.lower() == ".jsonl":
        raise UnsupportedFormat(
            "an article must be one .txt, .md, .html or .pdf file, not .jsonl (many documents): save the article's "
            "text as .txt to check it, or index the file as sources with `corroborate index add`",
            path,
        )
    _, docs = read_documents(path, int(settings.max_file_mb * 1e6), settings.encoding)
    return docs[0]


def find_claims(
    article: str | Path | Document, settings: Settings | None = None, document_date: date | str | None = None
) -> ClaimExtraction:
    """The atomic, self-contained, check-worthy claims of `article`, with spans and speakers.

    `document_date` (else the article's own date, from front matter or JSONL) resolves relative
    dates. Raises `InputError` for an unreadable or non-English article.
    """
    return _find_claims(article, settings or Settings(), document_date)


def _find_claims(
    article: str | Path | Document,
    settings: Settings,
    document_date: date | str | None,
    parser_loaded: Callable[[], object] = lambda: None,
    names: dict[str, tuple[NameMention, ...]] | None = None,
) -> ClaimExtraction:
    """`find_claims`; `parser_loaded()` is called before the article is parsed: `check` waits there for the
    parser it loads on another thread (and it raises what loading raised, as loading here would have). With
    `names`, the names in every text the claims were found in go there (`noting_names`), by text."""
    doc = article if isinstance(article, Document) else read_article(article, settings)
    require_english(doc.text, doc.origin)
    given = document_date if document_date is not None else doc.date
    when = given if isinstance(given, date) else parse_document_date(given)
    if given and when is None:
        raise InputError(f"{given!r} is not a date; give it as YYYY-MM-DD", doc.origin)
    source = ("given" if document_date is not None else "metadata") if when else None
    if when is None:
        when = dateline_date(doc.text)
        source = "dateline" if when else None
    sentences = segment.sentences(doc.id, doc.text)
    # In `check` (where the encoder remembers), the sentences are encoded for check-worthiness on the
    # encoder's thread while this one parses them: the model scores a sentence as written unless it names
    # its speaker or opens with a dateline (58 of the bench article's 59 sentences).
    _similarity_encoder().prefetch([s.text for s in sentences])
    parser = parser_loaded()
    noting = nullcontext() if names is None or parser is None else noting_names(cast("Language", parser), names)
    with noting:
        extraction = extract_claims(
            sentences, settings.checkworthy_threshold, when, settings.context_set_aside_at or None
        )
    extraction.date_source = source
    if settings.check_unclear and extraction.needs_context:
        # asked for: checked as written, in article order; their ids (x1, …) and notes still say what is unclear
        extraction.claims = sorted(extraction.claims + extraction.needs_context, key=lambda c: c.start)
        extraction.needs_context = []
    if settings.decompose_url and extraction.claims:
        extraction = _decompose(extraction, sentences, settings)
    return extraction


def _decompose(extraction: ClaimExtraction, sentences: Sequence[Sentence], settings: Settings) -> ClaimExtraction:
    """The claims rewritten by the decomposition server, each checked against its sentence by the shipped
    verifier (never the endpoint verifier: the judge of a rewrite must not be the model that wrote it)."""
    from corroborate.claims.rewrite import rewrite_claims
    from corroborate.verify.endpoint import EndpointVerifier

    server = EndpointVerifier(
        settings.decompose_url or "",
        settings.decompose_model or "",
        api_key=settings.endpoint_api_key(),
        timeout=settings.endpoint_timeout,
        retries=settings.endpoint_retries,
    )
    verifier = load_verifier(settings.model_path, settings.max_length, settings.threads, settings.runtime)
    return rewrite_claims(extraction, sentences, server, verifier, settings.decompose_model or "")


def no_claims_message(extraction: ClaimExtraction) -> str:
    """Why an article gave no claims, in words a user can act on."""
    if extraction.sentences == 0:
        return "the article has no sentences; nothing to check"
    if extraction.skipped and len(extraction.skipped) == extraction.sentences:
        reasons = sorted({s.reason for s in extraction.skipped})
        return f"no sentence could be read as a claim ({'; '.join(reasons)}); nothing to check"
    if extraction.needs_context:
        notes = [n for c in extraction.needs_context for n in c.notes if n.endswith(UNCLEAR)]
        words = sorted({m.group(1) for n in notes if (m := re.match(r"^“([^”]+)”:", n))})
        whole = sum(any("context model" in n for n in c.notes) for c in extraction.needs_context)
        why = [f"a reference it never makes clear ({', '.join(f'“{w}”' for w in words)})"] if words else []
        why += [f"{whole} as a whole, in the context model's reading"] if whole else []
        return (
            f"no claim to check: the {len(extraction.needs_context)} check-worthy statement(s) found each lean on "
            f"the article ({'; '.join(why)}); `corroborate claims` lists them and `check --check-unclear` checks "
            "them anyway"
        )
    return (
        "no check-worthy sentence found (no figures, dates, names or factual statements above the "
        "check-worthiness threshold); nothing to check"
    )


def check(
    article: str | Path | Document,
    library: Library,
    settings: Settings | None = None,
    show_progress: bool = False,
    document_date: date | str | None = None,
    on_progress: Callable[[str, float], None] | None = None,
) -> CheckResult:
    """Check every check-worthy claim of `article` against `library`.

    `on_progress(stage, fraction)` is called as the work advances (the web service shows it).
    Raises `NoCheckableClaims` when the article has no sentence worth checking, `InputError` for an
    unreadable article, `ModelError` when the verifier cannot load.
    """
    started = time.perf_counter()
    settings = settings or library.settings
    report = on_progress or _no_progress
    doc = article if isinstance(article, Document) else read_article(article, settings)
    # The parser, then the verifier and the library's encoder, load on a second thread while this one loads
    # the language identifier and the fp32 encoder and reads the article: a first check does not wait for
    # each in turn.
    loading = _preload(library, settings)
    try:
        # The check-worthiness model and the similarity gate share the fp32 encoder: a claim that is its
        # sentence word for word is encoded once (see `verify_claims`).
        encoder = _similarity_encoder()
    except BaseException:
        loading.wait()
        raise
    report("finding claims", 0.0)
    with encoder.remembering():
        return _check(doc, library, settings, show_progress, document_date, report, loading, started)


def _check(
    doc: Document,
    library: Library,
    settings: Settings,
    show_progress: bool,
    document_date: date | str | None,
    report: Callable[[str, float], None],
    loading: _Loading,
    started: float,
) -> CheckResult:
    # The names in the texts the claims are found in: the figure check reads most claims' names from here.
    names: dict[str, tuple[NameMention, ...]] = {}
    try:
        extraction = _find_claims(doc, settings, document_date, loading.parser.result, names)
        claims = extraction.claims
        if not claims:
            raise NoCheckableClaims(no_claims_message(extraction), doc.origin)
    except BaseException:
        loading.wait()  # so nothing goes on loading after the call; a loading error is not this one's
        raise
    loading.models.result()  # raises what loading raised (a `ModelError`) where the check needs the models
    verifier = load_settings_verifier(settings)
    retriever = Retriever.open(library.store, settings.retrieval)
    run_id = library.store.start_run(doc.origin, doc.content_hash, settings.as_dict(), verifier.name, verifier.hash)
    noted = _NOTED_NAMES.set(names)
    try:
        verdicts = verify_claims(
            claims,
            library,
            settings,
            verifier=verifier,
            retriever=retriever,
            document_date=extraction.document_date,
            show_progress=show_progress,
            on_progress=report,
            all_nearest=False,
        )
        library.store.finish_run(run_id, [(v.claim.text, v.label.value, v.confidence, _payload(v)) for v in verdicts])
    except BaseException as exc:
        library.store.fail_run(run_id, type(exc).__name__)
        raise
    finally:
        _NOTED_NAMES.reset(noted)
    counts = library.store.counts()
    return CheckResult(
        article=doc,
        verdicts=tuple(verdicts),
        library={"path": str(library.path), **counts, "retrieval": retriever.mode},
        model={"name": verifier.name, "sha256": verifier.hash, "runtime": verifier.runtime},
        settings=settings.as_dict(),
        run_id=run_id,
        seconds=time.perf_counter() - started,
        needs_context=tuple(extraction.needs_context),
    )


@dataclass(frozen=True)
class _Loading:
    """What `check` loads on a second thread: the parser and the check-worthiness model, then the verifier
    and the library's encoder."""

    parser: Future[object]
    models: Future[None]

    def wait(self) -> None:
        """Until both are done, whatever became of them."""
        for future in (self.parser, self.models):
            future.exception()


def _preload(library: Library, settings: Settings) -> _Loading:
    """Load, on a thread of its own, the parser and the claim models, then the verifier `settings` choose and the encoder of
    `library`'s vectors, each into its per-process cache, so the check's own calls find them loaded. Wait
    for a future before those calls, so no model is loaded twice."""
    from corroborate.claims.checkworthy import load_checkworthiness
    from corroborate.claims.context_model import load_context_model
    from corroborate.claims.parse import load_parser

    embedder = library.store.embedder() if settings.retrieval != "bm25" and library.store.dense() else None

    def load_models() -> None:
        if not settings.endpoint_url and not settings.decompose_url:  # claim rewriting loads it in `find_claims`
            load_settings_verifier(settings)
        if embedder is not None:
            from corroborate.retrieve.encoder import EMBEDDERS, load_encoder

            path = EMBEDDERS.get(str(embedder.get("name")))
            if path is not None and path.is_dir():  # else `Retriever.open` says what to do
                load_encoder(path, max_length=int(str(embedder.get("max_length", 256))))

    def load_claim_models() -> object:
        parser = load_parser()
        load_checkworthiness()  # read right after the parse
        if settings.context_set_aside_at <= 1:  # above 1 the context model is off
            load_context_model()  # read once the claims are made
        return parser

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corroborate-load")
    loading = _Loading(pool.submit(load_claim_models), pool.submit(load_models))
    pool.shutdown(wait=False)  # the thread ends when both are loaded
    return loading


def claims_from_text(texts: Iterable[str]) -> list[Claim]:
    """Claims given as text, each its own sentence (ids c1, c2, … in order), for `verify_claims`.

    Raises `InputError` for an empty claim.
    """
    return [_text_claim(i, text) for i, text in enumerate(texts, 1)]


def _text_claim(number: int, text: str) -> Claim:
    text = " ".join(str(text).split())
    if not text:
        raise InputError("empty; give the statement to check", f"claim {number}")
    return Claim(id=f"c{number}", text=text, sentence=text, start=0, end=len(text), checkworthiness=1.0)


# The sentences closest to a claim that the evidence gates kept out, shown when nothing decides it.
NEAREST_SHOWN = 3


def verify_claims(
    claims: Sequence[Claim | str],
    library: Library,
    settings: Settings | None = None,
    *,
    verifier: Verifier | None = None,
    retriever: Retriever | None = None,
    document_date: date | None = None,
    show_progress: bool = False,
    on_progress: Callable[[str, float], None] | None = None,
    all_nearest: bool = True,
) -> list[Verdict]:
    """One verdict per claim (in order): evidence retrieved from `library`, verified, aggregated.

    The stages `check` runs after finding claims; claims may be given as text (`claims_from_text`).
    `verifier` and `retriever` default to the ones `settings` choose (pass them to reuse one across
    calls); `document_date` is the checked text's date, for the date check; `all_nearest` as in
    `judge_claims`. Nothing is stored.
    Raises `ModelError` when the verifier cannot load, `InputError` for an empty claim.
    """
    settings = settings or library.settings
    items = [c if isinstance(c, Claim) else _text_claim(i, c) for i, c in enumerate(claims, 1)]
    verifier = verifier or load_settings_verifier(settings)
    evidence, nearest = find_evidence(
        items,
        library,
        settings,
        verifier=verifier,
        retriever=retriever,
        show_progress=show_progress,
        on_progress=on_progress,
    )
    return judge_claims(
        items,
        evidence,
        verifier,
        settings,
        document_date,
        show_progress,
        on_progress,
        nearest,
        all_nearest=all_nearest,
    )


def find_evidence(
    claims: Sequence[Claim],
    library: Library,
    settings: Settings | None = None,
    *,
    verifier: Verifier | None = None,
    retriever: Retriever | None = None,
    show_progress: bool = False,
    on_progress: Callable[[str, float], None] | None = None,
) -> tuple[list[list[Evidence]], list[list[Evidence]]]:
    """(the evidence of each claim, the `NEAREST_SHOWN` sentences nearest each that the gates kept out), in
    claim order: the retrieval `verify_claims` runs before `judge_claims`. `verifier` (default: the one
    `settings` choose) is asked only for its decision model, which may want the most similar sentences.
    """
    settings = settings or library.settings
    report = on_progress or _no_progress
    retriever = retriever or Retriever.open(library.store, settings.retrieval)
    model = decision_model(settings, verifier or load_settings_verifier(settings))
    evidence: list[list[Evidence]] = []
    nearest: list[list[Evidence]] = []
    # The similarity gate encodes each claim's evidence sentences, many of them again for the next claim;
    # its encoder gives a text the same vector in any batch, so each is encoded once per call.
    similarity = settings.min_similarity > 0 or (model is not None and model.read > 0)
    encoder = _similarity_encoder() if similarity else None
    with (
        encoder.remembering() if encoder is not None else nullcontext(),
        progress(total=len(claims), desc="retrieving", unit="claim", enabled=show_progress) as bar,
    ):
        # First every claim's candidates, each claim's sentences handed to the encoder's thread as they are
        # found, then the gates: the library is read while the sentences are encoded.
        candidates = []
        for claim in claims:
            found = retriever.candidates(
                claim.statement, settings.top_passages, settings.evidence_per_claim, settings.min_overlap
            )
            if encoder is not None and found.found:
                sentences = [e.text for e in found.found]
                encoder.recall(sentences)  # library sentences an earlier check of this process encoded
                encoder.prefetch([claim.statement, *sentences])
            candidates.append(found)
            report("retrieving evidence", 0.1 + 0.2 * len(candidates) / len(claims))
        for found in candidates:
            kept, closest = retriever.gated(
                found,
                settings.min_similarity,
                nearest=NEAREST_SHOWN,
                joined=settings.joined_evidence,
                most_similar=model.read if model else 0,
            )
            evidence.append(kept)
            nearest.append(closest)
            bar.update(1)
            report("retrieving evidence", 0.3 + 0.1 * len(evidence) / len(claims))
        if encoder is not None:
            # For the next check in this process (the service, batch workers): a library's sentences come
            # up again as evidence, and their vectors do not depend on the claim or the article.
            encoder.keep([e.text for found in candidates for e in found.found])
    return evidence, nearest


def judge_claims(
    claims: Sequence[Claim],
    evidence: Sequence[Sequence[Evidence]],
    verifier: Verifier,
    settings: Settings,
    document_date: date | None = None,
    show_progress: bool = False,
    on_progress: Callable[[str, float], None] | None = None,
    nearest: Sequence[Sequence[Evidence]] | None = None,
    *,
    all_nearest: bool = True,
) -> list[Verdict]:
    """One verdict per claim from the evidence given for it (`evidence[i]` for `claims[i]`).

    Every (evidence, claim) pair is scored by `verifier` in batches, checked for numbers, dates and
    names (when `settings.check_figures`), and aggregated. Used by `verify_claims` after retrieval,
    and directly where the evidence comes with the claim (a data set's given passages). `nearest[i]`
    are sentences close to `claims[i]` that the evidence gates kept out: judged in the same batches,
    shown on the verdict, never deciding it. With `all_nearest` False (what `check` does), a local
    model judges only the nearest sentences a report shows (`Verdict.closest`) besides all those of a claim
    with no evidence (its verdict reads them), and `Verdict.nearest` holds those: the report is the same,
    for about a third fewer pairs.
    """
    report = on_progress or _no_progress
    near = nearest if nearest is not None else [[] for _ in claims]
    model = decision_model(settings, verifier)
    if model is not None:
        evidence = _with_similarity(claims, evidence, settings)
    if not all_nearest and isinstance(verifier, BatchedVerifier):
        # (An endpoint can fail a pair, and then a verdict may read nearest sentences it does not show.)
        near = [shown_nearest(evs, extra) for evs, extra in zip(evidence, near, strict=True)]
    # Each claim's evidence, then its nearest sentences: one batch for the verifier, one figure check.
    rows = [[*evs, *extra] for evs, extra in zip(evidence, near, strict=True)]
    pairs = [(ev.text, claim.statement) for claim, evs in zip(claims, rows, strict=True) for ev in evs]
    # The figure check (spaCy, mostly Python) runs on a second thread while the verifier (ONNX Runtime,
    # which lets go of the GIL) scores the pairs: the two are independent and each keeps a core busy.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corroborate-figures")
    try:
        known = _NOTED_NAMES.get()  # read here: the figures' thread has a context of its own
        checking = pool.submit(_check_figures, pairs, rows, document_date, known) if settings.check_figures else None
        try:
            predictions = _verify(verifier, pairs, settings.batch_size, show_progress, report)
        except BaseException:
            if checking is not None:
                checking.cancel() or checking.exception()  # not left running past the call
            raise
        report("weighing the evidence", 0.98)
        figures = checking.result() if checking is not None else None
    finally:
        pool.shutdown(wait=False)
    verdicts: list[Verdict] = []
    row = 0
    for claim, evs, extra in zip(claims, evidence, near, strict=True):
        judged = []
        for ev in [*evs, *extra]:
            e, n, c = (round(float(x), 4) for x in predictions.probabilities[row])
            judged.append(Judgement(ev, e, n, c, predictions.errors[row], figures[row] if figures else None))
            row += 1
        verdicts.append(aggregate(claim, judged[: len(evs)], settings.decide_threshold, judged[len(evs) :], model))
    return verdicts


def shown_nearest(evidence: Sequence[Evidence], nearest: Sequence[Evidence]) -> list[Evidence]:
    """Those of `nearest` that a claim judged on `evidence` shows, in order: all of them when there is no
    evidence (the verdict then reads them), else those among the `NEAREST_SHOWN` sentences that
    `Verdict.closest` picks from the evidence and the nearest together (the same pool, order and ties)."""
    if not evidence:
        return list(nearest)
    pool = {(e.doc_id, e.start, e.end): (e, False) for e in evidence}
    pool.update({(e.doc_id, e.start, e.end): (e, True) for e in nearest})
    ranked = sorted(pool.values(), key=lambda p: (-p[0].retrieval_score, p[0].doc_id, p[0].start))
    shown = {id(e) for e, is_nearest in ranked[:NEAREST_SHOWN] if is_nearest}
    return [e for e in nearest if id(e) in shown]


def decision_model(settings: Settings, verifier: Verifier) -> DecisionModel | None:
    """The decision model `settings.decision` calls for: the verifier folder's `decision.json` (fitted to that
    verifier's probabilities) under "auto", None (the rules) under "rules" or for a verifier without one."""
    folder = getattr(verifier, "path", None)
    if settings.decision == "rules" or folder is None or not (Path(folder) / "decision.json").is_file():
        return None
    return load_decision_model(Path(folder) / "decision.json")


def _with_similarity(
    claims: Sequence[Claim], evidence: Sequence[Sequence[Evidence]], settings: Settings
) -> list[list[Evidence]]:
    """Evidence that came with its claims (not through retrieval) given its similarity to the claim, which
    the decision model reads."""
    from corroborate.retrieve import load_encoder

    out = []
    for claim, evs in zip(claims, evidence, strict=True):
        missing = [e for e in evs if e.similarity is None]
        if missing:
            vectors = load_encoder(max_length=settings.embed_max_length).encode(
                [claim.statement, *(e.text for e in missing)]
            )
            sims = iter(vectors[1:] @ vectors[0])
            evs = [replace(e, similarity=round(float(next(sims)), 4)) if e.similarity is None else e for e in evs]
        out.append(list(evs))
    return out


def _similarity_encoder() -> SentenceEncoder:
    """The encoder of the evidence similarity gate (`Retriever.evidence_and_nearest`): the fp32 one."""
    from corroborate.retrieve import load_encoder

    return load_encoder()


def _no_progress(stage: str, fraction: float) -> None:
    pass


def _verify(
    verifier: Verifier,
    pairs: list[tuple[str, str]],
    batch_size: int,
    show_progress: bool,
    report: Callable[[str, float], None],
) -> Predictions:
    """The verifier's view of `pairs`, in chunks so progress can be reported between them."""
    if not pairs:
        return verifier.predict_with_errors(pairs, batch_size)
    chunk = max(batch_size * 8, 256)
    parts = []
    for i in range(0, len(pairs), chunk):
        report("verifying", 0.4 + 0.58 * i / len(pairs))
        parts.append(verifier.predict_with_errors(pairs[i : i + chunk], batch_size, show_progress=show_progress))
    return Predictions(np.concatenate([p.probabilities for p in parts]), tuple(e for p in parts for e in p.errors))


def load_settings_verifier(settings: Settings) -> Verifier:
    """The verifier `settings` choose: the endpoint at `endpoint_url` when set, else the model folder.

    Raises `ModelError` when it cannot be loaded (or, for an endpoint, the URL or name is unusable).
    """
    if settings.endpoint_url:
        from corroborate.verify.endpoint import EndpointVerifier

        return EndpointVerifier(
            settings.endpoint_url,
            settings.endpoint_model or "",
            api_key=settings.endpoint_api_key(),
            timeout=settings.endpoint_timeout,
            retries=settings.endpoint_retries,
            parallel=settings.endpoint_parallel,
        )
    return load_verifier(settings.model_path, settings.max_length, settings.threads, settings.runtime)


# The names the figure check found in library sentences, kept for the next check in this process (the
# service, batch workers), as the similarity gate's encoder keeps their vectors (`SentenceEncoder.keep`).
_KEPT_NAMES: LRU[str, tuple[NameMention, ...]] = LRU(KEPT_VECTORS)
# In a `check`, the names the parser found in the texts its claims were found in (`_find_claims`).
_NOTED_NAMES: ContextVar[dict[str, tuple[NameMention, ...]] | None] = ContextVar(
    "corroborate_check_names", default=None
)


def _check_figures(
    pairs: list[tuple[str, str]],
    evidence: Sequence[Sequence[Evidence]],
    document_date: date | None,
    known_names: dict[str, tuple[NameMention, ...]] | None = None,
) -> list[FigureCheck]:
    """The number, date and name check of every (evidence, claim) pair, in pair order."""
    dates = [parse_document_date(ev.date) if ev.date else None for evs in evidence for ev in evs]
    return compare_many(
        [(claim, text) for text, claim in pairs],
        document_date,
        evidence_dates=dates,
        kept_names=_KEPT_NAMES,
        known_names=known_names,
    )


def _payload(verdict: Verdict) -> dict[str, object]:
    return {
        "claim_id": verdict.claim.id,
        "speaker": verdict.claim.speaker,
        "spans": [list(span) for span in verdict.claim.spans],
        "evidence": [[j.evidence.doc_id, j.evidence.start, j.evidence.end] for j in verdict.deciding],
    }
