"""The feeds page against a real HTTP server on 127.0.0.1: subscribe, refresh, errors,
the refresh timer, OPML round trip."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from briefing.gui.feeds import FeedsPanel
from briefing.gui.feeds.feeds_model import STATE
from briefing.services import Library
from briefing.services.articles import list_articles
from briefing.services.feeds import add_feed, get_feed, list_feeds, remove_feed
from tests.gui.feeds.conftest import RSS, FeedServer, Reply, serve_gazette


@pytest.fixture
def panel(qtbot, lib: Library) -> Iterator[FeedsPanel]:
    widget = FeedsPanel(lib)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    yield widget
    widget.shutdown()


def _state_cell(panel: FeedsPanel, feed_id: int) -> object:
    row = panel.model.row_of(feed_id)
    return panel.model.index(row, STATE)


def test_add_feed_through_dialog_refreshes_it(
    qtbot, panel: FeedsPanel, feed_server: FeedServer, lib: Library
) -> None:
    url = serve_gazette(feed_server)
    dialog = panel.show_add_dialog()
    qtbot.keyClicks(dialog.url, url)
    with qtbot.waitSignal(panel.articles_added, timeout=15000) as added:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    new_ids = added.args[0]
    assert len(new_ids) == 3
    assert sorted(new_ids) == sorted(row.id for row in list_articles(lib))
    qtbot.waitUntil(lambda: not panel.is_refreshing())
    [feed] = panel.model.feeds
    assert feed.state == "ok" and feed.title == "Harbour Town Gazette"
    assert feed.article_count == 3
    cell = _state_cell(panel, feed.id)
    assert cell.data() == "OK"
    assert panel.model.index(0, 0).data() == "Harbour Town Gazette"
    assert "3 new articles from 1 feed" in panel.status.text()
    # The new articles are listed; opening one emits its id.
    assert panel.new_model.rowCount() == 3
    with qtbot.waitSignal(panel.open_article) as opened:
        panel.new_view.doubleClicked.emit(panel.new_model.index(0, 0))
    assert opened.args[0] in new_ids


def test_bad_address_keeps_dialog_open_with_message(qtbot, panel: FeedsPanel) -> None:
    dialog = panel.show_add_dialog()
    qtbot.keyClicks(dialog.url, "ftp://example.org/feed")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and not dialog.problem.isHidden()
    assert "ftp://example.org/feed" in dialog.problem.text()
    assert panel.model.rowCount() == 0
    dialog.reject()


def test_404_feed_shows_error_state_with_message(
    qtbot, panel: FeedsPanel, feed_server: FeedServer, lib: Library
) -> None:
    good = add_feed(lib, serve_gazette(feed_server))
    missing = add_feed(lib, feed_server.url("/gone.xml"))
    panel.reload()
    with qtbot.waitSignal(panel.refresh_finished, timeout=15000) as finished:
        assert panel.refresh_all()
    outcome = finished.args[0]
    assert len(outcome.results) == 2 and len(outcome.failures) == 1
    expected = f"{missing.url}: the server answered 404 Not Found"
    cell = _state_cell(panel, missing.id)
    assert cell.data() == "Error"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == expected
    assert expected in cell.data(Qt.ItemDataRole.AccessibleTextRole)
    assert cell.data(Qt.ItemDataRole.DecorationRole) is not None  # the warning icon
    assert _state_cell(panel, good.id).data() == "OK"
    assert _state_cell(panel, good.id).data(Qt.ItemDataRole.DecorationRole) is None
    assert "1 failed" in panel.status.text()


def test_progress_and_cancel_between_feeds(
    qtbot, panel: FeedsPanel, feed_server: FeedServer, lib: Library
) -> None:
    body = serve_gazette(feed_server) and feed_server.fixture("rss2.xml")

    def slow(_headers: dict[str, str]) -> Reply:
        time.sleep(0.2)  # each feed takes a while: the cancel lands between feeds
        return Reply(body=body, headers={"Content-Type": RSS})

    for n in range(4):
        add_feed(lib, feed_server.serve(f"/slow{n}.xml", slow))
    panel.reload()
    steps: list[tuple[int, int]] = []
    with qtbot.waitSignal(panel.refresh_finished, timeout=15000) as finished:
        panel.refresh_all()
        job = panel._refresh_job
        job.signals.progress.connect(lambda d, t, _w: steps.append((d, t)))  # type: ignore[attr-defined]
        assert not panel.refresh_all()  # one refresh at a time
        qtbot.waitUntil(lambda: bool(steps))
        panel.progress_row.cancel_button.click()
    outcome = finished.args[0]
    assert outcome.cancelled and outcome.planned == 4
    assert 1 <= len(outcome.results) < 4
    assert all(total == 4 for _, total in steps)
    assert "cancelled after" in panel.status.text()
    assert panel.progress_row.isHidden()


def test_scheduler_refreshes_due_feeds(qtbot, lib: Library, feed_server: FeedServer) -> None:
    panel = FeedsPanel(lib, interval_ms=50)
    qtbot.addWidget(panel)
    assert not panel.scheduler.is_running()  # never runs without feeds
    add_feed(lib, serve_gazette(feed_server))
    panel.reload()
    assert panel.scheduler.is_running()
    with qtbot.waitSignal(panel.articles_added, timeout=15000) as added:
        pass
    assert len(added.args[0]) == 3
    qtbot.waitUntil(lambda: not panel.is_refreshing())
    qtbot.wait(300)  # several more ticks: the feed is not due again for an hour
    assert feed_server.hits["/rss.xml"] == 1
    panel.auto_action.trigger()  # switched off from the menu
    assert not panel.scheduler.is_enabled() and not panel.scheduler.is_running()
    remove_feed(lib, panel.model.feeds[0].id)
    panel.scheduler.set_enabled(True)
    panel.reload()
    assert not panel.scheduler.is_running()
    panel.shutdown()


def test_opml_round_trip_through_the_panel(
    qtbot, panel: FeedsPanel, lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.gui.feeds import feeds_panel

    urls = ["https://example.org/a.xml", "https://example.net/b.rss"]
    for url in urls:
        add_feed(lib, url, title=url.split("/")[-1])
    panel.reload()
    target = tmp_path / "subs.opml"
    monkeypatch.setattr(feeds_panel.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), ""))  # fmt: skip
    panel.export_action.trigger()
    assert target.is_file() and all(url in target.read_text() for url in urls)
    for feed in list_feeds(lib):
        remove_feed(lib, feed.id)
    panel.reload()
    assert panel.model.rowCount() == 0
    monkeypatch.setattr(feeds_panel.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(target), ""))  # fmt: skip
    panel.import_action.trigger()
    assert sorted(f.url for f in panel.model.feeds) == sorted(urls)
    assert {f.title for f in panel.model.feeds} == {"a.xml", "b.rss"}
    assert "2 new feeds" in panel.status.text()
    assert get_feed(lib, panel.model.feeds[0].id).state == "new"
