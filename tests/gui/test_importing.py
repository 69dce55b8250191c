"""Getting articles in: drag-and-drop, paste, errors in the banner, cancelling an import."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication

from briefing.domain import Analysis, EngineInfo, text_sha256
from briefing.gui.workers import Imported
from briefing.services import articles
from tests.gui.conftest import ARTICLE, article_files


def test_drop_a_file_imports_and_shows_it(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "cranes.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.analysis_shown, timeout=15000):
        window.dropEvent(event)
    assert event.isAccepted()
    assert window.session.article.title == "Harbour cranes idle"
    assert [r.title for r in articles.list_articles(window.lib)] == ["Harbour cranes idle"]


def test_paste_text_as_new_article(qtbot, window) -> None:
    QGuiApplication.clipboard().setText(ARTICLE)
    with qtbot.waitSignal(window.analysis_shown, timeout=15000):
        window.acts["paste"].trigger()
    assert "Rotterdam" in window.session.article.text


def test_import_error_goes_to_banner(qtbot, window, tmp_path: Path) -> None:
    with qtbot.waitSignal(window.importer.imported, timeout=10000):
        window.importer.start([str(tmp_path / "missing.txt")])
    assert window.banner.isVisible()
    assert "missing.txt" in window.banner.text()


class SlowEngine:
    """A test engine that blocks until released, so an import can be cancelled mid-way."""

    def __init__(self, release: threading.Event, started: threading.Event) -> None:
        self.release, self.started = release, started

    @property
    def info(self) -> EngineInfo:
        return EngineInfo("slow-test", "0")

    def analyse(self, text: str) -> Analysis:
        self.started.set()
        self.release.wait(10)
        return Analysis(engine=self.info, text_sha256=text_sha256(text))


def test_cancel_a_running_import(qtbot, window, tmp_path: Path) -> None:
    from briefing.analysis import register_engine

    release, started = threading.Event(), threading.Event()
    register_engine("slow-test", lambda: SlowEngine(release, started))
    window.settings.engine = "slow-test"
    paths = article_files(tmp_path, 3)
    results: list[Imported] = []
    window.importer.imported.connect(results.append)
    job = window.importer.start(paths)
    qtbot.waitUntil(started.is_set, timeout=5000)
    qtbot.waitUntil(window.status.cancel.isVisible, timeout=2000)  # updated within 60 ms
    window.status.cancel.click()
    release.set()
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert results[0].cancelled and job.is_cancelled()
    assert len(results[0].article_ids) == 1  # the one in progress; the other two never read
    stored = articles.get_article(window.lib, results[0].article_ids[0])
    from briefing.analysis import get_engine

    assert articles.cached_analysis(window.lib, stored, get_engine("slow-test")) is None
    qtbot.waitUntil(lambda: not window.tracker.is_busy(), timeout=5000)
    qtbot.waitUntil(lambda: not window.status.cancel.isVisible(), timeout=2000)


def test_second_launch_forwards_its_paths(qtbot, window, tmp_path: Path,
                                          monkeypatch) -> None:
    import os
    import subprocess
    import sys

    from briefing.gui import app

    monkeypatch.delenv("BRIEFING_NO_SINGLE_INSTANCE")
    forwarded, listen = app._single_instance([])
    assert not forwarded and listen  # nobody listening yet: this reader will
    app._listen(window)
    assert window.single_instance is not None
    path = tmp_path / "later.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    client = ("import sys\nfrom PySide6.QtCore import QCoreApplication\n"
              "a = QCoreApplication([])\nfrom briefing.gui.app import _single_instance\n"
              "print(_single_instance(sys.argv[1:])[0])\n")
    env = dict(os.environ)
    env.pop("BRIEFING_NO_SINGLE_INSTANCE", None)
    with qtbot.waitSignal(window.analysis_shown, timeout=20000):
        proc = subprocess.Popen([sys.executable, "-c", client, str(path)], env=env,
                                stdout=subprocess.PIPE, text=True)
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=15000)
    assert proc.stdout is not None and proc.stdout.read().strip() == "True"
    assert "Rotterdam" in window.session.article.text
