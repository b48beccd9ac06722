"""The REST API and the web UI: a thin FastAPI layer over `corroborate.api`.

Checks run in the background (`runner.CheckRunner`) and are kept in the library's database, so a
client can submit, go away, and come back — even after a restart. Every error is a JSON object with
an `error` message; nothing internal (stack traces, server paths of uploads) reaches a client.
"""

from __future__ import annotations

import hashlib
import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from corroborate import __version__
from corroborate.api import Library
from corroborate.claims.dates import parse_document_date
from corroborate.config import Settings
from corroborate.errors import CorroborateError, FileTooLarge, UnsupportedFormat
from corroborate.report import render_claimreview, render_html, render_markdown
from corroborate.service.runner import CheckRunner, ReadWriteLock, parse_article
from corroborate.service.security import TOKEN_COOKIE, RateLimiter, token_matches
from corroborate.store import Store
from corroborate.store.jobs import JobTable

__all__ = ["ServiceConfig", "create_app"]

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
SOURCE_SUFFIXES = (*ARTICLE_SUFFIXES, ".jsonl")
UPLOADS = "uploads"
OPEN_PATHS = ("/v1/health",)


@dataclass(frozen=True)
class ServiceConfig:
    """How the service runs; `corroborate serve` builds it from its flags."""

    library: Path
    settings: Settings = field(default_factory=Settings)
    token: str | None = None  # None: no token asked (loopback only)
    workers: int = 1
    rate_per_minute: float = 600.0
    rate_burst: int = 120
    max_queued: int = 1000
    max_text_chars: int = 2_000_000


class SourceOut(BaseModel):
    id: str
    title: str
    origin: str
    format: str
    date: str | None
    chars: int
    passages: int


class JobOut(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    stage: str
    progress: float = Field(ge=0, le=1)
    article: str
    document_date: str | None
    created_at: str
    updated_at: str
    error: str | None
    result: dict[str, Any] | None = Field(
        None, description="When done: the report, in the schema of `corroborate check --format json`."
    )


class AddedOut(BaseModel):
    added: list[SourceOut]
    unchanged: bool


class EvidenceOut(BaseModel):
    doc_id: str
    title: str
    origin: str
    text: str
    start: int
    end: int
    context_before: str
    context_after: str
    score: float


class ErrorOut(BaseModel):
    error: str


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (400, 401, 404, 413, 415, 422, 429, 503)
}


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _suffix(filename: str | None, allowed: tuple[str, ...]) -> str:
    suffix = Path(filename or "").suffix.lower()
    if suffix not in allowed:
        raise HTTPException(415, f"{filename or 'the upload'}: unsupported type; send one of {', '.join(allowed)}")
    return ".html" if suffix == ".htm" else suffix


def _display_name(filename: str | None) -> str:
    # Only for showing: the last path component, printable characters, bounded.
    name = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable())[:200] or "upload"


