"""Clean named-entity mention boundaries before mentions become entities.

A name never contains punctuation that is not part of it: quotes (straight or curly),
dashes, brackets, commas, symbols and emoji split a mention, and what is left on either side
is trimmed ("” Dempsey" -> "Dempsey", "Bolzonella – ‘Nina’s Passion’" -> "Bolzonella",
"Nina’s Passion"). Kept inside a name: letters, digits, combining marks, apostrophes between
letters ("O’Brien", "Men’s"), hyphens inside words, "&", and full stops of abbreviations
("U.S.", "Jr."), and in an organisation's name a possessive that tokenisation split off
("Moody 's Investors Service"). Trailing lower-case words are dropped ("EU citizens" -> "EU").

Honorifics ("Mr", "Mrs.", "Dr", "Gov.") are never part of a name, with or without a full
stop, and the name after one is certainly a PERSON; the name after "the town of" (city,
village, region ...) is certainly a place (``Mention.certain``: the entity takes that
type). A word that only opens a sentence ("Now",
"Hey", "Meanwhile") is never absorbed into the name that follows it, and "New" at a
sentence start is dropped from a place name that exists without it ("New South Dakota").
A surname opened by a particle ("el-Sisi", "al-Assad") ends the person's name before it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from briefing.analysis.tokens import guarded, word_set
from briefing.analysis.values import Mention

HONORIFICS = word_set(
    "mr mrs ms miss mx dr prof gov sen rep gen lt col maj capt sgt cpl adm cmdr rev fr "
    "pres supt insp det hon brig messrs mssrs mmes"
)
"""Honorific words (lower case, without a full stop) that precede a person's name."""

PREFIX_WORDS = word_set(
    "now hey hi hello oh ah wow yes no ok okay well so then thus hence also even just only "
    "still yet here there today tonight tomorrow yesterday meanwhile however moreover instead "
    "indeed perhaps maybe sadly luckily fortunately unfortunately thankfully sure thanks "
    "thank welcome congratulations sorry please dear meet watch see read ask tell let "
    "like unlike why how what when where who whom whose which while whilst if unless "
    "although though because since after before during until as at by for from in into of "
    "on onto to with without within via and but or nor a an the this that these those "
    "it its he she they we i you his her their our my your him them us me "
    "is are was were be been did does do has have had can could will would should must "
    "every each all some many most both several few more less any another other such "
    "last next earlier later recently previously currently finally first second third"
)
"""Capitalised only because they open a sentence: never the first word of a name."""

JOB_TITLES = word_set(
    "mayor president premier minister governor chancellor senator secretary ambassador judge "
    "envoy commander spokesman spokeswoman spokesperson chairman chairwoman ceo"
)
"""Job titles that open a person's name inside a run of capitalised words."""

_NATIONALITY_ENDINGS = ("an", "ese", "ish", "i")
_NAME_PARTICLES = word_set("de del della der den di da du la le van von al el bin ibn ben y")
_KEEP_PUNCT = frozenset(".&'’-‐")
_APOSTROPHES = frozenset("'’")
_HYPHENS = frozenset("-‐")
_PLACE_BEFORE = guarded(
    "cdiprstv",
    r"\b(?:town|city|village|port|province|region|district|county|state|island|capital)"
    r"\s+of\s+$",
)
_ABBREV_WORD = re.compile(r"^(?:[A-Za-z]\.)+$|^[A-Z]$")
_ABBREVIATIONS = word_set("jr sr inc corp co ltd plc bros st mt ft no dept univ assn")
_WORD = re.compile(r"\S*[^\W_]\S*")
_SENTENCE_END = frozenset(".!?\n:;")
_OPENERS = frozenset("\"“‘'«„‹(—–-")
_CLOSERS = frozenset("\"”’'»›)")
_PLAIN = re.compile(r"[A-Za-z0-9 ]*")
_HONORIFIC_END = re.compile(r"(?:^|[^\w.])([A-Za-z]+)\.?\s+$")


@lru_cache(maxsize=4096)
def _is_separator(char: str) -> bool:
    """Characters that can never be inside a name (apostrophes/hyphens are judged apart)."""
    if char in _KEEP_PUNCT:
        return False
    if char.isspace():
        return False
    category = unicodedata.category(char)
    return category[0] in "PSC" or category == "Zl"


