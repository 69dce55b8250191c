"""What every command module shares: opening the library."""

from __future__ import annotations

from typing import Any


def open_library() -> Any:
    from briefing.services import Library

    return Library.open()
