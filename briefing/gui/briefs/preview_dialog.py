"""Preview a brief as the HTML export renders it; export it, print it or save it as PDF.

Rendering and exporting run in a worker (services.exporting.export_brief on the worker's
own Library); printing uses the shown QTextDocument through QtPrintSupport. The page is
shown in an :class:`OfflineBrowser`, so nothing remote is ever loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import SUMMARY_LENGTHS
from briefing.gui.background import Outcome, PageJobs
from briefing.gui.briefs.export_names import EXPORT_FILTER, export_file_name
from briefing.gui.briefs.offline_browser import OfflineBrowser
from briefing.gui.gui_settings import settings_path
from briefing.gui.widgets.banner import Banner
from briefing.services.exporting import export_brief

FOLDER_KEY = "briefs/export_folder"
EXPORT_BUTTONS = (("markdown", "&Markdown…"), ("html", "&HTML…"), ("w3c", "&W3C JSON…"))
# Qt's rich text understands little of the export's CSS (no custom properties): these
# defaults give the preview the same calm reading style; the page's own rules still apply.
PREVIEW_CSS = """
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 12pt; color: #1f2328; }
h1, h2, h3 { font-family: "DejaVu Sans", "Segoe UI", sans-serif; color: #1f2328; }
h1 { font-size: 20pt; }
h2 { font-size: 16pt; margin-top: 22px; }
h3 { font-size: 10pt; color: #59636e; margin-top: 14px; }
p, li { line-height: 135%; }
em { color: #59636e; }
a { color: #0b5cad; }
blockquote { background-color: #f6f8fa; margin-left: 12px; margin-right: 12px; }
"""


class PreviewDialog(QDialog):
    """``rendered()`` fires when a rendering is shown; ``exported(path)`` after an export."""

    rendered = Signal()
    exported = Signal(str)

    def __init__(self, article_ids: Sequence[int], title: str, parent: QWidget | None = None,
                 *, summary_length: str = "short", settings_file: Path | None = None) -> None:
        super().__init__(parent)
        self.article_ids = list(article_ids)
        self.title = title
        self.summary_length = summary_length if summary_length in SUMMARY_LENGTHS else "short"
        self.settings = QSettings(str(settings_file or settings_path()),
                                  QSettings.Format.IniFormat)
        self.jobs = PageJobs(self)
        self._generation = 0
        self.setWindowTitle(f"Preview — {title}")
        self.setAccessibleName("Brief preview")
        self.resize(1000, 760)

        self.banner = Banner(self)
        self.browser = OfflineBrowser(self.confirm_open)
        self.browser.setAccessibleName("Brief preview")
        self.browser.document().setDefaultStyleSheet(PREVIEW_CSS)

        self.lengths = QButtonGroup(self)
        length_row = QHBoxLayout()
        length_row.addWidget(QLabel("Summary:"))
        for length in SUMMARY_LENGTHS:
            button = QRadioButton(f"&{length.capitalize()}")
            button.setAccessibleName(f"{length.capitalize()} summary")
            button.setChecked(length == self.summary_length)
            self.lengths.addButton(button)
            button.toggled.connect(lambda on, n=length: on and self.set_summary_length(n))
            length_row.addWidget(button)
        length_row.addSpacing(16)
        from briefing.gui.briefs.claim_limits_row import ClaimLimitsRow

        self.claim_limits = ClaimLimitsRow()
        self.claim_limits.changed.connect(self.render)
        self.claim_limits.failed.connect(lambda text: self.banner.show_message(text))
        length_row.addWidget(self.claim_limits)
        length_row.addStretch(1)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Working")
        self.busy_label = QLabel("Rendering…")
        self.busy.hide()
        self.busy_label.hide()
        length_row.addWidget(self.busy_label)
        length_row.addWidget(self.busy)
        self.jobs.busy_changed.connect(self._set_busy)

        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Export:"))
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt, text in EXPORT_BUTTONS:
            button = QPushButton(text)
            button.setAccessibleName(f"Export as {text.strip('&…').replace('&', '')}")
            button.clicked.connect(lambda _c=False, f=fmt: self.ask_export(f))
            self.export_buttons[fmt] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.print_button = QPushButton("&Print…")
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setToolTip("Print the brief (Ctrl+P)")
        self.print_button.clicked.connect(self.ask_print)
        self.pdf_button = QPushButton("Save as P&DF…")
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        for button in (self.print_button, self.pdf_button, self.close_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            buttons.addWidget(button)
        for button in (*self.export_buttons.values(), self.print_button, self.pdf_button,
                       self.close_button):
            button.setAutoDefault(False)  # Enter must not start an export or a print
        self.status = QLabel()
        self.status.setAccessibleName("Export status")
        self.status.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(length_row)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.render()

    # rendering -------------------------------------------------------------------------
    def set_summary_length(self, length: str) -> None:
        if length != self.summary_length:
            self.summary_length = length
            self.render()

    def render(self) -> None:
        """Render the brief in the worker; only the latest request is shown."""
        self._generation += 1
        generation, ids, title, length = (self._generation, list(self.article_ids), self.title,
                                          self.summary_length)
        limits = self.claim_limits.limits()

        def work(lib: object, _job: object) -> tuple[int, str]:
            text, _ = export_brief(lib, ids, "html", title=title,  # type: ignore[arg-type]
                                   summary_length=length, claim_limits=limits)
            return generation, text

        self.busy_label.setText("Rendering…")
        self.jobs.start("Rendering brief", work, self._show, self._failed,
                        quiet_when_cancelled=True)

    def _show(self, outcome: Outcome) -> None:
        generation, html = outcome.value
        if generation != self._generation:
            return
        bar = self.browser.verticalScrollBar()
        where = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self.browser.setHtml(html)
        if where:  # a re-render (other summary length) keeps the reader's place roughly
            bar.setValue(round(where * bar.maximum()))
        self.rendered.emit()

    def _failed(self, message: str) -> None:
        self.banner.show_message(message)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def html(self) -> str:
        return self.browser.toHtml()

    # links -----------------------------------------------------------------------------
    def confirm_open(self, url: QUrl) -> None:
        answer = QMessageBox.question(
            self, "Open link", f"Open this address in your web browser?\n\n{url.toString()}"
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(url)

    # files -----------------------------------------------------------------------------
    def last_folder(self) -> str:
        value = self.settings.value(FOLDER_KEY, "")
        folder = str(value) if value else ""
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def remember_folder(self, path: Path) -> None:
        self.settings.setValue(FOLDER_KEY, str(path.parent))
        self.settings.sync()

    def _ask_save(self, caption: str, name: str, filter_: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, caption, str(Path(self.last_folder()) / name), filter_
        )
        if not chosen:
            return None
        path = Path(chosen)
        self.remember_folder(path)
        return path

    def ask_export(self, fmt: str) -> None:
        path = self._ask_save("Export brief", export_file_name(self.title, fmt),
                              EXPORT_FILTER[fmt])
        if path is not None:
            self.export_to(fmt, path)

    def export_to(self, fmt: str, path: Path) -> None:
        """Write the brief to ``path`` in the worker (a Markdown re-export merges edits)."""
        ids, title, length = list(self.article_ids), self.title, self.summary_length
        limits = self.claim_limits.limits()

        def work(lib: object, _job: object) -> tuple[str, int]:
            _, merge = export_brief(lib, ids, fmt, path, title=title,  # type: ignore[arg-type]
                                    summary_length=length, claim_limits=limits)
            return str(path), len(getattr(merge, "conflicts", ()) or ())

        self.busy_label.setText("Exporting…")
        self.jobs.start("Exporting brief", work, self._exported, self._failed,
                        quiet_when_cancelled=True)

    def _exported(self, outcome: Outcome) -> None:
        path, conflicts = outcome.value
        note = f" ({conflicts} edit conflicts kept)" if conflicts else ""
        self._set_status(f"Exported to {path}{note}")
        self.exported.emit(path)

    # printing --------------------------------------------------------------------------
    def ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print brief")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._print(printer)

    def ask_pdf(self) -> None:
        path = self._ask_save("Save brief as PDF", export_file_name(self.title, "html")
                              .removesuffix(".html") + ".pdf", "PDF (*.pdf)")
        if path is not None:
            self.save_pdf(path)

    def save_pdf(self, path: Path) -> Path:
        """Print the shown brief to a PDF file at ``path``."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setDocName(self.title)
        printer.setCreator("Briefing")
        self._print(printer)
        self._set_status(f"Saved {path}")
        return path

    def _print(self, printer: QPrinter) -> None:
        """Print a copy of the page without the screen's centring margins (the printer's
        page margins apply instead)."""
        document = self.browser.document().clone(self)
        frame = document.rootFrame()
        fmt = frame.frameFormat()
        fmt.setMargin(0)
        frame.setFrameFormat(fmt)
        document.print_(printer)
        document.deleteLater()

    # closing ---------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self.jobs.shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.jobs.shutdown()
        super().closeEvent(event)
