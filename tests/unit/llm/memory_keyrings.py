"""Keyring backends for tests: one in memory, one that is locked (refuses every read/write).
Never chosen by keyring on its own (lowest priority); tests install them explicitly."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring."""

    priority = -10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class LockedKeyring(MemoryKeyring):
    """A keyring the user declined to unlock."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the user declined to unlock")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the user declined to unlock")
