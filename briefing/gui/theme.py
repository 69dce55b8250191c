"""Light/dark theme: palettes, highlight colours per layer, the stylesheet from resources/gui."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES: tuple[str, ...] = ("system", "light", "dark")
STYLE_SET = "briefingFusionStyle"  # application property: the Fusion style is in place
PALETTE_SET = "briefingPalette"  # application property: "light"/"dark" palette in place

ENTITY_GROUPS: dict[str, str] = {
    "PERSON": "People",
    "ORG": "Organisations",
    "LOC": "Places",
    "MISC": "Other",
}
VALUE_GROUP = "Values"


def entity_group(label: str) -> str:
    return ENTITY_GROUPS.get(label, VALUE_GROUP)


@dataclass(frozen=True, slots=True)
class Colors:
    """Colours a theme gives the article view's layers."""

    dark: bool
    entity: dict[str, str]
    claim: str
    highlight: dict[str, str]
    flash: str
    text: str
    base: str

    def entity_color(self, label: str) -> QColor:
        return QColor(self.entity.get(label, self.entity["VALUE"]))


LIGHT = Colors(
    dark=False,
    entity={"PERSON": "#2563eb", "ORG": "#b45309", "LOC": "#059669", "MISC": "#7c3aed",
            "VALUE": "#64748b"},
    claim="#f97316",
    highlight={"yellow": "#fde68a", "green": "#bbf7d0", "blue": "#bfdbfe", "pink": "#fbcfe8",
               "purple": "#ddd6fe"},
    flash="#f59e0b",
    text="#1f2328",
    base="#fbfaf7",
)
DARK = Colors(
    dark=True,
    entity={"PERSON": "#60a5fa", "ORG": "#fbbf24", "LOC": "#34d399", "MISC": "#c4b5fd",
            "VALUE": "#94a3b8"},
    claim="#fb923c",
    highlight={"yellow": "#854d0e", "green": "#166534", "blue": "#1e40af", "pink": "#9d174d",
               "purple": "#5b21b6"},
    flash="#d97706",
    text="#e6e4df",
    base="#1c1d20",
)


def scheme_is_dark() -> bool | None:
    """Qt's colour-scheme hint: True for dark, False for light, None when the platform
    does not say. Asking loads Qt's ``Qt`` namespace of enums (~15 ms the first time)."""
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
    if scheme == Qt.ColorScheme.Unknown:
        return None
    return scheme == Qt.ColorScheme.Dark


def system_prefers_dark() -> bool:
    """Whether the desktop is dark. Until the reader has put its own palette in place the
    platform's palette answers (dark when its window colour is dark), which costs nothing
    before the first paint; afterwards the colour-scheme hint (the window re-checks the
    start-up answer against it once it has painted)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and app.property(PALETTE_SET) is None:
        window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        return window.lightness() < 128
    return bool(scheme_is_dark())


def applied() -> Colors | None:
    """The colours of the palette :func:`apply_style` put in place, if it has."""
    app = QGuiApplication.instance()
    dark = app.property(PALETTE_SET) if app is not None else None
    return None if dark is None else (DARK if dark == "dark" else LIGHT)


def resolve(theme: str) -> Colors:
    """The colours for a theme setting ("system" follows the desktop)."""
    if theme == "dark" or (theme == "system" and system_prefers_dark()):
        return DARK
    return LIGHT


def _palette(colors: Colors) -> QPalette:
    palette = QPalette()
    if colors.dark:
        window, base, alt, text = "#26272b", colors.base, "#2c2d31", colors.text
        button, highlight, link, mid = "#313237", "#3b82f6", "#93c5fd", "#45464c"
    else:
        window, base, alt, text = "#f3f2ee", colors.base, "#f0eee9", colors.text
        button, highlight, link, mid = "#ecebe6", "#2563eb", "#1d4ed8", "#c9c7c0"
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, window), (role.Base, base), (role.AlternateBase, alt),
        (role.Text, text), (role.WindowText, text), (role.ButtonText, text),
        (role.Button, button), (role.Highlight, highlight), (role.HighlightedText, "#ffffff"),
        (role.Link, link), (role.ToolTipBase, alt), (role.ToolTipText, text),
        (role.PlaceholderText, "#8b8d93"), (role.Mid, mid), (role.Midlight, alt),
    ):
        palette.setColor(r, QColor(value))
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor("#8b8d93"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor("#8b8d93"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor("#8b8d93"))
    return palette


@cache
def _stylesheet(name: str) -> str:
    return (resources.files("briefing.resources") / "gui" / name).read_text(encoding="utf-8")


def apply_style(app: QApplication, theme: str) -> Colors:
    """The Fusion style and ``theme``'s palette, without the stylesheet (see :func:`apply`)."""
    colors = resolve(theme)
    if app.property(STYLE_SET) is not True:  # setting it again would re-polish every widget
        app.setStyle("Fusion")
        app.setProperty(STYLE_SET, True)
    app.setPalette(_palette(colors))
    app.setProperty(PALETTE_SET, "dark" if colors.dark else "light")
    return colors


def apply_sheet(app: QApplication, colors: Colors) -> None:
    """The reader's stylesheet with the accents of ``colors``' theme."""
    accents = _stylesheet("dark.qss" if colors.dark else "light.qss")
    app.setStyleSheet(_stylesheet("reader.qss") + "\n" + accents)


def apply(app: QApplication, theme: str) -> Colors:
    """Apply ``theme`` to the whole application; returns the layer colours to use."""
    colors = apply_style(app, theme)
    apply_sheet(app, colors)
    return colors
