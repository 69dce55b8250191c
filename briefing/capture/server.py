"""The loopback HTTP endpoint of CONTRACTS.md "Browser capture" (stdlib http.server).

Every request passes, in this order: the Host check and the Origin check (403), then for
``POST /v1/captures`` the size limit (413, decided from Content-Length before reading), JSON
only (415), the token (401) and the fields (422). A refused request stores nothing, and no
response ever carries CORS headers, so a script in a web page can neither send nor read.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from briefing import __version__
from briefing.capture.pairing import PairingBroker, PairingRefused
from briefing.domain import BriefingError
from briefing.domain.capture import InvalidCapture, parse_capture
from briefing.services.library import Library

DEFAULT_PORT = 27183
LAST_PORT = 27192
MAX_BODY_BYTES = 20 * 1024 * 1024
HOST = "127.0.0.1"
EXTENSION_ORIGIN_RE = re.compile(
    r"^(?:chrome-extension|moz-extension|safari-web-extension)://[A-Za-z0-9._-]+/?$"
)
_BEARER_RE = re.compile(r"^Bearer\s+(\S+)\s*$", re.I)
_log = logging.getLogger(__name__)


class PortUnavailable(BriefingError):
    """No port could be bound (the one asked for, or any of the default range)."""


@dataclass
class CaptureEndpoint:
    """What the handler needs: how to open the library (one connection per request, never
    shared between threads), who to tell about a new capture, and in-app pairing."""

    open_library: Callable[[], Library] = Library.open
    on_capture: Callable[[Any], None] | None = None
    pairing: PairingBroker | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)  # one capture at a time


class _Refusal(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


class CaptureHandler(BaseHTTPRequestHandler):
    server: CaptureHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "Briefing"
    timeout = 30  # a client that stops sending mid-body does not hold a thread forever

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        _log.info("capture endpoint: " + format, *args)

    # --- responses -------------------------------------------------------------------
    def _send(self, status: HTTPStatus, body: dict[str, Any], *, close: bool = False) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)

    def _refuse(self, refusal: _Refusal) -> None:
        # The body may not have been read: close rather than parse it as the next request.
        self._send(refusal.status, {"error": str(refusal)}, close=True)

    # --- checks ----------------------------------------------------------------------
    def _check_host_and_origin(self) -> str | None:
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            raise _Refusal(HTTPStatus.FORBIDDEN, f"Host must be 127.0.0.1:{port}")
        origin = self.headers.get("Origin")
        if origin is not None and not EXTENSION_ORIGIN_RE.match(origin.strip()):
            raise _Refusal(HTTPStatus.FORBIDDEN, "only the Briefing extension may call this")
        return origin.strip().rstrip("/") if origin else None

    def _read_json(self) -> Any:
        length_header = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length_header is None:
            raise _Refusal(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length")
        try:
            length = int(length_header)
        except ValueError:
            raise _Refusal(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        if length < 0:
            raise _Refusal(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if length > MAX_BODY_BYTES:
            raise _Refusal(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the body is over 20 MiB")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise _Refusal(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json")
        data = self.rfile.read(length)
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise _Refusal(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "the body is not JSON") from None

    def _bearer(self) -> str:
        match = _BEARER_RE.match(self.headers.get("Authorization") or "")
        if match is None:
            raise _Refusal(HTTPStatus.UNAUTHORIZED, "missing token: pair the extension first")
        return match.group(1)

    # --- routes ----------------------------------------------------------------------
    def _dispatch(self, method: str) -> None:
        try:
            origin = self._check_host_and_origin()
            route = self.path.split("?", 1)[0]
            if method == "GET" and route == "/v1/ping":
                self._send(HTTPStatus.OK, {"app": "briefing", "version": __version__})
            elif method == "POST" and route == "/v1/captures":
                self._capture(origin)
            elif route.startswith("/v1/pairings"):
                self._pairing(method, route, origin)
            elif route in ("/v1/ping", "/v1/captures"):
                raise _Refusal(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} is not allowed here")
            else:
                raise _Refusal(HTTPStatus.NOT_FOUND, "no such endpoint")
        except _Refusal as refusal:
            self._refuse(refusal)
        except Exception:  # the server keeps serving; details go to the log only
            _log.exception("capture endpoint: request failed")
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "the capture failed"},
                       close=True)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def do_OPTIONS(self) -> None:  # no CORS preflight is ever granted
        self._dispatch("OPTIONS")

    def _capture(self, origin: str | None) -> None:
        from briefing.services.capturing import check_token, receive_capture

        body = self._read_json()
        token = self._bearer()
        endpoint = self.server.endpoint
        with endpoint.lock, endpoint.open_library() as lib:
            paired = check_token(lib, token)
            if paired is None:
                raise _Refusal(HTTPStatus.UNAUTHORIZED, "wrong or revoked token: pair again")
            try:
                request = parse_capture(body)
                outcome = receive_capture(lib, request, token_id=paired.id, origin=origin)
            except InvalidCapture as exc:
                raise _Refusal(HTTPStatus.UNPROCESSABLE_ENTITY, str(exc)) from None
        if endpoint.on_capture is not None and not outcome.duplicate:
            endpoint.on_capture(outcome)  # before the reply: once it arrives, the host knows
        status = HTTPStatus.OK if outcome.duplicate else HTTPStatus.CREATED
        self._send(status, outcome.to_json())

    def _pairing(self, method: str, route: str, origin: str | None) -> None:
        broker = self.server.endpoint.pairing
        if broker is None:
            raise _Refusal(
                HTTPStatus.SERVICE_UNAVAILABLE,
                "pair in the open reader, or paste a token from `briefing capture pair`",
            )
        if origin is None:
            raise _Refusal(HTTPStatus.FORBIDDEN, "pairing is for the browser extension only")
        try:
            if method == "POST" and route == "/v1/pairings":
                body = self._read_json()
                label = body.get("label") if isinstance(body, dict) else None
                request = broker.request(origin, label if isinstance(label, str) else "")
                self._send(HTTPStatus.ACCEPTED, {"pairing_id": request.id, "code": request.code})
            elif method == "GET" and route.startswith("/v1/pairings/"):
                state, token = broker.poll(route.rsplit("/", 1)[1], origin)
                body = {"state": state} if token is None else {"state": state, "token": token}
                self._send(HTTPStatus.OK if token else HTTPStatus.ACCEPTED, body)
            else:
                raise _Refusal(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} is not allowed here")
        except PairingRefused as exc:
            raise _Refusal(HTTPStatus(exc.status), str(exc)) from None


class CaptureHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # Restart at once after a stop (connections in TIME_WAIT); a port another process listens
    # on stays refused on POSIX. Windows' SO_REUSEADDR would share a listening port: not there.
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, port: int, endpoint: CaptureEndpoint) -> None:
        self.endpoint = endpoint
        super().__init__((HOST, port), CaptureHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


def bind_server(
    endpoint: CaptureEndpoint, port: int | None = None, *,
    first: int = DEFAULT_PORT, last: int = LAST_PORT,
) -> CaptureHTTPServer:
    """Bind 127.0.0.1: exactly ``port``, or the first free one of ``first..last``."""
    candidates = [port] if port is not None else list(range(first, last + 1))
    last_error: OSError | None = None
    for candidate in candidates:
        try:
            return CaptureHTTPServer(candidate, endpoint)
        except OSError as exc:
            last_error = exc
    wanted = f"port {port}" if port is not None else f"ports {first}-{last}"
    reason = last_error.strerror if last_error and last_error.strerror else "in use"
    raise PortUnavailable(f"127.0.0.1 {wanted}: cannot listen ({reason})")


def start_in_thread(server: CaptureHTTPServer) -> threading.Thread:
    """Serve in a daemon thread; stop with ``server.shutdown(); server.server_close()``."""
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="capture-endpoint",
        daemon=True,
    )
    thread.start()
    return thread


