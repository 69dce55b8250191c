"""Named-entity mentions from the CRF tagger (PER/ORG/LOC/MISC), one sentence at a time."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]

from briefing.analysis.ner_features import DocumentContext, FeatureExtractor
from briefing.analysis.resources import (
    first_names,
    gazetteer,
    last_names,
    misc_words,
    ner_attributes,
    ner_model_path,
    org_words,
    word_clusters,
)
from briefing.analysis.tokens import TOKEN_RE, word_set
from briefing.analysis.values import Mention
from briefing.domain import Span

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_MAX_TOKENS = 400  # longer "sentences" (lists, garbage) are tagged in windows
_INSTITUTION = re.compile(
    r"^(?:General Staff|Foreign Ministry|Defen[cs]e Ministry|Interior Ministry|Army|Navy|"
    r"Air Force|Armed Forces|Parliament|Government|Cabinet|Central Bank|Security Service|"
    r"National Guard|Border Guard|Coast Guard|Supreme Court|Embassy|Red Cross)$"
)
_WORDISH = re.compile(r"\w")
_FUNCTION_WORDS = word_set(
    "with in at on for from by as after before but and or if when while of to into during "
    "since until despite although because then so yet this that these those a an it he she "
    "they we his her their its our meanwhile however"
)
_CAP = r"[A-Z][\w'’.&-]*"
_HEADS = (
    r"Staff|Ministry|Army|Navy|Forces|Council|Committee|Commission|Agency|Party|Parliament|"
    r"Court|Department|Office|Service|Guard|Bank|University|Institute|Federation|Union|"
    r"Organi[sz]ation|Association|Corporation|Assembly|Senate|Congress|Cabinet|Government|"
    r"Administration|Authority|Bureau|Directorate|Command|Brigade|Battalion|Regiment|Fund|"
    r"Foundation|Police|Prosecutor's Office|Intelligence"
)
_ORG_RUN = re.compile(
    rf"\b(?:{_CAP}\s+){{1,6}}(?:{_HEADS})\b"  # bounded: no backtracking over long caps runs
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*){{0,2}}"
)


FEATURE_SETS = ("base", "lists", "runs")
SHIPPED_FEATURES = "runs"  # the feature set resources/analysis/ner.crfsuite was trained with


def default_extractor(
    features: str = SHIPPED_FEATURES, clusters: Mapping[str, Sequence[str]] | None = None
) -> FeatureExtractor:
    """A feature extractor of one of ``FEATURE_SETS`` (by default the shipped model's):
    ``base`` words, shapes, places, person names and word classes; ``lists`` adds the
    nationality/language and organisation word lists; ``runs`` adds to that the head word of
    each capitalised run. ``clusters``: other word classes than the shipped ones."""
    if features not in FEATURE_SETS:
        raise ValueError(f"unknown entity feature set {features!r}")
    lists = features != "base"
    return FeatureExtractor(
        gazetteer(),
        first_names(),
        last_names(),
        word_clusters() if clusters is None else clusters,
        misc_words() if lists else frozenset(),
        org_words() if lists else frozenset(),
        runs=features == "runs",
    )


def model_attributes(tagger: pycrfsuite.Tagger) -> frozenset[str]:
    """The attributes an opened model has weights for (slow: ~100 ms holding the GIL)."""
    return frozenset(a for a, _ in tagger.info().state_features)


_OPENER_WORDS = """the a an he she it they we i you but and or so yet in on at for of to from by
with as if when while after before this that these those his her its their our my your there
here what who how why where which one some many most all both each no not also however
meanwhile then still now"""
_OPENERS = frozenset(word.capitalize() for word in _OPENER_WORDS.split())
"""Sentence-opening function words, as capitalised there: a sentence with no other capital
gets no entity from the model, so it is not tagged (checked on the dev texts: same output)."""


def untaggable(words: Sequence[str]) -> bool:
    """No capital letter but in an opening function word ("The army moved"): the model finds
    no entity in such a sentence, so it is not run on it."""
    if not words:
        return True
    first = words[0]
    return (first == first.lower() or first in _OPENERS) and all(
        w == w.lower() for w in words[1:]
    )


class CrfTagger:
    """Loads the CRF model once; ``mentions`` tags the sentences of one text."""

    def __init__(self, model: Path | None = None, features: FeatureExtractor | None = None) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model or ner_model_path()))
        self._features = features or default_extractor()
        # only the attributes the model has weights for: same tags, fewer strings to look up
        self._features.restrict(
            ner_attributes() if model is None else model_attributes(self._tagger)
        )

    def mentions(
        self, text: str, sentences: list[Span], tokens: list[list[str]] | None = None
    ) -> list[Mention]:
        """Mentions in the sentences; ``tokens`` are their TOKEN_RE tokens when known."""
        found: list[Mention] = []
        if tokens is None:
            tokens = [TOKEN_RE.findall(text, s.start, s.end) for s in sentences]
        doc = DocumentContext(tokens)
        for sentence, words in zip(sentences, tokens, strict=True):
            for i in range(0, len(words), _MAX_TOKENS):
                found.extend(self._tag(text, sentence.start, words[i : i + _MAX_TOKENS], doc))
        return _institution_rule(text, _join_institutions(text, _trim_function_words(text, found)))

    def _tag(self, text: str, offset: int, words: list[str], doc: DocumentContext) -> list[Mention]:
        """Mentions in ``words``, the tokens of text from ``offset`` on (whitespace between)."""
        if untaggable(words):
            return []
        tags = self._tagger.tag(self._features.encoded_sentence(words, doc))
        out: list[Mention] = []
        pos = offset
        start = -1
        label = ""
        for word, tag in zip(words, tags, strict=True):
            wstart = text.find(word, pos)
            if start >= 0 and (tag == "O" or tag[0] == "B" or tag[2:] != label):
                out.append(Mention(start, pos, LABELS[label]))
                start = -1
            if tag != "O" and start < 0:
                start, label = wstart, tag[2:]
            pos = wstart + len(word)
        if start >= 0:
            out.append(Mention(start, pos, LABELS[label]))
        return [m for m in out if _WORDISH.search(text, m.start, m.end)]


def _join_institutions(text: str, mentions: list[Mention]) -> list[Mention]:
    """'Ukrainian' (MISC) + 'General Staff' (ORG) -> one ORG mention 'Ukrainian General Staff'."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == "MISC"
            and m.label == "ORG"
            and text[prev.end : m.start] == " "
            and _INSTITUTION.match(text[m.start : m.end])
        ):
            out[-1] = Mention(prev.start, m.end, "ORG")
        else:
            out.append(m)
    return out


