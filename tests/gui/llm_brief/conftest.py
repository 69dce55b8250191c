"""Fixtures for the brief-summary GUI tests: the real local test server, a library holding a
brief of two articles, and provider settings saved (enabled) for the server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing.ingest.text import read_plain
from briefing.llm.settings import ProviderSettings
from briefing.services import Library
from briefing.services.articles import import_document
from briefing.services.briefs import create_brief
from briefing.settings_store import save_provider_settings
from tests.unit.llm.fake_openai_server import FakeOpenAIServer
from tests.unit.llm_brief.conftest import HOUSING, REPLY, WEATHER


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as running:
        running.state.reply = REPLY
        yield running


@pytest.fixture
def lib() -> Iterator[Library]:
    with Library.open() as opened:
        yield opened


@pytest.fixture
def brief_id(lib: Library) -> int:
    housing = import_document(lib, read_plain(HOUSING, title="Housing")).article.id
    weather = import_document(lib, read_plain(WEATHER, title="Weather")).article.id
    return create_brief(lib, "Morning", [housing, weather]).id


@pytest.fixture
def enabled(server: FakeOpenAIServer) -> ProviderSettings:
    settings = ProviderSettings(enabled=True, base_url=server.base_url, model="llama3.2:1b",
                                timeout=5)
    save_provider_settings(settings)
    return settings
