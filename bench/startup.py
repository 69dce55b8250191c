"""Reader start-up and responsiveness benchmark.

1. Cold start: a fresh process until the first paint of the main window showing the sample
   article (already in the library), versus a bare PySide6 QTextBrowser window showing the
   same text, measured in the same run (median of several alternating runs; goal ≤ 1.5×).
2. GUI-thread stall: the longest gap between ticks of a 2 ms QTimer heartbeat while 100
   articles are imported and analysed in the background (goal < 50 ms).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "siversk.txt"

BASELINE = r"""
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QTextBrowser
app = QApplication(sys.argv[:1])
w = QTextBrowser()
w.setPlainText(open(sys.argv[1], encoding="utf-8").read())
w.resize(1280, 800)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print("painted", flush=True); app.quit()
        return False
f = F(); w.viewport().installEventFilter(f)
w.show(); app.exec()
"""

READER = r"""
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from briefing.gui import theme
from briefing.gui.gui_settings import GuiSettings
from briefing.gui.main_window import MainWindow
from briefing.services import Library
app = QApplication(sys.argv[:1])
settings = GuiSettings()
theme.apply(app, settings.theme)
lib = Library.open()
w = MainWindow(lib, settings)
w.resize(1280, 800)
w.open_article(1)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            assert w.session.article is not None
            print("painted", flush=True); app.quit()
        return False
f = F(); w.view.viewport().installEventFilter(f)
w.show(); app.exec()
"""


def timed(code: str, env: dict[str, str], *args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, check=False)
    elapsed = time.perf_counter() - start
    if "painted" not in done.stdout:
        raise SystemExit(f"benchmark child failed:\n{done.stderr}")
    return elapsed


def cold_start(runs: int, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "briefing", "import", str(SAMPLE)], env=env,
                   check=True, capture_output=True)
    base, reader = [], []
    for _ in range(runs):
        base.append(timed(BASELINE, env, str(SAMPLE)))
        reader.append(timed(READER, env))
    b, r = statistics.median(base), statistics.median(reader)
    print(f"cold start to first paint (median of {runs}):")
    print(f"  bare QTextBrowser   {b * 1000:7.0f} ms")
    print(f"  Briefing reader     {r * 1000:7.0f} ms")
    print(f"  ratio               {r / b:7.2f}x   (goal <= 1.5x)")


def stall(count: int) -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from briefing.gui import theme
    from briefing.gui.app import configure_runtime
    from briefing.gui.gui_settings import GuiSettings
    from briefing.gui.main_window import MainWindow
    from briefing.services import Library

    configure_runtime()  # as app.run() does
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = GuiSettings()
    theme.apply(app, settings.theme)  # type: ignore[arg-type]
    lib = Library.open()
    window = MainWindow(lib, settings)
    window.resize(1280, 800)
    window.show()
    settle = QEventLoop()
    QTimer.singleShot(500, settle.quit)  # first paint and start-up work are not the subject
    settle.exec()
    folder = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    paragraphs = SAMPLE.read_text(encoding="utf-8").split("\n")
    paths = []
    for i in range(count):
        rotated = paragraphs[i % len(paragraphs):] + paragraphs[: i % len(paragraphs)]
        text = f"Bulletin {i}: wire update\n\n" + "\n".join(rotated) + f"\nUpdate number {i}."
        path = folder / f"article-{i:03}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    clock = QElapsedTimer()
    gaps: list[int] = []
    long_gaps: list[tuple[int, int]] = []  # (ms since start, gap) for gaps over 30 ms
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        if gaps[-1] > 30:
            long_gaps.append((now, gaps[-1]))
        last[0] = now

    heartbeat = QTimer(interval=2)
    heartbeat.timeout.connect(tick)
    loop = QEventLoop()
    window.importer.imported.connect(lambda _r: QTimer.singleShot(300, loop.quit))
    clock.start()
    heartbeat.start()
    started = time.perf_counter()
    window.importer.start(paths)
    loop.exec()
    heartbeat.stop()
    total = time.perf_counter() - started
    rows = window.library.model.rowCount()
    gaps.sort()
    print(f"import of {count} articles in the background: {total:.1f} s, {rows} in library")
    print(f"  heartbeat gaps: median {statistics.median(gaps)} ms, p99 "
          f"{gaps[int(len(gaps) * 0.99)]} ms, longest {gaps[-1]} ms   (goal < 50 ms)")
    print(f"  gaps over 30 ms (at ms, length): {long_gaps}")
    annotation_latency(window)
    window.tracker.wait(5000)
    window.close()
    lib.close()


def annotation_latency(window: object, cycles: int = 40) -> None:
    """GUI-thread cost of one highlight (saved at once, panels and layers redrawn) and of
    its undo, on the article shown after the import."""
    from briefing.gui.main_window import MainWindow

    assert isinstance(window, MainWindow) and window.session.article is not None
    text = window.session.article.text
    add, undo = [], []
    for i in range(cycles):
        start = (i * 37) % max(1, len(text) - 20)
        window.view.select_span(start, start + 12)
        began = time.perf_counter()
        window.annotator.highlight("yellow")
        add.append(time.perf_counter() - began)
        began = time.perf_counter()
        window.undo_stack.undo()
        undo.append(time.perf_counter() - began)
    print(f"highlight + save + redraw on the GUI thread: median "
          f"{statistics.median(add) * 1000:.1f} ms, max {max(add) * 1000:.1f} ms; "
          f"undo median {statistics.median(undo) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as data:
        env = dict(os.environ, BRIEFING_DATA_DIR=data, BRIEFING_NO_SINGLE_INSTANCE="1")
        cold_start(args.runs, env)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as data:
        os.environ["BRIEFING_DATA_DIR"] = data
        stall(args.articles)


if __name__ == "__main__":
    main()
