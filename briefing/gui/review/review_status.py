"""Progress text ("N left of M" overall and per brief) and the banner offering to export a
brief once all its items are decided."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from briefing.gui.review.review_loader import ReviewProgress

MAX_BRIEFS_SHOWN = 3


def progress_text(progress: ReviewProgress, brief_id: int | None = None) -> str:
    """"7 left of 24 · Weekly: 2 left of 5"; the selected brief first, then unfinished ones."""
    left, total = progress.overall()
    parts = [f"{left} left of {total}"]
    briefs = sorted(
        (b for b in progress.briefs if b.total),
        key=lambda b: (b.id != brief_id, progress.brief(b)[0] == 0, b.title.casefold()),
    )
    for brief in briefs[:MAX_BRIEFS_SHOWN]:
        b_left, b_total = progress.brief(brief)
        parts.append(f"{brief.title}: {b_left} left of {b_total}")
    if len(briefs) > MAX_BRIEFS_SHOWN:
        parts.append(f"+{len(briefs) - MAX_BRIEFS_SHOWN} briefs")
    return " · ".join(parts)


def progress_details(progress: ReviewProgress) -> str:
    """Every brief, one per line (the tooltip of the progress label)."""
    left, total = progress.overall()
    lines = [f"Library: {left} left of {total}"]
    for brief in progress.briefs:
        b_left, b_total = progress.brief(brief)
        lines.append(f"{brief.title}: {b_left} left of {b_total}")
    return "\n".join(lines)


class ExportBanner(QFrame):
    """Non-modal notice: "All items of brief X are decided  [Export this brief]  ✕"."""

    export_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("kind", "info")
        self.setAccessibleName("Brief reviewed")
        self.brief_id: int | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.export_button = QPushButton("E&xport this brief")
        self.export_button.setAccessibleName("Export this brief")
        self.export_button.clicked.connect(self._export)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName("Dismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.export_button)
        layout.addWidget(self.close_button)
        self.hide()

    def offer(self, brief_id: int, title: str, count: int) -> None:
        self.brief_id = brief_id
        text = f"All {count} items of the brief “{title}” are decided."
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def withdraw(self, brief_id: int) -> None:
        """Hide the offer for ``brief_id`` (an undo made it incomplete again)."""
        if self.brief_id == brief_id:
            self.dismiss()

    def dismiss(self) -> None:
        self.brief_id = None
        self.hide()

    def _export(self) -> None:
        if self.brief_id is not None:
            self.export_requested.emit(self.brief_id)
