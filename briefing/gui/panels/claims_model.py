"""List model of an article's claims (highest score first) with the user's verdicts joined in.

Roles: DisplayRole is the quote (with the speaker), ``META_ROLE`` the line "score · kind ·
hedges", ``VERDICT_ROLE`` the user's verdict (None while undecided, even when the claim has
a note: note and evidence are in the tooltip), plus the span/item roles of panel_models.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from briefing.domain import Analysis, Annotation, Claim
from briefing.gui.panels.panel_models import ITEM_ROLE, SPAN_ROLE, SPANS_ROLE, clip
from briefing.services.annotating import claim_assessment

META_ROLE = Qt.ItemDataRole.UserRole + 20
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 21
SCORE_ROLE = Qt.ItemDataRole.UserRole + 22
Index = QModelIndex | QPersistentModelIndex


def verdict_for(claim: Claim, annotations: list[Annotation]) -> Annotation | None:
    """The claim's assessment annotation (``Annotation.assesses``); its verdict is None when
    the user gave a note or evidence but no verdict yet."""
    return claim_assessment(annotations, claim.span)


def meta_line(claim: Claim) -> str:
    parts = [f"{claim.score:.2f}", claim.kind]
    if claim.hedged:
        parts.append("hedged" + (f": {', '.join(claim.hedges)}" if claim.hedges else ""))
    return " · ".join(parts)


class ClaimsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._claims: list[Claim] = []
        self._annotations: list[Annotation] = []
        self._reviewers: dict[tuple[int, int], tuple[str, list[str]]] = {}  # see set_reviewers

    def set_reviewers(self, reviewers: dict[tuple[int, int], tuple[str, list[str]]]) -> None:
        """Other reviewers' verdicts per claim span: a summary for the card ("2 reviewers:
        supported / false") and one tooltip line per reviewer (sync across a desk)."""
        self._reviewers = dict(reviewers)
        if self._claims:
            self.dataChanged.emit(self.index(0), self.index(len(self._claims) - 1))

    def set_claims(self, text: str, analysis: Analysis | None,
                   annotations: list[Annotation], *, candidates: bool = False) -> None:
        """The analysis's claims, strongest first; with ``candidates`` also the weaker
        candidates it did not count as claims."""
        self.beginResetModel()
        self._text = text
        claims = list(analysis.claims) if analysis else []
        if candidates and analysis is not None:
            claims += [c for c in analysis.claim_candidates if c not in set(claims)]
        self._claims = sorted(claims, key=lambda c: (-c.score, c.start))
        self._annotations = list(annotations)
        self.endResetModel()

    def claims(self) -> list[Claim]:
        return list(self._claims)

    def row_of(self, claim: Claim) -> int:
        return self._claims.index(claim) if claim in self._claims else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._claims)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._claims):
            return None
        claim = self._claims[index.row()]
        quote = self._text[claim.start : claim.end]
        if role == Qt.ItemDataRole.DisplayRole:
            said = f"{claim.speaker}: " if claim.speaker else ""
            return said + clip(quote, 400)
        if role == META_ROLE:
            summary = self._reviewers.get((claim.start, claim.end), ("", []))[0]
            return f"{meta_line(claim)} · {summary}" if summary else meta_line(claim)
        if role == SCORE_ROLE:
            return claim.score
        if role == VERDICT_ROLE:
            verdict = verdict_for(claim, self._annotations)
            return verdict.verdict if verdict else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(claim, quote)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            verdict = verdict_for(claim, self._annotations)
            said = f", said by {claim.speaker}" if claim.speaker else ""
            judged = f", your verdict {verdict.verdict}" if verdict and verdict.verdict else ""
            if verdict and not verdict.verdict and verdict.note:
                judged = ", no verdict yet, with your note"
            return f"claim, {meta_line(claim)}{said}{judged}: {quote}"
        if role == SPAN_ROLE:
            return (claim.start, claim.end)
        if role == SPANS_ROLE:
            return [(claim.start, claim.end)]
        if role == ITEM_ROLE:
            return claim
        return None

    def _tooltip(self, claim: Claim, quote: str) -> str:
        lines = [quote, meta_line(claim)]
        if claim.speaker:
            lines.append(f"Speaker: {claim.speaker}")
        verdict = verdict_for(claim, self._annotations)
        if verdict is not None:
            lines.append(f"Your verdict: {verdict.verdict}" if verdict.verdict
                         else "No verdict yet")
            if verdict.note:
                lines.append(f"Note: {verdict.note}")
            if verdict.evidence:
                lines.append(f"Evidence: {verdict.evidence}")
        lines.extend(self._reviewers.get((claim.start, claim.end), ("", []))[1])
        return "\n".join(lines)
