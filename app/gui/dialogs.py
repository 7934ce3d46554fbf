"""The few modal questions StemPrep asks, each behind a class method tests replace.

Screens call `ConfirmDialog.ask(...)`, `SaveDialog.ask(...)` and so on instead of
building message boxes themselves, so a test swaps one class method (monkeypatch)
and never has to click through a real modal event loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from db.errors import StorageError

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from db.store import Store


class ConfirmDialog:
    """Asks before something that cannot be undone (deleting a profile or a clinic)."""

    @classmethod
    def ask(cls, parent: QWidget | None, text: str, *, action: str = "") -> bool:
        """True if the user chose `action` (e.g. "Delete"); Cancel is the default button."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Dialogs", "Please confirm"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # the text may quote a name like "<b>&"
        box.setText(text)
        confirm = box.addButton(
            action or QCoreApplication.translate("Dialogs", "OK"), QMessageBox.ButtonRole.DestructiveRole
        )
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is confirm


class MessageDialog:
    """A blocking message, only for when there is no window to show a banner in."""

    @classmethod
    def error(cls, parent: QWidget | None, text: str) -> None:
        title = QCoreApplication.translate("Dialogs", "StemPrep")
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()


def ask_save_path(
    parent: QWidget | None, title: str, suggested: Path, file_filter: str, suffix: str
) -> Path | None:
    """The system's Save dialog; the chosen path always ends in `suffix`, or None if cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def remembered_folder(store: Store, setting: str) -> Path:
    """The folder last used for this kind of file (saved under `setting`) if it still exists, else Documents."""
    try:
        folder = store.setting(setting, "")
    except StorageError:
        folder = ""
    if not folder or not Path(folder).is_dir():
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder)


def remember_folder(store: Store, setting: str, folder: Path) -> None:
    """Keep `folder` for the next file of this kind; a convenience, so a failure says nothing."""
    try:
        store.set_setting(setting, str(folder))
    except StorageError:
        pass


class SaveDialog:
    """Where to save the question sheet."""

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """The chosen path (always ending in .pdf), or None if the user cancelled."""
        return ask_save_path(
            parent,
            QCoreApplication.translate("Dialogs", "Save the question sheet"),
            suggested,
            QCoreApplication.translate("Dialogs", "PDF files (*.pdf)"),
            ".pdf",
        )


class PrintDialog:
    """The system's print dialog, which sets up `printer` (printer, copies, pages)."""

    @classmethod
    def ask(cls, parent: QWidget | None, printer: QPrinter) -> bool:
        from PySide6.QtPrintSupport import (
            QPrintDialog,  # loaded with the Sheet step, not at start-up
        )

        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("Dialogs", "Print the question sheet"))
        return dialog.exec() == QDialog.DialogCode.Accepted


class CustomQuestionDialog(QDialog):
    """Asks for the patient's own question: English required, Korean optional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add your own question"))
        self.english = QLineEdit()
        self.english.setAccessibleName(self.tr("Your question in English"))
        self.english.setPlaceholderText(self.tr("For example: Can I speak to a patient you treated?"))
        self.korean = QLineEdit()
        self.korean.setAccessibleName(self.tr("Your question in Korean (optional)"))
        self.korean.setPlaceholderText(self.tr("Optional: the same question in Korean"))
        form = QFormLayout()
        form.addRow(self.tr("In &English:"), self.english)
        form.addRow(self.tr("In &Korean:"), self.korean)
        hint = QLabel(self.tr("It is added to the checklist of every clinic for this patient."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add question"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setEnabled(False)
        self.english.textChanged.connect(lambda text: self._ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, str] | None:
        """(English, Korean) of the new question, or None if the user cancelled."""
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.english.text().strip(), dialog.korean.text().strip()
