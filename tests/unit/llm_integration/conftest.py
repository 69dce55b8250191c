"""Fixtures: the real local OpenAI-compatible test server, enabled settings for it, and a
library holding one short analysed article."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing.ingest.text import read_plain
from briefing.llm.settings import ProviderSettings
from briefing.services import Library
from briefing.services.articles import import_document
from tests.unit.llm.fake_openai_server import FakeOpenAIServer

ARTICLE = (
    "The council approved the plan on Tuesday after a long debate.\n"
    "Mayor Jane Doe said 3,000 homes would be built by the river.\n"
    "Critics said the budget was too small for the project."
)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as running:
        yield running


@pytest.fixture
def settings(server: FakeOpenAIServer) -> ProviderSettings:
    return ProviderSettings(enabled=True, base_url=server.base_url, model="llama3.2:1b", timeout=5)


@pytest.fixture
def lib() -> Iterator[Library]:
    with Library.open() as opened:
        yield opened


@pytest.fixture
def article_id(lib: Library) -> int:
    return import_document(lib, read_plain(ARTICLE, title="Housing plan")).article.id