async def _read_upload(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(
            f"larger than the {limit / 1e6:g} MB limit; split it or raise --max-file-mb", upload.filename
        )
    return data


def create_app(config: ServiceConfig) -> FastAPI:
    """The FastAPI application for `config`; the library is created when the folder is new."""
    settings = config.settings
    upload_limit = int(settings.max_file_mb * 1e6)
    jobs_store = Store.open(config.library, create=True)
    jobs = JobTable(jobs_store)
    lock = ReadWriteLock()
    runner = CheckRunner(config.library, settings, jobs, lock, config.workers)
    limiter = RateLimiter(config.rate_per_minute, config.rate_burst)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        resumed = runner.start()
        if resumed:
            log.info("resumed %d unfinished check(s)", resumed)
        yield
        runner.stop()
        jobs_store.close()

    app = FastAPIOffline(
        title="corroborate",
        version=__version__,
        description="Offline, evidence-based fact-checking: submit an article, get a verdict per claim "
        "with the evidence from your own library of sources.",
        lifespan=lifespan,
    )
    app.state.runner = runner

    # -- the edges: auth, rate limits, sizes, errors -------------------------------------------------
    @app.middleware("http")
    async def guard(request: Request, call_next):
        path = request.url.path
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > upload_limit + 1_000_000:
            return _error(413, f"request larger than the {settings.max_file_mb:g} MB upload limit")
        # The health check is cheap and polled by monitors: it is neither limited nor guarded.
        wait = 0.0 if path in OPEN_PATHS else limiter.allow(request.client.host if request.client else "?")
        if wait:
            return _error(429, "too many requests; slow down", {"Retry-After": str(max(1, round(wait)))})
        if config.token and path not in OPEN_PATHS:
            given = request.cookies.get(TOKEN_COOKIE)
            header = request.headers.get("authorization", "")
            if header.lower().startswith("bearer "):
                given = header[7:].strip()
            query = request.query_params.get("token")
            if path == "/" and query is not None and token_matches(query, config.token):
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(TOKEN_COOKIE, query, httponly=True, samesite="strict")
                return response
            if not token_matches(given, config.token):
                return _error(
                    401,
                    "this service needs its token: send 'Authorization: Bearer TOKEN', or open /?token=TOKEN "
                    "once in the browser",
                    {"WWW-Authenticate": "Bearer"},
                )
        return await call_next(request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        )
        return _error(422, problems or "invalid request")

    @app.exception_handler(CorroborateError)
    async def corroborate_error(request: Request, exc: CorroborateError) -> JSONResponse:
        status = 413 if isinstance(exc, FileTooLarge) else 415 if isinstance(exc, UnsupportedFormat) else 400
        return _error(status, str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return _error(500, "internal error; the service log has the details")

    # -- health ----------------------------------------------------------------------------------------
    @app.get("/v1/health", tags=["service"])
    def health() -> dict[str, str]:
        """Liveness: always open, even when the service needs a token."""
        return {"status": "ok", "version": __version__}

    # -- checks ----------------------------------------------------------------------------------------
    def _job_out(job_id: str, with_result: bool = True) -> JobOut:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, "no check with this id")
        result = jobs.result(job_id) if with_result and job.status == "done" else None
        return JobOut(**job.summary(), result=result)

    @app.post("/v1/checks", status_code=202, response_model=JobOut, tags=["checks"], responses=_ERRORS)
    async def submit_check(
        text: Annotated[str | None, Form(description="The article as plain text (or send `file`).")] = None,
        file: Annotated[UploadFile | None, File(description="The article: .txt, .md, .html or .pdf.")] = None,
        date: Annotated[str | None, Form(description="The article's date, YYYY-MM-DD, for relative dates.")] = None,
        title: Annotated[str | None, Form(max_length=300, description="A name for pasted text.")] = None,
    ) -> JobOut:
        """Queue a check of one article; returns the job at once (poll `GET /v1/checks/{id}`)."""
        if (text is None or not text.strip()) == (file is None):
            raise HTTPException(400, "send the article either as `text` or as `file`, not both and not neither")
        if date is not None and date.strip() and parse_document_date(date.strip()) is None:
            raise HTTPException(422, f"date: {date!r} is not a date; give it as YYYY-MM-DD")
        if file is not None:
            name = _display_name(file.filename)
            suffix = _suffix(file.filename, ARTICLE_SUFFIXES)
            data = await _read_upload(file, upload_limit)
        else:
            assert text is not None
            if len(text) > config.max_text_chars:
                raise HTTPException(413, f"text longer than {config.max_text_chars:,} characters; send it as a file")
            name = _display_name(title) if title and title.strip() else "pasted text"
            suffix, data = ".txt", text.encode("utf-8", errors="replace")
        # Refuse unreadable input now, not in the background (in a thread: a PDF takes a while to read).
        await run_in_threadpool(parse_article, name, suffix, data, settings)
        if jobs.count_unfinished() >= config.max_queued:
            raise HTTPException(503, f"{config.max_queued} checks are already waiting; try again later")
        job = jobs.create(name, suffix, data, date.strip() if date and date.strip() else None)
        runner.submit(job.id)
        return JobOut(**job.summary(), result=None)

    @app.get("/v1/checks", response_model=list[JobOut], tags=["checks"], responses=_ERRORS)
    def list_checks(limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[JobOut]:
        """The most recent checks, newest first, without their results."""
        return [JobOut(**j.summary(), result=None) for j in jobs.recent(limit)]

    @app.get("/v1/checks/{job_id}", response_model=JobOut, tags=["checks"], responses=_ERRORS)
    def get_check(job_id: str) -> JobOut:
        """Status and progress of a check; the report when it is done."""
        return _job_out(job_id)

    @app.get(
        "/v1/checks/{job_id}/report.{fmt}",
        tags=["checks"],
        responses={**_ERRORS, 200: {"content": {"application/json": {}, "text/markdown": {}, "text/html": {}}}},
    )
    def export_check(job_id: str, fmt: Literal["json", "md", "html", "claimreview"]) -> Response:
        """The finished check's report as JSON, Markdown, a standalone HTML page, or ClaimReview JSON-LD."""
        job = _job_out(job_id)
        if job.result is None:
            raise HTTPException(409 if job.status != "failed" else 404, f"the check is {job.status}; no report yet")
        disposition = {"Content-Disposition": f'attachment; filename="corroborate-{job_id[:8]}.{fmt}"'}
        if fmt == "json":
            return JSONResponse(job.result, headers=disposition)
        if fmt == "claimreview":
            return Response(render_claimreview(job.result), media_type="application/ld+json", headers=disposition)
        if fmt == "md":
            return PlainTextResponse(render_markdown(job.result), media_type="text/markdown", headers=disposition)
        return Response(render_html(job.result), media_type="text/html", headers=disposition)

    # -- library ---------------------------------------------------------------------------------------
    def _open_library() -> Library:
        return Library.open(config.library, settings=settings)

    @app.get("/v1/sources", response_model=list[SourceOut], tags=["library"], responses=_ERRORS)
    def list_sources() -> list[dict[str, object]]:
        """Every document in the library."""
        with _open_library() as lib:
            return lib.documents()

    @app.post("/v1/sources", status_code=201, response_model=AddedOut, tags=["library"], responses=_ERRORS)
    async def add_source(
        file: Annotated[UploadFile, File(description="A source: .txt, .md, .html, .pdf or .jsonl.")],
    ) -> AddedOut:
        """Add one source file to the library (a file already there is left as it is)."""
        name = _display_name(file.filename)
        suffix = _suffix(file.filename, SOURCE_SUFFIXES)
        data = await _read_upload(file, upload_limit)
        digest = hashlib.sha256(data).hexdigest()
        folder = config.library / UPLOADS
        folder.mkdir(exist_ok=True)
        # The stored name comes from the content, never from the request.
        path = folder / f"{digest[:32]}{suffix}"
        existed = path.exists()
        if not existed:
            path.write_bytes(data)
        # Indexing embeds the text: it runs in a worker thread so the event loop keeps answering.
        return await run_in_threadpool(_index_upload, path, name, existed)

    def _index_upload(path: Path, name: str, existed: bool) -> AddedOut:
        with lock.writing(), _open_library() as lib:
            report = lib.add([path])
            if report.failed:
                if not existed:
                    path.unlink(missing_ok=True)
                reason = report.failed[0][1].replace(str(path), name)
                raise HTTPException(400, f"{name}: {reason}" if not reason.startswith(name) else reason)
            lib.store.set_origin(str(path.resolve()), name)
            ids = set(lib.store.file_documents(str(path.resolve())))
            docs = [d for d in lib.documents() if d["id"] in ids]
        return AddedOut(added=[SourceOut(**d) for d in docs], unchanged=bool(report.unchanged))

    @app.delete("/v1/sources/{doc_id}", tags=["library"], responses=_ERRORS)
    def remove_source(doc_id: str) -> dict[str, list[str]]:
        """Remove a document from the library (an uploaded file goes with it)."""
        with lock.writing(), _open_library() as lib:
            if lib.store.document(doc_id) is None:
                raise HTTPException(404, "no document with this id")
            file_path = lib.store.document_file(doc_id)
            uploads = (config.library / UPLOADS).resolve()
            if file_path and Path(file_path).parent == uploads:
                removed = lib.store.remove(file_path)
                Path(file_path).unlink(missing_ok=True)
            else:
                removed = lib.store.remove(doc_id)
        return {"removed": removed}

    @app.get("/v1/search", response_model=list[EvidenceOut], tags=["library"], responses=_ERRORS)
    def search(
        q: Annotated[str, Query(min_length=1, max_length=2000, description="What to look for.")],
        limit: Annotated[int, Query(ge=1, le=50)] = 10,
    ) -> list[EvidenceOut]:
        """The library's evidence sentences for a query, best first."""
        with lock.reading(), _open_library() as lib:
            if not lib.store.counts()["documents"]:
                return []
            hits = lib.search(q, limit)
        return [
            EvidenceOut(
                doc_id=e.doc_id,
                title=e.title,
                origin=e.origin,
                text=e.text,
                start=e.start,
                end=e.end,
                context_before=e.context_before,
                context_after=e.context_after,
                score=round(float(e.retrieval_score), 6),
            )
            for e in hits
        ]

    # -- web UI ----------------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/ui", StaticFiles(directory=STATIC), name="ui")
    return app
