"""Undo and redo for the brief builder: each saved change is a QUndoCommand holding the
brief as it was before and after (``None`` when it did not exist).

Undoing a deletion re-creates the brief, which gets a new id (SQLite may even hand out an
old one again): every command of one brief shares a :class:`BriefRef` whose ``id`` follows
the brief, so older commands still find it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from briefing.domain import Brief, BriefingError
from briefing.services import Library
from briefing.services import briefs as brief_service


class BriefRef:
    """The id a brief lives under now (changes when an undo re-creates it)."""

    def __init__(self, brief_id: int) -> None:
        self.id = brief_id


class BriefHistory:
    """Owns the panel's undo stack and puts briefs back through the services."""

    def __init__(self, lib: Library, parent: QWidget,
                 on_restored: Callable[[int | None], None],
                 on_error: Callable[[str], None]) -> None:
        self.lib = lib
        self.stack = QUndoStack(parent)
        self.on_restored = on_restored
        self.on_error = on_error
        self._refs: dict[int, BriefRef] = {}

    def record(self, text: str, before: Brief | None, after: Brief | None) -> None:
        """Push a change that has already been saved (the first redo does nothing)."""
        known = before or after
        if known is None or before == after:
            return
        ref = self._refs.setdefault(known.id, BriefRef(known.id))
        if after is None:
            self._refs.pop(ref.id, None)
        self.stack.push(BriefChange(self, text, ref, before, after))

    def restore(self, ref: BriefRef, target: Brief | None, present: Brief | None) -> None:
        """Make the stored brief equal ``target`` (delete it when None)."""
        live = ref.id
        try:
            if target is None:
                brief_service.delete_brief(self.lib, live)
                self._refs.pop(live, None)
                shown: int | None = None
            elif present is None:
                created = brief_service.create_brief(self.lib, target.title, target.article_ids)
                ref.id = created.id
                self._refs[created.id] = ref
                shown = created.id
            else:
                if brief_service.get_brief(self.lib, live).title != target.title:
                    brief_service.rename_brief(self.lib, live, target.title)
                brief_service.set_brief_articles(self.lib, live, target.article_ids)
                shown = live
        except BriefingError as exc:
            self.on_error(str(exc))
            shown = None
        self.on_restored(shown)


class BriefChange(QUndoCommand):
    def __init__(self, history: BriefHistory, text: str, ref: BriefRef, before: Brief | None,
                 after: Brief | None) -> None:
        super().__init__(text)
        self.history = history
        self.ref = ref
        self.before = before
        self.after = after
        self._saved = True  # the change itself was saved before the command was pushed

    def redo(self) -> None:
        if self._saved:
            self._saved = False
            return
        self.history.restore(self.ref, self.after, self.before)

    def undo(self) -> None:
        self.history.restore(self.ref, self.before, self.after)