def _pieces(text: str, start: int, end: int, clitic: bool = False) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at separators; apostrophes and hyphens count as separators
    unless they join two word characters (or an apostrophe closes a plural: "Kings’"; with
    ``clitic``, a possessive split off by tokenisation: "Moody 's")."""
    if _PLAIN.fullmatch(text, start, end):  # letters, digits, spaces: nothing to split
        return [(start, end)] if end > start else []
    pieces: list[tuple[int, int]] = []
    begin = start
    for i in range(start, end):
        c = text[i]
        if c in _APOSTROPHES or c in _HYPHENS:
            before = i > start and text[i - 1].isalnum()
            after = i + 1 < end and text[i + 1].isalnum()
            inner = before and after
            plural = c in _APOSTROPHES and before and text[i - 1] in "sS" and not after
            if inner or plural or (clitic and _split_clitic(text, i, start, end)):
                continue
        elif not _is_separator(c):
            continue
        if i > begin:
            pieces.append((begin, i))
        begin = i + 1
    if end > begin:
        pieces.append((begin, end))
    return pieces


def _split_clitic(text: str, i: int, start: int, end: int) -> bool:
    """Whether the apostrophe at ``i`` opens a possessive split off by tokenisation, inside a
    name ("Moody 's Investors Service", "McDonald 's" in tokenised text)."""
    return (
        text[i] in _APOSTROPHES
        and i > start + 1
        and text[i - 1] == " "
        and text[i - 2].isalnum()
        and text[i + 1 : i + 2] in ("s", "S")
        and (i + 2 == end or not text[i + 2].isalnum())
    )


def _words(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Offsets (from ``start``) of the words of ``text[start:end]`` with a letter or digit."""
    return _word_offsets(text[start:end])


@lru_cache(maxsize=8192)
def _word_offsets(piece: str) -> tuple[tuple[int, int], ...]:
    """:func:`_words` of a whole string (cached: the same names recur)."""
    return tuple((m.start(), m.end()) for m in _WORD.finditer(piece))


def _has_upper(word: str) -> bool:
    return any(c.isupper() for c in word)


def _trim_piece(text: str, start: int, end: int, clitic: bool = False) -> tuple[int, int] | None:
    """Trim edge punctuation, lower-case tails and leading lower-case non-particles."""
    spans = [(start + a, start + b) for a, b in _words(text, start, end)]
    while spans:  # trailing: lower-case words, and a full stop that ends no abbreviation
        a, b = spans[-1]
        word = text[a:b]
        if word.endswith(".") and not (
            _ABBREV_WORD.match(word) or word[:-1].lower() in _ABBREVIATIONS or "." in word[:-1]
        ):
            word = word.rstrip(".")
            b = a + len(word)
            spans[-1] = (a, b)
        if clitic and len(spans) > 1 and _split_clitic(text, a, spans[0][0], b):
            break  # "McDonald 's"
        word = word.strip("'’-‐")
        if not word or not (_has_upper(word) or word[0].isdigit()):
            spans.pop()
            continue
        break
    while spans:  # leading lower-case words, unless a particle opens the name ("de Gaulle")
        word = text[spans[0][0] : spans[0][1]]
        if _has_upper(word) or (word.lower() in _NAME_PARTICLES and len(spans) > 1):
            break
        spans.pop(0)
    if not spans:
        return None
    a, b = spans[0][0], spans[-1][1]
    while a < b and text[a] in _KEEP_PUNCT and text[a] != ".":
        a += 1
    while b > a and text[b - 1] in "'’-‐&":
        b -= 1
    return (a, b) if a < b and any(c.isalpha() for c in text[a:b]) else None


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence (or a quotation) in ``text``."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i >= 0 and text[i] in _OPENERS:
        return True
    while i >= 0 and (text[i] in " \t" or text[i] in _CLOSERS):
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _honorific_before(text: str, pos: int) -> bool:
    """Whether an honorific ("Mr", "Dr.") stands right before ``pos``."""
    window = text[max(0, pos - 12) : pos]
    match = _HONORIFIC_END.search(window)
    return match is not None and match.group(1).lower() in HONORIFICS


def clean_mentions(
    text: str, mentions: list[Mention], is_place: Callable[[str], bool]
) -> list[Mention]:
    """``mentions`` with clean boundaries (see the module docstring); values pass unchanged.

    ``is_place`` tells whether a name is a known place (for "New South Dakota").
    """
    out: list[Mention] = []
    for m in mentions:
        if m.label not in ("PERSON", "ORG", "LOC", "MISC"):
            out.append(m)
            continue
        clitic = m.label != "PERSON"  # "McDonald 's" is a company, "Smith 's" not a name
        for start, end in _pieces(text, m.start, m.end, clitic):
            span = _trim_piece(text, start, end, clitic)
            if span is not None:
                piece = Mention(span[0], span[1], m.label, m.certain)
                for part in _split_at_title(text, piece, is_place):
                    out.extend(_fix_words(text, part, is_place))
    out.sort()
    return _join_particle_surnames(text, out)


