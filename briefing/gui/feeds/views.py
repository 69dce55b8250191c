"""Small view helpers shared by the pages: a flat, keyboard-friendly table view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QWidget


def table_view(
    name: str, model: QAbstractItemModel, *, stretch: int = 0,
    widths: Sequence[tuple[int, str]] = (),
) -> QTreeView:  # fmt: skip
    """A single-selection row view over ``model``: column ``stretch`` takes the spare
    width, the ``(column, sample text)`` columns are sized to their sample."""
    view = QTreeView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setRootIsDecorated(False)
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    metrics = view.fontMetrics()
    for column, sample in widths:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
    return view


def heading(text: str, buddy: QWidget | None = None) -> QLabel:
    label = QLabel(text, objectName="panelHeading")
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def page_title() -> QLabel:
    """The bold, larger title of a page's detail side (an entity, a story)."""
    from briefing.gui.widgets.labels import wrapping_label

    label = wrapping_label(QLabel(objectName="pageTitle"))  # a long name never widens
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label
