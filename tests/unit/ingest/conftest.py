"""Fixtures for the ingest tests: the fixture folder and a hypothesis profile."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"


@pytest.fixture
def ingest_data() -> Path:
    return DATA
