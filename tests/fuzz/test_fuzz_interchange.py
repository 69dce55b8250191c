"""Fuzzing the W3C import and the Markdown re-export merge with hostile documents."""

from __future__ import annotations

import copy
import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.domain import Annotation, ImportAnnotationsError, Selector
from briefing.export.merge import merge_reexport
from briefing.export.w3c import annotations_to_w3c, w3c_to_annotations

FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
TEXT = "Officials said about 75% of the region was held.\nThe mayor denied it."

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.floats(allow_nan=True)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)


def _valid_export() -> dict[str, Any]:
    annotations = [
        Annotation(
            id="urn:uuid:00000000-0000-4000-8000-00000000000" + str(i),
            article_id=1,
            selector=Selector.from_text(TEXT, start, end),
            color=color,
            note=note,
            tags=tags,
            verdict=verdict,
            evidence=evidence,
            created="2025-01-01T00:00:00Z",
            modified="2025-01-02T00:00:00Z",
        )
        for i, (start, end, color, note, tags, verdict, evidence) in enumerate(
            [
                (15, 24, "yellow", "check", ("to-check",), None, None),
                (0, 9, None, "", (), "disputed", "https://example.org/x"),
                (53, 58, "blue", "", (), None, None),
            ]
        )
    ]
    return annotations_to_w3c(annotations, lambda _: "urn:sha256:abc")


def _resolve(iri: str) -> int | None:
    return 1 if iri == "urn:sha256:abc" else None


@FUZZ
@given(JSON)
def test_arbitrary_json_is_refused_cleanly(data: Any) -> None:
    try:
        result = w3c_to_annotations(data, _resolve)
    except ImportAnnotationsError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(result, list)


PATHS = st.lists(st.one_of(st.text(max_size=10), st.integers(0, 3)), min_size=1, max_size=5)


def _h(value: Any) -> int:
    return zlib.crc32(str(value).encode("utf-8", "surrogatepass"))


def _mutate(doc: Any, path: list[Any], value: Any) -> Any:
    node = doc
    for step in path[:-1]:
        if isinstance(node, dict) and node:
            node = node[sorted(node)[_h(step) % len(node)]]
        elif isinstance(node, list) and node:
            node = node[_h(step) % len(node)]
    last = path[-1]
    if isinstance(node, dict):
        key = sorted(node)[_h(last) % len(node)] if node and isinstance(last, int) else last
        node[str(key)] = value
    elif isinstance(node, list) and node:
        node[_h(last) % len(node)] = value
    return doc


@FUZZ
@given(PATHS, JSON)
def test_mutated_exports_import_or_are_refused_whole(path: list[Any], value: Any) -> None:
    doc = _mutate(copy.deepcopy(_valid_export()), path, value)
    try:
        result = w3c_to_annotations(doc, _resolve)
    except ImportAnnotationsError:
        return
    for annotation in result:
        assert annotation.article_id == 1
        sel = annotation.selector
        assert 0 <= sel.start <= sel.end and len(sel.exact) == sel.end - sel.start


def test_refused_file_changes_nothing_in_the_library(tmp_path: Path, samples: Path) -> None:
    from briefing.services import Library
    from briefing.services.annotating import annotate_quote, annotations_for
    from briefing.services.articles import import_source
    from briefing.services.exporting import import_annotations, w3c_json

    with Library.open() as lib:
        article = import_source(lib, str(samples / "siversk.txt")).article
        annotate_quote(lib, article.id, "about 75%", note="original")
        exported = json.loads(w3c_json(lib, [article.id]))
        before = annotations_for(lib, article.id)
        items = exported["first"]["items"]
        items.append(copy.deepcopy(items[0]))
        items[-1]["id"] = "urn:uuid:11111111-1111-4111-8111-111111111111"
        items[-1]["target"]["selector"] = "broken"
        items[0]["body"] = [{"type": "TextualBody", "value": "changed", "purpose": "commenting"}]
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(exported), encoding="utf-8")
        with pytest.raises(ImportAnnotationsError, match=r"bad\.json"):
            import_annotations(lib, bad)
        assert annotations_for(lib, article.id) == before


MARKER = st.sampled_from(
    [
        "<!-- briefing:begin summary a1 sha256=000000000000 -->",
        "<!-- briefing:end summary a1 -->",
        "<!-- briefing:begin claims a1 -->",
        "<!-- briefing:end claims a2 -->",
        "---",
        "# briefing:front-matter sha256=123",
        "> [!warning] Briefing: your edits",
    ]
)
LINES = st.lists(st.one_of(MARKER, st.text(max_size=40)), max_size=40)


@FUZZ
@given(LINES, LINES)
def test_merge_never_crashes_and_keeps_user_lines(
    existing: list[str], generated: list[str]
) -> None:
    old, new = "\n".join(existing), "\n".join(generated)
    result = merge_reexport(old, new)
    assert isinstance(result.text, str)
    # plain user lines that are not markers survive the merge somewhere in the output
    for line in existing:
        if line.strip() and "briefing" not in line and line.strip() != "---" and "\r" not in line:
            assert line.strip() in result.text or not line.strip()
