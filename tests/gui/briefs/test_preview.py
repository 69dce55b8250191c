"""The brief preview: rendered in a worker, offline, printable to PDF, exportable."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QTextDocument
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton

from briefing.gui.briefs import PreviewDialog

SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "brief-preview.png"


def _open(qtbot, ids: list[int], title: str, **kw) -> PreviewDialog:
    dialog = PreviewDialog(ids, title, **kw)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=20000):
        dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.jobs.is_busy())
    return dialog


def _lines(dialog: PreviewDialog) -> list[str]:
    return dialog.browser.toPlainText().split("\n")


def test_titles_in_brief_order_and_nothing_remote(qtbot, articles) -> None:
    a = articles
    dialog = _open(qtbot, [a.revised, a.grid, a.original], "Siversk and the grid")
    lines = _lines(dialog)
    assert lines[0] == "Siversk and the grid"
    order = [lines.index(t) for t in ("siversk-revised", "Winter strain on the grid", "siversk")]
    assert order == sorted(order)
    assert not dialog.busy.isVisible()
    assert dialog.browser.remote_requests() == []

    dialog.article_ids = [a.original, a.revised]
    with qtbot.waitSignal(dialog.rendered, timeout=20000):
        dialog.render()
        assert dialog.busy.isVisible() and dialog.busy_label.text() == "Rendering…"
    lines = _lines(dialog)
    assert lines.index("siversk") < lines.index("siversk-revised")
    assert "Winter strain on the grid" not in lines
    assert dialog.browser.remote_requests() == []


def test_remote_resources_are_refused(qtbot, articles) -> None:
    dialog = _open(qtbot, [articles.grid], "Grid")
    browser = dialog.browser
    browser.setHtml('<p>x<img src="https://example.com/pixel.png">'
                    '<img src="http://example.com/b.png"></p>')
    remote = browser.remote_requests()
    assert remote and all(u.startswith(("http://", "https://")) for u in remote)
    for url in ("https://example.com/a.css", "file:///etc/passwd", "ftp://example.com/x"):
        assert browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(url)) is None


def test_links_scroll_or_ask(qtbot, articles, monkeypatch) -> None:
    dialog = _open(qtbot, [articles.original, articles.revised], "Two editions")
    dialog.resize(900, 500)
    browser = dialog.browser
    browser.follow(QUrl("#a2-p3"))
    assert browser.verticalScrollBar().value() > 0

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    replies = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: replies.pop(0))
    browser.anchorClicked.emit(QUrl("https://example.org/story"))
    assert opened == []
    browser.anchorClicked.emit(QUrl("https://example.org/story"))
    assert opened == ["https://example.org/story"]
    browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert opened == ["https://example.org/story"] and replies == []


def test_summary_length_switch_rerenders(qtbot, articles) -> None:
    dialog = _open(qtbot, [articles.original], "One")
    assert "short summary" in dialog.browser.toPlainText()
    headline = next(b for b in dialog.lengths.buttons() if "Headline" in b.text())
    dialog.resize(900, 500)
    bar = dialog.browser.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    with qtbot.waitSignal(dialog.rendered, timeout=20000):
        headline.click()
    assert "headline summary" in dialog.browser.toPlainText()
    assert bar.value() > 0  # the reader's place is kept roughly
    assert dialog.summary_length == "headline"


def test_save_as_pdf_and_remember_folder(qtbot, articles, tmp_path: Path, monkeypatch) -> None:
    dialog = _open(qtbot, [articles.original, articles.revised], "Siversk")
    out = tmp_path / "exports" / "siversk.pdf"
    out.parent.mkdir()
    asked: list[str] = []

    def save_name(_parent, _caption, start, _filter, *args, **kw):
        asked.append(start)
        return str(out), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    dialog.pdf_button.click()
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000
    assert asked[0].endswith("siversk.pdf")

    second = _open(qtbot, [articles.grid], "Grid")
    assert second.last_folder() == str(out.parent)


def test_print_with_ctrl_p(qtbot, articles, tmp_path: Path, monkeypatch) -> None:
    from briefing.gui.briefs import preview_dialog

    out = tmp_path / "printed.pdf"
    shown: list[str] = []

    class AcceptingPrintDialog:  # stands in for the platform's modal print dialog
        def __init__(self, printer, parent) -> None:
            self.printer = printer

        def setWindowTitle(self, title: str) -> None:
            shown.append(title)

        def exec(self) -> QDialog.DialogCode:
            self.printer.setOutputFormat(self.printer.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(out))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(preview_dialog, "QPrintDialog", AcceptingPrintDialog)
    dialog = _open(qtbot, [articles.original], "Print me")
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shown == ["Print brief"])  # a button shortcut clicks animated
    assert out.read_bytes().startswith(b"%PDF")


def test_export_markdown_through_worker(qtbot, articles, tmp_path: Path, monkeypatch) -> None:
    dialog = _open(qtbot, [articles.grid, articles.original], "Grid then Siversk")
    out = tmp_path / "brief.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kw: (str(out), "Markdown (*.md)"))
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.export_buttons["markdown"].click()
    text = out.read_text(encoding="utf-8")
    assert text.index("Winter strain on the grid") < text.index("## siversk")
    assert str(out) in dialog.status.text() and dialog.status.isVisible()


def test_keyboard_and_accessible_names(qtbot, articles) -> None:
    dialog = _open(qtbot, [articles.grid], "Grid")
    assert dialog.print_button.shortcut().matches(QKeySequence(QKeySequence.StandardKey.Print)) \
        == QKeySequence.SequenceMatch.ExactMatch
    buttons = dialog.findChildren(QPushButton)
    assert len(buttons) >= 6
    for button in buttons:
        assert button.accessibleName() and not button.autoDefault(), button.text()


def test_render_error_shows_in_banner(qtbot, articles) -> None:
    dialog = PreviewDialog([articles.grid, 9999], "Broken")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "9999" in dialog.banner.text(), timeout=20000)


def test_screenshot(qtbot, articles, tmp_path: Path) -> None:
    """Grab the preview at 1200×800; BRIEFING_UPDATE_SCREENSHOTS=1 refreshes the docs copy."""
    dialog = _open(qtbot, [articles.revised, articles.original], "Siversk: the fall and the update")
    dialog.resize(QSize(1200, 800))
    qtbot.waitUntil(lambda: dialog.browser.viewport().width() > 1000)
    shot = tmp_path / "brief-preview.png"
    assert dialog.grab().save(str(shot))
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1200, 800)
    colours = {image.pixel(x, y) for y in range(0, 800, 9) for x in range(0, 1200, 9)}
    assert len(colours) > 20
    if os.environ.get("BRIEFING_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
