"""decode_bytes: BOMs, UTF-8, BOM-less UTF-16, legacy fallback, binary detection."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.domain.errors import IngestError
from briefing.ingest.decode import declared_html_charset, decode_bytes, decode_with_charset

TEXT = "Café in Kyiv — “quoted” text.\nSecond line."


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom(bom: bytes, encoding: str) -> None:
    assert decode_bytes(bom + TEXT.encode(encoding), "f.txt") == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding: str) -> None:
    assert decode_bytes(TEXT.encode(encoding), "f.txt") == TEXT


def test_utf8() -> None:
    assert decode_bytes(TEXT.encode("utf-8"), "f.txt") == TEXT


def test_latin1_and_cp1252_fallback() -> None:
    assert decode_bytes("Crème brûlée à Zürich".encode("latin-1"), "f.txt") == (
        "Crème brûlée à Zürich"
    )
    assert decode_bytes("“smart” quotes – €5".encode("cp1252"), "f.txt") == "“smart” quotes – €5"


def test_binary_is_refused_with_the_name() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    with pytest.raises(IngestError, match=r"^pic\.png: looks like a binary file, not text$"):
        decode_bytes(png, "pic.png")


def test_control_dense_data_is_binary() -> None:
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(bytes(range(1, 32)) * 20, "x")


def test_declared_charset() -> None:
    data = "<meta charset='windows-1251'><p>Привет</p>".encode("cp1251")
    assert declared_html_charset(data) == "windows-1251"
    assert "Привет" in decode_with_charset(data, "page", declared_html_charset(data))
    # a wrong declaration falls back to sniffing
    assert decode_with_charset("é".encode(), "page", "ascii") == "é"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_only_raise_ingest_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "random.bin")
    except IngestError as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(text, str)
