"""API keys: keyring only, session-only on request, never plaintext, never printed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from briefing.llm.errors import KeyStorageError
from briefing.llm.secrets import (
    SERVICE,
    KeyStorage,
    SessionKeys,
    delete_key,
    get_key,
    set_key,
)
from tests.unit.llm.memory_keyrings import LockedKeyring, MemoryKeyring

URL = "http://127.0.0.1:11434/v1"
KEY = "sk-secret-5d2e8b"
B = TypeVar("B", bound=KeyringBackend)


@pytest.fixture(autouse=True)
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def use_keyring(backend: B) -> B:
    keyring.set_keyring(backend)
    return backend


def test_key_is_stored_in_the_keyring() -> None:
    backend = use_keyring(MemoryKeyring())
    assert set_key(URL + "/", KEY) is KeyStorage.KEYRING
    assert backend.store == {(SERVICE, URL): KEY}
    assert get_key(URL) == KEY
    delete_key(URL)
    assert get_key(URL) is None


def test_headless_keyring_raises_and_stores_nothing(tmp_path: Path) -> None:
    use_keyring(fail.Keyring())
    session = SessionKeys()
    with pytest.raises(KeyStorageError, match="no system keyring") as err:
        set_key(URL, KEY, session=session)
    assert KEY not in str(err.value)
    assert URL not in session
    assert get_key(URL, session) is None
    for path in tmp_path.rglob("*"):  # no plaintext copy anywhere under the test's HOME/data
        assert not path.is_file() or KEY.encode() not in path.read_bytes()


def test_backend_that_drops_keys_is_refused() -> None:
    use_keyring(null.Keyring())  # silently discards every password
    with pytest.raises(KeyStorageError, match="did not keep"):
        set_key(URL, KEY)


def test_session_only_key_stays_in_the_callers_object() -> None:
    backend = use_keyring(MemoryKeyring())
    session = SessionKeys()
    assert set_key(URL, KEY, session=session, session_only=True) is KeyStorage.SESSION
    assert backend.store == {}
    assert get_key(URL, session) == KEY
    assert get_key(URL) is None  # another caller without the session object sees nothing
    assert KEY not in repr(session)
    delete_key(URL, session)
    assert get_key(URL, session) is None


def test_session_only_needs_a_session() -> None:
    with pytest.raises(KeyStorageError, match="SessionKeys"):
        set_key(URL, KEY, session_only=True)


def test_locked_keyring_is_a_typed_error() -> None:
    use_keyring(LockedKeyring())
    with pytest.raises(KeyStorageError, match="refused"):
        set_key(URL, KEY)
    with pytest.raises(KeyStorageError, match="could not read"):
        get_key(URL)


@pytest.mark.parametrize("bad", ["", "   ", "two words"])
def test_blank_or_spaced_keys_are_refused(bad: str) -> None:
    with pytest.raises(KeyStorageError, match="empty or contains spaces"):
        set_key(URL, bad, session=SessionKeys(), session_only=True)
