"""A hint shown in an empty item view ("No feeds yet — Add feed… subscribes to one"), so an
empty list or table says why it is empty and what to do, instead of showing nothing."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

Text = str | Callable[[], str]
MARGIN = 16


class EmptyHint(QObject):
    """A word-wrapped label over ``view``'s viewport, shown while its model has no rows;
    ``text`` is a string or a function giving it (asked again on :meth:`refresh`)."""

    def __init__(self, view: QAbstractItemView, text: Text) -> None:
        super().__init__(view)
        self.view = view
        self._text = text
        self.label = QLabel(view.viewport())
        self.label.setObjectName("emptyHint")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setEnabled(False)  # drawn muted, like a placeholder
        self._model: object = None
        self.viewport = view.viewport()
        self.viewport.installEventFilter(self)
        self.refresh()

    def _watch_model(self) -> None:
        model = self.view.model()
        if model is self._model or model is None:
            return
        self._model = model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):
            signal.connect(self.refresh)

    def text(self) -> str:
        """The hint shown now: "" while the view has rows."""
        model = self.view.model()
        if model is not None and model.rowCount() > 0:
            return ""
        return self._text() if callable(self._text) else self._text

    def refresh(self, *_args: object) -> None:
        if not shiboken6.isValid(self.view):  # a model signal while the view is destroyed
            return
        self._watch_model()
        text = self.text()
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.label.setGeometry(self.viewport.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown = event.type() in (QEvent.Type.Resize, QEvent.Type.Show)
        # (never while the view is being destroyed)
        if watched is self.viewport and shown and shiboken6.isValid(self.view):
            self.refresh()
        return False


def hint_for(view: QAbstractItemView) -> str:
    """The empty-view hint ``view`` shows now ("" when it has none or has rows)."""
    for child in view.children():
        if isinstance(child, EmptyHint):
            return child.text()
    return ""
