"""Single-instance forwarding across two processes, and recovery from a stale socket file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtNetwork")

from PySide6.QtCore import QDir

from briefing.domain import BriefingError
from briefing.gui.shell.single_instance import (
    SingleInstance,
    absolute_targets,
    decode_message,
    default_server_name,
)

CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from briefing.gui.shell.single_instance import SingleInstance

    out = sys.argv[1]
    app = QCoreApplication([])
    instance = SingleInstance()

    def received(paths):
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(paths, handle)
        instance.close()
        app.quit()

    instance.listen(received)
    print(instance.full_server_name, flush=True)
    QTimer.singleShot(20000, app.quit)  # never hang the test run
    app.exec()
    """
)

SENDER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication
    from briefing.gui.shell.single_instance import SingleInstance

    app = QCoreApplication([])
    sys.exit(0 if SingleInstance(sys.argv[1]).try_forward([]) else 3)
    """
)


def test_default_name_depends_on_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first = default_server_name()
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "other"))
    second = default_server_name()
    assert first != second
    assert first.startswith("briefing-") and "/" not in first
    assert SingleInstance().server_name == second


def test_flatpak_socket_goes_to_the_shared_runtime_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    plain = default_server_name()
    shared = tmp_path / "run" / "app" / "io.github.briefing.Briefing"
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.setenv("FLATPAK_ID", "io.github.briefing.Briefing")
    assert default_server_name() == plain  # shared folder missing: fall back to Qt's temp dir
    shared.mkdir(parents=True)
    assert default_server_name() == str(shared / plain)


def test_targets_become_absolute_but_urls_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert absolute_targets(["a.txt", "https://example.org/x", "/abs/b.md"]) == [
        str(tmp_path / "a.txt"),
        "https://example.org/x",
        "/abs/b.md",
    ]
    assert decode_message(b'["a", "b"]') == ["a", "b"]
    assert decode_message(b'{"a": 1}') is None
    assert decode_message(b"[1]") is None
    assert decode_message(b"\xff") is None


def test_forward_without_server_returns_false(qapp: object) -> None:
    assert SingleInstance(timeout_ms=300).try_forward(["x.txt"]) is False


def test_second_process_forwards_paths(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "received.json"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert child.stdout is not None
        socket_path = child.stdout.readline().strip()
        assert socket_path, child.stderr.read() if child.stderr else "child printed nothing"
        monkeypatch.chdir(tmp_path)
        forwarded = SingleInstance().try_forward(["story.md", "https://example.org/a"])
        assert forwarded is True
        child.wait(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert json.loads(out.read_text(encoding="utf-8")) == [
        str(tmp_path / "story.md"),
        "https://example.org/a",
    ]
    assert not Path(socket_path).exists()  # close() removed the socket file


def test_listen_recovers_from_stale_socket(qapp: object, qtbot: object) -> None:
    instance = SingleInstance(timeout_ms=500)
    stale_path = Path(QDir.tempPath()) / instance.server_name
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(stale_path))  # bound, never listening, closed without unlink: a crash
    stale.close()
    assert stale_path.exists()
    received: list[list[str]] = []
    try:
        instance.listen(received.append)
        assert instance.full_server_name == str(stale_path)
        assert stale_path.stat().st_mode & 0o077 == 0  # only this user may connect
        # the server answers on this process's event loop, and PySide keeps the GIL while a
        # socket waits, so the sender must be another process (a thread would stall it)
        sender = subprocess.Popen([sys.executable, "-c", SENDER, instance.server_name])
        qtbot.waitUntil(lambda: sender.poll() is not None, timeout=20000)  # type: ignore[attr-defined]
        assert sender.returncode == 0
        assert received == [[]]
    finally:
        instance.close()
        stale_path.unlink(missing_ok=True)


def test_listen_refuses_a_live_instance(qapp: object) -> None:
    first = SingleInstance(timeout_ms=300)
    first.listen(lambda paths: None)
    try:
        with pytest.raises(BriefingError, match="already running"):
            SingleInstance(first.server_name, timeout_ms=300).listen(lambda paths: None)
    finally:
        first.close()


@pytest.mark.skipif(os.name != "posix", reason="named pipes leave no file to look for")
def test_a_listening_reader_is_seen_without_the_network_module(
        qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first launch looks for the socket file before loading QtNetwork; the file is
    exactly where QLocalServer puts it ($TMPDIR, or the name when it is a path)."""
    from briefing.gui.shell.instance_name import may_be_listening, socket_path

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    name = f"briefing-test-{os.getpid()}"
    assert not may_be_listening(name)
    server = SingleInstance(name)
    server.listen(lambda _paths: None)
    try:
        assert server.full_server_name == socket_path(name)
        assert may_be_listening(name)
    finally:
        server.close()
    assert not may_be_listening(name)
    absolute = str(tmp_path / "elsewhere")
    assert socket_path(absolute) == absolute
