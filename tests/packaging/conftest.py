"""Fixtures of the packaging tests: one sdist + wheel built from the checkout per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.packaging.build_tools import REPO, run


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(
        [sys.executable, "-m", "build", "--no-isolation", "--skip-dependency-check",
         "--outdir", out, REPO],
        cwd=out,
        timeout=180,
    )  # fmt: skip
    assert len(list(out.glob("briefing-*.tar.gz"))) == 1
    (found,) = out.glob("briefing-*-py3-none-any.whl")
    return found
