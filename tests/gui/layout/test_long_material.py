"""Long bylines, titles, entity names and tags never widen the window (issue 20's blocker).

The byline once set the header's margins from the text column's offset, which raised the
window's minimum width, which moved the offset again: the window grew without end.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.domain import Analysis, Entity
from briefing.domain.analysis import Claim, EngineInfo
from briefing.domain.span import Span

SIZES = [(1024, 700), (1920, 1080)]
BODY = (
    "Officials from the regional council said on Tuesday that the bridge would reopen "
    "next month after repairs costing about 4 million euros. "
) * 12


def _long_documents() -> list[object]:
    from briefing.ingest.document import IngestedDocument

    authors = ", ".join(f"Author Number{i} Surname{i}" for i in range(20))
    return [
        IngestedDocument(title="Bridge to reopen", text="A. " + BODY,
                         source_path="/tmp/" + "saved-page-" * 18 + "ab.html"),
        IngestedDocument(title="Twenty authors", text="B. " + BODY, author=authors,
                         published="2025-12-23"),
        IngestedDocument(title=("A very long headline about the bridge " * 8).strip(),
                         text="C. " + BODY),
        IngestedDocument(title="جسر المدينة يعاد افتتاحه الشهر المقبل بعد إصلاحات طويلة " * 3,
                         text="D. " + BODY),
        IngestedDocument(title="Unbroken " + "x" * 200, text="E. " + BODY),
    ]


def _long_entity_analysis(article) -> Analysis:  # type: ignore[no-untyped-def]
    name = "The Extraordinary Joint Standing Committee " * 3
    name = name[:100]
    end = article.text.index("council") + len("council")
    return Analysis(
        engine=EngineInfo("test", "1"),
        text_sha256=article.text_sha256,
        sentences=(Span(0, 120),),
        summaries={"headline": (0,), "short": (0,), "brief": (0,)},
        entities=(Entity("e1", name, "ORG", (name,), (Span(0, end),)),),
        claims=(Claim(0, 120, 0.9, "statistic", speaker=name, hedged=True, hedges=("about",)),),
    )


def _panels_visible(win, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert (win.width(), win.height()) == size
    assert win.minimumSizeHint().width() <= 1024, win.minimumSizeHint()
    assert win.minimumSize().width() <= size[0]
    right = win.width()
    for panel in (win.left, win.area, win.tabs):
        assert panel.isVisible()
        assert panel.width() >= 120, panel.accessibleName()
        top_left = panel.mapTo(win, panel.rect().topLeft())
        assert top_left.x() >= 0 and top_left.x() + panel.width() <= right
    assert win.area.view.viewport().width() >= 200
    from tests.gui.layout.walk import cut_off

    assert not cut_off(win)
    for label in (win.area.title, win.area.meta):  # wrapped whole, not cut
        assert label.heightForWidth(label.width()) <= label.height() + 2, label.text()[:40]


def _open_everything(qtbot, win, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    from briefing.services import annotating

    for article_id in ids:
        with qtbot.waitSignal(win.analysis_shown, timeout=30000):
            win.open_article(article_id)
        article = win.session.article
        win.session.set_analysis(article_id, _long_entity_analysis(article))
        annotation = annotating.new_annotation(
            article, 0, 40, note="n" * 300, tags=["tag-" + "t" * 100]
        )
        win.session.store(annotation)
        for index in range(win.tabs.count()):
            win.tabs.setCurrentIndex(index)
            qtbot.wait(60)
        qtbot.wait(200)


@pytest.mark.parametrize("size", SIZES)
def test_long_material_keeps_the_window_size(
    qtbot, isolated_data_dir: Path, size: tuple[int, int]
) -> None:
    from briefing.gui.shell.main_window import MainWindow
    from briefing.services import Library
    from briefing.services.articles import import_document

    lib = Library.open()
    ids = [import_document(lib, doc, analyse=False).article.id for doc in _long_documents()]
    win = MainWindow(lib)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    _open_everything(qtbot, win, ids)
    _panels_visible(win, size)
    win.open_article(ids[0])  # the long file name is the one read last
    qtbot.wait(200)
    _panels_visible(win, size)
    folder = os.environ.get("BRIEFING_WALK_SHOTS")
    if folder:  # see test_walk.py
        win.grab().save(str(Path(folder) / f"long-file-name-{size[0]}.png"))
    win.tracker.wait(5000)
    win.close()

    # A restart as the application makes it: staged (the article first, the rest after the
    # first paint), geometry restored, the last article reopened.
    again = MainWindow(lib, staged=True)
    qtbot.addWidget(again)
    again.resize(*size)  # the offscreen screen (800 x 600) clamps a restored geometry
    assert again.reopen_last()
    with qtbot.waitSignal(again.completed, timeout=10000):
        again.show()
    qtbot.waitExposed(again)
    qtbot.wait(500)
    assert again.session.article_id == ids[0]
    _panels_visible(again, size)
    again.tracker.wait(5000)
    again.close()
    lib.close()
