"""The reader hosts the browser-capture endpoint while it runs ("Send to Briefing").

The server is bound and run off the GUI thread once the window is complete; each capture is
imported on the server's own request thread (a worker, with its own library connection), and
the GUI thread only hears about it through a queued signal: the library list is refreshed
and an unobtrusive notice in the status bar offers Open / Undo. Pairing requests from the
extension show their short code and wait for the user's approval here.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QToolButton, QWidget

from briefing.domain import BriefingError

if TYPE_CHECKING:
    from briefing.capture.pairing import PairingBroker, PairingRequest
    from briefing.capture.server import CaptureHTTPServer
    from briefing.gui.shell.main_window import MainWindow
    from briefing.services.capturing import CaptureOutcome
    from briefing.services.library import Library

log = logging.getLogger(__name__)
NOTICE_MS = 20_000


class CaptureNotice(QFrame):
    """"Captured: TITLE  [Open] [Undo] [✕]" in the status bar; hides itself after a while."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Browser capture")
        self.label = QLabel()
        self.open_button = QToolButton(text="Open")
        self.undo_button = QToolButton(text="Undo")
        close = QToolButton(text="✕")
        close.setAccessibleName("Dismiss")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for widget in (self.label, self.open_button, self.undo_button, close):
            if isinstance(widget, QToolButton):
                widget.setAutoRaise(True)
            layout.addWidget(widget)
        self._timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._timer.timeout.connect(self.hide)
        self.outcome: CaptureOutcome | None = None
        self.hide()

    def show_outcome(self, outcome: CaptureOutcome) -> None:
        self.outcome = outcome
        what = "with a highlight" if outcome.annotation_is_new else ""
        title = outcome.title if len(outcome.title) <= 50 else outcome.title[:47] + "…"
        verb = "Captured" if outcome.article_status == "new" else "Captured again"
        self.label.setText(f"{verb} from the browser: {title} {what}".strip())
        self.undo_button.setEnabled(
            outcome.article_status == "new" or outcome.annotation_is_new)
        self.show()
        self._timer.start()


class CaptureHost(QObject):
    """Owns the endpoint's server thread, the pairing broker and the notice."""

    captured = Signal(object)  # CaptureOutcome, emitted on a server thread
    pairing_requested = Signal(object)  # PairingRequest, emitted on a server thread
    listening = Signal(int)  # the port, once bound
    failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.server: CaptureHTTPServer | None = None
        self.broker: PairingBroker | None = None
        self.notice = CaptureNotice()
        window.statusBar().addPermanentWidget(self.notice)
        self.notice.open_button.clicked.connect(self._open)
        self.notice.undo_button.clicked.connect(self._undo)
        conn = Qt.ConnectionType.QueuedConnection
        self.captured.connect(self._on_captured, conn)
        self.pairing_requested.connect(self._ask_pairing, conn)
        self.failed.connect(lambda text: log.warning("capture endpoint: %s", text), conn)
        self._dialogs: list[QMessageBox] = []

    def _open_library(self) -> Library:
        from briefing.services.library import Library

        return Library.open(self.window.lib.paths, database=self.window.lib.database)

    def start(self, port: int | None = None) -> None:
        """Bind (``port``, else the contract's range) and serve, off the GUI thread."""
        threading.Thread(target=self._serve, args=(port,), name="capture-start",
                         daemon=True).start()

    def _serve(self, port: int | None) -> None:
        from briefing.capture.pairing import PairingBroker
        from briefing.capture.server import CaptureEndpoint, bind_server, start_in_thread

        self.broker = PairingBroker(self._open_library, self.pairing_requested.emit)
        endpoint = CaptureEndpoint(self._open_library, self.captured.emit, self.broker)
        try:
            server = bind_server(endpoint, port)
        except BriefingError as exc:
            self.failed.emit(str(exc))
            return
        self.server = server
        start_in_thread(server)
        self.listening.emit(server.port)

    def stop(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            server.shutdown()
            server.server_close()

    # --- GUI thread ----------------------------------------------------------------
    def _on_captured(self, outcome: CaptureOutcome) -> None:
        window = self.window
        if window.is_complete:
            window.library.refresh_ids([outcome.article_id])
            window.refresh_facets()
        if window.session.article_id == outcome.article_id:
            window.session.reload_annotations()
        self.notice.show_outcome(outcome)

    def _open(self) -> None:
        if self.notice.outcome is not None:
            self.window.open_article(self.notice.outcome.article_id)
        self.notice.hide()

    def _undo(self) -> None:
        from briefing.services.capturing import undo_capture

        outcome, self.notice.outcome = self.notice.outcome, None
        self.notice.hide()
        if outcome is None:
            return
        try:
            undo_capture(self.window.lib, outcome)
        except BriefingError as exc:
            self.window.banner.show_message(str(exc))
            return
        window = self.window
        if window.session.article_id == outcome.article_id:
            if outcome.article_status == "new":
                window.forget_undo(outcome.article_id)
                window.navigation += 1
                window.session.clear()
            else:
                window.session.reload_annotations()
        window.library.refresh_ids([outcome.article_id])
        window.refresh_facets()

    def _ask_pairing(self, request: PairingRequest) -> None:
        box = QMessageBox(self.window)
        box.setWindowTitle("Pair a browser extension?")
        box.setText(f"“{request.label}” asks to send pages to Briefing.\n\n"
                    f"Code: {request.code}\n\n"
                    "Approve only if the extension's popup shows the same code.")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText("Approve")
        box.button(QMessageBox.StandardButton.No).setText("Refuse")
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.finished.connect(lambda result: self._decide(box, request, result))
        self._dialogs.append(box)
        box.show()

    def _decide(self, box: QMessageBox, request: PairingRequest, result: Any) -> None:
        approve = box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes
        if self.broker is not None and not self.broker.decide(request.id, approve):
            self.window.banner.show_message("That pairing request expired; pair again.")
        self._dialogs.remove(box)
        box.deleteLater()


def host_capture(window: MainWindow, port: int | None = None) -> CaptureHost:
    """Start hosting the endpoint for ``window`` (call once it is complete)."""
    host = CaptureHost(window)
    window.capture_host = host  # type: ignore[attr-defined]
    host.start(port)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(host.stop)
    return host
