"""Checks that a speed change leaves the analysis output unchanged, byte for byte.

Runs the engine over the development texts (../shared/eval/news/*.txt, the samples, every
cnndm-dev.jsonl article and the first --gpt4ref cnndm-gpt4ref-dev.jsonl articles), and writes
or compares the full analysis JSON of each text (sentences, summaries, entities, claims,
claim_candidates, language, layers) plus the unrounded claim scores.

Usage:
  .venv/bin/python bench/identical_output.py --save out/analysis-before.jsonl   # old code
  .venv/bin/python bench/identical_output.py --compare out/analysis-before.jsonl  # new code
``--compare`` prints every text whose output differs (first differing field) and exits 1 when
any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from briefing.analysis import get_engine
from briefing.domain import Analysis

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def normalise(text: str) -> str:
    """As bench/analysis.py: one space between words, no blank lines."""
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def dev_texts(shared: Path, gpt4ref: int) -> Iterator[tuple[str, str]]:
    """(name, text) for each development text, raw and normalised for the plain-text files."""
    files = sorted((shared / "eval" / "news").glob("*.txt")) + sorted(
        (shared / "samples").glob("*.txt")
    )
    for path in files:
        raw = path.read_text(encoding="utf-8")
        yield path.name, normalise(raw)
        yield path.name + ":raw", raw
    for name, limit in (("cnndm-dev.jsonl", None), ("cnndm-gpt4ref-dev.jsonl", gpt4ref)):
        with (shared / "eval" / name).open(encoding="utf-8") as f:
            for n, line in enumerate(f):
                if limit is not None and n >= limit:
                    break
                row = json.loads(line)
                yield f"{name}:{row.get('id', n)}", row["article"]


def dump(analysis: Analysis) -> str:
    """The analysis JSON as one line, with the claims' unrounded scores besides."""
    data = analysis.to_json()
    data["raw_scores"] = [repr(c.score) for c in (*analysis.claims, *analysis.claim_candidates)]
    return json.dumps(data, ensure_ascii=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="write the outputs to this JSONL file")
    mode.add_argument("--compare", type=Path, help="compare with a file --save wrote")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--gpt4ref", type=int, default=1000, help="gpt4ref articles to use")
    args = parser.parse_args()
    engine = get_engine()
    texts = dev_texts(args.shared, args.gpt4ref)
    rows = [(name, dump(engine.analyse(text))) for name, text in texts]
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        with args.save.open("w", encoding="utf-8") as f:
            for name, out in rows:
                f.write(json.dumps({"name": name, "analysis": out}, ensure_ascii=False) + "\n")
        print(f"{len(rows)} analyses written to {args.save}")
        return 0
    with args.compare.open(encoding="utf-8") as f:
        before = {r["name"]: r["analysis"] for r in map(json.loads, f)}
    differ = 0
    for name, out in rows:
        old = before.get(name)
        if old == out:
            continue
        differ += 1
        if old is None:
            print(f"{name}: not in {args.compare}")
            continue
        new_data, old_data = json.loads(out), json.loads(old)
        field = next((k for k in old_data if old_data[k] != new_data.get(k)), "?")
        print(f"{name}: differs in {field!r}")
    missing = set(before) - {name for name, _ in rows}
    for name in sorted(missing):
        print(f"{name}: missing from this run")
    print(f"{len(rows)} texts compared with {args.compare}: {differ + len(missing)} differ")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
