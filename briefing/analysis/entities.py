"""Merge entity mentions into entities: aliases, canonical names, labels and salience.

Merging rules, all linear in the number of mentions:
- the same surface form (after known-alias normalisation: "U.S." = "United States") is one
  entity, whose label is the majority label of its named mentions;
- a PERSON name's last (or first) word alone ("Putin") joins the longest PERSON it ends;
- an ORG/LOC that is the tail of a longer one ("General Staff" in "Ukrainian General Staff")
  or its acronym ("WHO" for "World Health Organization") joins it.
- one person is one entity across types: a lone word tagged ORG, LOC or MISC that is a
  PERSON's surname (or first name) joins that person, and a name after an honorific is a
  PERSON (boundaries are cleaned first: briefing/analysis/mention_hygiene.py);
- one person across spellings: accents do not count ("Erdogan" = "Erdoğan"), the tail of a
  longer name joins it ("Lula da Silva" in "Luiz Inácio Lula da Silva"), a surname joins
  without its particle ("Sisi" for "el-Sisi"), and a name in another script in brackets
  right after a name is that name ("Volodymyr Zelensky (Володимир Зеленський)");
- a dateline ("NEW YORK 1996-08-22") is a place of its own where the rest of the text uses
  the name for something else (a team).
The canonical name is the most frequent full form (a form no other form of the entity
contains), in Latin script when there is one, without honorifics or titles. Salience =
mentions count plus a bonus for appearing early; values rank after names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

from briefing.analysis.mention_hygiene import clean_mentions, surname_without_particle
from briefing.analysis.tokens import word_set
from briefing.analysis.values import Mention
from briefing.domain import Entity, Span

NAMED = ("PERSON", "ORG", "LOC", "MISC")
_KNOWN_ALIASES = {
    "u.s.": "united states",
    "us": "united states",
    "u.s.a.": "united states",
    "usa": "united states",
    "america": "united states",
    "united states of america": "united states",
    "u.k.": "united kingdom",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "u.n.": "united nations",
    "un": "united nations",
    "eu": "european union",
    "e.u.": "european union",
    "kiev": "kyiv",
    "nato": "north atlantic treaty organization",
    "uae": "united arab emirates",
    "u.a.e.": "united arab emirates",
    "ussr": "soviet union",
}
_TITLES = re.compile(
    r"^(?:(?:President|Prime Minister|Minister|General|Senator|Governor|Chancellor|King|Queen|"
    r"Pope|Sir|Lord|(?:Mr|Mrs|Ms|Miss|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev)\.?)\s+)+"
)
_APOSTROPHE_S = re.compile(r"['’]s$")
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae"})


def fold_accents(s: str) -> str:
    """ "erdoğan" -> "erdogan": letters without their accents (any script)."""
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKD", s.translate(_UNDECOMPOSED))
    return "".join(c for c in s if not unicodedata.combining(c))


def _key(surface: str) -> str:
    s = _TITLES.sub("", surface.strip())
    s = _APOSTROPHE_S.sub("", s)
    s = fold_accents(" ".join(s.split()).lower())
    if s.startswith("the "):
        s = s[4:]
    return _KNOWN_ALIASES.get(s, s)


def _is_latin(name: str) -> bool:
    if name.isascii():
        return True
    return all(not c.isalpha() or c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name)


def _is_translation(text: str, first: Mention, m: Mention) -> bool:
    """Whether ``m`` is ``first`` written in another script, in brackets right after it."""
    return (
        text[first.end : m.start] in (" (", "(")
        and text[m.end : m.end + 1] == ")"
        and _is_latin(text[first.start : first.end])
        and not _is_latin(text[m.start : m.end])
    )


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper()).lower()


class _Group:
    __slots__ = ("_voted", "certain", "first", "fixed_label", "labels", "mentions", "surfaces")

    def __init__(self, fixed_label: str | None = None) -> None:
        self.mentions: list[Mention] = []
        self.surfaces: Counter[str] = Counter()
        self.labels: Counter[str] = Counter()
        self.certain: Counter[str] = Counter()
        self.first = 0
        self.fixed_label = fixed_label
        self._voted: str | None = None  # the label the mentions vote for, once counted

    def add(self, m: Mention, surface: str) -> None:
        if not self.mentions or m.start < self.first:
            self.first = m.start
        self.mentions.append(m)
        self._voted = None
        self.surfaces[surface] += 1
        self.labels[m.label] += 1
        if m.certain:
            self.certain[m.label] += 1

    def absorb(self, other: _Group) -> None:
        if other.mentions and (not self.mentions or other.first < self.first):
            self.first = other.first
        self.mentions.extend(other.mentions)
        self._voted = None
        self.surfaces.update(other.surfaces)
        self.labels.update(other.labels)
        self.certain.update(other.certain)

    @property
    def label(self) -> str:
        if self.fixed_label:
            return self.fixed_label
        if self._voted is None:  # a rule beats guesses
            self._voted = (self.certain or self.labels).most_common(1)[0][0]
        return self._voted


def _group_by_surface(text: str, mentions: list[Mention]) -> dict[tuple[str, str], _Group]:
    groups: dict[tuple[str, str], _Group] = {}
    prev: tuple[Mention, tuple[str, str]] | None = None
    for m in mentions:
        surface = _APOSTROPHE_S.sub("", text[m.start : m.end])
        kind = "NAME" if m.label in NAMED else m.label
        key = (kind, _key(surface) if kind == "NAME" else surface.lower())
        if kind == "NAME" and prev is not None and _is_translation(text, prev[0], m):
            key = prev[1]
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group()
        group.add(m, surface)
        if kind == "NAME":
            prev = (m, key)
    return groups


_DATELINE_TAIL = re.compile(r"[ \t]*(?:\d{4}-\d\d-\d\d|\(|—|–|-)")


def _is_dateline(text: str, m: Mention) -> bool:
    """A place opening a line and followed by a date, a bracket or a dash ("NEW YORK
    1996-08-22", "CAIRO —", "WASHINGTON (Reuters)")."""
    return (m.start == 0 or text[m.start - 1] == "\n") and bool(
        _DATELINE_TAIL.match(text, m.end)
    )


def _split_datelines(
    text: str, groups: dict[tuple[str, str], _Group]
) -> dict[tuple[str, str], _Group]:
    """A dateline names a place: where the rest of the text uses the same name for something
    else (a team: "NEW YORK AT CHICAGO"), the dateline becomes a place entity of its own."""
    for key, group in list(groups.items()):
        if key[0] != "NAME":
            continue
        datelines = [m for m in group.mentions if m.label == "LOC" and _is_dateline(text, m)]
        if not datelines or len(datelines) == len(group.mentions):
            continue
        rest, place = _Group(), _Group("LOC")
        for m in group.mentions:
            (place if m in datelines else rest).add(m, _APOSTROPHE_S.sub("", text[m.start : m.end]))
        if rest.label == "LOC":
            continue
        groups[key] = rest
        groups[("NAME", key[1] + " (dateline)")] = place
    return groups


def _merge_names(groups: dict[tuple[str, str], _Group]) -> list[_Group]:
    names = {k[1]: g for k, g in groups.items() if k[0] == "NAME"}
    by_part: dict[str, list[str]] = defaultdict(list)
    by_acronym: dict[str, list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    for key, group in names.items():
        words = key.split()
        if len(words) > 1:
            label = group.label
            if label == "PERSON":
                person = _person_words(words)
                if len(person) > 1 or person != words:
                    by_part[person[-1]].append(key)
                    bare = surname_without_particle(person[-1])
                    if bare != person[-1]:
                        by_part[bare].append(key)  # "sisi" for "abdel fattah el-sisi"
                    for i in range(1, len(person) - 1):  # "lula da silva"
                        by_part[" ".join(person[i:])].append(key)
                    by_first[person[0]].append(key)
            elif label in ("ORG", "LOC", "MISC"):
                for i in range(1, len(words)):
                    by_part[" ".join(words[i:])].append(key)
                surface = group.surfaces.most_common(1)[0][0]
                if len(words) > 2:
                    by_acronym[_acronym(surface.split())].append(key)
    from briefing.analysis.resources import first_names

    given_names = first_names()
    parent: dict[str, str] = {}
    for key, group in names.items():
        label = group.label
        candidates = by_part.get(key) or (by_part.get(key[:-1], []) if key.endswith("s") else [])
        if not candidates and (label != "LOC" or key.capitalize() in given_names):
            candidates = by_first.get(key, [])  # a first name, never a place ("Kyiv Mayor")
        if label in ("ORG", "LOC") and not candidates:
            candidates = by_acronym.get(key.replace(".", ""), [])
        candidates = [c for c in candidates if c != key and _compatible(label, names[c].label, key)]
        if candidates:
            parent[key] = max(candidates, key=lambda c: (len(names[c].mentions), len(c)))
    _merge_full_names(names, parent)
    merged: dict[str, _Group] = {}
    for key, group in names.items():
        root = key
        seen = {root}
        while root in parent and parent[root] not in seen:
            root = parent[root]
            seen.add(root)
        if root not in merged:
            merged[root] = _Group(names[root].label)
        merged[root].absorb(group)
    values = [g for k, g in groups.items() if k[0] != "NAME"]
    return [*merged.values(), *values]


def _merge_full_names(names: dict[str, _Group], parent: dict[str, str]) -> None:
    """ "Julian Paul Assange" joins "Julian Assange" (same first and last word): the form
    with most mentions keeps the others."""
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, group in names.items():
        words = _person_words(key.split())
        if group.label == "PERSON" and len(words) > 1 and key not in parent:
            by_ends[(words[0], words[-1])].append(key)
    for keys in by_ends.values():
        if len(keys) > 1:
            head = max(keys, key=lambda k: (len(names[k].mentions), -len(k.split()), k))
            parent.update((k, head) for k in keys if k != head)


_TITLE_WORDS = word_set(
    "mayor president premier minister governor chancellor king queen pope senator general "
    "secretary ambassador judge envoy commander spokesman spokeswoman spokesperson chairman "
    "chairwoman ceo"
)


def _person_words(words: list[str]) -> list[str]:
    """A person's name words without a title in front ("kyiv mayor vitali klitschko")."""
    for i in range(min(3, len(words) - 1) - 1, -1, -1):
        if words[i] in _TITLE_WORDS:
            return words[i + 1 :]
    return words


def _compatible(label: str, target: str, key: str) -> bool:
    if label == target:
        return True
    # A lone surname tagged as something else still belongs to the PERSON it ends.
    return target == "PERSON" and " " not in key and label in ("ORG", "LOC", "MISC")


def _canonical(group: _Group) -> str:
    """The most frequent full form: one no other form contains (ties: more words, longer)."""
    counts: Counter[str] = Counter()
    surfaces = group.surfaces
    if any(map(_is_latin, surfaces)):
        surfaces = Counter({s: n for s, n in surfaces.items() if _is_latin(s)})
    for surface, n in surfaces.items():
        name = _TITLES.sub("", surface) or surface
        if group.label == "PERSON":
            words = name.split()
            name = " ".join(words[len(words) - len(_person_words(name.lower().split())) :])
        counts[name] += n
    return most_frequent_full_form(counts)


def most_frequent_full_form(
    counts: Mapping[str, int], key: Callable[[str], str] = str.casefold
) -> str:
    """Among names with their counts, the most frequent full form: a name that no other
        contains word for word, and not a single word when some name has several ("Clooneys"
        beside "George Clooney"). Names with the same ``key`` count together; ties: more words,
    the more frequent spelling, longer, then alphabetical."""
    padded = {s: f" {key(s)} " for s in counts}
    multi = any(len(p.split()) > 1 for p in padded.values())
    full = [
        s
        for s in counts
        if not (multi and len(padded[s].split()) == 1)
        and not any(padded[o] != padded[s] and padded[s] in padded[o] for o in counts)
    ]
    totals: Counter[str] = Counter()
    for s, n in counts.items():
        totals[padded[s]] += n
    return max(
        full or counts,
        key=lambda s: (totals[padded[s]], len(padded[s].split()), counts[s], len(s), s),
    )


def _lone_place_is_a_place(group: _Group, places: frozenset[str]) -> None:
    """A "person" only ever called by one word that is a known place and no surname
    ("Venice") is the place (a lone word naming a person is mostly a surname)."""
    from briefing.analysis.resources import last_names

    if group.label != "PERSON" or group.certain:
        return
    for surface in group.surfaces:
        name = surface.capitalize() if surface.isupper() else surface
        if " " in name or name not in places or name in last_names():
            return
    group.fixed_label = "LOC"


def build_entities(text: str, mentions: list[Mention]) -> list[Entity]:
    """Entities ordered by salience, with ids e1, e2... in that order."""
    from briefing.analysis.resources import gazetteer

    places = gazetteer()
    cleaned = clean_mentions(text, mentions, places.__contains__)
    groups = _merge_names(_split_datelines(text, _group_by_surface(text, cleaned)))
    for group in groups:
        _lone_place_is_a_place(group, places)
    length = max(len(text), 1)
    scored: list[tuple[float, int, _Group]] = []
    for group in groups:
        early = 1.0 - group.first / length
        salience = len(group.mentions) + 2.0 * early
        if group.label == "MISC":
            salience *= 0.6  # nationalities are frequent but rarely what a text is about
        elif group.label not in NAMED:
            salience *= 0.4
        scored.append((salience, group.first, group))
    scored.sort(key=lambda x: (-x[0], x[1]))
    entities = []
    for n, (_, _, group) in enumerate(scored, start=1):
        mentions_sorted = sorted(group.mentions)
        aliases = tuple(sorted(group.surfaces))
        entities.append(
            Entity(
                id=f"e{n}",
                name=_canonical(group),
                label=group.label,
                aliases=aliases,
                mentions=tuple(Span(m.start, m.end) for m in mentions_sorted),
            )
        )
    return entities
