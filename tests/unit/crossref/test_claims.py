"""Figures in words and digits, and claim comparison inside a story cluster."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.services.crossref import clusters, compare_claims
from briefing.services.crossref_claims import find_quantities
from tests.unit.crossref.conftest import StorySet


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit", "hedge"),
    [
        ("Moscow already holds about 75%.", "about 75%", 75, "%", "about"),
        (
            "holds roughly three quarters of the region",
            "roughly three quarters",
            75,
            "%",
            "roughly",
        ),
        ("a third of the voters", "a third", 100 / 3, "%", None),
        ("more than half of the town", "more than half", 50, "%", "more than"),
        ("inflation was 1.8 per cent", "1.8 per cent", 1.8, "%", None),
        ("two-thirds of members", "two-thirds", 200 / 3, "%", None),
        (
            "cut by a quarter of a percentage point",
            "a quarter of a percentage point",
            0.25,
            "pp",
            None,
        ),
        ("some 30 kilometers east", "some 30 kilometers", 30, "km", "some"),
        ("About 400,000 households", "About 400,000", 400_000, "household", "about"),
        ("sales of 3.2 billion euros", "3.2 billion euros", 3.2e9, "EUR", None),
        ("twenty-five people died", "twenty-five", 25, "people", None),
        ("a dozen homes burned", "a dozen", 12, "hom", None),
    ],
)
def test_find_quantities(
    text: str, figure: str, value: float, unit: str, hedge: str | None
) -> None:
    [found] = find_quantities(text)
    assert text[found.start : found.end] == figure
    assert found.value == pytest.approx(value) and found.unit == unit and found.hedge == hedge


def test_vague_years_times_and_scores() -> None:
    [dozens] = find_quantities("dozens of drones")
    assert dozens.vague and dozens.value == 24
    assert find_quantities("In 2026, at 3 a.m., a 2-1 win") == []
    assert find_quantities("the nearly four-year conflict") == []


def test_claims_line_up_and_flag_disagreement(stories: StorySet) -> None:
    siversk = next(c for c in clusters(stories.lib) if stories.file["siversk-wire.txt"]
                   in c.article_ids)  # fmt: skip
    comparisons = compare_claims(stories.lib, siversk)
    share = next(c for c in comparisons if c.unit == "%")
    assert share.differs and share.entity == "Donetsk"
    by_article = {v.article_id: v for v in share.versions}
    assert len(by_article) == 4
    assert by_article[stories.file["samples:siversk.txt"]].figure == "about 75%"
    assert by_article[stories.file["samples:siversk-revised.txt"]].figure == (
        "roughly three quarters"
    )
    assert by_article[stories.file["siversk-wire.txt"]].figure == "roughly 70%"
    assert sorted(set(share.values)) == [70, 75]
    original = by_article[stories.file["samples:siversk.txt"]]
    assert original.hedge == "about" and original.claim_kind == "statistic"
    assert "Donetsk region" in original.sentence
    distance = next(c for c in comparisons if c.unit == "km")
    assert not distance.differs and len(distance.versions) == 4
    assert comparisons[0].differs  # disagreements first


def test_households_differ_in_the_blackout_story(stories: StorySet) -> None:
    blackout = next(c for c in clusters(stories.lib) if stories.file["kyiv-blackout-a.txt"]
                    in c.article_ids)  # fmt: skip
    comparisons = compare_claims(stories.lib, blackout)
    households = next(c for c in comparisons if c.unit == "household")
    assert households.differs and sorted(households.values) == [350_000, 400_000]
    assert households.unit_label == "households"  # a whole word, never the matching stem
    assert all(not c.differs for c in comparisons if c.unit != "household")


def test_unit_labels_are_whole_words() -> None:
    from briefing.services.crossref_claims import _unit_word

    text = "Regulators fined 12 companies and 40% of the banks; 3 km of road closed."
    words = {q.unit: _unit_word(text, q) for q in find_quantities(text)}
    assert words == {"compan": "companies", "%": "", "km": ""}


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789 ,.%-abcdefhilmnoqrstuvwyz")), max_size=80)
    | st.lists(
        st.sampled_from(
            [
                "about",
                "three",
                "quarters",
                "a",
                "third",
                "half",
                "of",
                "75%",
                "1,200",
                "dozens",
                "million",
                "euros",
                "km",
                "-",
                "twenty",
                "five",
                "percent",
                "per",
                "cent",
                "2026",
            ]
        ),
        max_size=12,
    ).map(" ".join)
)
def test_find_quantities_never_fails(text: str) -> None:
    for quantity in find_quantities(text):
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert quantity.value == quantity.value and quantity.value >= 0 and quantity.unit
