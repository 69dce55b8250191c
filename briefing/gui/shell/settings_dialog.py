"""Settings: theme, font, highlight layers, analysis engine, the Markdown brief template;
the data folder (read-only)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from briefing.domain import BriefingError
from briefing.gui.gui_settings import LAYERS, MAX_FONT_SIZE, MIN_FONT_SIZE, GuiSettings
from briefing.gui.theme import THEMES
from briefing.paths import app_paths


def engine_names() -> list[str]:
    from briefing.analysis import available_engines

    return list(available_engines())


class SettingsDialog(QDialog):
    """Edits a :class:`GuiSettings`; ``apply()`` writes the chosen values back."""

    def __init__(self, settings: GuiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for name in THEMES:
            self.theme.addItem("Follow the system" if name == "system" else name.capitalize(), name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.font_family = QFontComboBox()
        self.font_family.setAccessibleName("Article font")
        if settings.font_family:
            self.font_family.setCurrentFont(QFont(settings.font_family))
        self.font_size = QSpinBox()
        self.font_size.setAccessibleName("Article font size")
        self.font_size.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size.setValue(settings.font_size)
        self.font_size.setSuffix(" pt")
        self.layers = {}
        for name in LAYERS:
            box = QCheckBox(f"Show {name}")
            box.setChecked(settings.layer(name))
            box.setAccessibleName(f"Show {name} layer")
            self.layers[name] = box
        self.engine = QComboBox()
        self.engine.setAccessibleName("Analysis engine")
        for name in engine_names():
            self.engine.addItem(name, name)
        self.engine.setCurrentIndex(max(0, self.engine.findData(settings.engine)))
        folder = str(app_paths().data)
        self.data_folder = QLineEdit(folder)
        self.data_folder.setReadOnly(True)
        self.data_folder.setAccessibleName("Data folder")
        open_folder = QPushButton("Open folder")
        open_folder.setAccessibleName("Open the data folder")
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(folder))
        )
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(open_folder)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Theme:", self.theme)
        form.addRow("&Font:", self.font_family)
        form.addRow("Font &size:", self.font_size)
        for name, box in self.layers.items():
            form.addRow("Layers:" if name == LAYERS[0] else "", box)
        form.addRow("Analysis &engine:", self.engine)
        template_row = self._template_row()
        template_label = QLabel("Brief &template:")
        template_label.setBuddy(self.template)  # the row is a layout: no automatic buddy
        form.addRow(template_label, template_row)
        from briefing.settings_store import load_export_full_paths

        self.full_paths = QCheckBox("Show local files with their full path in briefs")
        self.full_paths.setToolTip("Off: a brief names a file you imported by its name only, "
                                   "so your folders stay private when you hand it on.")
        self.full_paths.setChecked(load_export_full_paths())
        form.addRow("", self.full_paths)
        form.addRow("Data folder:", folder_row)
        from briefing.gui.capture.settings_page import CaptureTokens

        self.capture_tokens = CaptureTokens()
        form.addRow("Browser extensions:", self.capture_tokens)
        form.addRow(buttons)

    def _template_row(self) -> QHBoxLayout:
        from briefing.settings_store import load_template_path

        chosen = load_template_path()
        self.template = QLineEdit(str(chosen) if chosen else "")
        self.template.setPlaceholderText("The packaged template")
        self.template.setMinimumWidth(  # the placeholder is read whole, not "The packaged te…"
            self.template.fontMetrics().horizontalAdvance(self.template.placeholderText()) + 24
        )
        self.template.setAccessibleName("Markdown brief template file")
        browse = QPushButton("Choose…")
        browse.setAccessibleName("Choose a template file")
        browse.clicked.connect(self._choose_template)
        copy = QPushButton("Copy packaged…")
        copy.setAccessibleName("Save a copy of the packaged template to edit")
        copy.clicked.connect(self._copy_template)
        row = QHBoxLayout()
        row.addWidget(self.template, 1)
        row.addWidget(browse)
        row.addWidget(copy)
        return row

    def _choose_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Brief template", self.template.text(), "Templates (*.tmpl *.md);;All (*)"
        )
        if path:
            self.template.setText(path)

    def _copy_template(self) -> None:
        from briefing.export.atomic import write_text_atomic
        from briefing.export.markdown import default_template

        path, _ = QFileDialog.getSaveFileName(
            self, "Save a copy of the template", "brief.md.tmpl", "Templates (*.tmpl)"
        )
        if not path:
            return
        try:
            write_text_atomic(Path(path), default_template())
        except BriefingError as exc:
            QMessageBox.warning(self, "Template not saved", str(exc))
            return
        self.template.setText(path)

    def accept(self) -> None:
        """Refuse a template file that cannot be read; save the choice otherwise."""
        from briefing.settings_store import (
            read_template,
            save_export_full_paths,
            save_template_path,
        )

        text = self.template.text().strip()
        try:
            if text:
                read_template(Path(text))
            save_template_path(Path(text) if text else None)
            save_export_full_paths(self.full_paths.isChecked())
        except BriefingError as exc:
            QMessageBox.warning(self, "Brief template", str(exc))
            return
        super().accept()

    def apply(self) -> None:
        self.settings.theme = str(self.theme.currentData())
        self.settings.font_family = self.font_family.currentFont().family()
        self.settings.font_size = self.font_size.value()
        for name, box in self.layers.items():
            self.settings.set_layer(name, box.isChecked())
        self.settings.engine = str(self.engine.currentData())
        self.settings.sync()
