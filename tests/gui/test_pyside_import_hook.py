"""PySide6's per-import test, answered from the module file's bytes: the same answer as
PySide's own for every module loaded (sources with and without "PySide6", packages,
extension and built-in modules), and it is the one in use."""

from __future__ import annotations

import sys

import briefing.gui.app  # (loads the reader's modules: a few hundred)
import briefing.gui.shell.main_window  # noqa: F401
from briefing.gui import pyside_import_hook


def test_the_light_test_is_installed_and_agrees_with_pysides_own() -> None:
    assert pyside_import_hook.lighten()  # this PySide6 has the hook (installed at import)
    light = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    original = light.original
    modules = [m for name, m in sorted(sys.modules.items())
               if name.startswith(("briefing", "PySide6", "json", "sqlite3", "sys", "re"))]
    assert len(modules) > 50
    answers = [light(m) for m in modules]
    assert answers == [bool(original(m)) for m in modules]
    assert True in answers and False in answers  # both kinds were among them
    assert light(sys.modules["briefing.gui.app"]) and not light(sys.modules["json"])


def test_lightening_twice_wraps_once() -> None:
    feature = sys.modules["shibokensupport.feature"]
    before = feature._mod_uses_pyside
    pyside_import_hook.lighten()
    assert feature._mod_uses_pyside is before
