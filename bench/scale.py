"""Scale: the reader and the commands on a 10,000- and a 100,000-article library, each row
beside the same measure on a one-article library in the same run (issue 24's table).

Libraries are built by bench/build_library.py (real eval texts, story groups over a year,
analyses computed once per real text and copied to its near-duplicates, ~3% annotated) and
cached under out/scale/ (building 100,000 takes ~5 min once), or given prebuilt with
``--library SIZE=FOLDER`` (the data folder bench/build_library.py wrote; copied under
out/scale/ for the run and the copy removed after it: the original is never opened). The
one-article library is built afresh each run.

Opening a library does no whole-file work (the integrity check runs in the background now
and then), so every row is the reader and the commands as users run them.

Run: .venv/bin/python bench/scale.py [--sizes 10000,100000] [--rounds 3] [--skip-review]
     [--review-up-to N] [--library 100000=/work/libs/lib100k]
 or: BENCH_SCALE_LIBRARIES=10000=/work/libs/lib10k,100000=/work/libs/lib100k make bench
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out" / "scale"
PY = sys.executable
CLI = "import sys\nfrom briefing.cli import main\nsys.exit(main(sys.argv[1:]))\n"
SET_LAST = (
    "import sys\nfrom briefing.gui.gui_settings import GuiSettings\n"
    "from briefing.services import Library\nlib = Library.open()\ns = GuiSettings()\n"
    "s.set_last_article(lib.database, int(sys.argv[1]))\ns.sync()\n"
)


def library(size: int, fresh: Path | None = None) -> Path:
    """The data folder of a built library of ``size`` articles (cached under out/scale)."""
    folder = fresh or OUT / f"lib{size}"
    if not (folder / "data" / "library.sqlite3").exists():
        print(f"  building a {size:,}-article library in {folder} …", file=sys.stderr,
              flush=True)
        subprocess.run(
            ["nice", "-n", "10", PY, str(ROOT / "bench" / "build_library.py"), "--articles",
             str(size), "--data-dir", str(folder)], check=True, stdout=subprocess.DEVNULL,
        )
    return folder


def copied(size: int, source: Path) -> Path:
    """A copy of the prebuilt library folder ``source`` for this run (the bench imports into
    it: the original stays as it was)."""
    if not (source / "data" / "library.sqlite3").exists():
        raise SystemExit(f"{source}: no data/library.sqlite3 in it (built by "
                         "bench/build_library.py --data-dir?)")
    folder = OUT / f"run-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    print(f"  copying {source} to {folder} …", file=sys.stderr, flush=True)
    shutil.copytree(source, folder)
    return folder


def env_for(folder: Path) -> dict[str, str]:
    return dict(os.environ, BRIEFING_DATA_DIR=str(folder), QT_QPA_PLATFORM="offscreen",
                BRIEFING_NO_SINGLE_INSTANCE="1")


def reader(folder: Path) -> dict[str, float]:
    env = dict(env_for(folder), BENCH_IDLE_MS=str(IDLE_MS))
    subprocess.run([PY, "-c", SET_LAST, "1"], env=env, check=True)
    done = subprocess.run([PY, str(ROOT / "bench" / "scale_reader.py")], env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    found: dict[str, float] = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        try:
            found[name] = float(value)
        except ValueError:
            continue
    if done.returncode != 0:
        print(done.stderr[-1500:], file=sys.stderr)
    return found


def first_line(folder: Path, args: list[str]) -> float:
    """Seconds from starting ``briefing ARGS`` until its first line of output."""
    began = time.perf_counter()
    child = subprocess.Popen([PY, "-c", CLI, *args], env=env_for(folder),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    child.stdout.readline()
    took = time.perf_counter() - began
    child.kill()
    child.wait()
    return took


def timed_run(folder: Path, args: list[str], timeout: float) -> str:
    """``seconds s, peak MB`` of a run to the end, in a child of its own (peak RSS of
    that child alone)."""
    code = (
        "import resource, subprocess, sys, time\n"
        "began = time.perf_counter()\n"
        "try:\n"
        f"    subprocess.run(sys.argv[1:], timeout={timeout}, stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL)\n"
        "except subprocess.TimeoutExpired:\n"
        "    print('timeout'); sys.exit(0)\n"
        "print(time.perf_counter() - began, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    done = subprocess.run([PY, "-c", code, PY, "-c", CLI, *args],
                          env=env_for(folder), capture_output=True, text=True, check=False)
    words = done.stdout.split()
    if not words or words[0] == "timeout":
        return f"over {timeout:.0f} s (stopped)"
    return f"{float(words[0]):.1f} s, {float(words[1]):.0f} MB"


IDLE_MS = 10_000
LIBRARIES_ENV = "BENCH_SCALE_LIBRARIES"
ROWS = (  # (label, reader figure, unit)
    ("start → first paint", "painted", "s"),
    ("start → window complete", "complete", "s"),
    ("start → list shows its first screen (usable)", "listed", "s"),
    ("start → whole list read", "listed_whole", "s"),
    ("start → last article's analysis shown", "analysed", "s"),
    ("start → entity/tag filters ready", "filters", "s"),
    ("longest GUI stall, first seconds", "stall_start_ms", "ms"),
    ("… its GUI-thread CPU time (most in one stall)", "stall_start_cpu_ms", "ms"),
    ("… longest step of the window's second stage (CPU)", "start_step_cpu_ms", "ms"),
    ("… workers' CPU in the reader's process, first seconds", "start_workers_cpu_ms", "ms"),
    ("open an article → cached analysis (median)", "open_ms_median", "ms"),
    ("open an article → cached analysis (max of 8)", "open_ms_max", "ms"),
    ("longest GUI stall, import + list refresh", "stall_import_ms", "ms"),
    ("… workers' CPU in the reader's process meanwhile", "import_workers_cpu_ms", "ms"),
    ("longest GUI stall, typing a search", "stall_search_ms", "ms"),
    ("… workers' CPU in the reader's process meanwhile", "search_workers_cpu_ms", "ms"),
    ("longest GUI stall, entity filter", "stall_filter_ms", "ms"),
    ("reader memory after 10 s idle", "rss_mb", "MB"),
    ("… its analysis child process (started by the import)", "child_rss_mb", "MB"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--skip-review", action="store_true",
                        help="skip review --json (about 4 min at 100,000)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="reader runs per library, interleaved; medians are shown")
    parser.add_argument("--review-up-to", type=int, default=0, metavar="N",
                        help="run review --json only on libraries of up to N articles")
    parser.add_argument("--library", action="append", metavar="SIZE=FOLDER",
                        default=[i for i in os.environ.get(LIBRARIES_ENV, "").split(",") if i],
                        help="a prebuilt library of SIZE articles (copied for the run); "
                        f"default from ${LIBRARIES_ENV} (comma-separated, as `make bench` "
                        "passes it on)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    given: dict[int, Path] = {}
    for item in args.library:
        size, _, folder = item.partition("=")
        if not size.isdigit() or not folder:
            parser.error(f"--library {item}: expected SIZE=FOLDER, e.g. 10000=/work/libs/lib10k")
        given[int(size)] = Path(folder)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefing-scale-") as tmp:
        folders = {1: library(1, Path(tmp) / "one")}
        folders.update({n: copied(n, given[n]) if n in given else library(n) for n in sizes})
        try:
            table(folders, sizes, args.skip_review, args.review_up_to, args.rounds)
        finally:
            for n in given:
                shutil.rmtree(folders[n], ignore_errors=True)


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×" if base and base == base and value == value else "–"


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the rounds (the figures a round produced)."""
    names = {name for run in runs for name in run}
    return {name: statistics.median(run[name] for run in runs if name in run) for name in names}


