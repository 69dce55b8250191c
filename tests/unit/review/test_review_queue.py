"""The review queue: contents, order, filters, to-check annotations and progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.domain import Article, BriefingError
from briefing.domain.annotation import TO_CHECK_COLOR, TO_CHECK_TAG
from briefing.services import Library
from briefing.services.annotating import annotate_quote
from briefing.services.review import (
    USER_FLAG_SCORE,
    decide,
    queue_progress,
    review_queue,
)
from briefing.storage import briefs as brief_store

from .conftest import ImportText, with_analysis

TEXT_A = (
    "Unemployment rose by 12 percent in 2023, the ministry said. Prices fell 3.5% last year. "
    "Angela Merkel visited Berlin on Monday.\n"
    "The central bank will raise rates next year. Nobody expected the storm."
)
TEXT_B = "Exports grew by 7 percent, officials said. Angela Merkel spoke in Paris."


@pytest.fixture
def two(lib: Library, import_text: ImportText) -> tuple[Article, Article]:
    a = import_text(TEXT_A, title="A", imported_at="2025-01-01T00:00:00Z")
    b = import_text(TEXT_B, title="B", imported_at="2025-06-01T00:00:00Z")
    with_analysis(
        lib,
        a,
        [
            ("Unemployment rose by 12 percent in 2023", 0.9, "statistic"),
            ("Prices fell 3.5% last year.", 0.6, "statistic"),
            ("The central bank will raise rates next year.", 0.6, "prediction"),
        ],
        [("Angela Merkel", "PERSON"), ("Berlin", "LOC")],
    )
    with_analysis(
        lib,
        b,
        [
            ("Exports grew by 7 percent", 0.6, "statistic"),
            ("Angela Merkel spoke in Paris.", 0.3, "attribution"),
        ],
        [("Angela Merkel", "PERSON"), ("Paris", "LOC")],
    )
    return a, b


def _brief(lib: Library, title: str, ids: list[int]) -> int:
    with lib.transaction() as conn:
        brief_id = brief_store.create(conn, title, "2025-07-01T00:00:00Z")
        brief_store.set_articles(conn, brief_id, ids)
    return brief_id


def test_queue_of_an_imported_sample_is_sorted_and_anchored(
    lib: Library, import_text: ImportText, siversk_text: str
) -> None:
    article = import_text(siversk_text)
    items = review_queue(lib)
    assert items, "the real engine found no claim in the sample"
    assert [i.score for i in items] == sorted((i.score for i in items), reverse=True)
    for item in items:
        assert item.kind == "claim" and item.verdict is None and item.article_id == article.id
        assert article.text[item.start : item.end] == item.quote
        assert article.text[item.start - len(item.context_before) : item.start] == (
            item.context_before
        )
        assert article.text[item.end : item.end + len(item.context_after)] == item.context_after
        assert item.id == f"claim:{article.id}:{item.start}:{item.end}"
    assert len({i.id for i in items}) == len(items)


def test_order_is_score_then_recency(lib: Library, two: tuple[Article, Article]) -> None:
    a, b = two
    got = [(i.article_id, i.quote) for i in review_queue(lib)]
    assert got == [
        (a.id, "Unemployment rose by 12 percent in 2023"),
        (b.id, "Exports grew by 7 percent"),  # same score as A's two, but newer
        (a.id, "Prices fell 3.5% last year."),
        (a.id, "The central bank will raise rates next year."),
        (b.id, "Angela Merkel spoke in Paris."),
    ]


def test_context_is_the_sentence_before_and_after(
    lib: Library, two: tuple[Article, Article]
) -> None:
    item = next(i for i in review_queue(lib) if i.quote.startswith("Prices"))
    assert item.context_before == "Unemployment rose by 12 percent in 2023, the ministry said. "
    assert item.context_after == " Angela Merkel visited Berlin on Monday."
    first = review_queue(lib)[0]
    assert first.context_before == ""
    assert first.context_after == ", the ministry said. Prices fell 3.5% last year."


def test_filters_by_article_brief_kind_and_entity(
    lib: Library, two: tuple[Article, Article]
) -> None:
    a, b = two
    assert {i.article_id for i in review_queue(lib, article_id=b.id)} == {b.id}
    brief_id = _brief(lib, "Weekly", [a.id])
    assert {i.article_id for i in review_queue(lib, brief_id=brief_id)} == {a.id}
    assert review_queue(lib, brief_id=brief_id, article_id=b.id) == []
    assert [i.quote for i in review_queue(lib, kind="prediction")] == [
        "The central bank will raise rates next year."
    ]
    assert len(review_queue(lib, kind="claim")) == 5
    assert review_queue(lib, kind="annotation") == []
    # the entity is named in the claim's sentence in B, in a sentence of its own in A
    assert [i.quote for i in review_queue(lib, entity="angela MERKEL")] == [
        "Angela Merkel spoke in Paris."
    ]
    assert [i.article_id for i in review_queue(lib, entity="Berlin")] == []
    assert review_queue(lib, entity="Nobody Known") == []


def test_unknown_filters_are_user_errors(lib: Library, two: tuple[Article, Article]) -> None:
    with pytest.raises(BriefingError, match="no brief with id 99"):
        review_queue(lib, brief_id=99)
    with pytest.raises(BriefingError, match="no article with id 99"):
        review_queue(lib, article_id=99)
    with pytest.raises(BriefingError, match="unknown kind 'opinion'"):
        review_queue(lib, kind="opinion")
    with pytest.raises(BriefingError, match="unknown verdict 'maybe'"):
        review_queue(lib, verdict="maybe")
    with pytest.raises(BriefingError, match="tag '#' is empty"):
        review_queue(lib, tag="#")


def test_verdict_filter_and_decided_items(lib: Library, two: tuple[Article, Article]) -> None:
    first = review_queue(lib)[0]
    decide(lib, first, "supported")
    assert first.id not in {i.id for i in review_queue(lib)}
    assert [i.id for i in review_queue(lib, verdict="supported")] == [first.id]
    assert review_queue(lib, verdict="false") == []
    assert len(review_queue(lib, verdict="none")) == 4
    everything = review_queue(lib, include_decided=True)
    assert len(everything) == 5 and everything[0].id == first.id
    assert everything[0].verdict == "supported" and everything[0].reviewed_at


def test_to_check_annotations_join_the_queue(lib: Library, two: tuple[Article, Article]) -> None:
    a, _ = two
    flagged = annotate_quote(lib, a.id, "Nobody expected the storm", tags=[TO_CHECK_TAG])
    on_claim = annotate_quote(lib, a.id, "raise rates", tags=[TO_CHECK_TAG, "economy"])
    annotate_quote(lib, a.id, "Angela Merkel", tags=["people"])  # not to check
    pink = annotate_quote(lib, a.id, "Berlin", color=TO_CHECK_COLOR)  # coloured to check
    items = {i.id: i for i in review_queue(lib, kind="annotation")}
    assert set(items) == {flagged.id, on_claim.id, pink.id}
    assert items[flagged.id].score == USER_FLAG_SCORE and items[flagged.id].claim_kind is None
    assert items[flagged.id].context_before == "The central bank will raise rates next year. "
    assert items[on_claim.id].score == 0.6 and items[on_claim.id].claim_kind == "prediction"
    assert review_queue(lib)[0].id in {flagged.id, pink.id}
    tagged = review_queue(lib, tag="economy")
    # the to-check annotation is listed once: the claim around it does not take its tags
    assert {i.id for i in tagged} == {on_claim.id}
    assert [i.id for i in review_queue(lib, tag=TO_CHECK_TAG)].count(on_claim.id) == 1
    assert len(review_queue(lib, tag=TO_CHECK_TAG)) == 2
    assert review_queue(lib, tag="#economy") == tagged
    decide(lib, items[flagged.id], "unverified")
    assert flagged.id not in {i.id for i in review_queue(lib)}


def test_progress_per_brief(lib: Library, two: tuple[Article, Article]) -> None:
    a, b = two
    weekly = _brief(lib, "Weekly", [a.id])
    both = _brief(lib, "Both", [b.id, a.id])
    empty = _brief(lib, "Empty", [])
    decide(lib, review_queue(lib, article_id=a.id)[0], "false")
    progress = queue_progress(lib)
    assert (progress["total"], progress["decided"], progress["left"]) == (5, 1, 4)
    per = {p["id"]: p for p in progress["briefs"]}
    assert per[weekly] == {"id": weekly, "title": "Weekly", "total": 3, "decided": 1, "left": 2}
    assert (per[both]["total"], per[both]["left"]) == (5, 4)
    assert (per[empty]["total"], per[empty]["left"]) == (0, 0)
    only = queue_progress(lib, weekly)
    assert (only["total"], only["left"]) == (3, 2) and [p["id"] for p in only["briefs"]] == [weekly]


def test_articles_without_analysis_are_analysed_for_the_queue(
    lib: Library, import_text: ImportText, tmp_path: Path
) -> None:
    article = import_text(TEXT_A)
    with lib.transaction() as conn:
        conn.execute("DELETE FROM analyses")
    items = review_queue(lib)
    assert items and all(i.article_id == article.id for i in items)
