"""Decoding OpenAI-style chat answers: server-sent events and JSON bodies (pure functions).

The decoder is incremental and bounded: it never holds more than one line of
``max_line_bytes``, so a server that sends an endless line cannot exhaust memory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

DONE = "[DONE]"


class StreamFormatError(ValueError):
    """The bytes received do not follow the expected format (message says how)."""


@dataclass(frozen=True, slots=True)
class Delta:
    """What one streamed chunk adds: text (may be empty) and the finish reason if any."""

    content: str
    finish_reason: str | None = None


class SseDecoder:
    """Turns received bytes into the data payloads of complete server-sent events."""

    def __init__(self, max_line_bytes: int = 1 << 20) -> None:
        self._max_line = max_line_bytes
        self._buffer = bytearray()
        self._data: list[str] = []

    def feed(self, chunk: bytes) -> list[str]:
        """Add received bytes; return the data of every event completed by them."""
        self._buffer += chunk
        events: list[str] = []
        while (newline := self._buffer.find(b"\n")) >= 0:
            line = bytes(self._buffer[:newline]).rstrip(b"\r")
            del self._buffer[: newline + 1]
            self._line(line, events)
        if len(self._buffer) > self._max_line:
            raise StreamFormatError(f"a stream line is longer than {self._max_line} bytes")
        return events

    def finish(self) -> list[str]:
        """The stream ended: return a last event that lacked its closing blank line."""
        events: list[str] = []
        if self._buffer:
            self._line(bytes(self._buffer), events)
            self._buffer.clear()
        self._line(b"", events)
        return events

    def _line(self, raw: bytes, events: list[str]) -> None:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise StreamFormatError("the stream is not UTF-8 text") from None
        if not line:
            if self._data:
                events.append("\n".join(self._data))
                self._data = []
            return
        if line.startswith(":"):
            return  # comment / keep-alive
        name, _, value = line.partition(":")
        if name == "data":
            self._data.append(value.removeprefix(" "))
        elif name not in ("event", "id", "retry"):
            raise StreamFormatError(f"unexpected stream line {_preview(line)!r}")


def parse_chunk(data: str) -> Delta:
    """The text added by one ``chat.completion.chunk`` event (``choices[0].delta.content``)."""
    payload = _json_object(data, "stream event")
    _raise_embedded_error(payload)
    if payload.get("choices") == []:
        return Delta("")  # e.g. a final usage-only chunk
    choice = _first_choice(payload, "stream event")
    delta = choice.get("delta") or {}
    if not isinstance(delta, dict):
        raise StreamFormatError("a stream event's 'delta' is not an object")
    content = delta.get("content") or ""
    if not isinstance(content, str):
        raise StreamFormatError("a stream event's content is not text")
    finish = choice.get("finish_reason")
    return Delta(content, finish if isinstance(finish, str) else None)


def parse_completion(body: str) -> str:
    """The answer text of a non-streamed ``chat.completion`` body."""
    payload = _json_object(body, "answer")
    _raise_embedded_error(payload)
    message = _first_choice(payload, "answer").get("message")
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str):
        raise StreamFormatError("the answer has no message content")
    return content


def parse_models(body: str) -> list[str]:
    """Model ids from a ``GET /models`` body (``{"data": [{"id": ...}, ...]}``)."""
    payload = _json_object(body, "model list")
    data = payload.get("data")
    if not isinstance(data, list):
        raise StreamFormatError("the model list has no 'data' array")
    ids = [item.get("id") for item in data if isinstance(item, dict)]
    return sorted({i for i in ids if isinstance(i, str) and i})


def error_message(body: str) -> str | None:
    """The server's own explanation inside an error body, if it gave one."""
    try:
        payload = json.loads(body)
    except ValueError:
        text = body.strip()
        return _preview(text.splitlines()[0]) if text and "<" not in text[:1] else None
    if not isinstance(payload, dict):
        return None
    for value in (payload.get("error"), payload.get("message"), payload.get("detail")):
        if isinstance(value, dict):
            value = value.get("message")
        if isinstance(value, str) and value.strip():
            return _preview(value)
    return None


class EmbeddedError(StreamFormatError):
    """The server put an ``{"error": ...}`` object where the answer should be."""


def _raise_embedded_error(payload: dict[str, Any]) -> None:
    if "error" in payload:
        message = error_message(json.dumps(payload)) or "unspecified error"
        raise EmbeddedError(message)


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        payload = json.loads(text)
    except ValueError:
        raise StreamFormatError(f"the {what} is not valid JSON ({_preview(text)!r})") from None
    if not isinstance(payload, dict):
        raise StreamFormatError(f"the {what} is not a JSON object")
    return payload


def _first_choice(payload: dict[str, Any], what: str) -> dict[str, Any]:
    choices = payload.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise StreamFormatError(f"the {what} has no 'choices'")
    return choices[0]


def _preview(text: str, limit: int = 160) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
