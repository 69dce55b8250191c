"""W3C export: the model's MUST rules, lossless round trip, byte-identical re-export."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.domain.annotation import ANCHOR_STATES, COLORS, VERDICTS, Annotation
from briefing.domain.errors import ExportError
from briefing.domain.span import Selector
from briefing.export.w3c import ANNO_CONTEXT, annotations_to_w3c, w3c_to_annotations

IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")
W3C_MOTIVATIONS = {
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
}


def source_for(article_id: int) -> str:
    return f"https://news.example/articles/{article_id}"


def resolve_source(source: str) -> int | None:
    match = re.fullmatch(r"https://news\.example/articles/(\d+)", source)
    return int(match.group(1)) if match else None


def dump(doc: object) -> str:
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=2)


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def assert_model_rules(doc: dict[str, Any]) -> None:
    """The Web Annotation Data Model's MUST rules for what our export can contain."""
    context = doc["@context"]
    # MUST: 1+ contexts, anno.jsonld one of them (a single context as a plain string).
    assert context == ANNO_CONTEXT or (
        isinstance(context, list) and len(context) > 1 and context[0] == ANNO_CONTEXT
    )
    assert doc["type"] == "AnnotationCollection"
    if "id" in doc:
        assert IRI.match(doc["id"])
    items = doc["first"]["items"] if "first" in doc else []
    assert doc["total"] == len(items)
    if "first" in doc:
        page = doc["first"]
        assert page["type"] == "AnnotationPage"
        assert len(page["items"]) >= 1  # MUST have 1 or more items
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids)
    for item in items:
        assert IRI.match(item["id"])  # MUST have exactly 1 IRI id
        assert item["type"] == "Annotation"  # MUST have 1+ types, one being Annotation
        assert item["motivation"] in W3C_MOTIVATIONS
        for key in ("created", "modified"):
            if key in item:
                assert _is_datetime(item[key])  # MUST be xsd:dateTime
        target = item["target"]  # MUST have 1 or more targets
        assert IRI.match(target["source"])  # SpecificResource MUST have exactly 1 source
        assert target.get("type", "SpecificResource") == "SpecificResource"
        for selector in target["selector"]:
            if selector["type"] == "TextQuoteSelector":
                assert isinstance(selector["exact"], str)  # MUST have exactly 1 exact
                for key in ("prefix", "suffix"):
                    assert isinstance(selector.get(key, ""), str)
            else:
                assert selector["type"] == "TextPositionSelector"
                start, end = selector["start"], selector["end"]  # MUST: exactly 1 each
                assert isinstance(start, int) and isinstance(end, int)
                assert 0 <= start <= end
        if "styleClass" in target:
            assert isinstance(target["styleClass"], str)
            assert item["stylesheet"]["type"] == "CssStylesheet"
            assert f".{target['styleClass']} " in item["stylesheet"]["value"]
        for body in item.get("body", []):
            assert body.get("purpose", "commenting") in W3C_MOTIVATIONS
            if body["type"] == "TextualBody":
                assert isinstance(body["value"], str)  # MUST have exactly 1 value
            else:
                assert body["type"] == "SpecificResource"
                assert IRI.match(body["source"])


# ----------------------------------------------------------------------- generated data

TEXT = "The council met on Monday.\nOfficials said spending would rise by 12% next year."


@st.composite
def annotations(draw: st.DrawFn) -> Annotation:
    start = draw(st.integers(min_value=0, max_value=len(TEXT) - 1))
    end = draw(st.integers(min_value=start, max_value=len(TEXT)))
    stamp = st.one_of(
        st.just(""),
        st.datetimes(timezones=st.just(UTC)).map(
            lambda d: d.isoformat(timespec="seconds").replace("+00:00", "Z")
        ),
    )
    free_text = st.text(min_size=1, max_size=20)
    return Annotation(
        id=draw(st.uuids()).urn,
        article_id=draw(st.integers(min_value=1, max_value=4)),
        selector=Selector.from_text(TEXT, start, end),
        color=draw(st.one_of(st.none(), st.sampled_from(COLORS))),
        note=draw(st.one_of(st.just(""), free_text)),
        tags=tuple(draw(st.lists(free_text, max_size=3))),
        verdict=draw(st.one_of(st.none(), st.sampled_from(VERDICTS))),
        evidence=draw(
            st.one_of(
                st.none(),
                st.just("https://evidence.example/report?id=7#p2"),
                st.integers(1, 99).map(lambda n: f"briefing:article/{n}"),
            )
        ),
        created=draw(stamp),
        modified=draw(stamp),
        anchor=draw(st.sampled_from(ANCHOR_STATES)),
    )


