"""Storage: the SQLite system of record (and, in a later stage, the vector index beside it)."""

from corroborate.store.sqlite import DB_NAME, PassageHit, SentenceRow, Store

__all__ = ["DB_NAME", "PassageHit", "SentenceRow", "Store"]
