"""The article being read: its text, analysis and annotations, changed only through services.

Lives in the GUI thread with the GUI's own :class:`Library` (small transactions only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from briefing.services import Library, annotating
from briefing.services import articles as article_service

if TYPE_CHECKING:
    from briefing.domain import Analysis, Annotation, Article, Claim


class ReaderSession(QObject):
    article_changed = Signal()
    analysis_changed = Signal()
    annotations_changed = Signal()

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self.annotations: list[Annotation] = []

    @property
    def article_id(self) -> int | None:
        return self.article.id if self.article else None

    def open(self, article_id: int) -> None:
        """Show article ``article_id``; its analysis arrives later via :meth:`set_analysis`
        (from a background job, which also loads the engine — keeping start-up light)."""
        article = article_service.get_article(self.lib, article_id)
        self.article = article
        self.analysis = None
        self.annotations = annotating.annotations_for(self.lib, article_id)
        self.article_changed.emit()
        self.analysis_changed.emit()
        self.annotations_changed.emit()

    def clear(self) -> None:
        self.article, self.analysis, self.annotations = None, None, []
        self.article_changed.emit()
        self.analysis_changed.emit()
        self.annotations_changed.emit()

    def set_analysis(self, article_id: int, analysis: Analysis) -> bool:
        """Accept a background result; dropped (False) when another article is shown or
        the text changed since."""
        if self.article is None or self.article.id != article_id:
            return False
        if analysis.text_sha256 != self.article.text_sha256:
            return False
        self.analysis = analysis
        self.analysis_changed.emit()
        return True

    # annotation changes (called by undo commands) ---------------------------------------
    def reload_annotations(self) -> None:
        if self.article is not None:
            self.annotations = annotating.annotations_for(self.lib, self.article.id)
        self.annotations_changed.emit()

    def store(self, annotation: Annotation) -> Annotation:
        saved = annotating.save_annotation(self.lib, annotation)
        self.reload_annotations()
        return saved

    def restore(self, annotation: Annotation) -> None:
        """Put back an annotation exactly as it was (undo of a delete or an edit)."""
        annotating.save_annotation(self.lib, annotation, touch=False)
        self.reload_annotations()

    def remove(self, annotation_id: str) -> Annotation | None:
        removed = annotating.delete_annotation(self.lib, annotation_id)
        self.reload_annotations()
        return removed

    def new_annotation(self, start: int, end: int, **fields: object) -> Annotation:
        assert self.article is not None
        return annotating.new_annotation(self.article, start, end, **fields)  # type: ignore[arg-type]

    def annotation_at(self, start: int, end: int) -> Annotation | None:
        """The user's highlight under a selection (overlapping it) or under a cursor
        (touching it, so the cursor right after a new highlight still finds it); the
        innermost one wins."""

        def hit(a: Annotation) -> bool:
            if end > start:
                return a.selector.start < end and start < a.selector.end
            return a.selector.start <= start <= a.selector.end

        hits = [a for a in self.annotations if not a.orphaned and hit(a)]
        return min(hits, key=lambda a: a.selector.end - a.selector.start) if hits else None

    def verdict_on(self, claim: Claim) -> Annotation | None:
        """The claim's assessment annotation (its verdict may still be None: a note given
        before deciding)."""
        return annotating.claim_assessment(self.annotations, claim.span)

    def reattach(self, annotation_id: str, start: int, end: int) -> Annotation:
        attached = annotating.reattach(self.lib, annotation_id, start, end)
        self.reload_annotations()
        return attached
