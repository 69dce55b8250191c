"""The multi-source story set of tests/data/crossref, imported once per test module."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.ingest import IngestedDocument, normalise_text
from briefing.paths import AppPaths
from briefing.services import Library
from briefing.services.articles import import_document

DATA = Path(__file__).resolve().parents[2] / "data" / "crossref"
SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples"


@dataclass(frozen=True)
class StorySet:
    lib: Library
    event: dict[int, str]  # article id -> ground-truth event
    file: dict[str, int]  # manifest file name -> article id


def load_story_set(lib: Library) -> StorySet:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    event: dict[int, str] = {}
    file: dict[str, int] = {}
    for item in manifest["articles"]:
        name = item["file"]
        if name.startswith("samples:"):
            raw = (SAMPLES / name.removeprefix("samples:")).read_text(encoding="utf-8")
        else:
            raw = (DATA / name).read_text(encoding="utf-8")
        text = normalise_text(raw)
        title = item.get("title")
        if not title:  # our own files start with their headline
            title, _, text = text.partition("\n")
        doc = IngestedDocument(title=title, text=text, published=item["published"])
        article = import_document(lib, doc).article
        event[article.id] = item["event"]
        file[name] = article.id
    return StorySet(lib, event, file)


def story_set_library(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[StorySet]:
    """The story set imported into a library of its own (skipped without ../shared)."""
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside the repository")
    root = tmp_path_factory.mktemp(name)
    paths = AppPaths(root / "data", root / "config", root / "cache", root / "logs")
    with Library.open(paths) as lib:
        yield load_story_set(lib)


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StorySet]:
    yield from story_set_library(tmp_path_factory, "crossref")


@pytest.fixture
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StorySet]:
    """The story set in its own library, not placed yet (each test may change it)."""
    yield from story_set_library(tmp_path_factory, "stored")
