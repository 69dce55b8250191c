"""In-app pairing: the extension asks, the reader shows a short code, the user compares it
with the one the extension shows and approves; only then does the extension get a token.

Requests live in memory only, expire after a few minutes, and at most a few wait at once.
A token is handed out once, to the same extension origin that asked.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from briefing.services.library import Library

EXPIRES_AFTER_S = 300.0
MAX_PENDING = 5


class PairingRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class PairingRequest:
    id: str
    code: str
    origin: str
    label: str
    created: float
    state: str = "pending"  # pending | approved | denied
    token: str | None = None


def short_code() -> str:
    """Six random digits shown as ``123 456``."""
    digits = f"{secrets.randbelow(1_000_000):06d}"
    return f"{digits[:3]} {digits[3:]}"


class PairingBroker:
    """Thread-safe: the HTTP threads ask and poll, the reader approves or denies."""

    def __init__(
        self,
        open_library: Callable[[], Library],
        on_request: Callable[[PairingRequest], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._open_library = open_library
        self._on_request = on_request
        self._clock = clock
        self._lock = threading.Lock()
        self._requests: dict[str, PairingRequest] = {}

    def _expire(self) -> None:
        now = self._clock()
        for key in [k for k, r in self._requests.items() if now - r.created > EXPIRES_AFTER_S]:
            del self._requests[key]

    def request(self, origin: str, label: str) -> PairingRequest:
        with self._lock:
            self._expire()
            if sum(r.state == "pending" for r in self._requests.values()) >= MAX_PENDING:
                raise PairingRefused(429, "too many pairing requests are waiting")
            created = PairingRequest(
                secrets.token_urlsafe(16), short_code(), origin,
                " ".join(label.split())[:100] or origin, self._clock(),
            )
            self._requests[created.id] = created
        self._on_request(created)
        return created

    def poll(self, request_id: str, origin: str) -> tuple[str, str | None]:
        """(state, token): the token only once, after approval, to the asking origin."""
        with self._lock:
            self._expire()
            found = self._requests.get(request_id)
            if found is None or found.origin != origin:
                raise PairingRefused(404, "no such pairing request (it may have expired)")
            if found.state == "denied":
                del self._requests[request_id]
                raise PairingRefused(403, "pairing was refused in the reader")
            if found.state == "approved":
                del self._requests[request_id]
                return "approved", found.token
            return "pending", None

    def pending(self) -> list[PairingRequest]:
        with self._lock:
            self._expire()
            return [r for r in self._requests.values() if r.state == "pending"]

    def decide(self, request_id: str, approve: bool) -> bool:
        """Approve (a token is made now) or deny; False when the request is gone."""
        from briefing.services.capturing import pair_token

        with self._lock:
            self._expire()
            found = self._requests.get(request_id)
            if found is None or found.state != "pending":
                return False
            if not approve:
                found.state = "denied"
                return True
        with self._open_library() as lib:
            _, token = pair_token(lib, found.label)
        with self._lock:
            found.state, found.token = "approved", token
        return True
