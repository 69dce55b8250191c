"""Build resources/analysis/names_misc.txt and names_org.txt (word lists for the entity tagger).

Usage (from the repository root):
       .venv/bin/pip download --no-deps countryinfo==1.0.1 pycountry==26.2.16 -d out/pkgs
       (cd out/pkgs && unzip -oq countryinfo-1.0.1-py3-none-any.whl -d ci \
                    && unzip -oq pycountry-26.2.16-py3-none-any.whl -d pc)
       .venv/bin/python scripts/analysis/build_type_words.py [--pkgs out/pkgs]

``names_misc.txt``: words that are typically MISC in CoNLL-2003 — nationality and people
words (the ``demonym`` of every country in the countryinfo package's data, MIT, and their
plurals: "Germans"), the names of the ~180 languages with an ISO 639-1 code (pycountry's
iso639-3.json, from Debian's iso-codes, LGPL-2.1; names only) and a short hand-written list
of regional and religious adjectives ("European", "Muslim"). ``names_org.txt``: a
hand-written list of words that end or head organisation names (legal forms "Inc", "Corp",
"Ltd"; institutions "Ministry", "Party", "Bank"; club words "United", "Rovers", "FC").
Single words only (a multi-word demonym contributes its words' last one: "Lankan"); words
that are ordinary lower-case words in the CoNLL-2003 training text (a word-frequency list,
as the other name lists use it) and place names of gazetteer_loc.txt ("Djibouti") are dropped
from the MISC list.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from build_gazetteer import lowercase_words  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parents[2] / "resources" / "analysis"

REGIONAL = (
    "African Asian European American Arab Arabian Latin Nordic Scandinavian Baltic Balkan "
    "Caribbean Mediterranean Oriental Western Eastern Slavic Celtic Anglo Hispanic Pacific "
    "Atlantic Asiatic Soviet Communist Socialist Islamic Islamist Muslim Moslem Christian "
    "Catholic Protestant Orthodox Jewish Jew Jews Hindu Sikh Buddhist Shi'ite Sunni Shia "
    "Kurdish Kurd Kurds Basque Tamil Palestinian Palestinians Zionist Marxist Maoist Gaullist "
    "Republican Democrat Democratic Conservative Liberal Labour Tory Tories"
)
ORG_WORDS = (
    # legal forms
    "Inc Inc. Corp Corp. Co Co. Ltd Ltd. Plc PLC plc LLC LLP AG GmbH SA S.A. NV N.V. BV "
    "SpA S.p.A. AB ASA Oyj KK Bhd Pty Holdings Holding Group Company Corporation "
    "Incorporated Limited Partners Associates Brothers Bros Industries Enterprises "
    "International Technologies Systems Securities Capital Investments Airlines Airways "
    "Motors Petroleum Pharmaceuticals Electric Telecom Communications Bancorp Bankshares "
    "Trust Fund Funds Exchange Bourse Reserve "
    # institutions
    "Ministry Party Council Committee Commission Agency Parliament Court Department Office "
    "Service Bank University College Institute Federation Union Organisation Organization "
    "Association Assembly Senate Congress Cabinet Government Administration Authority "
    "Bureau Board Police Army Navy Force Forces Front Movement League Alliance Coalition "
    "Church Society Foundation Centre Center Club Federal National Agency Press News Times "
    "Post Journal Herald Tribune Radio Television TV Network Hospital School Academy "
    # sports clubs
    "FC F.C. AFC CF SC SV FK United City Rovers Wanderers Athletic Albion Rangers Town "
    "County Villa Wednesday Hotspur Olympique Sporting Real Dynamo Spartak Lokomotiv "
    "Juventus Ajax PSV Borussia Bayern Racing Stade Club Celtic Hearts Orient Argyle "
    "Alexandra Stanley Vale Athletico Atletico Internazionale Inter Lazio Roma "
    "Nationals Giants Yankees Mets Dodgers Cubs Sox Braves Astros Padres Pirates Reds "
    "Orioles Tigers Royals Twins Angels Mariners Rockies Marlins Expos Phillies Cardinals "
    "Brewers Indians Athletics Jays"
)


def demonyms(ci_data: Path) -> set[str]:
    out: set[str] = set()
    for path in sorted(ci_data.glob("*.json")):
        value = json.loads(path.read_text(encoding="utf-8")).get("demonym") or ""
        for part in re.split(r"[,/;]| or ", value):
            words = part.strip().split()
            if not words or not words[-1].isalpha() or not words[-1][:1].isupper():
                continue
            word = words[-1]
            out.add(word)
            if word.endswith(("an", "i")):  # American -> Americans, Iraqi -> Iraqis
                out.add(word + "s")
    return out


def languages(iso639: Path) -> set[str]:
    entries = json.loads(iso639.read_text(encoding="utf-8"))["639-3"]
    out: set[str] = set()
    for entry in entries:
        if "alpha_2" not in entry:
            continue
        name = re.sub(r"\s*\(.*\)", "", entry["name"]).split(";")[0].strip()
        word = name.split()[-1] if name else ""
        if word.isalpha() and word[:1].isupper():
            out.add(word)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pkgs", type=Path, default=Path("out/pkgs"))
    parser.add_argument("--conll", type=Path, default=Path("/work/shared/eval/conll2003-train.txt"))
    args = parser.parse_args()
    common = lowercase_words(args.conll)
    misc = demonyms(args.pkgs / "ci" / "countryinfo" / "data")
    misc |= languages(args.pkgs / "pc" / "pycountry" / "databases" / "iso639-3.json")
    misc |= set(REGIONAL.split())
    places = set((OUT / "gazetteer_loc.txt").read_text(encoding="utf-8").splitlines())
    kept = sorted(w for w in misc - places if len(w) >= 3 and common[w.lower()] < 3)
    org = sorted(set(ORG_WORDS.split()))
    for name, words in (("names_misc.txt", kept), ("names_org.txt", org)):
        (OUT / name).write_text("\n".join(words) + "\n", encoding="utf-8")
        print(f"wrote {len(words)} words to {OUT / name}")


if __name__ == "__main__":
    main()
