"""Child process of bench/scale.py: the reader on an existing library, measured from inside.

Prints one ``name value`` line per figure: process start -> first paint, -> window complete
(library list filled: usable), -> last article's analysis shown; the longest gap of a 2 ms
heartbeat on the GUI thread over the first seconds (start-up, facets, list), and the most
GUI-thread CPU time spent in one gap and in one step of the window's second stage (figures
that machine load does not inflate as much as wall-clock gaps); opening other
articles -> their cached analysis shown; the GUI-thread time of a list refresh after an
import and of typing a library search and choosing a filter, and the CPU time the process's
other threads (workers: their Python work competes with the GUI thread for the interpreter
lock; a child process's does not) used over the first seconds, the import and the searches;
memory after idling (the reader's, and its analysis child's apart).
Run by bench/scale.py (BRIEFING_DATA_DIR set to the library); not a benchmark on its own.
With BENCH_STALL_TRACE=1, every GUI-thread stall over 50 ms is reported on stderr with the
Python stacks of every thread sampled during it (a watchdog thread, see :class:`StallTrace`):
the GUI thread's, and the workers' that may hold the interpreter lock meanwhile.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

STARTED = time.perf_counter()

# Qt and the reader are imported by main() (timed all the same: it runs at once), not here:
# the reader's spawned child processes import this module again, and need neither.


def since() -> float:
    return time.perf_counter() - STARTED


def say(name: str, value: float) -> None:
    print(f"{name} {value:.4f}", flush=True)


def rss_mb(pid: str) -> float:
    """Resident memory of process ``pid`` ("self": this one), MB."""
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class StallTrace:
    """Samples every thread's Python stack every 5 ms while the GUI thread's heartbeat is
    late, and keeps, per stall over ``limit_ms``, the phase it happened in, the GUI
    thread's stacks seen most and, separately, what the other threads (the workers that
    may hold the interpreter lock meanwhile) were running most; and the CPU time each
    thread used over the sampled part of the stall (from 20 ms late on) beside its wall time:
    a worker busy all along says "the lock or a core went to it"; little CPU anywhere says
    the machine (other processes) kept this one waiting."""

    def __init__(self, limit_ms: float = 50.0) -> None:
        self.limit = limit_ms / 1000
        self.gui = threading.main_thread().ident
        self.gui_tid = threading.main_thread().native_id
        self.me = 0
        self.beat = time.perf_counter()
        self.phase = "start"
        self.stalls: list[tuple[str, float, Counter[str], Counter[str], str]] = []
        self.running = True
        self.armed = False  # from the first beat: start() itself comes before any window
        threading.Thread(target=self._watch, daemon=True).start()

    def tick(self) -> None:
        self.beat = time.perf_counter()
        self.armed = True

    @staticmethod
    def _stack(frame: object, depth: int) -> str:
        return "".join(traceback.format_list(traceback.extract_stack(frame)[-depth:]))  # type: ignore[arg-type]

    @staticmethod
    def _cpu(idents: list[int]) -> dict[int, float]:
        """Each thread's CPU seconds so far (threads gone meanwhile left out)."""
        found = {}
        for ident in idents:
            try:
                found[ident] = time.clock_gettime(time.pthread_getcpuclockid(ident))
            except (OSError, OverflowError):
                continue
        return found

    def _schedstat(self) -> tuple[float, float]:
        """The GUI thread's time on a core and waiting for one (s), from the kernel's
        scheduler statistics (zeros where there are none)."""
        try:
            with open(f"/proc/self/task/{self.gui_tid}/schedstat") as stats:
                on_cpu, waiting, _slices = stats.read().split()
        except (OSError, ValueError):
            return 0.0, 0.0
        return int(on_cpu) / 1e9, int(waiting) / 1e9

    def _cpu_line(self, cpu0: dict[int, float], sampled: float,
                  names: dict[int | None, str], sched0: tuple[float, float]) -> str:
        """Per thread, the CPU ms used since ``cpu0`` was read, ``sampled`` s ago; and how
        the GUI thread spent that time: on a core, waiting for one (the machine busy), or
        neither (blocked: waiting for the interpreter lock, or for I/O)."""
        on_cpu, waiting = (now - then for now, then in zip(self._schedstat(), sched0,
                                                             strict=True))
        blocked = max(sampled - on_cpu - waiting, 0.0)
        gui = (f"GUI thread: {on_cpu * 1000:.0f} ms on a core, {waiting * 1000:.0f} ms waiting "
               f"for one, {blocked * 1000:.0f} ms blocked (interpreter lock, I/O)")
        cpu1 = self._cpu(list(cpu0))
        used = {i: (cpu1[i] - cpu0[i]) * 1000 for i in cpu1 if i in cpu0}
        parts = [f"{'GUI' if i == self.gui else names.get(i, str(i))} {ms:.0f}"
                 for i, ms in sorted(used.items(), key=lambda kv: -kv[1]) if ms >= 1]
        return (f"CPU ms over the last {sampled * 1000:.0f} ms of it: {', '.join(parts) or '-'}"
                f"; load average {os.getloadavg()[0]:.2f}\n  {gui}")

    def _watch(self) -> None:
        self.me = threading.get_ident()
        names: dict[int | None, str] = {t.ident: t.name for t in threading.enumerate()}
        gui: Counter[str] = Counter()
        others: Counter[str] = Counter()
        began = 0.0
        cpu0: dict[int, float] = {}
        sampled_from = 0.0
        sched0 = (0.0, 0.0)
        while self.running:
            time.sleep(0.005)
            if not self.armed:
                continue
            late = time.perf_counter() - self.beat
            if late > 0.02:
                frames = sys._current_frames()
                frames.pop(self.me, None)
                if not began:
                    cpu0, sampled_from = self._cpu(list(frames)), time.perf_counter()
                    sched0 = self._schedstat()
                frame = frames.pop(self.gui or 0, None)
                if frame is not None:
                    gui[self._stack(frame, 8)] += 1
                for ident, other in frames.items():
                    if other.f_code.co_name in ("wait", "select", "_wait_for_tstate_lock"):
                        continue  # idle: waiting for work
                    if ident not in names:
                        names = {t.ident: t.name for t in threading.enumerate()}
                    name = names.get(ident, str(ident))
                    others[f"  thread {name}:\n{self._stack(other, 6)}"] += 1
                began = began or self.beat
            elif began:
                took = self.beat - began
                if took > self.limit:
                    line = self._cpu_line(cpu0, time.perf_counter() - sampled_from, names,
                                          sched0)
                    self.stalls.append((self.phase, took, gui, others, line))
                gui, others, began = Counter(), Counter(), 0.0

    def report(self) -> None:
        self.running = False
        for phase, took, gui, others, cpu in self.stalls:
            print(f"--- stall {took * 1000:.0f} ms during {phase}\n  {cpu}", file=sys.stderr)
            for stack, count in gui.most_common(2):
                print(f"  GUI thread [{count} samples]\n{stack}", file=sys.stderr)
            for stack, count in others.most_common(3):
                print(f"  other thread [{count} samples]\n{stack}", file=sys.stderr)


