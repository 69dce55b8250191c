"""Language-model provider settings: on/off, a preset (Ollama, llama.cpp server) or a custom
base URL, the model (typed, or fetched from the server in a worker), the timeout, and an API
key that goes to the system keyring — or, when there is none and the user agrees, to memory
for this session only. Settings are saved to settings.json; the key never is.
"""

from __future__ import annotations

from itertools import count

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from briefing.domain import BriefingError
from briefing.gui.llm.llm_worker import Models, ModelsJob
from briefing.llm.errors import KeyStorageError
from briefing.llm.secrets import KeyStorage, SessionKeys, delete_key, get_key, set_key
from briefing.llm.settings import MAX_TIMEOUT, PRESETS, ProviderSettings
from briefing.settings_store import save_provider_settings

CUSTOM = "Custom server"
NO_KEYRING_QUESTION = "No system keyring is available; use the key for this session only?"
_tokens = count(1)


class ProviderDialog(QDialog):
    """Edits provider settings; on OK stores the key, saves the settings, emits ``saved``."""

    saved = Signal(object)  # ProviderSettings

    def __init__(
        self,
        settings: ProviderSettings,
        session: SessionKeys,
        parent: QWidget | None = None,
        *,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Language model")
        self.setMinimumWidth(520)
        self.settings = settings
        self.session = session
        self.pool = pool or QThreadPool.globalInstance()
        self._fetch: ModelsJob | None = None

        self.enabled = QCheckBox("Use a language model for summaries and claim explanations")
        self.enabled.setAccessibleName("Enable language-model support")
        self.enabled.setChecked(settings.enabled)
        self.preset = QComboBox()
        self.preset.setAccessibleName("Provider preset")
        for name, url in PRESETS.items():
            self.preset.addItem(name, url)
        self.preset.addItem(CUSTOM, "")
        self.base_url = QLineEdit(settings.base_url)
        self.base_url.setAccessibleName("Base URL")
        self.base_url.setPlaceholderText("http://127.0.0.1:11434/v1")
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setAccessibleName("Model")
        self.model.setCurrentText(settings.model)
        self.fetch_button = QPushButton("Fetch models")
        self.fetch_button.setAccessibleName("Fetch the models the server offers")
        self.fetch_button.clicked.connect(self.fetch_models)
        self.timeout = QDoubleSpinBox()
        self.timeout.setAccessibleName("Timeout in seconds")
        self.timeout.setRange(1.0, MAX_TIMEOUT)
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(" s")
        self.timeout.setValue(settings.timeout)
        self.api_key = QLineEdit()
        self.api_key.setAccessibleName("API key")
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText("Only for hosted services; kept in the system keyring")
        self.forget_button = QPushButton("Forget stored key")
        self.forget_button.setAccessibleName("Forget the stored API key")
        self.forget_button.clicked.connect(self.forget_key)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Language-model settings status")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.fetch_button)
        key_row = QHBoxLayout()
        key_row.addWidget(self.api_key, 1)
        key_row.addWidget(self.forget_button)
        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow("&Provider:", self.preset)
        form.addRow("&Base URL:", self.base_url)
        form.addRow(_buddy_label("&Model:", self.model), model_row)
        form.addRow("&Timeout:", self.timeout)
        form.addRow(_buddy_label("API &key:", self.api_key), key_row)
        privacy = QLabel(
            "Text is sent only to this address, and only when you ask for a summary or an "
            "explanation. Generated text is checked against the article but not verified."
        )
        privacy.setWordWrap(True)
        form.addRow(privacy)
        form.addRow(self.status)
        form.addRow(self.buttons)

        self._sync_preset()
        self.preset.activated.connect(self._preset_chosen)
        self.base_url.textEdited.connect(self._sync_preset)
        self.base_url.editingFinished.connect(self._show_key_state)
        self.enabled.toggled.connect(self._refresh)
        self._refresh()
        self._show_key_state()

    # --- reading the form ---------------------------------------------------------------
    def form_settings(self, *, enabled: bool | None = None) -> ProviderSettings:
        """The settings the form describes; raises LlmSettingsError for a bad value."""
        return ProviderSettings(
            enabled=self.enabled.isChecked() if enabled is None else enabled,
            base_url=self.base_url.text(),
            model=self.model.currentText(),
            timeout=float(self.timeout.value()),
            max_response_chars=self.settings.max_response_chars,
        )

    def _sync_preset(self, _text: str = "") -> None:
        url = self.base_url.text().strip().rstrip("/")
        index = self.preset.findData(url)
        self.preset.setCurrentIndex(index if index >= 0 else self.preset.findText(CUSTOM))

    def _preset_chosen(self, index: int) -> None:
        url = self.preset.itemData(index)
        if url:
            self.base_url.setText(url)
            self._show_key_state()
        else:
            self.base_url.setFocus()

    def _refresh(self) -> None:
        self.fetch_button.setEnabled(self.enabled.isChecked() and self._fetch is None)
        self.fetch_button.setToolTip(
            "Asks the server for its models" if self.enabled.isChecked()
            else "Turn on language-model support first; nothing is sent while it is off"
        )

    def _show_key_state(self) -> None:
        try:
            stored = get_key(self.base_url.text(), self.session) is not None
        except BriefingError as exc:
            self.status.setText(str(exc))
            return
        self.forget_button.setEnabled(stored)
        self.api_key.setPlaceholderText(
            "A key is stored for this address (type to replace it)" if stored
            else "Only for hosted services; kept in the system keyring"
        )

    # --- actions ------------------------------------------------------------------------
    def fetch_models(self) -> None:
        """Ask the server for its models in a worker (only with support turned on)."""
        if not self.enabled.isChecked() or self._fetch is not None:
            return
        try:
            settings = self.form_settings(enabled=True)
        except BriefingError as exc:
            self.status.setText(str(exc))
            return
        job = ModelsJob(next(_tokens), settings, self.api_key.text().strip() or None,
                        self.session)
        job.signals.result.connect(self._on_models)
        job.signals.error.connect(self._on_fetch_error)
        job.signals.finished.connect(self._fetch_done)
        self._fetch = job
        self.status.setText(f"Asking {settings.base_url} for its models…")
        self._refresh()
        self.pool.start(job.run)

    def _on_models(self, payload: object) -> None:
        if not isinstance(payload, Models):
            return
        current = self.model.currentText()
        self.model.clear()
        self.model.addItems(list(payload.names))
        self.model.setCurrentText(current or (payload.names[0] if payload.names else ""))
        self.status.setText(f"{len(payload.names)} models offered.")

    def _on_fetch_error(self, _token: int, text: str) -> None:
        self.status.setText(text)

    def _fetch_done(self, _job_id: int) -> None:
        self._fetch = None
        self._refresh()

    def forget_key(self) -> None:
        try:
            delete_key(self.base_url.text(), self.session)
        except BriefingError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText("The stored API key was forgotten.")
        self._show_key_state()

    def save(self) -> None:
        """Validate, store the key (keyring, or session after asking), save, close."""
        try:
            settings = self.form_settings()
        except BriefingError as exc:
            self.status.setText(str(exc))
            return
        key = self.api_key.text().strip()
        if key and not self._store_key(settings.base_url, key):
            return
        try:
            save_provider_settings(settings)
        except BriefingError as exc:
            self.status.setText(str(exc))
            return
        self.api_key.clear()
        self.settings = settings
        self.saved.emit(settings)
        self.accept()

    def _store_key(self, base_url: str, key: str) -> bool:
        try:
            set_key(base_url, key, session=self.session)
            return True
        except KeyStorageError as exc:
            if not self.ask_session_only(str(exc)):
                self.status.setText(f"{exc}. The key was not stored.")
                return False
        try:
            where = set_key(base_url, key, session=self.session, session_only=True)
        except KeyStorageError as exc:
            self.status.setText(str(exc))
            return False
        return where is KeyStorage.SESSION

    def ask_session_only(self, detail: str) -> bool:
        """Ask whether to keep the key in memory for this session only."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "No system keyring",
            NO_KEYRING_QUESTION,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(
            "The key would be forgotten when Briefing closes. It is never written to disk."
        )
        box.setDetailedText(detail)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
