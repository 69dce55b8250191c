"""CLI start-up stays cheap: a command imports only what it needs (no Qt, no analysis engine,
no HTML or network libraries for ``list``/``--help``), and opening the library does no
whole-file work (the integrity check runs in the background, services.maintenance)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.paths import ENV_OVERRIDE

HEAVY = (
    "PySide6", "shiboken6", "briefing.gui", "briefing.analysis", "briefing.ingest",
    "briefing.llm", "briefing.feeds", "briefing.export", "trafilatura", "lxml", "nh3",
    "httpx", "feedparser", "numpy",
)
PROBE = """
import contextlib, io, json, sys
from briefing.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _loaded(tmp_path: Path, *argv: str) -> tuple[object, list[str]]:
    """The modules a command loads on an existing library (the one-time creation and schema
    upgrade of a first run may load more: a migration can call the analysis layer)."""
    env = dict(os.environ, **{ENV_OVERRIDE: str(tmp_path / "lib")})
    subprocess.run([sys.executable, "-m", "briefing", "list"], env=env, capture_output=True,
                   timeout=120, check=True)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return found["code"], found["modules"]


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]


@pytest.mark.parametrize("argv", [["list"], ["list", "--json"], ["--help"], ["review", "--help"]])
def test_light_commands_import_no_heavy_module(tmp_path: Path, argv: list[str]) -> None:
    code, modules = _loaded(tmp_path, *argv)
    assert code in (0, None)
    assert "briefing.cli.parser" in modules  # the probe did run the CLI
    assert _heavy(modules) == []


def test_the_probe_sees_heavy_imports(tmp_path: Path) -> None:
    """The check above can fail: a command that analyses does pull the engine in."""
    sample = tmp_path / "a.txt"
    sample.write_text("Prices rose by 12 percent in 2023, the ministry said.\n", encoding="utf-8")
    code, modules = _loaded(tmp_path, "analyze", str(sample))
    assert code == 0
    assert any(m.startswith("briefing.analysis") for m in _heavy(modules))


def test_opening_the_library_runs_no_integrity_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.paths import AppPaths
    from briefing.services import Library
    from briefing.storage import connection

    statements: list[str] = []
    real_connect = connection.connect

    def traced(path: Path) -> sqlite3.Connection:
        conn = real_connect(path)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(connection, "connect", traced)
    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "k", tmp_path / "l")
    for _ in range(2):  # create, then reopen an existing library
        with Library.open(paths):
            pass
    assert statements  # the trace works
    checks = [s for s in statements if "integrity_check" in s or "quick_check" in s]
    assert checks == []
