"""Fixtures for the language-model GUI tests: the real local test server, a library with two
articles, provider settings saved for the server, and swappable keyring backends."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from briefing.ingest.text import read_plain
from briefing.llm.settings import ProviderSettings
from briefing.services import Library
from briefing.services.articles import import_document
from briefing.settings_store import save_provider_settings
from tests.unit.llm.fake_openai_server import FakeOpenAIServer
from tests.unit.llm.test_llm_secrets import MemoryKeyring

HOUSING = (
    "The council approved the plan on Tuesday after a long debate.\n"
    "Mayor Jane Doe said 3,000 homes would be built by the river."
)
WEATHER = "Heavy rain fell across the valley overnight.\nRoads near the bridge were closed."


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as running:
        yield running


@pytest.fixture
def articles() -> tuple[int, int]:
    with Library.open() as lib:
        first = import_document(lib, read_plain(HOUSING, title="Housing")).article.id
        second = import_document(lib, read_plain(WEATHER, title="Weather")).article.id
    return first, second


@pytest.fixture
def enabled(server: FakeOpenAIServer) -> ProviderSettings:
    settings = ProviderSettings(enabled=True, base_url=server.base_url, model="llama3.2:1b",
                                timeout=5)
    save_provider_settings(settings)
    return settings


def _swap(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> Iterator[KeyringBackend]:
    yield from _swap(MemoryKeyring())


@pytest.fixture
def no_keyring() -> Iterator[KeyringBackend]:
    yield from _swap(fail.Keyring())
