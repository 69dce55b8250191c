"""Menu commands of the main window (a mixin): export, settings, navigation, view changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from briefing.domain import BriefingError
from briefing.gui import theme
from briefing.gui.briefs.export_names import EXPORT_FILTER, export_file_name
from briefing.gui.gui_settings import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE
from briefing.gui.widgets.banner import Banner

if TYPE_CHECKING:
    from briefing.gui.shell.main_window import MainWindow

class WindowCommands:
    """Mixed into MainWindow; ``self`` is the window."""

    _last_step: tuple[int, int] = (-1, -1)

    def _make_banner(self: Any) -> Banner:
        return Banner(self)

    # export ----------------------------------------------------------------------------
    def ask_save_path(self: MainWindow, fmt: str, suggested: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog  # dialogs: imported when first used

        path, _ = QFileDialog.getSaveFileName(
            self, "Export brief", str(Path(self.settings.last_folder) / suggested),
            EXPORT_FILTER[fmt],
        )
        return path or None

    def export(self: MainWindow, fmt: str) -> Path | None:
        article = self.session.article
        if article is None:
            self.banner.show_message("Open an article to export its brief.", kind="info",
                                     timeout_ms=4000)
            return None
        return self.export_articles([article.id], fmt, article.title)

    def export_articles(self: MainWindow, article_ids: list[int], fmt: str,
                        title: str) -> Path | None:
        from briefing.services import exporting

        chosen = self.ask_save_path(fmt, export_file_name(title, fmt))
        if not chosen:
            return None
        out = Path(chosen)
        self.settings.last_folder = str(out.parent)
        try:
            _, merge = exporting.export_brief(self.lib, article_ids, fmt, out,
                                              title=None if len(article_ids) == 1 else title)
        except BriefingError as exc:
            self.banner.show_message(str(exc))
            return None
        conflicts = getattr(merge, "conflicts", None) if merge is not None else None
        note = f" ({len(conflicts)} edit conflicts kept)" if conflicts else ""
        self.banner.show_message(f"Exported to {out}{note}", kind="info", timeout_ms=6000)
        return out

    # library ---------------------------------------------------------------------------
    def ask_title(self: MainWindow, current: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self, "Rename article", "Title:", text=current)
        return text if ok else None

    def confirm_delete(self: MainWindow, title: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, "Delete article",
            f"Delete “{title}” and its highlights and notes from the library?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def rename_article(self: MainWindow, article_id: int) -> None:
        from briefing.services import articles

        try:
            title = self.ask_title(articles.get_article(self.lib, article_id).title)
            if title is None:
                return
            articles.rename_article(self.lib, article_id, title)
        except BriefingError as exc:
            self.banner.show_message(str(exc))
            return
        self.library.refresh()
        if self.session.article_id == article_id:
            self.session.open(article_id)
            self._analyse(article_id)

    def delete_article(self: MainWindow, article_id: int) -> None:
        from briefing.services import articles

        try:
            article = articles.get_article(self.lib, article_id)
            if not self.confirm_delete(article.title):
                return
            articles.delete_article(self.lib, article_id)
        except BriefingError as exc:
            self.banner.show_message(str(exc))
            return
        self.forget_undo(article_id)
        if self.session.article_id == article_id:
            self.navigation += 1
            self.session.clear()
        self.library.refresh()
        self.refresh_facets()

    def show_articles_with(self: MainWindow, name: str) -> None:
        if not self.library.filter_entity(name):
            self.banner.show_message(f"No indexed articles mention {name} yet.", kind="info",
                                     timeout_ms=4000)
        self.focus_search()

    # settings and view -----------------------------------------------------------------
    def open_settings(self: MainWindow) -> None:
        from PySide6.QtWidgets import QDialog

        from briefing.gui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.apply()
            self.apply_settings()

    def apply_settings(self: MainWindow) -> None:
        self.set_theme(self.settings.theme)
        self.area.set_font(self.settings.font_family, self.settings.font_size)
        for name in ("entities", "claims", "highlights"):
            action = self.acts.all[f"layer_{name}"]
            action.blockSignals(True)
            action.setChecked(self.settings.layer(name))
            action.blockSignals(False)
        self._render_layers()

    def set_theme(self: MainWindow, name: str) -> None:
        self.settings.theme = name
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.colors = theme.apply(app, name)
        if self._selection_bar is not None:
            self._selection_bar.set_colors(self.colors)
        key = f"theme_{name}"
        if key in self.acts.all and not self.acts.all[key].isChecked():
            self.acts.all[key].setChecked(True)
        self._render_layers()

    def set_layer(self: MainWindow, name: str, on: bool) -> None:
        self.settings.set_layer(name, on)
        self._render_layers()

    def change_font_size(self: MainWindow, step: int) -> None:
        size = DEFAULT_FONT_SIZE if step == 0 else self.view.point_size + step
        size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        self.settings.font_size = size
        self.area.set_font(self.settings.font_family, size)
        self._render_layers()

    def toggle_library(self: MainWindow, visible: bool) -> None:
        self.left.setVisible(visible)

    def focus_search(self: MainWindow) -> None:
        if not self.left.isVisible():
            self.acts.all["toggle_library"].setChecked(True)
        self.left.setCurrentWidget(self.library)
        self.library.search.setFocus()
        self.library.search.selectAll()

    def find_in_article(self: MainWindow) -> None:
        """Ctrl+F: the inline find bar under the article (built on first use)."""
        if not self.area.open_find():
            self.banner.show_message("Open an article to find text in it.", kind="info",
                                     timeout_ms=4000)

    def escape(self: MainWindow) -> None:
        """Esc in the reader: close the find bar if it is open, else cancel background
        work (File → Cancel Background Work)."""
        if not self.area.close_find():
            self.tracker.cancel_all()

    def show_tab(self: MainWindow, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.tabs.currentWidget().setFocus()

    # keyboard navigation ---------------------------------------------------------------
    def _step(self: MainWindow, spans: list[tuple[int, int]], direction: int) -> tuple[int, int]:
        """The next/previous span from the cursor; the span under the cursor counts as
        current, so the first step from the top lands on a span starting at 0."""
        here = self.view.positions.to_py(self.view.textCursor().selectionStart())
        current = self._last_step if self._last_step[0] == here else None
        if direction > 0:
            return next(
                (s for s in spans if s[0] > here or (s[0] == here and current is None)),
                spans[0],
            )
        return next((s for s in reversed(spans) if s[0] < here), spans[-1])

    def step_claim(self: MainWindow, direction: int) -> None:
        analysis = self.session.analysis
        if analysis is None or not analysis.claims:
            return
        claims = sorted(analysis.claims, key=lambda c: (c.start, c.end))
        span = self._step([(c.start, c.end) for c in claims], direction)
        target = next(c for c in claims if (c.start, c.end) == span)
        self.show_tab(2)
        self.claims.select_claim(target, reveal=False)
        self.view.reveal(target.start, target.end)
        self._last_step = span

    def step_mention(self: MainWindow, direction: int) -> None:
        analysis = self.session.analysis
        if analysis is None:
            return
        mentions = sorted({(m.start, m.end) for e in analysis.entities for m in e.mentions})
        if not mentions:
            return
        target = self._step(mentions, direction)
        self.view.reveal(*target)
        self.entities.mark_span(*target)
        self._last_step = target

    # links and help --------------------------------------------------------------------
    def confirm_open_link(self: MainWindow, url: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, "Open link", f"Open this address in your web browser?\n\n{url}"
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl(url))

    def show_shortcuts(self: MainWindow) -> None:
        from PySide6.QtWidgets import QMessageBox

        lines = [
            f"<tr><td>{a.text().replace('&', '')}</td>"
            f"<td><b>{a.shortcut().toString()}</b></td></tr>"
            for a in self.acts.all.values() if not a.shortcut().isEmpty()
        ]
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{''.join(lines)}</table>")

    def show_about(self: MainWindow) -> None:
        from PySide6.QtWidgets import QMessageBox

        from briefing import __version__
        from briefing.about import about_text

        box = QMessageBox(self)
        box.setWindowTitle("About Briefing")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(f"<b>Briefing {__version__}</b><p>Read closely, annotate, hand on a brief. "
                    "Analysis runs offline on this computer.</p>")
        box.setDetailedText(about_text())  # versions and the licences of bundled data
        box.open()
