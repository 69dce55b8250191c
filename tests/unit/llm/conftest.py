"""Fixtures for the LLM tests: a real local OpenAI-compatible server and matching settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing.llm.settings import ProviderSettings

from .fake_openai_server import FakeOpenAIServer


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as running:
        yield running


@pytest.fixture
def settings(server: FakeOpenAIServer) -> ProviderSettings:
    return ProviderSettings(enabled=True, base_url=server.base_url, model="llama3.2:1b", timeout=5)
