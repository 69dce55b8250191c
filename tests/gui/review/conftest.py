"""Review-mode fixtures: the two Siversk samples imported with the real engine, one
annotation tagged to-check, a brief over the revised article, and a shown ReviewMode."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from briefing.domain import Annotation
from briefing.services import Library
from briefing.services.annotating import annotate_quote
from briefing.services.articles import import_source
from briefing.storage import briefs as brief_store

FLAGGED_QUOTE = "small assault groups"


@dataclass(frozen=True)
class SampleLibrary:
    lib: Library
    original: int
    revised: int
    brief: int
    flagged: Annotation


@pytest.fixture
def sample_library(samples: Path) -> Iterator[SampleLibrary]:
    with Library.open() as lib:
        original = import_source(lib, str(samples / "siversk.txt")).article.id
        revised = import_source(lib, str(samples / "siversk-revised.txt")).article.id
        flagged = annotate_quote(lib, original, FLAGGED_QUOTE, tags=["to-check"])
        with lib.transaction() as conn:  # test set-up only: no brief service exists yet
            brief = brief_store.create(conn, "Siversk update", "2026-01-01T00:00:00Z")
            brief_store.set_articles(conn, brief, [revised])
        yield SampleLibrary(lib, original, revised, brief, flagged)


@pytest.fixture
def review(qtbot, sample_library: SampleLibrary):
    from briefing.gui.review import ReviewMode

    mode = ReviewMode()
    qtbot.addWidget(mode)
    mode.resize(1280, 800)
    with qtbot.waitSignal(mode.queue_loaded, timeout=20000):
        mode.show()
    qtbot.waitExposed(mode)
    mode.list.setFocus()
    yield mode
    mode.shutdown()
    QThreadPool.globalInstance().waitForDone(10000)
