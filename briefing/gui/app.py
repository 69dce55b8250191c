"""Application start-up: ``run(paths, screenshot)`` for ``briefing gui`` and ``main()``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from briefing.domain import BriefingError
from briefing.gui.thread_priority import lower_current_thread

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefing.gui.feeds.embedding import CrossReading
    from briefing.gui.gui_settings import GuiSettings
    from briefing.gui.shell.main_window import MainWindow
    from briefing.services import Library

SCREENSHOT_TIMEOUT_MS = 60_000
LATER_MODULES = ("briefing.gui.feeds.embedding", "briefing.gui.capture.host")
LISTEN_MODULES = ("briefing.gui.shell.single_instance",)
"""What the reader builds after its window is complete (the Feeds / Entities / Stories pages,
the capture host): imported in a thread first, so that the GUI thread then finds them loaded.
Imported on the GUI thread they froze it for 100-200 ms at any library size (PySide's import
hook reads each new module's source)."""
NO_SINGLE_INSTANCE_ENV = "BRIEFING_NO_SINGLE_INSTANCE"
DESKTOP_ID = "io.github.briefing.Briefing"


def configure_runtime() -> None:
    """Hand the GIL to the GUI thread sooner while workers run Python (default 5 ms):
    every paint calls back into Python models, each call waiting at most one interval."""
    sys.setswitchinterval(0.001)


def application() -> QApplication:
    """The QApplication (created with the reader's names when there is none yet; its icon
    is set by :func:`set_icon`)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    # Fusion from the command line: app.setStyle() would load the QStyle bindings (~6 ms).
    created = QApplication([*sys.argv[:1], "-style", "Fusion"])
    from briefing.gui.theme import STYLE_SET

    created.setProperty(STYLE_SET, True)
    created.setApplicationName("Briefing")
    created.setOrganizationName("Briefing")
    created.setDesktopFileName(DESKTOP_ID)  # matches packaging/linux/<id>.desktop
    return created


def set_icon(app: QApplication) -> None:
    """The reader's icon on every window (set after the first paint: loading the icon
    bindings and the SVG is not worth delaying it)."""
    from importlib import resources

    from PySide6.QtGui import QIcon

    icon = resources.files("briefing.resources") / "icons" / "briefing.svg"
    app.setWindowIcon(QIcon(str(icon)))


def _single_instance(paths: list[str]) -> tuple[bool, bool]:
    """``(forwarded, listen)``: forwarded when a running reader took ``paths`` (this launch
    is done); listen when this reader should receive later launches' paths (see _listen).
    Qt's network module is loaded only when a reader may be running already."""
    if os.environ.get(NO_SINGLE_INSTANCE_ENV):
        return False, False
    from briefing.gui.shell.instance_name import default_server_name, may_be_listening

    name = default_server_name()
    if may_be_listening(name):
        from briefing.gui.shell.single_instance import SingleInstance

        if SingleInstance(name).try_forward(paths):
            return True, False
    return False, True


def _host_capture(window: MainWindow) -> None:
    from briefing.gui.capture.host import host_capture

    host_capture(window)


def _cross_reading(window: MainWindow) -> CrossReading:
    """The Feeds / Entities / Stories pages, built after the first paint."""
    from briefing.gui.feeds.embedding import CrossReading

    window.acts.populate()  # the reader's own View actions come first in the menu
    cross = CrossReading(window)
    window.cross_reading = cross  # type: ignore[attr-defined]
    return cross


def _preload(modules: tuple[str, ...], then: Callable[[], object],
             parent: QObject) -> None:
    """Import ``modules`` in a thread (Python gives the GUI thread the interpreter every
    millisecond meanwhile), then call ``then`` on the GUI thread. Only imports happen in the
    thread: classes are defined there, no Qt object is made. A failed import is left for
    the GUI thread's own import to report."""
    import contextlib
    import importlib
    import threading

    from PySide6.QtCore import Signal

    class Loaded(QObject):
        done = Signal()

    loaded = Loaded(parent)
    loaded.done.connect(then)
    loaded.done.connect(loaded.deleteLater)

    def run() -> None:
        lower_current_thread()
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # reported when the GUI thread imports it
                break
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            loaded.done.emit()

    threading.Thread(target=run, name="briefing-preload", daemon=True).start()


def _listen(window: object) -> None:
    """Receive paths from later launches: import them, or just raise the window. Called
    once the window is complete: the first paint does not wait for Qt's network module."""
    from briefing.gui.shell.main_window import MainWindow
    from briefing.gui.shell.single_instance import SingleInstance

    assert isinstance(window, MainWindow)
    instance = SingleInstance()

    def received(paths: list[str]) -> None:
        if paths:
            window.when_complete(lambda: window.importer.start(list(paths)))
        window.showNormal()
        window.raise_()
        window.activateWindow()

    try:
        instance.listen(received)
    except BriefingError as exc:  # e.g. a second reader that could not forward: keep going
        window.banner.show_message(str(exc), kind="info", timeout_ms=8000)
        return
    window.single_instance = instance  # keep it alive as long as the window


