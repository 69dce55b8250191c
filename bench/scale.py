"""Scale: the reader and the commands on a 10,000- and a 100,000-article library, each row
beside the same measure on a one-article library in the same run (issue 24's table).

Libraries are built by bench/build_library.py (real eval texts, story groups over a year,
analyses computed once per real text and copied to its near-duplicates, ~3% annotated) and
cached under out/scale/ (building 100,000 takes ~5 min once); the one-article library is
built afresh each run.

The per-open integrity check (PRAGMA quick_check, ~1 s per GB) is skipped in the reader and
in the rows marked "no check" (another branch moves it off the start path); the CLI start
row is shown with it too. Stories at 100,000 are not run (see docs/benchmarks.md).

Run: .venv/bin/python bench/scale.py [--sizes 10000,100000] [--skip-review]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out" / "scale"
PY = sys.executable
NO_CHECK = (
    "import briefing.storage.connection as c\n"
    "c._check_integrity = lambda conn, path: None\n"
)
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


def env_for(folder: Path, check: bool = False) -> dict[str, str]:
    env = dict(os.environ, BRIEFING_DATA_DIR=str(folder), QT_QPA_PLATFORM="offscreen",
               BRIEFING_NO_SINGLE_INSTANCE="1")
    if not check:
        env["BENCH_NO_QUICK_CHECK"] = "1"
    return env


def reader(folder: Path) -> dict[str, float]:
    env = env_for(folder)
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


def first_line(folder: Path, args: list[str], check: bool) -> float:
    """Seconds from starting ``briefing ARGS`` until its first line of output."""
    code = ("" if check else NO_CHECK) + CLI
    began = time.perf_counter()
    child = subprocess.Popen([PY, "-c", code, *args], env=env_for(folder, check),
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
    done = subprocess.run([PY, "-c", code, PY, "-c", NO_CHECK + CLI, *args],
                          env=env_for(folder), capture_output=True, text=True, check=False)
    words = done.stdout.split()
    if not words or words[0] == "timeout":
        return f"over {timeout:.0f} s (stopped)"
    return f"{float(words[0]):.1f} s, {float(words[1]):.0f} MB"


ROWS = (  # (label, reader figure, unit)
    ("start → first paint", "painted", "s"),
    ("start → window complete", "complete", "s"),
    ("start → list filled (usable)", "listed", "s"),
    ("start → last article's analysis shown", "analysed", "s"),
    ("start → entity/tag filters ready", "filters", "s"),
    ("longest GUI stall, first seconds", "stall_start_ms", "ms"),
    ("open an article → cached analysis (median)", "open_ms_median", "ms"),
    ("open an article → cached analysis (max of 8)", "open_ms_max", "ms"),
    ("longest GUI stall, import + list refresh", "stall_import_ms", "ms"),
    ("longest GUI stall, typing a search", "stall_search_ms", "ms"),
    ("longest GUI stall, entity filter", "stall_filter_ms", "ms"),
    ("reader memory after idling", "rss_mb", "MB"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--skip-review", action="store_true",
                        help="skip review --json (about 4 min at 100,000)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefing-scale-") as tmp:
        folders = {1: library(1, Path(tmp) / "one")}
        folders.update({n: library(n) for n in sizes})
        columns = [1, *sizes]
        figures = {n: reader(folders[n]) for n in columns}
        header = " | ".join(f"{n:,} article{'s' if n > 1 else ''}" for n in columns)
        print(f"| what the user does | {header} | {sizes[-1]:,} ÷ 1 |")
        print("|---" * (len(columns) + 2) + "|")
        for label, name, unit in ROWS:
            cells = []
            for n in columns:
                value = figures[n].get(name, float("nan"))
                cells.append(f"{value:.2f} {unit}" if unit == "s" else f"{value:.0f} {unit}")
            base = figures[1].get(name, float("nan"))
            last = figures[sizes[-1]].get(name, float("nan"))
            ratio = f"{last / base:.2f}×" if base and base == base and last == last else "–"
            print(f"| {label} | {' | '.join(cells)} | {ratio} |")
        for check in (False, True):
            starts = [first_line(folders[n], ["list"], check) for n in columns]
            label = "CLI `list` → first line" + (" (with per-open quick_check)" if check
                                                  else " (no check)")
            cells = " | ".join(f"{t:.2f} s" for t in starts)
            print(f"| {label} | {cells} | {starts[-1] / starts[0]:.2f}× |")
        commands = [("`list --json`", ["list", "--json"], 300.0)]
        if not args.skip_review:
            commands.append(("`review --json`", ["review", "--json"], 600.0))
        for label, argv, limit in commands:
            cells = " | ".join(timed_run(folders[n], argv, limit) for n in columns)
            print(f"| {label} (time, peak memory) | {cells} | |")
        first = [timed_run(folders[n], ["stories"], 1800.0) for n in columns]  # places all
        print(f"| `stories`, first run (time, peak memory) | {' | '.join(first)} | |")
        stories = [timed_run(folders[n], ["stories"], 120.0) for n in columns]
        print(f"| `stories` (time, peak memory) | {' | '.join(stories)} | |")
        rows = {n: int(figures[n].get('rows', 0)) for n in columns}
        print(f"\nrows listed: {rows}; reader figures with the per-open quick_check skipped")


if __name__ == "__main__":
    main()
