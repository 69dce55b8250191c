"""``ChatClient``: a small, defensive client for OpenAI-compatible chat-completion servers.

Works with Ollama, the llama.cpp server and hosted APIs that speak ``/v1/chat/completions``.
Nothing touches the network unless ``settings.enabled``. Every failure becomes an
``LlmError`` whose one-line message names the provider URL; the API key is sent only as an
``Authorization: Bearer`` header and never appears in messages, logs or reprs.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from briefing import __version__
from briefing.llm.cancel import CancelCheck, CancelWatch
from briefing.llm.errors import LlmCancelled, LlmError
from briefing.llm.settings import ProviderSettings
from briefing.llm.sse import (
    DONE,
    EmbeddedError,
    SseDecoder,
    StreamFormatError,
    error_message,
    parse_chunk,
    parse_completion,
    parse_models,
)

log = logging.getLogger(__name__)

Message = Mapping[str, str]
ROLES = frozenset({"system", "user", "assistant"})
CONNECT_TIMEOUT_CAP = 10.0
ERROR_BODY_BYTES = 64 * 1024
MODELS_BODY_BYTES = 1 << 20
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class _Cancelled(Exception):
    """Internal: the caller's cancel() turned true while a request was running."""


class ChatClient:
    """Chat completions from the provider in ``settings``; use as a context manager.

    ``cancel`` callables may be called from a helper thread (use e.g. ``Event.is_set``).
    One client serves one thread at a time (create one per worker).
    A 429 answer is retried up to ``max_retries`` times when its Retry-After is at most
    ``retry_cap`` seconds; otherwise it becomes an error at once.
    """

    def __init__(
        self,
        settings: ProviderSettings,
        api_key: str | None = None,
        *,
        retry_cap: float = 5.0,
        max_retries: int = 2,
    ) -> None:
        self.settings = settings
        self.__key = _Secret(api_key) if api_key else None
        self._retry_cap = retry_cap
        self._max_retries = max_retries
        self._http: httpx.Client | None = None

    def __repr__(self) -> str:
        key = "set" if self.__key else "none"
        return f"ChatClient({self.provider!r}, model={self.settings.model!r}, api_key={key})"

    @property
    def provider(self) -> str:
        return self.settings.base_url

    def __enter__(self) -> ChatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    # --- public calls -------------------------------------------------------------------
    def list_models(self) -> list[str]:
        """Ids of the models the server offers (``GET /models``), sorted."""
        with self._response("GET", "models", None, None) as response:
            body = self._read_body(response, MODELS_BODY_BYTES, "model list")
        return self._parsed(parse_models, body)

    def complete(self, messages: Sequence[Message], *, cancel: CancelCheck | None = None) -> str:
        """The whole answer at once. A cancel raises ``LlmCancelled``."""
        payload = self._payload(messages, stream=False)
        limit = self.settings.max_response_chars
        try:
            with self._response("POST", "chat/completions", payload, cancel) as response:
                body = self._read_body(response, 6 * limit + ERROR_BODY_BYTES, "answer")
        except _Cancelled:
            raise LlmCancelled(self._msg("request cancelled")) from None
        text = self._parsed(parse_completion, body)
        if len(text) > limit:
            raise LlmError(self._msg(f"the answer exceeded {limit} characters; stopped"))
        return text

    def stream(
        self, messages: Sequence[Message], cancel: CancelCheck | None = None
    ) -> Iterator[str]:
        """Yield the answer's text as it arrives. A cancel ends the iteration quietly and
        closes the connection; everything else that goes wrong raises ``LlmError``."""
        payload = self._payload(messages, stream=True)
        if cancel is not None and cancel():
            return
        limit = self.settings.max_response_chars
        raw_limit = 64 * limit + (1 << 20)
        produced = 0
        try:
            with self._response("POST", "chat/completions", payload, cancel) as response:
                ctype = response.headers.get("content-type", "")
                if "json" in ctype:  # the server ignored "stream": take the whole answer
                    body = self._read_body(response, 6 * limit + ERROR_BODY_BYTES, "answer")
                    text = self._parsed(parse_completion, body)
                    if len(text) > limit:
                        raise LlmError(self._msg(f"the answer exceeded {limit} characters"))
                    if text:
                        yield text
                    return
                decoder = SseDecoder()
                received = 0
                finished = False
                for chunk in response.iter_bytes():
                    if cancel is not None and cancel():
                        return
                    received += len(chunk)
                    if received > raw_limit:
                        raise LlmError(self._msg(f"the stream exceeded {raw_limit} bytes; stopped"))
                    for data in self._parsed(decoder.feed, chunk):
                        if data.strip() == DONE:
                            return
                        delta = self._parsed(parse_chunk, data)
                        finished = finished or delta.finish_reason is not None
                        if not delta.content:
                            continue
                        produced += len(delta.content)
                        if produced > limit:
                            raise LlmError(
                                self._msg(f"the answer exceeded {limit} characters; stopped")
                            )
                        yield delta.content
                        if cancel is not None and cancel():
                            return
                for data in self._parsed(decoder.finish):
                    if data.strip() == DONE:
                        return
                    self._parsed(parse_chunk, data)
                if not finished:
                    raise LlmError(
                        self._msg("the answer stream ended early (no end marker; truncated)")
                    )
        except _Cancelled:
            return

    # --- plumbing -----------------------------------------------------------------------
    def _payload(self, messages: Sequence[Message], *, stream: bool) -> dict[str, Any]:
        self._require_enabled()
        if not self.settings.model:
            raise LlmError(self._msg("no model chosen; pick one in the language-model settings"))
        clean = []
        for message in messages:
            role, content = message.get("role"), message.get("content")
            if role not in ROLES or not isinstance(content, str):
                raise LlmError(self._msg(f"invalid chat message with role {role!r}"))
            clean.append({"role": role, "content": content})
        if not clean:
            raise LlmError(self._msg("no messages to send"))
        return {"model": self.settings.model, "messages": clean, "stream": stream}

    def _require_enabled(self) -> None:
        if not self.settings.enabled:
            raise LlmError(self._msg("language-model support is turned off in the settings"))

    def _client(self) -> httpx.Client:
        if self._http is None:
            timeout = self.settings.timeout
            host = urlsplit(self.provider).hostname or ""
            self._http = httpx.Client(
                timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT_CAP)),
                limits=httpx.Limits(max_keepalive_connections=0),  # a fresh socket per request
                follow_redirects=False,
                trust_env=host not in _LOOPBACK,  # never send local traffic through a proxy
            )
        return self._http

    def _headers(self) -> dict[str, str]:
        headers = {
            "Accept": "application/json, text/event-stream",
            "Accept-Encoding": "identity",
            "User-Agent": f"Briefing/{__version__}",
        }
        if self.__key:
            headers["Authorization"] = f"Bearer {self.__key.reveal()}"
        return headers

    @contextlib.contextmanager
    def _response(
        self, method: str, path: str, payload: dict[str, Any] | None, cancel: CancelCheck | None
    ) -> Iterator[httpx.Response]:
        """An open, successful (2xx) streamed response; errors mapped to ``LlmError``."""
        self._require_enabled()
        url = f"{self.provider}/{path}"
        for attempt in range(self._max_retries + 1):
            log.debug("LLM %s %s (attempt %d)", method, url, attempt + 1)
            watch = CancelWatch(cancel)
            try:
                with (
                    watch,
                    self._client().stream(
                        method,
                        url,
                        json=payload,
                        headers=self._headers(),
                        extensions={"trace": watch.trace},
                    ) as response,
                ):
                    if response.status_code == 429:
                        wait = self._rate_limit_wait(response, attempt)
                    elif response.status_code >= 400:
                        raise LlmError(self._http_problem(response))
                    elif response.status_code >= 300:
                        where = response.headers.get("location", "elsewhere")
                        raise LlmError(
                            self._msg(
                                f"HTTP {response.status_code} redirect to {_preview(where)}; "
                                "set the base URL to the final address"
                            )
                        )
                    else:
                        yield response
                        return
            except httpx.HTTPError as err:
                if watch.cancelled:
                    raise _Cancelled from None
                raise LlmError(self._transport_problem(err)) from None
            if watch.cancelled:
                raise _Cancelled
            self._sleep(wait, cancel)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _rate_limit_wait(self, response: httpx.Response, attempt: int) -> float:
        wait = _retry_after(response.headers.get("retry-after"))
        if attempt < self._max_retries and wait <= self._retry_cap:
            log.info("LLM provider %s rate-limited; retrying in %.1f s", self.provider, wait)
            return wait
        detail = self._server_detail(response)
        raise LlmError(
            self._msg(
                f"rate limited (HTTP 429), server asks to wait {wait:.0f} s; try again later"
                + (f": {detail}" if detail else "")
            )
        )

    def _sleep(self, seconds: float, cancel: CancelCheck | None) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if cancel is not None and cancel():
                raise _Cancelled
            time.sleep(min(left, 0.05))

    def _read_body(self, response: httpx.Response, limit: int, what: str) -> str:
        data = bytearray()
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) > limit:
                raise LlmError(self._msg(f"the {what} exceeded {limit} bytes; stopped"))
        return data.decode("utf-8", errors="replace")

    def _server_detail(self, response: httpx.Response) -> str | None:
        try:
            body = self._read_body(response, ERROR_BODY_BYTES, "error message")
        except (LlmError, httpx.HTTPError):
            return None
        return error_message(body)

    def _http_problem(self, response: httpx.Response) -> str:
        detail = self._server_detail(response)
        reason = response.reason_phrase or "error"
        problem = f"HTTP {response.status_code} {reason}"
        if response.status_code in (401, 403):
            problem += " (check the API key)"
        elif response.status_code == 404:
            problem += " (check the base URL and model name)"
        return self._msg(problem + (f": {detail}" if detail else ""))

    def _transport_problem(self, err: httpx.HTTPError) -> str:
        if isinstance(err, httpx.TimeoutException):
            return self._msg(f"no answer within {self.settings.timeout:g} s (timed out)")
        if isinstance(err, httpx.ConnectError):
            return self._msg("cannot connect; is the server running at this address?")
        if isinstance(err, httpx.RemoteProtocolError | httpx.ReadError):
            return self._msg("the connection broke off before the answer was complete")
        return self._msg(f"request failed ({type(err).__name__})")

    def _parsed(self, parse: Any, *args: Any) -> Any:
        try:
            return parse(*args)
        except EmbeddedError as err:
            raise LlmError(self._msg(f"the server reported an error: {err}")) from None
        except StreamFormatError as err:
            raise LlmError(self._msg(f"unexpected answer: {err}")) from None

    def _msg(self, problem: str) -> str:
        text = f"LLM provider {self.provider}: {problem}"
        if self.__key:
            text = text.replace(self.__key.reveal(), "[key hidden]")
        return " ".join(text.split())


class _Secret:
    """Holds the API key so that no repr, vars() dump or traceback shows it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "<hidden>"


def _preview(text: str, limit: int = 120) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def _retry_after(value: str | None, default: float = 1.0) -> float:
    """Seconds asked for by a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
