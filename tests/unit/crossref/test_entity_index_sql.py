"""The entity index built from SQL: same result as merging loaded analyses, one person under
one type across the library, canonical names by the most frequent full form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.analysis import get_engine
from briefing.domain import Analysis, Entity, Span
from briefing.ingest import IngestedDocument
from briefing.paths import AppPaths
from briefing.services import Library
from briefing.services.articles import get_article, import_document
from briefing.services.crossref import (
    articles_for_entity,
    entity_index,
    entity_summaries,
    find_entity,
    load_articles,
    resolve_entities,
)
from briefing.storage import analyses as analysis_store
from tests.unit.crossref.conftest import StorySet

PUTIN = "Владимир Путин"
ABBAS = "محمد عباس"


def test_sql_index_equals_the_index_of_loaded_analyses(stories: StorySet) -> None:
    from_sql = entity_index(stories.lib)
    from_objects = resolve_entities(load_articles(stories.lib)).entries
    assert from_sql and tuple(from_sql) == from_objects
    some = sorted(stories.file.values())[:3]
    assert tuple(entity_index(stories.lib, some)) == (
        resolve_entities(load_articles(stories.lib, some)).entries
    )


@pytest.fixture()
def lib(tmp_path: Path) -> Iterator[Library]:
    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "k", tmp_path / "l")
    with Library.open(paths) as library:
        yield library


def _store(
    lib: Library, text: str, published: str, entities: list[tuple[str, str, int]],
    aliases: tuple[str, ...] = (),
) -> int:  # fmt: skip
    """Import ``text`` unanalysed and store a hand-made analysis: (name, label, mentions);
    the first entity also has ``aliases``."""
    article = import_document(
        lib, IngestedDocument(title=text[:20], text=text, published=published), analyse=False
    ).article
    made = tuple(
        Entity(
            f"e{i}",
            name,
            label,
            (name, *(aliases if i == 1 else ())),
            tuple(Span(0, 1) for _ in range(count)),
        )
        for i, (name, label, count) in enumerate(entities, start=1)
    )
    analysis = Analysis(get_engine("builtin").info, get_article(lib, article.id).text_sha256,
                        entities=made)  # fmt: skip
    with lib.transaction() as conn:
        analysis_store.put(conn, analysis, "2026-01-01T00:00:00Z")
    return article.id


def test_canonical_name_is_never_a_phrase_with_a_prefix_word(lib: Library) -> None:
    a = _store(lib, "First text about things.", "2026-01-01", [("South Dakota", "LOC", 2)])
    b = _store(lib, "Second text about things.", "2026-01-02", [
        ("New South Dakota", "LOC", 4), ("Julian Assange", "PERSON", 1),
    ], aliases=("South Dakota",))  # fmt: skip
    c = _store(lib, "Third text about things.", "2026-01-03", [
        ("Julian Assange", "PERSON", 2), ("Now Assange", "PERSON", 5),
    ], aliases=("Now Assange",))  # fmt: skip
    index = entity_index(lib)
    dakota = find_entity(index, "South Dakota")
    assert dakota is not None and dakota.name == "South Dakota"
    assert [x.article_id for x in articles_for_entity(lib, "South Dakota")] == [a, b]
    assert find_entity(index, "Now Assange") == find_entity(index, "Julian Assange")
    assert [e.name for e in index if "Assange" in e.name] == ["Julian Assange"]
    assert [x.article_id for x in articles_for_entity(lib, "Assange")] == [b, c]


def test_a_surname_under_other_types_joins_its_person(lib: Library) -> None:
    # In one article the tagger merged "Dempsey" (an alias) into Owen Dempsey ...
    article = import_document(
        lib, IngestedDocument(title="t", text="Owen Dempsey. Dempsey.", published="2026-01-01"),
        analyse=False,
    ).article  # fmt: skip
    person = Entity("e1", "Owen Dempsey", "PERSON", ("Dempsey", "Owen Dempsey"),
                    (Span(0, 12), Span(14, 21)))  # fmt: skip
    with lib.transaction() as conn:
        analysis_store.put(
            conn, Analysis(get_engine("builtin").info, article.text_sha256, entities=(person,)),
            "2026-01-01T00:00:00Z",
        )  # fmt: skip
    # ... elsewhere the lone surname was tagged as a place and as an organisation.
    b = _store(lib, "Other text one.", "2026-01-02", [("Dempsey", "LOC", 2)])
    c = _store(lib, "Other text two.", "2026-01-03", [("Dempsey", "ORG", 1)])
    d = _store(lib, "Other text three.", "2026-01-04", [("Dempsey", "LOC", 1)])
    index = entity_index(lib)
    dempseys = [e for e in index if "dempsey" in e.key]
    assert len(dempseys) == 1
    assert dempseys[0].name == "Owen Dempsey" and dempseys[0].label == "PERSON"
    assert {x.article_id for x in dempseys[0].articles} == {article.id, b, c, d}


def test_the_index_follows_the_name_hygiene_rules(lib: Library) -> None:
    """Names stored with quotes, dashes or emoji stuck to them (older analyses), honorifics
    with or without a full stop, other scripts and long names: one clean entry each."""
    long_name = "The International Federation of Red Cross and Red Crescent Societies"
    a = _store(lib, "Text one.", "2026-01-01", [
        ("\u201d Owen Dempsey", "PERSON", 3), ("Taylor \U0001f3a4 Swift", "PERSON", 1),
        (PUTIN, "PERSON", 2),
        (long_name, "ORG", 1),
    ])  # fmt: skip
    b = _store(lib, "Text two.", "2026-01-02", [
        ("Owen Dempsey\u2014", "PERSON", 1), ("Mr. Dempsey", "PERSON", 2),
        ("Taylor Swift \U0001f525", "PERSON", 2),
        (f"\u00ab{PUTIN}\u00bb", "PERSON", 1),
    ])  # fmt: skip
    c = _store(lib, "Text three.", "2026-01-03", [
        ("Owen Dempsey", "PERSON", 1), ("Mr Dempsey", "PERSON", 1), (long_name, "ORG", 2),
    ])  # fmt: skip
    index = entity_index(lib)
    names = {e.name: {x.article_id for x in e.articles} for e in index}
    assert names == {
        "Owen Dempsey": {a, b, c},
        "Dempsey": {b, c},  # "Mr. Dempsey" and "Mr Dempsey": one name, without the honorific
        "Taylor Swift": {a, b},
        PUTIN: {a, b},
        long_name[len("The ") :]: {a, c},
    }
    assert [x.article_id for x in articles_for_entity(lib, "Mr. Dempsey")] == [b, c]
    assert [x.article_id for x in articles_for_entity(lib, "\u201cTaylor Swift\u201d")] == [a, b]
    summaries = entity_summaries(lib)
    assert [(s.name, s.article_count) for s in summaries] == [
        (e.name, len(e.articles)) for e in index
    ]
    assert tuple(index) == resolve_entities(load_articles(lib)).entries
