"""An article's revisions: their list, the chosen one's text, its word changes against the
current revision, and "Revise from file…" with the annotations' new anchor states.

Reads go through services (revisions_view, annotating); the revision itself runs
services.revising.revise_from_source in a worker.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import BriefingError, Revision
from briefing.gui.background import Outcome, PageJobs
from briefing.gui.briefs.revisions_model import (
    STATE_HELP,
    AnchorRow,
    AnchorStatesModel,
    RevisionsModel,
)
from briefing.gui.briefs.word_diff import change_counts, word_diff
from briefing.gui.gui_settings import settings_path
from briefing.gui.widgets.banner import Banner
from briefing.services import Library, annotating
from briefing.services.articles import get_article
from briefing.services.revising import revise_from_source
from briefing.services.revisions_view import list_revisions

FOLDER_KEY = "revisions/source_folder"
SOURCE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"
INSERTED_BG, INSERTED_FG = QColor("#d7f5dd"), QColor("#0f5323")
DELETED_BG, DELETED_FG = QColor("#ffdce0"), QColor("#86181d")


def diff_formats() -> dict[str, QTextCharFormat]:
    inserted = QTextCharFormat()
    inserted.setBackground(INSERTED_BG)
    inserted.setForeground(INSERTED_FG)
    inserted.setFontUnderline(True)  # not by colour alone
    deleted = QTextCharFormat()
    deleted.setBackground(DELETED_BG)
    deleted.setForeground(DELETED_FG)
    deleted.setFontStrikeOut(True)
    return {"equal": QTextCharFormat(), "insert": inserted, "delete": deleted}


class RevisionsDialog(QDialog):
    """``revised(article_id)`` fires after a new revision was stored (reload the reader)."""

    revised = Signal(int)
    anchors_shown = Signal()

    def __init__(self, lib: Library, article_id: int, parent: QWidget | None = None,
                 *, settings_file: Path | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.article_id = article_id
        self.settings = QSettings(str(settings_file or settings_path()),
                                  QSettings.Format.IniFormat)
        self.jobs = PageJobs(self)
        self.current_text = ""
        self.current_revision = self._revision_before = 0
        self.setAccessibleName("Article revisions")
        self.resize(1100, 720)

        self.banner = Banner(self)
        self.heading = QLabel(objectName="panelHeading")
        self.heading.setWordWrap(True)
        self.model = RevisionsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Revisions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Text of the selected revision")
        self.diff = QTextEdit()
        self.diff.setReadOnly(True)
        self.diff.setAcceptRichText(False)
        self.diff.setAccessibleName("Changes from the selected revision to the current one")
        self.diff_summary = QLabel()
        self.diff_summary.setWordWrap(True)
        diff_page = QWidget()
        diff_layout = QVBoxLayout(diff_page)
        diff_layout.setContentsMargins(0, 4, 0, 0)
        diff_layout.addWidget(self.diff_summary)
        diff_layout.addWidget(self.diff, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(diff_page, "&Changes to current")
        self.tabs.addTab(self.text, "&Text")
        self.tabs.setAccessibleName("Revision views")

        self.anchors = AnchorStatesModel(self)
        self.anchor_table = QTableView()
        self.anchor_table.setAccessibleName("Annotations after the revision")
        self.anchor_table.setModel(self.anchors)
        self.anchor_table.verticalHeader().hide()
        self.anchor_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.anchor_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.anchor_label = QLabel("Revise from a new edition of this article to re-anchor "
                                   "its highlights and notes.")
        self.anchor_label.setWordWrap(True)

        self.revise_button = QPushButton("&Revise from file…")
        self.revise_button.setAccessibleName("Revise from file")
        self.revise_button.setToolTip("Store a new edition of this article from a file and "
                                      "re-anchor its annotations")
        self.revise_button.clicked.connect(self.ask_revise)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Revising")
        self.busy.hide()
        self.jobs.busy_changed.connect(self._set_busy)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.clicked.connect(self.reject)
        for button in (self.revise_button, self.close_button):
            button.setAutoDefault(False)
        self._build_layout()
        self.reload()

    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Revisions"))
        left_layout.addWidget(self.table, 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(self.tabs)
        top.setStretchFactor(1, 1)
        top.setSizes([400, 680])
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.anchor_label)
        bottom_layout.addWidget(self.anchor_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.revise_button)
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.setTabOrder(self.table, self.tabs)
        self.setTabOrder(self.tabs, self.anchor_table)
        self.setTabOrder(self.anchor_table, self.revise_button)
        self.setTabOrder(self.revise_button, self.close_button)

    # data ------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        """Load the article and its revisions; select ``select`` (default: the previous
        revision, so the changes of the latest edition show first)."""
        try:
            article = get_article(self.lib, self.article_id)
            revisions = list_revisions(self.lib, self.article_id)
        except BriefingError as exc:
            self.banner.show_message(str(exc))
            self.revise_button.setEnabled(False)
            return
        self.current_text = article.text
        self.current_revision = article.revision
        self.setWindowTitle(f"Revisions — {article.title}")
        count = len(revisions)
        self.heading.setText(f"{article.title} · {count} revision{'' if count == 1 else 's'}")
        self.model.set_revisions(revisions, article.revision)
        numbers = [r.revision for r in revisions]
        if select is None or select not in numbers:
            select = numbers[-2] if len(numbers) > 1 else (numbers[-1] if numbers else None)
        if select is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(numbers.index(select), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._show_selected()

    def selected_revision(self) -> Revision | None:
        return self.model.revision_at(self.table.currentIndex().row())

    def _show_selected(self) -> None:
        revision = self.selected_revision()
        if revision is None:
            self.text.clear()
            self.diff.clear()
            self.diff_summary.clear()
            return
        self.text.setPlainText(revision.text)
        self.show_diff(revision.text, self.current_text)
        if revision.revision == self.model.current:
            self.diff_summary.setText(f"Revision {revision.revision} is the current text.")

    def show_diff(self, old: str, new: str) -> None:
        """Show ``old`` → ``new`` word by word: insertions green and underlined, deletions
        red and struck out (character formats on plain text, never HTML)."""
        runs = word_diff(old, new)
        formats = diff_formats()
        self.diff.clear()
        cursor = QTextCursor(self.diff.document())
        paragraph = QTextBlockFormat()
        paragraph.setBottomMargin(8)
        cursor.beginEditBlock()
        cursor.setBlockFormat(paragraph)
        for op, text in runs:
            for i, line in enumerate(text.split("\n")):
                if i:  # a paragraph break; a changed one is drawn as a pilcrow
                    if op != "equal":
                        cursor.insertText("¶", formats[op])
                    cursor.insertBlock(paragraph)
                if line:
                    cursor.insertText(line, formats[op])
        cursor.endEditBlock()
        self.diff.moveCursor(QTextCursor.MoveOperation.Start)
        inserted, deleted = change_counts(runs)
        revision = self.selected_revision()
        number = revision.revision if revision else "?"
        self.diff_summary.setText(
            f"From revision {number} to the current text: {inserted} words added "
            f"(green, underlined), {deleted} words removed (red, struck out)."
        )

    # revising --------------------------------------------------------------------------
    def ask_revise(self) -> None:
        folder = str(self.settings.value(FOLDER_KEY, "") or "")
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Revise from file", folder if Path(folder).is_dir() else str(Path.home()),
            SOURCE_FILTER,
        )
        if chosen:
            self.settings.setValue(FOLDER_KEY, str(Path(chosen).parent))
            self.settings.sync()
            self.revise_from(chosen)

    def revise_from(self, source: str) -> None:
        """Apply the edition at ``source`` (path or URL) in the worker."""
        article_id = self.article_id

        def work(lib: object, _job: object) -> list[tuple[str, str]]:
            return revise_from_source(lib, article_id, source)  # type: ignore[arg-type]

        self._revision_before = self.current_revision
        self.anchor_label.setText(f"Revising from {source}…")
        self.jobs.start("Revising article", work, self._revised, self._failed,
                        quiet_when_cancelled=True)

    def _revised(self, outcome: Outcome) -> None:
        states = dict(outcome.value)
        annotations = annotating.annotations_for(self.lib, self.article_id)
        rows = [
            AnchorRow(a.id, a.selector.exact, a.note, states.get(a.id, a.anchor))
            for a in annotations
        ]
        self.anchors.set_rows(rows)
        counts = {s: sum(1 for r in rows if r.state == s) for s in STATE_HELP}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        self.reload()
        stored = (f"Revision {self.current_revision} stored."
                  if self.current_revision != self._revision_before
                  else "The file holds the current text: no new revision.")
        self.anchor_label.setText(
            f"{stored} Annotations: {summary}." if rows
            else f"{stored} This article has no annotations to re-anchor."
        )
        self.revised.emit(self.article_id)
        self.anchors_shown.emit()

    def _failed(self, message: str) -> None:
        self.anchor_label.setText("The revision was not applied.")
        self.banner.show_message(message)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.revise_button.setEnabled(not busy)

    # closing ---------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self.jobs.shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.jobs.shutdown()
        super().closeEvent(event)

