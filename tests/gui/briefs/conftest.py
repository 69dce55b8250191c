"""Brief-builder fixtures: three articles imported through the services (real engine)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from briefing.ingest.text import read_plain
from briefing.services import Library
from briefing.services.articles import import_document, import_source

GRID_TEXT = (
    "Winter strain on the grid\n"
    "Engineers in Kharkiv worked through the night to restore heating after a drone strike "
    "damaged a substation on Monday, the city council said.\n"
    "About 40,000 households were without power at the peak of the outage, according to the "
    "regional energy company, which expects repairs to take several days."
)


@dataclass(frozen=True)
class Articles:
    lib: Library
    original: int
    revised: int
    grid: int


@pytest.fixture
def articles(samples: Path) -> Iterator[Articles]:
    with Library.open() as lib:
        original = import_source(lib, str(samples / "siversk.txt"), title="siversk").article.id
        revised = import_source(
            lib, str(samples / "siversk-revised.txt"), title="siversk-revised"
        ).article.id
        grid = import_document(lib, read_plain(GRID_TEXT)).article.id
        assert len({original, revised, grid}) == 3
        yield Articles(lib, original, revised, grid)
    QThreadPool.globalInstance().waitForDone(10000)
