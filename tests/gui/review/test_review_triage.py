"""Review mode driven by the keyboard only: moving, verdicts, notes, evidence, undo/redo,
opening the span, progress and the offer to export a fully reviewed brief."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.domain import VERDICTS
from briefing.services.review import ReviewItem, evidence_link, review_queue

from .conftest import FLAGGED_QUOTE, SampleLibrary


def _stored(sample: SampleLibrary, item_id: str) -> ReviewItem:
    return next(i for i in review_queue(sample.lib, include_decided=True) if i.id == item_id)


def _current(review) -> ReviewItem:
    item = review.current_item()
    assert item is not None
    return item


def test_queue_lists_claims_and_the_flagged_annotation_in_queue_order(
    review, sample_library: SampleLibrary
) -> None:
    expected = review_queue(sample_library.lib)
    assert [i.id for i in review.model.items()] == [i.id for i in expected]
    assert sample_library.flagged.id in {i.id for i in review.model.items()}
    assert review.list.currentIndex().row() == 0
    first = expected[0]
    assert review.card.title.text() == first.article_title
    assert first.quote in review.card.context.accessibleDescription()
    assert review.progress_label.text().startswith(f"{len(expected)} left of {len(expected)}")
    assert "Siversk update" in review.progress_label.text()


def test_keyboard_triage_saves_each_decision_and_undoes(
    qtbot, review, sample_library: SampleLibrary
) -> None:
    lib, keys = sample_library.lib, review.list
    total = review.model.rowCount()
    order = [i.id for i in review.model.items()]
    qtbot.keyClick(keys, Qt.Key.Key_J)
    qtbot.keyClick(keys, Qt.Key.Key_J)
    qtbot.keyClick(keys, Qt.Key.Key_K)
    assert review.list.currentIndex().row() == 1
    decided: list[tuple[str, str]] = []
    for number, verdict in enumerate(VERDICTS, start=1):
        item = _current(review)
        qtbot.keyClick(keys, getattr(Qt.Key, f"Key_{number}"))
        decided.append((item.id, verdict))
        assert _stored(sample_library, item.id).verdict == verdict
        assert review.model.item(review.model.row_of(item.id)).verdict == verdict
        assert not _current(review).decided  # moved on to the next undecided item
    assert review.progress_label.text().startswith(f"{total - 4} left of {total}")
    assert [i.id for i in review.model.items()] == order  # rows replaced, queue not rebuilt
    assert len(review_queue(lib)) == total - 4

    # N: the inline note editor; Escape cancels, Return saves.
    target = _current(review)
    qtbot.keyClick(keys, Qt.Key.Key_N)
    qtbot.keyClicks(review.card.note_editor, "draft")
    qtbot.keyClick(review.card.note_editor, Qt.Key.Key_Escape)
    assert not review.card.note_open()
    assert _stored(sample_library, target.id).note == ""
    qtbot.keyClick(keys, Qt.Key.Key_N)
    assert review.card.note_open()
    qtbot.keyClicks(review.card.note_editor, "Check the ISW map")
    qtbot.keyClick(review.card.note_editor, Qt.Key.Key_Return)
    assert not review.card.note_open()
    assert _stored(sample_library, target.id).note == "Check the ISW map"
    assert "Check the ISW map" in review.card.decision.text()

    # E: evidence is another library article, ranked first by evidence_candidates.
    other = sample_library.revised if target.article_id == sample_library.original \
        else sample_library.original
    qtbot.keyClick(keys, Qt.Key.Key_E)
    dialog = review.evidence_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.evidence() == evidence_link(other)
    qtbot.keyClick(dialog.articles, Qt.Key.Key_Return)
    assert review.evidence_dialog is None
    assert _stored(sample_library, target.id).evidence == evidence_link(other)
    from briefing.services.articles import get_article

    other_title = get_article(sample_library.lib, other).title
    assert other_title[:20] in review.card.decision.text()

    # Ctrl+Z undoes the evidence, then the note; Ctrl+Shift+Z redoes the note.
    qtbot.keyClick(keys, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(sample_library, target.id).evidence is None
    qtbot.keyClick(keys, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(sample_library, target.id).note == ""
    assert _current(review).id == target.id
    qtbot.keyClick(keys, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _stored(sample_library, target.id).note == "Check the ISW map"

    # Undo the last verdict: the claim is back in the queue, the cursor on it.
    qtbot.keyClick(keys, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(keys, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    last_id = decided[-1][0]
    assert _stored(sample_library, last_id).verdict is None
    assert _current(review).id == last_id
    assert review.progress_label.text().startswith(f"{total - 3} left of {total}")


def test_o_opens_the_article_at_the_span(qtbot, review) -> None:
    qtbot.keyClick(review.list, Qt.Key.Key_J)
    item = _current(review)
    with qtbot.waitSignal(review.open_article, timeout=1000) as blocker:
        qtbot.keyClick(review.list, Qt.Key.Key_O)
    assert blocker.args == [item.article_id, item.start, item.end]


def test_flagged_annotation_gets_a_verdict(qtbot, review, sample_library) -> None:
    row = review.model.row_of(sample_library.flagged.id)
    review.list.setCurrentIndex(review.model.index(row))
    assert FLAGGED_QUOTE in review.card.context.accessibleDescription()
    qtbot.keyClick(review.list, Qt.Key.Key_2)
    assert _stored(sample_library, sample_library.flagged.id).verdict == "disputed"


def test_finishing_a_brief_offers_its_export(qtbot, review, sample_library) -> None:
    combo = review.filters.brief
    combo.setFocus()
    with qtbot.waitSignal(review.queue_loaded, timeout=15000):
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # "All briefs" -> "Siversk update"
    assert combo.currentData() == sample_library.brief
    items = review.model.items()
    assert items and {i.article_id for i in items} == {sample_library.revised}
    review.list.setFocus()
    for _ in items:
        assert not review.export_banner.isVisible()
        qtbot.keyClick(review.list, Qt.Key.Key_4)
    assert all(_stored(sample_library, i.id).verdict == "unverified" for i in items)
    assert review.export_banner.isVisible()
    assert "Siversk update" in review.export_banner.label.text()
    assert f"Siversk update: 0 left of {len(items)}" in review.progress_label.text()
    with qtbot.waitSignal(review.export_brief_requested, timeout=1000) as blocker:
        qtbot.keyClick(review.export_banner.export_button, Qt.Key.Key_Space)
    assert blocker.args == [sample_library.brief]
    qtbot.keyClick(review.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not review.export_banner.isVisible()


def test_a_note_on_an_undecided_claim_keeps_it_undecided(
    qtbot, review, sample_library: SampleLibrary
) -> None:
    keys = review.list
    total = review.model.rowCount()
    while _current(review).kind != "claim":
        qtbot.keyClick(keys, Qt.Key.Key_J)
    target = _current(review)
    assert not target.decided and target.annotation is None
    qtbot.keyClick(keys, Qt.Key.Key_N)
    qtbot.keyClicks(review.card.note_editor, "Ask the ministry")
    qtbot.keyClick(review.card.note_editor, Qt.Key.Key_Return)
    noted = _stored(sample_library, target.id)
    assert (noted.verdict, noted.note, noted.reviewed_at) == (None, "Ask the ministry", None)
    assert noted.annotation is not None and noted.annotation.color is None
    assert target.id in {i.id for i in review_queue(sample_library.lib)}  # still to decide
    assert _current(review).id == target.id and not _current(review).decided
    assert review.progress_label.text().startswith(f"{total} left of {total}")
    assert "Ask the ministry" in review.card.decision.text()

    qtbot.keyClick(keys, Qt.Key.Key_1)
    decided = _stored(sample_library, target.id)
    assert (decided.verdict, decided.note) == (VERDICTS[0], "Ask the ministry")
    assert decided.annotation is not None and decided.annotation.id == noted.annotation.id
    assert target.id not in {i.id for i in review_queue(sample_library.lib)}
    assert review.progress_label.text().startswith(f"{total - 1} left of {total}")


def test_card_shows_a_desk_that_disagrees(qtbot, review, sample_library: SampleLibrary) -> None:
    """Issue 22: another reviewer's verdict (synced) beside the reader's: "2 reviewers"."""
    from briefing.domain.verdicts import ReviewerVerdict
    from briefing.storage import sync as sync_store

    while _current(review).kind != "claim":
        qtbot.keyClick(review.list, Qt.Key.Key_J)
    item = _current(review)
    assert "reviewers" not in review.card.decision.text()
    qtbot.keyClick(review.list, Qt.Key.Key_1)  # the reader: supported
    with sample_library.lib.transaction() as conn:  # as a sync pass would store Bo's verdict
        sync_store.upsert_reviewer_verdict(conn, ReviewerVerdict(
            "urn:uuid:bo-1", item.article_id, item.start, item.end, "device-bo", "Bo",
            "false", "it was 8", None, "2026-12-01T00:00:00Z"))
    review.card.show_item(review.model.item(review.model.row_of(item.id)))
    assert "2 reviewers: supported / false" in review.card.decision.text()
    assert "Bo: false" in review.card.decision_text(item)
