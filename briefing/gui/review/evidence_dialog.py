"""Choosing the evidence of a review item: a URL, or another article of the library, the
articles ranked by ``evidence_candidates`` (shared entities and numbers) listed first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.panels.panel_models import clip
from briefing.services.review import ReviewItem, evidence_article_id, evidence_link

ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 30


class EvidenceDialog(QDialog):
    """``candidates`` are (id, title, score) best first; ``articles`` (id, title) all others."""

    def __init__(
        self,
        item: ReviewItem,
        candidates: list[tuple[int, str, float]],
        articles: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Evidence")
        self.setAccessibleName("Choose evidence")
        self.resize(560, 420)
        quote = QLabel(f"“{clip(item.quote, 240)}”")
        quote.setWordWrap(True)
        quote.setAccessibleName("Item quote")
        self.url = QLineEdit()
        self.url.setAccessibleName("Evidence URL")
        self.url.setPlaceholderText("https://… (leave empty to link an article below)")
        url_label = QLabel("&URL:")
        url_label.setBuddy(self.url)
        self.articles = QListWidget()
        self.articles.setAccessibleName("Library articles, likely evidence first")
        list_label = QLabel("Or an &article of the library (likely evidence first):")
        list_label.setBuddy(self.articles)
        current = evidence_article_id(item.evidence)
        if item.evidence and current is None:
            self.url.setText(item.evidence)
        ranked = {i for i, _t, _s in candidates}
        rows = [(i, f"{title}  — score {score:g}") for i, title, score in candidates]
        rows += [(i, title) for i, title in articles if i not in ranked and i != item.article_id]
        for article_id, text in rows:
            entry = QListWidgetItem(text)
            entry.setData(ARTICLE_ROLE, article_id)
            self.articles.addItem(entry)
        chosen = next(
            (r for r in range(self.articles.count()) if self._id_at(r) == current), 0
        )
        if self.articles.count():
            self.articles.setCurrentRow(chosen)
        self.articles.itemDoubleClicked.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        layout.addWidget(url_label)
        layout.addWidget(self.url)
        layout.addWidget(list_label)
        layout.addWidget(self.articles, 1)
        layout.addWidget(buttons)
        self.setTabOrder(self.articles, self.url)
        (self.articles if self.articles.count() and not self.url.text() else self.url).setFocus()

    def _id_at(self, row: int) -> int | None:
        entry = self.articles.item(row)
        value = entry.data(ARTICLE_ROLE) if entry is not None else None
        return int(value) if value is not None else None

    def evidence(self) -> str:
        """The URL when one is typed, else a link to the chosen article ("" for none)."""
        url = self.url.text().strip()
        if url:
            return url
        chosen = self._id_at(self.articles.currentRow())
        return evidence_link(chosen) if chosen is not None else ""
