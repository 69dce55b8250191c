"""Decisions in review mode: saved at once, undone exactly, exported and re-imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.domain import Article, BriefingError
from briefing.domain.annotation import TO_CHECK_TAG
from briefing.services import Library
from briefing.services.annotating import annotate_quote, annotations_for, get_annotation
from briefing.services.exporting import import_annotations, w3c_json
from briefing.services.review import (
    ReviewItem,
    decide,
    evidence_link,
    review_queue,
    undo_decision,
)
from briefing.services.revising import revise_article
from briefing.storage import review as review_store

from .conftest import ImportText, with_analysis

TEXT = (
    "Unemployment rose by 12 percent in 2023, the ministry said. Prices fell 3.5% last year. "
    "Nobody expected the storm."
)


@pytest.fixture
def article(lib: Library, import_text: ImportText) -> Article:
    stored = import_text(TEXT, title="Jobs")
    with_analysis(
        lib,
        stored,
        [
            ("Unemployment rose by 12 percent in 2023", 0.9, "statistic"),
            ("Prices fell 3.5% last year.", 0.5, "statistic"),
        ],
    )
    return stored


def _claim(lib: Library, quote: str) -> ReviewItem:
    return next(i for i in review_queue(lib, include_decided=True) if i.quote == quote)


def _stamp(lib: Library, annotation_id: str) -> str | None:
    return review_store.reviewed_at(lib.conn, [annotation_id]).get(annotation_id)


def test_deciding_a_claim_saves_a_verdict_annotation_and_undo_removes_it(
    lib: Library, article: Article
) -> None:
    before_queue = review_queue(lib)
    item = before_queue[0]
    after = decide(lib, item, "disputed", note="other figures", evidence="https://stats.example")
    assert (after.verdict, after.note, after.evidence) == (
        "disputed",
        "other figures",
        "https://stats.example",
    )
    assert after.annotation is not None and after.reviewed_at == after.annotation.modified
    stored = [a for a in annotations_for(lib, article.id) if a.verdict]
    assert stored == [after.annotation]
    assert stored[0].selector.span == item.span and stored[0].motivation == "assessing"
    assert item.id not in {i.id for i in review_queue(lib)}
    assert _claim(lib, item.quote) == after

    undo_decision(lib, item)
    assert annotations_for(lib, article.id) == []
    assert review_queue(lib) == before_queue


def test_undo_restores_a_previous_verdict_exactly(lib: Library, article: Article) -> None:
    first = decide(lib, review_queue(lib)[0], "supported", note="seen in the report")
    with lib.transaction() as conn:  # an older decision, so a new stamp would differ
        review_store.set_reviewed_at(conn, first.annotation.id, "2024-01-01T00:00:00Z")  # type: ignore[union-attr]
    before = _claim(lib, first.quote)
    assert before.reviewed_at == "2024-01-01T00:00:00Z"

    changed = decide(lib, before, "false", evidence=evidence_link(article.id))
    assert changed.verdict == "false" and changed.note == "seen in the report"
    assert changed.reviewed_at != before.reviewed_at
    undo_decision(lib, before)
    assert _claim(lib, first.quote) == before
    assert get_annotation(lib, before.annotation.id) == before.annotation  # type: ignore[union-attr]


def test_clearing_a_claim_verdict_and_undoing_it(lib: Library, article: Article) -> None:
    decided = decide(lib, review_queue(lib)[0], "unverified")
    cleared = decide(lib, decided, None)
    assert cleared.verdict is None and cleared.annotation is None
    assert annotations_for(lib, article.id) == []
    assert cleared == next(i for i in review_queue(lib) if i.id == decided.id)
    undo_decision(lib, decided)
    assert _claim(lib, decided.quote) == decided


def test_deciding_a_to_check_annotation_and_undoing_it(lib: Library, article: Article) -> None:
    flagged = annotate_quote(
        lib, article.id, "Nobody expected the storm", note="source?", tags=[TO_CHECK_TAG]
    )
    item = next(i for i in review_queue(lib) if i.id == flagged.id)
    after = decide(lib, item, "supported", evidence="https://weather.example")
    assert (after.verdict, after.note, after.evidence) == (
        "supported",
        "source?",
        "https://weather.example",
    )
    assert after.reviewed_at is not None and flagged.id not in {i.id for i in review_queue(lib)}
    undo_decision(lib, item)
    assert get_annotation(lib, flagged.id) == flagged
    assert _stamp(lib, flagged.id) is None
    assert next(i for i in review_queue(lib) if i.id == flagged.id) == item


def test_bad_decisions_change_nothing(lib: Library, article: Article) -> None:
    item = review_queue(lib)[0]
    with pytest.raises(BriefingError, match="unknown verdict 'maybe'"):
        decide(lib, item, "maybe")
    with pytest.raises(BriefingError, match="no article with id 999"):
        decide(lib, item, "supported", evidence="briefing:article/999")
    assert annotations_for(lib, article.id) == []


def test_a_stale_item_is_refused_after_the_article_changed(lib: Library, article: Article) -> None:
    item = review_queue(lib)[0]
    revise_article(lib, article.id, "Totally new text. " + TEXT)
    with pytest.raises(BriefingError, match="refresh the queue"):
        decide(lib, item, "supported")


def test_verdicts_export_to_w3c_and_reimport(
    lib: Library, article: Article, tmp_path: Path
) -> None:
    after = decide(lib, review_queue(lib)[0], "false", note="wrong year")
    exported = w3c_json(lib, [article.id])
    assert '"assessing"' in exported and '"false"' in exported
    undo_decision(lib, review_queue(lib, include_decided=True)[1])  # unrelated: a no-op
    with lib.transaction() as conn:
        conn.execute("DELETE FROM annotations")
    assert after.id in {i.id for i in review_queue(lib)}
    path = tmp_path / "brief.json"
    path.write_text(exported, encoding="utf-8")
    assert import_annotations(lib, path) == 1
    again = _claim(lib, after.quote)
    assert (again.verdict, again.note) == ("false", "wrong year")
    assert again.annotation == after.annotation
    assert again.reviewed_at == after.annotation.modified  # type: ignore[union-attr]
    assert after.id not in {i.id for i in review_queue(lib)}
