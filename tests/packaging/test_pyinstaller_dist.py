"""Smoke test of a PyInstaller build in dist/briefing (run scripts/build_pyinstaller.sh first).

Skipped when the folder has not been built; the build takes about a minute, so it is not
triggered from the test run. Besides the commands, it checks the frozen app's child processes
from outside (as ``ps`` shows them): the reader's analysis child, the integrity check's
low-priority child and the story workers are the app started again by multiprocessing and
doing that work (never the CLI or a second reader), and none outlives the app.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import __version__
from briefing.services.child_process import LOW_PRIORITY, LOWER_PRIORITY
from briefing.services.story_extract import WORKERS
from briefing.services.story_store import POOL_MIN
from tests.packaging.process_watch import Child, Watched, wait_gone, watch

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "dist" / "briefing" / "briefing"
EVAL = REPO.parent / "shared" / "eval"
PNG = b"\x89PNG\r\n\x1a\n"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not APP.is_file(), reason="no PyInstaller build in dist/briefing"),
]


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    env.pop("PYTHONPATH", None)
    return env


def _run(*args: str | Path, timeout: int = 90) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(APP), *map(str, args)], capture_output=True, text=True, timeout=timeout, env=_env()
    )
    assert done.returncode == 0, done.stderr
    return done


def test_frozen_version_and_analysis(samples: Path) -> None:
    assert _run("--version").stdout.strip() == f"briefing {__version__}"
    data = json.loads(_run("analyze", samples / "siversk.txt", "--json").stdout)
    assert data["engine"]["name"] == "builtin" and data["sentences"]


def test_frozen_html_import_and_library(samples: Path) -> None:
    article_id = _run("import", samples / "siversk.html").stdout.strip()
    rows = json.loads(_run("list", "--json").stdout)
    assert [str(row["id"]) for row in rows] == [article_id]


def test_frozen_gui_screenshot(samples: Path, tmp_path: Path) -> None:
    if not (REPO / "briefing" / "gui" / "app.py").is_file():
        pytest.skip("briefing/gui/app.py is not written yet")
    out = tmp_path / "reader.png"
    _run("gui", "--screenshot", out, samples / "siversk.txt")
    assert out.read_bytes()[:8] == PNG


def _niceness(added: int) -> int:
    """The niceness of a child started ``added`` above this process (19 at most)."""
    return min(os.getpriority(os.PRIO_PROCESS, 0) + added, 19)


def _multiprocessing_children(watched: Watched) -> list[Child]:
    """The app's children, each multiprocessing's: a spawned worker or the resource tracker,
    never the CLI run again (it would print its usage: freeze_support() not reached)."""
    children = list(watched.children.values())
    assert all(c.spawned or c.tracker for c in children), [c.argv for c in children]
    assert "usage:" not in watched.stderr, watched.stderr
    return children


def test_frozen_reader_analyses_in_its_child_process(samples: Path, tmp_path: Path) -> None:
    out = tmp_path / "reader.png"
    done = watch([str(APP), "gui", "--screenshot", str(out), str(samples / "siversk.txt")],
                 _env(), timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == PNG  # taken once the analysis is shown
    children = _multiprocessing_children(done)
    (analysis,) = [c for c in children if c.spawned]
    assert analysis.niceness[-1] == _niceness(LOWER_PRIORITY)
    assert "analysis process" not in done.stderr  # not fallen back to analysing in a thread
    assert wait_gone([c.pid for c in children]) == []


def _integrity_checked(database: Path) -> bool:
    if not database.is_file():
        return False
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute("SELECT value FROM maintenance WHERE key = ?",
                               ("integrity_checked_at",)).fetchone()
    except sqlite3.Error:
        return False
    return row is not None


@pytest.fixture(scope="module")
def large_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose library is large enough for the story workers (POOL_MIN articles,
    ~100 MB: its integrity check also lasts long enough to be seen), built by the bench."""
    if not EVAL.is_dir():
        pytest.skip("../shared/eval (bench/build_library.py's texts) is not beside the repository")
    folder = tmp_path_factory.mktemp("large") / "briefing-data"
    built = subprocess.run(
        [sys.executable, str(REPO / "bench" / "build_library.py"), "--articles", str(POOL_MIN),
         "--texts", "200", "--data-dir", str(folder)],
        capture_output=True, text=True, timeout=600, env=_env())  # fmt: skip
    assert built.returncode == 0, built.stderr
    return folder


def test_frozen_reader_checks_integrity_in_a_low_priority_child(
        large_library: Path, isolated_data_dir: Path) -> None:
    shutil.copytree(large_library, isolated_data_dir)
    database = isolated_data_dir / "data" / "library.sqlite3"
    assert not _integrity_checked(database)  # never checked: due at the reader's start
    done = watch([str(APP), "gui"], _env(BRIEFING_NO_SINGLE_INSTANCE="1"), timeout=180,
                 until=lambda _seen: _integrity_checked(database))  # then the reader is stopped
    assert _integrity_checked(database), done.stderr
    children = _multiprocessing_children(done)
    (check,) = [c for c in children if c.spawned]  # no article opened: no analysis child
    assert _niceness(LOW_PRIORITY) in check.niceness
    assert wait_gone([c.pid for c in children]) == []


def test_frozen_stories_index_in_worker_processes(large_library: Path, tmp_path: Path) -> None:
    library, copy = tmp_path / "library", tmp_path / "copy"
    shutil.copytree(large_library, library)
    shutil.copytree(large_library, copy)
    done = watch([str(APP), "stories"], _env(BRIEFING_DATA_DIR=str(library)), timeout=600)
    assert done.returncode == 0, done.stderr
    children = _multiprocessing_children(done)
    workers = [c for c in children if c.spawned]
    assert len(workers) == WORKERS and all(c.cpu_s > 0 for c in workers)
    assert wait_gone([c.pid for c in children]) == []
    here = subprocess.run([sys.executable, "-m", "briefing", "stories"], capture_output=True,
                          text=True, timeout=600, env=_env(BRIEFING_DATA_DIR=str(copy)))
    assert here.returncode == 0, here.stderr
    assert done.stdout.startswith("story-") and done.stdout == here.stdout
