"""About text and ``briefing --version``: versions come from metadata, notes from resources."""

from __future__ import annotations

import platform
import subprocess
import sys
import types
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import pytest

from briefing import __version__
from briefing.about import about_text, bundled_data_notes, component_versions
from briefing.cli import main


def test_version_matches_installed_metadata() -> None:
    assert __version__ == version("briefing")


def test_cli_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"briefing {__version__}"


def test_module_entry_point_prints_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"briefing {__version__}"


def test_notes_found_in_each_folder_with_licence_lines(tmp_path: Path) -> None:
    (tmp_path / "gazetteers").mkdir()
    (tmp_path / "gazetteers" / "README.md").write_text(
        "# Gazetteers\n\n- `places.txt`: from GeoNames,\n  licence CC BY 4.0.\n- `x.txt`: ours\n",
        encoding="utf-8",
    )
    (tmp_path / "gazetteers" / "places.txt").write_text("Kyiv\n", encoding="utf-8")
    (tmp_path / "weights").mkdir()
    (tmp_path / "weights" / "LICENSE.txt").write_text("Copyright 2026 someone\n", "utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "README.md").write_text("MIT", encoding="utf-8")
    notes = bundled_data_notes(tmp_path)
    assert [(n.area, n.file) for n in notes] == [
        ("gazetteers", "README.md"),
        ("weights", "LICENSE.txt"),
    ]
    assert notes[0].lines == ("`places.txt`: from GeoNames, licence CC BY 4.0.",)
    assert notes[1].lines == ("Copyright 2026 someone",)


def test_about_text_lists_installed_notes_and_versions() -> None:
    text = about_text()
    assert text.splitlines()[0] == f"Briefing {__version__}"
    assert f"Python {platform.python_version()}" in text
    assert "Licence: MIT" in text
    root = resources.files("briefing.resources")
    areas = [
        entry.name for entry in root.iterdir() if entry.is_dir() and (entry / "README.md").is_file()
    ]
    assert "icons" in areas
    for area in areas:
        assert f"  {area}/README.md" in text


def test_qt_version_only_when_gui_loaded_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "PySide6.QtCore", raising=False)
    assert "Qt" not in component_versions()
    fake = types.ModuleType("PySide6.QtCore")
    fake.qVersion = lambda: "6.99.1"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "PySide6.QtCore", fake)
    assert component_versions()["Qt"] == "6.99.1"
    assert "Qt 6.99.1" in about_text()
