"""Review mode inside a window: its keys win over window-wide shortcuts, filters reload the
queue in the background, the tab order runs filters -> queue -> buttons."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from briefing.gui.review import ReviewMode
from briefing.services.review import decide, review_queue

from .conftest import SampleLibrary


def test_triage_keys_win_over_window_shortcuts(qtbot, sample_library) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    reader_j = QAction("Next claim", window)
    reader_j.setShortcut(QKeySequence("J"))
    fired: list[str] = []
    reader_j.triggered.connect(lambda: fired.append("reader"))
    window.addAction(reader_j)
    stack = QStackedWidget()
    mode = ReviewMode()
    stack.addWidget(mode)
    window.setCentralWidget(stack)
    window.resize(1000, 700)
    with qtbot.waitSignal(mode.queue_loaded, timeout=20000):
        window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    mode.list.setFocus()
    qtbot.waitUntil(mode.list.hasFocus, timeout=2000)
    qtbot.keyClick(mode.list, Qt.Key.Key_J)
    assert mode.list.currentIndex().row() == 1
    assert fired == []

    # Back to the "reader", a verdict given there, then review again: the queue is reloaded.
    reader = QWidget()
    stack.addWidget(reader)
    stack.setCurrentWidget(reader)
    first = mode.model.item(0)
    decide(sample_library.lib, first, "false")
    with qtbot.waitSignal(mode.queue_loaded, timeout=15000):
        stack.setCurrentWidget(mode)
    assert first.id not in {i.id for i in mode.model.items()}
    mode.shutdown()
    QThreadPool.globalInstance().waitForDone(10000)


def test_filters_reload_in_the_background(qtbot, review, sample_library) -> None:
    lib = sample_library.lib
    kind = review.filters.kind
    with qtbot.waitSignal(review.queue_loaded, timeout=15000):
        kind.setCurrentIndex(kind.findData("annotation"))
        kind.activated.emit(kind.currentIndex())
        assert review.busy.isVisibleTo(review)
    assert [i.id for i in review.model.items()] == [sample_library.flagged.id]
    show = review.filters.show_choice
    qtbot.keyClick(review.list, Qt.Key.Key_1)
    assert review.banner.text() == "Every item in this view is decided."
    with qtbot.waitSignal(review.queue_loaded, timeout=15000):
        kind.setCurrentIndex(0)
        show.setCurrentIndex(show.findText("Supported"))
        show.activated.emit(show.currentIndex())
    assert [i.id for i in review.model.items()] == [
        i.id for i in review_queue(lib, verdict="supported")
    ] == [sample_library.flagged.id]
    qtbot.waitUntil(lambda: not review.is_loading(), timeout=5000)
    assert not review.busy.isVisibleTo(review)


def test_tab_order_and_accessible_names(review: ReviewMode, sample_library: SampleLibrary) -> None:
    order = [*review.filters.focus_order(), review.list, *review.buttons]
    for first, second in itertools.pairwise(order):
        assert _next_tab_stop(first) is second
    named = [review.list, review.card, review.progress_label, review.busy,
             *review.filters.focus_order(), *review.buttons]
    assert all(widget.accessibleName() for widget in named)



def _next_tab_stop(widget):
    """The next widget in the focus chain that Tab can reach."""
    current = widget.nextInFocusChain()
    while not current.focusPolicy() & Qt.FocusPolicy.TabFocus:
        current = current.nextInFocusChain()
    return current
