"""Fixtures: the real local OpenAI-compatible test server, enabled settings for it, and a
library holding a brief of two short analysed articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing.ingest.text import read_plain
from briefing.llm.settings import ProviderSettings
from briefing.services import Library
from briefing.services.articles import import_document
from briefing.services.briefs import create_brief
from tests.unit.llm.fake_openai_server import FakeOpenAIServer

HOUSING = (
    "The council approved the plan on Tuesday after a long debate.\n"
    "Mayor Jane Doe said 3,000 homes would be built by the river."
)
WEATHER = "Heavy rain fell across the valley overnight.\nRoads near the bridge were closed."
REPLY = (
    "The council approved the plan on Tuesday.",
    " Heavy rain fell across the valley",
    " overnight.",
    " Mayor John Smith promised 9,000 homes.",
)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as running:
        running.state.reply = REPLY
        yield running


@pytest.fixture
def settings(server: FakeOpenAIServer) -> ProviderSettings:
    return ProviderSettings(enabled=True, base_url=server.base_url, model="llama3.2:1b", timeout=5)


@pytest.fixture
def lib() -> Iterator[Library]:
    with Library.open() as opened:
        yield opened


@pytest.fixture
def brief(lib: Library) -> tuple[int, int, int]:
    """(brief id, housing article id, weather article id)."""
    housing = import_document(lib, read_plain(HOUSING, title="Housing")).article.id
    weather = import_document(lib, read_plain(WEATHER, title="Weather")).article.id
    return create_brief(lib, "Morning", [housing, weather]).id, housing, weather
