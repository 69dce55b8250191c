"""Fast JSON text for streamed command output: :func:`dumps_indented` writes exactly what
``json.dumps(value, ensure_ascii=False, indent=2)`` writes. json indents in pure Python; for
a flat record (the review items, the library rows: scalars and empty lists only) the same
text comes from its C encoder with ",\\n  " between members, about twice as fast."""

from __future__ import annotations

import json
from typing import Any

_FLAT = json.JSONEncoder(ensure_ascii=False, separators=(",\n  ", ": "))


def dumps_indented(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, faster for flat dicts."""
    if type(value) is dict and value and all(
        not isinstance(item, (list, tuple, dict)) or not item for item in value.values()
    ):
        text = _FLAT.encode(value)  # '{"a": 1,\n  "b": []}'
        return "{\n  " + text[1:-1] + "\n}"
    return json.dumps(value, ensure_ascii=False, indent=2)
