"""Background jobs open the library that was current when they were created, even if they
run after the data folder changed (a late job must never write into another library)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.gui.workers import Job, library_opener


def test_opener_keeps_the_folder_of_its_creation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(first))
    opener = library_opener()
    job = Job()
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(second))
    for open_library in (opener, job.open_library):
        with open_library() as lib:
            assert lib.paths.data == first / "data"
    assert (first / "data" / "library.sqlite3").exists()
    assert not (second / "data").exists()
