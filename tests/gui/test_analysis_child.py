"""The reader analyses imported articles in a child process: the result lands in the
library and is shown, the GUI process never builds the engine, closing the window stops
the child, and cancelling an import stops the analysis running there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.gui.workers import Imported
from briefing.services import articles
from briefing.services.analysis_process import ENV_SWITCH, shared
from tests.gui.conftest import ARTICLE, article_files


@pytest.fixture
def child_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_SWITCH, "1")


def _built_here() -> bool:
    """Whether this process built the built-in engine (its registry keeps the instance)."""
    from briefing.analysis.registry import _registry

    return "builtin" in _registry()._instances


def test_import_is_analysed_in_the_child_and_stored(child_on: None, qtbot, window,
                                                    tmp_path: Path) -> None:
    from briefing.analysis.registry import _registry

    _registry()._instances.pop("builtin", None)  # built by earlier tests of this session
    path = tmp_path / "cranes.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with qtbot.waitSignal(window.analysis_shown, timeout=60000):
        window.importer.start([str(path)])
    child = shared()
    pid = child.child_pid()
    assert pid is not None and pid != os.getpid()
    assert not _built_here()  # the engine was built in the child only
    stored = articles.list_articles(window.lib)
    assert [row.title for row in stored] == ["Harbour cranes idle"]
    article = articles.get_article(window.lib, stored[0].id)
    cached = articles.cached_analysis(window.lib, article)
    assert cached is not None and cached.sentences
    assert window.session.analysis == cached
    window.tracker.wait(5000)
    window.close()
    assert not child.running()  # closing the window stops the child
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_cancelling_an_import_stops_the_childs_analysis(child_on: None, qtbot, window,
                                                        tmp_path: Path) -> None:
    paths = article_files(tmp_path, 3)
    results: list[Imported] = []
    window.importer.imported.connect(results.append)
    child = shared()
    child.stop()  # a fresh child: the engine is built by the first analysis (seconds)
    job = window.importer.start(paths)
    qtbot.waitUntil(child.running, timeout=10000)
    qtbot.waitUntil(window.status.cancel.isVisible, timeout=2000)
    window.status.cancel.click()
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert results[0].cancelled and job.is_cancelled()
    assert len(results[0].article_ids) == 1  # stored; the other two never read
    stored = articles.get_article(window.lib, results[0].article_ids[0])
    assert articles.cached_analysis(window.lib, stored) is None
    assert not child.running()  # the analysis in progress was stopped with its child


def test_a_browser_capture_is_analysed_in_the_child(child_on: None, qtbot, window,
                                                    samples: Path) -> None:
    """A page sent from the browser to the running reader: stored with its analysis, which
    the child computed (the reader's own process never builds the engine)."""
    from briefing.analysis.registry import _registry
    from briefing.gui.capture.host import host_capture
    from briefing.services.capturing import pair_token
    from tests.gui.test_capture_host import _capture

    _registry()._instances.pop("builtin", None)  # built by earlier tests of this session
    host = host_capture(window, port=0)
    qtbot.waitUntil(lambda: host.server is not None, timeout=10000)
    try:
        _, token = pair_token(window.lib, "test")
        body = _capture(host.server.port, token, (samples / "siversk.html").read_text("utf-8"))
    finally:
        host.stop()
    assert not _built_here()
    child = shared()
    assert child.running() and child.child_pid() != os.getpid()
    article = articles.get_article(window.lib, body["article_id"])
    cached = articles.cached_analysis(window.lib, article)
    assert cached is not None and cached.entities
    window.tracker.wait(5000)
    window.close()


def test_services_analyse_in_the_child_while_the_reader_runs(child_on: None, qtbot, window,
                                                             tmp_path: Path) -> None:
    """The entity index (like review, stories, revisions and exports) computes a missing
    analysis through the reader's child, never by building the engine in a reader thread;
    once the window is closed, services analyse in the calling thread again."""
    from briefing.analysis.registry import _registry
    from briefing.ingest import read_plain
    from briefing.services.crossref_entities import entity_summaries

    _registry()._instances.pop("builtin", None)  # built by earlier tests of this session
    stored = articles.import_document(window.lib, read_plain(ARTICLE), analyse=False).article
    assert articles.cached_analysis(window.lib, stored) is None
    names = [summary.name for summary in entity_summaries(window.lib)]
    assert "Rotterdam" in names
    assert articles.cached_analysis(window.lib, stored) is not None
    assert not _built_here() and shared().running()
    window.tracker.wait(5000)
    window.close()
    assert not articles._compute_elsewhere  # the reader's hook is gone with its window
