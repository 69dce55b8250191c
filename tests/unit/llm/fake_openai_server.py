"""A real OpenAI-compatible HTTP server on 127.0.0.1 for the LLM client tests.

Implements ``POST /v1/chat/completions`` (streaming SSE and plain JSON) and ``GET /v1/models``.
Fault modes are chosen per request by the model name ``fault:<mode>`` (or ``fault:<mode>:<arg>``),
by an ``X-Fault`` header, or for every request by setting ``server.fault``:

slow        sleep ``slow_seconds`` before answering (beyond the client's timeout)
stall       stream two chunks, then go silent for ``slow_seconds``
500         HTTP 500 with an OpenAI-style JSON error body; ``500-text`` with a plain body
429         HTTP 429 with ``Retry-After: <arg>`` (default 0) every time
429-once    HTTP 429 with ``Retry-After: 0`` on the first such request, then normal
401-echo    HTTP 401 whose error message echoes the Authorization header (as some APIs do)
garbage     HTTP 200 whose body is neither JSON nor SSE
redirect    HTTP 307 to another address
malformed   stream two good chunks, then a ``data:`` line that is not JSON
disconnect  stream two chunks, then drop the connection inside the chunked body
truncated   stream two chunks, then end the body cleanly without ``[DONE]``
stream-error  stream a chunk, then an SSE event carrying ``{"error": {...}}``
huge        stream (or return) far more text than any sane limit
longline    stream 2 MiB without a single line break
trickle     stream a word every 20 ms for a long time (for cancel tests)
nostream    ignore "stream": true and answer with one JSON body

Every request is recorded in ``server.requests``; ``server.disconnects`` counts the times a
client went away while the server was still writing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

REPLY_WORDS = ("The", " council", " approved", " the", " plan", " on", " Tuesday", ".")
MODELS = ("llama3.2:1b", "qwen2.5:0.5b")


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None


@dataclass
class ServerState:
    fault: str | None = None
    slow_seconds: float = 3.0
    reply: tuple[str, ...] = REPLY_WORDS
    requests: list[Recorded] = field(default_factory=list)
    disconnects: int = 0
    resets: int = 0
    seen_faults: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        return

    # --- plumbing -------------------------------------------------------------------------
    def _record(self, body: dict[str, Any] | None) -> None:
        state = self.server.state
        with state.lock:
            state.requests.append(
                Recorded(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
            )

    def _fault(self, body: dict[str, Any] | None) -> tuple[str | None, str | None]:
        raw = self.headers.get("X-Fault") or self.server.state.fault
        model = str((body or {}).get("model", ""))
        if model.startswith("fault:"):
            raw = model[len("fault:") :]
        if not raw:
            return None, None
        mode, _, arg = raw.partition(":")
        return mode, arg or None

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self._send_bytes(status, data, "application/json", headers)

    def _send_bytes(
        self, status: int, data: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self._write(data)

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except OSError:
            with self.server.state.lock:
                self.server.state.disconnects += 1
            self.close_connection = True
            return False

    def _chunk(self, data: bytes) -> bool:
        return self._write(b"%x\r\n%s\r\n" % (len(data), data))

    def _sleep(self, seconds: float) -> None:
        self.server.state.stopping.wait(seconds)

    # --- routes ---------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._record(None)
        mode, arg = self._fault(None)
        if self.path.rstrip("/") != "/v1/models":
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})
        elif mode and self._common_fault(mode, arg):
            return
        else:
            self._send_json(
                200, {"object": "list", "data": [{"id": m, "object": "model"} for m in MODELS]}
            )

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            self._record(None)
            self._send_json(400, {"error": {"message": "request body is not JSON"}})
            return
        self._record(body)
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})
            return
        mode, arg = self._fault(body)
        if mode and self._common_fault(mode, arg):
            return
        if not mode and body.get("model") not in MODELS:
            self._send_json(404, {"error": {"message": f"model {body.get('model')!r} not found"}})
            return
        if body.get("stream") and mode != "nostream":
            self._stream(mode)
        elif mode == "huge":
            self._send_json(200, _completion("x" * 3_000_000))
        else:
            self._send_json(200, _completion("".join(self.server.state.reply)))

    def _common_fault(self, mode: str, arg: str | None) -> bool:
        """Answer faults that look the same for every route; True when answered."""
        state = self.server.state
        if mode == "slow":
            self._sleep(state.slow_seconds)
            return False
        if mode == "500":
            self._send_json(500, {"error": {"message": "model runner crashed", "type": "server"}})
        elif mode == "500-text":
            self._send_bytes(500, b"Internal Server Error", "text/plain")
        elif mode == "429":
            self._send_json(
                429, {"error": {"message": "too many requests"}}, {"Retry-After": arg or "0"}
            )
        elif mode == "429-once":
            with state.lock:
                first = "429-once" not in state.seen_faults
                state.seen_faults.add("429-once")
            if not first:
                return False
            self._send_json(429, {"error": {"message": "busy"}}, {"Retry-After": "0"})
        elif mode == "401-echo":
            auth = self.headers.get("Authorization", "")
            self._send_json(401, {"error": {"message": f"Incorrect API key provided: {auth}"}})
        elif mode == "redirect":
            self.send_response(307)
            self.send_header("Location", "http://127.0.0.1:1/v1/chat/completions")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif mode == "garbage":
            self._send_bytes(200, b"<html>\x00\xff not json {{{", "application/json")
        else:
            return False
        return True

    def _stream(self, mode: str | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        if mode == "truncated":
            self.send_header("Connection", "close")
            self.end_headers()
            for event in list(_events(self.server.state.reply))[:3]:  # no finish, no [DONE]
                self._write(event)
            self.close_connection = True
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        state = self.server.state
        if mode == "longline":  # one endless line, never a newline
            for _ in range(8):
                if not self._chunk(b"data: " + b"x" * (1 << 18)):
                    return
            self._write(b"0\r\n\r\n")
            return
        if mode == "huge":
            words: Iterator[str] = ("lorem ipsum dolor sit amet " * 40 for _ in range(100_000))
        elif mode == "trickle":
            words = (f" word{i}" for i in range(5_000))
        else:
            words = iter(state.reply)
        for sent, event in enumerate(_events(words)):
            if mode in ("malformed", "disconnect", "stall", "stream-error") and sent == 2:
                break
            if not self._chunk(event):
                return
            if mode == "trickle":
                self._sleep(0.02)
                if state.stopping.is_set():
                    break
        if mode == "malformed":
            self._chunk(b'data: {"choices": [{"delta": {"content": "oops"\n\n')
        elif mode == "stream-error":
            self._chunk(b'data: {"error": {"message": "out of memory"}}\n\n')
        elif mode == "disconnect":
            self._write(b'40\r\ndata: {"choices"')  # a chunk cut short, then the socket closes
            self.close_connection = True
            return
        elif mode == "stall":
            self._sleep(state.slow_seconds)
        self._chunk(b"data: [DONE]\n\n")
        self._write(b"0\r\n\r\n")


def _completion(text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "model": "test",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
    }


def _events(words: Iterator[str] | tuple[str, ...]) -> Iterator[bytes]:
    yield b'data: {"choices": [{"index": 0, "delta": {"role": "assistant"}}]}\n\n'
    for word in words:
        chunk = {"choices": [{"index": 0, "delta": {"content": word}, "finish_reason": None}]}
        yield b"data: " + json.dumps(chunk).encode() + b"\n\n"
    yield b'data: {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}\n\n'


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = ServerState()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that resets a kept-alive connection is expected here; stay quiet.
        with self.state.lock:
            self.state.resets += 1


class FakeOpenAIServer:
    """Start with ``with FakeOpenAIServer() as server:``; ``server.base_url`` ends in /v1."""

    def __init__(self) -> None:
        self._server = _Server()
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def state(self) -> ServerState:
        return self._server.state

    @property
    def requests(self) -> list[Recorded]:
        with self.state.lock:
            return list(self.state.requests)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.state.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
