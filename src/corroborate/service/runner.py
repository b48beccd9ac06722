"""Running checks in the background: a pool of worker threads over jobs kept in the library database.

Each worker thread opens its own connection to the library (SQLite connections are not shared across
threads here); the models are loaded once per process and shared. A readers–writer lock lets checks
run side by side while adding or removing sources waits for them, and they for it.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from corroborate.api import Library, check, read_article
from corroborate.config import Settings
from corroborate.errors import CorroborateError
from corroborate.records import Document
from corroborate.report import to_dict
from corroborate.store.jobs import JobTable

__all__ = ["CheckRunner", "ReadWriteLock", "parse_article"]

log = logging.getLogger(__name__)


class ReadWriteLock:
    """Many readers or one writer; a waiting writer holds back new readers so it is not starved."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writer and not self._writers_waiting)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            self._cond.wait_for(lambda: not self._writer and self._readers == 0)
            self._writers_waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


def parse_article(name: str, suffix: str, data: bytes, settings: Settings) -> Document:
    """Read an article given as bytes, as `corroborate check` reads a file of that type.

    The bytes go to a temporary file whose name the service chooses (only the suffix, from a fixed
    list, comes from the request); error messages name the article by the name it was given.
    """
    with tempfile.TemporaryDirectory(prefix="corroborate-") as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_bytes(data)
        try:
            doc = read_article(path, settings)
        except CorroborateError as exc:
            exc.args = (str(exc).replace(str(path), name),)
            raise
    title = doc.title if doc.title != path.stem else Path(name).stem or name
    return replace(doc, origin=name, title=title)


class _Stopping(Exception):
    """Raised in a running check when the service stops: the job is left to run again on the next start."""


class CheckRunner:
    """Runs queued jobs on `workers` threads and records progress, results and failures."""

    def __init__(
        self, library_path: Path, settings: Settings, jobs: JobTable, lock: ReadWriteLock, workers: int = 1
    ) -> None:
        self.library_path = library_path
        self.settings = settings
        self.jobs = jobs
        self.lock = lock
        self._local = threading.local()
        self._stopping = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="check")

    def start(self) -> int:
        """Queue the jobs left unfinished by the last run of the service; returns how many."""
        pending = self.jobs.unfinished()
        for job_id in pending:
            self.submit(job_id)
        return len(pending)

    def submit(self, job_id: str) -> None:
        self._pool.submit(self._run, job_id)

    def stop(self) -> None:
        """Queued jobs stay 'queued' and a running one 'running' in the database: both run again on the next
        start. A running check is asked to stop at its next progress report, and waited for, so that it never
        writes to the job table after the service has closed it."""
        self._stopping.set()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _library(self) -> Library:
        lib = getattr(self._local, "library", None)
        if lib is None:
            lib = self._local.library = Library.open(self.library_path, settings=self.settings)
        return lib

    def _run(self, job_id: str) -> None:
        last = ["", -1.0]

        def on_progress(stage: str, fraction: float) -> None:
            if self._stopping.is_set():
                raise _Stopping
            # Write when the stage changes or the bar moves by a percent: enough for a UI, few writes.
            if stage != last[0] or fraction - last[1] >= 0.01:
                last[:] = [stage, fraction]
                self.jobs.update(job_id, "running", stage, fraction)

        try:
            job = self.jobs.get(job_id)
            if job is None or job.status in ("done", "failed"):
                return
            on_progress("reading the article", 0.0)
            name, suffix, data = self.jobs.article(job_id)
            doc = parse_article(name, suffix, data, self.settings)
            with self.lock.reading():
                result = check(doc, self._library(), document_date=job.document_date, on_progress=on_progress)
            self.jobs.finish(job_id, to_dict(result), result.run_id)
        except _Stopping:
            log.warning("check %s interrupted by the service stopping; it runs again on the next start", job_id)
        except CorroborateError as exc:
            self.jobs.fail(job_id, str(exc))
        except Exception:
            log.exception("check %s failed", job_id)
            self.jobs.fail(job_id, "internal error while checking; the service log has the details")
