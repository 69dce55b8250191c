"""The triage keys of review mode, as a lookup from a key event to the action to run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from briefing.domain import VERDICTS

Mod = Qt.KeyboardModifier
Action = Callable[[], None]
TRIAGE_HELP = "J/K next/previous · 1–4 verdict · N note · E evidence · O open · Ctrl+Z undo"
DIGITS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)


def combo(key: Qt.Key, mods: Mod = Mod.NoModifier) -> tuple[int, int]:
    return int(key.value), int(mods.value)


@dataclass(frozen=True, slots=True)
class TriageActions:
    """What each triage key does (``verdict`` takes one of VERDICTS)."""

    step: Callable[[int], None]
    verdict: Callable[[str], None]
    note: Action
    evidence: Action
    open: Action
    undo: Action
    redo: Action


class TriageKeys:
    def __init__(self, actions: TriageActions) -> None:
        ctrl, shift = Mod.ControlModifier, Mod.ShiftModifier
        self._keys: dict[tuple[int, int], Action] = {
            combo(Qt.Key.Key_J): lambda: actions.step(1),
            combo(Qt.Key.Key_K): lambda: actions.step(-1),
            combo(Qt.Key.Key_N): actions.note,
            combo(Qt.Key.Key_E): actions.evidence,
            combo(Qt.Key.Key_O): actions.open,
            combo(Qt.Key.Key_Z, ctrl): actions.undo,
            combo(Qt.Key.Key_Z, ctrl | shift): actions.redo,
            combo(Qt.Key.Key_Y, ctrl): actions.redo,
        }
        for key, verdict in zip(DIGITS, VERDICTS, strict=True):
            self._keys[combo(key)] = self._verdict(actions, verdict)

    @staticmethod
    def _verdict(actions: TriageActions, verdict: str) -> Action:
        return lambda: actions.verdict(verdict)

    def action_for(self, event: QEvent) -> Action | None:
        """The action of a key press/shortcut-override event, None for other keys."""
        if not isinstance(event, QKeyEvent):
            return None
        mods = event.modifiers() & ~Mod.KeypadModifier
        return self._keys.get((event.key(), int(mods.value)))
