"""Annotating from the reader: highlight, note, tags, mark as claim, verdicts, delete, re-attach.

Every change goes through the undo stack (undo_commands) and is saved at once via services.
Dialog prompts are attributes (``ask_text``, ``ask_verdict``) so tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from briefing.domain import Annotation, BriefingError, Claim
from briefing.gui.reader.undo_commands import (
    AddAnnotation,
    DeleteAnnotation,
    EditAnnotation,
    SetVerdict,
)
from briefing.services.annotating import clean_tags

if TYPE_CHECKING:
    from briefing.gui.shell.main_window import MainWindow

AskText = Callable[[str, str, str, bool], "str | None"]
AskVerdict = Callable[[str, "Annotation | None"], "tuple[str | None, str, str] | None"]


class Annotator(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.session = window.session
        self.ask_text: AskText = self._ask_text
        self.ask_verdict: AskVerdict = self._ask_verdict

    # prompts ---------------------------------------------------------------------------
    def _ask_text(self, title: str, label: str, text: str, multiline: bool) -> str | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit  # dialogs: when first used

        if multiline:
            from briefing.gui.reader.note_dialog import NoteDialog

            dialog = NoteDialog(title, label, text, self.w)
            return dialog.text() if dialog.exec() == NoteDialog.DialogCode.Accepted else None
        else:
            value, ok = QInputDialog.getText(self.w, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def _ask_verdict(self, quote: str,
                     existing: Annotation | None) -> tuple[str | None, str, str] | None:
        from PySide6.QtWidgets import QDialog

        from briefing.gui.reader.verdict_dialog import VerdictDialog

        dialog = VerdictDialog(quote, existing, self.w)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    # helpers ---------------------------------------------------------------------------
    def _selection(self) -> tuple[int, int] | None:
        start, end = self.w.view.selected_span()
        if self.session.article is None or end <= start:
            return None
        return start, end

    def _push(self, command: object) -> None:
        try:
            self.w.undo_stack.push(command)  # type: ignore[arg-type]
        except BriefingError as exc:
            self.w.banner.show_message(str(exc))

    # actions ---------------------------------------------------------------------------
    def highlight(self, color: str) -> Annotation | None:
        """Highlight the selection in ``color``; recolour when it is exactly a highlight."""
        span = self._selection()
        if span is None:
            return None
        existing = self.session.annotation_at(*span)
        if existing is not None and existing.selector.span.start == span[0] \
                and existing.selector.end == span[1]:
            changed = existing.with_changes(color=color)
            self._push(EditAnnotation(self.session, existing, changed, f"Colour {color}"))
            self._collapse(span[1])
            return changed
        annotation = self.session.new_annotation(*span, color=color)
        self._push(AddAnnotation(self.session, annotation))
        self._collapse(span[1])
        return annotation

    def _collapse(self, end: int) -> None:
        """Drop the selection after annotating so the new colour shows."""
        self.w.view.select_span(end, end)
        self.w.hide_selection_bar()

    def note_at_selection(self) -> None:
        """Edit the note of the highlight under the selection/cursor, else add a new one."""
        start, end = self.w.view.selected_span()
        existing = self.session.annotation_at(start, end) if self.session.article else None
        if existing is not None:
            self.edit_note(existing)
            return
        span = self._selection()
        if span is None:
            self.w.banner.show_message("Select some text first, then add a note.",
                                       kind="info", timeout_ms=4000)
            return
        note = self.ask_text("Add note", "Note:", "", True)
        if note is None:
            return
        annotation = self.session.new_annotation(*span, color="yellow", note=note)
        self._push(AddAnnotation(self.session, annotation, "Add note"))

    def edit_note(self, annotation: Annotation) -> None:
        note = self.ask_text("Edit note", "Note:", annotation.note, True)
        if note is None or note.strip() == annotation.note:
            return
        self._push(EditAnnotation(self.session, annotation,
                                  annotation.with_changes(note=note.strip()), "Edit note"))

    def tag_selection(self) -> None:
        start, end = self.w.view.selected_span()
        existing = self.session.annotation_at(start, end) if self.session.article else None
        current = " ".join(existing.tags) if existing else ""
        text = self.ask_text("Tags", "Tags (separated by spaces or commas):", current, False)
        if text is None:
            return
        tags = clean_tags(text.replace(",", " ").split())
        if existing is not None:
            self._push(EditAnnotation(self.session, existing,
                                      existing.with_changes(tags=tags), "Edit tags"))
            self.w.refresh_facets()
            return
        span = self._selection()
        if span is not None:
            self._push(AddAnnotation(self.session,
                                     self.session.new_annotation(*span, color=None, tags=tags),
                                     "Add tags"))
            self.w.refresh_facets()

    def mark_claim(self) -> None:
        span = self._selection()
        if span is not None:
            self._push(SetVerdict(self.session, *span, "unverified", "", ""))

    def delete_at_selection(self) -> None:
        start, end = self.w.view.selected_span()
        existing = self.session.annotation_at(start, end) if self.session.article else None
        if existing is None:
            existing = self.w.notes.current_annotation()
        if existing is not None:
            self.delete(existing)

    def delete(self, annotation: Annotation) -> None:
        self._push(DeleteAnnotation(self.session, annotation))

    def reattach(self, annotation: Annotation) -> None:
        span = self._selection()
        if span is None:
            self.w.banner.show_message(
                "Select the passage in the article first, then choose Re-attach.",
                kind="info", timeout_ms=5000)
            return
        assert self.session.article is not None
        from briefing.domain import Selector

        moved = annotation.with_changes(
            selector=Selector.from_text(self.session.article.text, *span), anchor="exact"
        )
        self._push(EditAnnotation(self.session, annotation, moved, "Re-attach note"))

    def verdict_for_current(self) -> None:
        claim = self.w.claims.current_claim()
        if claim is None and self.session.analysis is not None:
            start, end = self.w.view.selected_span()
            claim = next((c for c in self.session.analysis.claims
                          if c.start <= start < c.end or c.start < end <= c.end), None)
        if claim is not None:
            self.verdict(claim)

    def verdict(self, claim: Claim) -> None:
        if self.session.article is None:
            return
        quote = self.session.article.text[claim.start : claim.end]
        answer = self.ask_verdict(quote, self.session.verdict_on(claim))
        if answer is None:
            return
        verdict, note, evidence = answer
        self._push(SetVerdict(self.session, claim.start, claim.end, verdict, note, evidence))
