"""The body of ``POST /v1/captures``: checked field by field into a :class:`CaptureRequest`.

Anything missing or of the wrong kind raises :class:`InvalidCapture` (HTTP 422) with a
message naming the field; nothing is stored before a request has passed these checks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from briefing.domain import BriefingError

MAX_TAGS = 50
MAX_TAG_CHARS = 100
MAX_NOTE_CHARS = 100_000
MAX_CONTEXT_CHARS = 1000


class InvalidCapture(BriefingError):
    """A capture body that is JSON but not a valid capture (HTTP 422)."""


@dataclass(frozen=True, slots=True)
class CaptureSelection:
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class CaptureRequest:
    capture_id: str
    url: str
    title: str
    html: str
    selection: CaptureSelection | None = None
    note: str = ""
    tags: tuple[str, ...] = ()


def _string(body: dict[str, Any], key: str, *, required: bool = False, limit: int = 0) -> str:
    value = body.get(key)
    if value is None:
        if required:
            raise InvalidCapture(f"{key}: missing")
        return ""
    if not isinstance(value, str):
        raise InvalidCapture(f"{key}: must be a string")
    if required and not value.strip():
        raise InvalidCapture(f"{key}: is empty")
    if limit and len(value) > limit:
        raise InvalidCapture(f"{key}: longer than {limit} characters")
    return value


def _capture_id(body: dict[str, Any]) -> str:
    raw = _string(body, "capture_id", required=True)
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise InvalidCapture("capture_id: must be a UUID") from None


def _url(body: dict[str, Any]) -> str:
    url = _string(body, "url", required=True).strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InvalidCapture("url: only http and https pages can be captured")
    return url


def _selection(body: dict[str, Any]) -> CaptureSelection | None:
    raw = body.get("selection")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InvalidCapture("selection: must be an object with exact, prefix and suffix")
    exact = _string(raw, "exact")
    prefix = _string(raw, "prefix", limit=MAX_CONTEXT_CHARS)
    suffix = _string(raw, "suffix", limit=MAX_CONTEXT_CHARS)
    if not exact.strip():
        return None  # an empty selection is no selection
    return CaptureSelection(exact, prefix, suffix)


def _tags(body: dict[str, Any]) -> tuple[str, ...]:
    raw = body.get("tags")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(tag, str) for tag in raw):
        raise InvalidCapture("tags: must be a list of strings")
    if len(raw) > MAX_TAGS or any(len(tag) > MAX_TAG_CHARS for tag in raw):
        raise InvalidCapture(f"tags: at most {MAX_TAGS} tags of {MAX_TAG_CHARS} characters")
    return tuple(raw)


def parse_capture(body: Any) -> CaptureRequest:
    """Check a decoded JSON body; raise InvalidCapture naming the first bad field."""
    if not isinstance(body, dict):
        raise InvalidCapture("the body must be a JSON object")
    return CaptureRequest(
        capture_id=_capture_id(body),
        url=_url(body),
        title=_string(body, "title", limit=2000),
        html=_string(body, "html", required=True),
        selection=_selection(body),
        note=_string(body, "note", limit=MAX_NOTE_CHARS),
        tags=_tags(body),
    )
