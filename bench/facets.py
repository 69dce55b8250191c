"""Library filters at 5,000 articles: the bulk queries of services.facets vs the old
per-article FacetsJob loop, timed in the same run, with the peak Python memory (tracemalloc)
of each; and the filters' entries as the reader reads them now (services.facets.filter_facets:
GROUP BY over the entity table of schema v15) vs the previous way (every article's tags and
entity names as sets, then counted and ranked in Python: the baseline).

With built libraries (``bench/facets.py --library /work/libs/lib10k /work/libs/lib100k``, each
copied under out/ first, never opened in place) it prints, per library, the entries read both
ways and the reader itself (bench/facets_reader.py, offscreen): process start -> filters ready
and the longest GUI-thread stall until then, the previous way and now, as ratios.

The library is built like bench/search.py: articles inserted straight through the storage
layer from sentences of the development news articles. Analyses are real builtin-engine
analyses of a pool of texts; article i is pool text i % POOL plus one unique last line, and
gets that pool text's analysis stored for its own text hash (its spans all lie in the shared
prefix). About 1 in 10 articles has no analysis, 1 in 20 was revised after being analysed
(the old analysis stays cached, the new text has its own), 3 in 10 carry tagged annotations.

Run: .venv/bin/python bench/facets.py [N_ARTICLES]
     .venv/bin/python bench/facets.py --library DIR [DIR...]
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from news_corpus import corpus_sentences

from briefing.analysis import Engine, get_engine
from briefing.domain import Analysis, Annotation, Article, Selector, text_sha256
from briefing.services import Library, annotating, articles
from briefing.services.facets import LibraryFacets, filter_facets, library_facets
from briefing.storage import analyses as analysis_store
from briefing.storage import annotations as annotation_store
from briefing.storage import articles as article_store
from briefing.storage import facets as facet_store

T = TypeVar("T")
POOL = 150  # distinct texts really analysed
TAGS = [f"tag-{i}" for i in range(25)]
NOW = "2025-01-01T00:00:00Z"


def paragraphs(rng: random.Random, pool: list[str]) -> str:
    return "\n".join(" ".join(rng.sample(pool, 6)) for _ in range(6))


def build(lib: Library, count: int, engine: Engine, rng: random.Random) -> dict[str, int]:
    sentences = corpus_sentences()
    bases = [paragraphs(rng, sentences) for _ in range(POOL)]
    analyses = [engine.analyse(text) for text in bases]
    stats = {"analysed": 0, "revised": 0, "annotations": 0, "tags": 0}
    conn = lib.conn
    conn.execute("BEGIN")
    for i in range(count):
        base = i % POOL
        text = f"{bases[base]}\nBulletin number {i}."
        article = article_store.insert(
            conn, Article(0, f"Article {i}", text, text_sha256(text), imported_at=NOW)
        )
        roll = rng.random()
        if roll >= 0.10:  # analysed
            stats["analysed"] += 1
            analysis_store.put(conn, _rekeyed(analyses[base], article.text_sha256), NOW)
        if roll >= 0.95:  # revised after its analysis; the new text analysed too
            stats["revised"] += 1
            new_base = (base + 1) % POOL
            new_text = f"{bases[new_base]}\nBulletin number {i}, revised."
            sha = text_sha256(new_text)
            article_store.add_revision(conn, article.id, new_text, sha, NOW)
            analysis_store.put(conn, _rekeyed(analyses[new_base], sha), NOW)
        if rng.random() < 0.30:
            for j in range(rng.randint(1, 3)):
                tags = tuple(sorted(set(rng.sample(TAGS, rng.randint(0, 3)))))
                annotation_store.upsert(conn, Annotation(
                    id=f"urn:uuid:bench-{i}-{j}", article_id=article.id,
                    selector=Selector(0, 8, text[:8]), tags=tags, created=NOW, modified=NOW))
                stats["annotations"] += 1
                stats["tags"] += len(tags)
    conn.execute("COMMIT")
    return stats


def old_choices(
    tags: dict[int, frozenset[str]], entities: dict[int, frozenset[str]], top: int = 300
) -> tuple[list[str], list[str]]:
    """The previous ``filter_choices``: every tag; the entities named in most articles."""
    by_tag: dict[str, set[int]] = {}
    for article_id, names in tags.items():
        for tag in names:
            by_tag.setdefault(tag, set()).add(article_id)
    by_entity: dict[str, set[int]] = {}
    for article_id, names in entities.items():
        for name in names:
            by_entity.setdefault(name, set()).add(article_id)
    ranked = sorted(by_entity, key=lambda n: (-len(by_entity[n]), n.casefold()))[:top]
    return sorted(by_tag), ranked


def _rekeyed(analysis: Analysis, sha: str) -> Analysis:
    return dataclasses.replace(analysis, text_sha256=sha)


def per_article(lib: Library, engine: Engine) -> LibraryFacets:
    """Baseline: the old FacetsJob loop (every article, its annotations and analysis)."""
    tags: dict[int, frozenset[str]] = {}
    entities: dict[int, frozenset[str]] = {}
    for row in articles.list_articles(lib):
        found = {t for a in annotating.annotations_for(lib, row.id) for t in a.tags}
        tags[row.id] = frozenset(found)
        article = articles.get_article(lib, row.id)
        analysis = articles.cached_analysis(lib, article, engine)
        names = (
            {e.name for e in analysis.entities if e.label in ("PERSON", "ORG", "LOC", "MISC")}
            if analysis else set()
        )
        entities[row.id] = frozenset(names)
    return LibraryFacets(tags, entities)


def timed(run: Callable[[], T], repeat: int) -> tuple[float, T]:
    times: list[float] = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    assert result is not None
    return statistics.median(times), result


def peak_mib(run: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def old_entries(lib: Library, engine: Engine) -> tuple[list[str], list[str]]:
    """Baseline: the filters' entries the previous way (per-article sets, then ranked)."""
    found = library_facets(lib, engine.info)
    return old_choices(found.tags, found.entities)


