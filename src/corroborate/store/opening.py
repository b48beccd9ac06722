"""Making and upgrading a library's SQLite file: created whole, then linked into place; numbered migrations."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from corroborate.errors import LibraryDamaged, LibraryError
from corroborate.store.connection import connect
from corroborate.store.schema import APPLICATION_ID, MIGRATIONS

__all__ = [
    "DB_NAME",
    "check_can_create",
    "create_library",
    "identify",
    "remove_dead_creations",
    "schema_version",
    "upgrade",
]

DB_NAME = "corroborate.sqlite"
# A new library is made under this name (then `HOST.PID`), then linked into place whole.
_NEW_PREFIX = f".{DB_NAME}.new-"
_NEW_NAME = re.compile(re.escape(_NEW_PREFIX) + r"(?P<host>.+)\.(?P<pid>\d+)(?:-wal|-shm|-journal)?")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out, buf = [], ""
    for line in script.splitlines():
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return out


def check_can_create(folder: Path, create: bool) -> None:
    """Refuse to create a library in a folder that holds other things, or when not asked to."""
    # Another process creating the library at this moment leaves these names: not "other things".
    others = folder.exists() and any(
        not (p.name == DB_NAME or p.name.startswith(_NEW_PREFIX)) for p in folder.iterdir()
    )
    if others:
        raise LibraryError(
            f"{folder}: this folder is not empty and is not a corroborate library (no {DB_NAME}); "
            "give the folder of an existing library, or choose a new or empty folder to create one in"
        )
    if not create:
        raise LibraryError(
            f"{folder}: no library here; create one with `corroborate index add SOURCES --library {folder}`"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"{folder}: cannot create the library folder ({exc.strerror})") from exc


def create_library(db: Path) -> None:
    """Make a new, fully migrated library file at `db`, whole or not at all.

    It is built under a temporary name and hard-linked into place, which fails rather than replace
    a library another process created meanwhile (that one is then used).
    """
    tmp = db.with_name(f"{_NEW_PREFIX}{socket.gethostname()}.{os.getpid()}")
    remove_dead_creations(db.parent)
    try:
        conn = connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            upgrade(conn)
            conn.execute("INSERT INTO meta VALUES ('created_at', ?)", (_now(),))
            conn.execute("COMMIT")
        finally:
            conn.close()
        try:
            os.link(tmp, db)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links: a rename, which a rare race could lose
            os.replace(tmp, db)
    except OSError as exc:
        raise LibraryError(f"{db.parent}: cannot create the library ({exc.strerror}); check the folder") from exc
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def remove_dead_creations(folder: Path) -> None:
    """Remove what a library creation killed before it finished left: its temporary file and journal, or,
    killed just after linking the library into place, the temporary name of the library file.

    Only a creation by a process of this machine that is gone: one still running, or one on another
    machine sharing the folder, may be about to link its library into place. A file that cannot be
    removed is left (it is in nobody's way).
    """
    host = socket.gethostname()
    for path in folder.glob(f"{_NEW_PREFIX}*"):
        found = _NEW_NAME.fullmatch(path.name)
        if found is None or found["host"] != host or _running(int(found["pid"])):
            continue
        with contextlib.suppress(OSError):
            path.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, say: it exists
        return True
    return True


def identify(conn: sqlite3.Connection, db: Path) -> None:
    """Refuse a file that is not a corroborate library, before anything is written to it."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except LibraryDamaged as exc:
        with open(db, "rb") as file:
            if file.read(16) == b"SQLite format 3\x00":  # a library cut short or overwritten: never say remove it
                raise
        # not even a SQLite header: nothing says it was ever a library
        raise LibraryError(
            f"{db}: not a corroborate library ({exc.__cause__}); remove it or choose another folder"
        ) from exc
    if app_id != APPLICATION_ID:
        raise LibraryError(f"{db}: this SQLite file is not a corroborate library; choose another folder")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0])


def upgrade(conn: sqlite3.Connection) -> None:
    """Apply every migration not yet recorded; inside the caller's write transaction."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'migrations'").fetchone():
        conn.execute("CREATE TABLE migrations(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT version FROM migrations")}
    for version in sorted(MIGRATIONS):
        if version not in done:
            migration = MIGRATIONS[version]
            if callable(migration):
                migration(conn)
            else:
                for statement in _statements(migration):
                    conn.execute(statement)
            conn.execute("INSERT INTO migrations VALUES (?, ?)", (version, _now()))
