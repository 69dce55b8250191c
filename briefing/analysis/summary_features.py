"""Sentence features for the summariser (shared with scripts/analysis/tune_summariser.py and
train_summary_swaps.py).

Per sentence: its position, its length, whether it is a fragment (a caption, photo credit,
"CLICK HERE"/"Scroll down" line, byline, a 60+ word run without a full stop, a line without
end punctuation), whether it repeats an earlier sentence (captions often do), and its
similarity to the document's centroid. ``is_fragment`` sentences are never chosen.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from briefing.analysis.tokens import guarded

_CAPTION_LABEL = re.compile(r"^[\w'’-]+(?: [\w'’-]+)?: \S")  # "Trial: Marcin …"
_FRAGMENT = guarded(
    "abcfgilprsuvw",
    r"\b(?:click here|scroll down|read more|pictured|photo(?:graph)?s?:|image:|video:|credit:|"
    r"getty images|reuters/|afp/|ap photo|published:|updated:|follow us|sign up|subscribe)\b"
    r"|^(?:by|from|source|photos?|images?|watch|listen|see also|related)\b",
)
_DIGIT = re.compile(r"\d")
_LONG_RUN = 60
_REPEAT = 0.6  # overlap with one of the 30 sentences before: a repeat
FEATURE_NAMES: tuple[str, ...] = (
    "first",
    "pos_inv",
    "pos_lt3",
    "pos_lt5",
    "pos_rel",
    "words_lt8",
    "words_lt15",
    "words_lt30",
    "words_ge45",
    "centroid",
    "centroid_top3",
    "repeat",
    "caption_label",
    "quote",
    "question",
    "digit",
)


def is_fragment(sentence: str, n_words: int) -> bool:
    """Captions, credits, calls to action, bylines and long runs without a full stop."""
    end = sentence.rstrip("\"'”’)»“ ")[-1:]
    if n_words >= _LONG_RUN and "." not in sentence[:-1] and end != ".":
        return True
    if n_words >= _LONG_RUN * 3 // 2:  # a run of captions glued together
        return True
    if "\t" in sentence or end not in (".", "!", "?", "…", "؟", "。", "！", "？"):
        return True
    return bool(_FRAGMENT.search(sentence))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared content words over the geometric mean of the two sets' sizes (cosine)."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _repeats(terms: frozenset[str], window: list[frozenset[str]]) -> bool:
    """Whether ``terms`` mostly repeat one of the ``window`` sets (``overlap`` >= 0.6; the
    same arithmetic, without a call per pair)."""
    n = len(terms)
    if not n:
        return False
    for other in window:
        shared = len(terms & other)
        if shared and shared / math.sqrt(n * len(other)) >= _REPEAT:
            return True
    return False


def document_features(
    sentences: list[str], term_sets: list[frozenset[str]], word_counts: list[int]
) -> list[list[float]]:
    """One feature vector (in FEATURE_NAMES order) per sentence."""
    n = len(sentences)
    doc_tf: Counter[str] = Counter()
    for terms in term_sets:
        doc_tf.update(terms)
    weights = {t: math.log1p(c - 1) for t, c in doc_tf.items() if c > 1}
    centrality = [
        sum(weights.get(t, 0.0) for t in terms) / math.sqrt(len(terms)) if terms else 0.0
        for terms in term_sets
    ]
    top = max(centrality, default=0.0) or 1.0
    ranked = sorted(range(n), key=lambda i: -centrality[i])[:3]
    rows: list[list[float]] = []
    for i, (sentence, terms, words) in enumerate(
        zip(sentences, term_sets, word_counts, strict=True)
    ):
        repeat = _repeats(terms, term_sets[max(0, i - 30) : i])
        rows.append(
            [
                float(i == 0),
                1.0 / (1.0 + i),
                float(i < 3),
                float(i < 5),
                i / n,
                float(words < 8),
                float(words < 15),
                float(words < 30),
                float(words >= 45),
                centrality[i] / top,
                float(i in ranked),
                float(repeat),
                float(bool(_CAPTION_LABEL.match(sentence))),
                float(any(q in sentence for q in "\"“”«»„")),
                float(sentence.rstrip().endswith("?")),
                float(_DIGIT.search(sentence) is not None),
            ]
        )
    return rows
