"""Atomic writes and export_to_file: all or nothing, clear one-line errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.domain import ExportError
from briefing.export import atomic
from briefing.export.atomic import write_text_atomic
from briefing.export.brief import export_brief, export_to_file
from briefing.export.model import BriefDocument


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder (tmp_path also holds the isolated HOME)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_writes_and_replaces(out: Path) -> None:
    target = out / "brief.md"
    write_text_atomic(target, "one\n")
    target.chmod(0o600)
    write_text_atomic(target, "two ünïcode\n")
    assert target.read_bytes() == "two ünïcode\n".encode()
    assert target.stat().st_mode & 0o777 == 0o600  # keeps the file's permissions
    assert sorted(p.name for p in out.iterdir()) == ["brief.md"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing" / "brief.md", "does not exist"),
        (lambda d: d, "is a folder"),
    ],
)
def test_bad_targets(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    target = make(tmp_path)
    with pytest.raises(ExportError, match=message) as err:
        write_text_atomic(target, "x")
    assert str(err.value).startswith(str(target))
    assert "\n" not in str(err.value)


def test_parent_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is not a folder"):
        write_text_atomic(tmp_path / "file" / "brief.md", "x")


def test_unwritable_folder(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match=r"brief\.md: cannot write in .* \(permission denied\)"):
        write_text_atomic(out / "brief.md", "x")
    assert list(out.iterdir()) == []


def test_failure_midway_leaves_old_file_and_no_temp(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out / "brief.md"
    target.write_text("old content\n")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(ExportError, match="could not be written \\(no space left on device\\)"):
        write_text_atomic(target, "new content that must not half-appear\n")
    assert target.read_text() == "old content\n"
    assert sorted(p.name for p in out.iterdir()) == ["brief.md"]


def test_real_permission_error_when_not_root(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions; covered by test_unwritable_folder")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="cannot write in"):
            write_text_atomic(locked / "brief.md", "x")
    finally:
        locked.chmod(0o700)


def test_export_to_file_merges_markdown(tmp_path: Path, sample_doc: BriefDocument) -> None:
    target = tmp_path / "brief.md"
    assert export_to_file(sample_doc, "markdown", target) is None
    target.write_text(target.read_text() + "\nMy closing thoughts.\n")
    result = export_to_file(sample_doc, "markdown", target)
    assert result is not None and result.conflicts == ()
    assert target.read_text() == result.text
    assert "My closing thoughts." in result.text


def test_export_to_file_html_overwrites(tmp_path: Path, sample_doc: BriefDocument) -> None:
    target = tmp_path / "brief.html"
    target.write_text("old")
    assert export_to_file(sample_doc, "html", target) is None
    assert target.read_text() == export_brief(sample_doc, "html")


def test_non_utf8_existing_file_is_refused(tmp_path: Path, sample_doc: BriefDocument) -> None:
    target = tmp_path / "brief.md"
    target.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(ExportError, match="not UTF-8"):
        export_to_file(sample_doc, "markdown", target)
    assert target.read_bytes() == b"\xff\xfe not utf-8"


def test_unknown_format(sample_doc: BriefDocument) -> None:
    with pytest.raises(ExportError, match=r"^pdf: unknown export format"):
        export_brief(sample_doc, "pdf")
