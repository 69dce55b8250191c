"""The entity index across the library, timelines and followed entities."""

from __future__ import annotations

from briefing.services.articles import list_articles
from briefing.services.crossref import (
    articles_for_entity,
    entity_index,
    entity_key,
    follow_entity,
    followed_entities,
    followed_first,
    unfollow_entity,
)
from tests.unit.crossref.conftest import StorySet


def test_entity_keys() -> None:
    assert entity_key("The United States") == entity_key("united states")
    assert entity_key("U.S.") == "us"
    assert entity_key("Kyiv Mayor Vitali Klitschko") == "vitali klitschko"
    assert entity_key("Moscow's") == "moscow"


def test_index_merges_aliases_across_articles(stories: StorySet) -> None:
    index = entity_index(stories.lib)
    by_name = {entry.name: entry for entry in index}
    putin = by_name["Vladimir Putin"]
    assert putin.label == "PERSON"
    assert {a.article_id for a in putin.articles} == {
        stories.file[n]
        for n in (
            "samples:siversk.txt",
            "samples:siversk-revised.txt",
            "siversk-wire.txt",
            "siversk-brief.txt",
            "pokrovsk.txt",
        )
    }
    klitschko = by_name["Vitali Klitschko"]  # "Mayor ..." and "Kyiv Mayor ..." merged
    assert len(klitschko.articles) == 2
    assert not any(entry.label in ("DATE", "PERCENT", "QUANTITY") for entry in index)
    # Most widespread first.
    assert len(index[0].articles) >= len(index[-1].articles)
    assert all(entry.mention_count >= len(entry.articles) for entry in index)


def test_timeline_is_ordered_by_date(stories: StorySet) -> None:
    rows = articles_for_entity(stories.lib, "putin")
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    assert rows[-1].article_id == stories.file["samples:siversk-revised.txt"]
    _article_id, title, date, mentions = rows[0]
    assert isinstance(title, str) and date.startswith("2026-11") and mentions >= 1
    assert articles_for_entity(stories.lib, "Nobody In Particular") == []


def test_followed_entities_surface_first(stories: StorySet) -> None:
    lib = stories.lib
    rows = list_articles(lib)
    assert followed_first(lib, rows) == rows
    assert follow_entity(lib, "lagarde") == "Christine Lagarde"
    assert followed_entities(lib) == ["Christine Lagarde"]
    ordered = followed_first(lib, rows)
    ecb = {stories.file["ecb-rates-a.txt"], stories.file["ecb-rates-b.txt"]}
    assert {row.id for row in ordered[:2]} == ecb
    assert sorted(r.id for r in ordered) == sorted(r.id for r in rows)
    unfollow_entity(lib, "Christine Lagarde")
    assert followed_entities(lib) == [] and followed_first(lib, rows) == rows