def _trim_function_words(text: str, mentions: list[Mention]) -> list[Mention]:
    """'With Siversk' -> 'Siversk': drop a capitalised function word opening a mention."""
    out = []
    for m in mentions:
        space = text.find(" ", m.start, m.end)
        if space > 0 and text[m.start : space].lower() in _FUNCTION_WORDS:
            m = Mention(space + 1, m.end, m.label)
        out.append(m)
    return out


def _institution_rule(text: str, mentions: list[Mention]) -> list[Mention]:
    """Capitalised runs ending in an institution word ('General Staff') are ORG.

    Applied only where the tagger did not already mark the run's head word as ORG.
    """
    starts = [m.start for m in mentions]
    result = list(mentions)
    drop: set[int] = set()
    added: list[Mention] = []
    for match in _ORG_RUN.finditer(text):
        start, end = match.start(), match.end()
        while True:  # skip leading function words ("The", "With")
            space = text.find(" ", start, end)
            if space < 0 or text[start:space].lower() not in _FUNCTION_WORDS | {"the"}:
                break
            start = space + 1
        if text.find(" ", start, end) < 0:
            continue
        overlapping = []
        i = max(bisect.bisect_left(starts, start) - 1, 0)
        while i < len(mentions) and mentions[i].start < end:
            if start < mentions[i].end:
                overlapping.append(i)
            i += 1
        if any(mentions[i].label == "ORG" for i in overlapping):
            continue
        drop.update(overlapping)
        added.append(Mention(start, end, "ORG"))
    if not added:
        return result
    return sorted([m for i, m in enumerate(result) if i not in drop] + added)
