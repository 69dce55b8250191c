"""Stored story clustering at scale (bench/stories.py --scale): on libraries of 1k, 10k and
100k articles made by bench/build_library.py (copies of given folders, or built here), the
first catch-up (features indexed + every article placed), the from-scratch rebuild from the
stored features, listing the stored stories, `briefing stories` end to end (the figures of at
most 100 new stories compared and cached per run, cached ones read) and the cost of adding one
article (import and analysis excluded: the story update only; median CPU time of several).
Baselines in the same run: the batch clustering of the same 1k library (`clusters()`, what
`briefing stories` ran before), and every per-article cost beside the 1k library's.

Run: .venv/bin/python bench/stories.py --scale [--lib10k DIR] [--lib100k DIR] [--sizes ...]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.paths import AppPaths

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
ADDED = 10


def prepare(size: int, source: Path | None, work: Path) -> Path:
    """A library folder of ``size`` articles under ``work``: a copy of ``source``, or built."""
    folder = work / f"lib{size}"
    if source is not None and (source / "data" / "library.sqlite3").is_file():
        shutil.copytree(source, folder)
        return folder
    subprocess.run([PY, str(ROOT / "bench" / "build_library.py"), "--articles", str(size),
                    "--data-dir", str(folder)], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return folder


def cli_seconds(folder: Path, timeout: float) -> str:
    env = dict(os.environ, BRIEFING_DATA_DIR=str(folder))
    began = time.perf_counter()
    try:
        subprocess.run([PY, "-m", "briefing", "stories"], env=env, check=True, timeout=timeout,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    except subprocess.TimeoutExpired:
        return f"over {timeout:.0f} s"
    return f"{time.perf_counter() - began:.1f} s"


@dataclass
class Result:
    articles: int = 0
    stories: int = 0
    catch_up_s: float = 0.0
    rebuild_s: float = 0.0
    list_s: float = 0.0
    cli_first: str = ""
    cli_second: str = ""
    add_one_ms: float = 0.0
    batch_s: float | None = None
    batch_stories: int = 0


def measure(folder: Path, *, baseline: bool, cli_timeout: float | None) -> Result:
    from briefing.paths import AppPaths
    from briefing.services import Library
    from briefing.services.crossref_clusters import clusters
    from briefing.services.story_store import catch_up, rebuild, stored_clusters

    paths = AppPaths(folder / "data", folder / "config", folder / "cache", folder / "logs")
    found = Result()
    with Library.open(paths) as lib:
        size = int(lib.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        found.articles = size
        if baseline:
            began = time.perf_counter()
            old = clusters(lib)
            found.batch_s = time.perf_counter() - began
            found.batch_stories = len(old)
        began = time.perf_counter()
        catch_up(lib)
        found.catch_up_s = time.perf_counter() - began
        began = time.perf_counter()
        rebuild(lib)
        found.rebuild_s = time.perf_counter() - began
        began = time.perf_counter()
        listed = stored_clusters(lib)
        found.list_s = time.perf_counter() - began
        found.stories = len(listed)
    if cli_timeout is not None:
        found.cli_first = cli_seconds(folder, cli_timeout)
        found.cli_second = cli_seconds(folder, cli_timeout)
    found.add_one_ms = add_one_ms(paths)
    return found


def add_one_ms(paths: AppPaths, count: int = ADDED) -> float:
    """Median CPU time of placing one new article (a late edition of a random one)."""
    from briefing.ingest import IngestedDocument
    from briefing.services import Library
    from briefing.services.articles import analysis_for, get_article, import_document
    from briefing.services.story_store import catch_up

    rng = random.Random(3)
    costs = []
    with Library.open(paths) as lib:
        rows = lib.conn.execute("SELECT id, published FROM articles ORDER BY id").fetchall()
        for n in range(count):
            model_id, published = rows[rng.randrange(len(rows))]
            model = get_article(lib, model_id)
            new = import_document(lib, IngestedDocument(
                title=f"{model.title} (late edition {n})",
                text=f"{model.text}\nLate edition {n}, updated.", published=published,
            )).article  # fmt: skip
            analysis_for(lib, get_article(lib, new.id))
            began = time.process_time()  # CPU time: the machine may be shared
            placed = catch_up(lib)
            costs.append(time.process_time() - began)
            assert placed == 1, placed
    return statistics.median(costs) * 1000


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench/stories.py --scale")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--lib10k", type=Path, default=Path("/work/libs/lib10k"))
    parser.add_argument("--lib100k", type=Path, default=Path("/work/libs/lib100k"))
    parser.add_argument("--work", type=Path, help="folder for the copies (default: a temp one)")
    parser.add_argument("--cli-timeout", type=float, default=1800.0)
    parser.add_argument("--skip-cli", action="store_true",
                        help="do not time `briefing stories` (its first run compares the "
                        "figures of every story)")
    args = parser.parse_args(argv)
    sources = {10_000: args.lib10k, 100_000: args.lib100k}
    work = Path(tempfile.mkdtemp(prefix="stories-scale-", dir=args.work))
    results: dict[int, Result] = {}
    try:
        for size in sorted(args.sizes):
            folder = prepare(size, sources.get(size), work)
            results[size] = measure(folder, baseline=size == min(args.sizes),
                                    cli_timeout=None if args.skip_cli
                                    else args.cli_timeout)  # fmt: skip
            print(f"{size:,}: {results[size]}", file=sys.stderr, flush=True)
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = results[min(results)]
    print("| library | first catch-up (index + place) | rebuild from stored features | "
          "per article vs smallest | list stories | `briefing stories` 1st / 2nd run | "
          "add one article (median CPU time of 10) | vs smallest |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results.values():
        per = r.rebuild_s / r.articles / (base.rebuild_s / base.articles)
        print(f"| {r.articles:,} ({r.stories:,} stories of 2+) | {r.catch_up_s:.1f} s | "
              f"{r.rebuild_s:.1f} s | {per:.2f}× | {r.list_s:.2f} s | "
              f"{r.cli_first} / {r.cli_second} | {r.add_one_ms:.0f} ms | "
              f"{r.add_one_ms / base.add_one_ms:.2f}× |")  # fmt: skip
    if base.batch_s is not None:
        print(f"\nbaseline, same run: the batch clusters() (before: what `briefing stories` ran) "
              f"on the {base.articles:,}-article library: {base.batch_s:.1f} s "
              f"({base.batch_stories:,} stories); stored rebuild there: {base.rebuild_s:.1f} s")
