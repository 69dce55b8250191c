"""`list --json`, `review --json` and `entities --json` write one item at a time: the same
text as one ``json.dumps(..., indent=2)`` of the whole array."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.cli.common import print_json_array

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=8,
)


@given(st.lists(st.dictionaries(st.text(max_size=5), _VALUES, max_size=4), max_size=4))
def test_streamed_array_equals_one_dump(items: list[dict[str, Any]]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        written: list[str] = []
        patch.setattr("sys.stdout.write", written.append)
        print_json_array(iter(items))
    assert "".join(written) == json.dumps(items, ensure_ascii=False, indent=2) + "\n"
