"""The "differs" line of a story: only figures that cannot be the same value (hedges and
written precision allow a range), labelled with whole words, never a matching stem."""

from __future__ import annotations

import pytest

from briefing.ingest import IngestedDocument
from briefing.services import Library
from briefing.services.articles import import_document
from briefing.services.crossref_claims import (
    ClaimVersion,
    compare_claims,
    consistent,
    figure_range,
    find_quantities,
)
from briefing.services.crossref_clusters import Cluster


def version(figure: str) -> ClaimVersion:
    [quantity] = find_quantities(figure)
    return ClaimVersion(1, "t", figure, quantity.start, quantity.end, figure, quantity.value,
                        quantity.hedge, None)  # fmt: skip


@pytest.mark.parametrize(("first", "second", "agree"), [
    ("about 75%", "roughly 70%", False),
    ("about 75%", "roughly three quarters", True),
    ("more than 70%", "75%", True),
    ("more than 80%", "75%", False),
    ("up to 30 people", "25 people", True),
    ("less than 20 people", "25 people", False),
    ("nearly 50 people", "48 people", True),
    ("nearly 50 people", "52 people", False),
    ("3.2 billion euros", "3.24 billion euros", True),
    ("3.2 billion euros", "3.3 billion euros", False),
    ("400,000 households", "350,000 households", False),
    ("1,200 households", "1,200 households", True),
])  # fmt: skip
def test_figures_differ_only_when_no_value_fits_both(first: str, second: str,
                                                     agree: bool) -> None:  # fmt: skip
    assert consistent([version(first), version(second)]) is agree
    assert consistent([version(second), version(first)]) is agree


def test_ranges() -> None:
    low, high = figure_range(version("75%"))
    assert low <= 75 <= high and high - low == pytest.approx(75 * 0.005)
    low, high = figure_range(version("3.2 billion euros"))
    assert low == pytest.approx(3.15e9) and high == pytest.approx(3.25e9)
    assert figure_range(version("more than 70%"))[1] == float("inf")


def _story(lib: Library, texts: tuple[str, ...]) -> Cluster:
    ids = tuple(import_document(lib, IngestedDocument(
        title=f"Regulators act on pricing, report {n}", text=text,
        published="2026-11-20T10:00:00Z")).article.id for n, text in enumerate(texts))  # fmt: skip
    return Cluster("story", "t", ids, (), 1.0)


def test_comparisons_use_whole_words_and_agree_under_hedges(samples: object) -> None:
    with Library.open() as lib:
        cluster = _story(lib, (
            "The Competition Authority fined 12 companies over fuel pricing in Leeds. "
            "More than 300 households complained to the Competition Authority.",
            "The Competition Authority fined 15 companies over fuel pricing in Leeds. "
            "The Competition Authority said 320 households complained.",
        ))  # fmt: skip
        found = compare_claims(lib, cluster)
    companies = next(c for c in found if c.unit == "compan")
    assert companies.differs and companies.unit_label == "companies"
    households = next(c for c in found if c.unit == "household")
    assert not households.differs and households.unit_label == "households"
    for comparison in found:  # a label is a word as the articles write it, or a unit
        words = {w.strip(".,").lower() for v in comparison.versions for w in v.sentence.split()}
        assert comparison.unit_label in words or comparison.unit_label in {"%", "km", "EUR"}
