"""The REST API and the web UI: a thin FastAPI layer over `corroborate.api`.

Checks run in the background (`runner.CheckRunner`) and are kept in the library's database, so a
client can submit, go away, and come back — even after a restart. Every error is a JSON object with
an `error` message; nothing internal (stack traces, server paths) reaches a client: a source's path
is shown by its file name (`public.py`). Every response carries a Content-Security-Policy and the
other headers of `headers.SECURITY_HEADERS`; what the service promises is written down in SECURITY.md.
"""

from __future__ import annotations

import hashlib
import json
import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from corroborate import __version__
from corroborate.api import Library
from corroborate.claims.dates import parse_document_date
from corroborate.config import Settings
from corroborate.errors import CorroborateError, FileTooLarge, UnsupportedFormat
from corroborate.report import render_claimreview, render_html, render_markdown
from corroborate.service.headers import REPORT_CSP, SECURITY_HEADERS, UI_CSP, docs_csp
from corroborate.service.public import public_origin, public_report, scrub_paths
from corroborate.service.runner import CheckRunner, ReadWriteLock, parse_article
from corroborate.service.security import TOKEN_COOKIE, RateLimiter, token_in_query, token_matches
from corroborate.store import Store
from corroborate.store.jobs import JobTable

__all__ = ["ServiceConfig", "create_app"]

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
SOURCE_SUFFIXES = (*ARTICLE_SUFFIXES, ".jsonl")
UPLOADS = "uploads"
OPEN_PATHS = ("/v1/health",)
# Open without the token: the page and its static files hold no data and a browser needs them to show
# the token form, which posts to /login.
UI_PATHS = ("/", "/login")
UI_PREFIX = "/ui/"
# FastAPIOffline's pages (its defaults), each with an inline script of its own.
DOCS_PAGES = ("/docs", "/redoc", "/docs/oauth2-redirect")


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
    # Addresses of reverse proxies whose X-Forwarded-For names the client; none by default, so that a
    # client cannot choose its own address (and rate-limit bucket) by sending the header.
    trusted_proxies: tuple[str, ...] = ()


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


