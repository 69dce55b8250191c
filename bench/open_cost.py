"""Opening the library: what every CLI command, the reader's start and (before pooling) every
background job pays, at 10,000 articles. The library is built like bench/search.py (articles
from sentences of the development news articles, through the storage layer).

Measured in the same run, median of 7 after one warm-up (the file in the OS cache):
- baseline: a bare ``sqlite3.connect`` plus one query;
- ``open_database`` as it is now (cheap b-tree probe, no whole-file work);
- ``open_database`` plus ``PRAGMA quick_check``: what every open cost before (issue 24);
- ``PRAGMA integrity_check``: the background check, at most daily (never before a command).

Run: .venv/bin/python bench/open_cost.py [N_ARTICLES]
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from news_corpus import corpus_sentences

from briefing.domain import Article, text_sha256
from briefing.storage import articles, open_database


def _median(run: Callable[[], object], repeat: int = 7) -> float:
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rng = random.Random(7)
    pool = corpus_sentences()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lib.sqlite3"
        conn = open_database(path)
        conn.execute("BEGIN")
        for i in range(count):
            text = "\n".join(" ".join(rng.sample(pool, 6)) for _ in range(6))
            articles.insert(conn, Article(0, f"Article {i}", text, text_sha256(text + str(i)),
                                          imported_at="2025-01-01T00:00:00Z"))
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        size = path.stat().st_size

        def bare() -> None:
            raw = sqlite3.connect(path)
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
            raw.close()

        def now() -> None:
            open_database(path).close()

        def before() -> None:
            opened = open_database(path)
            opened.execute("PRAGMA quick_check").fetchall()
            opened.close()

        def full_check() -> None:
            opened = open_database(path)
            opened.execute("PRAGMA integrity_check").fetchall()
            opened.close()

        base, new, old = _median(bare), _median(now), _median(before)
        check = _median(full_check, repeat=3)
    print(f"library: {count} articles, {size / 1e6:.0f} MB")
    print(f"baseline bare connect + one query: {base * 1000:.2f} ms")
    print(f"open_database now: {new * 1000:.2f} ms  (ratio to baseline {new / base:.1f})")
    print(f"open_database + quick_check (every open before): {old * 1000:.1f} ms  "
          f"(ratio to baseline {old / base:.1f})")
    print(f"opening now vs before: {new / old:.3f} of the time")
    print(f"background integrity_check (at most daily, in a worker): {check * 1000:.0f} ms")


if __name__ == "__main__":
    main()
