"""Test-wide isolation: no screen needed, no write to the real home, Qt warnings fail tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = SHARED / "samples"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own BRIEFING_DATA_DIR (and HOME/XDG dirs) under tmp_path."""
    root = tmp_path / "briefing-data"
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(root))
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    yield root
    from briefing.services.library import close_pooled_libraries

    close_pooled_libraries()  # workers' idle handles on this test's library


@pytest.fixture
def samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside the repository")
    return SAMPLES


@pytest.fixture
def siversk_text(samples: Path) -> str:
    return (samples / "siversk.txt").read_text(encoding="utf-8")
