"""Getting articles in: Open dialog, paste, drag-and-drop, command-line paths, the sample.

Every import runs as an :class:`ImportJob` in the thread pool; the first imported article
is shown unless the user opened another one meanwhile.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QMimeData, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication

from briefing.gui.workers import Imported, ImportJob, PastedText, Source

if TYPE_CHECKING:
    from briefing.gui.shell.main_window import MainWindow

FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"


def sample_path() -> Path:
    """The bundled sample article (resources/samples/siversk.txt)."""
    return Path(str(resources.files("briefing.resources") / "samples" / "siversk.txt"))


def sources_from_mime(mime: QMimeData) -> list[Source]:
    """Local files and http(s) URLs dropped or pasted; else plain text as a new article."""
    found: list[Source] = []
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                found.append(url.toLocalFile())
            elif url.scheme() in ("http", "https"):
                found.append(url.toString())
    if not found and mime.hasText():
        text = mime.text().strip()
        if text.lower().startswith(("http://", "https://")) and len(text.split()) == 1:
            found.append(text)
        elif text:
            found.append(PastedText(text))
    return found


class Importer(QObject):
    imported = Signal(object)  # Imported

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.jobs: list[ImportJob] = []

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # when first used

        paths, _ = QFileDialog.getOpenFileNames(
            self.w, "Open articles", self.w.settings.last_folder, FILE_FILTER
        )
        if paths:
            self.w.settings.last_folder = str(Path(paths[0]).parent)
            self.start(paths)

    def paste(self) -> None:
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData() if clipboard is not None else None
        sources = sources_from_mime(mime) if mime is not None else []
        if not sources:
            self.w.banner.show_message("The clipboard holds no text or link to import.",
                                       kind="info", timeout_ms=6000)
            return
        self.start(sources)

    def open_sample(self) -> None:
        self.start([str(sample_path())])

    def drop(self, mime: QMimeData) -> bool:
        sources = sources_from_mime(mime)
        if sources:
            self.start(sources)
        return bool(sources)

    def start(self, sources: list[Source]) -> ImportJob:
        job = ImportJob(list(sources), engine=self.w.settings.engine)
        generation = self.w.navigation
        job.signals.result.connect(lambda result, g=generation: self._done(result, g))
        job.signals.finished.connect(lambda j=job: self._forget(j))
        self.jobs.append(job)
        self.w.tracker.start(job)
        return job

    def _show(self, article_id: int, generation: int) -> None:
        if generation == self.w.navigation:
            self.w.open_article(article_id)

    def _forget(self, job: ImportJob) -> None:
        if job in self.jobs:
            self.jobs.remove(job)

    def _done(self, result: Imported, generation: int) -> None:
        if not shiboken6.isValid(self.w.library):  # the import ended after the window closed
            return
        self.w.library.refresh_ids(list(result.article_ids))  # row by row, not the library
        QTimer.singleShot(1000, self.w.refresh_facets)  # not in the same breath as opening
        for error in result.errors:
            self.w.banner.show_message(error)
        if result.article_ids and generation == self.w.navigation and not result.cancelled:
            first = result.article_ids[0]
            # next event-loop turn: the refreshed list paints before the article is laid out
            QTimer.singleShot(0, lambda: self._show(first, generation))
        if result.cancelled:
            self.w.banner.show_message("Import cancelled.", kind="info", timeout_ms=4000)
        self.imported.emit(result)


def urls_to_mime(urls: list[QUrl]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(urls)
    return mime
