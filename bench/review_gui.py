"""Review mode: GUI-thread stall per decision, and the review screenshot.

1. Stall: a library with ~1,000 queued claims (50 synthetic articles, 20 claims each,
   analyses stored by hand under the built-in engine's version so no analysis runs); review
   mode is shown and 200 verdicts are given by key presses (QTest) on the queue. Reported:
   per-decision time of the key press (decide + model row replacement + card + progress),
   against ``decide()`` alone on the same kind of item in the same run (baseline), and the
   longest gap between ticks of a 2 ms QTimer heartbeat while the decisions run
   (goal < 50 ms).
2. ``--screenshot OUT.png``: review mode on the two Siversk samples (real engine) at
   1280×800 with a few decisions made, saved with QWidget.grab().

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/review_gui.py [--decisions 200]
     QT_QPA_PLATFORM=offscreen .venv/bin/python bench/review_gui.py --screenshot \
         docs/screenshots/review.png
Everything happens in a temporary BRIEFING_DATA_DIR.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void method,
so a long run ends in "Fatal Python error: none_dealloc" (a few thousand calls); the stall
part therefore needs another PySide6 (6.11.3 was used) or Python >= 3.12 (immortal None).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["BRIEFING_DATA_DIR"] = tempfile.mkdtemp(prefix="briefing-review-bench-")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"


def synthetic_library(articles: int, claims: int) -> None:
    from briefing.analysis import get_engine
    from briefing.domain import Analysis, Claim, Span
    from briefing.ingest.text import read_plain
    from briefing.services import Library
    from briefing.services.articles import DEFAULT_ENGINE, import_document
    from briefing.storage import analyses as analysis_store

    engine = get_engine(DEFAULT_ENGINE).info
    with Library.open() as lib:
        for a in range(articles):
            sentences = [
                f"Officials in region {a} said output rose {10 + s} percent in {2000 + s}."
                for s in range(claims)
            ]
            article = import_document(lib, read_plain(" ".join(sentences)), analyse=False).article
            spans, start = [], 0
            for sentence in sentences:
                spans.append(Span(start, start + len(sentence)))
                start += len(sentence) + 1
            analysis = Analysis(
                engine=engine,
                text_sha256=article.text_sha256,
                sentences=tuple(spans),
                summaries={"headline": (0,)},
                entities=(),
                claims=tuple(Claim(s.start, s.end, 0.5 + (i % 50) / 100, "statistic")
                             for i, s in enumerate(spans)),
            )
            with lib.transaction() as conn:
                analysis_store.put(conn, analysis, "2026-01-01T00:00:00Z")


def sample_library() -> None:
    from briefing.services import Library
    from briefing.services.annotating import annotate_quote
    from briefing.services.articles import import_source
    from briefing.services.review import decide, evidence_link, review_queue
    from briefing.storage import briefs as brief_store

    with Library.open() as lib:
        first = import_source(lib, str(SAMPLES / "siversk.txt")).article.id
        second = import_source(lib, str(SAMPLES / "siversk-revised.txt")).article.id
        annotate_quote(lib, first, "small assault groups", tags=["to-check"])
        with lib.transaction() as conn:  # no brief service exists yet
            brief = brief_store.create(conn, "Siversk update", "2026-01-01T00:00:00Z")
            brief_store.set_articles(conn, brief, [second])
        queue = review_queue(lib)
        decide(lib, queue[1], "supported", note="Matches the ISW assessment of 23 Dec.")
        decide(lib, queue[2], "disputed", evidence=evidence_link(first if
                                                                 queue[2].article_id == second
                                                                 else second))


def show(app, mode) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    mode.queue_loaded.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    mode.resize(1280, 800)
    mode.show()
    loop.exec()


def screenshot(out: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from briefing.gui import theme
    from briefing.gui.review import ReviewMode

    sample_library()
    app = QApplication(sys.argv[:1])
    theme.apply(app, "light")
    mode = ReviewMode()
    mode.setWindowTitle("Review — Briefing")
    show(app, mode)
    mode.filters.show_choice.setCurrentIndex(1)  # "Everything": decided rows too
    show_loop = QEventLoop()
    mode.queue_loaded.connect(show_loop.quit)
    mode.reload()
    QTimer.singleShot(60_000, show_loop.quit)
    show_loop.exec()
    mode.list.setCurrentIndex(mode.model.index(2))
    mode.list.setFocus()
    out.parent.mkdir(parents=True, exist_ok=True)
    mode.grab().save(str(out))
    mode.shutdown()
    print(f"saved {out}")


def stall(decisions: int) -> None:
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from briefing.gui.review import ReviewMode
    from briefing.services import Library
    from briefing.services.review import decide, review_queue

    synthetic_library(50, 20)
    app = QApplication(sys.argv[:1])
    mode = ReviewMode()
    started = time.perf_counter()
    show(app, mode)
    load_s = time.perf_counter() - started
    total = mode.model.rowCount()

    gaps: list[float] = []
    clock = QElapsedTimer()
    heartbeat = QTimer(interval=2)
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    heartbeat.timeout.connect(tick)
    gui_ms: list[float] = []
    done = [0]

    def one() -> None:
        if done[0] >= decisions:
            app.quit()
            return
        t0 = time.perf_counter()
        QTest.keyClick(mode.list, Qt.Key.Key_1)
        gui_ms.append((time.perf_counter() - t0) * 1000)
        done[0] += 1
        QTimer.singleShot(5, one)

    clock.start()
    heartbeat.start()
    QTimer.singleShot(1000, app.quit)  # idle baseline: the heartbeat alone for 1 s
    app.exec()
    idle_gaps, gaps[:] = list(gaps), []
    QTimer.singleShot(5, one)
    app.exec()
    heartbeat.stop()
    mode.shutdown()

    core_ms: list[float] = []
    with Library.open() as lib:
        for item in review_queue(lib)[:decisions]:
            t0 = time.perf_counter()
            decide(lib, item, "disputed")
            core_ms.append((time.perf_counter() - t0) * 1000)

    gui_med, core_med = statistics.median(gui_ms), statistics.median(core_ms)
    print(f"queue: {total} items, first load (worker) {load_s:.2f} s")
    print(f"decision by key press: median {gui_med:.2f} ms, max {max(gui_ms):.1f} ms "
          f"(n={len(gui_ms)})")
    print(f"decide() alone (baseline): median {core_med:.2f} ms, max {max(core_ms):.1f} ms")
    print(f"ratio key press / decide(): {gui_med / core_med:.2f}x")
    gaps.sort()
    print(f"longest GUI-thread stall (2 ms heartbeat gap): {gaps[-1]:.1f} ms (goal < 50 ms); "
          f"p99 {gaps[int(len(gaps) * 0.99)]:.1f} ms, 5 longest {[round(g) for g in gaps[-5:]]}")
    print(f"idle heartbeat (baseline, 1 s): longest gap {max(idle_gaps):.1f} ms")


def warn_if_none_refcount_bug() -> None:
    import PySide6

    if PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12):
        print("warning: PySide6 6.12.0 on Python 3.11 leaks references to None; a long run "
              "may abort with 'deallocating None' (see the module docstring)", file=sys.stderr)


def main() -> None:
    warn_if_none_refcount_bug()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=200)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    if args.screenshot:
        screenshot(args.screenshot)
    else:
        stall(args.decisions)


if __name__ == "__main__":
    main()
