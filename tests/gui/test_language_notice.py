"""The summary panel says plainly when entities and claims are English-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.analysis import get_engine
from briefing.gui.panels.summary_panel import SummaryPanel

DATA = Path(__file__).resolve().parents[1] / "data" / "languages"


def test_notice_shows_for_russian_and_hides_for_english(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = SummaryPanel()
    qtbot.addWidget(panel)
    text = (DATA / "ru.txt").read_text(encoding="utf-8").strip()
    panel.set_analysis(text, get_engine().analyse(text))
    assert not panel.notice.isHidden()
    assert panel.notice.text() == "Entities and claims: English only (this text: ru)"
    assert panel.model.rowCount() == 3
    english = "Officials said the bridge opened on Monday. Traffic flowed."
    panel.set_analysis(english, get_engine().analyse(english))
    assert panel.notice.isHidden()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_notice_names_german_and_arabic_and_summaries_still_show(  # type: ignore[no-untyped-def]
    qtbot, language: str
) -> None:
    panel = SummaryPanel()
    qtbot.addWidget(panel)
    text = (DATA / f"{language}.txt").read_text(encoding="utf-8").strip()
    panel.set_analysis(text, get_engine().analyse(text))
    assert not panel.notice.isHidden()
    assert panel.notice.text() == f"Entities and claims: English only (this text: {language})"
    assert panel.model.rowCount() == 3
