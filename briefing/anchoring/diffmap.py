"""Position mapping from an old text to a new text through one layered diff.

The diff runs paragraph by paragraph, then sentence by sentence inside changed paragraphs,
word by word inside changed sentences, and character by character inside changed word runs
(diff-match-patch, with a timeout at each level).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

DIFF_TIMEOUT_S = 0.5
"""Upper bound for each diff-match-patch call (the diff degrades, it never fails)."""

_MAX_VOCAB = 0x10FFFF - 0x100
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])(?=\s)")


@dataclass(frozen=True, slots=True)
class Block:
    """One diff block: ``old_len`` chars of the old text became ``new_len`` chars of the new.

    ``equal`` blocks keep their text (old_len == new_len); other blocks replace, delete
    (new_len == 0) or insert (old_len == 0).
    """

    old_start: int
    new_start: int
    old_len: int
    new_len: int
    equal: bool


def _units_to_chars(a: list[str], b: list[str]) -> tuple[str, str, list[str]]:
    """Encode each distinct unit (line or word) as one character, diff-match-patch style."""
    table: dict[str, str] = {}
    vocab: list[str] = []
    encoded = []
    for units in (a, b):
        out = []
        for unit in units:
            ch = table.get(unit)
            if ch is None:
                if len(vocab) >= _MAX_VOCAB:
                    raise OverflowError("too many distinct units for a unit-mode diff")
                ch = table[unit] = chr(len(vocab) + 0x100)  # skip control characters
                vocab.append(unit)
            out.append(ch)
        encoded.append("".join(out))
    return encoded[0], encoded[1], vocab


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part]


_SPLITTERS = (_lines, _sentences, _TOKEN.findall)


class _BlockBuilder:
    """Runs the layered diff and collects merged blocks in text order."""

    def __init__(self) -> None:
        self.dmp = diff_match_patch()
        self.dmp.Diff_Timeout = DIFF_TIMEOUT_S
        self.blocks: list[Block] = []
        self.pos_old = 0
        self.pos_new = 0

    def emit(self, old_len: int, new_len: int, equal: bool) -> None:
        if old_len == 0 and new_len == 0:
            return
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last.equal == equal:  # merge neighbours of the same kind
            self.blocks[-1] = Block(
                last.old_start,
                last.new_start,
                last.old_len + old_len,
                last.new_len + new_len,
                equal,
            )
        else:
            self.blocks.append(Block(self.pos_old, self.pos_new, old_len, new_len, equal))
        self.pos_old += old_len
        self.pos_new += new_len

    def diff(self, old: str, new: str, level: int = 0) -> None:
        """Level 0 diffs lines, 1 sentences, 2 words, 3 characters."""
        if level >= len(_SPLITTERS):
            diffs = self.dmp.diff_main(old, new, False)
            self.dmp.diff_cleanupSemantic(diffs)
            for op, chunk in diffs:
                self.emit(len(chunk) if op <= 0 else 0, len(chunk) if op >= 0 else 0, op == 0)
            return
        split = _SPLITTERS[level]
        try:
            a_enc, b_enc, vocab = _units_to_chars(split(old), split(new))
        except OverflowError:  # absurd vocabulary: go one level finer
            self.diff(old, new, level + 1)
            return
        deleted: list[str] = []
        inserted: list[str] = []
        for op, enc in [*self.dmp.diff_main(a_enc, b_enc, False), (0, "")]:
            text = "".join(vocab[ord(ch) - 0x100] for ch in enc)
            if op < 0:
                deleted.append(text)
            elif op > 0:
                inserted.append(text)
            else:
                if deleted and inserted:
                    self.diff("".join(deleted), "".join(inserted), level + 1)
                else:
                    self.emit(sum(map(len, deleted)), sum(map(len, inserted)), False)
                deleted.clear()
                inserted.clear()
                self.emit(len(text), len(text), True)


def diff_blocks(old: str, new: str) -> list[Block]:
    """Diff ``old`` → ``new`` into blocks covering both texts in order."""
    builder = _BlockBuilder()
    builder.diff(old, new)
    return builder.blocks


class PositionMap:
    """Maps spans of the old text to spans of the new text.

    A span's first character maps to its new place (or to the start of whatever replaced it);
    its last character likewise (or to the end of its replacement). Pure insertions at a
    span's edges therefore stay outside the span, replacements of its edges are inside.
    """

    def __init__(self, old: str, new: str) -> None:
        self.old_len = len(old)
        self.new_len = len(new)
        self.blocks = diff_blocks(old, new)
        self._with_old = [b for b in self.blocks if b.old_len > 0]
        self._old_starts = [b.old_start for b in self._with_old]

    @property
    def identical(self) -> bool:
        return all(b.equal for b in self.blocks)

    def _block_of_char(self, index: int) -> Block:
        return self._with_old[bisect_right(self._old_starts, index) - 1]

    def map_start(self, start: int) -> int:
        """New index of old character ``start`` (the first char of a span)."""
        if start >= self.old_len:
            return self.new_len
        block = self._block_of_char(start)
        if block.equal:
            return block.new_start + (start - block.old_start)
        return block.new_start

    def map_end(self, end: int) -> int:
        """New index just after old character ``end - 1`` (the last char of a span)."""
        if end <= 0:
            return 0
        end = min(end, self.old_len)
        block = self._block_of_char(end - 1)
        if block.equal:
            return block.new_start + (end - block.old_start)
        return block.new_start + block.new_len

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            at = self.map_start(start)
            return at, at
        new_start, new_end = self.map_start(start), self.map_end(end)
        return new_start, max(new_start, new_end)

    def insertions(self, min_len: int) -> list[tuple[int, int]]:
        """``[start, end)`` ranges of new text (at least ``min_len`` chars) absent from the old."""
        return [
            (b.new_start, b.new_start + b.new_len)
            for b in self.blocks
            if not b.equal and b.new_len >= max(1, min_len)
        ]
