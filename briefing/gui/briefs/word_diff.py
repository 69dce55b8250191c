"""Word-level differences between two texts (Qt-free), for showing what a revision changed.

Texts are split into words, runs of spaces and single punctuation marks; each distinct token
is diffed as one unit with diff-match-patch (semantic clean-up, bounded time), so changes
read as whole words rather than scattered letters.
"""

from __future__ import annotations

import re
from typing import Literal

from diff_match_patch import diff_match_patch

Op = Literal["equal", "insert", "delete"]
DIFF_TIMEOUT_S = 1.0
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_OPS: dict[int, Op] = {0: "equal", 1: "insert", -1: "delete"}


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """``(op, text)`` runs turning ``old`` into ``new``; equal + delete runs rebuild ``old``,
    equal + insert runs rebuild ``new``. Adjacent runs of the same op are merged."""
    table: dict[str, str] = {}
    vocab: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in tokens(text):
            code = table.get(token)
            if code is None:
                code = table[token] = chr(0x100 + len(vocab))
                vocab.append(token)
            out.append(code)
        return "".join(out)

    if len(set(tokens(old)) | set(tokens(new))) > 0x10FFFF - 0x100 - 0x800:
        raise OverflowError("too many distinct words to diff")  # pragma: no cover
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT_S
    diffs = dmp.diff_main(encode(old), encode(new), False)
    dmp.diff_cleanupSemantic(diffs)
    runs: list[tuple[Op, str]] = []
    for code, chunk in diffs:
        op, text = _OPS[code], "".join(vocab[ord(c) - 0x100] for c in chunk)
        if not text:
            continue
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))
    return runs


def change_counts(runs: list[tuple[Op, str]]) -> tuple[int, int]:
    """Words inserted and words deleted."""
    inserted = sum(len(text.split()) for op, text in runs if op == "insert")
    deleted = sum(len(text.split()) for op, text in runs if op == "delete")
    return inserted, deleted
