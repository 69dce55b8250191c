"""The revisions viewer: list, text, word diff, and revising from a file in a worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog

from briefing.domain import BriefingError
from briefing.gui.briefs import RevisionsDialog
from briefing.gui.briefs.word_diff import word_diff
from briefing.services import Library
from briefing.services.annotating import annotate_quote
from briefing.services.articles import import_source
from briefing.services.revisions_view import list_revisions


@pytest.fixture
def original(samples: Path):
    with Library.open() as lib:
        article_id = import_source(lib, str(samples / "siversk.txt")).article.id
        kept = annotate_quote(lib, article_id, "small assault groups", note="method")
        changed = annotate_quote(lib, article_id, "Moscow already holds about 75%")
        yield lib, article_id, kept, changed


def _dialog(qtbot, lib, article_id) -> RevisionsDialog:
    dialog = RevisionsDialog(lib, article_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _runs(document: QTextDocument) -> list[tuple[str, str]]:
    """(kind, text) per fragment: kind from the character format (never from HTML)."""
    runs = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            kind = ("delete" if fmt.fontStrikeOut()
                    else "insert" if fmt.fontUnderline() else "equal")
            runs.append((kind, fragment.text()))
            it += 1
        block = block.next()
    return runs


def test_list_revisions_service(original) -> None:
    lib, article_id, *_ = original
    revisions = list_revisions(lib, article_id)
    assert [r.revision for r in revisions] == [1]
    with pytest.raises(BriefingError, match="42"):
        list_revisions(lib, 42)


def test_revise_from_file_lists_two_revisions_and_diff(
    qtbot, original, samples: Path, monkeypatch
) -> None:
    lib, article_id, kept, changed = original
    dialog = _dialog(qtbot, lib, article_id)
    assert dialog.model.rowCount() == 1
    assert "1 revision" in dialog.heading.text()
    assert "current text" in dialog.diff_summary.text()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kw: (
        str(samples / "siversk-revised.txt"), ""))
    with qtbot.waitSignal(dialog.anchors_shown, timeout=20000):
        dialog.revise_button.click()
    assert [r.revision for r in list_revisions(lib, article_id)] == [1, 2]
    assert dialog.model.rowCount() == 2
    assert dialog.table.currentIndex().row() == 0  # revision 1, compared with the current
    assert dialog.text.toPlainText() == list_revisions(lib, article_id)[0].text

    states = {row.annotation_id: row.state for row in dialog.anchors.rows()}
    assert states[kept.id] in ("exact", "moved")
    assert states[changed.id] in ("changed", "orphaned")
    assert "Revision 2 stored" in dialog.anchor_label.text()

    runs = _runs(dialog.diff.document())
    inserted = "".join(t for k, t in runs if k == "insert")
    deleted = "".join(t for k, t in runs if k == "delete")
    assert "evening" in inserted and "UPDATE" in inserted
    assert "75%" in deleted
    first = list_revisions(lib, article_id)[0].text
    # fragments omit block breaks; changed breaks are drawn as a pilcrow
    shown_old = "".join(t for k, t in runs if k != "insert").replace("¶", "")
    assert shown_old == first.replace("\n", "")
    assert "words added" in dialog.diff_summary.text()

    dialog.table.selectRow(1)  # the current revision: nothing to compare
    assert all(k == "equal" for k, _ in _runs(dialog.diff.document()))


def test_revise_from_missing_file_reports_it(qtbot, original, tmp_path: Path) -> None:
    lib, article_id, *_ = original
    dialog = _dialog(qtbot, lib, article_id)
    missing = tmp_path / "nope.txt"
    dialog.revise_from(str(missing))
    qtbot.waitUntil(lambda: "nope.txt" in dialog.banner.text(), timeout=20000)
    assert [r.revision for r in list_revisions(lib, article_id)] == [1]
    qtbot.waitUntil(lambda: dialog.revise_button.isEnabled())


def test_word_diff_rebuilds_both_texts() -> None:
    old = "Moscow already holds about 75% of the region."
    new = "Moscow already holds roughly three quarters of the region, officials said."
    runs = word_diff(old, new)
    assert "".join(t for op, t in runs if op != "insert") == old
    assert "".join(t for op, t in runs if op != "delete") == new
    assert ("equal", "Moscow already holds ") in runs


def test_revisions_dialog_is_keyboard_reachable(qtbot, original) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QTableView, QTextEdit

    lib, article_id, *_ = original
    dialog = _dialog(qtbot, lib, article_id)
    widgets = [*dialog.findChildren(QAbstractButton), *dialog.findChildren(QTableView),
               dialog.text, dialog.diff]
    for widget in widgets:
        if widget.objectName().startswith("qt_") or widget.parent() is dialog.tabs.tabBar():
            continue  # Qt's own corner button and tab-scroll arrows
        assert widget.accessibleName(), widget
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget
    assert isinstance(dialog.diff, QTextEdit) and dialog.diff.isReadOnly()
