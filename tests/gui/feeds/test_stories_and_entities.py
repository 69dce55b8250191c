"""The stories and entity pages on the multi-source story set of tests/data/crossref."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefing.gui.feeds import EntityPage, StoriesPanel
from briefing.gui.feeds.claim_compare import ENTITY, STATUS, UNIT
from briefing.services import Library
from briefing.services.briefs import get_brief
from briefing.services.crossref import followed_entities
from tests.unit.crossref.conftest import StorySet

SIVERSK_FILES = ("samples:siversk.txt", "samples:siversk-revised.txt", "siversk-wire.txt",
                 "siversk-brief.txt")  # fmt: skip


@pytest.fixture
def stories_panel(qtbot, lib: Library, stories: StorySet) -> Iterator[StoriesPanel]:
    panel = StoriesPanel(lib)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    with qtbot.waitSignal(panel.claims_shown, timeout=20000):
        panel.show()
    yield panel
    panel.shutdown()


def _siversk_row(panel: StoriesPanel) -> int:
    titles = [cluster.title for cluster in panel.data.clusters]
    return next(n for n, title in enumerate(titles) if "Siversk" in title)


def test_stories_lists_siversk_cluster_and_flags_differing_figures(
    qtbot, stories_panel: StoriesPanel, stories: StorySet
) -> None:
    panel = stories_panel
    row = _siversk_row(panel)
    cluster = panel.data.clusters[row]
    assert sorted(cluster.article_ids) == sorted(stories.file[f] for f in SIVERSK_FILES)
    assert panel.cluster_model.index(row, 1).data() == 4
    title, entities = panel.cluster_model.index(row, 0).data().split("\n")
    assert title == cluster.title and "Siversk" in entities.split(", ")
    if panel.current is None or panel.current.id != cluster.id:
        with qtbot.waitSignal(panel.claims_shown, timeout=10000):
            panel.select_cluster(cluster.id)
    assert panel.article_model.rowCount() == 4
    model = panel.claims
    assert model.columnCount() == 3 + 4
    wire = stories.file["siversk-wire.txt"]
    original = stories.file["samples:siversk.txt"]
    column_of = {aid: 3 + n for n, aid in enumerate(model.article_ids)}
    texts = {
        r: {aid: model.index(r, c).data() for aid, c in column_of.items()}
        for r in range(model.rowCount())
    }
    share = next(r for r, cells in texts.items() if cells[original] == "75%\nhedge: about")
    assert texts[share][wire] == "70%\nhedge: roughly"
    assert model.index(share, UNIT).data() == "%"
    assert model.index(share, ENTITY).data()
    flag = model.index(share, STATUS)
    # Flagged by words, icon and colour, and readable by assistive technology.
    assert flag.data() == "Differs"
    assert flag.data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(share, column_of[wire]).data(Qt.ItemDataRole.BackgroundRole) is not None
    spoken = flag.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "differ" in spoken and "about 75%" in spoken and "roughly 70%" in spoken
    assert "roughly 70%" in model.index(share, column_of[wire]).data(
        Qt.ItemDataRole.AccessibleTextRole
    )
    agreeing = [r for r in texts if model.comparisons[r].differs is False]
    for r in agreeing:
        assert model.index(r, STATUS).data() == "Agrees"
        assert model.index(r, STATUS).data(Qt.ItemDataRole.BackgroundRole) is None
    # The sentences of the chosen row are shown under the table.
    panel.claims_view.setCurrentIndex(model.index(share, 0))
    assert "<b>roughly 70%</b>" in panel.sentences.text()
    assert model.headerData(3 + 1, Qt.Orientation.Horizontal).startswith("2. ")
    # Opening a figure's cell opens its article.
    with qtbot.waitSignal(panel.open_article) as opened:
        panel.claims_view.doubleClicked.emit(model.index(share, column_of[wire]))
    assert opened.args == [wire]


def test_create_brief_from_story(qtbot, stories_panel: StoriesPanel, lib: Library) -> None:
    panel = stories_panel
    row = _siversk_row(panel)
    cluster = panel.data.clusters[row]
    if panel.current is None or panel.current.id != cluster.id:
        with qtbot.waitSignal(panel.claims_shown, timeout=10000):
            panel.select_cluster(cluster.id)
    with qtbot.waitSignal(panel.brief_created) as created:
        panel.brief_button.click()
    brief = get_brief(lib, created.args[0])
    assert list(brief.article_ids) == list(cluster.article_ids)
    assert brief.title == cluster.title


def test_stale_comparison_is_dropped(qtbot, stories_panel: StoriesPanel) -> None:
    panel = stories_panel
    first, second = panel.data.clusters[0], panel.data.clusters[1]
    panel.select_cluster(first.id if panel.current is not first else second.id)
    with qtbot.waitSignal(panel.claims_shown, timeout=10000) as shown:
        target = first if panel.current is second else second
        panel.select_cluster(target.id)  # before the previous comparison came back
    assert shown.args == [target.id]
    qtbot.wait(100)
    assert panel.current is target
    assert panel.claims.article_ids == target.article_ids


@pytest.fixture
def entity_page(qtbot, lib: Library, stories: StorySet) -> Iterator[EntityPage]:
    page = EntityPage(lib)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.show()
    yield page
    page.shutdown()


def test_entity_timeline_and_follow_persists(
    qtbot, entity_page: EntityPage, lib: Library, stories: StorySet
) -> None:
    page = entity_page
    assert page.show_entity("siversk")
    assert page.current is not None and page.current.name == "Siversk"
    model = page.timeline_model
    dates = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert dates == sorted(dates) and len(dates) == 4
    ids = [model.key_at(r) for r in range(model.rowCount())]
    assert sorted(ids) == sorted(stories.file[f] for f in SIVERSK_FILES)
    assert all(model.index(r, 2).data() >= 1 for r in range(model.rowCount()))
    assert model.index(0, 1).data() == "Russia takes Siversk as Ukraine withdraws"
    assert "Places" in page.details.text()
    with qtbot.waitSignal(page.open_article) as opened:
        page.timeline.doubleClicked.emit(model.index(0, 1))
    assert opened.args == [ids[0]]

    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.follow_button.click()
    assert followed_entities(lib) == ["Siversk"]
    assert page.follow_button.isChecked() and page.follow_button.text() == "Unfollow"
    first = page.model.index(0, 0)
    assert first.data() == "★ Siversk"  # followed entities are listed first
    assert first.data(Qt.ItemDataRole.AccessibleTextRole) == "Siversk, followed"
    assert page.current is not None and page.current.name == "Siversk"

    fresh = EntityPage(lib)  # a new page reads the stored follow
    qtbot.addWidget(fresh)
    with qtbot.waitSignal(fresh.loaded, timeout=20000):
        fresh.show()
    assert fresh.model.index(0, 0).data() == "★ Siversk"
    fresh.shutdown()

    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.follow_button.click()
    assert followed_entities(lib) == []
    assert page.follow_button.text() == "Follow"


def test_entity_filter_and_jump_before_load(qtbot, lib: Library, stories: StorySet) -> None:
    page = EntityPage(lib)
    qtbot.addWidget(page)
    assert page.show_entity("Putin")  # remembered until the index arrives
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.show()
    assert page.current is not None and page.current.name == "Vladimir Putin"
    qtbot.keyClicks(page.filter, "kramat")
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert names == ["Kramatorsk"]
    assert not page.show_entity("Atlantis")
    page.shutdown()


@pytest.fixture
def light_theme(qapp: QApplication) -> Iterator[None]:
    """The reader's light theme (stylesheet, palette, Fusion), restored afterwards."""
    from briefing.gui import theme

    saved = (qapp.style().name(), qapp.palette(), qapp.styleSheet())
    theme.apply(qapp, "light")
    yield
    qapp.setStyleSheet(saved[2])
    qapp.setStyle(saved[0])
    qapp.setPalette(saved[1])


