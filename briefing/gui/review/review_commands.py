"""The undoable review decision: the first redo is the ``decide`` call already made; undo and
later redos restore the saved states exactly through ``undo_decision``."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from briefing.gui.panels.panel_models import clip
from briefing.services import Library
from briefing.services.library import DATABASE_ERRORS
from briefing.services.review import ReviewItem, undo_decision


class DecisionHost(Protocol):
    """What a decision command needs from review mode."""

    def library(self) -> Library: ...

    def apply_item(self, item: ReviewItem, *, select: bool) -> None: ...

    def show_error(self, text: str) -> None: ...


def decision_label(before: ReviewItem, after: ReviewItem) -> str:
    quote = clip(before.quote, 30)
    if after.verdict != before.verdict:
        return f"Verdict {after.verdict or 'cleared'} on “{quote}”"
    if after.note != before.note:
        return f"Note on “{quote}”"
    return f"Evidence on “{quote}”"


class DecisionCommand(QUndoCommand):
    def __init__(self, host: DecisionHost, before: ReviewItem, after: ReviewItem) -> None:
        super().__init__(decision_label(before, after))
        self.host = host
        self.before = before
        self.after = after
        self._first = True

    def redo(self) -> None:
        if self._first:  # decide() already saved it; show it
            self._first = False
            self.host.apply_item(self.after, select=False)
            return
        self._restore(self.after)

    def undo(self) -> None:
        self._restore(self.before)

    def _restore(self, state: ReviewItem) -> None:
        try:
            undo_decision(self.host.library(), state)
        except DATABASE_ERRORS as exc:
            self.host.show_error(f"Could not restore “{clip(state.quote, 40)}”: {exc}")
            return
        self.host.apply_item(state, select=True)
