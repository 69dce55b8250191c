"""The reader hosts the capture endpoint: a capture appears with an Open / Undo notice,
pairing is approved in the reader, and the settings list and revoke tokens."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing.services.annotating import annotations_for
from briefing.services.articles import list_articles
from briefing.services.capturing import check_token, list_tokens, pair_token
from tests.unit.capture.conftest import EXTENSION, request


@pytest.fixture
def host(qtbot, window):
    from briefing.gui.capture.host import host_capture

    created = host_capture(window, port=0)  # the reader itself uses 27183..27192
    qtbot.waitUntil(lambda: created.server is not None, timeout=10000)
    yield created
    created.stop()


def _capture(port: int, token: str, page: str, url: str = "https://example.org/s") -> dict:
    body = json.dumps({
        "capture_id": str(uuid.uuid4()), "url": url, "html": page,
        "selection": {"exact": "about 75%"}, "note": "from the browser",
    }).encode()
    reply = request(port, "POST", "/v1/captures", body=body, headers={
        "Origin": EXTENSION, "Content-Type": "application/json",
        "Authorization": f"Bearer {token}"})
    assert reply.status == 201, reply.body
    return dict(reply.body)


def test_a_capture_appears_with_open_and_undo(qtbot, window, host, samples: Path) -> None:
    _, token = pair_token(window.lib, "test")
    body = _capture(host.server.port, token, (samples / "siversk.html").read_text("utf-8"))
    qtbot.waitUntil(lambda: host.notice.isVisible(), timeout=10000)
    assert "Russia takes Siversk" in host.notice.label.text()
    assert [r.id for r in list_articles(window.lib)] == [body["article_id"]]
    assert [r.id for r in window.library.model.rows()] == [body["article_id"]]  # listed
    host.notice.open_button.click()
    assert window.session.article_id == body["article_id"]
    assert [a.note for a in annotations_for(window.lib, body["article_id"])] == [
        "from the browser"]
    _capture(host.server.port, token, (samples / "siversk.html").read_text("utf-8"))
    qtbot.waitUntil(lambda: host.notice.isVisible(), timeout=10000)
    assert not host.notice.undo_button.isEnabled()  # nothing new to take back
    host.notice.hide()
    other = (samples / "siversk.html").read_text("utf-8").replace("Siversk", "Sieversk")
    third = _capture(host.server.port, token, other, "https://example.org/another")
    qtbot.waitUntil(lambda: host.notice.isVisible(), timeout=10000)
    host.notice.undo_button.click()
    assert third["article_id"] not in [r.id for r in list_articles(window.lib)]
    assert body["article_id"] in [r.id for r in list_articles(window.lib)]
    assert [r.id for r in window.library.model.rows()] == [body["article_id"]]


def test_pairing_is_approved_in_the_reader(qtbot, window, host) -> None:
    reply = request(host.server.port, "POST", "/v1/pairings", body=b'{"label": "Chromium"}',
                    headers={"Origin": EXTENSION, "Content-Type": "application/json"})
    assert reply.status == 202
    code = reply.body["code"]

    def dialog() -> QMessageBox | None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: dialog() is not None, timeout=10000)
    box = dialog()
    assert box is not None and code in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    poll = request(host.server.port, "GET", f"/v1/pairings/{reply.body['pairing_id']}",
                   headers={"Origin": EXTENSION})
    assert poll.status == 200
    assert check_token(window.lib, poll.body["token"]) is not None


def test_settings_list_and_revoke_tokens(qtbot, window) -> None:
    from briefing.gui.shell.settings_dialog import SettingsDialog

    pair_token(window.lib, "Firefox at home")
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    tokens = dialog.capture_tokens
    assert tokens.list.count() == 1 and "Firefox at home" in tokens.list.item(0).text()
    tokens.list.setCurrentRow(0)
    assert tokens.revoke_button.isEnabled()
    tokens.revoke_button.click()
    assert tokens.list.count() == 0 and list_tokens(window.lib) == []
