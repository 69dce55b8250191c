"""dumps_indented writes exactly what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from briefing.services.json_text import dumps_indented

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(), inner,
                                                                         max_size=3)),
    max_leaves=8,
)


@given(st.dictionaries(st.text(), VALUES, max_size=8))
def test_records_are_written_as_json_indents_them(record: dict[str, Any]) -> None:
    assert dumps_indented(record) == json.dumps(record, ensure_ascii=False, indent=2)


@given(VALUES)
def test_any_value_is_written_as_json_indents_it(value: Any) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_flat_record_with_awkward_strings() -> None:
    record = {"quote": 'He said: "no",\n  "x": 1 — ünïcode', "tags": [], "score": 0.5,
              "hedged": False, "note": None, "n": 3, "map": {}}
    text = dumps_indented(record)
    assert text == json.dumps(record, ensure_ascii=False, indent=2)
    assert json.loads(text) == record


@given(st.dictionaries(st.sampled_from(["a", "tags", "b"]), VALUES, max_size=3))
def test_naming_the_container_keys_gives_the_same_text(record: dict[str, Any]) -> None:
    if all(not isinstance(v, (list, dict)) or not v for k, v in record.items() if k != "tags"):
        assert dumps_indented(record, containers=("tags",)) == json.dumps(
            record, ensure_ascii=False, indent=2)
