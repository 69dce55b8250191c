"""Opening the sample fills the panels; clicking items scrolls the article; keys navigate."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from briefing.domain import Entity
from briefing.gui.panels.panel_models import ITEM_ROLE, SPAN_ROLE
from briefing.services import articles


def _first_leaf(model) -> QModelIndex:
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        if model.rowCount(group):
            return model.index(0, 0, group)
    raise AssertionError("no leaf")


def test_sample_fills_summary_entities_claims(shown_sample) -> None:
    win = shown_sample
    assert win.session.analysis is not None
    assert win.summary.model.rowCount() == len(win.session.analysis.summaries["short"])
    assert win.entities.model.rowCount() >= 2  # several entity types
    assert win.claims.model.rowCount() == len(win.session.analysis.claims) > 0
    assert "builtin" in win.status.info.text()
    assert win.view.toPlainText() == win.session.article.text
    assert win.library.model.rowCount() == 1
    assert len(win.view.extraSelections()) > 10  # entity + claim layers drawn


def test_clicking_an_entity_scrolls_to_each_mention(qtbot, shown_sample) -> None:
    win = shown_sample
    win.resize(900, 500)
    model = win.entities.model
    leaf = next(
        model.index(r, 0, model.index(g, 0))
        for g in range(model.rowCount())
        for r in range(model.rowCount(model.index(g, 0)))
        if len(model.index(r, 0, model.index(g, 0)).data(ITEM_ROLE).mentions) >= 2
    )
    entity: Entity = leaf.data(ITEM_ROLE)
    rect = win.entities.view.visualRect(leaf)
    for mention in entity.mentions[:3]:
        qtbot.mouseClick(win.entities.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
        cursor = win.view.textCursor()
        assert win.view.positions.to_py(cursor.position()) == mention.start
        assert win.view.viewport().rect().contains(win.view.cursorRect().center())
        assert win.view.is_flashing
    qtbot.waitUntil(lambda: not win.view.is_flashing, timeout=3000)


def test_last_mention_is_scrolled_into_view(shown_sample) -> None:
    win = shown_sample
    win.resize(900, 400)
    last = max((m for e in win.session.analysis.entities for m in e.mentions),
               key=lambda m: m.start)
    win.reveal(last.start, last.end)
    assert win.view.verticalScrollBar().value() > 0
    assert win.view.viewport().rect().contains(win.view.cursorRect().center())


def test_summary_and_claim_clicks_reveal_spans(shown_sample) -> None:
    win = shown_sample
    index = win.summary.model.index(1, 0)
    win.summary._clicked(index)
    start, _ = index.data(SPAN_ROLE)
    assert win.view.positions.to_py(win.view.textCursor().position()) == start
    claim_index = win.claims.model.index(0, 0)
    win.claims._clicked(claim_index)
    assert win.view.positions.to_py(win.view.textCursor().position()) == claim_index.data(
        SPAN_ROLE)[0]


def test_selection_marks_panel_items(shown_sample) -> None:
    win = shown_sample
    claim = win.claims.model.claims()[0]
    win.view.select_span(claim.start, claim.end)
    selected = win.claims.view.selectionModel().selectedRows()
    assert any(i.data(ITEM_ROLE) == claim for i in selected)
    entity = win.session.analysis.entities[0]
    mention = entity.mentions[0]
    win.view.select_span(mention.start, mention.end)
    names = [i.data(ITEM_ROLE) for i in win.entities.view.selectionModel().selectedIndexes()]
    assert entity in names


def test_keyboard_navigation_and_tabs(shown_sample) -> None:
    win = shown_sample
    claims = sorted(win.session.analysis.claims, key=lambda c: c.start)
    win.acts["next_claim"].trigger()
    assert win.view.selected_span()[0] == claims[0].start
    win.acts["next_claim"].trigger()
    assert win.view.selected_span()[0] == claims[1].start
    win.acts["prev_claim"].trigger()
    assert win.view.selected_span()[0] == claims[0].start
    assert win.tabs.currentIndex() == 2
    mentions = sorted(m.start for e in win.session.analysis.entities for m in e.mentions)
    win.acts["next_mention"].trigger()
    assert win.view.selected_span()[0] == next(m for m in mentions if m > claims[0].start)
    win.acts["tab4"].trigger()
    assert win.tabs.currentIndex() == 3
    win.acts["tab1"].trigger()
    assert win.tabs.currentIndex() == 0


def test_tooltip_names_the_layer(shown_sample) -> None:
    from briefing.gui.reader.highlight_layers import describe_at

    win = shown_sample
    entity = win.session.analysis.entities[0]
    text = describe_at(win.view.marks, entity.mentions[0].start)
    assert entity.name in text and "Entity" in text


def test_layers_toggle_from_view_menu(shown_sample) -> None:
    win = shown_sample
    before = len(win.view.extraSelections())
    win.acts["layer_entities"].trigger()  # off
    assert len(win.view.extraSelections()) < before
    assert not win.settings.layer("entities")
    win.acts["layer_entities"].trigger()
    assert len(win.view.extraSelections()) == before


def test_stale_analysis_is_dropped(shown_sample) -> None:
    win = shown_sample
    analysis = win.session.analysis
    assert not win.session.set_analysis(win.session.article_id + 99, analysis)
    assert win.session.set_analysis(win.session.article_id, analysis)


def test_library_search_filters(qtbot, shown_sample, tmp_path) -> None:
    from tests.gui.conftest import import_and_show

    win = shown_sample
    other = tmp_path / "grid.txt"
    other.write_text("Winter strain on the grid\n\nEngineers in Kyiv restored power to the "
                     "eastern districts after a night of outages.\n", encoding="utf-8")
    import_and_show(qtbot, win, [str(other)])
    assert win.library.model.rowCount() == 2
    win.acts["search"].trigger()
    assert win.library.search.hasFocus() or not win.isActiveWindow()
    win.library.search.setText("outages")
    win.library.apply_search()
    assert win.library.proxy.rowCount() == 1
    ids = win.library.visible_article_ids()
    assert ids == [r.id for r in articles.search_articles(win.lib, "outages")]
    win.library.search.clear()
    win.library.apply_search()
    assert win.library.proxy.rowCount() == 2


def test_font_size_and_settings_persist(shown_sample) -> None:
    from briefing.gui.gui_settings import GuiSettings

    win = shown_sample
    size = win.view.point_size
    win.acts["bigger"].trigger()
    win.acts["bigger"].trigger()
    assert win.view.point_size == size + 2
    win.acts["theme_dark"].trigger()
    win.close()
    fresh = GuiSettings()
    assert fresh.font_size == size + 2
    assert fresh.theme == "dark"
    assert fresh.geometry() is not None


def test_hover_tooltip_event_shows_layer(qtbot, shown_sample) -> None:
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QToolTip

    win = shown_sample
    entity = next(e for e in win.session.analysis.entities if e.label == "PERSON")
    mention = entity.mentions[0]
    win.reveal(mention.start, mention.end)
    cursor = QTextCursor(win.view.document())
    cursor.setPosition(win.view.positions.to_qt(mention.start + 1))
    point = win.view.cursorRect(cursor).center() + QPoint(2, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, point, win.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(win.view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert entity.name in QToolTip.text() and "Person" in QToolTip.text()
    QToolTip.hideText()
