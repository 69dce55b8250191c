"""The single-instance socket's name, and whether a reader may be listening on it: checked
before Qt's network module is loaded, which only a second launch needs."""

from __future__ import annotations

import os
import zlib

from briefing.paths import app_paths


def default_server_name() -> str:
    """A per-user, per-data-directory name: ``briefing-<hash>`` in Qt's temp dir.

    Inside Flatpak each instance has its own /tmp, so the socket goes to the runtime folder
    that all instances of the app share (``$XDG_RUNTIME_DIR/app/$FLATPAK_ID``) instead.
    """
    data_dir = os.path.abspath(os.fspath(app_paths().data))
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    # A checksum tells a user's data folders apart; hashlib would load OpenSSL (~2 ms).
    digest = zlib.crc32(f"{user}\0{data_dir}".encode())
    name = f"briefing-{digest:08x}"
    flatpak_id, runtime_dir = os.environ.get("FLATPAK_ID"), os.environ.get("XDG_RUNTIME_DIR")
    if flatpak_id and runtime_dir:
        shared = os.path.join(runtime_dir, "app", flatpak_id)
        if os.path.isdir(shared):
            return os.path.join(shared, name)
    return name


def socket_path(name: str) -> str:
    """Where QLocalServer puts the socket of ``name`` on Unix: ``name`` itself when it is a
    path, else in QDir::tempPath() ($TMPDIR, or /tmp)."""
    if os.path.isabs(name):
        return name
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", name)


def may_be_listening(name: str) -> bool:
    """False when no reader can be listening under ``name`` (Unix: no socket file there);
    True when one may be (or the platform uses named pipes, which leave no file)."""
    if os.name != "posix":
        return True
    return os.path.exists(socket_path(name))
