"""Prompt cancellation of a blocking HTTP request from a caller's ``cancel()`` callable.

A request may be stuck waiting for a model that is still loading; checking ``cancel()``
between chunks is not enough then. ``CancelWatch`` polls ``cancel()`` on a small helper
thread and, when it turns true, shuts down the request's socket (captured through httpx's
``trace`` request extension), which wakes the blocked read at once.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

CancelCheck = Callable[[], bool]
POLL_SECONDS = 0.05


class CancelWatch:
    """Use as ``with CancelWatch(cancel) as watch:`` and pass ``watch.trace`` to httpx."""

    def __init__(self, cancel: CancelCheck | None) -> None:
        self._cancel = cancel
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._done = threading.Event()
        self._cancelled = False
        self._thread: threading.Thread | None = None

    @property
    def cancelled(self) -> bool:
        """True once ``cancel()`` returned true (checked now as well)."""
        if not self._cancelled and self._cancel is not None and self._cancel():
            self._trip()
        return self._cancelled

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx ``trace`` extension: remember every socket this request connects."""
        if not event.endswith(("connect_tcp.complete", "start_tls.complete")):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                late = self._cancelled
            if late:
                _shutdown(sock)

    def __enter__(self) -> CancelWatch:
        if self._cancel is not None:
            self._thread = threading.Thread(
                target=self._watch, name="briefing-llm-cancel", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join(timeout=1.0)

    def _watch(self) -> None:
        assert self._cancel is not None
        while not self._done.wait(POLL_SECONDS):
            if self._cancel():
                self._trip()
                return

    def _trip(self) -> None:
        with self._lock:
            self._cancelled = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
