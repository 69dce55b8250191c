"""Bytes -> str for everything Briefing reads: BOMs, UTF-8, BOM-less UTF-16, legacy fallbacks.

Also the binary-file check: text files hold no NUL bytes (outside UTF-16/32) and few
control characters.
"""

from __future__ import annotations

import codecs
import re

from briefing.domain.errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that plain text files legitimately contain.
_TEXT_CONTROLS = frozenset("\t\n\r\x0c\x0b\x1b")
_MAX_CONTROL_RATIO = 0.05
_SAMPLE_CHARS = 65_536
_MAX_STRAY_NUL_RATIO = 0.001
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)


def _binary_error(name: str) -> IngestError:
    return IngestError(f"{name}: looks like a binary file, not text")


def _looks_textual(text: str) -> bool:
    """True unless the decoded text is dense with control characters."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return True
    controls = sum(
        1 for ch in sample if (ch < " " or "\x7f" <= ch < "\xa0") and ch not in _TEXT_CONTROLS
    )
    return "\x00" not in sample and controls / len(sample) <= _MAX_CONTROL_RATIO


def _utf16_without_bom(data: bytes) -> str | None:
    """The encoding when NUL bytes sit in a UTF-16 pattern (mostly ASCII text), else None."""
    if len(data) < 2 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    pairs = len(data) // 2
    if odd_nuls >= 0.4 * pairs and even_nuls <= 0.05 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.4 * pairs and odd_nuls <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _checked(text: str, name: str) -> str:
    if not _looks_textual(text):
        raise _binary_error(name)
    return text


def _without_stray_nuls(data: bytes) -> bytes:
    """Saved web pages sometimes hold a few NUL bytes; a handful in a big file is not binary
    (UTF-16 text, where NULs are everywhere, is left alone)."""
    count = data.count(0)
    if count and count <= len(data) * _MAX_STRAY_NUL_RATIO and _utf16_without_bom(data) is None:
        return data.replace(b"\x00", b"")
    return data


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a text file's bytes; raise IngestError naming ``name`` for binary data."""
    data = _without_stray_nuls(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding), name)
            except UnicodeDecodeError:
                raise IngestError(
                    f"{name}: starts with a {encoding.upper()} byte-order mark "
                    "but is not valid in that encoding"
                ) from None
    if b"\x00" in data:
        encoding16 = _utf16_without_bom(data)
        if encoding16 is None:
            raise _binary_error(name)
        try:
            return _checked(data.decode(encoding16), name)
        except UnicodeDecodeError:
            raise _binary_error(name) from None
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return _checked(text, name)


def declared_html_charset(data: bytes) -> str | None:
    """The charset a ``<meta charset>``/``http-equiv`` tag declares near the top, if any."""
    match = _META_CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def decode_with_charset(data: bytes, name: str, charset: str | None) -> str:
    """Decode with a declared charset (HTTP header or meta tag) when it fits, else sniff.

    Valid UTF-8 wins over a legacy declaration: multi-byte UTF-8 sequences practically never
    occur by accident, while wrong ``latin-1`` declarations are common.
    """
    data = _without_stray_nuls(data)
    if not charset or any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_bytes(data, name)
    try:
        codec: str | None = codecs.lookup(charset).name
    except LookupError:
        codec = None
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        return decode_bytes(data, name)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    if codec in ("latin-1", "iso8859-1", "ascii"):
        codec = "cp1252"  # what browsers do (WHATWG encoding standard)
    try:
        return _checked(data.decode(codec), name)
    except UnicodeDecodeError:
        return decode_bytes(data, name)
