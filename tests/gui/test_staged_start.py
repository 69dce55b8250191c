"""The window's two-stage start: the article first, then library, panels and menus; the
article read last reopened at start; the light/dark choice made before the first paint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from briefing.gui import theme
from briefing.gui.gui_settings import GuiSettings
from briefing.gui.shell.completion import STEPS
from briefing.gui.shell.main_window import MainWindow
from briefing.services import Library
from briefing.services import articles as article_service

OTHER = "Winter strain on the grid\n\nEngineers restored power after a night of outages.\n"


@pytest.fixture
def lib(isolated_data_dir: Path) -> Iterator[Library]:
    library = Library.open()
    yield library
    library.close()


def _import(lib: Library, path: Path) -> int:
    return article_service.import_source(lib, str(path)).article.id


def _staged(qtbot, lib: Library, settings: GuiSettings | None = None) -> MainWindow:
    window = MainWindow(lib, settings or GuiSettings(), staged=True)
    qtbot.addWidget(window)
    return window


def _close(window: MainWindow) -> None:
    window.tracker.wait(5000)
    window.close()


def test_first_stage_shows_the_article_and_the_rest_follows_the_first_paint(
        qtbot, lib: Library, samples: Path) -> None:
    article_id = _import(lib, samples / "siversk.txt")
    article = article_service.get_article(lib, article_id)
    window = _staged(qtbot, lib)
    window.resize(1280, 800)
    window.open_article(article_id)
    # Before the first paint: the article is there, the library and side panels are not.
    assert not window.is_complete
    assert not hasattr(window, "library")
    assert window.view.toPlainText() == article.text
    assert window.area.title.text() == article.title
    assert window.tabs.count() == 0
    assert window.menuBar().actions()  # the menus' titles are there from the start
    with qtbot.waitSignal(window.completed, timeout=5000):
        window.show()
    assert window.is_complete
    assert window.library.current_article_id() == article_id
    assert [window.tabs.tabText(i) for i in range(5)] == [
        "&Summary", "&Entities", "&Claims", "&Notes", "&LLM"]
    flags = window.view.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    with qtbot.waitSignal(window.analysis_shown, timeout=30000):
        pass  # the analysis started by complete() arrives
    assert window.summary.model.rowCount() > 0
    assert window.acts["find"].shortcut().toString()  # menus populated
    _close(window)


def test_the_second_stage_is_built_a_step_per_event_loop_turn(
        qtbot, lib: Library, samples: Path) -> None:
    article_id = _import(lib, samples / "siversk.txt")
    window = _staged(qtbot, lib)
    window.open_article(article_id)
    done: list[str] = []
    window.completion_step.connect(done.append)
    seen: list[int] = []  # how many steps were done, at each turn of the event loop
    turns = QTimer(interval=0)  # a zero timer: runs once in every turn
    turns.timeout.connect(lambda: seen.append(len(done)))
    turns.start()
    with qtbot.waitSignal(window.completed, timeout=5000):
        window.show()
    qtbot.waitUntil(lambda: len(done) == len(STEPS), timeout=5000)
    turns.stop()
    assert len(STEPS) >= 5 and done == list(STEPS)  # each step once, in order
    # The loop turned between every two steps: never two steps (or all) in one go.
    assert set(range(len(STEPS))) <= set(seen)
    assert window.library.current_article_id() == article_id
    _close(window)


def test_the_start_up_heap_is_frozen_out_of_the_collectors_way(
        qtbot, lib: Library, samples: Path) -> None:
    """A full collection walking every module and widget took ~30 ms of one step (a GUI
    stall); what the start made is moved out of the collected generations."""
    import gc

    gc.unfreeze()
    window = _staged(qtbot, lib)
    window.open_article(_import(lib, samples / "siversk.txt"))
    with qtbot.waitSignal(window.completed, timeout=5000):
        window.show()
    qtbot.waitUntil(lambda: not window._steps_left and not window._later, timeout=5000)
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5000)
    _close(window)


def test_completing_at_once_finishes_the_steps_left(qtbot, lib: Library) -> None:
    window = _staged(qtbot, lib)
    done: list[str] = []
    window.completion_step.connect(done.append)
    calls: list[str] = []
    window.after_complete(lambda: calls.append("later"))
    window.when_complete(lambda: calls.append("waiting"))
    with qtbot.waitSignal(window.completion_step, timeout=5000):
        window.show()
    assert done == [STEPS[0]] and not window.is_complete
    window.complete()  # a caller that needs the whole window now
    assert window.is_complete and done == list(STEPS) and calls == ["waiting", "later"]
    qtbot.wait(50)  # the step timer still pending finds nothing left to do
    assert done == list(STEPS) and calls == ["waiting", "later"]
    _close(window)


def test_calls_after_completion_run_a_turn_each_in_order(qtbot, lib: Library) -> None:
    window = _staged(qtbot, lib)
    calls: list[str] = []
    window.after_complete(lambda: calls.append("first"))
    window.after_complete(lambda: calls.append("second"))
    window.when_complete(lambda: calls.append("waiting"))
    seen: list[int] = []  # how many calls were made, at each turn of the event loop
    turns = QTimer(interval=0)
    turns.timeout.connect(lambda: seen.append(len(calls)))
    turns.start()
    window.show()
    qtbot.waitUntil(lambda: len(calls) == 3, timeout=5000)
    turns.stop()
    assert calls == ["waiting", "first", "second"]  # the waiting ones with completion
    assert {1, 2} <= set(seen)  # then a turn each
    window.after_complete(lambda: calls.append("once complete"))
    assert calls[-1] == "second"  # in a turn of its own, even now
    qtbot.waitUntil(lambda: calls[-1] == "once complete", timeout=5000)
    _close(window)


@pytest.mark.parametrize("last", [STEPS[0], "side_panels"])
def test_a_window_closed_while_completing_builds_no_more(qtbot, lib: Library,
                                                         last: str) -> None:
    window = _staged(qtbot, lib)
    done: list[str] = []
    window.completion_step.connect(done.append)
    window.completion_step.connect(lambda name: window.close() if name == last else None)
    window.show()
    qtbot.waitUntil(lambda: last in done, timeout=5000)
    qtbot.wait(100)
    window.tracker.wait(5000)
    steps = list(STEPS)
    assert done == steps[:steps.index(last) + 1] and not window.is_complete


def test_a_hidden_staged_window_completes_anyway(qtbot, lib: Library) -> None:
    window = _staged(qtbot, lib)
    with qtbot.waitSignal(window.completed, timeout=5000):
        pass  # never shown, never painted: completed by the fallback timer
    assert window.library.model.rowCount() == 0
    _close(window)


def test_work_asked_for_early_runs_once_complete_in_order(qtbot, lib: Library) -> None:
    window = _staged(qtbot, lib)
    calls: list[str] = []
    window.when_complete(lambda: calls.append("first"))
    window.when_complete(lambda: calls.append("second"))
    assert calls == []
    window.complete()
    assert calls == ["first", "second"]
    window.when_complete(lambda: calls.append("now"))
    assert calls == ["first", "second", "now"]
    window.complete()  # once only
    assert window.tabs.count() == 5
    _close(window)


def test_the_article_read_last_is_reopened(qtbot, lib: Library, samples: Path,
                                           tmp_path: Path) -> None:
    first = _import(lib, samples / "siversk.txt")
    other = tmp_path / "grid.txt"
    other.write_text(OTHER, encoding="utf-8")
    second = _import(lib, other)
    window = MainWindow(lib, GuiSettings())
    qtbot.addWidget(window)
    window.open_article(first)
    window.open_article(second)
    _close(window)

    settings = GuiSettings()
    assert settings.last_article(lib.database) == second
    assert settings.last_article(lib.database.with_name("another.sqlite3")) is None
    again = _staged(qtbot, lib, settings)
    assert again.reopen_last()
    assert again.session.article_id == second
    assert again.view.toPlainText() == article_service.get_article(lib, second).text
    _close(again)

    article_service.delete_article(lib, second)
    empty = MainWindow(lib, GuiSettings())
    qtbot.addWidget(empty)
    assert not empty.reopen_last()  # gone since: start empty, and forget it
    assert empty.session.article is None
    assert GuiSettings().last_article(lib.database) is None
    _close(empty)


def test_screenshots_do_not_change_the_article_reopened(qtbot, lib: Library,
                                                        samples: Path) -> None:
    article_id = _import(lib, samples / "siversk.txt")
    window = MainWindow(lib, GuiSettings())
    qtbot.addWidget(window)
    window.persist_layout = False  # as `briefing gui --screenshot` does
    window.open_article(article_id)
    assert GuiSettings().last_article(lib.database) is None
    _close(window)


@pytest.fixture
def app_palette() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, marker = app.palette(), app.property(theme.PALETTE_SET)
    yield app
    app.setPalette(palette)
    app.setProperty(theme.PALETTE_SET, marker)


def test_before_its_own_palette_the_platform_palette_decides_light_or_dark(
        app_palette: QApplication) -> None:
    app = app_palette
    app.setProperty(theme.PALETTE_SET, None)
    dark = QPalette(app.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    app.setPalette(dark)
    assert theme.system_prefers_dark()
    assert theme.resolve("system") is theme.DARK
    light = QPalette(app.palette())
    light.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    app.setPalette(light)
    assert not theme.system_prefers_dark()
    assert theme.resolve("dark") is theme.DARK  # an explicit choice wins
    colors = theme.apply_style(app, "dark")
    assert theme.applied() is colors is theme.DARK
    # Once the reader's palette is in place, Qt's colour-scheme hint answers instead.
    assert theme.system_prefers_dark() == bool(theme.scheme_is_dark())


def test_the_colour_scheme_hint_corrects_the_start_up_guess(
        qtbot, lib: Library, app_palette: QApplication,
        monkeypatch: pytest.MonkeyPatch) -> None:
    settings = GuiSettings()
    settings.theme = "system"
    theme.apply_style(app_palette, "light")  # what the platform palette suggested
    monkeypatch.setattr(theme, "scheme_is_dark", lambda: True)
    window = _staged(qtbot, lib, settings)
    assert not window.colors.dark
    window.complete()
    assert window.colors.dark and theme.applied() is theme.DARK
    app_palette.setStyleSheet("")  # set_theme applied the reader's sheet to the app
    _close(window)


def test_the_side_tab_and_library_order_are_as_last_left(qtbot, lib: Library, samples: Path,
                                                         tmp_path: Path) -> None:
    _import(lib, samples / "siversk.txt")
    other = tmp_path / "grid.txt"
    other.write_text(OTHER, encoding="utf-8")
    _import(lib, other)
    window = MainWindow(lib, GuiSettings())
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(2)  # Claims
    window.library.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by title, A to Z
    _close(window)

    again = MainWindow(lib, GuiSettings())
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 2 and again.built_panel("claims") is not None
    header = again.library.view.header()
    assert header.sortIndicatorSection() == 0
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    proxy = again.library.proxy
    shown = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert shown == sorted(shown, key=str.casefold)
    _close(again)


def test_the_started_reader_listens_and_logs(qtbot, isolated_data_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """``start`` loads Qt's network module with the later modules (off the GUI thread), then
    listens: a later launch finds this reader. Its warnings and failed background jobs go to
    the user's log file (a reader started from a desktop has no terminal). One test: a second
    ``start`` in one process is not something the reader does (Qt crashed on it)."""
    import logging
    import sys

    from briefing.gui import app
    from briefing.logs import log_file

    logger = logging.getLogger("briefing")
    for handler in [h for h in logger.handlers if getattr(h, "_briefing", False)]:
        logger.removeHandler(handler)  # configured elsewhere in this process: this test's file
        handler.close()
    monkeypatch.delenv("BRIEFING_NO_SINGLE_INSTANCE", raising=False)
    started = app.start([])
    assert not isinstance(started, int)
    window = started.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.single_instance is not None, timeout=30_000)
    assert "PySide6.QtNetwork" in sys.modules
    from briefing.gui.shell.instance_name import default_server_name, may_be_listening

    assert may_be_listening(default_server_name())
    logging.getLogger("briefing.gui.test").warning("a background job failed: test")
    handlers = [h for h in logger.handlers if getattr(h, "_briefing", False)]
    assert handlers
    for handler in handlers:
        handler.flush()
    assert "a background job failed: test" in log_file().read_text(encoding="utf-8")
    window.tracker.wait(5000)
    window.close()
    started.lib.close()
    for handler in handlers:
        logger.removeHandler(handler)
        handler.close()

