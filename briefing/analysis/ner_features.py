"""Token features for the CRF entity tagger (shared by inference and scripts/analysis/train_ner.py).

Features of a word form are computed once and cached per extractor, so tagging costs little
more than list concatenation per token.
"""

from __future__ import annotations

import re

_SHAPE_SUBS = (
    (re.compile(r"[A-Z]"), "X"),
    (re.compile(r"[a-z]"), "x"),
    (re.compile(r"[0-9]"), "d"),
)
_REPEATS = re.compile(r"(.)\1+")
_MAX_CACHE = 300_000


def word_shape(word: str) -> str:
    shape = word
    for pattern, repl in _SHAPE_SUBS:
        shape = pattern.sub(repl, shape)
    return _REPEATS.sub(r"\1", shape)


class FeatureExtractor:
    """Turns a sentence's tokens into crfsuite feature lists, using a place-name gazetteer."""

    def __init__(self, gazetteer: frozenset[str]) -> None:
        self._gaz = gazetteer
        self._gaz_parts = frozenset(p for name in gazetteer if " " in name for p in name.split())
        self._own: dict[str, list[str]] = {}
        self._prev: dict[str, list[str]] = {}
        self._next: dict[str, list[str]] = {}

    def _word(self, word: str) -> list[str]:
        feats = self._own.get(word)
        if feats is None:
            if len(self._own) > _MAX_CACHE:
                self._own.clear()
                self._prev.clear()
                self._next.clear()
            lower = word.lower()
            shape = word_shape(word)
            feats = [
                "w=" + lower,
                "sh=" + shape,
                "p2=" + lower[:2],
                "p3=" + lower[:3],
                "s2=" + lower[-2:],
                "s3=" + lower[-3:],
                "s4=" + lower[-4:],
            ]
            if word[:1].isupper():
                feats.append("title")
            if word.isupper() and len(word) > 1:
                feats.append("upper")
            if any(c.isdigit() for c in word):
                feats.append("digit")
            if "-" in word:
                feats.append("hyph")
            key = word.capitalize() if word.isupper() else word
            if key in self._gaz:
                feats.append("gaz")
            elif key in self._gaz_parts:
                feats.append("gazpart")
            self._own[word] = feats
            self._prev[word] = ["-1w=" + lower, "-1sh=" + shape]
            self._next[word] = ["+1w=" + lower, "+1sh=" + shape]
        return feats

    def sentence(self, words: list[str]) -> list[list[str]]:
        """Feature lists for each word of one sentence."""
        n = len(words)
        own = [self._word(w) for w in words]
        prev, nxt = self._prev, self._next
        caps = n > 2 and all(not c.islower() for w in words for c in w)
        multi = self._multiword_gazetteer(words)
        out: list[list[str]] = []
        for i in range(n):
            feats = own[i].copy()
            if i:
                feats += prev[words[i - 1]]
                if i > 1:
                    feats.append("-2w=" + words[i - 2].lower())
            else:
                feats.append("BOS")
            if i + 1 < n:
                feats += nxt[words[i + 1]]
                if i + 2 < n:
                    feats.append("+2w=" + words[i + 2].lower())
            else:
                feats.append("EOS")
            if caps:
                feats.append("CAPS")
            if i in multi:
                feats.append("gazm")
            out.append(feats)
        return out

    def _multiword_gazetteer(self, words: list[str]) -> set[int]:
        covered: set[int] = set()
        parts = self._gaz_parts
        for i, w in enumerate(words):
            if w not in parts or i in covered:
                continue
            for n in (4, 3, 2):
                if i + n <= len(words) and " ".join(words[i : i + n]) in self._gaz:
                    covered.update(range(i, i + n))
                    break
        return covered
