"""Fast JSON text for streamed command output: :func:`dumps_indented` writes exactly what
``json.dumps(value, ensure_ascii=False, indent=2)`` writes. json indents in pure Python; for
a flat record (the review items, the library rows: scalars and empty lists only) the same
text comes from its C encoder with ",\\n  " between members, about twice as fast."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

_FLAT = json.JSONEncoder(ensure_ascii=False, separators=(",\n  ", ": "))


def dumps_indented(value: Any, containers: Iterable[str] | None = None) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, faster for flat dicts.

    ``containers`` names the only keys that may hold a list or dict (the caller knows its
    records); None: every value is looked at."""
    if type(value) is not dict or not value:
        return json.dumps(value, ensure_ascii=False, indent=2)
    values = value.values() if containers is None else (value.get(k) for k in containers)
    for item in values:
        if item and isinstance(item, (list, tuple, dict)):
            return json.dumps(value, ensure_ascii=False, indent=2)
    text = _FLAT.encode(value)  # '{"a": 1,\n  "b": []}'
    return "{\n  " + text[1:-1] + "\n}"
