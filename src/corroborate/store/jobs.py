"""The `jobs` table: checks submitted to the web service, kept in the library's database.

A job holds its article (bytes and suffix), so a check that was queued or running when the service
stopped is run again on the next start: nothing submitted is lost. One `JobTable` is shared by the
service's threads; a lock serialises its use of the one connection.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from corroborate.store.sqlite import Store, _now

__all__ = ["Job", "JobTable"]

STATUSES = ("queued", "running", "done", "failed")


@dataclass(frozen=True)
class Job:
    id: str
    created_at: str
    updated_at: str
    status: str
    stage: str
    progress: float
    article_name: str
    document_date: str | None
    error: str | None
    run_id: int | None

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "stage": self.stage,
            "progress": round(self.progress, 3),
            "article": self.article_name,
            "document_date": self.document_date,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "error": self.error,
        }


_COLUMNS = "id, created_at, updated_at, status, stage, progress, article_name, document_date, error, run_id"


class JobTable:
    """Create, update and read jobs; every write is one transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()

    def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._store.atomic():
            return self._store._conn.execute(sql, params).fetchall()

    def create(self, article_name: str, suffix: str, article: bytes, document_date: str | None) -> Job:
        job_id = uuid.uuid4().hex
        now = _now()
        self._execute(
            "INSERT INTO jobs(id, created_at, updated_at, status, article_name, article_suffix, article, "
            "document_date) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)",
            (job_id, now, now, article_name, suffix, article, document_date),
        )
        job = self.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: str) -> Job | None:
        rows = self._execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,))
        return Job(*rows[0]) if rows else None

    def recent(self, limit: int = 50) -> list[Job]:
        rows = self._execute(f"SELECT {_COLUMNS} FROM jobs ORDER BY created_at DESC, id LIMIT ?", (limit,))
        return [Job(*r) for r in rows]

    def article(self, job_id: str) -> tuple[str, str, bytes]:
        """The job's (article name, suffix, bytes)."""
        name, suffix, data = self._execute(
            "SELECT article_name, article_suffix, article FROM jobs WHERE id = ?", (job_id,)
        )[0]
        return name, suffix, bytes(data)

    def result(self, job_id: str) -> dict[str, Any] | None:
        rows = self._execute("SELECT result FROM jobs WHERE id = ?", (job_id,))
        return json.loads(rows[0][0]) if rows and rows[0][0] else None

    def unfinished(self) -> list[str]:
        """Queued or interrupted jobs, oldest first: the service runs them again on start."""
        rows = self._execute("SELECT id FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at, id")
        return [r[0] for r in rows]

    def count_unfinished(self) -> int:
        return int(self._execute("SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')")[0][0])

    def update(self, job_id: str, status: str, stage: str, progress: float) -> None:
        self._execute(
            "UPDATE jobs SET status = ?, stage = ?, progress = ?, updated_at = ? WHERE id = ?",
            (status, stage, progress, _now(), job_id),
        )

    def finish(self, job_id: str, result: dict[str, Any], run_id: int) -> None:
        self._execute(
            "UPDATE jobs SET status = 'done', stage = 'done', progress = 1, result = ?, run_id = ?, error = NULL, "
            "updated_at = ? WHERE id = ?",
            (json.dumps(result, ensure_ascii=False), run_id, _now(), job_id),
        )

    def fail(self, job_id: str, error: str) -> None:
        self._execute(
            "UPDATE jobs SET status = 'failed', stage = 'failed', error = ?, updated_at = ? WHERE id = ?",
            (error[:2000], _now(), job_id),
        )
