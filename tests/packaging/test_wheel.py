"""Build the sdist + wheel, check what the wheel holds, install it into a fresh venv, run it.

The fresh venv has no pip and no third-party packages of its own: a .pth file appends the
development venv's site-packages (for PySide6, trafilatura, ...) *after* its own, and that
path is added without processing its .pth files, so the editable install of the source tree
is not active there. ``briefing`` must therefore import from the installed wheel.
"""

from __future__ import annotations

import json
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.packaging.build_tools import REPO
from tests.packaging.build_tools import run as _run

pytestmark = pytest.mark.slow


def test_wheel_contents(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points_name,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        entry_points = archive.read(entry_points_name).decode()
    expected_resources = {
        f"briefing/resources/{p.relative_to(REPO / 'resources').as_posix()}"
        for p in (REPO / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert "briefing/resources/icons/briefing.svg" in expected_resources
    assert expected_resources <= names, sorted(expected_resources - names)
    sql = {f"briefing/storage/{p.name}" for p in (REPO / "briefing" / "storage").glob("*.sql")}
    assert sql and sql <= names
    assert "briefing/cli/parser.py" in names and "briefing/gui/shell/single_instance.py" in names
    assert not any(n.startswith(("tests/", "bench/", "eval/")) for n in names)
    assert "briefing = briefing.cli:main" in entry_points
    assert "[gui_scripts]" in entry_points
    assert "briefing-gui = briefing.gui.app:main" in entry_points


def test_installed_wheel_runs_from_a_fresh_venv(wheel: Path, tmp_path: Path, samples: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    new_site = Path(
        _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
             cwd=tmp_path).stdout.strip()
    )  # fmt: skip
    (new_site / "zz_dev_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    _run(
        [sys.executable, "-m", "pip", "--python", python, "install",
         "--no-deps", "--no-index", "--quiet", wheel],
        cwd=tmp_path,
        timeout=90,
    )  # fmt: skip
    where = _run(
        [python, "-c", "import briefing, briefing.resources as r; "
         "print(briefing.__file__); print(list(r.__path__)[0])"],
        cwd=tmp_path,
    ).stdout.split()  # fmt: skip
    for path in where:
        assert Path(path).is_relative_to(venv), where
        assert not Path(path).is_relative_to(REPO), where

    version = _run([venv / "bin" / "briefing", "--version"], cwd=tmp_path).stdout
    from briefing import __version__ as expected  # pyproject's version is read from it

    assert version.strip() == f"briefing {expected}"
    assert (venv / "bin" / "briefing-gui").is_file()

    listed = _run([venv / "bin" / "briefing", "list", "--json"], cwd=tmp_path).stdout
    assert json.loads(listed) == []  # creates the library from the wheel's storage/*.sql

    analysed = _run(
        [venv / "bin" / "briefing", "analyze", samples / "siversk.txt", "--json"], cwd=tmp_path
    ).stdout
    data = json.loads(analysed)
    assert data["engine"]["name"] == "builtin"
    assert data["sentences"] and data["text"]
