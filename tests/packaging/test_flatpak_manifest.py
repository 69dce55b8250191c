"""The Flatpak manifest agrees with the desktop files, icons and pyproject dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FLATPAK = REPO / "packaging" / "flatpak"
APP_ID = "io.github.briefing.Briefing"


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement.strip())
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


@pytest.fixture
def manifest() -> dict[str, object]:
    yaml = pytest.importorskip("yaml")
    loaded = yaml.safe_load((FLATPAK / f"{APP_ID}.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _project() -> dict[str, object]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    assert isinstance(project, dict)
    return project


def test_manifest_identity_and_base(manifest: dict[str, object]) -> None:
    assert manifest["id"] == APP_ID
    assert manifest["command"] in _project()["gui-scripts"]  # type: ignore[operator]
    assert manifest["runtime"] == "org.kde.Platform"
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    assert manifest["base-version"] == manifest["runtime-version"]


def test_installed_files_exist_in_the_repository(manifest: dict[str, object]) -> None:
    modules = manifest["modules"]
    assert isinstance(modules, list)
    (app,) = [m for m in modules if isinstance(m, dict) and m["name"] == "briefing"]
    commands = " ".join(app["build-commands"])
    sources = re.findall(r"install -Dm644 (\S+)", commands)
    assert len(sources) == 4
    for source in sources:
        for path in (source.replace("${size}", str(s)) for s in (16, 32, 48, 64, 128, 256)):
            assert (REPO / path).is_file(), path
    assert f"share/applications/{APP_ID}.desktop" in commands
    assert f"share/metainfo/{APP_ID}.metainfo.xml" in commands
    assert f"hicolor/scalable/apps/{APP_ID}.svg" in commands


def test_pip_requirements_cover_the_runtime_dependencies() -> None:
    lines = (FLATPAK / "requirements.txt").read_text(encoding="utf-8").splitlines()
    listed = {_name(line) for line in lines if line.strip() and not line.startswith("#")}
    declared = {_name(dep) for dep in _project()["dependencies"]}  # type: ignore[attr-defined]
    assert not any(name.startswith("pyside6") for name in listed)  # the BaseApp provides it
    assert declared - {"pyside6-essentials"} <= listed
