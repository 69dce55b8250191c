"""Entry points for the CLI and GUI: read a path, a URL or stdin into an IngestedDocument."""

from __future__ import annotations

import gzip
import io
import re
import stat
import sys
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from briefing.domain.errors import IngestError
from briefing.ingest.decode import declared_html_charset, decode_bytes, decode_with_charset
from briefing.ingest.document import IngestedDocument
from briefing.ingest.normalise import normalise_text
from briefing.ingest.sniff import read_decoded

MAX_FILE_BYTES = 20_000_000
LIMIT_TEXT = f"the limit is {MAX_FILE_BYTES // 1_000_000} MB"
_KINDS_BY_SUFFIX = {
    ".txt": "plain",
    ".text": "plain",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_GZIP_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
_URL_PREFIXES = ("http://", "https://")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


Refuse = Callable[[Path], bool]


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _read_file_bytes(path: Path, refuse: Refuse | None = None) -> bytes:
    """The file's bytes after the existence, type, size and permission checks."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except PermissionError:
        raise IngestError(f"{path}: permission denied") from None
    except OSError as error:
        raise IngestError(f"{path}: cannot read ({error.strerror or error})") from None
    except ValueError:  # e.g. an embedded NUL character in the name
        raise IngestError(f"{str(path)!r}: not a valid file name") from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(f"{path}: is not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise IngestError(f"{path}: file is too large ({_megabytes(info.st_size)}; {LIMIT_TEXT})")
    if info.st_size == 0:
        raise IngestError(f"{path}: the file is empty")
    if refuse is not None and refuse(path):  # e.g. our own open library: opening it here
        raise IngestError(f"{path}: is Briefing's own library database, not an article")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise IngestError(f"{path}: permission denied") from None
    except OSError as error:
        raise IngestError(f"{path}: cannot read ({error.strerror or error})") from None
    if len(data) > MAX_FILE_BYTES:  # grew while we looked
        raise IngestError(f"{path}: file is too large ({LIMIT_TEXT})")
    if not data:
        raise IngestError(f"{path}: the file is empty")
    return data


def _gunzip(data: bytes, path: Path) -> bytes:
    """The content of a gzip-compressed page, within the same size limit as any file."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            content = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise IngestError(f"{path}: not a valid gzip file ({error})") from None
    if len(content) > MAX_FILE_BYTES:
        raise IngestError(f"{path}: uncompressed page is too large ({LIMIT_TEXT})")
    if not content:
        raise IngestError(f"{path}: the file is empty")
    return content


def read_path(
    path: Path, *, title: str | None = None, refuse: Refuse | None = None
) -> IngestedDocument:
    """Read a .txt/.md/.html file (other suffixes are sniffed); ``title`` overrides.

    Pages saved gzip-compressed (``.html.gz``, ``.htm.gz``) are read like ``.html`` files.
    ``refuse(path)`` True stops before the file is opened (the library's own database files,
    which the OS must not open while this process holds SQLite connections to them)."""
    path = Path(path)
    data = _read_file_bytes(path, refuse)
    suffix = path.suffix.lower()
    if suffix == ".gz" and Path(path.stem).suffix.lower() in _GZIP_PAGE_SUFFIXES:
        data = _gunzip(data, path)
        suffix = Path(path.stem).suffix.lower()
    kind = _KINDS_BY_SUFFIX.get(suffix)
    # An HTML file may name its encoding in a <meta charset> tag.
    charset = declared_html_charset(data) if kind in ("html", None) else None
    text = decode_with_charset(data, str(path), charset)
    return read_decoded(text, kind=kind, name=str(path), source_path=str(path), title=title)


def _read_stdin(stdin: TextIO) -> str:
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        data = buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise IngestError(f"stdin: input is too large ({LIMIT_TEXT})")
        return decode_bytes(data, "stdin")
    try:
        text = stdin.read(MAX_FILE_BYTES + 1)
    except UnicodeDecodeError:
        raise IngestError("stdin: the input is not valid text in the terminal's encoding") from None
    if len(text) > MAX_FILE_BYTES:
        raise IngestError(f"stdin: input is too large ({LIMIT_TEXT})")
    return text


def read_source(
    arg: str, *, stdin: TextIO | None = None, title: str | None = None,
    refuse: Refuse | None = None,
) -> IngestedDocument:
    """Read ``arg``: a file path, an http(s) URL, or ``-`` for text on stdin (``refuse`` as
    :func:`read_path` takes it)."""
    if arg == "-":
        text = _read_stdin(stdin if stdin is not None else sys.stdin)
        return read_decoded(text, kind=None, name="stdin", title=title)
    if arg.lower().startswith(_URL_PREFIXES):
        from briefing.ingest.url import fetch_url  # httpx: only for links

        document = fetch_url(arg)
        if title and normalise_text(title):
            return replace(
                document,
                title=normalise_text(title),
                meta_source=document.with_source("user", "title"),
            )
        return document
    if _SCHEME_RE.match(arg):
        raise IngestError(f"{arg}: only http and https URLs are supported")
    return read_path(Path(arg).expanduser(), title=title, refuse=refuse)
