"""Checks for the GUI walk: nothing visible is cut off, no list is empty without a hint."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from briefing.gui.widgets.empty_hint import hint_for

SLACK = 2  # pixels of rounding


def _in_scroll_content(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: it may legitimately extend past what is shown."""
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()!r}, {text!r})"


def cut_off(root: QWidget) -> list[str]:
    """Visible labels, buttons and placeholders narrower (or shorter) than their text, and
    widgets lying outside ``root``."""
    problems: list[str] = []
    window = root.window()
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not widget.isVisible():
            continue
        if _in_scroll_content(widget):
            continue
        corner = widget.mapTo(window, widget.rect().topLeft())
        if corner.x() + widget.width() > window.width() + SLACK or corner.x() < -SLACK:
            problems.append(f"{_name(widget)} lies outside the window")
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + SLACK:
                    problems.append(f"{_name(widget)} needs {need} px height, has "
                                    f"{widget.height()}")
            elif widget.sizeHint().width() > widget.width() + SLACK:
                problems.append(f"{_name(widget)} needs {widget.sizeHint().width()} px, has "
                                f"{widget.width()}")
        elif isinstance(widget, QPushButton | QToolButton) and widget.text():
            text = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            need = widget.fontMetrics().horizontalAdvance(text) + 6
            if need > widget.width() + SLACK:  # (the style's minimum width does not count)
                problems.append(f"{_name(widget)} needs {need} px, has {widget.width()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + SLACK:
                problems.append(f"{_name(widget)} needs {widget.sizeHint().width()} px, has "
                                f"{widget.width()}")
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            need = widget.fontMetrics().horizontalAdvance(widget.placeholderText())
            if need > widget.width():
                problems.append(f"{_name(widget)} placeholder needs {need} px, has "
                                f"{widget.width()}")
    return problems


def empty_without_hint(root: QWidget) -> list[str]:
    """Visible item views with no rows and no hint saying why."""
    problems = []
    for view in root.findChildren(QAbstractItemView):
        if not view.isVisible() or view.model() is None or isinstance(view, QHeaderView):
            continue
        if view.model().rowCount() == 0 and not hint_for(view):
            problems.append(f"{type(view).__name__}({view.accessibleName()!r}) is empty")
    return problems
