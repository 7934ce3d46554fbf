"""Clinics step → "Add to calendar…": the consultation as a calendar file the patient saves.

The file leaves StemPrep, so the dialog says what goes in it and leaves the patient's name
out unless they tick it; then the system's Save dialog asks where. Writing goes through the
one atomic writer (`db.files.write_atomic`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.calendar_file import (
    CALENDAR_SUFFIX,
    calendar_file_name,
    consultation_calendar,
    ensure_booked,
)
from app.gui.dialogs import ask_save_path, remember_folder, remembered_folder
from app.gui.i18n import ui_language
from db.files import write_atomic
from db.records import Clinic
from db.store import Store


class CalendarDialog(QDialog):
    """What goes into the calendar file, and whether the patient's name does."""

    def __init__(self, clinic: Clinic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add to calendar"))
        what = QLabel(self.tr(
            "StemPrep saves a calendar file (.ics) for the consultation with {clinic}: the day and time "
            "(Korean time), the place and the interpreter. Open it with your calendar, or send it to "
            "your phone. Nothing else about you goes into it."
        ).format(clinic=clinic.name))
        what.setTextFormat(Qt.TextFormat.PlainText)  # the clinic's name may hold "<b>&"
        what.setWordWrap(True)
        self.with_name = QCheckBox(self.tr("Put my &name in the calendar entry"))
        self.with_name.setToolTip(self.tr("Leave it out if others can see your calendar."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose where to save…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(self.with_name)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None, clinic: Clinic, suggested: Path) -> tuple[Path, bool] | None:
        """Where to save the file and whether to put the name in it; None if the user cancelled."""
        dialog = cls(clinic, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        path = ask_save_path(
            parent,
            QCoreApplication.translate("CalendarDialog", "Save the calendar file"),
            suggested,
            QCoreApplication.translate("CalendarDialog", "Calendar files (*.ics)"),
            CALENDAR_SUFFIX,
        )
        return None if path is None else (path, dialog.with_name.isChecked())


#: The setting that remembers the folder the last calendar file was saved in.
LAST_FOLDER_SETTING = "gui.calendar_folder"


def save_consultation_calendar(parent: QWidget | None, store: Store, clinic: Clinic) -> Path | None:
    """Ask, then write the clinic's consultation as a calendar file; the path written, or None if cancelled.

    Raises `UserError` with one sentence when nothing is booked or the file cannot be written.
    """
    ensure_booked(clinic)
    folder = remembered_folder(store, LAST_FOLDER_SETTING)
    chosen = CalendarDialog.ask(parent, clinic, folder / calendar_file_name(clinic))
    if chosen is None:
        return None
    path, with_name = chosen
    data = consultation_calendar(store.profile(clinic.profile_id), clinic, with_name=with_name, language=ui_language())
    written = write_atomic(path, data, what="the calendar file", example="consultation.ics")
    remember_folder(store, LAST_FOLDER_SETTING, written.parent)
    return written
