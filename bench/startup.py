"""Reader start-up and responsiveness benchmark.

1. Cold start: a fresh process until the first paint of the main window showing the sample
   article (in the library, and read last time: ``briefing gui`` reopens it), versus a bare
   PySide6 QTextBrowser window showing the same text, measured in the same run (median of
   several alternating runs; goal ≤ 1.5×). Where valgrind is installed, the instructions each
   child executes until its first paint are counted too (callgrind): a ratio that does not
   move with whatever else the machine is doing.
   The clock stops when the child reports its first paint (not when it has exited). The
   reader is started by the same code as ``briefing gui`` (app.start(), single-instance
   check included).
   Both children get a bytecode cache in a temporary folder (PYTHONPYCACHEPREFIX), filled
   by one untimed run of each, as an installed package has its .pyc files; pass
   ``--no-bytecode-cache`` to measure with every module compiled from source instead.
   The window is built in two stages (MainWindow): the first paint shows the article; the
   library, side panels and menus follow. Also printed, without a goal: the time until that
   second stage is built ("complete") and until the article's analysis is shown.
2. GUI-thread stall: the longest gap between ticks of a 2 ms QTimer heartbeat while 100
   articles are imported and analysed in the background (goal < 50 ms).

3. With ``--cli DIR...`` (libraries built by bench/build_library.py, copied before use):
   how soon CLI commands answer on each, beside a one-article library built in the same run
   (median of ``--cli-runs``): ``briefing --help``; ``briefing list | head -1`` (time to
   the first line); ``briefing review --article ID --json | head -c 100`` (one article of
   the big library: start-up plus a little work); ``briefing review --json | head -c 100``
   (the whole queue must be sorted before its first item: a full walk). Goal: every command
   starts in under 0.3 s.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py [--runs 9] [--cold-only]
     .venv/bin/python bench/startup.py --cli /work/libs/lib10k /work/libs/lib100k
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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
import os
from PySide6.QtCore import QEvent, QObject
from briefing.gui.app import start
started = start([])  # as `briefing gui` with no paths: reopens the article read last
app, w = started.app, started.window
w.resize(1280, 800)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            assert w.session.article is not None and w.view.toPlainText()
            self.done = True
            print("painted", flush=True)
            if os.environ.get("BENCH_QUIT_AT_PAINT"):
                app.quit()
        return False
def complete():
    assert w.library.model.rowCount() == 1
    print("complete", flush=True)
def analysed(_article_id):
    assert w.summary.model.rowCount() > 0
    print("analysed", flush=True)
    w.close()  # as the user would: the single-instance socket is removed
    app.quit()
f = F(); w.view.viewport().installEventFilter(f)
w.completed.connect(complete)
w.analysis_shown.connect(analysed)
app.exec()
"""
# The state a returning user has: the sample in the library, read last time.
READ_LAST = r"""
from briefing.gui.gui_settings import GuiSettings
from briefing.services import Library
lib = Library.open()
settings = GuiSettings()
settings.set_last_article(lib.database, 1)
settings.sync()
"""
READER_MARKS = ("painted", "complete", "analysed")


