"""The paged review queue (QueueIndex): pages read one after another equal review_queue with
the same filters, counts equal its length, progress equals queue_progress, and only a page's
articles are built in full."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing.domain import Article
from briefing.domain.annotation import TO_CHECK_TAG
from briefing.services import Library
from briefing.services import review as review_service
from briefing.services.annotating import annotate_quote
from briefing.services.articles import get_article
from briefing.services.review import decide, queue_progress, review_queue
from briefing.services.review_pages import PageFilters, QueueIndex
from briefing.storage import briefs as brief_store

from .conftest import ImportText, with_analysis

TEXT = (
    "Unemployment rose by 12 percent in 2023, the ministry said. Prices fell 3.5% last year. "
    "The central bank will raise rates next year. Nobody expected the storm."
)
CLAIMS = [
    ("Unemployment rose by 12 percent in 2023", 0.9, "statistic"),
    ("Prices fell 3.5% last year.", 0.5, "statistic"),
    ("The central bank will raise rates next year.", 0.7, "prediction"),
]
FILTERS = [
    PageFilters(),
    PageFilters(include_decided=True),
    PageFilters(kind="statistic"),
    PageFilters(kind="annotation", include_decided=True),
    PageFilters(tag="to-check"),
    PageFilters(verdict="supported"),
    PageFilters(verdict="none", include_decided=True),
    PageFilters(article_id=3),
]


@pytest.fixture
def many(lib: Library, import_text: ImportText) -> list[Article]:
    articles = []
    for n in range(6):
        article = import_text(f"{TEXT} Edition {n}.", title=f"T{n}",
                              imported_at=f"2025-01-0{n + 1}T00:00:00Z")
        with_analysis(lib, article, CLAIMS, [])
        articles.append(article)
    annotate_quote(lib, articles[2].id, "Nobody expected the storm", tags=[TO_CHECK_TAG])
    first = review_queue(lib)
    decide(lib, first[0], "supported")
    decide(lib, first[4], "false")
    with lib.transaction() as conn:
        brief = brief_store.create(conn, "Weekly", "2026-01-01T00:00:00Z")
        brief_store.set_articles(conn, brief, [articles[1].id, articles[4].id])
    return articles


@pytest.fixture
def index(lib: Library, many: list[Article]) -> Iterator[QueueIndex]:
    built = QueueIndex(Library.open()).build()
    yield built
    built.close()


def _as_queue_filters(f: PageFilters) -> dict[str, object]:
    return {"brief_id": f.brief_id, "article_id": f.article_id, "kind": f.kind, "tag": f.tag,
            "verdict": f.verdict, "include_decided": f.include_decided}


@pytest.mark.parametrize("filters", FILTERS)
def test_pages_equal_the_queue(lib: Library, index: QueueIndex, filters: PageFilters) -> None:
    expected = review_queue(lib, **_as_queue_filters(filters))  # type: ignore[arg-type]
    assert index.count(filters) == len(expected)
    pages = [index.page(filters, offset, 4) for offset in range(0, len(expected) + 4, 4)]
    assert [i for page in pages for i in page] == expected
    assert pages[-1] == []


def test_brief_filter_and_progress(lib: Library, index: QueueIndex) -> None:
    brief = queue_progress(lib)["briefs"][0]
    in_brief = PageFilters(brief_id=brief["id"], include_decided=True)
    assert index.page(in_brief, 0) == review_queue(lib, brief_id=brief["id"],
                                                   include_decided=True)
    total, decided, briefs = index.progress()
    overall = queue_progress(lib)
    assert (total, decided) == (overall["total"], overall["decided"]) == (19, 2)
    assert [(b.id, b.title, b.total, b.decided) for b in briefs] == [
        (b["id"], b["title"], b["total"], b["decided"]) for b in overall["briefs"]
    ]
    assert index.tags == [TO_CHECK_TAG]


def test_a_page_builds_only_its_articles(
    lib: Library, index: QueueIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.services.review_pages as pages

    built: list[list[int]] = []
    real = review_service._collect_batch

    def spy(lib: Library, ids: list[int], *rest: object) -> list[review_service.ReviewItem]:
        built.append(list(ids))
        return real(lib, ids, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(pages, "_collect_batch", spy)
    first = index.page(PageFilters(), 0, 2)
    assert len(first) == 2
    assert built == [sorted({i.article_id for i in first})]


def test_a_closed_index_reads_nothing(index: QueueIndex) -> None:
    index.close()
    index.close()  # twice is fine
    assert index.page(PageFilters(), 0) == [] and index.count(PageFilters()) == 0


def _temp_tables(lib: Library) -> list[str]:
    return [r[0] for r in lib.conn.execute("SELECT name FROM temp.sqlite_master")]


def test_cancelling_the_build_leaves_nothing(lib: Library, many: list[Article]) -> None:
    from briefing.services.review_pages import Cancelled

    with Library.open() as own:
        with pytest.raises(Cancelled):
            QueueIndex(own).build(lambda: True)
        assert _temp_tables(own) == []


def test_closing_drops_the_table_of_a_pooled_handle(lib: Library, many: list[Article]) -> None:
    from briefing.services.library import pooled_library

    handle = pooled_library(lib.paths)
    index = QueueIndex(handle).build()
    assert _temp_tables(handle) != []
    index.close()  # gives the handle back to the pool
    again = pooled_library(lib.paths)
    assert again is handle and _temp_tables(again) == []
    again.close()


def test_item_json_has_every_field_in_order(lib: Library, many: list[Article]) -> None:
    from dataclasses import fields

    from briefing.services.review_items import ReviewItem, json_fields

    items = review_queue(lib, include_decided=True)
    assert any(i.annotation for i in items) and any(i.tags for i in items)
    for item in items:
        data = item.to_json()
        assert tuple(data) == json_fields()
        for f in fields(ReviewItem):
            if f.name == "annotation":
                assert data["annotation_id"] == (item.annotation.id if item.annotation else None)
            elif f.name == "tags":
                assert data["tags"] == list(item.tags)
            elif f.name == "score":
                assert data["score"] == round(item.score, 4)
            else:
                assert data[f.name] == getattr(item, f.name)


def test_noted_decisions_show_in_counts_filters_and_progress(
    lib: Library, index: QueueIndex
) -> None:
    undecided = PageFilters()
    before = index.count(undecided)
    item = index.page(undecided, 0, 1)[0]
    index.note(decide(lib, item, "disputed"))
    assert index.count(undecided) == before - 1
    assert index.page(PageFilters(verdict="disputed"), 0) == review_queue(lib, verdict="disputed")
    assert index.progress()[:2] == (19, 3)


TIED = [  # equal scores, and two claims starting at the same place (stored order decides)
    ("Unemployment rose by 12 percent in 2023", 0.5, "statistic"),
    ("Prices fell 3.5%", 0.5, "statistic"),
    ("Prices fell 3.5% last year.", 0.5, "statistic"),
    ("The central bank will raise rates next year.", 0.7, "prediction"),
    ("Nobody expected the storm.", 0.2, "other"),
]


@pytest.mark.parametrize(
    ("min_score", "top_n"), [(None, None), (None, 1), (None, 2), (0.5, None), (0.5, 3), (0.9, 1)]
)
def test_limits_and_ties_equal_the_queue(
    lib: Library, import_text: ImportText, min_score: float | None, top_n: int | None
) -> None:
    """Claim keys written by SQL (articles with an analysis and no annotation) keep the
    queue's rules: the score floor, then the top N by score, start and stored order; an
    annotated article and one without a cached analysis are built as before; recency
    counts a revision."""
    from briefing.services.revising import revise_article

    plain = [import_text(f"{TEXT} Copy {n}.", title=f"P{n}",
                         imported_at=f"2025-02-0{n + 1}T00:00:00Z") for n in range(3)]
    for article in plain:
        with_analysis(lib, article, TIED, [])
    revise_article(lib, plain[1].id, plain[1].text + " Corrected.")
    revised = lib.conn.execute("SELECT text FROM articles WHERE id = ?", (plain[1].id,))
    assert revised.fetchone()[0].endswith("Corrected.")
    with_analysis(lib, get_article(lib, plain[1].id), TIED, [])
    annotate_quote(lib, plain[2].id, "Nobody expected the storm", tags=[TO_CHECK_TAG])
    import_text("Exports grew 40 percent in 2024, officials said. Rain fell.", title="raw")
    expected = review_queue(lib, include_decided=True, min_score=min_score, top_n=top_n)
    with Library.open() as own:
        built = QueueIndex(own, min_score=min_score, top_n=top_n).build()
        try:
            everything = PageFilters(include_decided=True)
            assert built.count(everything) == len(expected)
            assert built.page(everything, 0, 1000) == expected
        finally:
            built.close()
    assert any(i.article_id == plain[1].id for i in expected) or min_score == 0.9
