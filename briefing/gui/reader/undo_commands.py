"""QUndoCommands for every annotation change; each redo/undo is saved at once via services."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from briefing.domain import Annotation
from briefing.gui.panels.panel_models import clip
from briefing.gui.reader.session import ReaderSession


class AddAnnotation(QUndoCommand):
    def __init__(self, session: ReaderSession, annotation: Annotation, text: str = "") -> None:
        super().__init__(text or f"Highlight “{clip(annotation.selector.exact, 30)}”")
        self.session = session
        self.annotation = annotation

    def redo(self) -> None:
        self.session.restore(self.annotation)

    def undo(self) -> None:
        self.session.remove(self.annotation.id)


class DeleteAnnotation(QUndoCommand):
    def __init__(self, session: ReaderSession, annotation: Annotation) -> None:
        super().__init__(f"Delete “{clip(annotation.selector.exact, 30)}”")
        self.session = session
        self.annotation = annotation

    def redo(self) -> None:
        self.session.remove(self.annotation.id)

    def undo(self) -> None:
        self.session.restore(self.annotation)


class EditAnnotation(QUndoCommand):
    """Replace an annotation by a changed version (note, colour, tags, verdict, span)."""

    def __init__(self, session: ReaderSession, before: Annotation, after: Annotation,
                 text: str = "") -> None:
        super().__init__(text or f"Edit “{clip(before.selector.exact, 30)}”")
        self.session = session
        self.before = before
        self.after = after

    def redo(self) -> None:
        self.after = self.session.store(self.after)

    def undo(self) -> None:
        self.session.restore(self.before)


class SetVerdict(QUndoCommand):
    """Record a verdict on a claim via services.annotating.set_claim_verdict (undoable)."""

    def __init__(self, session: ReaderSession, start: int, end: int, verdict: str | None,
                 note: str, evidence: str) -> None:
        super().__init__(f"Verdict: {verdict or 'cleared'}")
        self.session = session
        self.span = (start, end)
        self.args = (verdict, note, evidence)
        self.before: Annotation | None = None
        self.after: Annotation | None = None
        self._done_once = False

    def redo(self) -> None:
        from briefing.domain import Span
        from briefing.services import annotating

        if not self._done_once:
            self._done_once = True
            span = Span(*self.span)
            self.before = annotating.claim_assessment(self.session.annotations, span)
            assert self.session.article is not None
            verdict, note, evidence = self.args
            self.after = annotating.set_claim_verdict(
                self.session.lib, self.session.article, span, verdict, note=note,
                evidence=evidence, undecide=verdict is None,  # the dialog's "No verdict yet"
            )
            self.session.reload_annotations()
        elif self.after is not None:
            self.session.restore(self.after)
        elif self.before is not None:
            self.session.remove(self.before.id)

    def undo(self) -> None:
        if self.before is not None:
            self.session.restore(self.before)
        elif self.after is not None:
            self.session.remove(self.after.id)
