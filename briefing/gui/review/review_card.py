"""The detail card of the current review item: the quote in its context (sentence before and
after), what kind of item it is, and the decision so far; with an inline note editor (N)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from briefing.gui.review.review_delegate import VERDICT_COLORS
from briefing.gui.review.review_model import kind_label
from briefing.services.review import ReviewItem, evidence_article_id

QUOTE_STYLE = "background-color: rgba(249, 115, 22, 0.22); font-weight: 600;"


def context_html(item: ReviewItem) -> str:
    """The item's quote between its context sentences; paragraph breaks kept."""

    def part(text: str) -> str:
        return escape(text).replace("\n", "<br>")

    return (
        f'<span style="color: #6b7280;">{part(item.context_before)}</span>'
        f'<span style="{QUOTE_STYLE}">{part(item.quote)}</span>'
        f'<span style="color: #6b7280;">{part(item.context_after)}</span>'
    )


def facts(item: ReviewItem) -> list[tuple[str, str]]:
    """(label, value) rows the card lists under the quote."""
    rows = [
        ("Kind", kind_label(item)),
        ("Score", f"{item.score:.2f}"),
        ("Speaker", item.speaker or "—"),
        ("Hedged", "yes (the claim is hedged)" if item.hedged else "no"),
    ]
    if item.tags:
        rows.append(("Tags", ", ".join(item.tags)))
    return rows


class NoteEditor(QLineEdit):
    """One-line note editor: Return saves, Escape cancels (even where Esc is a shortcut)."""

    cancelled = Signal()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ReviewCard(QFrame):
    """``note_submitted(text)`` when the inline editor is confirmed; ``note_closed`` always
    after the editor closes (saved or cancelled)."""

    note_submitted = Signal(str)
    note_closed = Signal()

    def __init__(
        self, article_title: Callable[[int], str | None], parent: QWidget | None = None,
        reviewers: Callable[[ReviewItem], list[dict[str, str]]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._reviewers = reviewers  # every reviewer's verdict on a claim (a shared desk)
        self.setObjectName("reviewCard")
        self.setAccessibleName("Review item")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._article_title = article_title
        self.item: ReviewItem | None = None
        self.title = self._label("Article", bold=True)
        self.context = self._label("Quote in context")
        self.context.setTextFormat(Qt.TextFormat.RichText)
        self.context.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = self._label("Item details")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.decision = self._label("Decision")
        self.decision.setTextFormat(Qt.TextFormat.RichText)
        self.note_editor = NoteEditor()
        self.note_editor.setAccessibleName("Note on this item")
        self.note_editor.setPlaceholderText("Note — Return saves, Escape cancels")
        self.note_editor.returnPressed.connect(self._submit_note)
        self.note_editor.cancelled.connect(self.close_note_editor)
        self.note_editor.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(12)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        for widget in (self.title, self.context, self.details, rule, self.decision,
                       self.note_editor):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.show_item(None)

    def _label(self, name: str, *, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if bold:
            font = label.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.15)
            label.setFont(font)
        return label

    # showing ---------------------------------------------------------------------------
    def show_item(self, item: ReviewItem | None) -> None:
        self.item = item
        if item is None:
            self.title.setText("Nothing to review")
            self.context.setText(
                "Claims without a verdict and annotations tagged “to-check” appear here."
            )
            self.details.clear()
            self.decision.clear()
            self.close_note_editor()
            return
        self.title.setText(item.article_title)
        self.context.setText(f'<p style="line-height: 140%;">{context_html(item)}</p>')
        self.context.setAccessibleDescription(item.quote)
        self.details.setText(
            "<table cellspacing='0' cellpadding='2'>"
            + "".join(
                f"<tr><td style='color: #6b7280; padding-right: 12px;'>{escape(k)}</td>"
                f"<td>{escape(v)}</td></tr>"
                for k, v in facts(item)
            )
            + "</table>"
        )
        self.decision.setText(self._decision_html(item))
        self.decision.setAccessibleDescription(self.decision_text(item))

    def decision_text(self, item: ReviewItem) -> str:
        verdict = item.verdict.capitalize() if item.verdict else "Not decided yet"
        parts = [f"Verdict: {verdict}"]
        parts.append(f"Note: {item.note}" if item.note else "No note")
        parts.append(f"Evidence: {self.evidence_text(item.evidence)}" if item.evidence
                     else "No evidence")
        desk = self.desk_text(item)
        if desk:
            parts.append(f"Reviewers: {desk}")
        return ". ".join(parts)

    def desk_text(self, item: ReviewItem) -> str:
        """"2 reviewers: supported / false (Ana: supported; Bo: false)" when others on the
        desk gave verdicts on this claim (synced); "" for one reviewer or none."""
        found = self._reviewers(item) if self._reviewers and item.kind == "claim" else []
        if len(found) < 2:
            return ""
        verdicts = " / ".join(v["verdict"] for v in found)
        who = "; ".join(f"{v['reviewer']}: {v['verdict']}" for v in found)
        return f"{len(found)} reviewers: {verdicts} ({who})"

    def evidence_text(self, evidence: str | None) -> str:
        linked = evidence_article_id(evidence)
        if linked is None:
            return evidence or ""
        title = self._article_title(linked)
        return f"article “{title}”" if title else f"article {linked}"

    def _decision_html(self, item: ReviewItem) -> str:
        color = VERDICT_COLORS.get(item.verdict or "", "inherit")
        verdict = (
            f"<b style='color: {color};'>{escape(item.verdict.capitalize())}</b>"
            if item.verdict else "<i>not decided yet</i> — press 1–4"
        )
        note = escape(item.note) if item.note else "<i>none</i> — press N"
        evidence = (
            escape(self.evidence_text(item.evidence)) if item.evidence
            else "<i>none</i> — press E"
        )
        rows = [("Verdict", verdict), ("Note", note), ("Evidence", evidence)]
        desk = self.desk_text(item)
        if desk:
            rows.append(("Reviewers", escape(desk)))
        return (
            "<p style='font-weight: 600;'>Your decision</p><table cellspacing='0' cellpadding='2'>"
            + "".join(
                f"<tr><td style='color: #6b7280; padding-right: 12px;'>{k}</td><td>{v}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )

    # note editing ----------------------------------------------------------------------
    def edit_note(self) -> None:
        if self.item is None:
            return
        self.note_editor.setText(self.item.note)
        self.note_editor.show()
        self.note_editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note_editor.selectAll()

    def note_open(self) -> bool:
        return self.note_editor.isVisible()

    def close_note_editor(self) -> None:
        was_open = not self.note_editor.isHidden()
        self.note_editor.hide()
        if was_open:
            self.note_closed.emit()

    def _submit_note(self) -> None:
        text = self.note_editor.text().strip()
        self.note_submitted.emit(text)
        self.close_note_editor()
