"""What every command module shares: opening the library, streamed JSON arrays."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any


def open_library() -> Any:
    from briefing.services import Library

    return Library.open()


def print_json_array(items: Iterable[dict[str, Any] | str]) -> None:
    """Write the items (dicts, or their ``json.dumps(..., indent=2)`` text) as one JSON
    array, as ``json.dumps(list, indent=2)`` would, one item at a time, so that nothing
    grows with the library."""
    from briefing.services.json_text import dumps_indented

    out = sys.stdout
    first = True
    for item in items:
        text = item if isinstance(item, str) else dumps_indented(item)
        out.write(("[\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
        first = False
    out.write("[]\n" if first else "\n]\n")
    out.flush()
