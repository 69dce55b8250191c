"""The library's tag and entity filters on a large library: entries read in a worker and put
in the combo a slice per event-loop turn, the chosen entry's articles read in a worker, an
entity outside the list (any spelling) added when the sidebar asks for it."""

from __future__ import annotations

from pathlib import Path

from briefing.gui.library import filters as filters_module
from briefing.gui.library import library_panel as panel_module
from briefing.services import annotating
from briefing.services import facets as facet_service
from tests.gui.conftest import import_and_show
from tests.gui.test_reader_extras import OTHER


def test_filters_of_a_large_library(qtbot, shown_sample, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(panel_module, "SYNC_ROWS", 0)  # every library counts as large
    monkeypatch.setattr(filters_module, "FILL_SLICE", 2)
    win = shown_sample
    sample_id = win.session.article_id
    article = win.session.article
    start = article.text.index("Siversk")
    annotating.save_annotation(win.lib, annotating.new_annotation(
        article, start, start + 7, tags=["frontline"]))  # fmt: skip
    other = tmp_path / "grid.txt"
    other.write_text(OTHER, encoding="utf-8")
    import_and_show(qtbot, win, [str(other)])
    panel = win.library
    slices: list[tuple[int, int]] = []
    fill = filters_module.LibraryFilters._fill_slice

    def counted(self, values, chosen, generation) -> None:  # type: ignore[no-untyped-def]
        slices.append((generation, len(values)))
        fill(self, values, chosen, generation)

    monkeypatch.setattr(filters_module.LibraryFilters, "_fill_slice", counted)
    win.refresh_facets()

    def filled() -> bool:  # the fill asked for here (or a later one) done, no job pending
        values = panel.filters.entity_values()
        return (bool(slices) and bool(values) and not win.tracker.is_busy()
                and panel.entity_filter.count() == 1 + len(values))

    qtbot.waitUntil(filled, timeout=10_000)
    values = panel.filters.entity_values()
    # two entries per event-loop turn (counted for the last fill: on a busy machine the
    # import's own facet refresh can land after the one asked for here)
    newest = max(generation for generation, _ in slices)
    last = [n for generation, n in slices if generation == newest]
    assert len(last) == (len(values) + 1) // 2
    assert values[0] == "Kyiv"  # named in both articles: first
    assert [panel.entity_filter.itemData(i) for i in range(1, 1 + len(values))] == values

    panel.entity_filter.setCurrentIndex(panel.entity_filter.findData("Vladimir Putin"))
    qtbot.waitUntil(lambda: panel.visible_article_ids() == [sample_id], timeout=10_000)
    panel.entity_filter.setCurrentIndex(panel.entity_filter.findData("Kyiv"))
    qtbot.waitUntil(lambda: len(panel.visible_article_ids()) == 2, timeout=10_000)
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("frontline"))
    qtbot.waitUntil(lambda: panel.visible_article_ids() == [sample_id], timeout=10_000)
    panel.tag_filter.setCurrentIndex(0)
    panel.entity_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(panel.visible_article_ids()) == 2, timeout=10_000)

    # only the most widespread entity offered: another is added when asked for by name
    monkeypatch.setattr(facet_service, "TOP_ENTITIES", 1)
    resets: list[object] = []
    allow = panel.proxy.set_allowed
    monkeypatch.setattr(panel.proxy, "set_allowed", lambda a: (resets.append(a), allow(a)))
    with qtbot.waitSignal(win.tracker.changed, timeout=5000,
                          check_params_cb=lambda *a: not win.tracker.is_busy()):  # fmt: skip
        win.refresh_facets()
    qtbot.waitUntil(lambda: panel.filters.entity_values() == ["Kyiv"], timeout=5000)
    assert resets == []  # no filter chosen: new entries leave the list alone
    assert panel.filter_entity("\u201cVladimir Putin\u201d")  # stored without the quotes
    assert panel.entity_filter.currentData() == "Vladimir Putin"
    qtbot.waitUntil(lambda: panel.visible_article_ids() == [sample_id], timeout=10_000)
    assert not panel.filter_entity("Nobody Known")
    qtbot.waitUntil(lambda: not panel._tasks.busy(), timeout=10_000)
