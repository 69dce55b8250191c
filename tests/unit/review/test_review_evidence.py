"""Offline evidence: other articles ranked by shared entities and numbers."""

from __future__ import annotations

from briefing.domain import Article
from briefing.services import Library
from briefing.services.review import (
    evidence_article_id,
    evidence_candidates,
    evidence_link,
    review_queue,
)

from .conftest import ImportText, with_analysis


def _library(lib: Library, import_text: ImportText) -> dict[str, Article]:
    texts = {
        "a": "Vladimir Putin met officials in Berlin. Gas exports fell by 40 percent in 2023.",
        "b": "Vladimir Putin gave a speech. Officials said gas exports fell by 40 percent.",
        "c": "Paris bakers sold more bread. A recipe needs 200 grams of flour.",
        "d": "Trade with the east shrank 40 percent. Nobody was surprised.",
    }
    entities = {
        "a": [("Vladimir Putin", "PERSON"), ("Berlin", "LOC"), ("2023", "DATE")],
        "b": [("Vladimir Putin", "PERSON")],
        "c": [("Paris", "LOC")],
        "d": [],
    }
    claims = {
        "a": [
            ("Vladimir Putin met officials in Berlin.", 0.7, "other"),
            ("Gas exports fell by 40 percent in 2023.", 0.9, "statistic"),
        ],
        "b": [("gas exports fell by 40 percent.", 0.8, "statistic")],
        "c": [],
        "d": [],
    }
    stored = {}
    for key, text in texts.items():
        stored[key] = import_text(text, title=key.upper())
        with_analysis(lib, stored[key], claims[key], entities[key])
    return stored


def test_candidates_rank_shared_entities_and_numbers(lib: Library, import_text: ImportText) -> None:
    arts = _library(lib, import_text)
    items = {i.quote: i for i in review_queue(lib, article_id=arts["a"].id)}
    numbers = evidence_candidates(lib, items["Gas exports fell by 40 percent in 2023."])
    # B: Putin (1, not in the quote) + "40" (1.5); D: "40" only; C shares nothing
    assert numbers == [(arts["b"].id, "B", 2.5), (arts["d"].id, "D", 1.5)]
    names = evidence_candidates(lib, items["Vladimir Putin met officials in Berlin."])
    assert names == [(arts["b"].id, "B", 2.0)]  # named in the quote: weight 2
    assert evidence_candidates(lib, items["Gas exports fell by 40 percent in 2023."], limit=1) == [
        (arts["b"].id, "B", 2.5)
    ]


def test_candidates_with_the_real_engine_exclude_the_items_article(
    lib: Library, import_text: ImportText, siversk_text: str
) -> None:
    own = import_text(siversk_text)
    other = import_text(
        "Russian troops captured Siversk, officials in Kyiv said. Ukraine lost 30 positions."
    )
    import_text("A recipe for apple pie needs flour, butter and apples.")
    item = review_queue(lib, article_id=own.id)[0]
    found = evidence_candidates(lib, item)
    assert found and found[0][0] == other.id
    assert own.id not in {article_id for article_id, _, _ in found}
    assert [s for _, _, s in found] == sorted((s for _, _, s in found), reverse=True)


def test_evidence_links_round_trip() -> None:
    assert evidence_link(12) == "briefing:article/12"
    assert evidence_article_id("briefing:article/12") == 12
    assert evidence_article_id("https://example.org/12") is None
    assert evidence_article_id("briefing:article/x") is None
    assert evidence_article_id(None) is None
