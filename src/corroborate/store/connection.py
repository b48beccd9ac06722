"""The library's SQLite connection: SQLite's errors about the file itself become `LibraryError`s.

A damaged page, a full disk, a read-only folder or another writer can surface in any statement, so
they are translated where every statement runs, in the connection and its cursors, rather than
around each call: whatever the store was doing, the user reads what is wrong with the library and
what to do, never a traceback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from corroborate.errors import DiskFull, LibraryBusy, LibraryDamaged, LibraryError, LibraryReadOnly

__all__ = ["BUSY_TIMEOUT_S", "LibraryConnection", "connect", "library_error"]

BUSY_TIMEOUT_S = 30.0

# Primary result codes (the low byte of an extended code), https://sqlite.org/rescode.html
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def library_error(exc: sqlite3.Error, db: Path) -> Exception:
    """The `LibraryError` a SQLite error about the library file stands for, or `exc` itself when it is
    not about the file (a programming mistake, which should show as one)."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    folder = db.parent
    if code in (_CORRUPT, _NOTADB):
        return LibraryDamaged(
            f"{db}: the library file is damaged ({exc}); restore it from a backup, or rebuild it: move "
            f"the folder aside and run `corroborate index add SOURCES --library {folder}` again"
        )
    if code == _FULL:
        return DiskFull(
            f"{db}: the disk is full ({exc}); free some space and run the same command again: what was "
            "committed before is kept, and files already indexed are skipped"
        )
    if code == _READONLY:
        return LibraryReadOnly(
            f"{folder}: the library is read-only ({exc}); it can be searched and checked against, but "
            "writing needs write permission on the folder and its files (for example `chmod -R u+w`), "
            "or a copy in a writable place"
        )
    if code in (_BUSY, _LOCKED):
        return LibraryBusy(
            f"{folder}: the library is busy: another process is writing to it; try again when it is done"
        )
    if code == _CANTOPEN:
        return LibraryError(f"{db}: cannot open the library file ({exc}); check the folder exists and its permissions")
    if code == _IOERR:
        return LibraryError(
            f"{db}: a disk error while using the library ({exc}); check the disk, then run the command again"
        )
    return exc


class LibraryConnection(sqlite3.Connection):
    """A connection whose statements raise `LibraryError`s for errors about the library file."""

    db: Path

    def cursor(self, factory: Any = None) -> sqlite3.Cursor:  # type: ignore[override]
        return super().cursor(factory or _Cursor)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:  # type: ignore[override]
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:  # type: ignore[override]
        return self.cursor().executemany(sql, parameters)


class _Cursor(sqlite3.Cursor):
    # A damaged page is often found only while stepping through rows, so fetching is guarded too.
    def _translated(self, exc: sqlite3.Error) -> Exception:
        conn = self.connection
        return library_error(exc, conn.db) if isinstance(conn, LibraryConnection) else exc

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise self._translated(exc) from exc

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:  # type: ignore[override]
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as exc:
            raise self._translated(exc) from exc

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise self._translated(exc) from exc

    def fetchmany(self, size: int | None = None) -> list[Any]:
        try:
            return super().fetchmany(self.arraysize if size is None else size)
        except sqlite3.Error as exc:
            raise self._translated(exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise self._translated(exc) from exc

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            raise self._translated(exc) from exc


def connect(db: Path, read_only: bool = False) -> LibraryConnection:
    """Open `db` in autocommit mode (transactions are explicit).

    Read-only, a WAL database can be read only through its `-shm` file, which a read-only folder
    cannot hold: when there is no `-wal` file (the last writer closed cleanly, so the main file is
    whole) it is opened as immutable, which needs none; with a `-wal` file, through the files there.
    """
    if read_only:
        immutable = "" if Path(f"{db}-wal").exists() else "&immutable=1"
        target: str | Path = f"file:{quote(str(db))}?mode=ro{immutable}"
    else:
        target = db
    try:
        conn = sqlite3.connect(
            target,
            uri=read_only,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_S,
            check_same_thread=False,
            factory=LibraryConnection,
        )
    except sqlite3.Error as exc:
        raise library_error(exc, db) from exc
    conn.db = db
    return conn
