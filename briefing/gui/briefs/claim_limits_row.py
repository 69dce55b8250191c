"""The claim-limit controls of the brief preview: a minimum score and at most N claims per
article, saved in the settings (settings_store, section ``claims``) for every later export,
the command line's included."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from briefing.domain import BriefingError
from briefing.domain.claim_limits import ClaimLimits


class ClaimLimitsRow(QWidget):
    changed = Signal()  # the limits changed and were saved
    failed = Signal(str)  # they could not be saved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from briefing.settings_store import load_claim_limits

        limits = load_claim_limits()
        self.min_score = QDoubleSpinBox()
        self.min_score.setRange(0.0, 1.0)
        self.min_score.setSingleStep(0.05)
        self.min_score.setDecimals(2)
        self.min_score.setValue(limits.min_score)
        self.min_score.setAccessibleName("Minimum claim score")
        self.top = QSpinBox()
        self.top.setRange(0, 99)
        self.top.setSpecialValueText("all")
        self.top.setValue(limits.top_n or 0)
        self.top.setAccessibleName("Claims per article")
        score_label = QLabel("Claims scoring at &least")
        score_label.setBuddy(self.min_score)
        top_label = QLabel("at &most")
        top_label.setBuddy(self.top)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (score_label, self.min_score, top_label, self.top, QLabel("per article")):
            layout.addWidget(widget)
        self.min_score.valueChanged.connect(lambda _v: self._save())
        self.top.valueChanged.connect(lambda _v: self._save())

    def limits(self) -> ClaimLimits:
        return ClaimLimits(round(self.min_score.value(), 2), self.top.value() or None)

    def _save(self) -> None:
        from briefing.settings_store import save_claim_limits

        try:
            save_claim_limits(self.limits())
        except BriefingError as exc:
            self.failed.emit(str(exc))
            return
        self.changed.emit()
