"""Benchmark: review 1,000 queued claims; time each ``decide()`` as the GUI thread would.

Imports synthetic multi-sentence articles with numbers (real ingest + built-in engine) into a
temporary library until at least 1,000 claims wait for a verdict, then decides 1,000 of them
one by one. Prints max / median / p95 per decision against a same-run baseline (a bare
single-row UPDATE transaction on the same database), the time of ``undo_decision`` and of
building the queue. The goal: no decision over 50 ms.
Run: ``.venv/bin/python bench/review.py [--items N] [--seed N]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
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
