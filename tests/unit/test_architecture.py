"""The layering rules of docs/architecture.md, checked on every module's imports (AST, no
import runs): only the GUI imports Qt, only storage speaks SQL, nothing imports upwards.

Layers, from the bottom: domain → (ingest, analysis, anchoring, feeds, llm, storage, export,
sync) → services → front ends (cli, gui, the capture endpoint). A module may import its own
layer and the ones below.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "briefing"

# The package's top-level names and the layer each sits in (higher numbers sit higher).
LAYERS: dict[str, int] = {
    "domain": 0, "clock": 0, "paths": 0, "logs": 0, "about": 0, "__init__": 0,
    "settings_store": 3,  # the settings file: written atomically like exports
    "ingest": 2, "analysis": 2, "anchoring": 2, "feeds": 2, "llm": 2,
    "storage": 3, "export": 3, "sync": 3,
    "services": 4,
    "cli": 5, "gui": 5, "capture": 5, "__main__": 6,  # front ends: argparse, Qt, loopback HTTP
}
QT = ("PySide6", "shiboken6")


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        yield ".".join(("briefing", *rel.with_suffix("").parts)), path


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, dotted name) for every import, including those inside functions."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:  # `from briefing import storage` names a module
                yield node.lineno, f"{node.module}.{alias.name}"


def _top(module: str) -> str:
    """briefing.gui.shell.app -> gui; briefing.cli -> cli."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_top_level_name_has_a_layer() -> None:
    tops = {_top(name) for name, _ in _modules()}
    assert tops <= set(LAYERS), sorted(tops - set(LAYERS))


def test_only_the_gui_imports_qt() -> None:
    leaks = [
        f"{name}:{line} imports {imported}"
        for name, path in _modules()
        if _top(name) != "gui"
        for line, imported in _imports(path)
        if imported.split(".")[0] in QT
    ]
    assert not leaks, leaks


def test_only_storage_speaks_sql() -> None:
    """Services may name sqlite3's types (a Library holds a connection); nothing above them
    and nothing beside storage touches the database module."""
    leaks = [
        f"{name}:{line} imports {imported}"
        for name, path in _modules()
        if _top(name) not in ("storage", "services")
        for line, imported in _imports(path)
        if imported.split(".")[0] == "sqlite3"
    ]
    assert not leaks, leaks


@pytest.mark.parametrize("room", ["export", "gui", "cli"])
def test_screens_and_exporters_do_not_reach_into_storage(room: str) -> None:
    leaks = [
        f"{name}:{line} imports {imported}"
        for name, path in _modules()
        if _top(name) == room
        for line, imported in _imports(path)
        if imported == "briefing.storage" or imported.startswith("briefing.storage.")
    ]
    assert not leaks, leaks


def test_no_import_runs_up_a_layer() -> None:
    ups = []
    for name, path in _modules():
        mine = LAYERS[_top(name)]
        for line, imported in _imports(path):
            if not imported.startswith("briefing.") or imported.count(".") < 1:
                continue
            theirs = LAYERS.get(_top(imported))
            if theirs is not None and theirs > mine:
                ups.append(f"{name}:{line} imports {imported}")
    assert not ups, ups


def test_modules_stay_small() -> None:
    big = [
        f"{name}: {n} lines"
        for name, path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert not big, big
