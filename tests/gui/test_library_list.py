"""The library list at scale: sorting by every column in the model (not per comparison in the
proxy), the order and the selection kept across refreshes and filters, short source names."""

from __future__ import annotations

from urllib.parse import urlparse

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from briefing.gui.library.library_model import LibraryFilter, LibraryModel
from briefing.gui.library.source_names import short_source
from briefing.services.articles import ArticleRow

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def _rows(count: int) -> list[ArticleRow]:
    return [
        ArticleRow(
            id=i + 1,
            title=f"{'Bcda'[i % 4]}rticle {i:04d}",
            source=f"https://www.site{i % 7}.example/path/{i}" if i % 3 else f"/tmp/f{i}.txt",
            author=None,
            published=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 5 else None,
            imported_at=f"2026-01-01T00:00:{i % 60:02d}Z",
            word_count=100 + i,
            annotation_count=i % 4,
            revision=1,
        )
        for i in range(count)
    ]


def _shown(proxy: LibraryFilter, column: int) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_every_column_sorts_both_ways_through_the_proxy(qtbot) -> None:
    model, proxy = LibraryModel(), LibraryFilter()
    proxy.setSourceModel(model)
    model.set_rows(_rows(300))
    keys = {
        0: lambda r: (r.title.casefold(), r.id),
        1: lambda r: (short_source(r.source).casefold(), r.id),
        2: lambda r: ((r.published or "")[:10], r.id),  # no import date as a date
        3: lambda r: (r.annotation_count, r.id),
    }
    for column, key in keys.items():
        for order in (ASC, DESC):
            proxy.sort(column, order)
            expected = sorted(_rows(300), key=key, reverse=order == DESC)
            ids = [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
                   for r in range(proxy.rowCount())]
            assert ids == [r.id for r in expected], (column, order)


def test_refresh_and_filters_keep_the_order(qtbot) -> None:
    model, proxy = LibraryModel(), LibraryFilter()
    proxy.setSourceModel(model)
    model.set_rows(_rows(50))
    proxy.sort(0, DESC)
    model.set_rows(list(reversed(_rows(60))))  # a refresh with new articles, any order
    titles = _shown(proxy, 0)
    assert titles == sorted(titles, key=str.casefold, reverse=True) and len(titles) == 60
    proxy.set_allowed({5, 6, 7, 40})
    assert _shown(proxy, 0) == [t for t in titles if t in set(_shown(proxy, 0))]
    assert proxy.rowCount() == 4
    assert model.row_for(40) >= 0 and model.article_id_at(model.row_for(40)) == 40



def test_the_newest_id_is_the_listings_mark_through_inserts_and_removals(qtbot) -> None:
    """The mark a refresh reads added articles from: the listing's highest id, raised by
    rows put in place, kept when the newest row is removed (ids above it are still new)."""
    model = LibraryModel()
    rows = _rows(40)
    model.set_rows(list(reversed(rows[:30])))  # any order
    assert model.newest() == 30
    model.upsert_rows([rows[35], rows[31]])
    assert model.newest() == 36
    model.remove_ids([36])
    assert model.newest() == 36 and model.row_for(36) == -1
    model.set_rows(rows[:10])
    assert model.newest() == 10  # a whole listing sets it afresh

def test_the_current_article_stays_selected_when_sorting(qtbot, window) -> None:
    from briefing.gui.library.library_panel import SELECT_ROW

    panel = window.library
    panel.model.set_rows(_rows(40))
    panel.select_article(17)
    assert panel.current_article_id() == 17
    for column, order in ((0, ASC), (3, DESC), (2, ASC)):
        panel.view.sortByColumn(column, order)
        assert panel.current_article_id() == 17
    panel.view.selectionModel().setCurrentIndex(panel.proxy.index(0, 0), SELECT_ROW)
    first = panel.current_article_id()
    panel.view.sortByColumn(0, DESC)
    assert panel.current_article_id() == first


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["http://", "https://"]),
       st.text(alphabet="abc.w/?#:@-1%", max_size=30))
def test_short_source_is_urlparse_netloc(scheme: str, rest: str) -> None:
    url = scheme + rest
    assert short_source(url) == urlparse(url).netloc.removeprefix("www.")
