"""Child process of bench/scale.py: the reader on an existing library, measured from inside.

Prints one ``name value`` line per figure: process start -> first paint, -> window complete
(library list filled: usable), -> last article's analysis shown; the longest gap of a 2 ms
heartbeat on the GUI thread over the first seconds (start-up, facets, list); opening other
articles -> their cached analysis shown; the GUI-thread time of a list refresh after an
import and of typing a library search and choosing a filter; memory after idling.
Run by bench/scale.py (BRIEFING_DATA_DIR set to the library); not a benchmark on its own.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

STARTED = time.perf_counter()

from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QTimer  # noqa: E402

if os.environ.get("BENCH_NO_QUICK_CHECK"):  # as the per-open integrity check is removed
    import briefing.storage.connection as _connection

    _connection._check_integrity = lambda _conn, _path: None  # type: ignore[assignment]

from briefing.gui.app import start  # noqa: E402


def since() -> float:
    return time.perf_counter() - STARTED


def say(name: str, value: float) -> None:
    print(f"{name} {value:.4f}", flush=True)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    started = start([])
    assert not isinstance(started, int), "the reader did not start"
    app, w = started.app, started.window
    w.resize(1280, 800)
    clock = QElapsedTimer()
    clock.start()
    gaps = [0]
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps[0] = max(gaps[0], now - last[0])
        last[0] = now

    heartbeat = QTimer(interval=2)
    heartbeat.timeout.connect(tick)
    heartbeat.start()
    marks: dict[str, float] = {}

    class Paint(QObject):
        def eventFilter(self, _o: QObject, e: QEvent) -> bool:
            if e.type() == QEvent.Type.Paint and "painted" not in marks:
                marks["painted"] = since()
            return False

    painted = Paint()
    w.view.viewport().installEventFilter(painted)
    w.completed.connect(lambda: marks.setdefault("complete", since()))
    w.analysis_shown.connect(lambda _i: marks.setdefault("analysed", since()))
    deadline = time.perf_counter() + 60
    while len(marks) < 3 and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    rows = w.library.model.rowCount()
    while rows == 0 and time.perf_counter() < deadline:  # a list filled in a worker
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        rows = w.library.model.rowCount()
    marks["listed"] = since()
    panel = w.library

    def filters_ready() -> bool:
        return panel.entity_filter.count() > 1 or panel.tag_filter.count() > 1

    settle = time.perf_counter() + 3  # facets, entity index: what start-up leaves to workers
    while time.perf_counter() < settle or (not filters_ready() and time.perf_counter() < deadline):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if filters_ready():
            marks.setdefault("filters", since())
    for name in ("painted", "complete", "analysed", "listed", "filters"):
        say(name, marks.get(name, float("nan")))
    say("stall_start_ms", gaps[0])
    say("rows", rows)

    ids = [w.library.model.article_id_at(r) for r in range(rows)]
    opened = []
    for article_id in random.Random(3).sample(ids, min(8, len(ids))):
        loop = QEventLoop()
        done: list[float] = []
        w.analysis_shown.connect(lambda _i, d=done, lp=loop: (d.append(time.perf_counter()),
                                                                 lp.quit()))
        began = time.perf_counter()
        QTimer.singleShot(10_000, loop.quit)
        w.open_article(article_id)
        loop.exec()
        w.analysis_shown.disconnect()
        opened.append((done[0] if done else float("inf")) - began)
    say("open_ms_median", sorted(opened)[len(opened) // 2] * 1000)
    say("open_ms_max", max(opened) * 1000)

    # an import: the list is refreshed after it (and the new article opened)
    folder = Path(tempfile.mkdtemp(prefix="briefing-scale-"))
    path = folder / "new-article.txt"
    path.write_text("Harbour reopens after the storm\n\nThe port authority said on Monday that "
                    "ships can dock again after 3 days of closure.\n", encoding="utf-8")
    gaps[0] = 0
    loop = QEventLoop()
    # (a reader without the list's ``refreshed`` signal refreshes it as the import ends)
    getattr(w.library, "refreshed", w.importer.imported).connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    w.importer.start([str(path)])
    loop.exec()
    wait(1500)
    say("stall_import_ms", gaps[0])
    say("rows_after_import", getattr(w.library.model, "total", w.library.model.rowCount)())

    typing = []
    for query in ("minister", "police said", "world cup"):
        gaps[0] = 0
        w.library.search.setText(query)
        wait(1200)
        typing.append(gaps[0])
    w.library.search.setText("")
    wait(800)
    say("stall_search_ms", max(typing))
    gaps[0] = 0
    combo = w.library.entity_filter
    if combo.count() > 1:
        combo.setCurrentIndex(1)
        wait(1200)
        combo.setCurrentIndex(0)
        wait(800)
    say("stall_filter_ms", gaps[0])
    say("entity_choices", combo.count() - 1)
    wait(int(os.environ.get("BENCH_IDLE_MS", "3000")))
    say("maxrss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    with open("/proc/self/statm") as statm:
        say("rss_mb", int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6)
    heartbeat.stop()
    w.tracker.wait(5000)
    w.close()
    app.quit()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
