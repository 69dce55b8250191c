"""Highlights, notes, tags and verdicts from the reader: saved at once, undoable."""

from __future__ import annotations

from briefing.services import annotating


def _stored(win):
    return annotating.annotations_for(win.lib, win.session.article_id)


def _select_words(win, word: str) -> tuple[int, int]:
    start = win.session.article.text.index(word)
    win.view.select_span(start, start + len(word))
    return start, start + len(word)


def test_highlight_edit_delete_with_undo_redo(shown_sample) -> None:
    win = shown_sample
    span = _select_words(win, "small assault groups")
    win.acts["color2"].trigger()  # key 2 = green
    [stored] = _stored(win)
    assert (stored.selector.start, stored.selector.end) == span
    assert stored.color == "green" and stored.selector.exact == "small assault groups"
    assert win.notes.model.groups()[0].children[0].item.id == stored.id
    assert any(m.layer == "highlights" for m in win.view.marks)

    win.annotator.ask_text = lambda *_a: "Check the source of this."
    win.view.select_span(span[0] + 2, span[0] + 2)  # cursor inside the highlight
    win.acts["note"].trigger()
    assert _stored(win)[0].note == "Check the source of this."

    win.undo_stack.undo()
    assert _stored(win)[0].note == ""
    win.undo_stack.redo()
    assert _stored(win)[0].note == "Check the source of this."

    win.annotator.delete(_stored(win)[0])
    assert _stored(win) == []
    win.undo_stack.undo()
    assert _stored(win)[0].note == "Check the source of this."
    for _ in range(3):
        win.undo_stack.undo()
    assert _stored(win) == []
    win.undo_stack.redo()
    assert _stored(win)[0].color == "green"
    assert win.library.model.rows()[0].annotation_count == 1


def test_recolour_and_tags(shown_sample) -> None:
    win = shown_sample
    _select_words(win, "fortress belt")
    win.annotator.highlight("yellow")
    assert win.view.selected_span()[0] == win.view.selected_span()[1]  # selection dropped
    _select_words(win, "fortress belt")
    win.annotator.highlight("purple")  # same span: recolour, not a second highlight
    [stored] = _stored(win)
    assert stored.color == "purple"
    win.annotator.ask_text = lambda *_a: "defence, #Donbas lines"
    win.annotator.tag_selection()
    assert _stored(win)[0].tags == ("Donbas", "defence", "lines")


def test_note_on_new_selection(shown_sample) -> None:
    win = shown_sample
    _select_words(win, "tactical gain")
    win.annotator.ask_text = lambda *_a: "Analyst framing"
    win.annotator.note_at_selection()
    [stored] = _stored(win)
    assert stored.note == "Analyst framing" and stored.selector.exact == "tactical gain"


def test_claim_verdict(shown_sample) -> None:
    win = shown_sample
    claim = win.claims.model.claims()[0]
    win.annotator.ask_verdict = lambda _q, _e: ("disputed", "Other sources differ",
                                                "https://example.org/report")
    win.claims.select_claim(claim)
    win.acts["verdict"].trigger()
    [stored] = _stored(win)
    assert stored.verdict == "disputed" and stored.evidence == "https://example.org/report"
    assert (stored.selector.start, stored.selector.end) == (claim.start, claim.end)
    row = win.claims.model.row_of(claim)
    from briefing.gui.panels.claims_model import VERDICT_ROLE

    assert win.claims.model.index(row, 0).data(VERDICT_ROLE) == "disputed"
    win.annotator.ask_verdict = lambda _q, existing: ("supported", existing.note, "")
    win.annotator.verdict(claim)
    assert _stored(win)[0].verdict == "supported"
    win.undo_stack.undo()
    assert _stored(win)[0].verdict == "disputed"
    win.undo_stack.undo()
    assert _stored(win) == []


def test_mark_as_claim_from_selection(shown_sample) -> None:
    win = shown_sample
    _select_words(win, "slow and grinding")
    win.selection_bar.claim_requested.emit()
    [stored] = _stored(win)
    assert stored.verdict == "unverified"


def test_orphan_reattach(shown_sample) -> None:
    win = shown_sample
    article = win.session.article
    orphan = annotating.new_annotation(article, 0, 7, note="lost").with_changes(
        anchor="orphaned")
    annotating.save_annotation(win.lib, orphan)
    win.session.reload_annotations()
    groups = win.notes.model.groups()
    assert groups[-1].text.startswith("Orphaned") and groups[-1].children[0].item.id == orphan.id
    span = _select_words(win, "Siversk")
    win.annotator.reattach(_stored(win)[0])
    [stored] = _stored(win)
    assert stored.anchor == "exact" and (stored.selector.start, stored.selector.end) == span
    assert len(win.notes.model.groups()) == 1


