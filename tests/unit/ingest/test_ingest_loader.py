"""read_path / read_source: dispatch by suffix, sniffing, and every kind of bad input."""

from __future__ import annotations

import codecs
import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.domain.errors import IngestError
from briefing.ingest import read_path, read_source
from briefing.ingest.normalise import normalise_text


def _one_line(error: pytest.ExceptionInfo[IngestError]) -> str:
    message = str(error.value)
    assert "\n" not in message
    assert "Traceback" not in message
    return message


def test_sample_files(samples: Path, siversk_text: str) -> None:
    html = read_path(samples / "siversk.html")
    text = read_path(samples / "siversk.txt")
    assert html.text == text.text == normalise_text(siversk_text)
    assert text.title == "Russian forces have secured control of the eastern…"  # not a slug
    assert text.source_path == str(samples / "siversk.txt")
    revised = read_path(samples / "siversk-revised.txt", title="Siversk, revised")
    assert revised.title == "Siversk, revised"
    assert revised.text.count("\n") == 4


def test_markdown_and_unknown_suffix_sniffing(ingest_data: Path, tmp_path: Path) -> None:
    assert read_path(ingest_data / "briefing-note.md").title == "Port authority briefing"
    copy = tmp_path / "page.download"
    shutil.copy(ingest_data / "hostile.html", copy)
    assert read_path(copy).title == "Harbour reopens after storm"
    notes = tmp_path / "notes.log"
    notes.write_text("Plain words in a file with an odd suffix.\n", encoding="utf-8")
    assert read_path(notes).text == "Plain words in a file with an odd suffix."


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError) as error:
        read_path(missing)
    assert _one_line(error) == f"{missing}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as error:
        read_path(tmp_path)
    assert _one_line(error) == f"{tmp_path}: is a directory, not a file"


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(IngestError) as error:
        read_path(empty)
    assert _one_line(error) == f"{empty}: the file is empty"


def test_whitespace_only_file(tmp_path: Path) -> None:
    blank = tmp_path / "blank.md"
    blank.write_text(" \n\n\t\n", encoding="utf-8")
    with pytest.raises(IngestError) as error:
        read_path(blank)
    assert _one_line(error) == f"{blank}: contains no text"


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(IngestError) as error:
        read_path(binary)
    assert _one_line(error) == f"{binary}: looks like a binary file, not text"


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, no 50 MB written
    with pytest.raises(IngestError) as error:
        read_path(big)
    assert _one_line(error) == f"{big}: file is too large (52.4 MB; the limit is 20 MB)"


def test_invalid_utf8_falls_back_to_latin1(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Café au lait in Besançon; ½ price.".encode("latin-1"))
    assert read_path(legacy).text == "Café au lait in Besançon; ½ price."


def test_utf16_with_bom(tmp_path: Path) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes(codecs.BOM_UTF16_LE + "Київ\nСіверськ — line two.".encode("utf-16-le"))
    document = read_path(wide)
    assert (document.title, document.text) == ("Київ", "Сіверськ — line two.")


def test_html_file_with_declared_legacy_charset(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    sentence = "Київ: новини дня, які варто прочитати сьогодні ввечері вдома разом із родиною."
    page.write_bytes(
        f"<html><head><meta charset='windows-1251'><title>Новини</title></head>"
        f"<body><article><p>{sentence}</p></article></body></html>".encode("cp1251")
    )
    assert read_path(page).text == sentence


def test_html_without_article_file(ingest_data: Path) -> None:
    with pytest.raises(IngestError) as error:
        read_path(ingest_data / "no-article.html")
    assert _one_line(error).endswith("no-article.html: no article text found in this HTML page")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("hidden", encoding="utf-8")
    secret.chmod(0)
    try:
        with pytest.raises(IngestError) as error:
            read_path(secret)
        assert _one_line(error) == f"{secret}: permission denied"
    finally:
        secret.chmod(0o600)


def test_permission_error_while_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same message when the OS refuses (simulated, so it also runs as root)."""
    locked = tmp_path / "locked.txt"
    locked.write_text("hidden", encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(IngestError) as error:
        read_path(locked)
    assert _one_line(error) == f"{locked}: permission denied"


def test_read_source_stdin_text_and_bytes() -> None:
    document = read_source("-", stdin=io.StringIO("Pasted headline\nPasted body text."))
    assert (document.title, document.text) == ("Pasted headline", "Pasted body text.")
    wrapper = io.TextIOWrapper(io.BytesIO("Crème brûlée.".encode("latin-1")), encoding="utf-8")
    assert read_source("-", stdin=wrapper, title="Dessert").text == "Crème brûlée."


def test_read_source_stdin_empty() -> None:
    with pytest.raises(IngestError, match=r"^stdin: contains no text$"):
        read_source("-", stdin=io.StringIO("   \n"))


def test_read_source_path_and_bad_scheme(samples: Path) -> None:
    assert read_source(str(samples / "siversk.txt"), title="T").title == "T"
    with pytest.raises(IngestError, match=r"^ftp://example\.invalid/a: only http and https"):
        read_source("ftp://example.invalid/a")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".md", ".html", ".bin"]))
def test_random_files_only_raise_ingest_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    try:
        document = read_path(path)
    except IngestError as error:
        assert "\n" not in str(error)
    else:
        assert document.text == normalise_text(document.text)
        assert document.text


def test_package_exports_every_public_name() -> None:
    import briefing.ingest as ingest

    for name in ingest.__all__:
        assert getattr(ingest, name) is not None
    with pytest.raises(AttributeError):
        _ = ingest.no_such_name  # type: ignore[attr-defined]
