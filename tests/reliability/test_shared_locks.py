"""Opening the library again inside a process must not drop that process's SQLite locks.

POSIX advisory locks belong to the process: closing *any* descriptor of the database file
releases them all. If Briefing opened the file through the OS (to sniff its header, copy
it...) while a connection was open, the next process to close its connection would think
it was the last one, checkpoint and delete the WAL under the first process (issue 16).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefing.storage import open_database

_OTHER = """
import sys
from pathlib import Path
from briefing.storage import open_database
conn = open_database(Path(sys.argv[1]))
conn.execute("SELECT count(*) FROM articles").fetchone()
conn.close()
"""


def _insert(conn: object, title: str) -> None:
    conn.execute(  # type: ignore[attr-defined]
        "INSERT INTO articles (title, imported_at, text, text_sha256) VALUES (?, '', 'x', ?)",
        (title, title),
    )


def test_second_open_in_one_process_keeps_the_first_ones_locks(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    wal = path.with_name(path.name + "-wal")
    reader = open_database(path)
    _insert(reader, "before")
    job = open_database(path)  # a background job opening the same library
    _insert(job, "from the job")
    job.close()
    subprocess.run([sys.executable, "-c", _OTHER, str(path)], check=True, timeout=60)
    assert wal.exists(), "another process deleted the WAL under an open connection"
    _insert(reader, "after")
    titles = {row[0] for row in reader.execute("SELECT title FROM articles")}
    assert titles == {"before", "from the job", "after"}
    subprocess.run([sys.executable, "-c", _OTHER, str(path)], check=True, timeout=60)
    assert wal.exists()
    reader.close()
    fresh = open_database(path)
    titles = {row[0] for row in fresh.execute("SELECT title FROM articles")}
    fresh.close()
    assert titles == {"before", "from the job", "after"}, "a write was lost"
