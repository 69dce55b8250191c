"""Child process of bench/facets.py: the reader on an existing library, offscreen, measuring
process start -> window complete -> the library's tag and entity filters ready (every entry
in its combo box), and the longest gap of a 2 ms GUI-thread heartbeat from the start until
a second after the filters are ready (and from the window complete on: while the filters
are read and filled).

With BENCH_OLD_FACETS=1 the filters are read the previous way (the baseline): every
article's tags and entity names as sets (services.facets.library_facets) in a worker, then
counted and ranked in a worker (``old_choices``), then every entry put in at once.
Run by bench/facets.py (BRIEFING_DATA_DIR set to a copy of the library).
"""

from __future__ import annotations

import os
import time

STARTED = time.perf_counter()

from facets import old_choices  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402

from briefing.gui.app import start  # noqa: E402


def use_old_facets() -> None:
    """Patch the reader to fill its filters the previous way."""
    from briefing.gui.library import filters as filters_module
    from briefing.gui.library.library_panel import LibraryPanel
    from briefing.gui.shell.main_window import MainWindow
    from briefing.gui.workers import library_opener
    from briefing.services.facets import library_facets
    from briefing.services.gc_pause import gc_paused

    def refresh_facets(self: MainWindow) -> None:
        from briefing.analysis import get_engine

        info = get_engine(self.settings.engine).info
        opener = library_opener()

        def work() -> tuple[list[str], list[str]]:
            with opener() as lib, gc_paused():
                found = library_facets(lib, info)
                return old_choices(found.tags, found.entities)

        panel: LibraryPanel = self.library

        def apply(choices: tuple[list[str], list[str]]) -> None:
            tags, entities = choices
            filters_module.fill_combo(panel.tag_filter, "All tags", [f"#{t}" for t in tags], tags)
            filters_module.fill_combo(panel.entity_filter, "All entities", entities, entities)

        panel._tasks.start("facets", work, apply, "Indexing the filters")

    MainWindow.refresh_facets = refresh_facets  # type: ignore[method-assign]


def main() -> None:
    old = bool(os.environ.get("BENCH_OLD_FACETS"))
    if old:
        use_old_facets()
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
    w.completed.connect(lambda: marks.setdefault("complete", time.perf_counter() - STARTED))
    deadline = time.perf_counter() + 300
    while not w.is_complete and time.perf_counter() < deadline:  # the second stage
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    marks.setdefault("complete", time.perf_counter() - STARTED)
    at_start = gaps[0]
    gaps[0] = 0  # from here: the stalls while the filters are read and filled
    panel = w.library

    def ready() -> bool:
        count = panel.entity_filter.count() - 1
        if old:
            return count > 0
        return count > 0 and count == len(panel.filters.entity_values())

    while not ready() and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    marks["filters"] = time.perf_counter() - STARTED if ready() else float("nan")
    settle = time.perf_counter() + 1
    while time.perf_counter() < settle:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    for name in ("complete", "filters"):
        print(f"{name} {marks.get(name, float('nan')):.4f}")
    print(f"stall_ms {max(at_start, gaps[0])}")
    print(f"stall_after_complete_ms {gaps[0]}")
    print(f"entities {panel.entity_filter.count() - 1}")
    print(f"tags {panel.tag_filter.count() - 1}", flush=True)
    heartbeat.stop()
    os._exit(0)


if __name__ == "__main__":
    main()
