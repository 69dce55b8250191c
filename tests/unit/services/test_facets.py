"""Library filters read in bulk: same tags and entity names per article as loading each
article, its annotations and its cached analysis one at a time (the old FacetsJob loop)."""

from __future__ import annotations

import random
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis import Engine, get_engine
from briefing.analysis.entity_keys import merge_key
from briefing.domain import Analysis, Annotation, Article, EngineInfo, Entity, Selector, text_sha256
from briefing.ingest import read_plain
from briefing.services import Library, annotating, articles
from briefing.services.facets import (
    LibraryFacets,
    choice_article_ids,
    entity_choice,
    filter_facets,
    library_facets,
)
from briefing.services.revising import revise_article
from briefing.storage import analyses as analysis_store
from briefing.storage import annotations as annotation_store
from briefing.storage import articles as article_store
from briefing.storage import facets as facet_store
from briefing.storage import open_database

WAR = (
    "Vladimir Putin met Emmanuel Macron in Paris on Tuesday, officials said.\n"
    "The United Nations said about 75% of the region was held by Russian forces."
)
HEALTH = "Angela Merkel spoke in Berlin.\nThe World Health Organization warned hospitals in Kenya."
CITY = "The mayor of London, Sadiq Khan, denied it on Tuesday.\nReuters reported on the vote."
REVISED_FROM = "Vladimir Putin visited Kursk on Monday.\nThe Kremlin said talks would resume."
REVISED_TO = "Officials visited Kursk on Monday.\nThe Kremlin said talks would resume in Geneva."
FILTER_LABELS = {"PERSON", "ORG", "LOC", "MISC"}


@pytest.fixture
def lib() -> Iterator[Library]:
    with Library.open() as opened:
        yield opened


def per_article_facets(lib: Library, engine: Engine) -> LibraryFacets:
    """The old FacetsJob loop: every article, its annotations and its analysis, one by one."""
    tags: dict[int, frozenset[str]] = {}
    entities: dict[int, frozenset[str]] = {}
    for row in articles.list_articles(lib):
        tags[row.id] = frozenset(t for a in annotating.annotations_for(lib, row.id) for t in a.tags)
        article = articles.get_article(lib, row.id)
        analysis = articles.cached_analysis(lib, article, engine)
        names = (
            {e.name for e in analysis.entities if e.label in ("PERSON", "ORG", "LOC", "MISC")}
            if analysis else set()
        )
        entities[row.id] = frozenset(names)
    return LibraryFacets(tags, entities)


def _import(lib: Library, text: str, title: str, *, analyse: bool = True) -> Article:
    return articles.import_document(lib, read_plain(text, title=title), analyse=analyse).article


def _tag(lib: Library, article: Article, quote: str, *tags: str) -> None:
    start = article.text.index(quote)
    annotating.save_annotation(
        lib, annotating.new_annotation(article, start, start + len(quote), tags=tags)
    )


def test_empty_library_has_no_facets(lib: Library) -> None:
    assert library_facets(lib, get_engine().info) == LibraryFacets({}, {})


def _mixed_library(lib: Library) -> dict[str, Article]:
    """Tagged and untagged, analysed and not, revised and deleted articles, and an analysis by
    another version of the engine."""
    engine = get_engine()
    war = _import(lib, WAR, "War")
    _tag(lib, war, "Vladimir Putin", "frontline", "to check")
    _tag(lib, war, "Paris", "frontline")
    _tag(lib, war, "officials said")  # an annotation without tags
    health = _import(lib, HEALTH, "Health")  # analysed, never annotated
    city = _import(lib, CITY, "City", analyse=False)  # tagged, never analysed
    _tag(lib, city, "Sadiq Khan", "politics")
    # An analysis of the city's current text by another version of the engine: not used.
    old = EngineInfo(engine.info.name, engine.info.version + "-old")
    with lib.transaction() as conn:
        analysis_store.put(conn, Analysis(old, city.text_sha256, entities=(
            Entity("e1", "Ghost Person", "PERSON", (), ()),)), "t")
    revised = _import(lib, REVISED_FROM, "Revised")
    _tag(lib, revised, "Kursk", "frontline")
    revise_article(lib, revised.id, REVISED_TO)  # the analysis naming Putin no longer applies
    gone = _import(lib, HEALTH + "\nDeleted later.", "Gone")
    _tag(lib, gone, "Berlin", "gone")
    articles.delete_article(lib, gone.id)
    return {"war": war, "health": health, "city": city, "revised": revised}


def test_same_facets_as_the_per_article_loop(lib: Library) -> None:
    engine = get_engine()
    made = _mixed_library(lib)
    war, health, city, revised = made["war"], made["health"], made["city"], made["revised"]

    facets = library_facets(lib, engine.info)

    assert facets == per_article_facets(lib, engine)
    assert set(facets.tags) == set(facets.entities) == {war.id, health.id, city.id, revised.id}
    assert facets.tags[war.id] == {"frontline", "to-check"}
    assert facets.tags[health.id] == frozenset()
    assert facets.tags[city.id] == {"politics"}
    assert {"Vladimir Putin", "Paris", "United Nations"} <= facets.entities[war.id]
    assert "Tuesday" not in facets.entities[war.id]  # a DATE is not a filter
    assert facets.entities[city.id] == frozenset()
    assert "Vladimir Putin" not in facets.entities[revised.id]
    assert "Kursk" in facets.entities[revised.id]
    # The stale analysis is still cached: only the revision check keeps it out.
    assert articles.get_article(lib, revised.id).text_sha256 != text_sha256(REVISED_FROM)
    assert analysis_store.get(lib.conn, text_sha256(REVISED_FROM), engine.info) is not None