def new_entries(lib: Library, engine: Engine) -> tuple[list[str], list[str]]:
    found = filter_facets(lib, engine.info)
    return [c.value for c in found.tags], [c.value for c in found.entities]


def compare_entries(lib: Library, engine: Engine) -> None:
    """The filters' entries both ways: time (median of 3), peak memory, ratios."""
    figures = {}
    for name, way in (("previous: per-article sets + ranking", old_entries),
                      ("now: GROUP BY merge key, LIMIT 300", new_entries)):

        def run(way: Callable[[Library, Engine], object] = way) -> object:
            return way(lib, engine)

        seconds, _ = timed(run, 3)
        figures[name] = (seconds, peak_mib(run))
    (old_s, old_mib), (new_s, new_mib) = figures.values()
    for name, (seconds, mib) in figures.items():
        print(f"  {name:<40} {seconds * 1000:>8.0f} ms  peak {mib:>7.1f} MiB")
    print(f"  ratio now/previous: time {new_s / old_s:.3f}, peak memory {new_mib / old_mib:.3f}")


def reader_figures(folder: str, old: bool) -> dict[str, float]:
    env = dict(os.environ, BRIEFING_DATA_DIR=folder, QT_QPA_PLATFORM="offscreen",
               BRIEFING_NO_SINGLE_INSTANCE="1")
    if old:
        env["BENCH_OLD_FACETS"] = "1"
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("facets_reader.py"))],
                          env=env, capture_output=True, text=True, timeout=900, check=False)
    found = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        found[name] = float(value)
    if done.returncode:
        print(done.stderr[-1500:], file=sys.stderr)
    return found


def built_libraries(sources: list[str]) -> None:
    engine = get_engine("builtin")
    for source in sources:
        with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parents[1] / "out") as tmp:
            shutil.copytree(source, tmp, dirs_exist_ok=True)
            os.environ["BRIEFING_DATA_DIR"] = tmp
            started = time.perf_counter()
            with Library.open() as lib:
                migrated = time.perf_counter() - started
                count = lib.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                print(f"\nlibrary {source}: {count:,} articles (copied; opened and migrated in "
                      f"{migrated:.1f} s, backup copy included)")
                compare_entries(lib, engine)
            before, after = reader_figures(tmp, True), reader_figures(tmp, False)
            print(f"  reader {'':<33} {'previous':>10} {'now':>10} {'ratio':>8}")
            for key, label in (("complete", "start -> window complete (s)"),
                               ("filters", "start -> filters ready (s)"),
                               ("stall_ms", "longest GUI stall until then (ms)"),
                               ("stall_after_complete_ms", "  of it after window complete (ms)"),
                               ("entities", "entity entries")):
                old, new = before.get(key, float("nan")), after.get(key, float("nan"))
                print(f"  {label:<40} {old:>10.2f} {new:>10.2f} {new / old:>8.2f}")


def main() -> None:
    if sys.argv[1:2] == ["--library"]:
        built_libraries(sys.argv[2:])
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    rng = random.Random(11)
    engine = get_engine("builtin")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_DATA_DIR"] = tmp  # never the user's own library
        with Library.open() as lib:
            database = lib.database
            started = time.perf_counter()
            stats = build(lib, count, engine, rng)
            built = time.perf_counter() - started
            size = database.stat().st_size / 2**20
            old_run = lambda: per_article(lib, engine)  # noqa: E731
            new_run = lambda: library_facets(lib, engine.info)  # noqa: E731
            new_run()  # warm the page cache for both
            old_s, old = timed(old_run, 1)
            new_s, new = timed(new_run, 5)
            old_mib, new_mib = peak_mib(old_run), peak_mib(new_run)
            plans = [
                row[3]
                for sql, args in (
                    (facet_store.TAGS_SQL, ()),
                    (facet_store.ENTITIES_SQL,
                     (engine.info.name, engine.info.version, *facet_store.FILTER_LABELS)),
                )
                for row in lib.conn.execute("EXPLAIN QUERY PLAN " + sql, args)
            ]
    with_tags = sum(1 for t in new.tags.values() if t)
    with_names = sum(1 for n in new.entities.values() if n)
    print(f"library: {count} articles ({stats['analysed']} analysed, {stats['revised']} revised, "
          f"{stats['annotations']} annotations, {stats['tags']} tags), {size:.0f} MiB, "
          f"built in {built:.1f} s")
    print(f"facets: {with_tags} articles with tags, {with_names} with entity names; "
          f"same result as baseline: {new == old}")
    print(f"baseline per-article loop: {old_s * 1000:.0f} ms, peak {old_mib:.1f} MiB")
    print(f"library_facets (2 queries): {new_s * 1000:.0f} ms median of 5, "
          f"peak {new_mib:.1f} MiB")
    print(f"ratio time new/baseline: {new_s / old_s:.3f}; "
          f"ratio peak memory new/baseline: {new_mib / old_mib:.3f}")
    print("query plans: " + "; ".join(plans))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_DATA_DIR"] = tmp
        with Library.open() as lib:
            build(lib, count, engine, random.Random(11))
            print("the filters' entries (every tag, the 300 entities named in most articles):")
            compare_entries(lib, engine)


if __name__ == "__main__":
    main()
