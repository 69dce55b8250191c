"""W3C Web Annotation JSON-LD export and import of Briefing annotations (lossless, strict).

Shape (see docs in the functions): one ``AnnotationCollection`` whose single embedded
``AnnotationPage`` (``first``) holds every annotation, sorted by (target source,
TextPositionSelector start, end, id). Mapping of Annotation fields:

- ``id`` → ``id`` (an absolute IRI; a bare UUID is exported as ``urn:uuid:<uuid>``);
- ``created``/``modified`` → the same properties (omitted when empty);
- ``motivation`` → ``Annotation.motivation`` (highlighting, commenting, tagging, assessing);
- ``note`` → TextualBody, purpose ``commenting``, format ``text/plain``;
- ``tags`` → one TextualBody per tag, purpose ``tagging`` (order kept);
- ``verdict`` → TextualBody, purpose ``assessing``, value the verdict;
- ``evidence`` → SpecificResource body, purpose ``linking``, ``source`` the URL / IRI;
- ``color`` → W3C styling: ``stylesheet`` (an embedded CssStylesheet) plus
  ``target.styleClass`` = ``briefing-<colour>`` — no extension needed;
- ``anchor`` → ``briefing:anchor`` (the model has no anchor state), an extension property
  defined by a second ``@context`` entry mapping the prefix ``briefing`` to
  ``urn:briefing:ns#``;
- ``selector`` → ``target.selector``: [TextQuoteSelector, TextPositionSelector];
  ``target.source`` is ``source_for(article_id)``.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from briefing.domain.annotation import ANCHOR_STATES, COLORS, VERDICTS, Annotation
from briefing.domain.errors import ExportError, ImportAnnotationsError
from briefing.domain.span import Selector

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
BRIEFING_NS = "urn:briefing:ns#"
CONTEXT: list[object] = [ANNO_CONTEXT, {"briefing": BRIEFING_NS}]
ANCHOR_KEY = "briefing:anchor"
MOTIVATIONS = ("highlighting", "commenting", "tagging", "assessing")
STYLE_PREFIX = "briefing-"
CSS_COLORS = {
    "yellow": "#fff176",
    "green": "#aed581",
    "blue": "#81d4fa",
    "pink": "#f48fb1",
    "purple": "#ce93d8",
}
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")

# ------------------------------------------------------------------------------- export


def _iri_id(annotation_id: str) -> str:
    if _IRI.match(annotation_id):
        return annotation_id
    try:
        return uuid.UUID(annotation_id).urn
    except ValueError:
        raise ExportError(f"annotation id {annotation_id!r} is neither an IRI nor a UUID") from None


def _bodies(a: Annotation) -> list[dict[str, object]]:
    bodies: list[dict[str, object]] = []
    if a.note:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "format": "text/plain",
                "value": a.note,
            }
        )
    if a.verdict:
        if a.verdict not in VERDICTS:
            raise ExportError(f"annotation {a.id}: unknown verdict {a.verdict!r}")
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "format": "text/plain",
                "value": a.verdict,
            }
        )
    bodies.extend(
        {"type": "TextualBody", "purpose": "tagging", "format": "text/plain", "value": tag}
        for tag in a.tags
    )
    if a.evidence:
        if not _IRI.match(a.evidence):
            raise ExportError(f"annotation {a.id}: evidence {a.evidence!r} is not a URL or IRI")
        bodies.append({"type": "SpecificResource", "purpose": "linking", "source": a.evidence})
    return bodies


def _annotation_to_w3c(a: Annotation, source: str) -> dict[str, object]:
    sel = a.selector
    quote: dict[str, object] = {"type": "TextQuoteSelector", "exact": sel.exact}
    if sel.prefix:
        quote["prefix"] = sel.prefix
    if sel.suffix:
        quote["suffix"] = sel.suffix
    target: dict[str, object] = {
        "type": "SpecificResource",
        "source": source,
        "selector": [quote, {"type": "TextPositionSelector", "start": sel.start, "end": sel.end}],
    }
    item: dict[str, object] = {
        "id": _iri_id(a.id),
        "type": "Annotation",
        "motivation": a.motivation,
        ANCHOR_KEY: a.anchor,
        "target": target,
    }
    if a.anchor not in ANCHOR_STATES:
        raise ExportError(f"annotation {a.id}: unknown anchor state {a.anchor!r}")
    if a.color is not None:
        if a.color not in CSS_COLORS:
            raise ExportError(f"annotation {a.id}: unknown colour {a.color!r}")
        css_class = STYLE_PREFIX + a.color
        target["styleClass"] = css_class
        item["stylesheet"] = {
            "type": "CssStylesheet",
            "value": f".{css_class} {{ background-color: {CSS_COLORS[a.color]}; }}",
        }
    for key in ("created", "modified"):
        if getattr(a, key):
            item[key] = getattr(a, key)
    bodies = _bodies(a)
    if bodies:
        item["body"] = bodies
    return item


def annotations_to_w3c(
    annotations: Sequence[Annotation],
    source_for: Callable[[int], str],
    *,
    collection_id: str | None = None,
    label: str | None = None,
) -> dict[str, object]:
    """An ``AnnotationCollection`` holding ``annotations`` in one embedded page.

    Items are sorted by (target source, start, end, id), so the output (dumped with
    ``sort_keys=True``) is byte-identical for the same annotations in any order.
    """
    sources: dict[int, str] = {}
    items = []
    for a in annotations:
        if a.article_id not in sources:
            source = source_for(a.article_id)
            if not _IRI.match(source):
                raise ExportError(f"article {a.article_id}: source {source!r} is not an IRI")
            sources[a.article_id] = source
        items.append(_annotation_to_w3c(a, sources[a.article_id]))
    items.sort(key=_sort_key)
    seen: set[object] = set()
    for item in items:
        if item["id"] in seen:
            raise ExportError(f"annotation id {item['id']} appears twice")
        seen.add(item["id"])
    collection: dict[str, object] = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "total": len(items),
    }
    if collection_id is not None:
        if not _IRI.match(collection_id):
            raise ExportError(f"collection id {collection_id!r} is not an IRI")
        collection["id"] = collection_id
    if label is not None:
        collection["label"] = label
    if items:
        collection["first"] = {"type": "AnnotationPage", "startIndex": 0, "items": items}
    return collection


def _sort_key(item: dict[str, Any]) -> tuple[str, int, int, str]:
    position = item["target"]["selector"][1]
    return (item["target"]["source"], position["start"], position["end"], item["id"])


# ------------------------------------------------------------------------------- import


class _Refuse(Exception):
    """A problem in one annotation item; turned into ImportAnnotationsError with its place."""


def _has_anno_context(context: object) -> bool:
    if isinstance(context, str):
        return context == ANNO_CONTEXT
    return isinstance(context, list) and ANNO_CONTEXT in context


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _string(obj: dict[str, Any], key: str, what: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise _Refuse(f"{what} has no string {key!r}")
    return value


def _int(obj: dict[str, Any], key: str, what: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Refuse(f"{what} {key!r} must be a non-negative integer, not {value!r}")
    return value


def _timestamp(item: dict[str, Any], key: str) -> str:
    if key not in item:
        return ""
    value = item[key]
    if not isinstance(value, str):
        raise _Refuse(f"{key!r} must be an xsd:dateTime string")
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _Refuse(f"{key!r} {value!r} is not an xsd:dateTime") from None
    if "T" not in value:
        raise _Refuse(f"{key!r} {value!r} is not an xsd:dateTime (no time part)")
    return value


def _selector(target: dict[str, Any]) -> Selector:
    quote: dict[str, Any] | None = None
    position: dict[str, Any] | None = None
    for sel in _as_list(target.get("selector")):
        if not isinstance(sel, dict):
            raise _Refuse("a selector is not an object")
        kind = sel.get("type")
        if kind == "TextQuoteSelector" and quote is None:
            quote = sel
        elif kind == "TextPositionSelector" and position is None:
            position = sel
        else:
            raise _Refuse(f"unsupported or repeated selector type {kind!r}")
    if quote is None or position is None:
        raise _Refuse("target needs a TextQuoteSelector and a TextPositionSelector")
    exact = _string(quote, "exact", "TextQuoteSelector")
    affixes = []
    for key in ("prefix", "suffix"):
        if key in quote and not isinstance(quote[key], str):
            raise _Refuse(f"TextQuoteSelector {key!r} must be a string")
        affixes.append(quote.get(key, ""))
    start = _int(position, "start", "TextPositionSelector")
    end = _int(position, "end", "TextPositionSelector")
    if end < start or end - start != len(exact):
        raise _Refuse(
            f"TextPositionSelector {start}..{end} does not fit the {len(exact)}-char quote"
        )
    return Selector(start, end, exact, affixes[0], affixes[1])


def _color(item: dict[str, Any], target: dict[str, Any]) -> str | None:
    if "styleClass" not in target:
        if "stylesheet" in item:
            raise _Refuse("stylesheet without target styleClass")
        return None
    css_class = target["styleClass"]
    colour = css_class[len(STYLE_PREFIX) :] if isinstance(css_class, str) else None
    if (
        not isinstance(css_class, str)
        or not css_class.startswith(STYLE_PREFIX)
        or colour not in COLORS
    ):
        raise _Refuse(f"unknown styleClass {css_class!r}")
    sheet = item.get("stylesheet")
    if not isinstance(sheet, dict) or sheet.get("type") != "CssStylesheet":
        raise _Refuse("styleClass given without a CssStylesheet stylesheet")
    return colour


def _read_bodies(item: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {"note": "", "verdict": None, "evidence": None, "tags": []}
    for body in _as_list(item.get("body", [])):
        if not isinstance(body, dict):
            raise _Refuse("a body is not an object")
        purpose = body.get("purpose")
        if "TextualBody" in _as_list(body.get("type")):
            value = _string(body, "value", "TextualBody")
            if body.get("format", "text/plain") != "text/plain":
                raise _Refuse(f"TextualBody format {body.get('format')!r} is not text/plain")
            if purpose == "tagging":
                found["tags"].append(value)
            elif purpose in ("commenting", None):  # a body without purpose is a comment
                if found["note"] or not value:
                    raise _Refuse("more than one, or an empty, 'commenting' body")
                found["note"] = value
            elif purpose == "assessing":
                if found["verdict"] is not None or value not in VERDICTS:
                    raise _Refuse(f"'assessing' body {value!r} is not one verdict of {VERDICTS}")
                found["verdict"] = value
            else:
                raise _Refuse(f"unsupported TextualBody purpose {purpose!r}")
        elif "SpecificResource" in _as_list(body.get("type")):
            source = _string(body, "source", "SpecificResource body")
            if purpose != "linking" or found["evidence"] is not None or not _IRI.match(source):
                raise _Refuse("a SpecificResource body must be one 'linking' IRI")
            found["evidence"] = source
        else:
            raise _Refuse(f"unsupported body type {body.get('type')!r}")
    return found


def _read_annotation(item: object, resolve_source: Callable[[str], int | None]) -> Annotation:
    if not isinstance(item, dict):
        raise _Refuse("is not a JSON object")
    if "@context" in item and not _has_anno_context(item["@context"]):
        raise _Refuse(f"its @context does not include {ANNO_CONTEXT}")
    annotation_id = _string(item, "id", "annotation")
    if not _IRI.match(annotation_id):
        raise _Refuse(f"id {annotation_id!r} is not an IRI")
    if "Annotation" not in _as_list(item.get("type")):
        raise _Refuse(f"type {item.get('type')!r} is not 'Annotation'")
    motivations = _as_list(item.get("motivation", []))
    for motivation in motivations:
        if motivation not in MOTIVATIONS:
            raise _Refuse(f"unknown motivation {motivation!r}")
    targets = _as_list(item.get("target"))
    if len(targets) != 1 or not isinstance(targets[0], dict):
        raise _Refuse("needs exactly one target object")
    target = targets[0]
    source = _string(target, "source", "target")
    article_id = resolve_source(source)
    if article_id is None:
        raise _Refuse(f"target source {source!r} is not an article of this library")
    anchor = item.get(ANCHOR_KEY, "exact")
    if anchor not in ANCHOR_STATES:
        raise _Refuse(f"unknown {ANCHOR_KEY} {anchor!r}")
    bodies = _read_bodies(item)
    return Annotation(
        id=annotation_id,
        article_id=article_id,
        selector=_selector(target),
        color=_color(item, target),
        note=bodies["note"],
        tags=tuple(bodies["tags"]),
        verdict=bodies["verdict"],
        evidence=bodies["evidence"],
        created=_timestamp(item, "created"),
        modified=_timestamp(item, "modified"),
        anchor=anchor,
    )


def _items(data: dict[str, Any]) -> list[object]:
    kind = _as_list(data.get("type"))
    if "Annotation" in kind:
        return [data]
    if "AnnotationPage" in kind:
        pages: list[object] = [data]
    elif "AnnotationCollection" in kind:
        pages = [data["first"]] if "first" in data else []
    else:
        raise ImportAnnotationsError(
            f"top-level type {data.get('type')!r} is not an AnnotationCollection, "
            "AnnotationPage or Annotation"
        )
    items: list[object] = []
    while pages:
        page = pages.pop()
        if not isinstance(page, dict) or "AnnotationPage" not in _as_list(page.get("type")):
            raise ImportAnnotationsError("a page is not an embedded AnnotationPage object")
        if not isinstance(page.get("items"), list):
            raise ImportAnnotationsError("an AnnotationPage has no 'items' list")
        items.extend(page["items"])
        if "next" in page:
            pages.append(page["next"])
    total = data.get("total", len(items))
    if "AnnotationCollection" in kind and total != len(items):
        raise ImportAnnotationsError(f"'total' says {total!r} but {len(items)} items were found")
    return items


def w3c_to_annotations(
    data: object, resolve_source: Callable[[str], int | None]
) -> list[Annotation]:
    """Validate a W3C Web Annotation document and return its annotations, in file order.

    ``data`` is the parsed JSON (a JSON string is parsed too): an AnnotationCollection with
    embedded pages, an AnnotationPage or one Annotation. All-or-nothing: any problem raises
    ImportAnnotationsError naming the item (index and id) and the problem.
    """
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError as err:
            raise ImportAnnotationsError(f"not JSON: {err}") from None
    if not isinstance(data, dict):
        raise ImportAnnotationsError("not a JSON-LD object (top level must be a JSON object)")
    if not _has_anno_context(data.get("@context")):
        raise ImportAnnotationsError(f"not Web Annotation JSON-LD: @context lacks {ANNO_CONTEXT}")
    annotations: list[Annotation] = []
    seen: set[str] = set()
    for index, item in enumerate(_items(data)):
        label = f"item {index}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label += f" ({item['id']})"
        try:
            annotation = _read_annotation(item, resolve_source)
        except _Refuse as problem:
            raise ImportAnnotationsError(f"{label}: {problem}") from None
        if annotation.id in seen:
            raise ImportAnnotationsError(f"{label}: id appears twice")
        seen.add(annotation.id)
        annotations.append(annotation)
    return annotations
