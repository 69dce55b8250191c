"""GUI test fixtures: a main window on the test's own library, helpers to wait for imports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# The offscreen platform cannot resize native windows to size hints or raise them and says
# so; that is a limitation of the test platform, not a problem of the reader.
OFFSCREEN_NOISE = "This plugin does not support (propagateSizeHints|raise)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def no_single_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_NO_SINGLE_INSTANCE", "1")


@pytest.fixture(autouse=True)
def analysis_in_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Analyses in the test's own threads: a child process per window would build the engine
    again for every test (test_analysis_child.py turns the child on)."""
    monkeypatch.setenv("BRIEFING_ANALYSIS_PROCESS", "0")


@pytest.fixture
def window(qtbot, isolated_data_dir: Path) -> Iterator[object]:
    from briefing.gui.shell.main_window import MainWindow
    from briefing.services import Library

    lib = Library.open()
    win = MainWindow(lib)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.tracker.wait(5000)
    win.close()
    lib.close()


def import_and_show(qtbot, win, paths: list[str], timeout: int = 30000) -> None:
    """Import ``paths`` through the window and wait until the analysis is shown."""
    with qtbot.waitSignal(win.analysis_shown, timeout=timeout):
        win.importer.start(paths)


@pytest.fixture
def shown_sample(qtbot, window, samples: Path):
    import_and_show(qtbot, window, [str(samples / "siversk.txt")])
    return window


ARTICLE = ("Harbour cranes idle\n\nDock workers in Rotterdam stopped work on Monday, "
           "the union said, after talks on pay collapsed.\n")
"""A short article the import tests read (its day changed to tell copies apart)."""


def article_files(folder: Path, count: int) -> list[str]:
    """``count`` files of :data:`ARTICLE`, each on another day, in ``folder``."""
    paths = []
    for i in range(count):
        path = folder / f"a{i}.txt"
        path.write_text(ARTICLE.replace("Monday", f"day {i}"), encoding="utf-8")
        paths.append(str(path))
    return paths
