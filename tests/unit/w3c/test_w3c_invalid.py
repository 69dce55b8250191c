"""W3C import refuses invalid documents, all-or-nothing, naming the item and the problem."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from briefing.domain.annotation import Annotation
from briefing.domain.errors import ImportAnnotationsError
from briefing.domain.span import Selector
from briefing.export.w3c import annotations_to_w3c, w3c_to_annotations

TEXT = "The council met on Monday to discuss the budget."


def source_for(article_id: int) -> str:
    return f"https://news.example/articles/{article_id}"


def resolve(source: str) -> int | None:
    prefix = "https://news.example/articles/"
    return int(source[len(prefix) :]) if source.startswith(prefix) else None


def valid_doc() -> dict[str, Any]:
    items = [
        Annotation(
            id=f"urn:uuid:00000000-0000-4000-8000-00000000000{n}",
            article_id=1,
            selector=Selector.from_text(TEXT, 4 * n, 4 * n + 7),
            note="a note" if n == 1 else "",
            tags=("to-check",),
            verdict="supported" if n == 2 else None,
            created="2026-01-02T10:00:00Z",
        )
        for n in (1, 2)
    ]
    return annotations_to_w3c(items, source_for)


def item(doc: dict[str, Any], index: int = 1) -> dict[str, Any]:
    return doc["first"]["items"][index]


def edit(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    doc = copy.deepcopy(valid_doc())
    change(doc)
    return doc


def position(doc: dict[str, Any]) -> dict[str, Any]:
    return item(doc)["target"]["selector"][1]


CASES: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    ("no context", lambda d: d.pop("@context"), "@context"),
    ("wrong context", lambda d: d.__setitem__("@context", "http://schema.org/"), "@context"),
    ("wrong top type", lambda d: d.__setitem__("type", "Collection"), "top-level type"),
    ("total mismatch", lambda d: d.__setitem__("total", 5), "total"),
    ("page not a page", lambda d: d["first"].__setitem__("type", "Page"), "AnnotationPage"),
    ("items not list", lambda d: d["first"].__setitem__("items", {}), "items"),
    ("item not object", lambda d: d["first"]["items"].__setitem__(1, "x"), "item 1"),
    ("missing id", lambda d: item(d).pop("id"), "item 1"),
    ("id not IRI", lambda d: item(d).__setitem__("id", "just words"), "not an IRI"),
    ("wrong item type", lambda d: item(d).__setitem__("type", "Note"), "not 'Annotation'"),
    ("missing target", lambda d: item(d).pop("target"), "target"),
    ("two targets", lambda d: item(d).__setitem__("target", [{}, {}]), "target"),
    ("target no source", lambda d: item(d)["target"].pop("source"), "source"),
    ("unknown source", lambda d: item(d)["target"].__setitem__("source", "urn:x:1"), "urn:x:1"),
    ("no position", lambda d: item(d)["target"]["selector"].pop(1), "TextPositionSelector"),
    ("no quote", lambda d: item(d)["target"]["selector"].pop(0), "TextQuoteSelector"),
    (
        "css selector",
        lambda d: item(d)["target"].__setitem__(
            "selector", [{"type": "CssSelector", "value": "p"}]
        ),
        "CssSelector",
    ),
    ("negative start", lambda d: position(d).__setitem__("start", -1), "non-negative"),
    ("start after end", lambda d: position(d).__setitem__("start", 40), "does not fit"),
    ("range vs quote", lambda d: position(d).__setitem__("end", 13), "does not fit"),
    ("start not int", lambda d: position(d).__setitem__("start", "8"), "non-negative"),
    ("exact not str", lambda d: item(d)["target"]["selector"][0].__setitem__("exact", 3), "exact"),
    ("unknown motivation", lambda d: item(d).__setitem__("motivation", "liking"), "liking"),
    ("bad created", lambda d: item(d).__setitem__("created", "yesterday"), "xsd:dateTime"),
    ("date only", lambda d: item(d).__setitem__("created", "2026-01-02"), "xsd:dateTime"),
    ("body not object", lambda d: item(d)["body"].append(3), "body"),
    ("body no value", lambda d: item(d)["body"][0].pop("value"), "value"),
    ("body html", lambda d: item(d)["body"][0].__setitem__("format", "text/html"), "format"),
    ("unknown purpose", lambda d: item(d)["body"][0].__setitem__("purpose", "editing"), "editing"),
    ("unknown verdict", lambda d: item(d)["body"][0].__setitem__("value", "maybe"), "verdict"),
    ("two notes", lambda d: item(d, 0)["body"].append(dict(item(d, 0)["body"][0])), "commenting"),
    ("unknown body type", lambda d: item(d)["body"][0].__setitem__("type", "Image"), "Image"),
    (
        "linking not IRI",
        lambda d: item(d)["body"].append(
            {"type": "SpecificResource", "purpose": "linking", "source": "a b"}
        ),
        "linking",
    ),
    (
        "unknown colour",
        lambda d: item(d)["target"].__setitem__("styleClass", "briefing-red"),
        "styleClass",
    ),
    ("anchor state", lambda d: item(d).__setitem__("briefing:anchor", "lost"), "lost"),
    ("duplicate id", lambda d: item(d).__setitem__("id", item(d, 0)["id"]), "twice"),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_invalid_documents_are_refused(
    change: Callable[[dict[str, Any]], object], expected: str
) -> None:
    doc = edit(change)
    with pytest.raises(ImportAnnotationsError, match=None) as refused:
        w3c_to_annotations(doc, resolve)
    assert expected in str(refused.value)
    assert "\n" not in str(refused.value)


def test_error_names_item_index_and_id() -> None:
    doc = edit(lambda d: item(d).__setitem__("motivation", "liking"))
    with pytest.raises(ImportAnnotationsError) as refused:
        w3c_to_annotations(doc, resolve)
    assert str(refused.value).startswith(f"item 1 ({item(doc)['id']}):")


@pytest.mark.parametrize("data", ["not json {", "[1, 2]", "42", b"null"])
def test_non_json_ld_input_is_refused(data: str | bytes) -> None:
    with pytest.raises(ImportAnnotationsError):
        w3c_to_annotations(data, resolve)


def test_valid_document_and_other_shapes_are_accepted() -> None:
    doc = valid_doc()
    annotations = w3c_to_annotations(json.dumps(doc), resolve)
    assert [a.id[-1] for a in annotations] == ["1", "2"]
    page = {"@context": doc["@context"], **doc["first"]}
    assert w3c_to_annotations(page, resolve) == annotations
    single = {"@context": "http://www.w3.org/ns/anno.jsonld", **item(doc, 0)}
    assert w3c_to_annotations(single, resolve) == annotations[:1]


def test_textual_body_without_purpose_is_a_note() -> None:
    doc = valid_doc()
    item(doc, 0)["body"][0].pop("purpose")
    assert w3c_to_annotations(doc, resolve)[0].note == "a note"
