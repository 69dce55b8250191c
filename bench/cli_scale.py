"""Shared by bench/review.py and bench/startup.py: CLI commands timed on large libraries,
each beside a one-article library built in the same run.

Libraries given on the command line are copied to a temporary folder first (the shared
benchmark libraries are never opened in place). For each command: wall time, CPU time (user +
system, from the child's own rusage: it does not move with what else the machine does, wall
time does), peak memory, and the time until its first bytes of output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "siversk.txt"
CLI = "import sys\nfrom briefing.cli import main\nsys.exit(main(sys.argv[1:]))\n"


@dataclass(frozen=True, slots=True)
class Run:
    wall: float  # seconds until the child exited
    cpu: float  # user + system seconds of the child
    peak_mb: float  # its peak resident memory
    first: float  # seconds until its first output bytes (wall == first when it printed none)
    size: int  # bytes it printed

    def row(self) -> str:
        return (f"wall {self.wall:7.2f} s  cpu {self.cpu:7.2f} s  first bytes {self.first:7.3f} s"
                f"  peak {self.peak_mb:6.0f} MB  out {self.size / 1e6:8.1f} MB")


PYCACHE = ROOT / "out" / "bench-pycache"


def env_for(folder: Path) -> dict[str, str]:
    """The child's environment: the library, and a bytecode cache (filled by the first run,
    the one-article library's import) as an installed package has its .pyc files — without
    it every module is compiled from source at each start."""
    env = dict(os.environ, BRIEFING_DATA_DIR=str(folder), BRIEFING_NO_SINGLE_INSTANCE="1",
               PYTHONPYCACHEPREFIX=str(PYCACHE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_cli(folder: Path, args: list[str], *, stop_after: int | None = None) -> Run:
    """Run ``briefing ARGS`` on the library ``folder``; read its output (all of it, or stop
    it once ``stop_after`` bytes came, as ``| head -c N`` would)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CLI, *args], env=env_for(folder),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    first: float | None = None
    size = 0
    while chunk := child.stdout.read1(1 << 16):
        if first is None:
            first = time.perf_counter() - start
        size += len(chunk)
        if stop_after is not None and size >= stop_after:
            break
    child.stdout.close()  # a child still writing gets a broken pipe, as under `head`
    _pid, _status, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped above
    wall = time.perf_counter() - start
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               wall if first is None else first, size)


@contextmanager
def one_article_library() -> Iterator[Path]:
    """A fresh library holding the sample article (analysed): the same-run baseline."""
    with tempfile.TemporaryDirectory(prefix="briefing-bench-one-") as tmp:
        folder = Path(tmp)
        subprocess.run([sys.executable, "-c", CLI, "import", str(SAMPLE)], env=env_for(folder),
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, "-c", CLI, "analyze", "--article", "1"],
                       env=env_for(folder), check=True, stdout=subprocess.DEVNULL)
        for warm in (["--help"], ["list", "--json"], ["review", "--json"]):  # fill the cache
            subprocess.run([sys.executable, "-c", CLI, *warm], env=env_for(folder), check=True,
                           stdout=subprocess.DEVNULL)
        yield folder


@contextmanager
def copied(folder: Path) -> Iterator[Path]:
    """A private copy of a benchmark library (its ``data`` folder), removed afterwards."""
    source = folder / "data" / "library.sqlite3"
    if not source.exists():
        raise SystemExit(f"{folder}: no data/library.sqlite3 (build it with "
                         "bench/build_library.py --articles N --data-dir DIR)")
    with tempfile.TemporaryDirectory(prefix="briefing-bench-copy-",
                                     dir=ROOT / "out" if (ROOT / "out").is_dir() else None
                                     ) as tmp:
        target = Path(tmp)
        shutil.copytree(folder / "data", target / "data")
        yield target


def ratio(value: float, baseline: float) -> str:
    return f"x{value / baseline:.1f}" if baseline > 0 else "-"