def table(folders: dict[int, Path], sizes: list[int], skip_review: bool,
          review_up_to: int = 0, rounds: int = 1) -> None:
    """Measure and print the table: one column per library size, then each size ÷ one."""
    columns = [1, *sizes]
    rounds_of: dict[int, list[dict[str, float]]] = {n: [] for n in columns}
    for _round in range(rounds):  # interleaved: a busy spell of the machine hits every size
        for n in columns:
            rounds_of[n].append(reader(folders[n]))
    figures = {n: medians(rounds_of[n]) for n in columns}
    header = " | ".join(f"{n:,} article{'s' if n > 1 else ''}" for n in columns)
    ratios = " | ".join(f"{n:,} ÷ 1" for n in sizes)
    print(f"| what the user does | {header} | {ratios} |")
    print("|---" * (len(columns) + len(sizes) + 1) + "|")
    for label, name, unit in ROWS:
        values = [figures[n].get(name, float("nan")) for n in columns]
        cells = [f"{v:.2f} {unit}" if unit == "s" else f"{v:.0f} {unit}" for v in values]
        shares = [ratio(v, values[0]) for v in values[1:]]
        print(f"| {label} | {' | '.join(cells)} | {' | '.join(shares)} |")
    starts = [first_line(folders[n], ["list"]) for n in columns]
    times = " | ".join(f"{t:.2f} s" for t in starts)
    print(f"| CLI `list` → first line | {times} | "
          f"{' | '.join(ratio(t, starts[0]) for t in starts[1:])} |")
    blank = " |" * len(sizes)
    commands = [("`list --json`", ["list", "--json"], 300.0, 0),
                ("`entities`", ["entities"], 300.0, 0)]
    if not skip_review:
        commands.append(("`review --json`", ["review", "--json"], 600.0, review_up_to))
    for label, argv, limit, up_to in commands:
        runs = " | ".join(timed_run(folders[n], argv, limit) if not up_to or n <= up_to
                          else "not run" for n in columns)
        print(f"| {label} (time, peak memory) | {runs} |{blank}")
    first = [timed_run(folders[n], ["stories"], 1800.0) for n in columns]  # places all
    print(f"| `stories`, first run (time, peak memory) | {' | '.join(first)} |{blank}")
    stories = [timed_run(folders[n], ["stories"], 120.0) for n in columns]
    print(f"| `stories` (time, peak memory) | {' | '.join(stories)} |{blank}")
    rows = {n: int(figures[n].get('rows', 0)) for n in columns}
    print(f"\nrows listed: {rows}; reader rows: medians of {rounds} interleaved runs; memory"
          f" read after {IDLE_MS // 1000} s idle")


if __name__ == "__main__":
    main()
