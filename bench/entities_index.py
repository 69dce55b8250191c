"""`briefing entities` at library scale: the index grouped in SQL over the merge keys of
schema v15 (services.entity_summaries: the listing; crossref_entities.entity_index: with
every entity's articles) vs the previous way (every article's entity rows streamed from SQL
and merged in Python: the baseline) and the way before it (every Article and Analysis loaded
as objects, load_articles + resolve_entities), timed in the same run on the same library.

The library is synthetic-from-real: the 1,000 properly cased CNN/DailyMail articles of
../shared/eval/cnndm-gpt4ref-dev.jsonl and the development news articles, each analysed once
by the builtin engine; past those, article k is document k mod D with a bulletin line
appended, stored with a copy of its document's analysis (the appended line is not analysed:
a shortcut for speed). Each implementation runs in its own process; printed: wall time,
peak Python memory allocated during the call (tracemalloc, on a second call), and whether
both indexes are equal.

Run: .venv/bin/python bench/entities_index.py [N_ARTICLES]   (default 3,000), or
     .venv/bin/python bench/entities_index.py /work/libs/lib10k /work/libs/lib100k
(built libraries, copied under out/ first: never opened in place). Each way runs in its own
process; printed: wall time, peak Python memory (tracemalloc, on a second run), the process's
peak RSS, and the time as a ratio of the baseline's in the same run. With built libraries the
listing is compared (name, type, aliases, article count): `--json`'s article lists hold
every (entity, article) pair and are timed but not printed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import shutil
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


# The previous implementation (before schema v15), kept here as the same-run baseline: every
# article's entities streamed from SQL one row at a time and merged in Python.
_CURRENT = (
    "FROM articles ar JOIN analyses an ON an.text_sha256 = ar.text_sha256 "
    "AND an.engine_name = ? AND an.engine_version = ? "
    "JOIN analysis_entities e ON e.analysis_id = an.id "
    "WHERE e.label NOT IN ('DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY') "
)


def rows_index(lib: Library) -> list[EntityEntry]:
    """The index as main built it from per-article rows (``_IndexBuilder`` over every row)."""
    from briefing.analysis import get_engine
    from briefing.services.crossref_entities import _IndexBuilder

    info = get_engine("builtin").info
    builder = _IndexBuilder()
    for name, label, alias in lib.conn.execute(
        "SELECT DISTINCT e.name, e.label, al.alias " + _CURRENT.replace("WHERE", (
            "JOIN analysis_entity_aliases al ON al.analysis_id = e.analysis_id "
            "AND al.entity_idx = e.idx WHERE")), (info.name, info.version)):  # fmt: skip
        builder.add_names(name, label, (alias,))
    for row in lib.conn.execute(
        "SELECT ar.id, COALESCE(NULLIF(ar.published, ''), ar.imported_at), e.name, e.label, "
        "(SELECT COUNT(*) FROM analysis_mentions m WHERE m.analysis_id = e.analysis_id "
        "AND m.entity_idx = e.idx) " + _CURRENT, (info.name, info.version)):  # fmt: skip
        builder.add(*row)
    return list(builder.entries().values())


WAYS = {
    "objects": "loaded objects (load_articles + resolve)",
    "rows": "per-article SQL rows (main, baseline)",
    "listing": "grouped SQL: `briefing entities`",
    "full": "grouped SQL + articles: `--json`",
}


def run_one(which: str) -> None:
    """In a child process: build the index one way; print seconds, MiB and a digest."""
    from briefing.analysis import get_engine
    from briefing.analysis.resources import gazetteer
    from briefing.services.crossref_entities import (
        entity_index,
        entity_summaries,
        load_articles,
        resolve_entities,
    )

    get_engine("builtin")
    gazetteer()  # loaded by every way (canonical names): not part of the difference
    with Library.open() as lib:
        lib.conn.execute("SELECT COUNT(*) FROM articles").fetchone()

        def build_index() -> list[tuple[object, ...]]:
            if which == "listing":
                return [(s.name, s.label, s.aliases, s.article_count)
                        for s in entity_summaries(lib)]  # fmt: skip
            if which == "full":
                found = entity_index(lib)
            elif which == "rows":
                found = rows_index(lib)
            else:
                found = list(resolve_entities(load_articles(lib)).entries)
            if os.environ.get("BENCH_LISTING_ONLY"):
                return [(e.name, e.label, e.aliases, len(e.articles)) for e in found]
            return [(e.name, e.label, e.aliases, e.articles) for e in found]

        started = time.perf_counter()
        entries = build_index()
        took = time.perf_counter() - started
        del entries
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        tracemalloc.start()  # Python memory only, on a second run (tracing slows it)
        entries = build_index()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        listing = hash(tuple((n, lab, al, len(c) if isinstance(c, tuple) else c)
                             for n, lab, al, c in entries))  # fmt: skip
        print(json.dumps({"seconds": took, "mib": peak, "rss": rss, "entries": len(entries),
                          "digest": hash(tuple(entries)), "listing": listing}))  # fmt: skip


def measure(ways: list[str], env: dict[str, str]) -> dict[str, dict[str, float]]:
    results = {}
    for which in ways:
        out = subprocess.run(
            [sys.executable, __file__, "--run", which],
            capture_output=True, text=True, check=True, env=env,
        )  # fmt: skip
        results[which] = json.loads(out.stdout.strip().splitlines()[-1])
    return results


def report(results: dict[str, dict[str, float]]) -> None:
    base = results["rows"]
    print(f"{'implementation':<42}{'time':>9}{'py peak':>11}{'max RSS':>11}{'entities':>10}"
          f"{'time vs baseline':>18}")  # fmt: skip
    for which, r in results.items():
        print(f"{WAYS[which]:<42}{r['seconds']:>8.2f}s{r['mib']:>7.0f} MiB{r['rss']:>7.0f} MiB"
              f"{r['entries']:>10,}{r['seconds'] / base['seconds']:>17.2f}x")  # fmt: skip
    same_full = results.get("full", {}).get("digest") == base["digest"]
    same_list = results["listing"]["listing"] == base["listing"]
    print(f"same index as the baseline: listing {'yes' if same_list else 'NO'}, "
          f"with every article {'yes' if same_full else 'NO'}")


def copy_library(source: Path, into: Path) -> float:
    """Copy a built library (never opened in place) and open it once: the schema migration
    runs here; returns its seconds (the backup copy it takes first included)."""
    shutil.copytree(source, into, dirs_exist_ok=True)
    started = time.perf_counter()
    with Library.open():
        pass
    return time.perf_counter() - started


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--run":
        run_one(sys.argv[2])
        return
    libraries = [Path(a) for a in sys.argv[1:] if not a.isdigit()]
    os.environ["PYTHONHASHSEED"] = "0"  # the same digest in every child
    for source in libraries:  # built libraries (bench/build_library.py), e.g. 10k and 100k
        with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parents[1] / "out") as tmp:
            os.environ["BRIEFING_DATA_DIR"] = tmp
            took = copy_library(source, Path(tmp))
            with Library.open() as lib:
                count = lib.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            print(f"\nlibrary {source}: {count:,} articles; opened in a copy, the schema "
                  f"migration (with its backup copy) took {took:.1f} s")  # fmt: skip
            ways = ["rows", "listing", "full"] + (["objects"] if count <= 20_000 else [])
            report(measure(ways, dict(os.environ, BENCH_LISTING_ONLY="1")))
    if libraries:
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_DATA_DIR"] = tmp  # never the user's own library
        started = time.perf_counter()
        with Library.open() as lib:
            real, copies = build(lib, count)
        print(f"library: {count:,} articles ({real:,} real, analysed; {copies:,} copies with a "
              f"bulletin line and their document's analysis), built in "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        report(measure(["rows", "listing", "full", "objects"], dict(os.environ)))


if __name__ == "__main__":
    main()
