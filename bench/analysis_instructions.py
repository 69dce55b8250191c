"""Instructions the analysis engine executes for one pass over the news texts (valgrind).

Usage: .venv/bin/python bench/analysis_instructions.py [--news /work/shared/eval/news]

Runs itself under valgrind's callgrind, which counts only inside one call of
``functools.reduce`` wrapping one pass of ``engine.analyse`` over the texts, after a
warm-up pass (resources loaded, caches filled, as in bench/analysis.py's best-of runs).
The count does not depend on the machine's load, so on a busy machine it compares two
versions of the code where words/s cannot: run it in each checkout. It takes a few minutes
(callgrind runs Python about 50 times slower). Needs valgrind (``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_INSIDE = "BRIEFING_UNDER_CALLGRIND"


def normalise(text: str) -> str:
    """As bench/analysis.py: one space between words, no blank lines."""
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def one_pass(news: Path) -> None:
    """Warm up, then analyse every text once inside ``functools.reduce`` (what is counted)."""
    from briefing.analysis import get_engine

    texts = [normalise(p.read_text(encoding="utf-8")) for p in sorted(news.glob("*.txt"))]
    engine = get_engine()
    for text in texts:
        engine.analyse(text)
    functools.reduce(lambda _, text: engine.analyse(text), texts, None)


def count(news: Path) -> int:
    """Instructions of the counted pass, from a callgrind run of this script."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("bench/analysis_instructions.py: valgrind is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        command = [
            valgrind,
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=functools_reduce",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--news",
            str(news),
        ]
        run = subprocess.run(
            command, env={**os.environ, _INSIDE: "1"}, capture_output=True, text=True
        )
        if run.returncode != 0 or not out.exists():
            raise SystemExit(f"valgrind failed ({run.returncode}): {run.stderr[-2000:]}")
        for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("summary:"):
                return int(line.split()[1])
    raise SystemExit("callgrind wrote no summary line")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news", type=Path, default=Path("/work/shared/eval/news"))
    args = parser.parse_args()
    if os.environ.get(_INSIDE):
        one_pass(args.news)
        return
    words = sum(
        len(normalise(p.read_text(encoding="utf-8")).split()) for p in args.news.glob("*.txt")
    )
    instructions = count(args.news)
    per_word = instructions / words
    print(f"{words:,} words: {instructions:,} instructions per pass ({per_word:,.0f} a word)")


if __name__ == "__main__":
    main()
