"""The library's SQLite schema, as numbered migrations recorded in the `migrations` table."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from corroborate.store import sentences

__all__ = ["APPLICATION_ID", "MIGRATIONS"]

# PRAGMA application_id marks a SQLite file as a corroborate library ("CRBT").
APPLICATION_ID = 0x43524254

# A migration is SQL, or a function run on the connection when moving rows needs more than SQL.
MIGRATIONS: dict[int, str | Callable[[sqlite3.Connection], None]] = {
    1: """
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE files(
        path TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,          -- '' marks a file to re-read on the next `index add`
        size INTEGER NOT NULL,
        indexed_at TEXT NOT NULL
    );
    -- One row per distinct text: the same text from several files is stored once, linked to each
    -- file in document_files, and lives while any file links to it.
    CREATE TABLE documents(
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL,          -- where the text was first seen
        title TEXT NOT NULL,
        format TEXT NOT NULL,
        date TEXT,
        url TEXT,
        content_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE TABLE document_files(
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        file_path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
        origin TEXT NOT NULL,
        PRIMARY KEY(doc_id, file_path, origin)
    );
    CREATE INDEX document_files_file ON document_files(file_path);
    CREATE TABLE passages(
        id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: the vector index keys on it
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        UNIQUE(doc_id, idx)
    );
    CREATE TABLE sentences(
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        UNIQUE(doc_id, idx)
    );
    CREATE INDEX sentences_passage ON sentences(passage_id);
    -- Terms are produced by corroborate.analysis (stemmed, stop words dropped) so that queries and
    -- index agree exactly; rowid = passages.id.
    CREATE VIRTUAL TABLE passage_terms USING fts5(terms, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE passage_vocab USING fts5vocab(passage_terms, 'row');
    CREATE TRIGGER passages_delete AFTER DELETE ON passages BEGIN
        DELETE FROM passage_terms WHERE rowid = old.id;
    END;
    CREATE TABLE runs(
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        article TEXT NOT NULL,
        article_hash TEXT NOT NULL,
        settings TEXT NOT NULL,
        model TEXT NOT NULL,
        model_hash TEXT NOT NULL,
        claims INTEGER,
        status TEXT NOT NULL
    );
    CREATE TABLE verdicts(
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        claim_index INTEGER NOT NULL,
        claim_text TEXT NOT NULL,
        label TEXT NOT NULL,
        confidence REAL NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY(run_id, claim_index)
    );
    """,
    2: """
    -- Dense vectors, fp16, one per passage: the system of record for the vector index file beside
    -- the database, which is derived from this table and can always be rebuilt from it.
    CREATE TABLE passage_vectors(
        passage_id INTEGER PRIMARY KEY REFERENCES passages(id) ON DELETE CASCADE,
        vector BLOB NOT NULL
    );
    -- Every change to passage_vectors, in order; the vector index file records the last seq it holds.
    CREATE TABLE vector_log(
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        passage_id INTEGER NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('add', 'del'))
    );
    CREATE TRIGGER passage_vectors_insert AFTER INSERT ON passage_vectors BEGIN
        INSERT INTO vector_log(passage_id, op) VALUES (new.passage_id, 'add');
    END;
    CREATE TRIGGER passage_vectors_delete AFTER DELETE ON passage_vectors BEGIN
        INSERT INTO vector_log(passage_id, op) VALUES (old.passage_id, 'del');
    END;
    """,
    3: """
    -- Checks submitted to the web service: the article itself (so a restart can run a queued or
    -- interrupted check again), progress while it runs, and the JSON report when it is done.
    CREATE TABLE jobs(
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        stage TEXT NOT NULL DEFAULT '',
        progress REAL NOT NULL DEFAULT 0,
        article_name TEXT NOT NULL,
        article_suffix TEXT NOT NULL,
        article BLOB NOT NULL,
        document_date TEXT,
        result TEXT,
        error TEXT,
        run_id INTEGER
    );
    CREATE INDEX jobs_created ON jobs(created_at);
    """,
    # Sentence rows become offsets on their passage's row (`first_sentence`, `sentence_spans`), and the
    # `sentences` table goes: see `corroborate.store.sentences`.
    4: sentences.migrate,
}
