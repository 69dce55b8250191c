"""Issue 20: a walk through every view with a library of real-looking articles (the
multi-source story set and the samples): nothing is cut off, nothing empty without a hint.
Set BRIEFING_WALK_SHOTS=folder to save a screenshot of each view there."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from tests.gui.layout.walk import cut_off, empty_without_hint
from tests.unit.crossref.conftest import SAMPLES, load_story_set

SIZE = (1280, 800)


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("BRIEFING_WALK_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _check(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    _shot(widget, name)
    problems = cut_off(widget) + empty_without_hint(widget)
    # no view may widen the main window
    if hasattr(widget, "pages") and (widget.width(), widget.height()) != SIZE:
        problems.append(f"the window is {widget.width()} x {widget.height()}")
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.fixture
def walked(qtbot, isolated_data_dir: Path) -> Iterator[object]:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside the repository")
    from briefing.gui.feeds.embedding import CrossReading
    from briefing.gui.shell.main_window import MainWindow
    from briefing.services import Library
    from briefing.services.annotating import annotate_quote
    from briefing.services.briefs import create_brief

    lib = Library.open()
    stories = load_story_set(lib)
    ids = sorted(stories.event)
    first = ids[0]
    text = lib.conn.execute("SELECT text FROM articles WHERE id = ?", (first,)).fetchone()[0]
    annotate_quote(lib, first, " ".join(text.split()[3:8]), note="Check this figure.",
                   tags=["to-check"])
    create_brief(lib, "Morning brief", ids[:3])
    win = MainWindow(lib)
    qtbot.addWidget(win)
    win.resize(*SIZE)
    win.show()
    qtbot.waitExposed(win)
    win.acts.populate()
    win.cross_reading = CrossReading(win)
    with qtbot.waitSignal(win.analysis_shown, timeout=30000):
        win.open_article(first)
    yield win
    win.tracker.wait(5000)
    win.cross_reading.shutdown()
    win.integrations.shutdown()
    win.close()
    QThreadPool.globalInstance().waitForDone(10000)
    lib.close()


def test_walk_every_view(qtbot, walked) -> None:
    win = walked
    assert (win.width(), win.height()) == SIZE
    for index, name in enumerate(("summary", "entities", "claims", "notes")):
        win.show_tab(index)
        qtbot.wait(100)
        _check(win, f"reader-{name}")

    win.left.setCurrentIndex(win.integrations.briefs_index)  # briefs tab
    qtbot.waitUntil(lambda: win.integrations.briefs is not None)
    briefs = win.integrations.briefs
    qtbot.waitUntil(lambda: briefs.briefs_model.rowCount() > 0, timeout=10000)
    briefs.brief_list.setCurrentIndex(briefs.briefs_model.index(0, 0))
    qtbot.wait(200)
    _check(win, "briefs")
    win.left.setCurrentIndex(0)

    win.acts["review"].setChecked(True)
    review = win.integrations.review
    qtbot.waitUntil(lambda: review.model.rowCount() > 0, timeout=20000)
    qtbot.wait(100)
    _check(win, "review")
    win.page_nav.show_reader()

    for key in ("entities", "stories"):
        page = win.cross_reading.page(key)
        with qtbot.waitSignal(page.loaded, timeout=30000):
            win.cross_reading.show(key)
        qtbot.wait(300)
        _check(win, key)
    win.cross_reading.show("feeds")
    qtbot.wait(100)
    _check(win, "feeds")
    win.page_nav.show_reader()

    from briefing.gui.briefs import PreviewDialog
    from briefing.gui.shell.settings_dialog import SettingsDialog

    preview = PreviewDialog(list(briefs.current_brief().article_ids), "Morning brief", win)
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.rendered, timeout=30000):
        preview.show()
    qtbot.waitUntil(lambda: not preview.jobs.is_busy(), timeout=20000)
    _check(preview, "preview")
    preview.close()

    settings = SettingsDialog(win.settings, win)
    qtbot.addWidget(settings)
    settings.show()
    qtbot.waitExposed(settings)
    _check(settings, "settings")
    settings.close()

    win.set_theme("dark")
    win.show_tab(0)
    qtbot.wait(100)
    _check(win, "reader-dark")
    win.set_theme("light")


def test_empty_library_views_give_hints(qtbot, window) -> None:
    from briefing.gui.feeds.embedding import CrossReading

    window.acts.populate()
    window.cross_reading = CrossReading(window)
    try:
        for index in range(4):
            window.show_tab(index)
            qtbot.wait(50)
            assert not empty_without_hint(window.tabs.currentWidget())
        window.cross_reading.show("feeds")
        qtbot.wait(50)
        assert not empty_without_hint(window.pages.currentWidget())
        stories = window.cross_reading.page("stories")
        with qtbot.waitSignal(stories.loaded, timeout=20000):
            window.cross_reading.show("stories")
        assert "Choose a story" in stories.sentences.text()
    finally:
        window.cross_reading.shutdown()
        window.integrations.shutdown()
