"""Feeds/entities/stories page fixtures: the real local feed server of tests/unit/feeds, the
multi-source story set of tests/data/crossref, and pages that wait for their workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from briefing.services import Library
from tests.unit.crossref.conftest import SAMPLES, StorySet, load_story_set
from tests.unit.feeds.conftest import FeedServer, Reply, feed_server

__all__ = ["FeedServer", "Reply", "feed_server"]

RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


def serve_gazette(server: FeedServer, path: str = "/rss.xml") -> str:
    """The three-item RSS fixture (one teaser whose page is served too); returns its URL."""
    server.serve_file("/pages/lighthouse.html", "lighthouse.html", HTML)
    return server.serve_file(path, "rss2.xml", RSS)


@pytest.fixture
def lib() -> Iterator[Library]:
    with Library.open() as library:
        yield library
    QThreadPool.globalInstance().waitForDone(10000)


@pytest.fixture
def stories(lib: Library) -> StorySet:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside the repository")
    return load_story_set(lib)


@pytest.fixture
def screenshot_dir() -> Path:
    return Path(__file__).resolve().parents[3] / "docs" / "screenshots"
