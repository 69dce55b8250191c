"""Claim comparisons of stories (``compare_claims``): this checkout against the baseline
(briefing/services/crossref_claims.py as of BASELINE, read from git and loaded beside it),
both run in this process over the same stories of one library, alternating which goes first.

Prints how many stories' comparisons differ (all must be equal: every field, the floats by
their repr, as the cache stores them as JSON) and the time of each side, new ÷ old (wall and
CPU time). The stories are the library's stored ones of two articles or more, biggest first
(`briefing stories` compares the biggest uncached ones first); ``--stories N`` takes the first
N, ``--every K`` every K-th one.

Run: .venv/bin/python bench/claims_speed.py [--data-dir DIR | --articles N] [--stories N]
  DIR: a BRIEFING_DATA_DIR folder, e.g. a copy of /work/libs/n10k (its stories are placed first
  if they are not yet: the first catch-up of 10k articles takes a minute or two). Without it:
  a library of ``--articles`` (default 1,000) built by bench/build_library.py from the dev
  data in a temporary folder (about 30 s).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import types
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.paths import AppPaths  # noqa: E402
from briefing.services import Library  # noqa: E402
from briefing.services.crossref_claims import compare_claims  # noqa: E402
from briefing.services.story_store import catch_up, stored_clusters  # noqa: E402

BASELINE = "5b0ee61"
"""The last commit before the comparisons were made faster (numpy pair scoring, a cheap
pass before the number pattern, per-group article sets)."""


def baseline_module() -> types.ModuleType:
    """crossref_claims.py as of ``BASELINE``, loaded as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{BASELINE}:briefing/services/crossref_claims.py"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    module = types.ModuleType("crossref_claims_baseline")
    sys.modules[module.__name__] = module
    exec(compile(source, f"crossref_claims.py@{BASELINE}", "exec"), module.__dict__)
    return module


def as_json(comparisons: list[Any]) -> str:
    return json.dumps([asdict(c) for c in comparisons], ensure_ascii=False)


def paths_under(root: Path) -> AppPaths:
    return AppPaths(root / "data", root / "config", root / "cache", root / "logs")


def built_library(root: Path, articles: int) -> Library:
    """A library of ``articles`` made by bench/build_library.py under ``root``."""
    subprocess.run([sys.executable, str(ROOT / "bench" / "build_library.py"), "--articles",
                    str(articles), "--data-dir", str(root)], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return Library.open(paths_under(root))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--articles", type=int, default=1000, help="without --data-dir")
    parser.add_argument("--stories", type=int, default=None, help="only the first N stories")
    parser.add_argument("--every", type=int, default=1, help="only every K-th story")
    args = parser.parse_args()
    old = baseline_module()
    with tempfile.TemporaryDirectory() as tmp:
        lib = (built_library(Path(tmp), args.articles) if args.data_dir is None
               else Library.open(paths_under(args.data_dir)))  # fmt: skip
        try:
            began = time.perf_counter()
            placed = catch_up(lib)
            found = stored_clusters(lib)
            print(f"{len(found)} stories of 2+ articles ({placed} articles placed first, "
                  f"{time.perf_counter() - began:.1f} s)")  # fmt: skip
            chosen = found[:: max(1, args.every)][: args.stories]
            run(lib, chosen, old)
        finally:
            lib.close()


def run(lib: Library, stories: list[Any], old: types.ModuleType) -> None:
    wall = {"old": 0.0, "new": 0.0}
    cpu = {"old": 0.0, "new": 0.0}
    sides = {"old": old.compare_claims, "new": compare_claims}
    differ = comparisons = 0
    for n, story in enumerate(stories):
        made = {}
        for side in ("old", "new") if n % 2 == 0 else ("new", "old"):
            w, c = time.perf_counter(), time.process_time()
            made[side] = sides[side](lib, story)
            wall[side] += time.perf_counter() - w
            cpu[side] += time.process_time() - c
        comparisons += len(made["new"])
        if as_json(made["old"]) != as_json(made["new"]):
            differ += 1
            print(f"  differs: story {story.id} ({len(story.article_ids)} articles)")
    sizes = [len(s.article_ids) for s in stories]
    print(f"{len(stories)} stories compared ({sum(sizes)} articles, {max(sizes, default=0)} in "
          f"the biggest), {comparisons} claim comparisons; stories whose comparisons differ: "
          f"{differ}")  # fmt: skip
    for name, spent in (("wall", wall), ("CPU", cpu)):
        ratio = spent["new"] / spent["old"] if spent["old"] else float("nan")
        print(f"{name}: old {spent['old']:.2f} s, new {spent['new']:.2f} s, new ÷ old {ratio:.3f}")


if __name__ == "__main__":
    main()
