"""A real HTTP server on 127.0.0.1 (http.server in a thread) serving the feed fixtures."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefing.services import Library

DATA = Path(__file__).resolve().parents[2] / "data" / "feeds"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Route = Callable[[dict[str, str]], Reply]


@dataclass
class FeedServer:
    """Routes path -> reply (or a function of the request headers); counts hits."""

    base: str = ""
    routes: dict[str, Reply | Route] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def fixture(self, name: str) -> bytes:
        return (DATA / name).read_text(encoding="utf-8").replace("{base}", self.base).encode()

    def serve(self, path: str, reply: Reply | Route) -> str:
        self.routes[path] = reply
        return self.url(path)

    def serve_file(self, path: str, name: str, content_type: str) -> str:
        return self.serve(
            path, Reply(body=self.fixture(name), headers={"Content-Type": content_type})
        )


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.hits[self.path] = server.hits.get(self.path, 0) + 1
            server.requests.append((self.path, headers))
            route = server.routes.get(self.path)
            reply = (
                Reply(404, b"not here")
                if route is None
                else (route(headers) if callable(route) else route)
            )
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                if value:  # an empty value leaves the header out (e.g. no Content-Length)
                    self.send_header(name, value)
            if "Content-Length" not in reply.headers:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.status != 304:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(reply.body)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@pytest.fixture
def feed_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def lib() -> Iterator[Library]:
    with Library.open() as library:
        yield library