class CheckIn(BaseModel):
    """A check submitted as a JSON body: the fields of the form, without `file`."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article as plain text.")
    date: str | None = Field(None, description="The article's date, YYYY-MM-DD, for relative dates.")
    title: str | None = Field(None, max_length=300, description="A name for the text.")


_FORM_FIELDS = {
    "text": {"type": "string", "description": "The article as plain text (or send `file`)."},
    "file": {"type": "string", "format": "binary", "description": "The article: .txt, .md, .html or .pdf."},
    "date": {"type": "string", "description": "The article's date, YYYY-MM-DD, for relative dates."},
    "title": {"type": "string", "maxLength": 300, "description": "A name for pasted text."},
}
_CHECK_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {"schema": {"type": "object", "properties": _FORM_FIELDS}},
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "properties": {k: v for k, v in _FORM_FIELDS.items() if k != "file"}}
            },
            "application/json": {"schema": CheckIn.model_json_schema()},
        },
    }
}


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


async def _read_upload(upload: StarletteUploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(
            f"larger than the {limit / 1e6:g} MB limit; split it or raise --max-file-mb", upload.filename
        )
    return data


def _json_check(body: bytes) -> CheckIn:
    """The fields of a JSON check request; `HTTPException` (400, 422) says what is wrong with it."""
    usage = 'send a JSON object such as {"text": "…", "date": "YYYY-MM-DD"}'
    try:
        data = json.loads(body)
    except UnicodeDecodeError:
        raise HTTPException(400, f"the body is not UTF-8 text; {usage}") from None
    except json.JSONDecodeError as exc:
        raise HTTPException(
            400, f"the body is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); {usage}"
        ) from None
    except RecursionError:
        raise HTTPException(400, f"the JSON body is nested too deep; {usage}") from None
    if not isinstance(data, dict):
        raise HTTPException(422, f"the JSON body is a {type(data).__name__}, not an object; {usage}")
    if "file" in data:
        raise HTTPException(422, "file: a file is sent as multipart/form-data; in JSON send the article as `text`")
    try:
        return CheckIn.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: "
            + {
                "extra_forbidden": "not a field of a check; send text, date and title",
                "missing": "missing; send the article as `text`",
            }.get(e["type"], e["msg"])
            for e in exc.errors()
        )
        raise HTTPException(422, problems) from None


_LOGIN_PAGE = (
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>corroborate: token needed</title>"
    '<link rel="stylesheet" href="/ui/style.css"></head><body><main><h1>This service needs its token</h1>'
    '<p>Open <a href="/">the start page</a> and enter the token printed (or kept in the library folder) '
    "when the service started.</p></main></body></html>"
)


def create_app(config: ServiceConfig) -> FastAPI:
    """The FastAPI application for `config`; the library is created when the folder is new."""
    settings = config.settings
    upload_limit = int(settings.max_file_mb * 1e6)
    # Pasted text is up to 4 UTF-8 bytes a character: the body may carry the longest text the service
    # takes, or the largest file, and a little form overhead.
    body_limit = max(upload_limit, 4 * config.max_text_chars) + 1_000_000
    too_large = (
        f"request larger than {body_limit / 1e6:g} MB; a file may be up to {settings.max_file_mb:g} MB "
        f"(--max-file-mb) and pasted text up to {config.max_text_chars:,} characters"
    )
    jobs_store = Store.open(config.library, create=True)
    jobs = JobTable(jobs_store)
    lock = ReadWriteLock()
    runner = CheckRunner(config.library, settings, jobs, lock, config.workers)
    limiter = RateLimiter(config.rate_per_minute, config.rate_burst)
    page_csp: dict[str, str] = {}

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
    # Each route that reads a body also bounds one sent without a Content-Length (chunked), which the
    # guard cannot see coming; set on the route, the refusal passes through the guard and its headers.
    bounded: dict[str, Any] = {"max_body_size": body_limit}
    app.state.runner = runner

    # -- the edges: auth, rate limits, sizes, errors -------------------------------------------------
    @app.middleware("http")
    async def guard(request: Request, call_next):
        response = await _admit(request, call_next)
        path = request.url.path
        if path in DOCS_PAGES and response.status_code == 200:
            if path not in page_csp:
                body = b"".join([chunk async for chunk in response.body_iterator])
                page_csp[path] = docs_csp(body)
                response = Response(body, response.status_code, headers=dict(response.headers))
            response.headers.setdefault("Content-Security-Policy", page_csp[path])
        response.headers.setdefault("Content-Security-Policy", UI_CSP)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    async def _admit(request: Request, call_next) -> Response:
        path = request.url.path
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > body_limit:
            return _error(413, too_large)
        # The health check is cheap and polled by monitors: it is neither limited nor guarded.
        wait = 0.0 if path in OPEN_PATHS else limiter.allow(request.client.host if request.client else "?")
        if wait:
            return _error(429, "too many requests; slow down", {"Retry-After": str(max(1, round(wait)))})
        if not config.token or path in OPEN_PATHS:
            return await call_next(request)
        if path == "/" and token_in_query(request.url.query):
            query = request.query_params.get("token")
            if token_matches(query, config.token):
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(TOKEN_COOKIE, query, httponly=True, samesite="strict")
                return response
        if path in UI_PATHS or path.startswith(UI_PREFIX):
            return await call_next(request)
        given = request.cookies.get(TOKEN_COOKIE)
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            given = header[7:].strip()
        if token_matches(given, config.token):
            return await call_next(request)
        if not path.startswith("/v1/") and "text/html" in request.headers.get("accept", ""):
            return HTMLResponse(_LOGIN_PAGE, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        return _error(
            401,
            "this service needs its token: send 'Authorization: Bearer TOKEN', or enter it in the form of the "
            "start page (/) in a browser",
            {"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Starlette's own 413 (a chunked body past the limit) says only "Content Too Large".
        message = too_large if exc.status_code == 413 and exc.detail == "Content Too Large" else str(exc.detail)
        return _error(exc.status_code, message)

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
        return _error(status, scrub_paths(str(exc), config.library))

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
        summary = job.summary()
        if summary.get("error"):
            summary["error"] = scrub_paths(summary["error"], config.library)
        return JobOut(**summary, result=public_report(result) if result is not None else None)

    @app.post(
        "/v1/checks",
        status_code=202,
        response_model=JobOut,
        tags=["checks"],
        responses=_ERRORS,
        openapi_extra=_CHECK_BODY,
        **bounded,
    )
    async def submit_check(request: Request) -> JobOut:
        """Queue a check of one article; returns the job at once (poll `GET /v1/checks/{id}`).

        Send a form (`text` or `file`, optional `date` and `title`) or a JSON object with `text` and
        optional `date` and `title`.
        """
        text, file, date, title = await _check_fields(request)
        if (text is None or not text.strip()) == (file is None):
            raise HTTPException(400, "send the article either as `text` or as `file`, not both and not neither")
        when = parse_document_date(date.strip()) if date is not None and date.strip() else None
        if date is not None and date.strip() and when is None:
            raise HTTPException(422, f"date: {date!r} is not a date; give it as YYYY-MM-DD")
        if title is not None and len(title) > 300:
            raise HTTPException(422, "title: longer than 300 characters; give a shorter name")
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
        # The date as parsed, not as sent: what may follow a valid date ("2026-03-17T08:00Z", or characters
        # that cannot be stored) does not resolve the article's relative dates.
        job = jobs.create(name, suffix, data, when.isoformat() if when else None)
        runner.submit(job.id)
        return JobOut(**job.summary(), result=None)

    async def _check_fields(request: Request) -> tuple[str | None, StarletteUploadFile | None, str | None, str | None]:
        """`text`, `file`, `date` and `title` of a check request, whichever way the body is sent."""
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/json" or kind.endswith("+json"):
            fields = _json_check(await request.body())
            return fields.text, None, fields.date, fields.title
        if kind not in ("multipart/form-data", "application/x-www-form-urlencoded"):
            if not await request.body():
                return None, None, None, None
            raise HTTPException(
                415,
                f"a body of type {kind or 'unknown'!r}; send multipart/form-data (fields text or file, date, "
                'title) or application/json ({"text": "…", "date": "YYYY-MM-DD"})',
            )
        # A text field may be as long as the body itself: the text's own limit is then the one that
        # answers, with its advice to send a file (Starlette's default part limit is 1 MB).
        form = await request.form(max_files=1, max_fields=20, max_part_size=body_limit)
        values: dict[str, str | None] = {}
        for key in ("text", "date", "title"):
            value = form.get(key)
            if isinstance(value, StarletteUploadFile):
                raise HTTPException(
                    422, f"{key}: sent as a file; send it as a plain form field (or the article as `file`)"
                )
            values[key] = value
        upload = form.get("file")
        if upload is not None and not isinstance(upload, StarletteUploadFile):
            if upload:
                raise HTTPException(422, "file: a form field, not a file; upload the article as a file")
            upload = None
        return values["text"], upload, values["date"], values["title"]

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
        job = _job_out(job_id)  # paths in it already made public
        if job.result is None:
            raise HTTPException(409 if job.status != "failed" else 404, f"the check is {job.status}; no report yet")
        disposition = {"Content-Disposition": f'attachment; filename="corroborate-{job_id[:8]}.{fmt}"'}
        if fmt == "json":
            return JSONResponse(job.result, headers=disposition)
        if fmt == "claimreview":
            return Response(render_claimreview(job.result), media_type="application/ld+json", headers=disposition)
        if fmt == "md":
            return PlainTextResponse(render_markdown(job.result), media_type="text/markdown", headers=disposition)
        return Response(
            render_html(job.result),
            media_type="text/html",
            headers={**disposition, "Content-Security-Policy": REPORT_CSP},
        )

    # -- library ---------------------------------------------------------------------------------------
    def _open_library() -> Library:
        return Library.open(config.library, settings=settings)

    @app.get("/v1/sources", response_model=list[SourceOut], tags=["library"], responses=_ERRORS)
    def list_sources() -> list[dict[str, object]]:
        """Every document in the library."""
        with _open_library() as lib:
            return [{**d, "origin": public_origin(str(d["origin"]))} for d in lib.documents()]

    @app.post("/v1/sources", status_code=201, response_model=AddedOut, tags=["library"], responses=_ERRORS, **bounded)
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
            docs = [{**d, "origin": public_origin(str(d["origin"]))} for d in lib.documents() if d["id"] in ids]
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
                origin=public_origin(e.origin),
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

    @app.post("/login", include_in_schema=False, status_code=204, **bounded)
    async def login(request: Request) -> Response:
        """The UI's token form: the right token comes back as the SameSite=Strict, HttpOnly cookie.

        A POST, so that the token is in no URL and therefore in no access log line.
        """
        form = await request.form(max_files=0, max_fields=5)
        token = form.get("token")
        if not config.token:
            return Response(status_code=204)
        if not isinstance(token, str) or not token_matches(token.strip(), config.token):
            return _error(
                401,
                "that is not this service's token; use the one printed (or kept in the library "
                "folder) when the service started",
                {"WWW-Authenticate": "Bearer"},
            )
        response = Response(status_code=204)
        response.set_cookie(TOKEN_COOKIE, token.strip(), httponly=True, samesite="strict")
        return response

    app.mount("/ui", StaticFiles(directory=STATIC), name="ui")
    return app
