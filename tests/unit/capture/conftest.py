"""A capture endpoint on an ephemeral 127.0.0.1 port, a paired token, and a raw client."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from briefing.capture.server import CaptureEndpoint, CaptureHTTPServer, bind_server, start_in_thread
from briefing.services import Library
from briefing.services.capturing import pair_token

EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: Any


def request(
    port: int, method: str, path: str, *, body: bytes | None = None,
    headers: dict[str, str] | None = None, host: str | None = None,
) -> Reply:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
        for key, value in (headers or {}).items():
            conn.putheader(key, value)
        if body is not None and "Content-Length" not in (headers or {}):
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        raw = response.read()
        try:
            parsed = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            parsed = raw
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, parsed)
    finally:
        conn.close()


@dataclass
class Endpoint:
    server: CaptureHTTPServer
    token: str
    token_id: int
    captured: list[Any]

    @property
    def port(self) -> int:
        return self.server.port

    def post(self, payload: Any, *, token: str | None = None, origin: str | None = EXTENSION,
             headers: dict[str, str] | None = None, host: str | None = None) -> Reply:
        sent = {"Content-Type": "application/json"}
        if origin is not None:
            sent["Origin"] = origin
        chosen = self.token if token is None else token
        if chosen:
            sent["Authorization"] = f"Bearer {chosen}"
        sent.update(headers or {})
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        return request(self.port, "POST", "/v1/captures", body=data, headers=sent, host=host)

    def ping(self) -> Reply:
        return request(self.port, "GET", "/v1/ping")


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    with Library.open() as lib:
        token_id, token = pair_token(lib, "test browser")
    captured: list[Any] = []
    server = bind_server(CaptureEndpoint(on_capture=captured.append), 0)
    thread = start_in_thread(server)
    try:
        yield Endpoint(server, token, token_id, captured)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
