"""Dialog to give a claim a verdict (supported / disputed / false / unverified), a note and
an evidence URL. "No verdict yet" keeps a claim undecided (a note or evidence can be kept
before deciding) or sets a decided one back to undecided."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from briefing.domain import VERDICTS, Annotation
from briefing.gui.panels.panel_models import clip


class VerdictDialog(QDialog):
    def __init__(self, quote: str, existing: Annotation | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verdict on claim")
        self.quote = QLabel(f"“{clip(quote, 300)}”")
        self.quote.setWordWrap(True)
        self.verdict = QComboBox()
        self.verdict.setAccessibleName("Verdict")
        self.verdict.addItem("No verdict yet", None)
        for name in VERDICTS:
            self.verdict.addItem(name.capitalize(), name)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Verdict note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        self.evidence = QLineEdit()
        self.evidence.setAccessibleName("Evidence URL")
        self.evidence.setPlaceholderText("https://… or briefing:article/<id>")
        if existing is not None:
            if existing.verdict is not None:
                self.verdict.setCurrentIndex(max(0, self.verdict.findData(existing.verdict)))
            self.note.setPlainText(existing.note)
            self.evidence.setText(existing.evidence or "")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.quote)
        form.addRow("&Verdict:", self.verdict)
        form.addRow("&Note:", self.note)
        form.addRow("&Evidence:", self.evidence)
        form.addRow(buttons)

    def values(self) -> tuple[str | None, str, str]:
        """(verdict or None for "no verdict yet", note, evidence)."""
        chosen = self.verdict.currentData()
        return (
            str(chosen) if chosen is not None else None,
            self.note.toPlainText().strip(),
            self.evidence.text().strip(),
        )
