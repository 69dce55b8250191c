"""The merge key and the clean display form of an entity name across articles.

The same hygiene rules as within one article (:mod:`briefing.analysis.mention_hygiene`):
quotes, dashes, brackets, symbols and emoji are never part of a name; full stops and
apostrophes do not tell names apart ("U.S." = "US", "O'Brien" = "OBrien"); a leading "the"
and a possessive "'s" go; for a person (or an unknown type) an honorific or job title in front
goes, with or without a full stop ("Mr. Putin" = "Mr Putin" = "Putin", "Kyiv Mayor Vitali
Klitschko" = "Vitali Klitschko"); a word that only opens a sentence goes ("Now Assange" =
"Assange"; "New South Dakota" = "South Dakota" when only the rest is a known place). Letters
of every script and digits are kept; case and accents are folded ("Erdoğan" = "Erdogan",
as :func:`briefing.analysis.entities.fold_accents` folds them within one article).

The key is computed when an analysis is stored and kept in the library (``entity_refs``),
so the cross-article index groups by it in SQL.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from briefing.analysis.entities import NAMED, fold_accents
from briefing.analysis.mention_hygiene import HONORIFICS, JOB_TITLES, is_prefixed
from briefing.analysis.tokens import word_set

INDEXED_LABELS = NAMED
"""Entity labels the cross-article index and the library's filters use (not values)."""

TITLES = HONORIFICS | JOB_TITLES | word_set(
    "king queen pope general gen captain dr mr mrs ms prof sir dame lord chair"
)
"""Words in front of a person's name that are not part of it (lower case, no full stop)."""

_JOINING = frozenset(".'’ʼ&")  # dropped without a space: "U.S." -> "us", "AT&T" -> "att"


def _is_name_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def _places(name: str) -> bool:
    from briefing.analysis.resources import gazetteer

    return name in gazetteer()


@lru_cache(maxsize=200_000)
def merge_key(name: str, label: str | None = None) -> str:
    """Comparable form of an entity name (see the module's rules); '' when nothing is left."""
    words = clean_name(name).split()
    if len(words) > 1 and is_prefixed(" ".join(words), _places):
        words = words[1:]
    folded = fold_accents(unicodedata.normalize("NFKC", " ".join(words)).casefold())
    if folded.endswith(("'s", "’s")):
        folded = folded[:-2]
    tokens = "".join(
        "" if char in _JOINING else char if char == " " or _is_name_char(char) else " "
        for char in folded
    ).split()
    if tokens[:1] == ["the"]:
        tokens = tokens[1:]
    if label in (None, "PERSON"):
        for i, token in enumerate(tokens[:3]):  # "Dr X"; "Kyiv Mayor X" (not "... King Jr")
            if (token in TITLES if i == 0 else token in JOB_TITLES) and i + 1 < len(tokens):
                return " ".join(tokens[i + 1 :])
    return " ".join(tokens)


def is_full_name(name: str, key: str) -> bool:
    """Whether a name (with its merge key) has several words of its own ("Owen Dempsey"; not
    "Dempsey", nor "McLaren-Honda", whose key splits at the hyphen)."""
    return " " in key and " " in name.strip()


def clean_name(name: str) -> str:
    """``name`` without words that hold no letter or digit (quotes, dashes, emoji) and without
    punctuation at its ends ("” Dempsey" -> "Dempsey", "“Brexit”" -> "Brexit"); a final full
    stop stays after an abbreviation ("Jr.", "U.S.")."""
    words = [word for word in name.split() if any(_is_name_char(c) for c in word)]
    if not words:
        return ""
    first = words[0]
    while first and not _is_name_char(first[0]):
        first = first[1:]
    words[0] = first
    last = words[-1]
    while last and not _is_name_char(last[-1]) and not _abbreviation_end(last):
        last = last[:-1]
    words[-1] = last
    return " ".join(words)


def _abbreviation_end(word: str) -> bool:
    """A word ending in the full stop of an abbreviation ("U.S.", "Jr.", "St.")."""
    if not word.endswith("."):
        return False
    stem = word[:-1]
    return "." in stem or (stem.isalpha() and stem[:1].isupper() and len(stem) <= 3)
