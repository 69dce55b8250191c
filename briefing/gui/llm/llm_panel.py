"""The "Language model" side-panel tab: summarise the shown article or explain the selected
claim with the user's provider, the answer streamed in live (with Cancel), then shown
sentence by sentence with the grounding check — supported sentences link to the article
(``show_span``), unsupported ones are flagged — under a provenance label.

No request is ever made unless the user enabled a provider in the dialog. Work runs on the
panel's own QThreadPool; answers for an article that is no longer shown are dropped (they
are still stored, and appear when the article is shown again).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QThreadPool, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import Span
from briefing.domain.llm_results import EXPLAIN, SUMMARY, StoredLlmResult
from briefing.gui.llm.llm_worker import Generated, GenerateJob, Loaded, LoadJob
from briefing.gui.llm.result_model import SPAN_ROLE, GroundedModel
from briefing.gui.workers import library_opener
from briefing.llm.settings import ProviderSettings
from briefing.services import Library
from briefing.settings_store import load_provider_settings

if TYPE_CHECKING:  # loaded on first use: the keyring and the dialog are not needed to start
    from briefing.gui.llm.provider_dialog import ProviderDialog
    from briefing.llm.secrets import SessionKeys

OFF_NOTICE = (
    "Language-model support is off. Nothing is sent anywhere until you choose a provider "
    "(a local Ollama or llama.cpp server, or another OpenAI-compatible service)."
)
NO_RESULT = "No language-model summary of this article yet."
NO_ARTICLE = "Open an article to summarise it with your language model."
ERROR_STYLE = "color: #a40000;"


class LlmPanel(QWidget):
    """``show_span(start, end)`` asks the reader to show that span of the current article;
    ``message(text)`` carries errors worth a banner (also shown inside the panel)."""

    show_span = Signal(int, int)
    message = Signal(str)
    busy_changed = Signal(bool)
    provider_changed = Signal(object)  # the ProviderSettings just saved

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_library: Callable[[], Library] | None = None,
        session_keys: SessionKeys | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Language model")
        self.open_library = open_library or library_opener()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._session_keys: SessionKeys | None = session_keys  # shared with the window
        self.article_id: int | None = None
        self.claim: Span | None = None
        self._token = 0  # bumps whenever the shown article changes
        self._active: GenerateJob | None = None
        self._results: list[StoredLlmResult] = []
        self._text_sha: str | None = None
        self._dialog: ProviderDialog | None = None

        self.notice = QLabel(OFF_NOTICE)
        self.notice.setWordWrap(True)
        self.settings_button = QPushButton("Language-model settings…")
        self.settings_button.setAccessibleName("Open the language-model settings")
        self.settings_button.clicked.connect(self.open_settings)
        self.summarise_button = QPushButton("Summarise with language model")
        self.summarise_button.setAccessibleName("Summarise the article with the language model")
        self.summarise_button.clicked.connect(self.summarise)
        self.explain_button = QPushButton("Explain selected claim")
        self.explain_button.setAccessibleName("Explain the selected claim with the language model")
        self.explain_button.setToolTip("Ask what evidence would verify or refute the claim")
        self.explain_button.clicked.connect(self.explain)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the language-model request")
        self.cancel_button.clicked.connect(self.cancel)
        self.live = QPlainTextEdit()
        self.live.setReadOnly(True)
        self.live.setAccessibleName("Language-model answer as it arrives")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName("Where this text came from")
        self.model = GroundedModel(self)
        self.view = QListView()
        self.view.setAccessibleName("Generated sentences with their check against the article")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setSpacing(3)
        self.view.setUniformItemSizes(False)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setAccessibleName("Language-model problem")

        actions = QHBoxLayout()
        actions.addWidget(self.summarise_button)
        actions.addWidget(self.explain_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.notice)
        layout.addWidget(self.settings_button)
        layout.addLayout(actions)
        layout.addWidget(self.error_label)
        layout.addWidget(self.live, 1)
        layout.addWidget(self.heading)
        layout.addWidget(self.label)
        layout.addWidget(self.view, 2)
        self.settings = load_provider_settings(report=self._report)
        self._show(None)
        self._refresh()

    # --- public API ---------------------------------------------------------------------
    def set_article(self, article_id: int | None) -> None:
        """Show ``article_id`` (None: no article). Work for the previous one keeps running
        and is stored, but its output is no longer shown here."""
        if article_id == self.article_id:
            return
        self._token += 1
        if self._active is not None:
            self._active = None  # it runs on and is stored; its output is dropped
            self.busy_changed.emit(False)
        self.article_id = article_id
        self.claim = None
        self._results = []
        self._text_sha = None
        self.live.clear()
        self.error_label.clear()
        self._show(None)
        self._refresh()
        if article_id is not None:
            job = LoadJob(self._token, article_id, self.open_library)
            self._start(job)

    def set_claim(self, article_id: int, start: int, end: int) -> None:
        """The claim "Explain" works on; ignored unless ``article_id`` is the shown one."""
        if article_id != self.article_id or end <= start or start < 0:
            return
        self.claim = Span(start, end)
        stored = self._stored(EXPLAIN, self.claim)
        if stored is not None and self._active is None:
            self._show(stored)
        self._refresh()

    def set_provider(self, settings: ProviderSettings) -> None:
        self.settings = settings
        self._refresh()
        self.provider_changed.emit(settings)

    @property
    def session_keys(self) -> SessionKeys:
        """API keys the user chose to keep for this session only (never written anywhere)."""
        if self._session_keys is None:
            from briefing.llm.secrets import SessionKeys

            self._session_keys = SessionKeys()
        return self._session_keys

    def is_busy(self) -> bool:
        return self._active is not None

    def open_settings(self) -> None:
        """Open the provider dialog (window-modal, non-blocking)."""
        from briefing.gui.llm.provider_dialog import ProviderDialog

        if self._dialog is not None:
            self._dialog.raise_()
            return
        dialog = ProviderDialog(self.settings, self.session_keys, self, pool=self.pool)
        dialog.saved.connect(self.set_provider)
        dialog.finished.connect(self._dialog_closed)
        self._dialog = dialog
        dialog.open()

    def summarise(self) -> None:
        self._generate(None)

    def explain(self) -> None:
        if self.claim is not None:
            self._generate(self.claim)

    def cancel(self) -> None:
        if self._active is not None:
            self._active.cancel()

    def shutdown(self, msecs: int = 3000) -> bool:
        """Cancel running requests and wait for them (call when the window closes)."""
        if self._active is not None:
            self._active.cancel()
        self._token += 1
        return self.pool.waitForDone(msecs)

    # --- jobs ---------------------------------------------------------------------------
    def _generate(self, claim: Span | None) -> None:
        if self.article_id is None or not self.settings.enabled or self._active is not None:
            return
        job = GenerateJob(
            self._token,
            self.article_id,
            self.settings,
            self.session_keys,
            claim=claim,
            open_library=self.open_library,
        )
        job.signals.chunk.connect(self._on_chunk)
        job.signals.cancelled.connect(self._on_cancelled)
        self._active = job
        self.live.clear()
        self.live.show()
        self.error_label.clear()
        self.heading.setText(
            "Summarising…" if claim is None else "Explaining the selected claim…"
        )
        self._start(job)
        self._refresh()
        self.busy_changed.emit(True)

    def _start(self, job: GenerateJob | LoadJob) -> None:
        job.signals.result.connect(self._on_result)
        job.signals.error.connect(self._on_error)
        job.signals.finished.connect(self._on_finished)
        self.pool.start(job.run)

    def _current(self, token: int) -> bool:
        return token == self._token

    def _on_chunk(self, token: int, piece: str) -> None:
        if self._current(token):
            cursor = QTextCursor(self.live.document())  # at the end, whatever the user selects
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(piece)

    def _on_result(self, payload: object) -> None:
        if isinstance(payload, Loaded) and self._current(payload.token):
            self._results = list(payload.results)
            self._text_sha = payload.text_sha256
            if self._active is None:
                self._show(self._stored(EXPLAIN, self.claim) or self._stored(SUMMARY))
        elif isinstance(payload, Generated) and self._current(payload.token):
            stored = payload.result
            self._results = [
                r for r in self._results if not (r.kind == stored.kind and r.claim == stored.claim)
            ]
            self._results.insert(0, stored)
            self._text_sha = stored.source_sha256  # made from the article's current text
            self._show(stored)

    def _on_error(self, token: int, text: str) -> None:
        if self._current(token):
            self.heading.clear()
            self.error_label.setText(text)
            self.message.emit(text)

    def _on_cancelled(self, token: int) -> None:
        if self._current(token):
            self.heading.clear()
            self.error_label.setText("Cancelled; nothing was saved.")

    def _on_finished(self, job_id: int) -> None:
        if self._active is not None and job_id == self._active.id:
            self._active = None
            self.busy_changed.emit(False)
            self._refresh()

    # --- display ------------------------------------------------------------------------
    def _stored(self, kind: str, claim: Span | None = None) -> StoredLlmResult | None:
        for result in self._results:
            if result.kind == kind and (kind == SUMMARY or result.claim == claim):
                return result
        return None

    def _show(self, result: StoredLlmResult | None) -> None:
        linkable = result is not None and result.source_sha256 == (
            self._text_sha or result.source_sha256
        )
        self.model.set_result(result, linkable=linkable)
        self.view.setVisible(result is not None)
        self.live.setVisible(result is None and self._active is not None)
        if result is None:
            self.heading.setText(NO_RESULT if self.article_id is not None else "")
            self.label.clear()
            return
        checked = result.sentences
        supported = sum(s.supported for s in checked)
        title = "Summary" if result.kind == SUMMARY else f"Claim: “{result.claim_text or ''}”"
        self.heading.setText(
            f"<b>{html.escape(title)}</b> — {supported} of {len(checked)} sentences supported by "
            "the article; ⚠ marks sentences to check."
        )
        note = "" if linkable else " The article has changed since; its links are off."
        self.label.setText(result.label + "." + note)
        self.live.setPlainText(result.text)

    def _refresh(self) -> None:
        enabled = self.settings.enabled
        running = self._active is not None
        if not enabled:
            self.notice.setText(OFF_NOTICE)
        elif self.article_id is None:
            self.notice.setText(NO_ARTICLE)
        else:
            model = self.settings.model or "no model chosen"
            self.notice.setText(f"Provider: {model} at {self.settings.base_url}")
        ready = enabled and self.article_id is not None and not running
        self.summarise_button.setEnabled(ready)
        self.explain_button.setEnabled(ready and self.claim is not None)
        self.cancel_button.setVisible(running)

    def _clicked(self, index: QModelIndex) -> None:
        span = index.data(SPAN_ROLE)
        if span:
            self.show_span.emit(*span)

    def _dialog_closed(self) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
        self._dialog = None

    def _report(self, text: str) -> None:
        self.error_label.setText(text)
        self.message.emit(text)
