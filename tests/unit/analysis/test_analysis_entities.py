"""Entity recognition, alias merging, canonical names and value mentions."""

from __future__ import annotations

from briefing.analysis import get_engine
from briefing.analysis.entities import build_entities
from briefing.analysis.values import Mention, value_mentions
from briefing.domain import Entity


def _by_name(entities: tuple[Entity, ...] | list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def _mention(text: str, surface: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), label)


def test_person_surname_and_title_forms_merge_into_one_entity() -> None:
    text = "Russian President Vladimir Putin spoke. Putin said more. Later Putin left."
    mentions = [
        _mention(text, "Russian", "MISC"),
        _mention(text, "Vladimir Putin", "PERSON"),
        _mention(text, "Putin", "PERSON", 1),
        _mention(text, "Putin", "ORG", 2),  # a tagging slip on a lone surname still merges
    ]
    entities = _by_name(build_entities(text, mentions))
    putin = entities["Vladimir Putin"]
    assert putin.label == "PERSON"
    assert set(putin.aliases) == {"Vladimir Putin", "Putin"}
    assert len(putin.mentions) == 3
    assert "Putin" not in entities


def test_known_aliases_and_tails_merge() -> None:
    text = (
        "The U.S. and the United States agree. The Ukrainian General Staff spoke; the General Staff"
    )
    mentions = [
        _mention(text, "U.S.", "LOC"),
        _mention(text, "United States", "LOC"),
        _mention(text, "Ukrainian General Staff", "ORG"),
        _mention(text, "General Staff", "ORG", 1),
    ]
    entities = _by_name(build_entities(text, mentions))
    assert set(entities["United States"].aliases) == {"U.S.", "United States"}
    assert len(entities["Ukrainian General Staff"].mentions) == 2
    assert len(entities) == 2


def test_acronym_joins_its_long_form() -> None:
    text = "The World Health Organization warned. WHO officials agreed."
    mentions = [
        _mention(text, "World Health Organization", "ORG"),
        _mention(text, "WHO", "ORG"),
    ]
    [entity] = build_entities(text, mentions)
    assert entity.name == "World Health Organization"
    assert set(entity.aliases) == {"WHO", "World Health Organization"}


def test_entities_are_ordered_by_salience_with_sequential_ids() -> None:
    text = "Kyiv said. Kyiv again. Kyiv once more. Paris too."
    mentions = [_mention(text, "Kyiv", "LOC", i) for i in range(3)]
    mentions.append(_mention(text, "Paris", "LOC"))
    entities = build_entities(text, sorted(mentions))
    assert [e.name for e in entities] == ["Kyiv", "Paris"]
    assert [e.id for e in entities] == ["e1", "e2"]


def test_value_mentions() -> None:
    text = "On Tuesday, 75% of $3.5 billion moved 30 kilometers in March 2022."
    found = {(text[m.start : m.end], m.label) for m in value_mentions(text)}
    assert found == {
        ("Tuesday", "DATE"),
        ("75%", "PERCENT"),
        ("$3.5 billion", "MONEY"),
        ("30 kilometers", "QUANTITY"),
        ("March 2022", "DATE"),
    }


def test_engine_merges_aliases_in_running_text() -> None:
    text = (
        "Russian President Vladimir Putin met officials in Moscow on Monday.\n"
        "Putin said the talks with the United States would go on. "
        "Officials in the U.S. were not convinced."
    )
    analysis = get_engine().analyse(text)
    entities = _by_name(analysis.entities)
    putin = entities["Vladimir Putin"]
    assert putin.label == "PERSON"
    assert "Putin" in putin.aliases
    assert len(putin.mentions) == 2
    assert set(entities["United States"].aliases) >= {"U.S.", "United States"}
    for entity in analysis.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] in entity.aliases
