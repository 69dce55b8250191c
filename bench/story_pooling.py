"""Pooling for the judged story pairs of bench/data/story_pairs.json: every pair that any
system measured by bench/story_quality.py puts in one group (the stored clustering, the batch
clustering, the headline key, the tf-idf cosine baseline at each threshold, the stored
clustering at each single-link threshold its cross-validation tries) and that nobody has
judged yet, written shuffled and without the system that proposed it, so that it can be
judged blind by the rule in that file.

Two steps:
  .venv/bin/python bench/story_pooling.py list --data-dir DIR --out pool.txt
      writes the unjudged pairs (number, eval ids, each article's opening) to ``pool.txt``
      (systems with more than ``--most`` unjudged pairs are named and left out);
  .venv/bin/python bench/story_pooling.py add --round N pool.txt verdicts.txt
      reads ``verdicts.txt`` (lines "number same|different|unsure") and adds each judged
      pair of ``pool.txt`` to story_pairs.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import story_quality as sq

OPENING = 600
LABELS = ("same", "different", "unsure")


def proposals(folder: Path) -> dict[str, set[frozenset[str]]]:
    """Every pair (eval ids) each measured system puts together, by system (every setting
the bench's cross-validation tries counts as a system)."""
    from briefing.paths import AppPaths
    from briefing.services import Library
    from briefing.services.crossref_clusters import clusters

    ids = sq.build(folder)
    key_of = {v: k for k, v in ids.items()}
    paths = AppPaths(folder / "data", folder / "config", folder / "cache", folder / "logs")
    with Library.open(paths) as lib:
        groups = sq._stored_runs(lib, [
            ("stored, as shipped", {}),
            *((f"stored, link {v}", {("store", "LINK_THRESHOLD"): v}) for v in sq.LINKS),
            *((f"stored, weights {'/'.join(map(str, w))} × penalty {p}",
               {("features", "WEIGHTS"): w, ("features", "SUBJECT_PENALTY"): p})
              for w in sq.WEIGHTS for p in sq.PENALTIES),
        ])  # fmt: skip
        groups["batch"] = [list(c.article_ids) for c in clusters(lib)]
        groups["headline key"] = sq.headline_groups(lib)
        for threshold in sorted({*sq.COSINES, 0.2, 0.3, 0.4, 0.5}):
            groups[f"tf-idf cosine {threshold}"] = sq.tfidf_groups(lib, threshold)
    return {
        name: {frozenset((key_of[a], key_of[b])) for g in found for a, b in combinations(g, 2)}
        for name, found in groups.items()
    }


def judged() -> set[frozenset[str]]:
    data = json.loads(sq.PAIRS.read_text(encoding="utf-8"))
    return {frozenset(pair) for label in LABELS for pair in data[label]}


def list_pool(folder: Path, out: Path, seed: int, most: int) -> None:
    """Write the unjudged pairs of every system with at most ``most`` of them, shuffled."""
    known = judged()
    unjudged: set[frozenset[str]] = set()
    for name, pairs in proposals(folder).items():
        left = pairs - known
        kept = len(left) <= most
        print(
            f"{name}: {len(pairs)} pairs, {len(left)} unjudged"
            f"{'' if kept else ' (too many: not listed)'}"
        )
        if kept:
            unjudged |= left
    pool = sorted(sorted(p) for p in unjudged)
    random.Random(seed).shuffle(pool)
    sq.write_sheet(pool, out, OPENING)
    print(f"{len(pool)} unjudged pairs written to {out}")


def add(round_number: int, pool: Path, verdicts: Path) -> None:
    pairs = sq.read_sheet(pool)
    data = json.loads(sq.PAIRS.read_text(encoding="utf-8"))
    known = judged()
    added = dict.fromkeys(LABELS, 0)
    for line in verdicts.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        number, label = int(fields[0]), fields[1]
        if label not in LABELS or number not in pairs:
            sys.exit(f"{verdicts}: bad line {line!r}")
        pair = pairs[number]
        if frozenset(pair) in known:
            continue
        known.add(frozenset(pair))
        data[label].append(list(pair))
        added[label] += 1
    total = sum(added.values())
    data["how"] += (
        f" Pooling round {round_number}: {total} more pairs, every unjudged pair a "
        "measured system put together (those with too many left aside), listed "
        "shuffled by bench/story_pooling.py without the system that proposed it and "
        "judged blind to the system by the rule: "
        f"{added['same']} same, {added['different']} different, "
        f"{added['unsure']} unsure."
    )
    sq.PAIRS.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"added {added} to {sq.PAIRS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    listing = sub.add_parser("list")
    listing.add_argument("--data-dir", type=Path, required=True)
    listing.add_argument("--out", type=Path, required=True)
    listing.add_argument("--seed", type=int, default=19)
    listing.add_argument(
        "--most",
        type=int,
        default=150,
        help="leave out the systems with more unjudged pairs than this",
    )
    adding = sub.add_parser("add")
    adding.add_argument("--round", type=int, required=True)
    adding.add_argument("pool", type=Path)
    adding.add_argument("verdicts", type=Path)
    args = parser.parse_args()
    if args.step == "list":
        list_pool(args.data_dir, args.out, args.seed, args.most)
    else:
        add(args.round, args.pool, args.verdicts)


if __name__ == "__main__":
    main()