def main() -> None:
    from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QTimer

    from briefing.gui.app import start

    trace = StallTrace() if os.environ.get("BENCH_STALL_TRACE") else None
    started = start([])
    assert not isinstance(started, int), "the reader did not start"
    app, w = started.app, started.window
    w.resize(1280, 800)
    steps: dict[str, float] = {}  # the window's second stage: GUI-thread CPU ms per step
    step_began = [time.thread_time()]

    def step_done(name: str) -> None:
        now = time.thread_time()
        steps[name] = (now - step_began[0]) * 1000
        step_began[0] = now

    original_next = getattr(type(w), "_next_step", None)  # absent: a one-step window
    if original_next is not None:
        w.completion_step.connect(step_done)

        def next_step(window: object) -> None:  # the CPU clock restarts as each step begins
            step_began[0] = time.thread_time()
            original_next(window)

        type(w)._next_step = next_step  # type: ignore[attr-defined]
    clock = QElapsedTimer()
    clock.start()
    gaps = [0]
    last = [0]
    cpu_gap = [0.0]  # the most GUI-thread CPU time between two beats (ms)
    cpu_last = [time.thread_time()]

    def tick() -> None:
        now = clock.elapsed()
        gaps[0] = max(gaps[0], now - last[0])
        last[0] = now
        cpu_now = time.thread_time()
        cpu_gap[0] = max(cpu_gap[0], (cpu_now - cpu_last[0]) * 1000)
        cpu_last[0] = cpu_now
        if trace is not None:
            trace.tick()

    workers_from = [0.0]  # this process's CPU outside the GUI thread at the phase's start

    def workers_cpu_ms() -> float:
        """CPU ms of this process's other threads (workers) since the phase began: Python
        work there competes with the GUI thread for the interpreter lock."""
        return (time.process_time() - time.thread_time() - workers_from[0]) * 1000

    def phase(name: str) -> None:  # a new measure: its own longest gap
        gaps[0] = 0
        workers_from[0] = time.process_time() - time.thread_time()
        if trace is not None:
            trace.phase = name

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
    while getattr(panel, "partial", False) and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)  # the whole list
    marks["listed_whole"] = since()
    rows = panel.model.rowCount()

    def filters_ready() -> bool:
        return panel.entity_filter.count() > 1 or panel.tag_filter.count() > 1

    settle = time.perf_counter() + 3  # facets, entity index: what start-up leaves to workers
    while time.perf_counter() < settle or (not filters_ready() and time.perf_counter() < deadline):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if filters_ready():
            marks.setdefault("filters", since())
    for name in ("painted", "complete", "analysed", "listed", "listed_whole", "filters"):
        say(name, marks.get(name, float("nan")))
    say("stall_start_ms", gaps[0])
    say("start_workers_cpu_ms", workers_cpu_ms())
    say("stall_start_cpu_ms", cpu_gap[0])
    say("start_step_cpu_ms", max(steps.values(), default=float("nan")))
    if trace is not None:
        print("completion steps, GUI-thread CPU ms: " + ", ".join(
            f"{name} {ms:.1f}" for name, ms in steps.items()), file=sys.stderr)
    say("rows", rows)

    phase("opening articles")
    opened = []
    picked = random.Random(3).sample(range(rows), min(8, rows))  # not every row: 100,000 calls
    for article_id in [w.library.model.article_id_at(r) for r in picked]:
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
    path.write_text("Harbour reopens after the storm\n\nThe port authority said on Monday "
                    f"that ships can dock again after {os.getpid()} hours of closure.\n",
                    encoding="utf-8")
    phase("import + list refresh")
    loop = QEventLoop()
    # (a reader without the list's ``refreshed`` signal refreshes it as the import ends)
    getattr(w.library, "refreshed", w.importer.imported).connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    w.importer.start([str(path)])
    loop.exec()
    wait(1500)
    say("stall_import_ms", gaps[0])
    say("import_workers_cpu_ms", workers_cpu_ms())
    say("rows_after_import", getattr(w.library.model, "total", w.library.model.rowCount)())

    typing = []
    searching_cpu = 0.0
    for query in ("minister", "police said", "world cup"):
        phase(f"typing a search ({query})")
        w.library.search.setText(query)
        wait(1200)
        typing.append(gaps[0])
        searching_cpu += workers_cpu_ms()
    w.library.search.setText("")
    wait(800)
    say("stall_search_ms", max(typing))
    say("search_workers_cpu_ms", searching_cpu)
    phase("entity filter")
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
    say("rss_mb", rss_mb("self"))
    try:
        from briefing.services.analysis_process import shared
    except ImportError:  # a reader from before the analysis child (comparing versions)
        children = []
    else:
        children = shared().pids()  # the analysis child the import started (its own memory)
    say("child_rss_mb", sum(rss_mb(str(pid)) for pid in children))
    heartbeat.stop()
    if trace is not None:
        trace.report()
    w.tracker.wait(5000)
    w.close()
    app.quit()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
