"""One shared way for a panel to say it is loading, what it found, or what went wrong.

A :class:`LoadState` is a status line used like a ``QLabel`` (``setText`` / ``text``) that
can also show a failure with a Retry button: a panel whose background load fails (database
error, disk full, permission) never stays on "Loading…". Errors are logged where they are
caught (the worker's :class:`~briefing.gui.workers.Job`, or :func:`build_or_explain` for
panels built on the GUI thread), once; this widget only shows them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from briefing.services.library import DATABASE_ERRORS

log = logging.getLogger(__name__)
T = TypeVar("T")


class LoadState(QWidget):
    """A status line: loading, done (any text), or failed with Retry."""

    def __init__(self, text: str = "Loading…", accessible: str = "Status",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(accessible)
        self.retry_button = QPushButton("Retry")
        self.retry_button.setAccessibleName(f"Retry: {accessible}")
        self.retry_button.hide()
        self.retry_button.clicked.connect(self.retry)
        self._retry: Callable[[], object] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)

    def setText(self, text: str) -> None:
        """Loading or done: show ``text``, no Retry."""
        self._retry = None
        self.retry_button.hide()
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.label.setAccessibleName(name)
        self.retry_button.setAccessibleName(f"Retry: {name}")

    def failed(self, text: str, retry: Callable[[], object] | None) -> None:
        """Show what went wrong; with ``retry``, a Retry button that calls it."""
        self.label.setText(text)
        self._retry = retry
        self.retry_button.setVisible(retry is not None)

    def is_failed(self) -> bool:
        return self._retry is not None

    def retry(self) -> None:
        again, self._retry = self._retry, None
        self.retry_button.hide()
        if again is not None:
            again()


def build_or_explain(what: str, build: Callable[[], T], state: LoadState,
                     retry: Callable[[], object]) -> T | None:
    """Run ``build`` (a panel made on the GUI thread); on a typed or database error show
    "``what`` could not be loaded: …" with Retry in ``state``, log it once, return None."""
    try:
        return build()
    except (*DATABASE_ERRORS, OSError) as exc:
        log.warning("%s could not be loaded: %s", what, exc)
        state.failed(f"{what} could not be loaded: {exc}", retry)
        return None
