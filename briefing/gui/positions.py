"""Mapping between Python ``str`` indices and QTextDocument positions (UTF-16 code units).

Python counts code points; Qt counts UTF-16 units, so every character outside the Basic
Multilingual Plane (emoji, some CJK) takes two Qt positions. Qt-free on purpose so it can be
tested anywhere.
"""

from __future__ import annotations

from bisect import bisect_left


class PositionMap:
    """Converts offsets for one text in O(log n); identity when the text is BMP-only."""

    __slots__ = ("_astral", "_length", "_qt_starts")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._qt_starts = [i + k for k, i in enumerate(self._astral)]

    @property
    def py_length(self) -> int:
        return self._length

    @property
    def qt_length(self) -> int:
        return self._length + len(self._astral)

    def to_qt(self, index: int) -> int:
        """Qt position of Python index ``index`` (clamped to the text)."""
        index = max(0, min(index, self._length))
        if not self._astral:
            return index
        return index + bisect_left(self._astral, index)

    def to_py(self, position: int) -> int:
        """Python index of Qt position ``position``; a position inside a surrogate pair maps
        to the start of its character. Clamped to the text."""
        position = max(0, min(position, self.qt_length))
        if not self._astral:
            return position
        before = bisect_left(self._qt_starts, position)
        if before and self._qt_starts[before - 1] == position - 1:
            return self._astral[before - 1]
        return position - before


def py_to_qt(text: str, index: int) -> int:
    """One-off conversion (build a :class:`PositionMap` when converting many offsets)."""
    return PositionMap(text).to_qt(index)


def qt_to_py(text: str, position: int) -> int:
    return PositionMap(text).to_py(position)
