"""An engine update that changes claims only (analysis.builtin_info.SAME_ENTITIES): the entity
index, the filters and stories keep reading the older analyses instead of analysing every
article again, never count an article twice while some are re-analysed, and analyse again
once a version changes entities."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.analysis import builtin_info, engine_info, get_engine
from briefing.domain import EngineInfo
from briefing.ingest import IngestedDocument
from briefing.paths import AppPaths
from briefing.services import Library, bulk_analysis, story_store
from briefing.services import articles as article_service
from briefing.services.crossref import entity_summaries
from briefing.services.facets import filter_facets
from briefing.storage import analyses as analysis_store
from briefing.storage import entity_versions
from briefing.storage.entity_rows import articles_without_analysis

SAME = "0.0-same-entities"
TEXTS = [
    "Anna Berg, the mayor of Gdansk, said the port would reopen on Monday. Officials at the "
    "European Commission in Brussels welcomed the decision.",
    "The mayor of Gdansk, Anna Berg, met union leaders on Tuesday. Solidarity said the port "
    "strike was over after talks in Gdansk.",
    "Lars Holm of Maersk said ships would return to Gdansk within days, and the European "
    "Commission said it would send inspectors to the port.",
]


@pytest.fixture()
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Library]:
    """Three articles analysed by an older version whose entities the current one makes."""
    monkeypatch.setattr(builtin_info, "SAME_ENTITIES", (SAME,))
    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "k", tmp_path / "l")
    engine = get_engine()
    with Library.open(paths) as library:
        for n, text in enumerate(TEXTS):
            doc = IngestedDocument(title=f"Port {n}", text=text, published=f"2026-11-2{n}")
            article_service.import_document(library, doc, analyse=False)
            older = replace(engine.analyse(text), engine=EngineInfo("builtin", SAME))
            with library.transaction() as conn:
                analysis_store.put(conn, older, "2026-12-01T00:00:00Z")
        yield library


def _no_analysing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(lib: Library, ids: list[int], engine_name: str) -> None:
        assert not list(ids), "nothing may be analysed again"

    monkeypatch.setattr(bulk_analysis, "analyse_missing", refuse)


def test_the_index_filters_and_stories_read_the_older_analyses(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_analysing(monkeypatch)
    assert articles_without_analysis(lib.conn, engine_info()) == []
    before = entity_summaries(lib)
    facets = filter_facets(lib, engine_info())
    assert {s.name for s in before} >= {"Anna Berg", "Gdansk", "European Commission"}
    assert next(s for s in before if s.name == "Gdansk").article_count == 3
    story_store.catch_up(lib)  # indexes every article from the older analyses

    ids = [row.id for row in article_service.list_articles(lib)]
    article_service.analysis_for(lib, article_service.get_article(lib, ids[0]))  # opened
    versions = entity_versions.indexed(lib.conn, engine_info())
    assert set(versions) == {engine_info().version, SAME}  # both in the index now
    assert entity_summaries(lib) == before  # the re-analysed article is counted once
    assert filter_facets(lib, engine_info()) == facets
    older = EngineInfo("builtin", SAME)
    first = article_service.get_article(lib, ids[0])
    assert analysis_store.get(lib.conn, first.text_sha256, older) is None  # replaced

    for article_id in ids[1:]:
        article_service.analysis_for(lib, article_service.get_article(lib, article_id))
    assert entity_versions.indexed(lib.conn, engine_info()) == (engine_info().version,)
    assert entity_summaries(lib) == before
    assert filter_facets(lib, engine_info()) == facets


def test_a_version_that_changes_entities_analyses_again(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builtin_info, "SAME_ENTITIES", ())
    assert len(articles_without_analysis(lib.conn, engine_info())) == len(TEXTS)
    assert entity_summaries(lib)  # analysed again, then indexed
    assert articles_without_analysis(lib.conn, engine_info()) == []


def test_another_engine_and_unrelated_versions_are_kept(lib: Library) -> None:
    article = article_service.get_article(lib, article_service.list_articles(lib)[0].id)
    text_sha = article.text_sha256
    analysis = get_engine().analyse(article.text)
    kept = [EngineInfo("builtin", "0.0-other"), EngineInfo("llm", SAME)]
    with lib.transaction() as conn:
        for info in kept:
            analysis_store.put(conn, replace(analysis, engine=info), "t")
        analysis_store.put(conn, analysis, "t")  # the current version
    for info in kept:
        assert analysis_store.get(lib.conn, text_sha, info) is not None
    assert analysis_store.get(lib.conn, text_sha, EngineInfo("builtin", SAME)) is None
