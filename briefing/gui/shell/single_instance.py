"""One reader per data directory: a second launch forwards its paths to the running one.

Protocol over a QLocalServer (a Unix socket in Qt's temp dir, or a named pipe on Windows):
the client sends a JSON array of absolute paths (or URLs) followed by ``\\n``; the server
answers ``ok\\n`` and then hands the list to its callback. An empty list means "just raise the
window". The default server name is derived from a hash of ``app_paths().data``, so instances
using different ``BRIEFING_DATA_DIR`` folders never see each other.

Blocking calls (``try_forward``) need a QCoreApplication/QApplication to exist; the server
side runs on the caller's event loop.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable

from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from briefing.domain import BriefingError
from briefing.gui.shell.instance_name import default_server_name

ACK = b"ok\n"
MAX_MESSAGE_BYTES = 1 << 20  # a list of paths; anything longer is not ours
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

PathsCallback = Callable[[list[str]], None]


def absolute_targets(paths: list[str]) -> list[str]:
    """Make file paths absolute (the receiver has another working directory); keep URLs."""
    return [p if _URL.match(p) else os.path.abspath(p) for p in paths]


def decode_message(data: bytes) -> list[str] | None:
    """The list of strings in one message, or None when the message is malformed."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    return value


class SingleInstance:
    """Forward paths to a running reader, or become the reader that receives them."""

    def __init__(self, server_name: str | None = None, *, timeout_ms: int = 2000) -> None:
        self.server_name = server_name or default_server_name()
        self.timeout_ms = timeout_ms
        self._server: QLocalServer | None = None
        self._on_paths: PathsCallback | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}

    # -- client side ------------------------------------------------------------------------
    def try_forward(self, paths: list[str]) -> bool:
        """Send ``paths`` to a running instance; True once it acknowledged them."""
        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        if not socket.waitForConnected(self.timeout_ms):
            return False
        try:
            message = json.dumps(absolute_targets(paths), ensure_ascii=False) + "\n"
            socket.write(message.encode("utf-8"))
            if not socket.waitForBytesWritten(self.timeout_ms):
                return False
            reply = bytearray()
            while b"\n" not in reply and len(reply) < len(ACK):
                waited = socket.bytesAvailable() > 0 or socket.waitForReadyRead(self.timeout_ms)
                reply += bytes(socket.readAll().data())  # data may come with the close
                if not waited:
                    break
            return bytes(reply) == ACK
        finally:
            socket.disconnectFromServer()
            socket.abort()

    def is_running(self) -> bool:
        """True when something accepts connections under this name."""
        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        connected = socket.waitForConnected(min(self.timeout_ms, 500))
        socket.abort()
        return connected

    # -- server side ------------------------------------------------------------------------
    def listen(self, on_paths: PathsCallback) -> None:
        """Start receiving forwarded paths; recover from a socket left behind by a crash.

        Raises BriefingError when another live instance owns the name or listening fails.
        """
        if self._server is not None:
            raise BriefingError(f"single instance: already listening on {self.server_name}")
        server = QLocalServer()  # NoOptions: bind() fails on an existing socket file
        if not server.listen(self.server_name):
            in_use = server.serverError() == QAbstractSocket.SocketError.AddressInUseError
            live = in_use and self.is_running()
            stale = in_use and not live
            if stale:
                QLocalServer.removeServer(self.server_name)  # socket file left by a crash
            if not (stale and server.listen(self.server_name)):
                reason = "another Briefing is already running" if live else server.errorString()
                raise BriefingError(
                    f"single instance: cannot listen on {self.server_name}: {reason}"
                )
        if os.name == "posix":  # only this user may connect (Qt's UserAccessOption would
            os.chmod(server.fullServerName(), 0o600)  # silently replace a live socket)
        self._server = server
        self._on_paths = on_paths
        server.newConnection.connect(self._accept)

    @property
    def full_server_name(self) -> str:
        """The socket path (Unix) or pipe name in use; empty before ``listen``."""
        return self._server.fullServerName() if self._server is not None else ""

    def close(self) -> None:
        """Stop listening and drop open connections (the socket file is removed)."""
        for socket in list(self._buffers):
            socket.abort()
            socket.deleteLater()
        self._buffers.clear()
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        self._on_paths = None

    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > MAX_MESSAGE_BYTES:
                self._forget(socket)
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        paths = decode_message(line)
        if paths is None:
            self._forget(socket)
            return
        socket.write(ACK)
        socket.flush()
        socket.disconnectFromServer()  # closes once the ack is written
        callback = self._on_paths
        self._buffers.pop(socket, None)
        if callback is not None:
            callback(paths)

    def _forget(self, socket: QLocalSocket) -> None:
        if self._buffers.pop(socket, None) is not None:
            socket.abort()
        socket.deleteLater()
