"""The three pages inside the real reader window: View menu switching, articles from a feed
reaching the library list, opening an article from a page, the entity tab's jump."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.gui.feeds.embedding import CrossReading
from briefing.gui.panels.panel_models import ITEM_ROLE
from tests.gui.conftest import import_and_show
from tests.gui.feeds.conftest import FeedServer, serve_gazette


def test_pages_switch_from_view_menu_and_feed_articles_reach_library(
    qtbot, window, feed_server: FeedServer
) -> None:
    cross = CrossReading(window)
    stack = window.integrations.pages
    cross.actions["feeds"].trigger()
    assert stack.currentWidget() is cross.feeds
    assert cross.entities is None and cross.stories is None  # built on first use
    before = window.library.model.rowCount()
    with qtbot.waitSignal(cross.feeds.articles_added, timeout=15000) as added:
        cross.feeds.add_feed_url(serve_gazette(feed_server))
    qtbot.waitUntil(lambda: window.library.model.rowCount() == before + 3, timeout=5000)
    cross.actions["stories"].trigger()
    assert stack.currentWidget() is cross.stories
    assert not cross.actions["feeds"].isChecked()
    qtbot.waitUntil(lambda: cross.stories is not None and bool(cross.stories.state.text())
                    and not cross.stories.jobs.is_busy(), timeout=10000)  # fmt: skip
    cross.actions["stories"].trigger()  # toggled off: back to the reader
    assert stack.currentWidget() is cross.reader
    article_id = added.args[0][0]
    with qtbot.waitSignal(window.analysis_shown, timeout=15000):
        cross.actions["feeds"].trigger()
        cross.feeds.open_article.emit(article_id)
    assert stack.currentWidget() is cross.reader
    assert not any(action.isChecked() for action in cross.actions.values())
    assert window.session.article_id == article_id
    # Delete on the feed list unsubscribes, even though the window uses Delete too.
    cross.actions["feeds"].trigger()
    cross.feeds.select_feeds([cross.feeds.model.feeds[0].id])
    cross.feeds.view.setFocus()
    qtbot.keyClick(cross.feeds.view, Qt.Key.Key_Delete)
    assert cross.feeds.model.rowCount() == 0
    assert "articles stay in the library" in cross.feeds.status.text()
    assert window.library.model.rowCount() == before + 3
    cross.shutdown()


def test_entity_tab_jumps_to_entity_page(qtbot, window, samples) -> None:
    cross = CrossReading(window)
    import_and_show(qtbot, window, [str(samples / "siversk.txt")])
    view = window.entities.view
    model = view.model()
    target = None
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if getattr(index.data(ITEM_ROLE), "name", "") == "Siversk":
                target = index
    assert target is not None
    view.setCurrentIndex(target)
    [jump] = [a for a in view.actions() if a.text() == "Open in Entities Page"]
    jump.trigger()
    page = cross.entities
    assert page is not None and window.integrations.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.current is not None, timeout=10000)
    assert page.current.name == "Siversk"
    assert page.timeline_model.rowCount() == 1
    cross.shutdown()


def test_auto_refresh_choice_is_remembered(window) -> None:
    from briefing.gui.gui_settings import GuiSettings

    cross = CrossReading(window)
    assert cross.feeds.auto_action.isChecked() and cross.feeds.scheduler.is_enabled()
    cross.feeds.auto_action.trigger()  # the user switches it off
    assert not cross.feeds.scheduler.is_enabled()
    assert GuiSettings().feeds_auto_refresh is False
    cross.shutdown()
    again = CrossReading(window)
    assert not again.feeds.auto_action.isChecked()
    assert not again.feeds.scheduler.is_enabled()
    again.shutdown()
