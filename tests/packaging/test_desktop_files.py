"""The .desktop entry, AppStream metainfo and icons: validated and consistent with pyproject."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
APP_ID = "io.github.briefing.Briefing"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = REPO / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


def _pyproject() -> dict[str, object]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _run_validator(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian: desktop-file-utils / appstream)")
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=60)


def test_desktop_file_validates() -> None:
    done = _run_validator("desktop-file-validate", str(DESKTOP))
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "error:" not in output and "warning:" not in output, output


def test_metainfo_validates_pedantic() -> None:
    done = _run_validator("appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO))
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    problems = [line for line in output.splitlines() if line[:2] in ("E:", "W:")]
    assert problems == [], output


def test_desktop_entry_matches_the_package() -> None:
    entry = _desktop_entry()
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert entry["Exec"].split()[0] in project["gui-scripts"]
    assert entry["Exec"].endswith("%F")
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;Viewer;News;"
    assert set(filter(None, entry["MimeType"].split(";"))) == {
        "text/html",
        "text/markdown",
        "text/plain",
    }


def test_metainfo_matches_the_package() -> None:
    root = ET.parse(METAINFO).getroot()
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("metadata_license") == "CC0-1.0"
    releases = root.findall("releases/release")
    from briefing import __version__  # the one source of the version (pyproject reads it)

    assert releases and releases[0].get("version") == __version__
    assert releases[0].get("date")
    binaries = {b.text for b in root.findall("provides/binary")}
    assert binaries == set(project["scripts"]) | set(project["gui-scripts"])
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"


def test_icons_are_rendered_at_every_size() -> None:
    svg = ET.parse(ICONS / "briefing.svg").getroot()
    assert svg.tag.endswith("svg")
    for size in SIZES:
        data = (ICONS / f"briefing-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)
