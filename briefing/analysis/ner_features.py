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
word form are cached per extractor and, once restricted to a model's attributes, the known
word-pair and class-pair features are found in tables keyed by the pair, so tagging costs
little more than one list display per token.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any, Generic, NamedTuple, TypeVar

_SHAPE_SUBS = (
    (re.compile(r"[A-Z]"), "X"),
    (re.compile(r"[a-z]"), "x"),
    (re.compile(r"[0-9]"), "d"),
)
_REPEATS = re.compile(r"(.)\1+")
_MAX_CACHE = 300_000
_RUN_JOINERS = frozenset({"of", "for", "de", "&", "du", "des", "di", "der", "von"})


def word_shape(word: str) -> str:
    shape = word
    for pattern, repl in _SHAPE_SUBS:
        shape = pattern.sub(repl, shape)
    return _REPEATS.sub(r"\1", shape)


def is_caps_sentence(words: Sequence[str]) -> bool:
    """A headline-style sentence: more than two tokens and no lower-case letter."""
    return len(words) > 2 and all(not c.islower() for w in words for c in w)


_OTHER, _LOWER, _CAPITAL = 1, 2, 3
_KINDS: dict[str, int] = {}
"""Word -> its kind for the document features (cached, at most _MAX_CACHE words)."""


def _kind(word: str) -> int:
    """``_LOWER`` for a lower-case word that opens with a letter ("army"), ``_CAPITAL`` for one
    that opens with a capital letter ("Army", "NATO"), ``_OTHER`` for any other token."""
    first = word[:1]
    if not first.isalpha():
        kind = _OTHER
    elif word.islower():
        kind = _LOWER
    else:
        kind = _CAPITAL if first.isupper() else _OTHER
    if len(_KINDS) >= _MAX_CACHE:
        _KINDS.clear()
    _KINDS[word] = kind
    return kind


class DocumentContext:
    """How each word is written across one document (for the document-level features)."""

    __slots__ = ("_feats",)

    def __init__(self, sentences: Sequence[Sequence[str]]) -> None:
        lower: set[str] = set()
        title_mid: Counter[str] = Counter()
        run_pos: dict[str, set[str]] = defaultdict(set)
        kind_of = _KINDS.get
        for words in sentences:
            if is_caps_sentence(words):
                continue
            kinds = [kind_of(w) or _kind(w) for w in words]
            kinds.append(_OTHER)  # after the last word
            for i, kind in enumerate(kinds):
                if kind == _OTHER:
                    continue
                w = words[i]
                if kind == _LOWER:
                    lower.add(w)
                    continue
                if i == 0:
                    continue
                key = w.lower()
                title_mid[key] += 1
                before = kinds[i - 1] == _CAPITAL
                after = kinds[i + 1] == _CAPITAL
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

    @property
    def by_word(self) -> dict[str, list[str]]:
        """Document features by lower-cased word (words that start with a letter)."""
        return self._feats

    def features(self, word: str) -> list[str]:
        """Document features of ``word`` (any casing); empty for a word seen nowhere else."""
        return self._feats.get(word.lower(), []) if word[:1].isalpha() else []


F = TypeVar("F")
"""Features as strings, or UTF-8 encoded (what crfsuite reads, saving it the encoding)."""


class _Word(NamedTuple, Generic[F]):
    """Everything the features of one word form need, computed once per form."""

    own: list[F]  # the word's own features
    prev: list[F]  # as the word before a token (-1), and two or three before (-2, -3)
    next: list[F]  # as the word after a token (+1, +2, +3)
    prev2: list[F]
    next2: list[F]
    prev3: list[F]
    next3: list[F]
    lower: str
    mid: str  # middle word class, "-" when none
    digit: bool
    hits: list[str]  # name-list hits


_Feats = tuple[F, ...]
_PairTable = dict[tuple[str, str], tuple[_Feats[F], _Feats[F]]]
_NO_PAIR: tuple[tuple[()], tuple[()]] = ((), ())
_PAD: _Word[str] = _Word([], ["BOS"], ["EOS"], [], [], [], [], "", "-", False, [])
"""Stands for the missing neighbours before and after a sentence."""
_PAD_BYTES: _Word[bytes] = _Word([], [b"BOS"], [b"EOS"], [], [], [], [], "", "-", False, [])
_ENCODED: dict[tuple[str, ...], list[bytes]] = {}
"""Feature lists made per sentence (document features, runs, tails) and their encoding."""


