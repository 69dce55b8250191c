"""Wall-clock timestamps in one format (ISO 8601, UTC, seconds, trailing Z)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def stamp_for_filename() -> str:
    """A timestamp safe inside file names, e.g. 20261126T040512Z."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
