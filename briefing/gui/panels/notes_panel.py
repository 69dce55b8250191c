"""Notes tab: the user's highlights and notes in text order; orphans apart with re-attach."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTreeView, QVBoxLayout

from briefing.domain import Annotation
from briefing.gui.panels.panel_base import PanelBase
from briefing.gui.panels.panel_models import ITEM_ROLE, SPAN_ROLE, GroupedModel, Row, clip

SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


def _label(annotation: Annotation) -> str:
    text = f"“{clip(annotation.selector.exact, 90)}”"
    if annotation.verdict:
        text = f"[{annotation.verdict}] {text}"
    if annotation.note:
        text += f" — {clip(annotation.note, 90)}"
    if annotation.tags:
        text += "  " + " ".join(f"#{t}" for t in annotation.tags)
    return text


def note_groups(annotations: list[Annotation],
                swatches: dict[str, str] | None = None) -> list[Row]:
    """Placed annotations in text order, then orphans; ``swatches`` maps colour names to
    the theme's highlight colours."""
    swatches = swatches or {}
    placed = sorted((a for a in annotations if not a.orphaned), key=lambda a: a.selector.start)
    orphans = [a for a in annotations if a.orphaned]
    groups = [
        Row(
            f"Highlights and notes ({len(placed)})",
            children=[
                Row(_label(a), tooltip=a.note or a.selector.exact,
                    spans=[(a.selector.start, a.selector.end)], item=a,
                    color=swatches.get(a.color or ""))
                for a in placed
            ],
        )
    ]
    if orphans:
        groups.append(
            Row(
                f"Orphaned — text no longer found ({len(orphans)})",
                children=[
                    Row(_label(a), tooltip=f"Old quote: {a.selector.exact}\n"
                        "Select the matching text and choose Re-attach.", item=a)
                    for a in orphans
                ],
            )
        )
    return groups


class NotesPanel(PanelBase):
    edit_requested = Signal(object)  # Annotation
    delete_requested = Signal(object)
    reattach_requested = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Notes")
        self.model = GroupedModel(self)
        self.view = QTreeView()
        self.view.setAccessibleName("Your highlights and notes")
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setModel(self.model)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.view.doubleClicked.connect(lambda _i: self._emit(self.edit_requested))
        from briefing.gui.widgets.empty_hint import EmptyHint

        self.hint = EmptyHint(self.view, "No highlights or notes yet. Select text in the "
                              "article, then press 1–5 to highlight it or N to add a note.")
        self.edit_button = QPushButton("Edit note…")
        self.delete_button = QPushButton("Delete")
        self.reattach_button = QPushButton("Re-attach to selection")
        for button, signal, name in (
            (self.edit_button, self.edit_requested, "Edit the note of the selected highlight"),
            (self.delete_button, self.delete_requested, "Delete the selected highlight"),
            (self.reattach_button, self.reattach_requested,
             "Re-attach the selected orphaned note to the text selected in the article"),
        ):
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.clicked.connect(lambda _c=False, s=signal: self._emit(s))
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reattach_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def set_annotations(self, annotations: list[Annotation],
                        swatches: dict[str, str] | None = None) -> None:
        self.model.set_groups(note_groups(annotations, swatches))
        self.view.expandAll()
        self._update_buttons()

    def current_annotation(self) -> Annotation | None:
        item = self.view.currentIndex().data(ITEM_ROLE)
        return item if isinstance(item, Annotation) else None

    def select_annotation(self, annotation_id: str) -> bool:
        for index in self._all_indexes(self.view):
            item = index.data(ITEM_ROLE)
            if isinstance(item, Annotation) and item.id == annotation_id:
                self.view.selectionModel().setCurrentIndex(index, SELECT_ROW)
                return True
        return False

    def _update_buttons(self) -> None:
        current = self.current_annotation()
        self.edit_button.setEnabled(current is not None)
        self.delete_button.setEnabled(current is not None)
        self.reattach_button.setEnabled(current is not None and current.orphaned)

    def _emit(self, signal: Signal) -> None:  # type: ignore[type-arg]
        current = self.current_annotation()
        if current is not None:
            signal.emit(current)  # type: ignore[attr-defined]

    def _clicked(self, index: QModelIndex) -> None:
        self._update_buttons()
        span = index.data(SPAN_ROLE)
        if span:
            self.reveal.emit(*span)

    def mark_span(self, start: int, end: int) -> int:
        return self.mark_overlapping(self.view, start, end)
