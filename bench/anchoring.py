"""Benchmark: re-anchor 1,000 annotations on a 10,000-word article after 50 random edits.

Prints the time of ``reanchor_all`` against a same-run naive baseline (one ``str.find`` of
each quote in the new text) and against ``reanchor`` called per selector without the old
text, and the share of exact / moved / changed / orphaned results.
Run: ``.venv/bin/python bench/anchoring.py [--seed N]``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from briefing.anchoring import reanchor, reanchor_all
from briefing.domain.span import Selector

WORDS = 10_000
ANNOTATIONS = 1_000
EDITS = 50


def make_article(rng: random.Random) -> str:
    vocab = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10)))
        for _ in range(4_000)
    ]
    paragraphs, count = [], 0
    while count < WORDS:
        sentences = []
        for _ in range(rng.randint(3, 7)):
            words = [rng.choice(vocab) for _ in range(rng.randint(8, 28))]
            count += len(words)
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return "\n".join(paragraphs)


def edit(text: str, rng: random.Random) -> str:
    """50 random edits: word replacements, insertions, deletions and one moved sentence."""
    words = text.split(" ")
    for _ in range(EDITS):
        i = rng.randrange(len(words))
        kind = rng.random()
        if kind < 0.4:
            words[i] = rng.choice(words)
        elif kind < 0.7:
            words[i:i] = rng.sample(words, rng.randint(1, 12))
        elif kind < 0.95:
            del words[i : i + rng.randint(1, 12)]
        else:
            j = rng.randrange(len(words))
            chunk = words[i : i + 15]
            del words[i : i + 15]
            words[j:j] = chunk
    return " ".join(words)


def make_selectors(text: str, rng: random.Random) -> list[Selector]:
    starts = [i + 1 for i, ch in enumerate(text) if ch == " "]
    selectors = []
    for _ in range(ANNOTATIONS):
        start = rng.choice(starts)
        end = start
        for _ in range(rng.randint(1, 20)):
            nxt = text.find(" ", end + 1)
            end = len(text) if nxt < 0 else nxt
        selectors.append(Selector.from_text(text, start, end))
    return selectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    seed = parser.parse_args().seed
    rng = random.Random(seed)
    old = make_article(rng)
    new = edit(old, rng)
    selectors = make_selectors(old, rng)

    t0 = time.perf_counter()
    naive_found = sum(new.find(s.exact) >= 0 for s in selectors)
    baseline = time.perf_counter() - t0

    t0 = time.perf_counter()
    results = reanchor_all(selectors, old, new)
    elapsed = time.perf_counter() - t0

    t0 = time.perf_counter()
    singles = [reanchor(s, new) for s in selectors]
    per_selector = time.perf_counter() - t0
    agree = sum(
        a.state == b.state and a.selector == b.selector
        for a, b in zip(results, singles, strict=True)
    )

    states = Counter(r.state for r in results)
    print(f"article: {len(old.split())} words, {len(old)} chars; {EDITS} edits; seed {seed}")
    print(f"reanchor_all: {elapsed * 1000:.1f} ms for {len(selectors)} annotations (goal < 200 ms)")
    print(
        f"baseline naive str.find: {baseline * 1000:.1f} ms "
        f"({naive_found} of {len(selectors)} quotes found verbatim)"
    )
    print(f"ratio reanchor_all / baseline: {elapsed / max(baseline, 1e-9):.1f}x")
    print(
        f"per-selector reanchor() without the old text: {per_selector * 1000:.1f} ms "
        f"(reanchor_all is {per_selector / max(elapsed, 1e-9):.1f}x faster; "
        f"same outcome for {agree} of {len(selectors)})"
    )
    shares = ", ".join(
        f"{state} {states[state] / len(results):.1%}"
        for state in ("exact", "moved", "changed", "orphaned")
    )
    print(f"shares: {shares}")


if __name__ == "__main__":
    main()
