"""The review queue pages: the first page and the count come from one load, scrolling asks
for further pages in a worker, and a filter change reuses the index (SQL) instead of
walking the library again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from briefing.gui.review import review_loader
from briefing.services.review import review_queue

from .conftest import SampleLibrary

PAGE = 3


@pytest.fixture
def paged(qtbot, sample_library: SampleLibrary, monkeypatch: pytest.MonkeyPatch):
    from briefing.gui.review import ReviewMode

    monkeypatch.setattr(review_loader, "PAGE_SIZE", PAGE)
    builds: list[str | None] = []
    real = review_loader.build_index

    def counting(lib, entity, cancelled=lambda: False):  # type: ignore[no-untyped-def]
        builds.append(entity)
        return real(lib, entity, cancelled)

    monkeypatch.setattr(review_loader, "build_index", counting)
    mode = ReviewMode()
    qtbot.addWidget(mode)
    mode.resize(900, 300)
    mode.loaded_rows = []  # rows when each load was shown (the view may ask for more later)
    mode.queue_loaded.connect(lambda: mode.loaded_rows.append(mode.model.rowCount()))
    with qtbot.waitSignal(mode.queue_loaded, timeout=20000):
        mode.show()
    yield mode, builds
    mode.shutdown()
    QThreadPool.globalInstance().waitForDone(10000)


def test_first_page_then_more_as_the_list_scrolls(qtbot, paged, sample_library) -> None:
    mode, builds = paged
    expected = review_queue(sample_library.lib)
    assert len(expected) > 2 * PAGE
    assert mode.model.count == len(expected)
    assert mode.loaded_rows == [PAGE]  # only the first page was built
    assert "left of" in mode.progress_label.text()
    while mode.model.rowCount() < len(expected):
        rows = mode.model.rowCount()
        assert mode.model.canFetchMore()
        mode.model.fetchMore()
        mode.model.fetchMore()  # asked once per page, however often the view asks
        qtbot.waitUntil(lambda rows=rows: mode.model.rowCount() > rows, timeout=10000)
    assert not mode.model.canFetchMore()
    assert [i.id for i in mode.model.items()] == [i.id for i in expected]
    assert builds == [None]


def test_a_filter_change_reuses_the_index(qtbot, paged, sample_library) -> None:
    mode, builds = paged
    kind = mode.filters.kind
    kind.setCurrentIndex(kind.findData("annotation"))
    with qtbot.waitSignal(mode.queue_loaded, timeout=20000):
        mode.filters.changed.emit()  # what picking a kind does
    flagged = review_queue(sample_library.lib, kind="annotation")
    assert [i.id for i in mode.model.items()] == [i.id for i in flagged]
    assert mode.model.count == len(flagged)
    assert builds == [None]  # answered by SQL on the index built at the start
    with qtbot.waitSignal(mode.queue_loaded, timeout=20000):
        mode.filters.reload_requested.emit()  # an explicit reload walks the library again
    assert builds == [None, None]


def test_decisions_are_noted_in_the_index(qtbot, paged, sample_library) -> None:
    mode, builds = paged
    first = mode.model.item(0)
    assert first is not None and not first.decided
    mode.list.setCurrentIndex(mode.model.index(0))
    mode.set_verdict("supported")
    with qtbot.waitSignal(mode.queue_loaded, timeout=20000):
        mode.filters.changed.emit()  # same filters, read again from the index
    assert first.id not in [i.id for i in mode.model.items()]  # decided: no longer listed
    assert mode.model.count == len(review_queue(sample_library.lib))
    assert builds == [None]  # no walk over the library for that
