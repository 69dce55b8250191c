"""`briefing gui --screenshot` writes a real picture of the window; export from the menu."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def _distinct_colours(image: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_screenshot_command(tmp_path: Path, samples: Path) -> None:
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "gui", "--screenshot", str(out),
         str(samples / "siversk.txt")],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    assert _distinct_colours(image) > 20  # text, highlights and panels, not a blank frame


def test_screenshot_of_missing_file_fails_cleanly(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "gui", "--screenshot", str(tmp_path / "x.png"),
         str(tmp_path / "nope.txt")],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 1
    assert "nope.txt" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_export_markdown_and_w3c(shown_sample, tmp_path: Path) -> None:
    win = shown_sample
    targets = {"markdown": tmp_path / "out" / "brief.md", "w3c": tmp_path / "out" / "a.json"}
    (tmp_path / "out").mkdir()
    win.ask_save_path = lambda fmt, _suggested: str(targets[fmt])
    assert win.export("markdown") == targets["markdown"]
    assert "Siversk" in targets["markdown"].read_text(encoding="utf-8")
    assert win.settings.last_folder == str(tmp_path / "out")
    assert win.export("w3c") == targets["w3c"]
    assert "AnnotationCollection" in targets["w3c"].read_text(encoding="utf-8")
    assert "Exported" in win.banner.text()