def timed(code: str, env: dict[str, str], *args: str,
          marks: tuple[str, ...] = ("painted",)) -> list[float]:
    """Seconds from starting a child until it prints each of ``marks`` ("painted" first)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    watchdog = threading.Timer(60, child.kill)  # a child that never gets there fails the run
    watchdog.start()
    elapsed, lines = [], []
    for mark in marks:
        lines.append(child.stdout.readline())
        elapsed.append(time.perf_counter() - start)
        if lines[-1].strip() != mark:
            break
    watchdog.cancel()
    try:
        _, err = child.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        child.kill()
        _, err = child.communicate()
    if [line.strip() for line in lines] != list(marks):
        raise SystemExit(f"benchmark child failed:\n{''.join(lines)}{err}")
    return elapsed


def instructions_to_first_paint(code: str, env: dict[str, str], *args: str) -> int:
    """Instructions a child executes until its first paint (valgrind's callgrind: the
    same count whatever else the machine is doing)."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", code, *args],
        env=dict(env, BENCH_QUIT_AT_PAINT="1"), capture_output=True, text=True, timeout=600,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or found is None:
        raise SystemExit(f"valgrind run failed:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def count_instructions(env: dict[str, str]) -> None:
    base = instructions_to_first_paint(BASELINE, env, str(SAMPLE))
    reader = instructions_to_first_paint(READER, env)
    print("instructions to first paint (valgrind callgrind, noise-free):")
    print(f"  bare QTextBrowser   {base / 1e6:7.0f} M")
    print(f"  Briefing reader     {reader / 1e6:7.0f} M")
    print(f"  ratio               {reader / base:7.2f}x")


def cold_start(runs: int, env: dict[str, str], bytecode_cache: bool,
               instructions: bool = False) -> None:
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    cache = tempfile.TemporaryDirectory(prefix="briefing-bench-pyc-")
    if bytecode_cache:
        env["PYTHONPYCACHEPREFIX"] = cache.name
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    subprocess.run([sys.executable, "-m", "briefing", "import", str(SAMPLE)], env=env,
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", READ_LAST], env=env, check=True, capture_output=True)
    timed(BASELINE, env, str(SAMPLE))  # untimed: fills the bytecode cache, warms the disk
    timed(READER, env, marks=READER_MARKS)
    if instructions:
        count_instructions(env)
    base: list[float] = []
    reader: list[float] = []
    later: dict[str, list[float]] = {mark: [] for mark in READER_MARKS[1:]}
    for i in range(runs):
        for which in ("base", "reader") if i % 2 == 0 else ("reader", "base"):  # alternate
            if which == "base":
                base.append(timed(BASELINE, env, str(SAMPLE))[0])
            else:
                times = timed(READER, env, marks=READER_MARKS)
                reader.append(times[0])
                for mark, seconds in zip(READER_MARKS[1:], times[1:], strict=True):
                    later[mark].append(seconds)
    cache.cleanup()
    b, r = statistics.median(base), statistics.median(reader)
    kind = "cached bytecode" if bytecode_cache else "no bytecode cache"
    print(f"cold start to first paint (median of {runs}, {kind}):")
    print(f"  bare QTextBrowser   {b * 1000:7.0f} ms   (min {min(base) * 1000:.0f}, "
          f"max {max(base) * 1000:.0f})")
    print(f"  Briefing reader     {r * 1000:7.0f} ms   (min {min(reader) * 1000:.0f}, "
          f"max {max(reader) * 1000:.0f})")
    print(f"  ratio               {r / b:7.2f}x   (goal <= 1.5x)")
    complete, analysed = (statistics.median(later[m]) for m in READER_MARKS[1:])
    print(f"  then: library, side panels and menus built at {complete * 1000:.0f} ms "
          f"({complete / b:.2f}x the bare window's first paint); analysis shown at "
          f"{analysed * 1000:.0f} ms")


def stall(count: int) -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from briefing.gui.app import application, configure_runtime, open_window
    from briefing.gui.gui_settings import GuiSettings
    from briefing.services import Library

    configure_runtime()  # as app.run() does
    app = application()
    lib = Library.open()
    window = open_window(app, lib, GuiSettings())
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
    from briefing.gui.shell.main_window import MainWindow

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


CLI_START_GOAL_S = 0.3
CLI_COMMANDS: list[tuple[str, list[str], int | None]] = [
    ("briefing --help", ["--help"], None),
    ("list | head -1", ["list"], 1),
    ("review --article 1 --json | head -c 100", ["review", "--article", "1", "--json"], 100),
    ("review --json | head -c 100", ["review", "--json"], 100),
]


def cli_start(folders: list[Path], runs: int) -> None:
    """Time to first output of CLI commands per library (see the module docstring, 3.)."""
    from cli_scale import copied, one_article_library, ratio, run_cli

    def measure(folder: Path) -> dict[str, tuple[float, float]]:
        found = {}
        for label, args, stop in CLI_COMMANDS:
            done = [run_cli(folder, args, stop_after=stop) for _ in range(runs)]
            found[label] = (min(r.first for r in done),  # the least disturbed run
                            statistics.median(r.cpu for r in done))
        return found

    with one_article_library() as one:
        base = measure(one)
    sizes = {"1 article": base}
    for folder in folders:
        with copied(folder) as copy:
            sizes[str(folder)] = measure(copy)
    print("CLI: seconds to the first output (fastest run), cpu of a whole run (median), "
          "ratio to 1 article")
    for label, _args, _stop in CLI_COMMANDS:
        print(f"  {label}")
        for name, found in sizes.items():
            first, cpu = found[label]
            print(f"    {name:<28} {first:7.3f} s  cpu {cpu:7.2f} s  "
                  f"{ratio(first, base[label][0])}")
    rows = [f[label] for f in sizes.values() for label, _a, _s in CLI_COMMANDS[:3]]
    wall, cpu = max(r[0] for r in rows), max(r[1] for r in rows)
    print(f"start goal {CLI_START_GOAL_S} s (first three rows): wall (fastest run) "
          f"{'OK' if wall < CLI_START_GOAL_S else 'over'} (max {wall:.3f} s); cpu "
          f"{'OK' if cpu < CLI_START_GOAL_S else 'over'} (max {cpu:.2f} s; wall minus cpu is "
          "waiting for a busy machine)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cli", nargs="+", type=Path, metavar="DIR",
                        help="only time CLI start-up on these built libraries")
    parser.add_argument("--cli-runs", type=int, default=3)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="compile every module from source in each cold start")
    parser.add_argument("--cold-only", action="store_true", help="skip the stall benchmark")
    parser.add_argument("--no-instructions", action="store_true",
                        help="skip counting instructions to first paint under valgrind")
    args = parser.parse_args()
    if args.cli:
        cli_start(args.cli, args.cli_runs)
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as data:
        env = dict(os.environ, BRIEFING_DATA_DIR=data, TMPDIR=data)  # sockets: our own
        env.pop("BRIEFING_NO_SINGLE_INSTANCE", None)
        instructions = not args.no_instructions and shutil.which("valgrind") is not None
        cold_start(args.runs, env, not args.no_bytecode_cache, instructions)
    if args.cold_only:
        return
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as data:
        os.environ["BRIEFING_DATA_DIR"] = data
        stall(args.articles)


if __name__ == "__main__":
    main()
