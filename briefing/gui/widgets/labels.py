"""Labels whose text never widens the window: word-wrapped, and asking for no width."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy


def wrapping_label(label: QLabel) -> QLabel:
    """Word-wrapped, and never asking for width: its text wraps to whatever the column
    gives, so no text (a long title, a byline) can raise the window's minimum width."""
    label.setWordWrap(True)
    policy = label.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    label.setSizePolicy(policy)
    return label
