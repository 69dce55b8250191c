"""API keys for language-model providers: system keyring only, or memory for one session.

There is deliberately no plaintext fallback. When no keyring works (headless Linux without a
Secret Service), ``set_key`` raises ``KeyStorageError`` and the caller may choose to keep the
key in a ``SessionKeys`` object it owns (forgotten when the program ends).
"""

from __future__ import annotations

import enum
import logging

import keyring
from keyring.errors import KeyringError, NoKeyringError

from briefing.llm.errors import KeyStorageError

SERVICE = "briefing"
"""Keyring service name; the keyring user name is the provider's base URL."""

log = logging.getLogger(__name__)


class KeyStorage(enum.StrEnum):
    """Where ``set_key`` put a key."""

    KEYRING = "keyring"
    SESSION = "session"


class SessionKeys:
    """Keys held in memory for this session only. Owned by the caller; never printed."""

    __slots__ = ("_keys",)

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}

    def get(self, base_url: str) -> str | None:
        return self._keys.get(_user(base_url))

    def set(self, base_url: str, key: str) -> None:
        self._keys[_user(base_url)] = key

    def delete(self, base_url: str) -> None:
        self._keys.pop(_user(base_url), None)

    def __contains__(self, base_url: object) -> bool:
        return isinstance(base_url, str) and _user(base_url) in self._keys

    def __repr__(self) -> str:
        return f"<SessionKeys for {sorted(self._keys)}>"


def get_key(base_url: str, session: SessionKeys | None = None) -> str | None:
    """The key for ``base_url``: the session's if it has one, else the keyring's, else None.

    No keyring at all means no key was stored, so that gives None too; a keyring that exists
    but fails (locked, refused) raises ``KeyStorageError``.
    """
    if session is not None and (key := session.get(base_url)) is not None:
        return key
    try:
        return keyring.get_password(SERVICE, _user(base_url))
    except NoKeyringError:
        log.debug("no system keyring; no stored API key for %s", _user(base_url))
        return None
    except KeyringError as err:
        raise KeyStorageError(
            f"could not read the API key for {_user(base_url)} from the system keyring "
            f"({type(err).__name__})"
        ) from None


def set_key(
    base_url: str,
    key: str,
    *,
    session: SessionKeys | None = None,
    session_only: bool = False,
) -> KeyStorage:
    """Store ``key`` for ``base_url``; return where it went.

    By default the key goes to the system keyring and is read back to check it was kept
    (the null backend silently drops keys); any failure raises ``KeyStorageError`` and
    nothing is written anywhere else. With ``session_only=True`` the key is kept only in
    ``session`` (the caller's ``SessionKeys``) and the keyring is not touched.
    """
    user = _user(base_url)
    key = key.strip()
    if not key or any(c.isspace() for c in key):
        raise KeyStorageError(f"the API key for {user} is empty or contains spaces")
    if session_only:
        if session is None:
            raise KeyStorageError(f"a session-only API key for {user} needs a SessionKeys store")
        session.set(user, key)
        return KeyStorage.SESSION
    try:
        keyring.set_password(SERVICE, user, key)
        kept = keyring.get_password(SERVICE, user)
    except NoKeyringError:
        raise KeyStorageError(
            f"no system keyring is available to store the API key for {user}; "
            "use it for this session only, or install a keyring service (GNOME Keyring, KWallet)"
        ) from None
    except KeyringError as err:
        raise KeyStorageError(
            f"the system keyring refused the API key for {user} ({type(err).__name__}); "
            "use it for this session only"
        ) from None
    if kept != key:
        raise KeyStorageError(
            f"the keyring backend {type(keyring.get_keyring()).__name__} did not keep the API "
            f"key for {user}; use it for this session only, or install a keyring service"
        )
    if session is not None:
        session.delete(user)  # the keyring's copy is now the one to use
    return KeyStorage.KEYRING


def delete_key(base_url: str, session: SessionKeys | None = None) -> None:
    """Forget the key for ``base_url`` in the session and the keyring (absent is fine)."""
    if session is not None:
        session.delete(base_url)
    try:
        if keyring.get_password(SERVICE, _user(base_url)) is not None:
            keyring.delete_password(SERVICE, _user(base_url))
    except NoKeyringError:
        return
    except KeyringError as err:
        raise KeyStorageError(
            f"could not delete the API key for {_user(base_url)} from the system keyring "
            f"({type(err).__name__})"
        ) from None


def _user(base_url: str) -> str:
    return base_url.strip().rstrip("/")
