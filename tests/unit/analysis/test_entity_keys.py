"""The merge key and clean display form of entity names across articles: the per-article
hygiene rules (punctuation, quotes, dashes, emoji, honorifics, prefix words) hold for them."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.analysis.entity_keys import clean_name, merge_key

PUTIN = "Владимир Путин"
ABBAS = "محمد عباس"


@pytest.mark.parametrize(
    ("names", "label"),
    [
        (["Owen Dempsey", "\u201d Owen Dempsey", "Owen Dempsey\u201d", "\u2018Owen Dempsey\u2019"],
         "PERSON"),
        (["Putin", "Mr Putin", "Mr. Putin", "Putin's", "Putin\u2019s", "President Putin"],
         "PERSON"),
        (["Vitali Klitschko", "Kyiv Mayor Vitali Klitschko"], "PERSON"),
        (["Julian Assange", "Now Julian Assange", "Hey Julian Assange"], "PERSON"),
        (["South Dakota", "New South Dakota"], "LOC"),
        (["U.S.", "US", "the US"], "LOC"),
        (["Taylor Swift", "Taylor \U0001f3a4 Swift", "Taylor Swift \U0001f525",
          "Taylor \u2014 Swift"], "PERSON"),
        (["Paris Saint-Germain", "Paris Saint Germain", "Paris Saint\u2010Germain"], "ORG"),
        (["Recep Tayyip Erdo\u011fan", "Recep Tayyip Erdogan", "Recep Tayyip Erdog\u0306an"],
         "PERSON"),  # as one article merges them (entities.fold_accents)
        (["Lech Wa\u0142\u0119sa", "Lech Walesa"], "PERSON"),
        ([PUTIN,
          f"\u00ab{PUTIN}\u00bb"],
         "PERSON"),
        ([ABBAS, f"\u201c{ABBAS}\u201d"],
         "PERSON"),
    ],
)
def test_spellings_of_one_name_share_a_key(names: list[str], label: str) -> None:
    keys = {merge_key(name, label) for name in names}
    assert len(keys) == 1 and keys != {""}, keys


@pytest.mark.parametrize(
    ("one", "other", "label"),
    [
        ("New York", "York", "LOC"),  # "New York" is a place of its own
        ("Martin Luther King Jr.", "Jr.", "PERSON"),  # "King" here is a surname
        ("US Vogue", "Vogue", "ORG"),  # an acronym in front is part of the name
        ("South Dakota", "North Dakota", "LOC"),
    ],
)
def test_different_names_keep_different_keys(one: str, other: str, label: str) -> None:
    assert merge_key(one, label) != merge_key(other, label)

def test_titles_are_dropped_only_for_people() -> None:
    assert merge_key("General Motors", "ORG") == "general motors"
    assert merge_key("General Mark Milley", "PERSON") == "mark milley"


def test_a_long_name_keeps_every_word() -> None:
    name = " ".join(f"Word{i}" for i in range(60))
    assert merge_key(name, "ORG").split() == [f"word{i}" for i in range(60)]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\u201d Dempsey", "Dempsey"),
        ("\u201cBrexit\u201d", "Brexit"),
        ("Taylor \U0001f3a4 Swift", "Taylor Swift"),
        ("(Reuters)", "Reuters"),
        ("U.S.", "U.S."),
        ("Martin Luther King Jr.", "Martin Luther King Jr."),
        ("Dempsey.", "Dempsey"),
        ("\u2014", ""),
    ],
)
def test_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


_NAME_CHAR = st.characters(blacklist_categories=("Cs",))


@given(st.text(_NAME_CHAR, max_size=40), st.sampled_from(["PERSON", "ORG", "LOC", "MISC"]))
def test_a_key_holds_only_name_characters_and_ignores_cleaning(name: str, label: str) -> None:
    key = merge_key(name, label)
    assert all(c == " " or unicodedata.category(c)[0] in "LMN" for c in key)
    assert key == " ".join(key.split())
    assert merge_key(clean_name(name), label) == key


def test_a_hyphenated_name_is_not_a_full_personal_name() -> None:
    from briefing.analysis.entity_keys import is_full_name

    assert is_full_name("Owen Dempsey", merge_key("Owen Dempsey", "PERSON"))
    assert not is_full_name("McLaren-Honda", merge_key("McLaren-Honda", "ORG"))
    assert not is_full_name("Mr Dempsey", merge_key("Mr Dempsey", "PERSON"))
