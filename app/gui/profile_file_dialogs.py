"""File → Export patient to a file… and Import patient from a file…: `.stemprep` files in the window.

A facilitator hands a prepared patient to the patient's own computer, or gets one back
with the clinics' answers filled in. Export writes one file (`export_profile`, owner-only,
atomic). Import reads and checks the whole file first (`preview_import`) and SHOWS what
it holds — name, condition, clinics, answers — before anything is written; if the same
patient is already on this computer the user chooses between a new copy and replacing
the saved one, so nothing is ever overwritten silently. A file that cannot be imported
is one sentence, with every problem found listed under "Show Details".

Both run on the GUI thread: a profile file is kilobytes and one transaction (files over
`MAX_FILE_BYTES` are refused before they are read), so there is no long work to move off it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import shortened
from app.domain.question_bank import QuestionBank
from app.export.files import sheet_file_name
from app.gui.dialogs import ask_save_path, remember_folder, remembered_folder
from app.gui.i18n import said, ui_language
from db.errors import StorageError
from db.store import Store

if TYPE_CHECKING:
    from app.domain.profile_file import ImportPreview, ProfileFileError
    from app.gui.main_window import MainWindow

T = TypeVar("T")

#: What the user chose for a patient that is already here: a copy beside it, or in its place.
ImportChoice = Literal["new", "replace"]

#: Where the last profile file was saved or opened, so the next dialog starts there.
LAST_FOLDER_SETTING = "gui.profile_file_folder"

#: Longest name or clinic list shown in the preview (the file may hold anything).
SHOWN_LIMIT = 120

_NOTICE_STYLE = """
QFrame#AlreadyHere { background: #fff1c2; border: 1px solid #b07d00; border-radius: 4px; }
QFrame#AlreadyHere QLabel { color: #3d2c00; }
"""


class ProfileFileDialogs:
    """The system's file dialogs for profile files; tests replace these class methods."""

    @classmethod
    def ask_export_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to write the patient's file (always ending in .stemprep), or None."""
        from app.domain.profile_file import FILE_SUFFIX

        return ask_save_path(
            parent,
            QCoreApplication.translate(
                "ProfileFiles", "Export the patient to a file — it holds health information, keep it private"
            ),
            suggested,
            QCoreApplication.translate("ProfileFiles", "StemPrep patient files (*.stemprep)"),
            FILE_SUFFIX,
        )

    @classmethod
    def ask_import_path(cls, parent: QWidget | None, folder: Path) -> Path | None:
        """The profile file to import, or None."""
        name, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("ProfileFiles", "Import a patient from a file"),
            str(folder),
            QCoreApplication.translate("ProfileFiles", "StemPrep patient files (*.stemprep);;All files (*)"),
        )
        return Path(name) if name else None


