"""The wheel as a newcomer installs it: a fresh venv, the interpreter's bundled pip (never
upgraded), dependencies resolved from the index by pyproject's ranges alone (no lock), then
an HTML page imported, analysed and exported as a brief.

This is what catches a run-time dependency that only some resolver happens to pull in (lxml 6
stopped providing ``lxml.html.clean`` through an extra; trafilatura's chain needs it).
"""

from __future__ import annotations

import ensurepip
import json
import sys
from pathlib import Path

import pytest

from tests.packaging.build_tools import run

pytestmark = pytest.mark.slow


def _base_python() -> str:
    """The interpreter the development venv was made from (its ensurepip is the bundled pip)."""
    return getattr(sys, "_base_executable", sys.executable)


def test_wheel_with_bundled_pip_imports_html_analyses_and_exports(
    wheel: Path, tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = tmp_path / "fresh venv"  # a space in the path, as in many home folders
    run([_base_python(), "-m", "venv", venv], cwd=tmp_path, timeout=120)
    bindir = venv / "bin"
    pip_version = run([bindir / "python", "-m", "pip", "--version"], cwd=tmp_path).stdout
    assert pip_version.split()[1] == ensurepip.version(), pip_version  # bundled, not upgraded

    monkeypatch.delenv("PIP_REQUIRE_HASHES", raising=False)  # no lock: pyproject's ranges only
    run([bindir / "python", "-m", "pip", "install", "--quiet", wheel], cwd=tmp_path, timeout=900)

    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    briefing = bindir / "briefing"
    article_id = run([briefing, "import", samples / "siversk.html"], cwd=tmp_path).stdout.strip()
    assert article_id.isdigit()

    analysed = json.loads(
        run([briefing, "analyze", "--article", article_id], cwd=tmp_path).stdout
    )
    expected = (samples / "siversk.txt").read_text(encoding="utf-8")
    assert analysed["text"].split()[:20] == expected.split()[:20]
    assert analysed["sentences"] and analysed["summaries"]["short"]

    run([briefing, "annotate", article_id, "--quote", "about 75%", "--note", "check"],
        cwd=tmp_path)  # fmt: skip
    brief = tmp_path / "brief.md"
    run([briefing, "export", article_id, "--format", "markdown", "-o", brief], cwd=tmp_path)
    text = brief.read_text(encoding="utf-8")
    assert "about 75%" in text and "check" in text
