"""Token features for the CRF entity tagger (shared by inference and scripts/analysis/train_ner.py).

Per token: the word, its shape, prefixes and suffixes, name-list hits (places, first names,
surnames), a window of two words either side (words, shapes, bigrams) and three words of
plain context; distributional word classes of the word and its neighbours (k-means classes
of context vectors from unlabelled news, scripts/analysis/build_clusters.py), the middle
class of the words two either side and class bigrams with each neighbour; whether the
sentence is an all-caps headline or a row of figures. Per document (``DocumentContext``):
how the same word is written elsewhere in the text — lower-case (a common word), capitalised
in mid-sentence (a name), inside a run of capitalised words and where in the run — so an
all-caps headline or a sentence-initial word borrows the evidence of the body. Features of a
word form are cached per extractor, so
tagging costs little more than list concatenation per token.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

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


def is_caps_sentence(words: Sequence[str]) -> bool:
    """A headline-style sentence: more than two tokens and no lower-case letter."""
    return len(words) > 2 and all(not c.islower() for w in words for c in w)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


class DocumentContext:
    """How each word is written across one document (for the document-level features)."""

    __slots__ = ("_feats",)

    def __init__(self, sentences: Sequence[Sequence[str]]) -> None:
        lower: set[str] = set()
        title_mid: Counter[str] = Counter()
        run_pos: dict[str, set[str]] = defaultdict(set)
        for words in sentences:
            if is_caps_sentence(words):
                continue
            n = len(words)
            for i, w in enumerate(words):
                if not w[:1].isalpha():
                    continue
                if w.islower():
                    lower.add(w)
                    continue
                if not _capitalised(w) or i == 0:
                    continue
                key = w.lower()
                title_mid[key] += 1
                before = _capitalised(words[i - 1]) and words[i - 1][:1].isalpha()
                after = i + 1 < n and _capitalised(words[i + 1]) and words[i + 1][:1].isalpha()
                if before and after:
                    run_pos[key].add("dmid")
                elif before:
                    run_pos[key].add("dlast")
                elif after:
                    run_pos[key].add("dfirst")
                else:
                    run_pos[key].add("dalone")
        feats: dict[str, list[str]] = {}
        for key in set(title_mid) | lower:
            out = []
            if key in lower:
                out.append("dlow")
            if title_mid[key]:
                out.append("dtit")
                if title_mid[key] > 2:
                    out.append("dtit3")
                out.extend(sorted(run_pos[key]))
            feats[key] = out
        self._feats = feats

    def features(self, word: str) -> list[str]:
        """Document features of ``word`` (any casing); empty for a word seen nowhere else."""
        return self._feats.get(word.lower(), []) if word[:1].isalpha() else []


class FeatureExtractor:
    """Turns tokens into crfsuite feature lists, using place and person-name lists."""

    def __init__(
        self,
        gazetteer: frozenset[str],
        first_names: frozenset[str] = frozenset(),
        last_names: frozenset[str] = frozenset(),
        clusters: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self._gaz = gazetteer
        self._gaz_parts = frozenset(p for name in gazetteer if " " in name for p in name.split())
        self._first = first_names
        self._last = last_names
        self._clusters = clusters or {}
        self._own: dict[str, list[str]] = {}
        self._lists: dict[str, list[str]] = {}
        self._prev: dict[str, list[str]] = {}
        self._next: dict[str, list[str]] = {}
        self._mid: dict[str, str] = {}

    def _word(self, word: str) -> list[str]:
        feats = self._own.get(word)
        if feats is None:
            if len(self._own) > _MAX_CACHE:
                for cache in (self._own, self._lists, self._prev, self._next, self._mid):
                    cache.clear()
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
            lists = self._list_hits(word)
            feats += lists
            classes = self._classes(word)
            feats += classes
            near = [*lists, *classes[1:]]
            self._mid[word] = classes[1][3:] if len(classes) > 1 else "-"
            self._own[word] = feats
            self._lists[word] = lists
            self._prev[word] = ["-1w=" + lower, "-1sh=" + shape, *("-1" + f for f in near)]
            self._next[word] = ["+1w=" + lower, "+1sh=" + shape, *("+1" + f for f in near)]
        return feats

    def _classes(self, word: str) -> list[str]:
        """The word's distributional classes, coarse to fine (an all-caps word borrows them
        from its capitalised or lower-case form); empty for a word the clusters never saw."""
        classes = self._clusters.get(word)
        if classes is None and word.isupper():
            classes = self._clusters.get(word.capitalize()) or self._clusters.get(word.lower())
        if classes is None:
            return []
        return [f"c{level}={c}" for level, c in enumerate(classes)]

    def _list_hits(self, word: str) -> list[str]:
        key = word.capitalize() if word.isupper() else word
        hits = []
        if key in self._gaz:
            hits.append("gaz")
        elif key in self._gaz_parts:
            hits.append("gazpart")
        if key in self._first:
            hits.append("fn")
        if key in self._last:
            hits.append("ln")
        return hits

    def sentence(self, words: Sequence[str], doc: DocumentContext | None = None) -> list[list[str]]:
        """Feature lists for each word of one sentence (``doc``: its document's context)."""
        n = len(words)
        own = [self._word(w) for w in words]
        lowers = [w.lower() for w in words]
        shapes = [f[1] for f in own]
        mids = [self._mid[w] for w in words]
        prev, nxt = self._prev, self._next
        caps = is_caps_sentence(words)
        numeric = n > 3 and sum(1 for f in own if "digit" in f) * 3 >= n  # results tables
        multi = self._multiword_gazetteer(words)
        out: list[list[str]] = []
        for i in range(n):
            feats = own[i].copy()
            if i:
                feats += prev[words[i - 1]]
                feats.append("-1|0=" + lowers[i - 1] + "|" + lowers[i])
                feats.append("-1|0c=" + mids[i - 1] + "|" + mids[i])
                if i > 1:
                    feats.append("-2w=" + lowers[i - 2])
                    feats.append("-2sh=" + shapes[i - 2])
                    feats.append("-2c=" + mids[i - 2])
                    if i > 2:
                        feats.append("-3w=" + lowers[i - 3])
            else:
                feats.append("BOS")
            if i + 1 < n:
                feats += nxt[words[i + 1]]
                feats.append("0|+1=" + lowers[i] + "|" + lowers[i + 1])
                feats.append("0|+1c=" + mids[i] + "|" + mids[i + 1])
                if i + 2 < n:
                    feats.append("+2w=" + lowers[i + 2])
                    feats.append("+2sh=" + shapes[i + 2])
                    feats.append("+2c=" + mids[i + 2])
                    if i + 3 < n:
                        feats.append("+3w=" + lowers[i + 3])
            else:
                feats.append("EOS")
            if caps:
                feats.append("CAPS")
            if numeric:
                feats.append("NUMS")
            if i in multi:
                feats.append("gazm")
            if doc is not None:
                dfeats = doc.features(words[i])
                if caps or i == 0:
                    feats += ["h" + f for f in dfeats]  # casing evidence the token lacks
                else:
                    feats += dfeats
            out.append(feats)
        return out

    def document(self, sentences: Sequence[Sequence[str]]) -> list[list[list[str]]]:
        """Feature lists for every sentence of one document (with document features)."""
        doc = DocumentContext(sentences)
        return [self.sentence(words, doc) for words in sentences]

    def _multiword_gazetteer(self, words: Sequence[str]) -> set[int]:
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