def _same(feats: list[str]) -> list[str]:
    return feats


def encode_features(feats: list[str]) -> list[bytes]:
    """``feats`` UTF-8 encoded (cached: such lists repeat)."""
    key = tuple(feats)
    found = _ENCODED.get(key)
    if found is None:
        if len(_ENCODED) >= _MAX_CACHE:
            _ENCODED.clear()
        found = _ENCODED[key] = [f.encode() for f in feats]
    return found


def _encode_table(table: _PairTable[str]) -> _PairTable[bytes]:
    return {
        key: (tuple(f.encode() for f in fwd), tuple(f.encode() for f in back))
        for key, (fwd, back) in table.items()
    }


def _known_pairs(
    entries: Sequence[_Word[F]], word_pairs: _PairTable[F], class_pairs: _PairTable[F]
) -> tuple[list[_Feats[F]], list[_Feats[F]]]:
    """(fwd, back) of :meth:`FeatureExtractor._pair_features` from the known pair tables."""
    fwd: list[_Feats[F]] = []
    back: list[_Feats[F]] = [()]
    for left, right in pairwise(entries):
        wf, wb = word_pairs.get((left.lower, right.lower), _NO_PAIR)
        cf, cb = class_pairs.get((left.mid, right.mid), _NO_PAIR)
        fwd.append(wf + cf)
        back.append(wb + cb)
    fwd.append(())
    return fwd, back


def pair_table(known: frozenset[str], fwd_prefix: str, back_prefix: str) -> _PairTable[str]:
    """The known pair features (``fwd_prefix + a + "|" + b`` and ``back_prefix + …``) keyed by
    (a, b): ``(fwd features, back features)``, each empty or the one known feature. A pair
    feature whose words hold "|" is entered under every split, so the key (a, b) finds it
    exactly when ``a + "|" + b`` is its pair."""
    table: _PairTable[str] = {}
    for prefix, side in ((fwd_prefix, 0), (back_prefix, 1)):
        for feat in known:
            if not feat.startswith(prefix):
                continue
            pair = feat[len(prefix) :]
            for k, char in enumerate(pair):
                if char == "|":
                    key = (pair[:k], pair[k + 1 :])
                    fwd, back = table.get(key, _NO_PAIR)
                    table[key] = ((feat,), back) if side == 0 else (fwd, (feat,))
    return table


