"""Application start-up: ``run(paths, screenshot)`` for ``briefing gui`` and ``main()``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from briefing.domain import BriefingError

if TYPE_CHECKING:
    from briefing.gui.feeds.embedding import CrossReading
    from briefing.gui.gui_settings import GuiSettings
    from briefing.gui.main_window import MainWindow
    from briefing.gui.single_instance import SingleInstance
    from briefing.services import Library

SCREENSHOT_TIMEOUT_MS = 60_000
NO_SINGLE_INSTANCE_ENV = "BRIEFING_NO_SINGLE_INSTANCE"
DESKTOP_ID = "io.github.briefing.Briefing"


def configure_runtime() -> None:
    """Hand the GIL to the GUI thread sooner while workers run Python (default 5 ms):
    every paint calls back into Python models, each call waiting at most one interval."""
    sys.setswitchinterval(0.001)


def application() -> QApplication:
    """The QApplication (created with the reader's names and icon when there is none yet)."""
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
    from importlib import resources

    from PySide6.QtGui import QIcon

    icon = resources.files("briefing.resources") / "icons" / "briefing.svg"
    created.setWindowIcon(QIcon(str(icon)))
    return created


def _single_instance(paths: list[str]) -> tuple[bool, SingleInstance | None]:
    """(True, _) when another running reader took the paths; else (False, instance|None)."""
    if os.environ.get(NO_SINGLE_INSTANCE_ENV):
        return False, None
    from briefing.gui.single_instance import SingleInstance  # QtNetwork: only when needed

    instance = SingleInstance()
    if instance.try_forward(paths):
        return True, None
    return False, instance


def _cross_reading(window: MainWindow) -> CrossReading:
    """The Feeds / Entities / Stories pages, built after the first paint."""
    from briefing.gui.feeds.embedding import CrossReading

    window.acts.populate()  # the reader's own View actions come first in the menu
    cross = CrossReading(window)
    window.cross_reading = cross  # type: ignore[attr-defined]
    return cross


def _listen(instance: object, window: object) -> None:
    """Receive paths from later launches: import them, or just raise the window."""
    from briefing.gui.main_window import MainWindow

    assert isinstance(window, MainWindow)

    def received(paths: list[str]) -> None:
        if paths:
            window.when_complete(lambda: window.importer.start(list(paths)))
        window.showNormal()
        window.raise_()
        window.activateWindow()

    try:
        instance.listen(received)  # type: ignore[attr-defined]
    except BriefingError as exc:  # e.g. a second reader that could not forward: keep going
        window.banner.show_message(str(exc), kind="info", timeout_ms=8000)
        return
    window.single_instance = instance  # keep it alive as long as the window


def open_window(app: QApplication, lib: Library, settings: GuiSettings) -> MainWindow:
    """The reader window, themed, in two stages: what the first paint shows now, the rest
    right after it (see MainWindow). The stylesheet is applied once the widgets exist: set
    before, every widget would be re-polished each time it is put into a layout."""
    from briefing.gui import theme
    from briefing.gui.main_window import MainWindow

    colors = theme.apply_style(app, settings.theme)  # first: sizes depend on them
    window = MainWindow(lib, settings, staged=True)
    theme.apply_sheet(app, colors)
    return window


def run(paths: list[str], screenshot: str | None = None) -> int:
    """Open the reader with ``paths`` imported (the first shown). With ``screenshot``, import
    ``paths`` (or the bundled sample), wait for the analysis, save a PNG and return 0."""
    from briefing.gui.gui_settings import GuiSettings
    from briefing.gui.importer import sample_path
    from briefing.services import Library

    resolved = [p if p.lower().startswith(("http://", "https://")) else str(Path(p).resolve())
                for p in paths]
    configure_runtime()
    app = application()  # the single-instance socket needs an application object
    instance = None
    if screenshot is None:
        forwarded, instance = _single_instance(resolved)
        if forwarded:
            return 0
    settings = GuiSettings()
    try:
        lib = Library.open()
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 1
    window = open_window(app, lib, settings)
    if instance is not None:
        _listen(instance, window)
    outcome = {"code": 0}
    if screenshot is not None:
        _arrange_screenshot(app, window, Path(screenshot), outcome)
        sources = resolved[:1] or [str(sample_path())]
    else:
        sources = resolved
    if screenshot is None and not sources:
        window.reopen_last()  # shown by the first paint, like the window itself
    window.show()
    if screenshot is None:
        window.when_complete(
            lambda: QTimer.singleShot(300, window, lambda: _cross_reading(window)))
    if sources:
        window.when_complete(lambda: window.importer.start(sources))
    code = app.exec()
    if instance is not None:
        instance.close()
    lib.close()
    return outcome["code"] if screenshot is not None else int(code)


def _arrange_screenshot(app: QApplication, window: object, out: Path,
                        outcome: dict[str, int]) -> None:
    from briefing.gui.main_window import MainWindow

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