class ImportProblemDialog:
    """Says why a file cannot be imported: one sentence, and the problems under Show Details."""

    @classmethod
    def show_problem(cls, parent: QWidget | None, text: str, problems: list[str]) -> None:
        cls.build(parent, text, problems).exec()

    @staticmethod
    def build(parent: QWidget | None, text: str, problems: list[str]) -> QMessageBox:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("ProfileFiles", "The file cannot be imported"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # the file name and problems are the file's text
        box.setText(text)
        if problems:
            box.setDetailedText("\n".join(problems))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box


class ImportPreviewDialog(QDialog):
    """What a profile file holds, and what importing it will do; nothing is written here."""

    def __init__(self, preview: ImportPreview, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: ImportChoice | None = None
        document = preview.document
        profile = document.profile
        self.setWindowTitle(self.tr("Import a patient"))

        heading = self._plain(shortened(profile.name, SHOWN_LIMIT))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        heading.setAccessibleName(self.tr("Patient's name"))

        try:
            condition = bank.condition(profile.condition).title.get(ui_language())
        except KeyError:
            condition = profile.condition
        clinics = ", ".join(c.name for c in document.clinics)
        form = QFormLayout()
        form.addRow(self.tr("Condition:"), self._plain(condition))
        if document.clinics:
            clinic_text = self.tr("{count}: {names}").format(
                count=preview.clinic_count, names=shortened(clinics, SHOWN_LIMIT)
            )
        else:
            clinic_text = self.tr("none yet")
        form.addRow(self.tr("Clinics:"), self._plain(clinic_text))
        form.addRow(self.tr("Answers recorded:"), self._plain(str(preview.answer_count)))
        if document.custom_questions:
            form.addRow(self.tr("Own questions:"), self._plain(str(len(document.custom_questions))))
        form.addRow(self.tr("Exported:"), self._plain(document.exported_at[:10]))
        if preview.left_out:
            form.addRow(self.tr("Left out:"), self._plain(preview.left_out_sentence()))
        if profile.synthetic:
            form.addRow(self._plain(self.tr("This is a sample profile made by StemPrep, not a real person.")))

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)

        buttons = QDialogButtonBox()
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel: import nothing"))
        self.buttons: dict[ImportChoice, QPushButton] = {}
        if preview.existing is not None:
            notice = QFrame()
            notice.setObjectName("AlreadyHere")
            notice.setStyleSheet(_NOTICE_STYLE)
            notice_layout = QVBoxLayout(notice)
            text = self._plain(self.tr(
                "“{name}” is already on this computer (last changed {changed}). "
                "Importing as a new patient keeps both. Replacing deletes the saved one's clinics "
                "and answers from this computer and puts the file's in their place."
            ).format(name=shortened(preview.existing.name, SHOWN_LIMIT), changed=preview.existing.updated_at[:10]))
            notice_layout.addWidget(text)
            layout.addWidget(notice)
            new = buttons.addButton(self.tr("Import as a &new patient"), QDialogButtonBox.ButtonRole.AcceptRole)
            replace = buttons.addButton(self.tr("&Replace the saved one"), QDialogButtonBox.ButtonRole.DestructiveRole)
            replace.setAccessibleName(self.tr("Replace the saved patient with the one in the file"))
            self.buttons = {"new": new, "replace": replace}
            cancel.setDefault(True)  # the safe choice is the one Enter takes
        else:
            self.buttons = {"new": buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)}
            self.buttons["new"].setDefault(True)
        self.buttons["new"].setAccessibleName(self.tr("Import the patient as a new patient"))
        for choice, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
        cancel.clicked.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

    def _plain(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names come from the file
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _choose(self, choice: ImportChoice) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, preview: ImportPreview, bank: QuestionBank) -> ImportChoice | None:
        """"new" (a new patient, or a copy beside the saved one), "replace", or None to import nothing."""
        dialog = cls(preview, bank, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice


class ProfileFileActions(QObject):
    """File → Export patient to a file… / Import patient from a file…, over the window's Store."""

    def __init__(self, window: MainWindow, store: Store, bank: QuestionBank) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._bank = bank
        self.export_action = QAction(self.tr("&Export patient to a file…"), window)
        self.export_action.setObjectName("exportProfileAction")
        self.export_action.setStatusTip(self.tr("Save this patient in a .stemprep file to take to another computer"))
        self.export_action.triggered.connect(self.export_current)
        self.import_action = QAction(self.tr("&Import patient from a file…"), window)
        self.import_action.setObjectName("importProfileAction")
        self.import_action.setStatusTip(self.tr("Add a patient from a .stemprep file"))
        self.import_action.triggered.connect(self.import_file)
        window.add_to_file_menu([self.export_action, self.import_action])
        window.file_menu.aboutToShow.connect(self._update_enabled)
        self._update_enabled()  # added as File opens, they miss that opening's signal

    @Slot()
    def _update_enabled(self) -> None:
        self.export_action.setEnabled(self._window.profile_id is not None)

    # ------------------------------------------------------------ export

    @Slot()
    def export_current(self) -> None:
        # The profile-file code (and pydantic, which checks a file) is loaded the first time it is used.
        from app.domain.profile_file import FILE_SUFFIX, export_profile

        window = self._window
        profile_id = window.profile_id
        if profile_id is None or not window.flush_edits():
            return
        try:
            name = self._store.profile(profile_id).name
        except StorageError as error:
            window.banner.show_message(said(error))
            return
        stem = Path(sheet_file_name(profile_id, name)).stem
        path = ProfileFileDialogs.ask_export_path(window, remembered_folder(self._store, LAST_FOLDER_SETTING) / f"{stem}{FILE_SUFFIX}")
        if path is None:
            return
        try:
            written = export_profile(self._store, profile_id, path)
        except StorageError as error:  # ProfileFileError is one
            window.banner.show_message(said(error))
            return
        remember_folder(self._store, LAST_FOLDER_SETTING, written.parent)
        window.statusBar().showMessage(self.tr(
            "Saved “{name}” to {path}. The file holds the patient's health information: "
            "share it only with people the patient trusts."
        ).format(name=shortened(name, 60), path=written), 15_000)

    # ------------------------------------------------------------ import

    @Slot()
    def import_file(self) -> None:
        from app.domain.profile_file import import_profile, preview_import

        window = self._window
        if not window.flush_edits():  # a replaced patient must have nothing left to write
            return
        path = ProfileFileDialogs.ask_import_path(window, remembered_folder(self._store, LAST_FOLDER_SETTING))
        if path is None:
            return
        remember_folder(self._store, LAST_FOLDER_SETTING, path.parent)
        preview = self._or_say_why(path, lambda: preview_import(self._store, path))
        if preview is None:
            return
        choice = ImportPreviewDialog.ask(window, preview, self._bank)
        if choice is None:
            return
        mode = choice if preview.existing is not None else None
        profile = self._or_say_why(path, lambda: import_profile(self._store, preview, mode=mode))
        if profile is None:
            return
        listing = window.profile_list
        listing.clear_filters()  # the imported patient must be in the list to be selected
        replaced_open_patient = window.profile_id == profile.id
        listing.select_profile(profile.id)
        if replaced_open_patient:  # replaced in place: same id, new contents
            window.reload_profile()
        if listing.model.total > 1:
            window.patients_dock.show()
        window.statusBar().showMessage(self.tr(
            "Imported “{name}” with {clinics} clinics and {answers} answers."
        ).format(name=shortened(profile.name, 60), clinics=preview.clinic_count, answers=preview.answer_count), 10_000)

    def _or_say_why(self, path: Path, step: Callable[[], T]) -> T | None:
        """`step()`'s result, or None once the user is told why `path` could not be imported."""
        from app.domain.profile_file import ProfileFileError

        try:
            return step()
        except ProfileFileError as error:
            ImportProblemDialog.show_problem(self._window, self._problem_sentence(path, error), error.problems)
        except StorageError as error:
            self._window.banner.show_message(said(error))
        return None

    def _problem_sentence(self, path: Path, error: ProfileFileError) -> str:
        if not error.problems:
            return said(error)
        if len(error.problems) == 1:
            return self.tr(
                "{file} cannot be imported: StemPrep found a problem in it (see Show Details). Nothing was changed."
            ).format(file=path.name)
        return self.tr(
            "{file} cannot be imported: StemPrep found {count} problems in it (see Show Details). Nothing was changed."
        ).format(file=path.name, count=len(error.problems))

    # ------------------------------------------------------------ folders

def install_profile_file_actions(window: MainWindow, store: Store, bank: QuestionBank) -> ProfileFileActions:
    """Add File → Export patient to a file… and Import patient from a file… to `window`."""
    return ProfileFileActions(window, store, bank)