def test_each_article_keeps_its_own_undo_history(qtbot, shown_sample, tmp_path) -> None:
    from tests.gui.conftest import import_and_show

    win = shown_sample
    first = win.session.article_id
    _select_words(win, "small assault groups")
    win.acts["color1"].trigger()
    other = tmp_path / "grid.txt"
    other.write_text("Winter strain on the grid\n\nEngineers restored power after a night of "
                     "outages, the ministry said.\n", encoding="utf-8")
    import_and_show(qtbot, win, [str(other)])
    second = win.session.article_id
    assert second != first
    assert not win.undo_stack.canUndo()  # the other article's history is not offered here
    _select_words(win, "restored power")
    win.acts["color3"].trigger()
    assert win.acts["undo"].isEnabled()

    win.open_article(first)
    assert win.undo_stack.canUndo()
    win.acts["undo"].trigger()  # undoes this article's highlight, not the one just made
    assert _stored(win) == []
    assert len(annotating.annotations_for(win.lib, second)) == 1
    win.open_article(second)
    win.acts["undo"].trigger()
    assert _stored(win) == []
    win.acts["redo"].trigger()
    assert _stored(win)[0].color == "blue"


def test_a_deleted_article_takes_its_undo_history_with_it(shown_sample) -> None:
    win = shown_sample
    article_id = win.session.article_id
    _select_words(win, "small assault groups")
    win.acts["color1"].trigger()
    win.confirm_delete = lambda _title: True
    win.delete_article(article_id)
    assert win.session.article is None
    assert not win.undo_stack.canUndo() and not win.acts["undo"].isEnabled()
    assert article_id not in win._undo_stacks


def test_a_revised_article_starts_a_new_undo_history(shown_sample) -> None:
    from briefing.services.revising import revise_article

    win = shown_sample
    article_id = win.session.article_id
    _select_words(win, "small assault groups")
    win.acts["color1"].trigger()
    assert win.undo_stack.canUndo()
    revise_article(win.lib, article_id, win.session.article.text + "\nA late update.")
    win.open_article(article_id)
    # Undo would put back spans of the old text: the history goes with the old revision.
    assert not win.undo_stack.canUndo()
    assert len(_stored(win)) == 1


def test_claim_note_without_verdict_shows_no_verdict(shown_sample) -> None:
    from PySide6.QtCore import Qt

    from briefing.gui.panels.claims_model import VERDICT_ROLE
    from briefing.gui.reader.undo_commands import SetVerdict

    win = shown_sample
    claim = win.claims.model.claims()[0]
    win.undo_stack.push(SetVerdict(win.session, claim.start, claim.end, None,
                                   "Ask the General Staff", ""))
    [noted] = _stored(win)
    assert (noted.verdict, noted.color, noted.note) == (None, None, "Ask the General Staff")
    assert win.session.verdict_on(claim) == noted
    def index():
        return win.claims.model.index(win.claims.model.row_of(claim), 0)

    assert index().data(VERDICT_ROLE) is None
    tooltip = index().data(Qt.ItemDataRole.ToolTipRole)
    assert "No verdict yet" in tooltip and "Note: Ask the General Staff" in tooltip
    assert "your verdict" not in index().data(Qt.ItemDataRole.AccessibleTextRole)

    seen = []
    win.annotator.ask_verdict = lambda _q, existing: (seen.append(existing)
                                                      or ("false", existing.note, ""))
    win.annotator.verdict(claim)
    assert seen == [noted]
    [decided] = _stored(win)
    assert (decided.id, decided.verdict, decided.note) == (noted.id, "false",
                                                           "Ask the General Staff")
    assert index().data(VERDICT_ROLE) == "false"
    win.undo_stack.undo()
    assert _stored(win) == [noted] and index().data(VERDICT_ROLE) is None
    win.undo_stack.undo()
    assert _stored(win) == [] and win.session.verdict_on(claim) is None


def test_verdict_dialog_keeps_or_sets_a_claim_undecided(qtbot, shown_sample) -> None:
    from briefing.gui.reader.verdict_dialog import VerdictDialog

    win = shown_sample
    claim = win.session.analysis.claims[0]
    quote = win.session.article.text[claim.start : claim.end]
    fresh = VerdictDialog(quote, None)
    qtbot.addWidget(fresh)
    fresh.note.setPlainText("Find the original statement.")
    assert fresh.values() == (None, "Find the original statement.", "")  # not "supported"
    win.annotator.ask_verdict = lambda *_a: fresh.values()
    win.annotator.verdict(claim)
    noted = win.session.verdict_on(claim)
    assert noted is not None and noted.verdict is None and noted.note

    again = VerdictDialog(quote, noted)
    qtbot.addWidget(again)
    assert again.verdict.currentData() is None  # still undecided: shown as such
    again.verdict.setCurrentIndex(again.verdict.findData("disputed"))
    win.annotator.ask_verdict = lambda *_a: again.values()
    win.annotator.verdict(claim)
    decided = win.session.verdict_on(claim)
    assert decided.id == noted.id and decided.verdict == "disputed"
    assert decided.note == "Find the original statement."
    later = VerdictDialog(quote, decided)
    qtbot.addWidget(later)
    assert later.verdict.currentData() == "disputed"
    later.verdict.setCurrentIndex(later.verdict.findData(None))  # back to undecided
    win.annotator.ask_verdict = lambda *_a: later.values()
    win.annotator.verdict(claim)
    undecided = win.session.verdict_on(claim)
    assert undecided.id == noted.id and undecided.verdict is None
    assert undecided.note == "Find the original statement."  # the note stays
    win.undo_stack.undo()
    assert win.session.verdict_on(claim).verdict == "disputed"
