"""`briefing entities` at library scale: the index built from SQL rows (services.crossref_
entities.entity_index) vs the previous way, every Article and Analysis loaded as objects and
merged (load_articles + resolve_entities), timed in the same run on the same library.

The library is synthetic-from-real: the 1,000 properly cased CNN/DailyMail articles of
../shared/eval/cnndm-gpt4ref-dev.jsonl and the development news articles, each analysed once
by the builtin engine; past those, article k is document k mod D with a bulletin line
appended, stored with a copy of its document's analysis (the appended line is not analysed:
a shortcut for speed). Each implementation runs in its own process; printed: wall time,
peak Python memory allocated during the call (tracemalloc, on a second call), and whether
both indexes are equal.

Run: .venv/bin/python bench/entities_index.py [N_ARTICLES]   (default 3,000)
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from briefing.domain import Article, text_sha256
from briefing.services import Library
from briefing.services.crossref_entities import EntityEntry

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
NOW = "2026-01-01T00:00:00Z"


def documents() -> list[tuple[str, str]]:
    """(title, text) of the real articles: cnndm-gpt4ref-dev, then news/*.txt."""
    found: list[tuple[str, str]] = []
    path = EVAL / "cnndm-gpt4ref-dev.jsonl"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            body = " ".join(json.loads(line)["article"].split())
            title, _, rest = body.partition(". ")
            found.append((title[:120], rest))
    for news in sorted((EVAL / "news").glob("*.txt")):
        lines = [p.strip() for p in news.read_text(encoding="utf-8").splitlines() if p.strip()]
        if len(lines) > 1:
            found.append((lines[0][:120], "\n".join(lines[1:])))
    return found


def build(lib: Library, count: int) -> tuple[int, int]:
    """Insert ``count`` articles with analyses; return (real documents, analysed copies)."""
    from briefing.analysis import get_engine
    from briefing.storage import analyses as analysis_store
    from briefing.storage import articles as article_store

    engine = get_engine("builtin")
    source = documents()
    if not source:
        raise SystemExit(f"{EVAL}: no articles to build a library from")
    analysed = {}
    conn = lib.conn
    conn.execute("BEGIN")
    for k in range(count):
        title, text = source[k % len(source)]
        base = k % len(source)
        if base not in analysed:
            analysed[base] = engine.analyse(text)
        if k >= len(source):
            text = f"{text}\nBulletin number {k}."
        sha = text_sha256(text)
        day = f"2026-{1 + k % 12:02d}-{1 + k % 28:02d}"
        article_store.insert(conn, Article(0, title, text, sha, published=day, imported_at=NOW))
        analysis_store.put(conn, dataclasses.replace(analysed[base], text_sha256=sha), NOW)
    conn.execute("COMMIT")
    return min(count, len(source)), max(0, count - len(source))


def run_one(which: str) -> None:
    """In a child process: build the index one way; print seconds, MiB and a digest."""
    from briefing.analysis import get_engine
    from briefing.analysis.resources import gazetteer
    from briefing.services.crossref_entities import entity_index, load_articles, resolve_entities

    get_engine("builtin")
    gazetteer()  # loaded by both ways (canonical names): not part of the difference
    with Library.open() as lib:
        lib.conn.execute("SELECT COUNT(*) FROM articles").fetchone()

        def build_index() -> list[EntityEntry]:
            if which == "sql":
                return entity_index(lib)
            return list(resolve_entities(load_articles(lib)).entries)

        started = time.perf_counter()
        entries = build_index()
        took = time.perf_counter() - started
        del entries
        tracemalloc.start()  # Python memory only, on a second run (tracing slows it)
        entries = build_index()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        digest = hash(tuple(entries))
        print(json.dumps({"seconds": took, "mib": peak, "entries": len(entries),
                          "digest": digest}))  # fmt: skip


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--run":
        run_one(sys.argv[2])
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_DATA_DIR"] = tmp  # never the user's own library
        os.environ["PYTHONHASHSEED"] = "0"  # the same digest in both children
        started = time.perf_counter()
        with Library.open() as lib:
            real, copies = build(lib, count)
        print(f"library: {count:,} articles ({real:,} real, analysed; {copies:,} copies with a "
              f"bulletin line and their document's analysis), built in "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        results = {}
        for which in ("objects", "sql"):
            out = subprocess.run(
                [sys.executable, __file__, "--run", which],
                capture_output=True, text=True, check=True, env=os.environ,
            )  # fmt: skip
            results[which] = json.loads(out.stdout.strip().splitlines()[-1])
    old, new = results["objects"], results["sql"]
    print(f"{'implementation':<44}{'time':>9}{'memory':>12}{'entities':>10}")
    for label, r in (("loaded objects (load_articles + resolve)", old), ("SQL rows", new)):
        print(f"{label:<44}{r['seconds']:>8.2f}s{r['mib']:>8.0f} MiB{r['entries']:>10,}")
    print(f"SQL rows vs loaded objects: time {new['seconds'] / old['seconds']:.2f}x, "
          f"memory {new['mib'] / max(old['mib'], 1):.2f}x; same index: "
          f"{'yes' if new['digest'] == old['digest'] else 'NO'}")  # fmt: skip


if __name__ == "__main__":
    main()
