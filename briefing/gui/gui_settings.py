"""GUI preferences persisted with QSettings (IniFormat) at ``<config>/gui.ini``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from briefing.paths import app_paths

LAYERS: tuple[str, ...] = ("entities", "claims", "highlights")
DEFAULT_FONT_SIZE = 13
MIN_FONT_SIZE, MAX_FONT_SIZE = 9, 32


def settings_path() -> Path:
    return app_paths().config / "gui.ini"


class GuiSettings:
    """Typed accessors over one QSettings file; every setter writes through."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _str(self, key: str, default: str) -> str:
        value = self._qs.value(key, default)
        return str(value) if value is not None else default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def sync(self) -> None:
        self._qs.sync()

    @property
    def theme(self) -> str:
        return self._str("appearance/theme", "system")

    @theme.setter
    def theme(self, value: str) -> None:
        self._qs.setValue("appearance/theme", value)

    @property
    def font_size(self) -> int:
        try:
            size = int(self._str("appearance/font_size", str(DEFAULT_FONT_SIZE)))
        except ValueError:
            size = DEFAULT_FONT_SIZE
        return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))

    @font_size.setter
    def font_size(self, value: int) -> None:
        self._qs.setValue("appearance/font_size", int(value))

    @property
    def font_family(self) -> str:
        return self._str("appearance/font_family", "")

    @font_family.setter
    def font_family(self, value: str) -> None:
        self._qs.setValue("appearance/font_family", value)

    def layer(self, name: str) -> bool:
        return self._bool(f"layers/{name}", True)

    def set_layer(self, name: str, on: bool) -> None:
        self._qs.setValue(f"layers/{name}", bool(on))

    @property
    def feeds_auto_refresh(self) -> bool:
        """Refresh due feeds on a timer while the reader runs (on by default)."""
        return self._bool("feeds/auto_refresh", True)

    @feeds_auto_refresh.setter
    def feeds_auto_refresh(self, on: bool) -> None:
        self._qs.setValue("feeds/auto_refresh", bool(on))

    @property
    def engine(self) -> str:
        return self._str("analysis/engine", "builtin")

    @engine.setter
    def engine(self, value: str) -> None:
        self._qs.setValue("analysis/engine", value)

    @property
    def summary_length(self) -> str:
        return self._str("panels/summary_length", "short")

    @summary_length.setter
    def summary_length(self, value: str) -> None:
        self._qs.setValue("panels/summary_length", value)

    @property
    def last_folder(self) -> str:
        return self._str("files/last_folder", str(Path.home()))

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._qs.setValue("files/last_folder", value)

    def last_article(self, library: Path) -> int | None:
        """The article read last in the library at ``library`` (ids belong to one library)."""
        if self._str("reading/library", "") != str(library):
            return None
        try:
            return int(self._str("reading/article", ""))
        except ValueError:
            return None

    def set_last_article(self, library: Path, article_id: int | None) -> None:
        self._qs.setValue("reading/library", str(library))
        self._qs.setValue("reading/article", "" if article_id is None else int(article_id))

    def first_screen(self, library: Path) -> tuple[int, list[int]] | None:
        """The library list's first screen by date as last read whole: the newest article
        id then, and the ids shown first (see library_tasks.first_page)."""
        if self._str("library_list/library", "") != str(library):
            return None
        try:
            newest = int(self._str("library_list/newest", ""))
            ids = [int(i) for i in self._str("library_list/first_ids", "").split(",") if i]
        except ValueError:
            return None
        return (newest, ids) if ids else None

    def set_first_screen(self, library: Path, newest: int, ids: list[int]) -> None:
        self._qs.setValue("library_list/library", str(library))
        self._qs.setValue("library_list/newest", int(newest))
        self._qs.setValue("library_list/first_ids", ",".join(str(int(i)) for i in ids))

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    def library_header(self) -> QByteArray | None:
        """The library list's column widths and sort order."""
        return self._bytes("window/library_header")

    def set_library_header(self, value: QByteArray) -> None:
        self._qs.setValue("window/library_header", value)

    @property
    def side_tab(self) -> int:
        """The side panel's tab shown last (0 Summary, 1 Entities, 2 Claims, ...)."""
        try:
            return max(0, int(self._str("window/side_tab", "0")))
        except ValueError:
            return 0

    @side_tab.setter
    def side_tab(self, index: int) -> None:
        self._qs.setValue("window/side_tab", int(index))

    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def set_splitter(self, value: QByteArray) -> None:
        self._qs.setValue("window/splitter", value)
