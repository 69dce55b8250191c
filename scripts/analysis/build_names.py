"""Build resources/analysis/names_first.txt and names_last.txt (person-name lists).

Usage (from the repository root):
       .venv/bin/pip download --no-deps names==0.3.0 -d out/names
       tar xzf out/names/names-0.3.0.tar.gz -C out/names
       .venv/bin/python scripts/analysis/build_names.py [--source out/names/names-0.3.0/names]
       [--last 20000]

Source: the 1990 US Census name-frequency files (dist.male.first, dist.female.first,
dist.all.last; a US Government work, public domain) as packaged by the `names` package (MIT).
All first names are kept, and the ``--last`` most frequent surnames. Names that are ordinary
lower-case English words in the CoNLL-2003 training text (used only as a word-frequency list)
are dropped, like the place gazetteer does ("Will", "May", "Young" stay out).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from build_gazetteer import lowercase_words  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parents[2] / "resources" / "analysis"


def read_names(path: Path, limit: int | None = None) -> list[str]:
    names = []
    for line in path.read_text(encoding="ascii").splitlines():
        word = line.split(" ", 1)[0].strip()
        if word.isalpha():
            names.append(word.capitalize())
        if limit is not None and len(names) >= limit:
            break
    return names


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=Path("out/names/names-0.3.0/names"))
    parser.add_argument("--conll", type=Path, default=Path("/work/shared/eval/conll2003-train.txt"))
    parser.add_argument("--last", type=int, default=20_000)
    args = parser.parse_args()
    common = lowercase_words(args.conll)
    first = read_names(args.source / "dist.male.first") + read_names(
        args.source / "dist.female.first"
    )
    last = read_names(args.source / "dist.all.last", args.last)
    for name, words in (("names_first.txt", first), ("names_last.txt", last)):
        kept = sorted({w for w in words if len(w) >= 2 and common[w.lower()] < 3})
        (OUT / name).write_text("\n".join(kept) + "\n", encoding="utf-8")
        print(f"wrote {len(kept)} names to {OUT / name}")


if __name__ == "__main__":
    main()
