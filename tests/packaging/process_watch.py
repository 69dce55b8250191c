"""Watching a command's child processes from outside, as a user's ``ps`` would (Linux /proc):
which children it started, with what command line and niceness, and whether any outlives it."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
POLL_S = 0.05


@dataclass
class Child:
    """One child process as last seen: command line, niceness values it had, CPU seconds."""

    pid: int
    argv: list[str]
    niceness: list[int] = field(default_factory=list)
    cpu_s: float = 0.0

    @property
    def spawned(self) -> bool:
        """A multiprocessing "spawn" child of a frozen app (the app started again)."""
        return self.argv[1:2] == ["--multiprocessing-fork"]

    @property
    def tracker(self) -> bool:
        """multiprocessing's resource tracker (the frozen app started again for it)."""
        return any("multiprocessing.resource_tracker" in arg for arg in self.argv)


@dataclass
class Watched:
    """A finished command: its exit status, output and every child seen while it ran."""

    returncode: int
    stdout: str
    stderr: str
    children: dict[int, Child]


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), None if gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def children_of(parent: int) -> dict[int, Child]:
    """The live (not zombie) processes whose parent is ``parent``, as seen now."""
    found: dict[int, Child] = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat(int(entry.name))
        if fields is None or int(fields[1]) != parent or fields[0] == "Z":
            continue
        try:
            raw = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if not raw:  # starting (exec under way) or ending: its command line is not readable
            continue
        child = Child(int(entry.name), raw.decode(errors="replace").split("\0")[:-1])
        child.niceness.append(int(fields[16]))
        child.cpu_s = (int(fields[11]) + int(fields[12])) / ticks
        found[child.pid] = child
    return found


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie does not)."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def watch(argv: list[str], env: dict[str, str], timeout: float,
          until: Callable[[dict[int, Child]], bool] | None = None) -> Watched:
    """Run ``argv`` and record its children until it exits (or, with ``until``, until
    ``until(children seen so far)`` holds: then it is terminated)."""
    seen: dict[int, Child] = {}
    # output to files, not pipes: a pipe nobody reads meanwhile would block a talkative command
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        with subprocess.Popen(argv, env=env, stdout=out, stderr=err, text=True) as proc:
            deadline = time.monotonic() + timeout
            while proc.poll() is None and time.monotonic() < deadline:
                for pid, child in children_of(proc.pid).items():
                    known = seen.setdefault(pid, child)
                    if known is not child:
                        known.argv = child.argv  # between fork and exec: its parent's
                        known.niceness += [n for n in child.niceness
                                           if n not in known.niceness]
                        known.cpu_s = child.cpu_s
                if until is not None and until(seen):
                    proc.terminate()
                    break
                time.sleep(POLL_S)
            else:
                if proc.poll() is None:
                    proc.kill()
            proc.wait(timeout=30)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    return Watched(proc.returncode, stdout, stderr, seen)


def wait_gone(pids: list[int], timeout: float = 10.0) -> list[int]:
    """The processes of ``pids`` still running after up to ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = [pid for pid in pids if alive(pid)]
        if not left:
            return []
        time.sleep(POLL_S)
    return [pid for pid in pids if alive(pid)]
