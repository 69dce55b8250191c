"""The sync settings page (folder, name, this computer's id) and the conflicts waiting:
notes edited on two computers at once, each version shown so the user keeps one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.domain import BriefingError
from briefing.services import Library
from briefing.services.syncing import (
    SyncResult,
    conflicts,
    identity,
    set_name,
    set_sync_folder,
    sync_folder,
)

VERSION_ROLE = Qt.ItemDataRole.UserRole


class SyncDialog(QDialog):
    """Choose the sync folder and the name shown to others; resolve conflicts."""

    keep_version = Signal(str, str)  # annotation id, version (record id) to keep

    def __init__(self, lib: Library, last: SyncResult | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.setWindowTitle("Sync")
        ident = identity(lib)
        current = sync_folder(lib)
        self.folder = QLineEdit(str(current) if current else "")
        self.folder.setPlaceholderText("a folder kept in step by Syncthing, Nextcloud, Dropbox…")
        self.folder.setAccessibleName("Sync folder")
        browse = QPushButton("&Choose…")
        browse.clicked.connect(self._choose)
        off = QPushButton("&Off")
        off.setToolTip("Stop syncing (nothing is deleted)")
        off.clicked.connect(self.folder.clear)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        row.addWidget(off)
        self.name = QLineEdit(ident.name)
        self.name.setAccessibleName("Your name")
        self.name.setToolTip("Shown on your notes and verdicts on the other computers")
        device = QLabel(ident.device)
        device.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status = QLabel(last.summary() + f" (at {last.finished_at})" if last else "Not synced yet")
        form = QFormLayout()
        form.addRow("Sync &folder:", row)
        form.addRow("Your &name:", self.name)
        form.addRow("This computer:", device)
        form.addRow("Last sync:", status)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.conflicts = QTreeWidget()
        self.conflicts.setHeaderLabels(["Version", "By", "When"])
        self.conflicts.setAccessibleName("Conflicts waiting")
        self.keep = QPushButton("&Keep this version")
        self.keep.setEnabled(False)
        self.keep.clicked.connect(self._keep)
        self.conflicts.currentItemChanged.connect(
            lambda item, _old: self.keep.setEnabled(item is not None and item.parent() is not None)
        )
        box = QGroupBox("Conflicts waiting")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(QLabel("The same note was edited on two computers. Both versions "
                                    "are kept until you choose one."))
        box_layout.addWidget(self.conflicts)
        box_layout.addWidget(self.keep, 0, Qt.AlignmentFlag.AlignRight)
        self._fill_conflicts()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(box, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _fill_conflicts(self) -> None:
        self.conflicts.clear()
        for conflict in conflicts(self.lib):
            first = conflict.versions[0].annotation
            top = QTreeWidgetItem([f"“{first.selector.exact[:60]}”", "", ""])
            for version in conflict.versions:
                note = " ".join(version.annotation.note.split()) or "(no note)"
                child = QTreeWidgetItem([note, version.author, version.created])
                child.setData(0, VERSION_ROLE, (conflict.entity, version.record_id))
                top.addChild(child)
            self.conflicts.addTopLevelItem(top)
            top.setExpanded(True)
        self.conflicts.setVisible(self.conflicts.topLevelItemCount() > 0)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Sync folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _keep(self) -> None:
        item = self.conflicts.currentItem()
        if item is None or item.parent() is None:
            return
        entity, version = item.data(0, VERSION_ROLE)
        self.keep_version.emit(entity, version)
        parent = item.parent()
        self.conflicts.takeTopLevelItem(self.conflicts.indexOfTopLevelItem(parent))

    def _save(self) -> None:
        try:
            text = self.folder.text().strip()
            set_sync_folder(self.lib, Path(text) if text else None)
            if self.name.text().strip() != identity(self.lib).name:
                set_name(self.lib, self.name.text())
        except BriefingError as problem:
            self.error.setText(str(problem))
            self.error.show()
            return
        self.accept()
