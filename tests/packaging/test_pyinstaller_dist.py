"""Smoke test of a PyInstaller build in dist/briefing (run scripts/build_pyinstaller.sh first).

Skipped when the folder has not been built; the build takes about a minute, so it is not
triggered from the test run.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from briefing import __version__

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "dist" / "briefing" / "briefing"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not APP.is_file(), reason="no PyInstaller build in dist/briefing"),
]


def _run(*args: str | Path, timeout: int = 90) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [str(APP), *map(str, args)], capture_output=True, text=True, timeout=timeout, env=env
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
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