_PARTICLES = r"(?:al|el|ad|as|ash|at|az|ul|bin|ibn|ben|bint)[-‐‘’']"
_PARTICLE_SURNAME = re.compile(_PARTICLES + r"[A-Z]")
_PARTICLE_PREFIX = re.compile(r"^" + _PARTICLES + r"(?=\w)", re.IGNORECASE)


def _join_particle_surnames(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Abdel Fattah" + "el-Sisi" -> one PERSON "Abdel Fattah el-Sisi": a surname that opens
    with a lower-case particle and a hyphen, right after a person's name, ends that name."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == "PERSON"
            and text[prev.end : m.start] == " "
            and _PARTICLE_SURNAME.match(text, m.start)
            and " " not in text[m.start : m.end]
        ):
            out[-1] = Mention(prev.start, m.end, "PERSON", prev.certain or m.certain)
        else:
            out.append(m)
    return out


def surname_without_particle(word: str) -> str:
    """ "el-sisi" -> "sisi", "al-Assad" -> "Assad": the surname a particle opens; else
    ``word`` unchanged."""
    return _PARTICLE_PREFIX.sub("", word)


def _split_at_title(text: str, m: Mention, is_place: Callable[[str], bool]) -> list[Mention]:
    """"Kyiv Mayor Vitali Klitschko" -> "Kyiv" (a place) and "Vitali Klitschko" (a person):
    a job title inside a name run ends what comes before and opens a person's name (one to
    three capitalised words); before it a place, a nationality or an organisation is kept."""
    words = [(m.start + a, m.start + b) for a, b in _words(text, m.start, m.end)]
    for i in range(len(words) - 2, -1, -1):
        word = text[words[i][0] : words[i][1]]
        rest = words[i + 1 :]
        if (
            word[:1].isupper()
            and word.lower() in JOB_TITLES
            and len(rest) <= 3
            and all(text[a].isupper() for a, _ in rest)
        ):
            parts = [Mention(rest[0][0], m.end, "PERSON", True)]
            if i:
                before = Mention(words[0][0], words[i - 1][1], m.label, m.certain)
                shown = text[before.start : before.end]
                if is_place(shown):
                    parts.insert(0, Mention(before.start, before.end, "LOC", m.certain))
                elif " " not in shown and shown.endswith(_NATIONALITY_ENDINGS):
                    parts.insert(0, Mention(before.start, before.end, "MISC", m.certain))
                elif m.label == "ORG":  # "General Motors Chairman Mary Barra"
                    parts.insert(0, before)
            return parts
    return [m]


def _fix_words(text: str, m: Mention, is_place: Callable[[str], bool]) -> list[Mention]:
    """Drop a sentence-opening word and honorifics from the front of one clean mention."""
    words = [(m.start + a, m.start + b) for a, b in _words(text, m.start, m.end)]
    if (
        len(words) > 1
        and _sentence_start(text, words[0][0])
        and is_prefixed(text[words[0][0] : m.end], is_place)
    ):
        words.pop(0)
    honorific = False
    while words and text[words[0][0] : words[0][1]].rstrip(".").lower() in HONORIFICS:
        words.pop(0)
        honorific = True
    if not words:
        return []
    if len(words) == 1:
        word = text[words[0][0] : words[0][1]]
        if word.lower() in PREFIX_WORDS and not (word.isupper() and len(word) > 1):
            return []  # "Now", "The" alone are no names ("US", "IT" are)
    start = words[0][0]
    if honorific or _honorific_before(text, start):
        return [Mention(start, m.end, "PERSON", True)]
    if _PLACE_BEFORE.search(text, max(0, start - 24), start):
        return [Mention(start, m.end, "LOC", True)]
    return [Mention(start, m.end, m.label, m.certain)]


def is_prefixed(name: str, is_place: Callable[[str], bool]) -> bool:
    """Whether ``name`` is another name behind a sentence-opening word ("Now Assange") or
    behind "New" when only the rest is a known place ("New South Dakota")."""
    first, _, rest = " ".join(name.split()).partition(" ")
    if not rest or (first.isupper() and len(first) > 1 and not rest.isupper()):
        return False  # "US Vogue": an acronym is a name of its own
    word = first.lower()
    return word in PREFIX_WORDS or (word == "new" and is_place(rest) and not is_place(name))