def open_window(app: QApplication, lib: Library, settings: GuiSettings) -> MainWindow:
    """The reader window, themed, in two stages: what the first paint shows now, the rest
    right after it (see MainWindow). The stylesheet is applied once the widgets exist: set
    before, every widget would be re-polished each time it is put into a layout."""
    from briefing.gui import theme
    from briefing.gui.shell.main_window import MainWindow

    colors = theme.apply_style(app, settings.theme)  # first: sizes depend on them
    window = MainWindow(lib, settings, staged=True)
    theme.apply_sheet(app, colors)
    return window


class Started:
    """A reader that is up: its window shown (painted once the event loop runs). A plain
    class: a dataclass would be built on the start-up path for four attributes."""

    def __init__(self, app: QApplication, window: MainWindow, lib: Library) -> None:
        self.app, self.window, self.lib = app, window, lib
        self.outcome: dict[str, int] = {"code": 0}  # the screenshot's exit code


def start(paths: list[str], screenshot: str | None = None) -> Started | int:
    """Everything ``briefing gui`` does before the event loop: forward ``paths`` to a running
    reader (then return 0), open the library (1 when it cannot be), show the window with the
    article read last (or import ``paths``). With ``screenshot``, arrange for the PNG."""
    from briefing.gui.gui_settings import GuiSettings
    from briefing.services import Library

    resolved = [p if p.lower().startswith(("http://", "https://")) else str(Path(p).resolve())
                for p in paths]
    configure_runtime()
    from briefing.logs import configure_logging

    configure_logging()  # warnings and failed jobs to the log file, not a terminal never seen
    app = application()  # the single-instance socket needs an application object
    listen = False
    if screenshot is None:
        forwarded, listen = _single_instance(resolved)
        if forwarded:
            return 0
    settings = GuiSettings()
    try:
        lib = Library.open()
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 1
    window = open_window(app, lib, settings)
    started = Started(app, window, lib)
    # What the window can do without for a moment: a turn each once it is complete.
    window.after_complete(lambda: set_icon(app))
    if screenshot is not None:
        from briefing.gui.library.importer import sample_path

        _arrange_screenshot(app, window, Path(screenshot), started.outcome)
        sources = resolved[:1] or [str(sample_path())]
    else:
        sources = resolved
    if screenshot is None and not sources:
        window.reopen_last()  # shown by the first paint, like the window itself
    window.show()
    if screenshot is None:
        def later() -> None:  # the modules are loaded: listening, pages and capture host
            if listen:
                QTimer.singleShot(0, window, lambda: _listen(window))
            QTimer.singleShot(0, window, lambda: _cross_reading(window))
            QTimer.singleShot(200, window, lambda: _host_capture(window))

        # Qt's network module (the single-instance socket) is loaded with them: imported on
        # the GUI thread it took 8-16 ms of its time in one go
        modules = (LISTEN_MODULES if listen else ()) + LATER_MODULES
        window.after_complete(lambda: _preload(modules, later, window))
        window.after_complete(lambda: window.upkeep.start())  # session, integrity if due
    if sources:
        window.when_complete(lambda: window.importer.start(sources))
    return started


def run(paths: list[str], screenshot: str | None = None) -> int:
    """Open the reader with ``paths`` imported (the first shown). With ``screenshot``, import
    ``paths`` (or the bundled sample), wait for the analysis, save a PNG and return 0."""
    started = start(paths, screenshot)
    if isinstance(started, int):
        return started
    code = started.app.exec()
    instance = started.window.single_instance
    closer = getattr(instance, "close", None)
    if callable(closer):
        closer()
    from briefing.services.library import close_pooled_libraries

    close_pooled_libraries()
    started.lib.close()
    return started.outcome["code"] if screenshot is not None else int(code)


def _arrange_screenshot(app: QApplication, window: object, out: Path,
                        outcome: dict[str, int]) -> None:
    from briefing.gui.shell.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.persist_layout = False
    screen = window.screen()
    area = screen.availableGeometry() if screen is not None else None
    if area is not None and area.width() >= 1024 and area.height() >= 700:
        window.fit_to_screen(1.0)  # a screenshot shows the whole screen's worth
    else:
        window.resize(1360, 860)  # offscreen's virtual screen is only 800×600

    def save(_article_id: int) -> None:
        window.analysis_shown.disconnect(save)
        QTimer.singleShot(1200, shoot)  # let the flash-free layout settle and paint

    def shoot() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out), "PNG"):
            print(f"briefing: {out}: cannot write the screenshot", file=sys.stderr)
            outcome["code"] = 1
        window.close()
        app.quit()

    def give_up() -> None:
        if window.isVisible():
            message = window.banner.text() or "the analysis was not shown in time"
            print(f"briefing: screenshot not taken: {message}", file=sys.stderr)
            outcome["code"] = 1
            window.close()
            app.quit()

    def failed(imported: object) -> None:
        errors = getattr(imported, "errors", ())
        if errors and not getattr(imported, "article_ids", ()):
            print(f"briefing: {errors[0]}", file=sys.stderr)
            outcome["code"] = 1
            window.close()
            app.quit()

    window.analysis_shown.connect(save)
    window.when_complete(lambda: window.importer.imported.connect(failed))
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)


def main() -> int:
    """gui-script entry point: ``briefing-gui [PATH...]``."""
    return run([a for a in sys.argv[1:] if not a.startswith("-")])


if __name__ == "__main__":
    sys.exit(main())
