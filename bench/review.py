"""Benchmark: review 1,000 queued claims; time each ``decide()`` as the GUI thread would.

Imports synthetic multi-sentence articles with numbers (real ingest + built-in engine) into a
temporary library until at least 1,000 claims wait for a verdict, then decides 1,000 of them
one by one. Prints max / median / p95 per decision against a same-run baseline (a bare
single-row UPDATE transaction on the same database), the time of ``undo_decision`` and of
building the queue. The goal: no decision over 50 ms.
Run: ``.venv/bin/python bench/review.py [--items N] [--seed N]``.

With ``--libraries DIR...`` (libraries built by bench/build_library.py, copied before use)
it measures instead, on each of them beside a one-article library built in the same run:
``briefing review --json`` to the end (wall, CPU, peak memory, output size; goals: under
500 MB, usable at 100k), ``briefing list --json`` (streamed), and the GUI's paged review
queue (QueueIndex: the walk until the count and first page, then one further page).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing.domain import VERDICTS
from briefing.paths import AppPaths
from briefing.services import Library
from briefing.services.articles import import_source
from briefing.services.review import decide, queue_progress, review_queue, undo_decision

BUDGET_MS = 50.0
PEOPLE = ["Maria Lopez", "John Carter", "Olena Shevchenko", "Ahmed Rahman", "Li Wei", "Anna Berg"]
ORGS = ["the statistics office", "the central bank", "the health ministry", "Eurostat", "the IMF"]
PLACES = ["Berlin", "Kyiv", "Madrid", "Warsaw", "Lagos", "Osaka", "Lyon", "Porto"]
TOPICS = ["unemployment", "inflation", "rents", "exports", "hospital admissions", "wheat prices"]
TEMPLATES = [
    "{topic} in {place} rose by {n} percent in {year}, {org} said.",
    "{person} said that {topic} would fall by {n} percent next year.",
    "According to {org}, {n} people in {place} were affected in {year}.",
    "{topic} reached {m} million euros, the highest level since {year}.",
    "{person} told reporters in {place} that the plan was working.",
    "The weather in {place} was mild on {day}.",
    "{topic} in {place} is now {n} percent higher than in {year} because of the war.",
    "Officials in {place} met on {day} to discuss {topic}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_article(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        sentences = [
            rng.choice(TEMPLATES).format(
                topic=rng.choice(TOPICS),
                place=rng.choice(PLACES),
                org=rng.choice(ORGS),
                person=rng.choice(PEOPLE),
                n=rng.randint(2, 95),
                m=round(rng.uniform(1, 900), 1),
                year=rng.randint(1990, 2025),
                day=rng.choice(DAYS),
            )
            for _ in range(rng.randint(3, 6))
        ]
        paragraphs.append(" ".join(s[0].upper() + s[1:] for s in sentences))
    return "\n".join(paragraphs)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def describe(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"{name:<22} n={len(samples):>5}  median {statistics.median(samples):7.3f} ms  "
        f"p95 {p95:7.3f} ms  max {max(samples):7.3f} ms"
    )


def fill(lib: Library, folder: Path, rng: random.Random, wanted: int) -> tuple[int, float]:
    """Import synthetic articles until ``wanted`` claims are queued; (articles, seconds)."""
    count, start = 0, time.perf_counter()
    queued = 0
    while queued < wanted:
        for _ in range(20):
            count += 1
            path = folder / f"article-{count}.txt"
            path.write_text(make_article(rng), encoding="utf-8")
            import_source(lib, str(path), title=f"Synthetic {count}")
        queued = queue_progress(lib)["left"]
    return count, time.perf_counter() - start


PAGES = """
import json, sys, time
from briefing.services import Library
from briefing.services.review_pages import PageFilters, QueueIndex
start = time.perf_counter(); cpu = time.process_time()
with Library.open() as lib:
    index = QueueIndex(lib).build()
    count = index.count(PageFilters()); first = index.page(PageFilters(), 0)
    index.progress()
    shown = (time.perf_counter() - start, time.process_time() - cpu)
    start = time.perf_counter(); more = index.page(PageFilters(), count // 2)
    print(json.dumps({"count": count, "shown": shown, "page_ms": (time.perf_counter() - start)
                      * 1000, "rows": len(first) + len(more)}))
"""


def scale(folders: list[Path]) -> int:
    """``review --json``, ``list --json`` and the GUI queue's pages, per library."""
    import subprocess

    from cli_scale import copied, env_for, one_article_library, ratio, run_cli

    results: dict[str, dict[str, Any]] = {}

    def measure(name: str, folder: Path) -> None:
        print(f"{name}:", flush=True)
        found: dict[str, Any] = {}
        for label, args in (("review --json", ["review", "--json"]),
                            ("list --json", ["list", "--json"])):
            found[label] = run = run_cli(folder, args)
            print(f"  {label:<16} {run.row()}", flush=True)
        done = subprocess.run([sys.executable, "-c", PAGES], env=env_for(folder),
                              capture_output=True, text=True, check=True)
        pages = json.loads(done.stdout)
        found["pages"] = pages
        print(f"  GUI review queue  {pages['count']:,} items: count + first page shown after "
              f"{pages['shown'][0]:.2f} s (cpu {pages['shown'][1]:.2f} s); a page from the "
              f"middle {pages['page_ms']:.0f} ms", flush=True)
        results[name] = found

    with one_article_library() as one:
        measure("1 article (baseline)", one)
    for folder in folders:
        with copied(folder) as copy:
            measure(str(folder), copy)
    base = results.pop("1 article (baseline)")
    print("ratios against the one-article library (cpu):")
    for name, found in results.items():
        parts = []
        for label in ("review --json", "list --json"):
            run, ref = found[label], base[label]
            parts.append(f"{label} {ratio(run.cpu, ref.cpu)} (peak {run.peak_mb:.0f} MB)")
        print(f"  {name}: " + "; ".join(parts))
    peak = max((f["review --json"].peak_mb for f in results.values()), default=0.0)
    print(f"review --json peak memory goal 500 MB: {'OK' if peak < 500 else 'over'} "
          f"(max {peak:.0f} MB)")
    return 0 if peak < 500 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--libraries", nargs="+", type=Path, metavar="DIR",
                        help="measure the commands on these built libraries instead")
    args = parser.parse_args(argv)
    if args.libraries:
        return scale(args.libraries)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-review-") as tmp:
        root = Path(tmp)
        paths = AppPaths(root / "data", root / "config", root / "cache", root / "logs")
        (root / "in").mkdir()
        with Library.open(paths) as lib:
            articles, seconds = fill(lib, root / "in", rng, args.items)
            build_ms = timed(lambda: review_queue(lib))
            queue = review_queue(lib)[: args.items]
            print(
                f"library: {articles} synthetic articles imported in {seconds:.1f} s; "
                f"{len(review_queue(lib))} claims queued (queue built in {build_ms:.1f} ms)"
            )

            baseline = []
            for i in range(len(queue)):
                article_id = queue[i].article_id

                def bare_update(article_id: int = article_id) -> None:
                    with lib.transaction() as conn:
                        conn.execute(
                            "UPDATE articles SET title = title WHERE id = ?", (article_id,)
                        )

                baseline.append(timed(bare_update))

            decisions, decided = [], []
            for i, item in enumerate(queue):
                verdict = VERDICTS[i % len(VERDICTS)]
                start = time.perf_counter()
                decided.append(decide(lib, item, verdict))
                decisions.append((time.perf_counter() - start) * 1000)
            undos = []
            for item in queue[:200]:
                start = time.perf_counter()
                undo_decision(lib, item)
                undos.append((time.perf_counter() - start) * 1000)
            left = queue_progress(lib)["left"]

    print(describe("baseline UPDATE txn", baseline))
    print(describe("decide()", decisions))
    print(describe("undo_decision()", undos))
    ratio_median = statistics.median(decisions) / statistics.median(baseline)
    ratio_max = max(decisions) / max(baseline)
    print(
        f"ratio decide/baseline: median x{ratio_median:.1f}, max x{ratio_max:.1f}; "
        f"items left after deciding {len(decisions)} and undoing 200: {left}"
    )
    spikes = (sum(1 for d in decisions if d > 10), sum(1 for d in baseline if d > 10))
    print(
        f"calls over 10 ms (disk sync, WAL checkpoints): decide {spikes[0]}, baseline {spikes[1]}"
    )
    slow = sum(1 for d in decisions if d > BUDGET_MS)
    verdict = "OK" if slow == 0 else f"{slow} decisions over budget"
    print(f"budget {BUDGET_MS:.0f} ms per decision: {verdict} (max {max(decisions):.2f} ms)")
    return 0 if slow == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
