"""Issue 20's reader items: settings labels, dates of undated articles."""

from __future__ import annotations

from pathlib import Path


def test_settings_labels_have_buddies_and_placeholders_fit(qtbot, window) -> None:
    from PySide6.QtWidgets import QLabel, QLineEdit

    from briefing.gui.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for label in dialog.findChildren(QLabel):
        if "&" in label.text():
            assert label.buddy() is not None, label.text()  # else "&" is shown literally
    for field in dialog.findChildren(QLineEdit):
        if field.placeholderText() and not field.text():
            need = field.fontMetrics().horizontalAdvance(field.placeholderText())
            assert field.width() > need, field.placeholderText()


def test_undated_article_shows_no_import_date_as_published(
    qtbot, window, tmp_path: Path
) -> None:
    from tests.gui.conftest import import_and_show

    path = tmp_path / "plain.txt"
    path.write_text("Plain title\n\nThe council met on the bridge budget today.", "utf-8")
    import_and_show(qtbot, window, [str(path)])
    article = window.session.article
    assert article.published is None
    day = article.imported_at[:10]
    assert f"imported {day}" in window.area.meta.text()
    model = window.library.model
    dates = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert day not in dates


def test_claim_bars_sit_before_the_line_start_of_rtl_paragraphs(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from briefing.domain.analysis import Claim
    from tests.gui.conftest import import_and_show

    arabic = "قالت السلطات المحلية يوم الثلاثاء إن الجسر سيعاد افتتاحه الشهر المقبل."
    english = "The council said on Tuesday that the bridge would reopen next month."
    path = tmp_path / "mixed.txt"
    path.write_text(f"Mixed\n\n{english}\n\n{arabic}", encoding="utf-8")
    import_and_show(qtbot, window, [str(path)])
    text = window.session.article.text
    ltr, rtl = text.index("council"), text.index("السلطات")
    claims = (Claim(ltr, ltr + 20, 0.9, "other"), Claim(rtl, rtl + 20, 0.9, "other"))
    window.session.set_analysis(window.session.article_id,
                                replace(window.session.analysis, claims=claims))
    view = window.view
    middle = view.viewport().width() // 2
    assert view.claim_bar_x(ltr) < middle < view.claim_bar_x(rtl)
    image = view.viewport().grab().toImage()
    top = view._line_rect(rtl).center().y()
    x = view.claim_bar_x(rtl) + 1
    assert image.pixelColor(x, top) != image.pixelColor(x - 8, top)  # the bar is drawn there


def test_rtl_titles_are_laid_out_right_to_left_in_the_library(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyleOptionViewItem

    from tests.gui.conftest import import_and_show

    paths = []
    for name, title in (("rtl.txt", "جسر المدينة يعاد افتتاحه الشهر المقبل بعد إصلاحات طويلة"),
                        ("ltr.txt", "The bridge reopens next month after long repairs")):
        (tmp_path / name).write_text(f"{title}\n\nBody text for {name}.", encoding="utf-8")
        paths.append(str(tmp_path / name))
    import_and_show(qtbot, window, paths)
    view = window.library.view
    directions = {}
    for row in range(view.model().rowCount()):
        index = view.model().index(row, 0)
        option = view.itemDelegateForIndex(index).styled(QStyleOptionViewItem(), index.data())
        directions[index.data()[:3]] = option.direction
    assert directions["جسر"] == Qt.LayoutDirection.RightToLeft
    assert directions["The"] == Qt.LayoutDirection.LeftToRight


def test_status_bar_counts_say_one_note() -> None:
    from briefing.domain import Analysis, Article
    from briefing.domain.analysis import Claim, EngineInfo
    from briefing.gui.shell.status import describe

    article = Article(1, "t", "one two", "x")
    analysis = Analysis(EngineInfo("builtin", "1"), "x", claims=(Claim(0, 3, 0.9, "other"),))
    line = describe(article, analysis, 1)
    assert line.endswith("0 entities · 1 claim · 1 note")
    assert describe(article, analysis, 2).endswith("1 claim · 2 notes")


def test_long_brief_titles_elide_instead_of_scrolling(qtbot, window) -> None:
    from briefing.services.briefs import create_brief

    width = window.width()
    create_brief(window.lib, "A very long brief title about the bridge and the harbour " * 4)
    window.left.setCurrentIndex(window.integrations.briefs_index)
    qtbot.waitUntil(lambda: window.integrations.briefs is not None)
    panel = window.integrations.briefs
    panel.refresh()
    qtbot.waitUntil(lambda: panel.briefs_model.rowCount() == 1)
    view = panel.brief_list
    qtbot.wait(50)
    assert not view.horizontalScrollBar().isVisible()
    rect = view.visualRect(panel.briefs_model.index(0, 0))
    assert rect.width() <= view.viewport().width()
    assert window.width() == width


def test_an_elided_rtl_title_keeps_its_start_on_the_right(qtbot) -> None:
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QListView

    from briefing.gui.widgets.bidi_delegate import BidiDelegate

    title = "ا ا ا ا ا " + "ب " * 60  # tall alefs first, then low letters
    view = QListView()
    view.setStyleSheet("background: white; color: black;")  # whatever theme ran before
    qtbot.addWidget(view)
    model = QStringListModel([title])
    view.setModel(model)
    view.setItemDelegate(BidiDelegate(view, fit=True))
    view.resize(300, 60)
    view.show()
    qtbot.waitExposed(view)
    rect = view.visualRect(model.index(0, 0))
    assert rect.width() <= view.viewport().width()  # elided, not scrolled
    image = view.viewport().grab().toImage()
    top = rect.top() + 2

    def inked(rows: range) -> list[int]:
        return [x for x in range(rect.left(), min(rect.right(), image.width()))
                if any(image.pixelColor(x, y).lightness() < 128 for y in rows)]

    tall = inked(range(top, top + rect.height() // 3))  # alefs reach up there
    ink = inked(range(top, rect.bottom()))
    assert tall and min(tall) > rect.center().x()  # the start (alefs) on the right
    assert max(tall) >= max(ink) - 2  # ... at the very right: no "…" after them
    assert min(ink) not in tall  # the "…" ends the line on the left
