"""Inter-annotator check of the judged story pairs of bench/data/story_pairs.json: a fixed-seed,
stratified random sample of judged pairs listed shuffled with the articles' texts but without
their labels and without any system's output, judged again by a second annotator by the rule
in that file, and the two sets of labels compared (raw agreement and Cohen's kappa with
"unsure" as its own class, and the same on same vs not-same), with every disagreement listed.

Three steps:
  .venv/bin/python bench/story_agreement.py sample --out sample.txt
      writes the sampled pairs (number, eval ids, each article's opening) to ``sample.txt``;
  .venv/bin/python bench/story_agreement.py show ID [ID ...]
      prints the whole text of articles (where the opening is not enough);
  .venv/bin/python bench/story_agreement.py record sample.txt verdicts.txt
      reads ``verdicts.txt`` (lines "number same|different|unsure") and writes the second
      labels to bench/data/story_pairs_second.json;
  .venv/bin/python bench/story_agreement.py compare
      compares story_pairs_second.json with the labels in story_pairs.json (``--labels``
      for another version of it) and lists the disagreements with how each was settled
      (its "adjudicated" entries, written by hand after re-reading both texts).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import story_quality as sq

LABELS = ("same", "different", "unsure")
SECOND = sq.PAIRS.with_name("story_pairs_second.json")
OPENING = 1200


def first_labels(labels: Path) -> dict[frozenset[str], str]:
    data = json.loads(labels.read_text(encoding="utf-8"))
    return {frozenset(pair): label for label in LABELS for pair in data[label]}


def draw(labels: Path, size: int, seed: int) -> list[tuple[str, str]]:
    """About half the sample from the "same" pairs, the rest from "different" and "unsure"
    (unsure over-drawn to an eighth of the sample so that it can be compared at all),
    shuffled together; the same pairs for the same seed and labels file."""
    data = json.loads(labels.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    quota = {"same": size // 2, "unsure": size // 8}
    quota["different"] = size - quota["same"] - quota["unsure"]
    chosen: list[tuple[str, str]] = []
    for label in LABELS:
        pairs = sorted(tuple(sorted(p)) for p in data[label])
        chosen += rng.sample(pairs, min(quota[label], len(pairs)))  # type: ignore[arg-type]
    rng.shuffle(chosen)
    return chosen


def write_sample(labels: Path, out: Path, size: int, seed: int) -> None:
    written = sq.write_sheet(draw(labels, size, seed), out, OPENING, words=True)
    print(f"{written} pairs written to {out} (seed {seed}, no labels)")


def record(sample: Path, verdicts: Path, seed: int) -> None:
    pairs = sq.read_sheet(sample)
    second = []
    judged: set[int] = set()
    for line in verdicts.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) != 2 or not fields[0].isdigit() or fields[1] not in LABELS:
            sys.exit(f"{verdicts}: bad line {line!r} (want 'number same|different|unsure')")
        if int(fields[0]) not in pairs:
            sys.exit(f"{verdicts}: pair {fields[0]} is not in {sample}")
        judged.add(int(fields[0]))
        second.append([*pairs[int(fields[0])], fields[1]])
    missing = sorted(set(pairs) - judged)
    if missing:
        sys.exit(f"{verdicts}: no verdict for pairs {missing}")
    SECOND.write_text(json.dumps({
        "how": f"A second, independent judgement of {len(second)} pairs of story_pairs.json "
               f"drawn by bench/story_agreement.py (seed {seed}), judged by the rule there "
               "without the stored labels and without any system's output.",
        "pairs": second,
    }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")  # fmt: skip
    print(f"{len(second)} verdicts written to {SECOND}")


def kappa(first: Sequence[str], second: Sequence[str]) -> tuple[float, float]:
    """Raw agreement and Cohen's kappa of two label sequences."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    one, two = Counter(first), Counter(second)
    expected = sum(one[k] * two[k] for k in one.keys() | two.keys()) / (n * n)
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def compare(labels: Path) -> None:
    known = first_labels(labels)
    data = json.loads(SECOND.read_text(encoding="utf-8"))
    second = data["pairs"]
    rows = [(a, b, known[frozenset((a, b))], label) for a, b, label in second]
    first = [r[2] for r in rows]
    mine = [r[3] for r in rows]
    print(
        f"{len(rows)} pairs; first annotator: {dict(Counter(first))}; second: {dict(Counter(mine))}"
    )
    raw, k = kappa(first, mine)
    print(f"three classes (unsure its own class): agreement {raw:.3f}, Cohen's kappa {k:.3f}")
    binary = [("same" if x == "same" else "not") for x in first]
    binary2 = [("same" if x == "same" else "not") for x in mine]
    raw, k = kappa(binary, binary2)
    print(f"same vs not-same: agreement {raw:.3f}, Cohen's kappa {k:.3f}")
    sure = [i for i, r in enumerate(rows) if "unsure" not in r[2:]]
    raw, k = kappa([first[i] for i in sure], [mine[i] for i in sure])
    print(
        f"pairs neither annotator called unsure ({len(sure)}): agreement {raw:.3f}, kappa {k:.3f}"
    )
    print("\nconfusion (rows: first annotator, columns: second):")
    print("| | " + " | ".join(LABELS) + " |")
    for label in LABELS:
        cells = [sum(1 for r in rows if r[2] == label and r[3] == other) for other in LABELS]
        print(f"| {label} | " + " | ".join(map(str, cells)) + " |")
    print("\ndisagreements (first -> second):")
    settled = {frozenset(x["pair"]): x for x in data.get("adjudicated", [])}
    for a, b, one, two in rows:
        if one != two:
            verdict = settled.get(frozenset((a, b)))
            after = f"; adjudicated {verdict['final']}: {verdict['reason']}" if verdict else ""
            print(f"  {a} | {b}: {one} -> {two}{after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument(
        "--labels",
        type=Path,
        default=sq.PAIRS,
        help="the first annotator's labels (default: story_pairs.json; the check of "
        "2026-12-04 was drawn from and compared with its version at commit b34e4e1)",
    )
    sub = parser.add_subparsers(dest="step", required=True)
    sampling = sub.add_parser("sample")
    sampling.add_argument("--out", type=Path, required=True)
    sampling.add_argument("--size", type=int, default=80)
    showing = sub.add_parser("show")
    showing.add_argument("ids", nargs="+")
    recording = sub.add_parser("record")
    recording.add_argument("sample", type=Path)
    recording.add_argument("verdicts", type=Path)
    sub.add_parser("compare")
    args = parser.parse_args()
    if args.step == "sample":
        write_sample(args.labels, args.out, args.size, args.seed)
    elif args.step == "show":
        text = dict(sq.documents())
        for key in args.ids:
            print(f"== {key}\n{text[key]}\n")
    elif args.step == "record":
        record(args.sample, args.verdicts, args.seed)
    else:
        compare(args.labels)


if __name__ == "__main__":
    main()