def test_filter_entries_are_grouped_counts_of_the_same_facets(lib: Library) -> None:
    """The reader's filters (entries counted in SQL, articles read per entry) keep exactly the
    articles the per-article facets give, entities merged by their merge key."""
    engine = get_engine()
    _mixed_library(lib)
    old = per_article_facets(lib, engine)
    found = filter_facets(lib, engine.info)
    tags = {t for names in old.tags.values() for t in names}
    assert [c.value for c in found.tags] == sorted(tags)
    for choice in found.tags:
        ids = {aid for aid, names in old.tags.items() if choice.value in names}
        assert choice_article_ids(lib, engine.info, choice) == ids
        assert choice.articles == len(ids)
    by_key: dict[str, set[int]] = {}
    for aid, names in old.entities.items():
        for name in names:
            by_key.setdefault(merge_key(name), set()).add(aid)
    assert {c.keys[0] for c in found.entities} <= set(by_key)
    counts = [c.articles for c in found.entities]
    assert counts == sorted(counts, reverse=True) and "Vladimir Putin" in {
        c.value for c in found.entities
    }
    for choice in found.entities:
        ids = choice_article_ids(lib, engine.info, choice)
        assert ids == by_key[choice.keys[0]] and choice.articles == len(ids)
    assert [c.value for c in filter_facets(lib, engine.info, limit=2).entities] == [
        c.value for c in found.entities[:2]
    ]
    quoted = entity_choice(lib, engine.info, "\u201cVladimir Putin\u201d")
    assert quoted is not None and quoted.value == "Vladimir Putin" and quoted.articles == 1
    assert entity_choice(lib, engine.info, "Nobody Known") is None


def test_other_engine_sees_no_entities(lib: Library) -> None:
    war = _import(lib, WAR, "War")
    facets = library_facets(lib, EngineInfo("some-other-engine", "1"))
    assert facets.entities == {war.id: frozenset()}


def test_reads_inside_a_callers_transaction(lib: Library) -> None:
    war = _import(lib, WAR, "War")
    _tag(lib, war, "Paris", "travel")
    with lib.transaction():
        assert library_facets(lib, get_engine().info).tags == {war.id: {"travel"}}
    assert not lib.conn.in_transaction


TAGS = ("alpha", "beta", "gamma", "delta")
NAMES = ("Ann Lee", "Kyiv", "Acme Corp", "Tuesday", "Bob Ray")
LABELS = ("PERSON", "ORG", "LOC", "MISC", "DATE", "PERCENT")
ENGINE = EngineInfo("builtin", "9.9")

article_specs = st.lists(
    st.fixed_dictionaries({
        "annotations": st.lists(st.lists(st.sampled_from(TAGS), max_size=3), max_size=3),
        "entities": st.none() | st.lists(
            st.tuples(st.sampled_from(NAMES), st.sampled_from(LABELS)), max_size=4),
        "stale": st.booleans(),  # its analysis was made for an earlier text
    }),
    max_size=6,
)


def _store(conn: sqlite3.Connection, specs: list[dict]) -> dict[int, dict]:
    stored: dict[int, dict] = {}
    conn.execute("BEGIN")
    for i, spec in enumerate(specs):
        text = f"Article number {i}."
        article = article_store.insert(conn, Article(0, f"A{i}", text, text_sha256(text),
                                                     imported_at="2025-01-01T00:00:00Z"))
        for j, tags in enumerate(spec["annotations"]):
            annotation_store.upsert(conn, Annotation(
                id=f"urn:uuid:{i}-{j}", article_id=article.id,
                selector=Selector(0, 7, "Article"), tags=tuple(tags), created="t", modified="t"))
        if spec["entities"] is not None:
            sha = text_sha256(text + " earlier") if spec["stale"] else article.text_sha256
            entities = tuple(Entity(f"e{k}", name, label, (), ())
                             for k, (name, label) in enumerate(spec["entities"]))
            analysis_store.put(conn, Analysis(ENGINE, sha, entities=entities), "t")
        stored[article.id] = spec
    conn.execute("COMMIT")
    return stored


@settings(max_examples=40, deadline=None)
@given(article_specs)
def test_bulk_queries_equal_a_plain_python_computation(specs: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        conn = open_database(Path(tmp) / "lib.sqlite3")
        try:
            stored = _store(conn, specs)
            tags, entities = facet_store.facet_rows(conn, ENGINE)
        finally:
            conn.close()
    assert tags == {
        aid: frozenset(t for annotation in spec["annotations"] for t in annotation)
        for aid, spec in stored.items()
    }
    assert entities == {
        aid: frozenset(
            name for name, label in (spec["entities"] or ()) if label in FILTER_LABELS
        ) if not spec["stale"] else frozenset()
        for aid, spec in stored.items()
    }


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.none() | st.sampled_from(TAGS))), st.randoms())
def test_grouping_does_not_depend_on_row_order(
    rows: list[tuple[int, str | None]], rng: random.Random
) -> None:
    shuffled = list(rows)
    rng.shuffle(shuffled)
    expected: dict[int, set[str]] = {}
    for article_id, value in rows:
        expected.setdefault(article_id, set()).update(() if value is None else (value,))
    assert facet_store.group_by_article(shuffled) == expected