def test_stories_screenshot(
    qtbot, light_theme: None, lib: Library, stories: StorySet, screenshot_dir: Path,
    tmp_path: Path,
) -> None:  # fmt: skip
    panel = StoriesPanel(lib)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    with qtbot.waitSignal(panel.claims_shown, timeout=20000):
        panel.show()
    row = _siversk_row(panel)
    cluster = panel.data.clusters[row]
    if panel.current is None or panel.current.id != cluster.id:
        with qtbot.waitSignal(panel.claims_shown, timeout=10000):
            panel.select_cluster(cluster.id)
    image = panel.grab()
    panel.shutdown()
    assert image.width() == 1200 and image.height() == 800
    # Written to docs/ only on request (like the other screenshots), else to tmp_path.
    target = screenshot_dir if os.environ.get("BRIEFING_UPDATE_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    assert image.save(str(target / "stories.png"))


def test_recompute_places_only_the_new_article(
    qtbot, stories_panel: StoriesPanel, lib: Library, stories: StorySet
) -> None:
    """The page shows the stored stories; Recompute places a new article (in the worker)
    and leaves every other story as it was."""
    from briefing.ingest import IngestedDocument
    from briefing.services.articles import import_document
    from tests.unit.crossref.conftest import SAMPLES

    before = {c.article_ids for c in stories_panel.data.clusters}
    title, _, body = (SAMPLES / "siversk.txt").read_text(encoding="utf-8").partition("\n")
    new = import_document(lib, IngestedDocument(
        title=f"{title} | Evening edition", text=f"{body}\nEvening edition.",
        published="2026-11-24T18:00:00Z")).article.id  # fmt: skip
    with qtbot.waitSignal(stories_panel.loaded, timeout=20000):
        stories_panel.recompute.click()
    after = {c.article_ids for c in stories_panel.data.clusters}
    grown = next(ids for ids in after if new in ids)
    assert set(grown) - {new} == {stories.file[f] for f in SIVERSK_FILES}
    assert after - {grown} == {ids for ids in before if not set(ids) & set(grown)}
