"""A QTextBrowser that never fetches anything: only data: URIs are loaded as resources.

Links are not followed by Qt: ``#anchor`` links scroll inside the page, http(s) and mailto
links are handed to ``confirm_open(url)`` (the dialog asks before opening a browser), and
anything else is ignored. Every resource request is recorded in ``requests``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

READING_WIDTH = 820
"""Widest column of text in pixels; wider windows get equal side margins (like a page)."""
MIN_MARGIN = 24
LOCAL_SCHEMES = frozenset({"data"})
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})


class OfflineBrowser(QTextBrowser):
    """``requests`` lists ``(resource type, url, served)`` for every resource Qt asked for."""

    def __init__(self, confirm_open: Callable[[QUrl], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confirm_open = confirm_open
        self.requests: list[tuple[int, str, bool]] = []
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.anchorClicked.connect(self.follow)

    def loadResource(self, kind: int, name: QUrl) -> Any:
        served = name.scheme().lower() in LOCAL_SCHEMES
        self.requests.append((int(getattr(kind, "value", kind)), name.toString(), served))
        return super().loadResource(kind, name) if served else None

    def setHtml(self, text: str) -> None:
        super().setHtml(text)
        self._fit_column()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_column()

    def _fit_column(self) -> None:
        margin = max(MIN_MARGIN, (self.viewport().width() - READING_WIDTH) // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if fmt.leftMargin() != margin or fmt.rightMargin() != margin:
            fmt.setLeftMargin(margin)
            fmt.setRightMargin(margin)
            fmt.setTopMargin(MIN_MARGIN)
            fmt.setBottomMargin(MIN_MARGIN)
            frame.setFrameFormat(fmt)

    def remote_requests(self) -> list[str]:
        """Resources asked for that were not data: URIs (all of them were refused)."""
        return [url for _type, url, served in self.requests if not served]

    def follow(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if not scheme and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
        elif scheme in EXTERNAL_SCHEMES:
            self.confirm_open(url)
