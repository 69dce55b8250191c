"""The language-model side panel against the real local server: off by default with a way to
the settings, live streaming, grounded display, cancel, stale answers dropped."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt

from briefing.gui.llm.llm_panel import OFF_NOTICE, LlmPanel
from briefing.gui.llm.result_model import SPAN_ROLE, SUPPORTED_ROLE, UNSUPPORTED_BACKGROUND
from briefing.llm.settings import ProviderSettings
from briefing.services import Library
from briefing.services.llm import results_for
from tests.unit.llm.fake_openai_server import FakeOpenAIServer

from .conftest import HOUSING

REPLY = "The council approved the plan on Tuesday."


@pytest.fixture
def make_panel(qtbot) -> Iterator[Callable[[], LlmPanel]]:
    made: list[LlmPanel] = []

    def make() -> LlmPanel:
        panel = LlmPanel()
        qtbot.addWidget(panel)
        panel.show()
        made.append(panel)
        return panel

    yield make
    for panel in made:
        assert panel.shutdown(5000)


def idle(qtbot, panel: LlmPanel) -> None:
    qtbot.waitUntil(lambda: panel.pool.activeThreadCount() == 0, timeout=5000)
    qtbot.wait(30)  # deliver the queued signals


def stored(article_id: int) -> list:
    with Library.open() as lib:
        return results_for(lib, article_id)


def test_off_by_default_says_so_offers_settings_and_sends_nothing(
    qtbot, make_panel, articles: tuple[int, int], server: FakeOpenAIServer
) -> None:
    panel = make_panel()
    panel.set_article(articles[0])
    idle(qtbot, panel)
    assert panel.notice.text() == OFF_NOTICE
    assert not panel.summarise_button.isEnabled() and not panel.explain_button.isEnabled()
    assert panel.settings_button.isVisible()
    panel.summarise()  # even a direct call does nothing while support is off
    idle(qtbot, panel)
    assert server.requests == []
    qtbot.mouseClick(panel.settings_button, Qt.MouseButton.LeftButton)
    dialog = panel._dialog
    assert dialog is not None and dialog.isVisible() and not dialog.enabled.isChecked()
    dialog.reject()
    assert panel._dialog is None


def test_summary_streams_in_then_shows_grounded_sentences(
    qtbot, make_panel, articles: tuple[int, int], enabled: ProviderSettings
) -> None:
    panel = make_panel()
    panel.set_article(articles[0])
    idle(qtbot, panel)
    assert "llama3.2:1b" in panel.notice.text()
    pieces: list[str] = []
    panel.live.textChanged.connect(lambda: pieces.append(panel.live.toPlainText()))
    with qtbot.waitSignal(panel.busy_changed, check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(panel.summarise_button, Qt.MouseButton.LeftButton)
        assert panel.cancel_button.isVisible() and not panel.summarise_button.isEnabled()
    qtbot.wait(30)
    shown = [p for p in pieces if p]
    assert len(shown) >= 8 and shown[:2] == ["The", "The council"]  # arrived piece by piece
    assert panel.live.toPlainText() == REPLY
    assert panel.model.rowCount() == 1
    index = panel.model.index(0)
    assert index.data(SUPPORTED_ROLE) is True
    start, end = index.data(SPAN_ROLE)
    assert HOUSING[start:end].startswith("The council approved the plan")
    assert f"via {enabled.base_url}" in panel.label.text()
    assert "not verified by the built-in engine" in panel.label.text()
    with qtbot.waitSignal(panel.show_span) as shown:
        panel.view.clicked.emit(index)
    assert shown.args == [start, end]
    assert not panel.cancel_button.isVisible()
    assert [r.text for r in stored(articles[0])] == [REPLY]


def test_unsupported_sentences_are_flagged(
    qtbot, make_panel, articles: tuple[int, int], enabled: ProviderSettings,
    server: FakeOpenAIServer,
) -> None:
    server.state.reply = (REPLY, " Mayor John Smith", " promised 9,000 homes.")
    panel = make_panel()
    panel.set_article(articles[0])
    with qtbot.waitSignal(panel.busy_changed, check_params_cb=lambda busy: not busy):
        panel.summarise()
    qtbot.wait(30)
    flagged = panel.model.index(1)
    assert flagged.data(SUPPORTED_ROLE) is False and flagged.data(SPAN_ROLE) is None
    assert flagged.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Unsupported: ")
    assert not flagged.data(Qt.ItemDataRole.DecorationRole).isNull()  # the warning icon
    assert flagged.data(Qt.ItemDataRole.BackgroundRole).color() == UNSUPPORTED_BACKGROUND
    tip = flagged.data(Qt.ItemDataRole.ToolTipRole)
    assert "Numbers not in the article: 9,000" in tip
    assert "Names not in the article: Mayor John Smith" in tip
    assert "1 of 2 sentences supported" in panel.heading.text()
    with qtbot.assertNotEmitted(panel.show_span):
        panel.view.clicked.emit(flagged)


def test_cancel_stops_the_answer_and_stores_nothing(
    qtbot, make_panel, articles: tuple[int, int], enabled: ProviderSettings,
    server: FakeOpenAIServer,
) -> None:
    server.state.fault = "trickle"
    panel = make_panel()
    panel.set_article(articles[0])
    panel.summarise()
    qtbot.waitUntil(lambda: "word3" in panel.live.toPlainText(), timeout=5000)
    with qtbot.waitSignal(panel.busy_changed, timeout=3000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.wait(30)
    assert panel.error_label.text() == "Cancelled; nothing was saved."
    assert panel.summarise_button.isEnabled() and not panel.cancel_button.isVisible()
    assert stored(articles[0]) == []


def test_answer_for_an_article_no_longer_shown_is_dropped(
    qtbot, make_panel, articles: tuple[int, int], enabled: ProviderSettings,
    server: FakeOpenAIServer,
) -> None:
    server.state.fault = "slow"
    server.state.slow_seconds = 0.4
    first, second = articles
    panel = make_panel()
    panel.set_article(first)
    panel.summarise()
    panel.set_article(second)  # the reader moved on while the model was thinking
    idle(qtbot, panel)
    assert panel.article_id == second
    assert panel.model.rowCount() == 0 and panel.live.toPlainText() == ""
    assert [r.text for r in stored(first)] == [REPLY]  # stored all the same
    panel.set_article(first)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=3000)
    assert panel.live.toPlainText() == REPLY


def test_explain_selected_claim_and_errors_are_shown(
    qtbot, make_panel, articles: tuple[int, int], enabled: ProviderSettings,
    server: FakeOpenAIServer,
) -> None:
    panel = make_panel()
    panel.set_article(articles[0])
    idle(qtbot, panel)
    assert not panel.explain_button.isEnabled()
    start = HOUSING.index("Mayor")
    panel.set_claim(articles[1], start, start + 10)  # another article: ignored
    assert panel.claim is None
    panel.set_claim(articles[0], start, len(HOUSING))
    assert panel.explain_button.isEnabled()
    with qtbot.waitSignal(panel.busy_changed, check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(panel.explain_button, Qt.MouseButton.LeftButton)
    qtbot.wait(30)
    assert "Claim: “Mayor Jane Doe said" in panel.heading.text()
    assert [r.kind for r in stored(articles[0])] == ["explain"]
    server.state.fault = "500"
    with qtbot.waitSignal(panel.message) as message:
        panel.summarise()
    assert "HTTP 500" in message.args[0] and "HTTP 500" in panel.error_label.text()
    idle(qtbot, panel)
    assert [r.kind for r in stored(articles[0])] == ["explain"]
