"""SQLite storage: connection, numbered migrations, repositories and FTS5 search."""

from briefing.storage.connection import CorruptDatabaseError, open_database

__all__ = ["CorruptDatabaseError", "open_database"]
