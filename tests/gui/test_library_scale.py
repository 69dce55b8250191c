"""The library list at scale: rows put in place one at a time (not a rebuild) give the same
list as a full listing, whatever the sort and the filter; a large library is read, searched
and indexed in workers and the selection follows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from briefing.gui.library import library_panel as panel_module
from briefing.gui.library import library_tasks
from briefing.gui.library.library_model import ARTICLE_ID_ROLE, LibraryFilter, LibraryModel, prepare
from briefing.gui.library.library_tasks import listing_changes
from briefing.services.articles import ArticleRow

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def _row(i: int, notes: int = 0, title: str | None = None) -> ArticleRow:
    return ArticleRow(i, title or f"Title {i % 7} {i}", f"https://s{i % 3}.example/{i}", None,
                      None, f"2026-01-{1 + i % 28:02d}T00:00:00Z", 100, notes, 1)


def _shown_ids(proxy: LibraryFilter) -> list[int]:
    return [proxy.index(r, 0).data(ARTICLE_ID_ROLE) for r in range(proxy.rowCount())]


@settings(max_examples=60, deadline=None)
@given(
    start=st.sets(st.integers(1, 60), max_size=30),
    ops=st.lists(st.tuples(st.sampled_from(["add", "change", "remove"]), st.integers(1, 60)),
                 max_size=25),
    column=st.integers(0, 3),
    descending=st.booleans(),
    allowed=st.none() | st.sets(st.integers(1, 60)),
)
def test_row_by_row_updates_equal_a_full_listing(qapp, start, ops, column, descending,
                                                 allowed) -> None:
    order = (column, DESC if descending else ASC)
    model, proxy = LibraryModel(), LibraryFilter()
    proxy.setSourceModel(model)
    model.sort(*order)
    rows = {i: _row(i) for i in start}
    model.set_rows(list(rows.values()))
    proxy.set_allowed(allowed)
    for op, i in ops:
        if op == "remove":
            rows.pop(i, None)
            model.remove_ids([i])
        else:
            rows[i] = _row(i, notes=len(ops) if op == "change" else 0,
                           title=f"Changed {i}" if op == "change" else None)
            model.upsert_rows([rows[i]])
    expected = [r.id for r in prepare(rows.values(), order).rows
                if allowed is None or r.id in allowed]
    assert _shown_ids(proxy) == expected
    assert all(model.row_for(i) == n for n, i in enumerate(expected))


def test_listing_changes_are_small_or_a_whole_listing() -> None:
    known = [_row(i) for i in range(1, 11)]
    fresh = [_row(i) for i in range(2, 13)]
    fresh[0] = _row(2, notes=3)
    changes = listing_changes(fresh, known, (2, DESC))
    assert changes.listing is None and changes.removed == [1]
    assert sorted(r.id for r in changes.upserts) == [2, 11, 12]
    assert listing_changes(fresh, [], None).listing is not None  # first read: whole
    many = [_row(i) for i in range(1, library_tasks.INCREMENTAL_ROWS + 20)]
    assert listing_changes(many, known, None).listing is not None


def test_a_large_library_is_read_and_searched_in_workers(qtbot, window, monkeypatch,
                                                         tmp_path) -> None:
    from tests.gui.conftest import import_and_show

    monkeypatch.setattr(panel_module, "SYNC_ROWS", 0)  # every library counts as large
    panel = window.library
    paths = []
    for n in range(3):
        path = tmp_path / f"a{n}.txt"
        path.write_text(f"Report {n}\n\nThe harbour {'outage' if n else 'storm'} lasted "
                        f"{n + 2} hours in the town.\n", encoding="utf-8")
        paths.append(str(path))
    import_and_show(qtbot, window, paths)
    qtbot.waitUntil(lambda: panel.model.total() == 3, timeout=10_000)
    shown = window.session.article_id
    qtbot.waitUntil(lambda: panel.current_article_id() == shown, timeout=5000)
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.refresh()
    assert panel.model.total() == 3
    panel.search.setText("outage")
    panel.apply_search()
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 2, timeout=10_000)
    assert "2 of 3" in panel.count_label.text()
    panel.search.blockSignals(True)
    panel._debounce.stop()
    qtbot.waitUntil(lambda: not panel._tasks.busy(), timeout=10_000)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=3), st.integers(0, 5)), unique=True, max_size=60),
       st.booleans())
def test_chunked_sort_equals_one_sort(keys, descending) -> None:
    from briefing.gui.library import library_model

    before = library_model.SORT_CHUNK
    library_model.SORT_CHUNK = 7
    try:
        ranked = library_model._sorted_indices(keys, descending)
    finally:
        library_model.SORT_CHUNK = before
    assert [keys[i] for i in ranked] == sorted(keys, reverse=descending)
