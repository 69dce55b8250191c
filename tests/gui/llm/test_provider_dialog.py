"""The provider dialog: presets, fetching models in a worker, saving settings to
settings.json without the key, the key to the keyring or (when asked) this session only."""

from __future__ import annotations

import json

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt, QThreadPool

from briefing.gui.llm.provider_dialog import CUSTOM, ProviderDialog
from briefing.llm.secrets import SERVICE, SessionKeys, get_key
from briefing.llm.settings import LLAMA_CPP_URL, OLLAMA_URL, ProviderSettings
from briefing.paths import app_paths
from briefing.settings_store import load_provider_settings
from tests.unit.llm.fake_openai_server import FakeOpenAIServer

KEY = "sk-dialog-SECRET-91c4e2"


@pytest.fixture
def dialog(qtbot) -> ProviderDialog:
    made = ProviderDialog(ProviderSettings(), SessionKeys())
    qtbot.addWidget(made)
    return made


def fill(dialog: ProviderDialog, url: str, model: str = "llama3.2:1b") -> None:
    dialog.enabled.setChecked(True)
    dialog.base_url.setText(url)
    dialog.model.setCurrentText(model)
    dialog.timeout.setValue(20)


def settings_text() -> str:
    return app_paths().settings.read_text(encoding="utf-8")


def test_presets_fill_the_base_url(qtbot, dialog: ProviderDialog) -> None:
    assert dialog.preset.currentText() == "Ollama" and dialog.base_url.text() == OLLAMA_URL
    dialog.preset.setCurrentIndex(dialog.preset.findData(LLAMA_CPP_URL))
    dialog.preset.activated.emit(dialog.preset.currentIndex())
    assert dialog.base_url.text() == LLAMA_CPP_URL
    dialog.base_url.clear()
    qtbot.keyClicks(dialog.base_url, "http://10.0.0.5:9000/v1")
    assert dialog.preset.currentText() == CUSTOM


def test_saves_settings_and_puts_the_key_in_the_keyring_only(
    qtbot, dialog: ProviderDialog, memory_keyring: KeyringBackend, server: FakeOpenAIServer
) -> None:
    fill(dialog, server.base_url)
    dialog.api_key.setText(KEY)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    expected = ProviderSettings(enabled=True, base_url=server.base_url, model="llama3.2:1b",
                                timeout=20)
    assert saved.args == [expected]
    assert dialog.result() == ProviderDialog.DialogCode.Accepted
    assert load_provider_settings() == expected
    assert KEY not in settings_text() and "key" not in json.loads(settings_text())["llm"]
    assert memory_keyring.get_password(SERVICE, server.base_url) == KEY
    assert dialog.api_key.text() == ""
    assert server.requests == []  # saving never talks to the server


def test_without_a_keyring_the_key_is_kept_for_the_session_when_the_user_agrees(
    qtbot, dialog: ProviderDialog, no_keyring: KeyringBackend, monkeypatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(dialog, "ask_session_only", lambda detail: asked.append(detail) or True)
    fill(dialog, "http://127.0.0.1:9/v1")
    dialog.api_key.setText(KEY)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert asked and "no system keyring is available" in asked[0]
    assert dialog.session.get("http://127.0.0.1:9/v1") == KEY
    assert get_key("http://127.0.0.1:9/v1", dialog.session) == KEY
    assert KEY not in settings_text()


def test_refusing_the_session_key_keeps_the_dialog_open_and_saves_nothing(
    qtbot, dialog: ProviderDialog, no_keyring: KeyringBackend, monkeypatch
) -> None:
    monkeypatch.setattr(dialog, "ask_session_only", lambda detail: False)
    fill(dialog, "http://127.0.0.1:9/v1")
    dialog.api_key.setText(KEY)
    with qtbot.assertNotEmitted(dialog.saved):
        dialog.save()
    assert "The key was not stored" in dialog.status.text()
    assert not app_paths().settings.exists()
    assert dialog.session.get("http://127.0.0.1:9/v1") is None


def test_the_no_keyring_question_is_worded_for_the_user(
    qtbot, dialog: ProviderDialog, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert dialog.ask_session_only("detail")
    assert seen == ["No system keyring is available; use the key for this session only?"]


def test_bad_base_url_is_reported_and_nothing_saved(qtbot, dialog: ProviderDialog) -> None:
    fill(dialog, "ftp://example.org")
    with qtbot.assertNotEmitted(dialog.saved):
        dialog.save()
    assert "must start with http://" in dialog.status.text()
    assert not app_paths().settings.exists()


def test_fetch_models_runs_in_a_worker_only_when_enabled(
    qtbot, dialog: ProviderDialog, server: FakeOpenAIServer
) -> None:
    dialog.base_url.setText(server.base_url)
    assert not dialog.fetch_button.isEnabled()
    dialog.fetch_models()
    assert server.requests == []
    dialog.enabled.setChecked(True)
    assert dialog.fetch_button.isEnabled()
    dialog.model.setCurrentText("")
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text() == "2 models offered.", timeout=5000)
    assert [dialog.model.itemText(i) for i in range(dialog.model.count())] == [
        "llama3.2:1b", "qwen2.5:0.5b"]
    assert dialog.model.currentText() == "llama3.2:1b"
    assert [r.path for r in server.requests] == ["/v1/models"]
    qtbot.waitUntil(dialog.fetch_button.isEnabled)
    server.state.fault = "500"
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "HTTP 500" in dialog.status.text(), timeout=5000)
    assert QThreadPool.globalInstance().waitForDone(3000)
