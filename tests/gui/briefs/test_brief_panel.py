"""The brief builder saves every change through services.briefs at once."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QInputDialog, QMessageBox

from briefing.gui.briefs import BriefPanel
from briefing.services import articles as article_service
from briefing.services import briefs as brief_service


def _panel(qtbot, lib) -> BriefPanel:
    panel = BriefPanel(lib)
    qtbot.addWidget(panel)
    panel.resize(360, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitActive(panel)
    return panel


def _stored_order(articles, panel: BriefPanel) -> list[int]:
    brief = panel.current_brief()
    assert brief is not None
    return list(brief_service.get_brief(articles.lib, brief.id).article_ids)


def test_create_add_reorder_remove(qtbot, articles) -> None:
    a = articles
    panel = _panel(qtbot, a.lib)
    assert panel.briefs_model.rowCount() == 0
    assert not panel.export_button.isEnabled()
    brief = panel.new_brief("Siversk week")
    assert brief is not None
    assert [b.title for b in brief_service.list_briefs(a.lib)] == ["Siversk week"]

    for article_id in (a.original, a.revised, a.grid):
        panel.add_article(article_id)
    assert _stored_order(a, panel) == [a.original, a.revised, a.grid]
    assert panel.articles_model.article_ids() == [a.original, a.revised, a.grid]
    assert panel.selected_article_id() == a.grid  # the added article is selected

    panel.article_list.setFocus()
    qtbot.keyClick(panel.article_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _stored_order(a, panel) == [a.original, a.grid, a.revised]
    assert panel.selected_article_id() == a.grid
    panel.down_button.click()
    assert _stored_order(a, panel) == [a.original, a.revised, a.grid]

    model = panel.articles_model  # drag the first row to the end
    mime = model.mimeData([model.index(0, 0)])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert model.article_ids() == [a.revised, a.grid, a.original]
    qtbot.waitUntil(lambda: _stored_order(a, panel) == [a.revised, a.grid, a.original])
    assert model.index(0, 0).data().startswith("1. ")
    # the path QListView takes for an internal drag: moveRows, selection kept
    panel.article_list.setCurrentIndex(model.index(2, 0))
    assert model.moveRow(QModelIndex(), 2, QModelIndex(), 0)
    assert panel.selected_article_id() == a.original
    qtbot.waitUntil(lambda: _stored_order(a, panel) == [a.original, a.revised, a.grid])
    assert panel.selected_article_id() == a.original
    assert not model.moveRow(QModelIndex(), 0, QModelIndex(), 1)  # onto itself

    panel.article_list.setCurrentIndex(model.index(1, 0))
    panel.remove_button.click()
    assert _stored_order(a, panel) == [a.original, a.grid]
    assert panel.selected_article_id() == a.grid  # the neighbour takes the selection
    assert len(article_service.list_articles(a.lib)) == 3  # still in the library
    panel.add_article(a.original)  # already there: no duplicate
    assert _stored_order(a, panel) == [a.original, a.grid]


def test_rename_delete_with_confirmation(qtbot, articles, monkeypatch) -> None:
    a = articles
    panel = _panel(qtbot, a.lib)
    panel.new_brief("First")
    panel.add_article(a.grid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("Grid brief", True))
    panel.rename_button.click()
    assert brief_service.list_briefs(a.lib)[0].title == "Grid brief"

    asked: list[str] = []

    def answer(reply):
        def question(_parent, _title, text, *args, **kw):
            asked.append(text)
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    panel.delete_button.click()
    assert len(brief_service.list_briefs(a.lib)) == 1
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    panel.delete_button.click()
    assert brief_service.list_briefs(a.lib) == []
    assert "stay in the library" in asked[-1]
    assert len(article_service.list_articles(a.lib)) == 3
    assert panel.briefs_model.rowCount() == 0 and panel.articles_model.rowCount() == 0


def test_empty_title_is_reported_not_raised(qtbot, articles) -> None:
    panel = _panel(qtbot, articles.lib)
    with qtbot.waitSignal(panel.error) as blocker:
        assert panel.new_brief("   ") is None
    assert "title" in blocker.args[0]
    assert brief_service.list_briefs(articles.lib) == []


def test_add_current_open_and_export_signals(qtbot, articles) -> None:
    a = articles
    panel = _panel(qtbot, a.lib)
    panel.new_brief("Reading list")
    assert not panel.add_button.isEnabled()
    panel.set_current_article(a.revised)
    panel.add_button.click()
    panel.set_current_article(a.original)
    panel.add_button.click()
    assert _stored_order(a, panel) == [a.revised, a.original]

    index = panel.articles_model.index(0, 0)
    centre = panel.article_list.visualRect(index).center()
    viewport = panel.article_list.viewport()
    with qtbot.waitSignal(panel.open_article) as opened:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [a.revised]
    panel.article_list.setCurrentIndex(panel.articles_model.index(1, 0))
    with qtbot.waitSignal(panel.open_article) as opened:
        qtbot.keyClick(panel.article_list, Qt.Key.Key_Return)
    assert opened.args == [a.original]
    with qtbot.waitSignal(panel.export_requested) as export:
        panel.export_button.click()
    assert export.args == [[a.revised, a.original], "Reading list"]


def test_accessible_and_keyboard_reachable(qtbot, articles) -> None:
    panel = _panel(qtbot, articles.lib)

    widgets = [*panel.findChildren(QAbstractButton), *panel.findChildren(QAbstractItemView)]
    assert len(widgets) >= 10
    for widget in widgets:
        assert widget.accessibleName(), widget
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget


def test_undo_redo_through_services(qtbot, articles, monkeypatch) -> None:
    a = articles
    panel = _panel(qtbot, a.lib)
    panel.new_brief("Undoable")
    panel.add_article(a.original)
    panel.add_article(a.grid)
    panel.move_selected(-1)
    assert _stored_order(a, panel) == [a.grid, a.original]
    stack = panel.undo_stack
    assert stack.undoText() == "Move article"

    panel.article_list.setFocus()
    qtbot.keyClick(panel.article_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored_order(a, panel) == [a.original, a.grid]
    qtbot.keyClick(panel.article_list, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _stored_order(a, panel) == [a.grid, a.original]

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kw: QMessageBox.StandardButton.Yes)
    panel.brief_list.setFocus()
    qtbot.keyClick(panel.brief_list, Qt.Key.Key_Delete)
    assert brief_service.list_briefs(a.lib) == []
    stack.undo()  # the deleted brief comes back (under a new id) with its articles in order
    restored = brief_service.list_briefs(a.lib)
    assert [(b.title, b.article_ids) for b in restored] == [("Undoable", (a.grid, a.original))]
    stack.undo()  # and the older commands still find it
    assert brief_service.get_brief(a.lib, restored[0].id).article_ids == (a.original, a.grid)
    while stack.canUndo():
        stack.undo()
    assert brief_service.list_briefs(a.lib) == []
    while stack.canRedo():
        stack.redo()
    assert brief_service.list_briefs(a.lib) == []  # the last command, delete, redone
    stack.undo()
    final = brief_service.list_briefs(a.lib)
    assert [(b.title, b.article_ids) for b in final] == [("Undoable", (a.grid, a.original))]
    assert panel.current_brief() == final[0]
