"""The brief builder: briefs on top, the chosen brief's articles below, in export order.

Every change is saved at once through :mod:`briefing.services.briefs`; the views are then
reloaded from the services, so what is shown is what is stored. "Summarise with language
model" (enabled only once the user enabled a provider) opens a dialog that streams a summary
of the whole brief and shows it checked against the brief's articles.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import Brief, BriefingError
from briefing.gui.briefs.brief_model import (
    ARTICLE_ID_ROLE,
    BRIEF_ID_ROLE,
    BriefArticlesModel,
    BriefListModel,
)
from briefing.gui.briefs.brief_undo import BriefHistory
from briefing.services import Library
from briefing.services import articles as article_service
from briefing.services import briefs as brief_service
from briefing.settings_store import load_provider_settings

if TYPE_CHECKING:  # the dialog (and the client it uses) load when the user asks for it
    from briefing.gui.llm.brief_summary_dialog import BriefSummaryDialog
    from briefing.llm.secrets import SessionKeys
    from briefing.llm.settings import ProviderSettings


def _button(text: str, accessible: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.setToolTip(tip)
    return button


class BriefPanel(QWidget):
    """``open_article(id)`` on double-click/Enter; ``export_requested(ids, title)`` from
    "Preview and export…"; ``error(message)`` for the window's banner; ``changed()`` after
    any saved change. ``undo_stack`` holds the brief changes (Ctrl+Z / Ctrl+Shift+Z inside
    the lists; add it to a QUndoGroup to drive the window's Edit menu)."""

    open_article = Signal(int)
    export_requested = Signal(list, str)
    error = Signal(str)
    changed = Signal()

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.setObjectName("briefPanel")
        self.setAccessibleName("Briefs")
        self._current_article: int | None = None
        self._loading = False
        self.llm_settings: ProviderSettings = load_provider_settings()
        self.llm_dialog: BriefSummaryDialog | None = None
        # Keys kept for this session only (the reader's, shared with its LLM tab); None:
        # the brief summary finds keys in the system keyring alone.
        self.session_keys: SessionKeys | None = None

        self.history = BriefHistory(lib, self, self._restored, self.error.emit)
        self.undo_stack = self.history.stack
        self.briefs_model = BriefListModel(self)
        self.articles_model = BriefArticlesModel(self)
        self.articles_model.order_changed.connect(self._save_order)

        self.brief_list = QListView()
        self.brief_list.setAccessibleName("Briefs")
        self.brief_list.setModel(self.briefs_model)
        self.brief_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.brief_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.brief_list.selectionModel().currentChanged.connect(
            lambda *_: self._brief_changed()
        )

        self.new_button = _button("&New…", "New brief", "Create an empty brief")
        self.rename_button = _button("Rena&me…", "Rename brief", "Rename the selected brief")
        self.delete_button = _button("&Delete…", "Delete brief",
                                     "Delete the brief (its articles stay in the library)")
        self.new_button.clicked.connect(lambda: self.new_brief())
        self.rename_button.clicked.connect(lambda: self.rename_brief())
        self.delete_button.clicked.connect(lambda: self.delete_brief())

        self.article_list = QListView()
        from briefing.gui.widgets.bidi_delegate import BidiDelegate

        self.article_list.setItemDelegate(BidiDelegate(self.article_list, fit=True))
        self.brief_list.setItemDelegate(BidiDelegate(self.brief_list, fit=True))
        self.article_list.setAccessibleName("Articles in the brief")
        self.article_list.setAccessibleDescription(
            "Drag, or press Alt+Up and Alt+Down, to change the order; Enter opens the article"
        )
        self.article_list.setModel(self.articles_model)
        self.article_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.article_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.article_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.article_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.article_list.setDropIndicatorShown(True)
        self.article_list.activated.connect(self._open)
        self.article_list.selectionModel().currentChanged.connect(lambda *_: self._update())

        self.add_button = _button("&Add current", "Add current article",
                                  "Add the article being read to this brief")
        self.remove_button = _button("Remo&ve", "Remove article from brief",
                                     "Take the article out of the brief (not the library)")
        self.up_button = _button("↑", "Move article up", "Move up (Alt+Up)")
        self.down_button = _button("↓", "Move article down", "Move down (Alt+Down)")
        self.export_button = _button("&Preview and export…", "Preview and export brief",
                                     "Preview, print or export this brief")
        self.add_button.clicked.connect(self._add_current)
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.export_button.clicked.connect(self.request_export)
        self.llm_button = _button("Summarise with language model",
                                  "Summarise the brief with the language model",
                                  "Summarise all the brief's articles with your language-model "
                                  "provider (enable one in the language-model settings)")
        self.llm_button.clicked.connect(lambda: self.summarise_with_llm())
        self.article_list.installEventFilter(self)
        self.brief_list.installEventFilter(self)

        self._build_layout()
        self.refresh()

    def _build_layout(self) -> None:
        brief_buttons = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.delete_button):
            brief_buttons.addWidget(button)
        article_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            article_buttons.addWidget(button)
        article_buttons.addStretch(1)
        for button in (self.up_button, self.down_button):
            button.setFixedWidth(button.sizeHint().height() + 8)
            article_buttons.addWidget(button)
        from briefing.gui.widgets.labels import wrapping_label

        self.articles_heading = wrapping_label(QLabel("Articles", objectName="panelHeading"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(QLabel("Briefs", objectName="panelHeading"))
        layout.addWidget(self.brief_list, 1)
        layout.addLayout(brief_buttons)
        layout.addWidget(self.articles_heading)
        layout.addWidget(self.article_list, 3)
        layout.addLayout(article_buttons)
        layout.addWidget(self.export_button)
        layout.addWidget(self.llm_button)
        order = (self.brief_list, self.new_button, self.rename_button, self.delete_button,
                 self.article_list, self.add_button, self.remove_button, self.up_button,
                 self.down_button, self.export_button, self.llm_button)
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

    def _key_action(self, watched: QObject, event: QKeyEvent) -> Callable[[], object] | None:
        if event.matches(QKeySequence.StandardKey.Undo):
            return self.undo_stack.undo
        if event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Z and event.modifiers()
            == Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        ):
            return self.undo_stack.redo
        if watched is self.brief_list:
            return self.delete_brief if event.matches(QKeySequence.StandardKey.Delete) else None
        alt = event.modifiers() == Qt.KeyboardModifier.AltModifier
        if alt and event.key() == Qt.Key.Key_Up:
            return lambda: self.move_selected(-1)
        if alt and event.key() == Qt.Key.Key_Down:
            return lambda: self.move_selected(1)
        if event.matches(QKeySequence.StandardKey.Delete):
            return self.remove_selected
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the lists: Alt+Up/Alt+Down move, Delete removes, Ctrl+Z / Ctrl+Shift+Z undo
        and redo brief changes; claimed before the window-wide shortcuts see them."""
        if watched in (self.article_list, self.brief_list) and isinstance(event, QKeyEvent):
            action = self._key_action(watched, event)
            if action is not None:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                if event.type() == QEvent.Type.KeyPress:
                    action()
                    return True
        return super().eventFilter(watched, event)

    # state -----------------------------------------------------------------------------
    def current_brief(self) -> Brief | None:
        return self.briefs_model.brief_at(self.brief_list.currentIndex().row())

    def selected_article_id(self) -> int | None:
        index = self.article_list.currentIndex()
        value = index.data(ARTICLE_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def set_current_article(self, article_id: int | None) -> None:
        """The article being read, used by "Add current" (connect the reader to this)."""
        self._current_article = article_id
        self._update()

    def refresh(self, select_brief: int | None = None, select_article: int | None = None) -> None:
        """Reload briefs (and the shown brief's articles) from the library."""
        if select_brief is None:
            current = self.current_brief()
            select_brief = current.id if current else None
        if select_article is None:
            select_article = self.selected_article_id()
        self._loading = True
        try:
            self.briefs_model.set_briefs(brief_service.list_briefs(self.lib))
            row = self.briefs_model.row_for(select_brief) if select_brief is not None else -1
            if row < 0 and self.briefs_model.rowCount():
                row = 0
            if row >= 0:
                self.brief_list.setCurrentIndex(self.briefs_model.index(row, 0))
        finally:
            self._loading = False
        self._show_brief(select_article)

    def _brief_changed(self) -> None:
        if not self._loading:
            self._show_brief()

    def _show_brief(self, select_article: int | None = None) -> None:
        brief = self.current_brief()
        ids = list(brief.article_ids) if brief else []
        self.articles_model.set_rows(article_service.list_articles(self.lib, ids) if ids else [])
        self.articles_heading.setText(f"Articles in “{brief.title}”" if brief else "Articles")
        row = self.articles_model.row_for(select_article) if select_article is not None else -1
        if row >= 0:
            self.article_list.selectionModel().setCurrentIndex(
                self.articles_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
        self._update()

    def _update(self) -> None:
        brief = self.current_brief()
        article = self.selected_article_id()
        row = self.article_list.currentIndex().row()
        count = self.articles_model.rowCount()
        self.rename_button.setEnabled(brief is not None)
        self.delete_button.setEnabled(brief is not None)
        self.add_button.setEnabled(self._current_article is not None)
        self.remove_button.setEnabled(article is not None)
        self.up_button.setEnabled(article is not None and row > 0)
        self.down_button.setEnabled(article is not None and 0 <= row < count - 1)
        self.export_button.setEnabled(count > 0)
        running = self.llm_dialog is not None and self.llm_dialog.is_busy()
        self.llm_button.setEnabled(self.llm_settings.enabled and count > 0 and not running)

    # changes (each saved through the services at once) ----------------------------------
    def _snapshot(self, brief_id: int | None) -> Brief | None:
        if brief_id is None:
            return None
        try:
            return brief_service.get_brief(self.lib, brief_id)
        except BriefingError:
            return None

    def _apply(self, text: str, brief_id: int | None, change: Callable[[], object],
               select_article: int | None = None) -> object | None:
        """Run ``change()`` (a services call), record it for undo, reload from the services;
        a typed error is reported and nothing is recorded."""
        before = self._snapshot(brief_id)
        try:
            result = change()
        except BriefingError as exc:
            self.error.emit(str(exc))
            self.refresh()
            return None
        after_id = result.id if isinstance(result, Brief) else brief_id
        self.history.record(text, before, self._snapshot(after_id))
        self.refresh(after_id, select_article)
        self.changed.emit()
        return result

    def _restored(self, brief_id: int | None) -> None:
        self.refresh(brief_id)
        self.changed.emit()

    def new_brief(self, title: str | None = None) -> Brief | None:
        """Create a brief (asking for its title when not given) and select it."""
        if title is None:
            title, ok = QInputDialog.getText(self, "New brief", "Title of the new brief:",
                                             QLineEdit.EchoMode.Normal, "")
            if not ok:
                return None
        chosen = title
        created = self._apply("New brief", None,
                              lambda: brief_service.create_brief(self.lib, chosen))
        return created if isinstance(created, Brief) else None

    def rename_brief(self, title: str | None = None) -> None:
        brief = self.current_brief()
        if brief is None:
            return
        if title is None:
            title, ok = QInputDialog.getText(self, "Rename brief", "New title:",
                                             QLineEdit.EchoMode.Normal, brief.title)
            if not ok:
                return
        self._apply("Rename brief", brief.id,
                    lambda: brief_service.rename_brief(self.lib, brief.id, title))

    def delete_brief(self, *, confirm: bool = True) -> None:
        brief = self.current_brief()
        if brief is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, "Delete brief",
                f"Delete the brief “{brief.title}”?\n\nIts {len(brief.article_ids)} "
                "articles stay in the library.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.brief_list.setCurrentIndex(QModelIndex())
        self._apply("Delete brief", brief.id,
                    lambda: brief_service.delete_brief(self.lib, brief.id))

    def add_article(self, article_id: int) -> None:
        """Add ``article_id`` to the selected brief (asks for a new brief when there is none)."""
        brief = self.current_brief() or self.new_brief()
        if brief is None:
            return
        self._apply("Add article", brief.id,
                    lambda: brief_service.add_to_brief(self.lib, brief.id, article_id),
                    select_article=article_id)

    def _add_current(self) -> None:
        if self._current_article is not None:
            self.add_article(self._current_article)

    def remove_selected(self) -> None:
        brief, article = self.current_brief(), self.selected_article_id()
        if brief is None or article is None:
            return
        row = self.article_list.currentIndex().row()
        ids = self.articles_model.article_ids()
        neighbour = ids[row + 1] if row + 1 < len(ids) else (ids[row - 1] if row > 0 else None)
        self._apply("Remove article", brief.id,
                    lambda: brief_service.remove_from_brief(self.lib, brief.id, article),
                    select_article=neighbour)

    def move_selected(self, offset: int) -> None:
        brief, article = self.current_brief(), self.selected_article_id()
        if brief is None or article is None:
            return
        self._apply("Move article", brief.id,
                    lambda: brief_service.move_in_brief(self.lib, brief.id, article, offset),
                    select_article=article)

    def _save_order(self, article_ids: list[int]) -> None:
        """Save a dragged order once the view has finished its drop (it still holds
        indexes into the model, which the reload after saving replaces)."""
        brief = self.current_brief()
        if brief is not None:
            QTimer.singleShot(0, lambda: self._apply(
                "Reorder articles", brief.id,
                lambda: brief_service.set_brief_articles(self.lib, brief.id, article_ids),
                select_article=self.selected_article_id(),
            ))

    # language model ----------------------------------------------------------------------
    def set_provider(self, settings: ProviderSettings) -> None:
        """The provider settings changed (e.g. saved in the language-model dialog)."""
        self.llm_settings = settings
        self._update()

    def showEvent(self, event: QShowEvent) -> None:
        self.llm_settings = load_provider_settings()  # the user may have changed them
        self._update()
        super().showEvent(event)

    def summarise_with_llm(self) -> BriefSummaryDialog | None:
        """Open the dialog streaming a summary of the selected brief. Nothing is sent unless
        a provider is enabled in the settings (read again now)."""
        brief = self.current_brief()
        self.llm_settings = load_provider_settings()
        self._update()
        if brief is None or not brief.article_ids or not self.llm_settings.enabled:
            return None
        if self.llm_dialog is not None:
            if self.llm_dialog.is_busy():
                self.llm_dialog.raise_()
                return None
            self.llm_dialog.deleteLater()
        from briefing.gui.llm.brief_summary_dialog import BriefSummaryDialog

        dialog = BriefSummaryDialog(brief.id, brief.title, self.llm_settings, self,
                                    session=self.session_keys)
        dialog.busy_changed.connect(lambda _busy: self._update())
        dialog.message.connect(self.error.emit)
        self.llm_dialog = dialog
        dialog.open()
        dialog.start()
        self._update()
        return dialog

    def shutdown(self, msecs: int = 3000) -> bool:
        """Cancel a running language-model request and wait for it (window closing)."""
        return self.llm_dialog.shutdown(msecs) if self.llm_dialog is not None else True

    # signals out -----------------------------------------------------------------------
    def _open(self, index: QModelIndex) -> None:
        value = index.data(ARTICLE_ID_ROLE)
        if value is not None:
            self.open_article.emit(int(value))

    def request_export(self) -> None:
        brief = self.current_brief()
        if brief is not None and brief.article_ids:
            self.export_requested.emit(list(brief.article_ids), brief.title)

    def select_brief(self, brief_id: int) -> None:
        row = self.briefs_model.row_for(brief_id)
        if row >= 0:
            self.brief_list.setCurrentIndex(self.briefs_model.index(row, 0))

    def brief_ids(self) -> list[int]:
        return [int(self.briefs_model.index(r, 0).data(BRIEF_ID_ROLE))
                for r in range(self.briefs_model.rowCount())]
