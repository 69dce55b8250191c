"""Many missing analyses at once (services.bulk_analysis): computed in spawned workers the same
as one by one, stored, reported; one by one when few or when the reader's child makes them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.analysis import engine_info, get_engine
from briefing.domain import Analysis
from briefing.ingest import IngestedDocument
from briefing.paths import AppPaths
from briefing.services import Library
from briefing.services import articles as article_service
from briefing.services import bulk_analysis as bulk
from briefing.storage import analyses as analysis_store
from briefing.storage.entity_rows import articles_without_analysis

TEXTS = [
    f"Officials in {city} said on Monday that {n} new bridges would open by {2027 + n}. "
    f"The mayor, Anna Berg, called it the largest works programme in {city}'s history."
    for n, city in enumerate(["Lyon", "Gdansk", "Porto", "Tartu", "Varna", "Cork", "Brno"])
]


@pytest.fixture()
def lib(tmp_path: Path) -> Iterator[Library]:
    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "k", tmp_path / "l")
    with Library.open(paths) as library:
        for n, text in enumerate(TEXTS):
            doc = IngestedDocument(title=f"Bridges {n}", text=text)
            article_service.import_document(library, doc, analyse=False)
        yield library


def _stored(lib: Library, article_id: int) -> Analysis | None:
    article = article_service.get_article(lib, article_id)
    return analysis_store.get(lib.conn, article.text_sha256, engine_info())


def test_workers_store_what_the_engine_makes_and_report_each_batch(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "PARALLEL_MIN", 2)
    monkeypatch.setattr(bulk, "BATCH", 2)
    reports: list[tuple[str, int, int]] = []
    bulk.report_progress_with(lambda *report: reports.append(report))
    try:
        missing = articles_without_analysis(lib.conn, engine_info())
        assert len(missing) == len(TEXTS)
        bulk.analyse_missing(lib, missing, "builtin")
    finally:
        bulk.report_progress_with(None)
    assert articles_without_analysis(lib.conn, engine_info()) == []
    engine = get_engine()
    for article_id in missing:
        stored = _stored(lib, article_id)
        text = article_service.get_article(lib, article_id).text
        assert stored is not None and stored == engine.analyse(text)
    label = f"builtin {engine_info().version}"
    assert reports == [(label, done, 7) for done in (2, 4, 6, 7)]


def test_a_deleted_article_is_left_out(lib: Library) -> None:
    first = articles_without_analysis(lib.conn, engine_info())[0]
    made = bulk._analysed(("builtin", [first, 10_000]), lib)
    assert len(made) == 1
    assert made[0].text_sha256 == article_service.get_article(lib, first).text_sha256


def test_few_or_made_elsewhere_are_computed_one_by_one(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_workers(*_: object, **__: object) -> None:
        raise AssertionError("no worker may start")

    monkeypatch.setattr("briefing.services.story_extract.in_order", no_workers)
    missing = articles_without_analysis(lib.conn, engine_info())
    bulk.analyse_missing(lib, missing[:2], "builtin")  # below PARALLEL_MIN
    assert len(articles_without_analysis(lib.conn, engine_info())) == len(TEXTS) - 2

    texts: list[str] = []

    def child(name: str, text: str) -> Analysis:
        texts.append(text)
        return get_engine(name).analyse(text)

    monkeypatch.setattr(bulk, "PARALLEL_MIN", 1)
    article_service.compute_analyses_with(child)
    try:
        bulk.analyse_missing(lib, missing[2:], "builtin")
    finally:
        article_service.compute_analyses_with(None)
    assert len(texts) == len(TEXTS) - 2
    assert articles_without_analysis(lib.conn, engine_info()) == []
