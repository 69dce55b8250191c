"""Entity hygiene on news text: clean boundaries, honorifics, prefix words, one entity per
person, canonical names (constructed examples; mentions given as a tagger might give them)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.analysis import get_engine
from briefing.analysis.entities import build_entities
from briefing.analysis.mention_hygiene import clean_mentions, is_prefixed
from briefing.analysis.values import Mention
from briefing.domain import Entity

PLACES = frozenset({"South Dakota", "New Mexico", "Mexico", "Sydney", "Kyiv"})


def _m(text: str, surface: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), label)


def _clean(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    return [
        (text[m.start : m.end], m.label)
        for m in clean_mentions(text, mentions, PLACES.__contains__)
    ]


def _names(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def test_curly_quote_stuck_to_a_surname_merges_with_the_full_name() -> None:
    text = "Owen Dempsey arrived late. “We were lucky,” Dempsey said. ”Dempsey left."
    mentions = [
        _m(text, "Owen Dempsey", "PERSON"),
        _m(text, ",” Dempsey", "PERSON"),
        _m(text, "”Dempsey", "LOC"),  # a surname tagged as a place joins the person too
    ]
    entities = build_entities(text, mentions)
    assert [e.name for e in entities] == ["Owen Dempsey"]
    owen = entities[0]
    assert owen.label == "PERSON"
    assert [text[s.start : s.end] for s in owen.mentions] == ["Owen Dempsey", "Dempsey", "Dempsey"]


def test_punctuation_dashes_and_emoji_split_or_trim_names() -> None:
    text = "At Bolzonella – ‘Nina’s Passion’ we met Taylor Swift 🎉 and EU citizens and € ‘Smith’"
    mentions = [
        _m(text, "Bolzonella – ‘Nina’s Passion’", "ORG"),
        _m(text, "Taylor Swift 🎉", "PERSON"),
        _m(text, "EU citizens and €", "ORG"),
        _m(text, "‘Smith’", "PERSON"),
    ]
    assert _clean(text, mentions) == [
        ("Bolzonella", "ORG"),
        ("Nina’s Passion", "ORG"),
        ("Taylor Swift", "PERSON"),
        ("EU", "ORG"),
        ("Smith", "PERSON"),
    ]


def test_apostrophes_hyphens_and_abbreviations_stay_inside_names() -> None:
    text = "O’Brien met Jean-Luc Picard of the U.S. and AT&T in Men's Health."
    mentions = [
        _m(text, "O’Brien", "PERSON"),
        _m(text, "Jean-Luc Picard", "PERSON"),
        _m(text, "U.S.", "LOC"),
        _m(text, "AT&T", "ORG"),
        _m(text, "Men's Health.", "ORG"),
    ]
    assert [s for s, _ in _clean(text, mentions)] == [
        "O’Brien",
        "Jean-Luc Picard",
        "U.S.",
        "AT&T",
        "Men's Health",
    ]


def test_honorifics_with_or_without_full_stop_are_not_part_of_the_name() -> None:
    text = "John Smith spoke. Mr Smith said Mrs. Jones and Gov. Abbott agreed; Dr Patel too."
    mentions = [
        _m(text, "John Smith", "PERSON"),
        _m(text, "Mr Smith", "PERSON"),
        _m(text, "Mrs. Jones", "PERSON"),
        _m(text, "Abbott", "ORG"),  # after an honorific: a person whatever the tagger said
        _m(text, "Dr Patel", "LOC"),
    ]
    assert _clean(text, mentions) == [
        ("John Smith", "PERSON"),
        ("Smith", "PERSON"),
        ("Jones", "PERSON"),
        ("Abbott", "PERSON"),
        ("Patel", "PERSON"),
    ]
    entities = _names(build_entities(text, mentions))
    assert set(entities) == {"John Smith", "Jones", "Abbott", "Patel"}
    assert len(entities["John Smith"].mentions) == 2


def test_sentence_opening_words_are_never_absorbed() -> None:
    text = (
        "Julian Assange was freed. Now Assange is home. “Hey Twitter, stop,” he wrote. "
        "New South Dakota law bans it. South Dakota voted. New Mexico is hot. "
        "Then Sydney Morning Herald wrote."
    )
    mentions = [
        _m(text, "Julian Assange", "PERSON"),
        _m(text, "Now Assange", "PERSON"),
        _m(text, "Hey Twitter", "ORG"),
        _m(text, "New South Dakota", "LOC"),
        _m(text, "South Dakota", "LOC", 1),
        _m(text, "New Mexico", "LOC"),
        _m(text, "Then Sydney Morning Herald", "ORG"),
    ]
    cleaned = [s for s, _ in _clean(text, mentions)]
    assert cleaned == [
        "Julian Assange",
        "Assange",
        "Twitter",
        "South Dakota",
        "South Dakota",
        "New Mexico",
        "Sydney Morning Herald",
    ]
    names = _names(build_entities(text, mentions))
    assert {"Julian Assange", "Twitter", "South Dakota", "New Mexico"} <= set(names)
    assert len(names["Julian Assange"].mentions) == 2
    assert len(names["South Dakota"].mentions) == 2


def test_is_prefixed() -> None:
    places = PLACES.__contains__
    assert is_prefixed("Now Assange", places)
    assert is_prefixed("New South Dakota", places)
    assert not is_prefixed("New Mexico", places)
    assert not is_prefixed("Julian Assange", places)
    assert not is_prefixed("Assange", places)


def test_canonical_name_is_the_most_frequent_full_form() -> None:
    text = (
        "Julian Assange spoke. Julian Assange left. Julian Paul Assange, 52, was named. "
        "Assange smiled. Kyiv Mayor Vitali Klitschko said Klitschko would stay in Kyiv."
    )
    mentions = [
        _m(text, "Julian Assange", "PERSON"),
        _m(text, "Julian Assange", "PERSON", 1),
        _m(text, "Julian Paul Assange", "PERSON"),
        _m(text, "Assange", "PERSON", 3),
        _m(text, "Kyiv Mayor Vitali Klitschko", "PERSON"),
        _m(text, "Klitschko", "PERSON", 1),
        _m(text, "Kyiv", "LOC", 1),
    ]
    names = _names(build_entities(text, mentions))
    assert len(names["Julian Assange"].mentions) == 4
    assert "Julian Paul Assange" not in names
    assert len(names["Vitali Klitschko"].mentions) == 2
    assert names["Kyiv"].label == "LOC"  # a place is not a first name


_NOISE = st.sampled_from(["“", "”", "‘", "’", '"', "—", "–", "-", "🎉", "(", ")", ",", ".", " "])
_WORD = st.sampled_from(["Owen", "Dempsey", "U.S.", "O’Brien", "Mr", "Now", "and", "€"])


@given(st.lists(st.one_of(_WORD, _NOISE), min_size=1, max_size=12))
def test_cleaned_mentions_stay_inside_and_never_hold_quotes_dashes_or_emoji(
    parts: list[str],
) -> None:
    text = "x. " + " ".join(parts) + " y"  # the mention opens a sentence
    mention = Mention(3, len(text) - 2, "PERSON")
    for m in clean_mentions(text, [mention], PLACES.__contains__):
        assert mention.start <= m.start < m.end <= mention.end
        surface = text[m.start : m.end]
        assert surface == surface.strip()
        assert not set(surface) & set('“”"—–🎉(),€')
        assert surface[0].isalnum() and (surface[-1].isalnum() or surface[-1] == ".")
        assert surface.split()[0].rstrip(".").lower() != "mr"
        assert surface not in ("Now", "and")


def test_engine_names_on_news_text_are_clean() -> None:
    text = (
        "WASHINGTON — Senator Maria Cantwell met Mr Owen Dempsey on Tuesday. “It went well,” "
        "Dempsey said after meeting Cantwell. Now Dempsey says he will return 🎉."
    )
    entities = get_engine("builtin").analyse(text).entities
    for entity in entities:
        for span in entity.mentions:
            surface = text[span.start : span.end]
            assert not set(surface) & set("“”—🎉"), surface
            assert not surface.startswith(("Mr ", "Now ")), surface
    people = [e for e in entities if "Dempsey" in e.name]
    assert len(people) == 1 and people[0].name == "Owen Dempsey"
    assert people[0].label == "PERSON"


def test_a_first_name_tagged_as_a_place_and_a_plural_join_the_person() -> None:
    text = "George Clooney married. George smiled. The Clooneys left. Clooney waved. George said."
    mentions = [
        _m(text, "George Clooney", "PERSON"),
        _m(text, "George", "LOC", 1),
        _m(text, "Clooneys", "PERSON"),
        _m(text, "Clooney", "PERSON", 2),
        _m(text, "George", "LOC", 2),
    ]
    entities = build_entities(text, mentions)
    assert [(e.name, e.label, len(e.mentions)) for e in entities] == [
        ("George Clooney", "PERSON", 5)
    ]


def test_a_job_title_inside_a_name_run_opens_the_person() -> None:
    text = (
        "Kyiv Mayor Vitali Klitschko spoke. General Motors Chairman Mary Barra and "
        "Prime Minister Boris Johnson too."
    )
    mentions = [
        _m(text, "Kyiv Mayor Vitali Klitschko", "ORG"),
        _m(text, "General Motors Chairman Mary Barra", "ORG"),
        _m(text, "Prime Minister Boris Johnson", "PERSON"),
    ]
    assert _clean(text, mentions) == [
        ("Kyiv", "LOC"),
        ("Vitali Klitschko", "PERSON"),
        ("General Motors", "ORG"),
        ("Mary Barra", "PERSON"),
        ("Boris Johnson", "PERSON"),
    ]


def test_a_place_after_the_town_of_is_a_place_in_every_mention() -> None:
    text = "Troops took the town of Siversk. With Siversk taken, the fall of Siversk is near."
    mentions = [
        _m(text, "Siversk", "LOC"),
        _m(text, "Siversk", "PERSON", 1),
        _m(text, "Siversk", "PERSON", 2),
    ]
    entities = build_entities(text, mentions)
    assert [(e.name, e.label, len(e.mentions)) for e in entities] == [("Siversk", "LOC", 3)]


def test_a_lone_known_place_is_not_a_person() -> None:
    text = "Venice is lovely. George Clooney loves Venice. Venice smiled."
    mentions = [
        _m(text, "Venice", "PERSON"),
        _m(text, "George Clooney", "PERSON"),
        _m(text, "Venice", "PERSON", 1),
        _m(text, "Venice", "PERSON", 2),
    ]
    names = _names(build_entities(text, mentions))
    assert names["Venice"].label == "LOC"
    assert names["George Clooney"].label == "PERSON"


def test_one_person_across_accents_long_names_and_particles() -> None:
    text = (
        "Egyptian President Abdel Fattah el-Sisi met Recep Tayyip Erdoğan in Ankara. "
        "Sisi said Erdogan agreed. Luiz Inácio Lula da Silva called. Lula da Silva, 77, "
        "said Lula would come."
    )
    mentions = [
        _m(text, "Egyptian", "MISC"),
        _m(text, "Abdel Fattah", "PERSON"),
        _m(text, "el-Sisi", "MISC"),  # the tagger breaks the name at the particle
        _m(text, "Recep Tayyip Erdoğan", "PERSON"),
        _m(text, "Ankara", "LOC"),
        _m(text, "Sisi", "PERSON", 1),
        _m(text, "Erdogan", "ORG"),
        _m(text, "Luiz Inácio Lula da Silva", "PERSON"),
        _m(text, "Lula da Silva", "PERSON", 1),
        _m(text, "Lula", "PERSON", 2),
    ]
    people = {
        e.name: sorted(text[s.start : s.end] for s in e.mentions)
        for e in build_entities(text, mentions)
        if e.label == "PERSON"
    }
    assert people == {
        "Abdel Fattah el-Sisi": ["Abdel Fattah el-Sisi", "Sisi"],
        "Recep Tayyip Erdoğan": ["Erdogan", "Recep Tayyip Erdoğan"],
        "Luiz Inácio Lula da Silva": ["Luiz Inácio Lula da Silva", "Lula", "Lula da Silva"],
    }


def test_a_name_in_another_script_in_brackets_is_an_alias_not_the_name() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky (Володимир Зеленський) spoke. "
        "Chinese Foreign Minister Wang Yi (王毅) listened. Wang nodded. "
        "Later Zelensky left, and Вадим Пристайко (a diplomat) stayed."
    )
    mentions = [
        _m(text, "Volodymyr Zelensky", "PERSON"),
        _m(text, "Володимир Зеленський", "PERSON"),
        _m(text, "Wang Yi", "PERSON"),
        _m(text, "王毅", "PERSON"),
        _m(text, "Wang", "PERSON", 1),
        _m(text, "Zelensky", "PERSON", 1),
        _m(text, "Вадим Пристайко", "PERSON"),
    ]
    names = _names(build_entities(text, mentions))
    assert set(names) == {"Volodymyr Zelensky", "Wang Yi", "Вадим Пристайко"}
    assert "Володимир Зеленський" in names["Volodymyr Zelensky"].aliases
    assert len(names["Volodymyr Zelensky"].mentions) == 3
    assert len(names["Wang Yi"].mentions) == 2  # a caseless script never makes a name alone


def test_engine_keeps_long_and_non_latin_names_whole_on_news_text() -> None:
    text = (
        "CAIRO — Egyptian President Abdel Fattah el-Sisi met Saudi Crown Prince Mohammed bin "
        "Salman on Sunday. Sisi said the talks were “productive.” President Recep Tayyip "
        "Erdoğan of Turkey joined them; Erdogan has long criticised Israel. Ukraine's "
        "President Volodymyr Zelensky (Володимир Зеленський) spoke by video."
    )
    entities = get_engine("builtin").analyse(text).entities
    people = {e.name: e for e in entities if e.label == "PERSON"}
    assert {"Abdel Fattah el-Sisi", "Mohammed bin Salman", "Recep Tayyip Erdoğan"} <= set(people)
    assert len(people["Abdel Fattah el-Sisi"].mentions) == 2
    assert len(people["Recep Tayyip Erdoğan"].mentions) == 2
    assert not any(e.name == "Володимир Зеленський" for e in entities)
    for entity in entities:
        for span in entity.mentions:
            assert not set(text[span.start : span.end]) & set("“”—();"), entity


def test_a_possessive_split_off_by_tokenisation_stays_in_a_company_name_only() -> None:
    text = "Moody 's Investors Service cut McDonald 's rating , Smith 's office said ."
    mentions = [
        _m(text, "Moody 's Investors Service", "ORG"),
        _m(text, "McDonald 's", "ORG"),
        _m(text, "Smith 's", "PERSON"),
    ]
    assert _clean(text, mentions) == [
        ("Moody 's Investors Service", "ORG"),
        ("McDonald 's", "ORG"),
        ("Smith", "PERSON"),
    ]


def test_a_dateline_stays_a_place_when_the_text_names_a_team_after_the_city() -> None:
    text = "NEW YORK 1996-08-22\nNEW YORK 5 Chicago 3\nNEW YORK 2 Boston 1\nNEW YORK won again."
    mentions = [_m(text, "NEW YORK", "LOC")] + [_m(text, "NEW YORK", "ORG", n) for n in (1, 2, 3)]
    entities = build_entities(text, mentions)
    assert sorted((e.label, len(e.mentions)) for e in entities) == [("LOC", 1), ("ORG", 3)]
    assert {e.name for e in entities} == {"NEW YORK"}
    washington = "WASHINGTON (Reuters) - Officials in Washington said Washington would act."
    mentions = [_m(washington, "WASHINGTON", "LOC"), _m(washington, "Washington", "LOC")]
    mentions.append(_m(washington, "Washington", "ORG", 1))
    assert [(e.label, len(e.mentions)) for e in build_entities(washington, mentions)] == [
        ("LOC", 3)
    ]
