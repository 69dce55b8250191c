"""Claims tab: one card per claim (quote, score · kind · hedges, the user's verdict), a
left bar as strong as the score; a button (and V, double-click) to give a verdict."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
)

from briefing.domain import Analysis, Annotation, Claim
from briefing.gui.panels.claims_model import META_ROLE, SCORE_ROLE, VERDICT_ROLE, ClaimsModel
from briefing.gui.panels.panel_base import PanelBase
from briefing.gui.panels.panel_models import ITEM_ROLE, SPAN_ROLE
from briefing.gui.reader.highlight_layers import claim_alpha

QUOTE_LINES = 3
PAD = 6
BAR = 4
VERDICT_COLORS = {"supported": "#16a34a", "disputed": "#ea580c", "false": "#dc2626",
                  "unverified": "#64748b"}
Index = QModelIndex | QPersistentModelIndex


def fit_lines(metrics: QFontMetrics, text: str, width: int, lines: int) -> str:
    """``text`` cut at a word boundary (with …) so it wraps into at most ``lines`` lines."""
    flags = int(Qt.TextFlag.TextWordWrap)
    limit = metrics.lineSpacing() * lines
    if metrics.boundingRect(QRect(0, 0, width, 10_000), flags, text).height() <= limit:
        return text
    words = text.split()
    low, high = 1, len(words)
    while low < high:  # longest prefix of words that fits
        mid = (low + high + 1) // 2
        candidate = " ".join(words[:mid]) + " …"
        if metrics.boundingRect(QRect(0, 0, width, 10_000), flags, candidate).height() <= limit:
            low = mid
        else:
            high = mid - 1
    return " ".join(words[:low]) + " …"


class ClaimCardDelegate(QStyledItemDelegate):
    claim_color = "#f97316"

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        meta = QFont(option.font)
        meta.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        return option.font, meta

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        quote_font, meta_font = self._fonts(option)
        width = max(120, self.view.viewport().width()) - 2 * PAD - BAR - 2
        quote = fit_lines(QFontMetrics(quote_font), str(index.data() or ""), width, QUOTE_LINES)
        flags = int(Qt.TextFlag.TextWordWrap)
        height = QFontMetrics(quote_font).boundingRect(QRect(0, 0, width, 10_000), flags,
                                                       quote).height()
        return QSize(width, height + QFontMetrics(meta_font).lineSpacing() + 3 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(0, 1, 0, -1)
        painter.fillRect(rect, palette.highlight() if selected else palette.base())
        bar = QColor(self.claim_color)
        bar.setAlpha(min(255, 2 * claim_alpha(float(index.data(SCORE_ROLE) or 0)) + 30))
        painter.fillRect(QRect(rect.left(), rect.top(), BAR, rect.height()), bar)
        text_color = palette.highlightedText().color() if selected else palette.text().color()
        quote_font, meta_font = self._fonts(option)
        inner = rect.adjusted(BAR + PAD + 2, PAD, -PAD, -PAD)
        quote = fit_lines(QFontMetrics(quote_font), str(index.data() or ""), inner.width(),
                          QUOTE_LINES)
        painter.setFont(quote_font)
        painter.setPen(text_color)
        used = painter.drawText(inner, int(Qt.TextFlag.TextWordWrap), quote)
        meta_rect = QRect(inner.left(), used.bottom() + PAD // 2, inner.width(),
                          QFontMetrics(meta_font).lineSpacing())
        painter.setFont(meta_font)
        faded = QColor(text_color)
        faded.setAlphaF(0.7)
        painter.setPen(faded)
        painter.drawText(meta_rect, int(Qt.AlignmentFlag.AlignLeft), str(index.data(META_ROLE)))
        verdict = index.data(VERDICT_ROLE)
        painter.setPen(QColor(VERDICT_COLORS.get(verdict, "#64748b")) if verdict and not selected
                       else faded)
        painter.drawText(meta_rect, int(Qt.AlignmentFlag.AlignRight),
                         f"✓ {verdict}" if verdict else "no verdict")
        painter.restore()


class ClaimsPanel(PanelBase):
    verdict_requested = Signal(object)  # Claim

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Claims")
        self.model = ClaimsModel(self)
        self.view = QListView()
        self.delegate = ClaimCardDelegate(self.view)
        self.view.setAccessibleName("Check-worthy claims")
        self.view.setModel(self.model)
        self.view.setItemDelegate(self.delegate)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(False)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.view.doubleClicked.connect(self._verdict)
        self.verdict_button = QPushButton("Verdict…")
        self.verdict_button.setAccessibleName("Set verdict on the selected claim")
        self.verdict_button.setToolTip("Give the selected claim a verdict (V)")
        self.verdict_button.clicked.connect(lambda: self._verdict(self.view.currentIndex()))
        self.all_candidates = QCheckBox("Show all &candidates")
        self.all_candidates.setAccessibleName("Show all claim candidates")
        self.all_candidates.setToolTip("Also list the weaker sentences the analysis did not "
                                       "count as claims")
        self.all_candidates.toggled.connect(lambda _on: self._refill())
        self._data: tuple[str, Analysis | None, list[Annotation]] = ("", None, [])
        from briefing.gui.widgets.empty_hint import EmptyHint

        self.hint = EmptyHint(self.view, self._hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_candidates)
        buttons.addStretch(1)
        buttons.addWidget(self.verdict_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def set_claim_color(self, color: str) -> None:
        self.delegate.claim_color = color
        self.view.viewport().update()

    def set_data(self, text: str, analysis: Analysis | None,
                 annotations: list[Annotation]) -> None:
        self._data = (text, analysis, annotations)
        self._refill()

    def _hint(self) -> str:
        text, analysis, _ = self._data
        if not text:
            return "No article open. The claims worth checking appear here."
        if analysis is None:
            return "Claims appear here once the article is analysed."
        more = len(analysis.claim_candidates)
        return "No check-worthy claims found." + (
            f" {more} weaker candidate{'s' if more != 1 else ''}: tick Show all candidates."
            if more and not self.all_candidates.isChecked() else "")

    def _refill(self) -> None:
        text, analysis, annotations = self._data
        extra = len(analysis.claim_candidates) if analysis is not None else 0
        self.all_candidates.setText(f"Show all &candidates (+{extra})" if extra
                                    else "Show all &candidates")
        self.all_candidates.setEnabled(extra > 0)
        current = self.current_claim()
        self.model.set_claims(text, analysis, annotations,
                              candidates=self.all_candidates.isChecked())
        if current is not None:
            self.select_claim(current, reveal=False)

    def current_claim(self) -> Claim | None:
        claim = self.view.currentIndex().data(ITEM_ROLE)
        return claim if isinstance(claim, Claim) else None

    def select_claim(self, claim: Claim, *, reveal: bool = True) -> None:
        row = self.model.row_of(claim)
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
            if reveal:
                self.reveal.emit(claim.start, claim.end)

    def _clicked(self, index: QModelIndex) -> None:
        span = index.data(SPAN_ROLE)
        if span:
            self.reveal.emit(*span)

    def _verdict(self, index: QModelIndex) -> None:
        claim = index.data(ITEM_ROLE) if index.isValid() else None
        if isinstance(claim, Claim):
            self.verdict_requested.emit(claim)

    def mark_span(self, start: int, end: int) -> int:
        return self.mark_overlapping(self.view, start, end)