def sample_annotations() -> list[Annotation]:
    quote = TEXT.index("spending")
    return [
        Annotation(
            id="urn:uuid:6f1c3e9a-0d6b-4d55-9a57-1c1f0b7b2a01",
            article_id=1,
            selector=Selector.from_text(TEXT, quote, quote + 8),
            color="green",
            note="Check the budget line.",
            tags=("budget", "to-check"),
            verdict="disputed",
            evidence="https://evidence.example/budget",
            created="2026-01-02T10:00:00Z",
            modified="2026-01-03T11:30:00Z",
            anchor="orphaned",
        ),
        Annotation(
            id="urn:uuid:6f1c3e9a-0d6b-4d55-9a57-1c1f0b7b2a02",
            article_id=1,
            selector=Selector.from_text(TEXT, 4, 11),
        ),
    ]


def by_id(annotation: Annotation) -> str:
    return annotation.id


@settings(max_examples=80, deadline=None)
@given(st.lists(annotations(), max_size=6, unique_by=lambda a: a.id))
def test_round_trip_is_lossless_and_byte_identical(items: list[Annotation]) -> None:
    doc = annotations_to_w3c(items, source_for, collection_id="urn:briefing:brief/1", label="B")
    assert_model_rules(doc)
    text = dump(doc)
    back = w3c_to_annotations(json.loads(text), resolve_source)
    assert sorted(back, key=by_id) == sorted(items, key=by_id)
    assert (
        dump(annotations_to_w3c(back, source_for, collection_id="urn:briefing:brief/1", label="B"))
        == text
    )
    assert (
        dump(
            annotations_to_w3c(
                list(reversed(items)), source_for, collection_id="urn:briefing:brief/1", label="B"
            )
        )
        == text
    )


def test_sample_export_shape() -> None:
    doc = annotations_to_w3c(sample_annotations(), source_for)
    assert_model_rules(doc)
    assert doc["@context"][0] == ANNO_CONTEXT
    first, second = doc["first"]["items"]
    assert first["id"].endswith("2a02")  # sorted by source, start, end, id
    assert first["motivation"] == "highlighting"
    assert "body" not in first
    assert second["motivation"] == "assessing"
    assert second["briefing:anchor"] == "orphaned"
    assert second["target"]["styleClass"] == "briefing-green"
    assert [b["purpose"] for b in second["body"]] == [
        "commenting",
        "assessing",
        "tagging",
        "tagging",
        "linking",
    ]
    assert second["target"]["selector"] == [
        {
            "type": "TextQuoteSelector",
            "exact": "spending",
            "prefix": TEXT[max(0, TEXT.index("spending") - 32) : TEXT.index("spending")],
            "suffix": TEXT[TEXT.index("spending") + 8 : TEXT.index("spending") + 40],
        },
        {
            "type": "TextPositionSelector",
            "start": TEXT.index("spending"),
            "end": TEXT.index("spending") + 8,
        },
    ]
    assert w3c_to_annotations(doc, resolve_source) == sorted(
        sample_annotations(), key=lambda a: a.selector.start
    )


def test_empty_collection_round_trips() -> None:
    doc = annotations_to_w3c([], source_for)
    assert_model_rules(doc)
    assert doc["total"] == 0 and "first" not in doc
    assert w3c_to_annotations(doc, resolve_source) == []


def test_bare_uuid_id_exported_as_urn() -> None:
    bare = sample_annotations()[1].with_changes(id="6f1c3e9a-0d6b-4d55-9a57-1c1f0b7b2a02")
    doc = annotations_to_w3c([bare], source_for)
    assert doc["first"]["items"][0]["id"] == "urn:uuid:6f1c3e9a-0d6b-4d55-9a57-1c1f0b7b2a02"


@pytest.mark.parametrize(
    "changes",
    [{"id": "not an id"}, {"color": "orange"}, {"evidence": "see page 3"}, {"anchor": "lost"}],
)
def test_export_refuses_unrepresentable_annotations(changes: dict[str, object]) -> None:
    with pytest.raises(ExportError):
        annotations_to_w3c([sample_annotations()[0].with_changes(**changes)], source_for)


def test_export_refuses_non_iri_source() -> None:
    with pytest.raises(ExportError, match="not an IRI"):
        annotations_to_w3c(sample_annotations(), lambda _id: "my notes")
