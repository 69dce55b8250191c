"""The library list of a large library: its first screen read by the database before the
whole listing (the same rows, in the same order, as the whole listing's first ones), and
articles brought in after an import row by row (rows inserted, the model never reset)."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from briefing.domain import Article, text_sha256
from briefing.gui.library import library_panel as panel_module
from briefing.gui.library import library_tasks
from briefing.gui.library.library_model import prepare
from briefing.gui.shell.library_upkeep import POLL_MS
from briefing.services import Library
from briefing.services import articles as article_service
from briefing.storage import articles as article_store

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
DATES = st.one_of(st.none(), st.sampled_from(
    ["2026-01-02", "2026-01-02T09:00:00Z", "2026-01-02T23:00:00+05:00", "2025-12-31", "",
     "2026-03-01T00:00:00Z"]))


def _fill(conn: sqlite3.Connection, dates: list[str | None]) -> list[int]:
    conn.execute("BEGIN")
    ids = []
    for n, published in enumerate(dates):
        text = f"Article number {n} reports a harbour {'storm' if n % 2 else 'outage'}."
        ids.append(article_store.insert(conn, Article(
            0, f"T{n}", text, text_sha256(text), published=published,
            imported_at=f"2025-01-{1 + n % 27:02d}T00:00:00Z")).id)
    conn.execute("COMMIT")
    return ids


def _settle(qtbot, window) -> None:
    """Wait until the window's start-up work is done and the list reads nothing and has
    nothing pending (a read started by the start-up or asked for meanwhile would otherwise
    hold a later refresh back: on a busy machine the tests raced it)."""
    panel = window.library
    qtbot.waitUntil(lambda: window.is_complete and not (
        panel._tasks.busy_with("listing") or panel._tasks.busy_with("first page")
        or panel._after_load or panel._again), timeout=30_000)


def _refresh(qtbot, window) -> None:
    """Refresh the list and wait until it is read whole and settled."""
    _settle(qtbot, window)
    with qtbot.waitSignal(window.library.refreshed, timeout=30_000):
        window.library.refresh()
    _settle(qtbot, window)


@pytest.mark.usefixtures("isolated_data_dir")
@settings(max_examples=25, deadline=None)
@given(dates=st.lists(DATES, min_size=1, max_size=30), limit=st.integers(1, 12),
       descending=st.booleans())
def test_first_page_is_the_whole_listings_start(dates, limit, descending) -> None:
    with Library.open() as lib:
        lib.conn.execute("DELETE FROM articles")
        _fill(lib.conn, dates)
        order = (2, DESC if descending else ASC)
        whole = prepare(article_service.list_articles(lib), order).rows
        first = prepare(article_service.first_articles_by_date(lib, limit, descending), order)
        assert first.rows == whole[:limit]


def test_first_page_only_for_the_date_order(isolated_data_dir) -> None:
    assert library_tasks.first_page((0, ASC))() is None  # titles: the whole listing only


def test_large_list_shows_its_first_page_then_the_whole(qtbot, window, monkeypatch) -> None:
    _settle(qtbot, window)  # the start-up's own list read done
    monkeypatch.setattr(panel_module, "SYNC_ROWS", 0)  # every library counts as large
    monkeypatch.setattr(library_tasks, "FIRST_PAGE", 3)
    _fill(window.lib.conn, [f"2026-02-{d:02d}" for d in range(1, 9)])
    panel = window.library
    pages: list[int] = []
    panel.model.modelReset.connect(lambda: pages.append(panel.model.total()))
    panel.model.apply_listing(prepare([], panel.model.order))  # an empty list, as at start
    pages.clear()
    _refresh(qtbot, window)
    assert pages == [3, 8]  # the first screen, then the whole list
    whole = prepare(article_service.list_articles(window.lib), panel.model.order).rows
    assert panel.visible_article_ids() == [row.id for row in whole]
    assert "8 articles" in panel.count_label.text()


def test_import_into_a_large_list_inserts_rows(qtbot, window, monkeypatch, tmp_path) -> None:
    from tests.gui.conftest import import_and_show

    _settle(qtbot, window)  # the start-up's own list read done
    monkeypatch.setattr(panel_module, "SYNC_ROWS", 0)
    _fill(window.lib.conn, [f"2026-02-{d:02d}" for d in range(1, 6)])
    panel = window.library
    _refresh(qtbot, window)
    assert panel.model.total() == 5
    path = tmp_path / "new.txt"
    path.write_text("Harbour reopens\n\nShips can dock again after the storm, the port said.\n",
                    encoding="utf-8")
    reads: list[object] = []  # whole-library reads
    monkeypatch.setattr(panel_module, "read_changes", lambda *a: reads.append(a) or (lambda: 0))
    inserted: list[int] = []
    panel.model.rowsInserted.connect(lambda _p, first, last: inserted.append(last - first + 1))
    with qtbot.assertNotEmitted(panel.model.modelReset), \
            qtbot.waitSignal(panel.refreshed, timeout=30_000):
        import_and_show(qtbot, window, [str(path)])
    assert inserted == [1] and panel.model.total() == 6
    qtbot.wait(3 * POLL_MS)  # the library watch sees the import's commit: no re-read for it
    assert reads == []
    new_id = window.session.article_id
    qtbot.waitUntil(lambda: panel.current_article_id() == new_id, timeout=5000)
    whole = prepare(article_service.list_articles(window.lib), panel.model.order).rows
    assert panel.visible_article_ids() == [row.id for row in whole]


def test_refresh_ids_drops_a_deleted_article(qtbot, window, monkeypatch) -> None:
    _settle(qtbot, window)  # the start-up's own list read done
    monkeypatch.setattr(panel_module, "SYNC_ROWS", 0)
    ids = _fill(window.lib.conn, [f"2026-02-{d:02d}" for d in range(1, 5)])
    panel = window.library
    _refresh(qtbot, window)
    article_service.delete_article(window.lib, ids[1])
    with qtbot.assertNotEmitted(panel.model.modelReset):
        panel.refresh_ids([ids[1]])
    assert panel.model.row_for(ids[1]) == -1 and panel.model.total() == 3


@settings(max_examples=80, deadline=None)
@given(dates=st.lists(DATES, min_size=2, max_size=40), keep=st.integers(1, 15),
       deleted=st.sets(st.integers(0, 60), max_size=10),
       added=st.lists(DATES, max_size=10))
def test_remembered_first_screen_is_a_prefix_of_the_whole(dates, keep, deleted, added) -> None:
    """Rows remembered first, minus those deleted since, plus those added since (higher
    ids): what is shown is exactly the start of the whole list."""
    from briefing.gui.library.library_tasks import FIRST_SCREEN_ORDER, remembered_prefix
    from briefing.services.articles import ArticleRow

    def row(i: int, published: str | None) -> ArticleRow:
        return ArticleRow(i, f"T{i}", None, None, published, "2025-01-01T00:00:00Z", 1, 0, 1)

    before = [row(i + 1, d) for i, d in enumerate(dates)]
    first = prepare(before, FIRST_SCREEN_ORDER).rows[:keep]
    newest = len(before)
    now = [r for r in before if r.id not in deleted]
    now += [row(newest + 1 + i, d) for i, d in enumerate(added)]
    remembered = {r.id for r in first}
    found = remembered_prefix([r for r in now if r.id in remembered],
                              [r for r in now if r.id >= newest], remembered, newest,
                              FIRST_SCREEN_ORDER)
    whole = prepare(now, FIRST_SCREEN_ORDER).rows
    if found is None:
        assert all(r.id in deleted or r.id == newest for r in first)
    else:
        assert found.rows == whole[:len(found.rows)]


def test_next_start_shows_the_remembered_screen(qtbot, window, monkeypatch) -> None:
    _settle(qtbot, window)  # the start-up's own list read done
    monkeypatch.setattr(panel_module, "SYNC_ROWS", 0)
    monkeypatch.setattr(panel_module, "FIRST_PAGE", 3)
    ids = _fill(window.lib.conn, [f"2026-02-{d:02d}" for d in range(1, 9)])
    panel = window.library
    _refresh(qtbot, window)
    assert window.settings.first_screen(window.lib.database) == (ids[-1], ids[:-4:-1])
    article_service.delete_article(window.lib, ids[-1])  # the newest by date, gone
    [late] = _fill(window.lib.conn, ["2026-02-05T12:00:00Z"])  # added since
    monkeypatch.setattr(article_store, "first_by_date", None)  # not ranked by SQL: remembered
    firsts: list[list[int]] = []
    panel.model.modelReset.connect(lambda: firsts.append(panel.visible_article_ids()))
    panel.model.apply_listing(prepare([], panel.model.order))  # an empty list, as at start
    firsts.clear()
    _refresh(qtbot, window)
    assert firsts[0] == [ids[-2], ids[-3]]  # cut after the last remembered row: exact
    whole = prepare(article_service.list_articles(window.lib), panel.model.order).rows
    assert firsts[-1] == [row.id for row in whole] and late in firsts[-1]


def test_refresh_new_brings_in_added_articles_only(qtbot, window, monkeypatch) -> None:
    _settle(qtbot, window)  # the start-up's own list read done
    monkeypatch.setattr(panel_module, "SYNC_ROWS", 0)
    ids = _fill(window.lib.conn, [f"2026-02-{d:02d}" for d in range(1, 5)])
    panel = window.library
    _refresh(qtbot, window)
    added = _fill(window.lib.conn, ["2026-02-03T08:00:00Z", None])  # as a worker would
    with qtbot.assertNotEmitted(panel.model.modelReset), \
            qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.refresh_new()
    whole = prepare(article_service.list_articles(window.lib), panel.model.order).rows
    assert panel.visible_article_ids() == [row.id for row in whole]
    assert set(added) <= set(panel.visible_article_ids())
    article_service.delete_article(window.lib, ids[0])  # the count tells: the whole is read
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.refresh_new()
    assert panel.model.row_for(ids[0]) == -1


def test_articles_imported_while_the_list_is_read_are_brought_in(qtbot, window,
                                                                 monkeypatch) -> None:
    _settle(qtbot, window)  # the start-up's own list read done
    monkeypatch.setattr(panel_module, "SYNC_ROWS", 0)
    _fill(window.lib.conn, [f"2026-02-{d:02d}" for d in range(1, 6)])
    panel = window.library
    reads: list[object] = []
    real = panel_module.read_changes
    monkeypatch.setattr(panel_module, "read_changes", lambda *a: reads.append(a) or real(*a))
    panel.model.apply_listing(prepare([], panel.model.order))  # an empty list, as at start
    with qtbot.waitSignal(panel.refreshed, timeout=30_000):
        panel.refresh()
        [late] = _fill(window.lib.conn, ["2026-01-01"])
        panel.refresh_ids([late])  # an import ending while the whole list is read
        panel.refresh_new()
    qtbot.waitUntil(lambda: panel.model.row_for(late) >= 0, timeout=10_000)
    qtbot.waitUntil(lambda: not panel._tasks.busy(), timeout=10_000)
    # the whole list read once, not restarted (a later read of changes, from the library
    # watch seeing the commits made here through another connection, is not a restart)
    assert sum(1 for known, _order in reads if not known) == 1
    whole = prepare(article_service.list_articles(window.lib), panel.model.order).rows
    assert panel.visible_article_ids() == [row.id for row in whole]


def test_first_screen_with_many_added_since_comes_from_the_date_index(
        isolated_data_dir, monkeypatch) -> None:  # fmt: skip
    """Read at once on the GUI thread, the remembered screen takes at most ``added`` rows added
    since; with more, the first rows by date (an index read) are the screen instead — the
    same rows the whole list starts with either way."""
    by_date: list[int] = []
    real = article_service.first_articles_by_date

    def counted(lib: Library, limit: int, descending: bool) -> list[object]:
        by_date.append(limit)
        return real(lib, limit, descending)  # type: ignore[return-value]

    monkeypatch.setattr(article_service, "first_articles_by_date", counted)
    with Library.open() as lib:
        ids = _fill(lib.conn, [f"2026-03-{d:02d}" for d in range(1, 7)])
        order = library_tasks.FIRST_SCREEN_ORDER
        remembered = (ids[3], [ids[2], ids[1], ids[0]])  # ids[3:] added since
        whole = prepare(article_service.list_articles(lib), order).rows
        for most, ranked in ((2, True), (3, False), (100, False)):
            by_date.clear()
            found = library_tasks.first_screen(lib, order, remembered, most)
            assert found is not None and found.rows == whole[:len(found.rows)]
            assert bool(by_date) == ranked, most
