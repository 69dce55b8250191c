"""A panel whose load fails (database error, disk full, permission) says what went wrong
and offers Retry instead of staying on "Loading…"; the error is logged once (issue 16)."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from PySide6.QtCore import Qt

from briefing.domain import StorageError


def _disk_error(*_args: object) -> object:
    raise sqlite3.OperationalError("disk I/O error")


@pytest.mark.parametrize("page", ["entities", "stories"])
def test_cross_reading_pages_show_the_failure_and_retry(qtbot, window, monkeypatch, caplog,
                                                        page: str) -> None:
    from briefing.gui.feeds import entity_page, stories_panel

    module, name, cls = (
        (entity_page, "load_entities", entity_page.EntityPage) if page == "entities"
        else (stories_panel, "load_stories", stories_panel.StoriesPanel))
    real = getattr(module, name)
    monkeypatch.setattr(module, name, _disk_error)
    widget = cls(window.lib)
    qtbot.addWidget(widget)
    with caplog.at_level(logging.WARNING):
        widget.show()
        qtbot.waitUntil(widget.state.is_failed, timeout=10000)
    assert "disk I/O error" in widget.state.text()
    assert widget.state.retry_button.isVisible()
    assert sum("disk I/O error" in r.getMessage() for r in caplog.records) == 1, "logged once"
    monkeypatch.setattr(module, name, real)
    qtbot.mouseClick(widget.state.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not widget.state.is_failed() and "…" not in widget.state.text(),
                    timeout=20000)
    assert not widget.state.retry_button.isVisible()
    widget.jobs.shutdown()


def test_briefs_tab_shows_the_failure_and_retry(qtbot, window, monkeypatch) -> None:
    from briefing.gui.briefs import BriefPanel

    real = BriefPanel.refresh

    def failing(self: object, *args: object, **kwargs: object) -> None:
        raise StorageError("library.sqlite3: the disk is full or failing; nothing was saved")

    monkeypatch.setattr(BriefPanel, "refresh", failing)
    integrations = window.integrations
    window.left.setCurrentIndex(integrations.briefs_index)
    state = integrations.briefs_placeholder
    assert integrations.briefs is None
    assert state.is_failed() and "disk is full" in state.text()
    monkeypatch.setattr(BriefPanel, "refresh", real)
    qtbot.mouseClick(state.retry_button, Qt.MouseButton.LeftButton)
    assert integrations.briefs is not None
    assert window.left.widget(integrations.briefs_index) is integrations.briefs


def test_review_queue_shows_the_failure_and_retry(qtbot, window, monkeypatch) -> None:
    from briefing.gui.review import review_loader

    real = review_loader.load_snapshot
    monkeypatch.setattr(review_loader, "load_snapshot", _disk_error)
    window.integrations.show_review(True)
    review = window.integrations.review
    qtbot.waitUntil(review.load_state.is_failed, timeout=10000)
    assert review.load_state.isVisible() and "disk I/O error" in review.load_state.text()
    assert not review.busy.isVisible()
    monkeypatch.setattr(review_loader, "load_snapshot", real)
    with qtbot.waitSignal(review.queue_loaded, timeout=10000):
        qtbot.mouseClick(review.load_state.retry_button, Qt.MouseButton.LeftButton)
    assert not review.load_state.isVisible()
    review.shutdown()
