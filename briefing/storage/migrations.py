"""Numbered schema migrations driven by ``PRAGMA user_version``.

Migration N lives in ``schema_vN.sql`` next to this module and moves a database from
version N-1 to N. They run in order, each in its own transaction, after a backup copy of
the database has been taken. Add a file to add a version; never edit a released one.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from importlib.resources import files

_NAME = re.compile(r"^schema_v(\d+)\.sql$")


@cache
def migration_scripts() -> dict[int, str]:
    """Version number -> SQL script, for every schema_vN.sql shipped with the package."""
    scripts: dict[int, str] = {}
    for entry in files("briefing.storage").iterdir():
        match = _NAME.match(entry.name)
        if match:
            scripts[int(match.group(1))] = entry.read_text(encoding="utf-8")
    versions = sorted(scripts)
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"schema migrations are not numbered 1..N: {versions}")
    return scripts


def latest_version() -> int:
    return max(migration_scripts())


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, target: int | None = None) -> list[int]:
    """Apply every migration above the database's version (up to ``target``); return them."""
    goal = latest_version() if target is None else target
    applied: list[int] = []
    if current_version(conn) < goal:
        _register_functions(conn)
    for version in range(current_version(conn) + 1, goal + 1):
        script = migration_scripts()[version]
        # executescript() commits first; run the script and the version bump atomically.
        conn.execute("BEGIN IMMEDIATE")
        if current_version(conn) >= version:  # another process migrated while we waited
            conn.rollback()
            continue
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
        applied.append(version)
    return applied


def _register_functions(conn: sqlite3.Connection) -> None:
    """Python functions the migration scripts call (schema_v15: ``briefing_merge_key``)."""
    from briefing.analysis.entity_keys import merge_key

    conn.create_function("briefing_merge_key", 2, merge_key, deterministic=True)


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (triggers contain inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise RuntimeError(f"incomplete SQL statement in migration: {buffer[:80]!r}")
    return statements
