"""The "Summarise with language model" dialog of a brief: the summary of all the brief's
articles streamed in live from the user's provider (with Cancel), then shown sentence by
sentence with the grounding check against those articles — unsupported sentences flagged
with colour, a warning icon and the word "Unsupported" — under the provenance label.

The request runs on the dialog's own one-thread QThreadPool (llm_worker.BriefSummaryJob,
which opens its own Library); the stored result is what is shown. Nothing is sent unless
the settings passed in are enabled.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.domain.llm_results import StoredBriefResult
from briefing.gui.llm.llm_worker import BriefGenerated, BriefSummaryJob
from briefing.gui.llm.result_model import GroundedModel
from briefing.gui.workers import library_opener
from briefing.llm.settings import ProviderSettings
from briefing.services import Library

if TYPE_CHECKING:
    from briefing.llm.secrets import SessionKeys

ERROR_STYLE = "color: #a40000;"
SOURCE = "the brief's articles"


class BriefSummaryDialog(QDialog):
    """``busy_changed(bool)`` while a request runs; ``message(text)`` carries errors."""

    busy_changed = Signal(bool)
    message = Signal(str)

    def __init__(
        self,
        brief_id: int,
        title: str,
        settings: ProviderSettings,
        parent: QWidget | None = None,
        *,
        session: SessionKeys | None = None,
        open_library: Callable[[], Library] | None = None,
    ) -> None:
        super().__init__(parent)
        self.brief_id = brief_id
        self.settings = settings
        self.session = session
        self.open_library = open_library or library_opener()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._active: BriefSummaryJob | None = None
        self._token = 0
        self.result: StoredBriefResult | None = None
        self.setWindowTitle(f"Language-model summary of “{title}”")
        self.setAccessibleName("Language-model summary of the brief")
        self.resize(560, 480)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.live = QPlainTextEdit()
        self.live.setReadOnly(True)
        self.live.setAccessibleName("Language-model answer as it arrives")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName("Where this text came from")
        self.model = GroundedModel(self, source=SOURCE, mark_text=True)
        self.view = QListView()
        self.view.setAccessibleName("Generated sentences with their check against the articles")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setSpacing(3)
        self.view.setUniformItemSizes(False)
        self.view.hide()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setAccessibleName("Language-model problem")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the language-model request")
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.error_label)
        layout.addWidget(self.live, 1)
        layout.addWidget(self.view, 2)
        layout.addWidget(self.label)
        layout.addLayout(buttons)

    # --- public API ---------------------------------------------------------------------
    def start(self) -> bool:
        """Start the request; False (and nothing sent) while one runs or support is off."""
        if self._active is not None:
            return False
        if not self.settings.enabled:
            self._problem("Language-model support is off; choose a provider in its settings.")
            return False
        self._token += 1
        job = BriefSummaryJob(self._token, self.brief_id, self.settings, self.session,
                              open_library=self.open_library)
        job.signals.chunk.connect(self._on_chunk)
        job.signals.result.connect(self._on_result)
        job.signals.error.connect(self._on_error)
        job.signals.cancelled.connect(self._on_cancelled)
        job.signals.finished.connect(self._on_finished)
        self._active = job
        self.result = None
        self.live.clear()
        self.live.show()
        self.view.hide()
        self.label.clear()
        self.error_label.clear()
        self.heading.setText(f"Summarising the brief with {html.escape(self.settings.model)}…")
        self.cancel_button.setEnabled(True)
        self.pool.start(job.run)
        self.busy_changed.emit(True)
        return True

    def is_busy(self) -> bool:
        return self._active is not None

    def cancel(self) -> None:
        if self._active is not None:
            self._active.cancel()

    def shutdown(self, msecs: int = 3000) -> bool:
        """Cancel a running request and wait for it."""
        self.cancel()
        return self.pool.waitForDone(msecs)

    def done(self, code: int) -> None:  # closing cancels the request (nothing is stored)
        self.cancel()
        super().done(code)

    # --- job signals --------------------------------------------------------------------
    def _on_chunk(self, token: int, piece: str) -> None:
        if token == self._token:
            cursor = QTextCursor(self.live.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(piece)

    def _on_result(self, payload: object) -> None:
        if isinstance(payload, BriefGenerated) and payload.token == self._token:
            self.show_result(payload.result)

    def _on_error(self, token: int, text: str) -> None:
        if token == self._token:
            self._problem(text)

    def _on_cancelled(self, token: int) -> None:
        if token == self._token:
            self.heading.clear()
            self.error_label.setText("Cancelled; nothing was saved.")

    def _on_finished(self, job_id: int) -> None:
        if self._active is not None and job_id == self._active.id:
            self._active = None
            self.cancel_button.setEnabled(False)
            self.busy_changed.emit(False)

    # --- display ------------------------------------------------------------------------
    def show_result(self, result: StoredBriefResult) -> None:
        self.result = result
        self.model.set_result(result, linkable=False)
        checked = result.sentences
        supported = sum(s.supported for s in checked)
        flagged = len(checked) - supported
        note = (
            f" ⚠ {flagged} unsupported {'sentence is' if flagged == 1 else 'sentences are'} "
            "flagged: check them before relying on them."
            if flagged else ""
        )
        self.heading.setText(
            f"<b>Summary of the brief</b> — {supported} of {len(checked)} sentences supported "
            f"by {html.escape(SOURCE)}.{html.escape(note)}"
        )
        self.label.setText(result.label + ".")
        self.live.hide()
        self.view.show()

    def _problem(self, text: str) -> None:
        self.heading.clear()
        self.error_label.setText(text)
        self.message.emit(text)
