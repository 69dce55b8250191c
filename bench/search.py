"""Library search at 10,000 articles: FTS5 query time vs a same-run LIKE scan baseline.

Run: .venv/bin/python bench/search.py [N_ARTICLES]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from news_corpus import corpus_sentences

from briefing.domain import Article, text_sha256
from briefing.storage import articles, open_database
from briefing.storage.search import fts_query, search

QUERIES = ["police", "president said", "million", "Obama", "hospital", "footb", "court ruled"]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rng = random.Random(7)
    pool = corpus_sentences()
    with tempfile.TemporaryDirectory() as tmp:
        conn = open_database(Path(tmp) / "lib.sqlite3")
        started = time.perf_counter()
        conn.execute("BEGIN")
        for i in range(count):
            text = "\n".join(" ".join(rng.sample(pool, 6)) for _ in range(6))
            articles.insert(conn, Article(0, f"Article {i}", text, text_sha256(text + str(i)),
                                          imported_at="2025-01-01T00:00:00Z"))
        conn.execute("COMMIT")
        build = time.perf_counter() - started
        words = conn.execute("SELECT sum(length(text)) / 6 FROM articles").fetchone()[0]
        fts, like = [], []
        for query in QUERIES * 3:
            t0 = time.perf_counter()
            hits = search(conn, query)
            fts.append(time.perf_counter() - t0)
            assert fts_query(query)
            t0 = time.perf_counter()
            conn.execute(
                "SELECT id FROM articles WHERE title LIKE ?1 OR text LIKE ?1 LIMIT 500",
                (f"%{query}%",),
            ).fetchall()
            like.append(time.perf_counter() - t0)
            assert isinstance(hits, list)
        conn.close()
    f, b = statistics.median(fts), statistics.median(like)
    print(f"library: {count} articles (~{words / 1e6:.1f}M words), built in {build:.1f} s")
    print(f"FTS5 search median {f * 1000:.2f} ms, max {max(fts) * 1000:.2f} ms")
    print(f"baseline LIKE scan median {b * 1000:.2f} ms")
    print(f"ratio search/baseline: {f / b:.3f}  (goal: < 1, and < 50 ms absolute)")


if __name__ == "__main__":
    main()
