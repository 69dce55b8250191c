"""SQLite storage: connection, numbered migrations, repositories and FTS5 search.

The rule for the library's files (``library.sqlite3`` and its ``-wal`` / ``-shm``): nothing
in Briefing opens, reads, copies, moves or closes them through the operating system while
this process may hold SQLite connections to them. POSIX advisory locks belong to the whole
process and closing *any* descriptor of the file drops them all; another process would then
believe it was the last user, checkpoint and delete the WAL under us ("How To Corrupt An
SQLite Database File", 2.2). So:

- "not a database", damage and "newer schema" are detected through SQLite itself
  (``connection._probe``, ``PRAGMA user_version``), never by reading the header;
- backups are taken with SQLite's backup API (``Connection.backup``), never a file copy;
- a damaged file is moved aside (renamed, with a timestamp) only when no connection of this
  process is open on it — every connection is a registered
  :class:`~briefing.storage.handles.LibraryConnection`;
- the full integrity check runs in the background now and then
  (:mod:`briefing.services.maintenance`), never on every open;
- exports and tests read the library through SQLite connections too.
"""

from briefing.storage.connection import CorruptDatabaseError, open_database
from briefing.storage.handles import LibraryBusyError, open_connections

__all__ = ["CorruptDatabaseError", "LibraryBusyError", "open_connections", "open_database"]
