"""Writing an export file atomically: a temporary file in the same folder, fsync, then
``os.replace``, so a reader (or a crash) never sees a half-written brief."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from briefing.domain import ExportError

DEFAULT_MODE = 0o644


def _check_target(path: Path) -> None:
    parent = path.parent
    if path.is_dir():
        raise ExportError(f"{path}: is a folder, not a file")
    if not parent.exists():
        raise ExportError(f"{path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise ExportError(f"{path}: {parent} is not a folder")


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable; not every platform or file system allows this."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, "\\n" line endings) all at once.

    Raises ExportError naming the path and the problem; on failure the target is left as it
    was and the temporary file is removed.
    """
    path = Path(path)
    _check_target(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ExportError(f"{path}: the text cannot be encoded as UTF-8 ({err.reason})") from err
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = DEFAULT_MODE
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise ExportError(f"{path}: cannot write in {path.parent} ({_reason(err)})") from err
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportError(f"{path}: could not be written ({_reason(err)})") from err
    _fsync_dir(path.parent)