class FeatureExtractor:
    """Turns tokens into crfsuite feature lists, using place and person-name lists.

    ``misc_words`` (nationalities, languages) and ``org_words`` (words that end or head
    organisation names) add a list feature to the word and its neighbours; the ORG one also
    to the words two either side ("Bank of England"). After ``restrict`` (the attributes a
    trained model knows), features the model has no weight for are left out: the tags are
    the same and the tagger has fewer strings to look up."""

    def __init__(
        self,
        gazetteer: frozenset[str],
        first_names: frozenset[str] = frozenset(),
        last_names: frozenset[str] = frozenset(),
        clusters: Mapping[str, Sequence[str]] | None = None,
        misc_words: frozenset[str] = frozenset(),
        org_words: frozenset[str] = frozenset(),
        runs: bool = False,
    ) -> None:
        self._gaz = gazetteer
        self._gaz_parts = frozenset(p for name in gazetteer if " " in name for p in name.split())
        self._first = first_names
        self._last = last_names
        self._clusters = clusters or {}
        self._misc = misc_words
        self._org = org_words
        self._runs = runs
        self._known: frozenset[str] | None = None
        self._words: dict[str, _Word[str]] = {}
        self._encoded_words: dict[str, _Word[bytes]] = {}
        self._word_pairs: _PairTable[str] = {}
        self._class_pairs: _PairTable[str] = {}
        self._encoded_pairs: tuple[_PairTable[bytes], _PairTable[bytes]] = ({}, {})

    def restrict(self, known: frozenset[str]) -> None:
        """Leave out every feature not in ``known`` (a model's attributes) from now on."""
        self._known = known
        self._words.clear()
        self._encoded_words.clear()
        self._word_pairs = pair_table(known, "0|+1=", "-1|0=")
        self._class_pairs = pair_table(known, "0|+1c=", "-1|0c=")
        self._encoded_pairs = (_encode_table(self._word_pairs), _encode_table(self._class_pairs))

    def _keep(self, feats: list[str]) -> list[str]:
        known = self._known
        return feats if known is None else [f for f in feats if f in known]

    def _encoded_word(self, word: str) -> _Word[bytes]:
        entry = self._encoded_words.get(word)
        if entry is None:
            if len(self._encoded_words) > _MAX_CACHE:
                self._encoded_words.clear()
            w = self._words.get(word) or self._make_word(word)  # not kept: only this is used
            own, prev, next_, prev2, next2, prev3, next3 = (
                [f.encode() for f in feats]
                for feats in (w.own, w.prev, w.next, w.prev2, w.next2, w.prev3, w.next3)
            )
            entry = _Word(own, prev, next_, prev2, next2, prev3, next3, *w[7:])
            self._encoded_words[word] = entry
        return entry

    def _word(self, word: str) -> _Word[str]:
        entry = self._words.get(word)
        if entry is None:
            if len(self._words) > _MAX_CACHE:
                self._words.clear()
            entry = self._words[word] = self._make_word(word)
        return entry

    def _make_word(self, word: str) -> _Word[str]:
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
        digit = any(c.isdigit() for c in word)
        if digit:
            feats.append("digit")
        if "-" in word:
            feats.append("hyph")
        lists = self._list_hits(word)
        feats += lists
        classes = self._classes(word)
        feats += classes
        near = [*lists, *classes[1:]]
        mid = classes[1][3:] if len(classes) > 1 else "-"
        org = "org" in lists
        # "±2sh=sh=": the names the trained model knows these features by (kept as they are)
        return _Word(
            own=self._keep(feats),
            prev=self._keep(["-1w=" + lower, "-1sh=" + shape, *("-1" + f for f in near)]),
            next=self._keep(["+1w=" + lower, "+1sh=" + shape, *("+1" + f for f in near)]),
            prev2=self._keep(
                ["-2w=" + lower, "-2sh=sh=" + shape, "-2c=" + mid, *(["-2org"] if org else [])]
            ),
            next2=self._keep(
                ["+2w=" + lower, "+2sh=sh=" + shape, "+2c=" + mid, *(["+2org"] if org else [])]
            ),
            prev3=self._keep(["-3w=" + lower]),
            next3=self._keep(["+3w=" + lower]),
            lower=lower,
            mid=mid,
            digit=digit,
            hits=lists,
        )

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
        if key in self._misc:
            hits.append("misc")
        if word in self._org or key in self._org:
            hits.append("org")
        return hits

    def sentence(self, words: Sequence[str], doc: DocumentContext | None = None) -> list[list[str]]:
        """Feature lists for each word of one sentence (``doc``: its document's context)."""
        entries = [self._word(w) for w in words]
        fwd, back = self._pair_features(entries)
        return self._assemble(words, entries, fwd, back, doc, _PAD, _same)

    def encoded_sentence(
        self, words: Sequence[str], doc: DocumentContext | None = None
    ) -> list[list[bytes]]:
        """:meth:`sentence` UTF-8 encoded, as crfsuite reads features (then it need not encode
        them: a fifth of its time); fast after ``restrict``."""
        if self._known is None:
            return [[f.encode() for f in feats] for feats in self.sentence(words, doc)]
        cached = self._encoded_words.get
        entries = [cached(w) or self._encoded_word(w) for w in words]
        fwd, back = _known_pairs(entries, *self._encoded_pairs)
        return self._assemble(words, entries, fwd, back, doc, _PAD_BYTES, encode_features)

    def _assemble(
        self,
        words: Sequence[str],
        entries: list[_Word[F]],
        fwd: list[_Feats[F]],
        back: list[_Feats[F]],
        doc: DocumentContext | None,
        pad: _Word[F],
        convert: Callable[[list[str]], list[F]],
    ) -> list[list[F]]:
        """Each token's features from its word's and its neighbours' (``entries``), the pair
        features (``fwd``, ``back``) and the sentence's and document's, made per sentence
        and turned into ``F`` by ``convert``."""
        n = len(words)
        caps = is_caps_sentence(words)
        tail = []
        if caps:
            tail.append("CAPS")
        if n > 3 and sum(1 for e in entries if e.digit) * 3 >= n:  # results tables
            tail.append("NUMS")
        last: list[F] = convert(tail)
        multi = self._multiword_gazetteer(words)
        gazm = convert(["gazm"])
        runs = self._run_features(words, entries) if self._runs and not caps else {}
        by_word = doc.by_word if doc is not None else {}
        # three pads either side: "BOS"/"EOS" as the neighbour, nothing two or three away
        padded: list[_Word[F]] = [pad] * 3 + entries + [pad] * 3
        out: list[list[F]] = []
        for i in range(n):
            entry: _Word[F] = padded[i + 3]
            feats: list[F] = [
                *entry.own,
                *padded[i + 2].prev,
                *back[i],
                *padded[i + 1].prev2,
                *padded[i].prev3,
                *padded[i + 4].next,
                *fwd[i],
                *padded[i + 5].next2,
                *padded[i + 6].next3,
                *last,
            ]
            if i in multi:
                feats += gazm
            if i in runs:
                feats += convert(runs[i])
            dfeats = by_word.get(entry.lower)  # only words that start with a letter are in it
            if dfeats:
                if caps or i == 0:
                    feats += convert(["h" + f for f in dfeats])  # casing evidence the token lacks
                else:
                    feats += convert(dfeats)
            out.append(feats)
        return out

    def _pair_features(
        self, entries: list[_Word[str]]
    ) -> tuple[list[_Feats[str]], list[_Feats[str]]]:
        """(as seen from the first word, as seen from the second) features of each pair of
        neighbours (words and word classes), one list per token: ``fwd[i]`` for the pair
        (i, i + 1), ``back[i]`` for (i - 1, i); after ``restrict`` only the known ones, found
        in pair tables without building the feature strings."""
        if self._known is not None:
            return _known_pairs(entries, self._word_pairs, self._class_pairs)
        fwd: list[_Feats[str]] = []
        back: list[_Feats[str]] = [()]
        for left, right in pairwise(entries):
            words_pair = left.lower + "|" + right.lower
            classes_pair = left.mid + "|" + right.mid
            fwd.append(("0|+1=" + words_pair, "0|+1c=" + classes_pair))
            back.append(("-1|0=" + words_pair, "-1|0c=" + classes_pair))
        fwd.append(())
        return fwd, back

    def document(self, sentences: Sequence[Sequence[str]]) -> list[list[list[str]]]:
        """Feature lists for every sentence of one document (with document features)."""
        doc = DocumentContext(sentences)
        return [self.sentence(words, doc) for words in sentences]

    def _run_features(
        self, words: Sequence[str], entries: Sequence[_Word[Any]]
    ) -> dict[int, list[str]]:
        """For each word of a run of two or more capitalised words ("Bank of England" counts
        "of"): the run's head (its last word, or the last before "of": "Bank") as list hits
        and middle class, and the run's length, so every word of "Salomon Brothers Inc" or
        "Sheffield Wednesday" carries its head's evidence beyond the window."""
        out: dict[int, list[str]] = {}
        n = len(words)
        i = 0
        while i < n:
            if not words[i][:1].isupper():
                i += 1
                continue
            j = i + 1
            while j < n and (
                words[j][:1].isupper()
                or (words[j] in _RUN_JOINERS and j + 1 < n and words[j + 1][:1].isupper())
            ):
                j += 1
            if j - i > 1:
                joiner = next((k for k in range(i + 1, j) if words[k] in _RUN_JOINERS), j)
                head = entries[joiner - 1]
                feats = ["rh" + f for f in head.hits if f != "gazpart"]
                feats += ["rhc=" + head.mid, "rlen=" + str(min(j - i, 4))]
                known = self._known
                if known is not None:
                    feats = [f for f in feats if f in known]
                for k in range(i, j):
                    out[k] = feats
            i = j
        return out

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
