"""Settings → Agency details…: the medical-travel agency printed at the foot of every sheet.

A facilitator who prints sheets for an agency's patients wants the agency, its
registration number with the Korean authorities, and a contact on every page, so a
clinic knows who prepared the patient. The details live in the Store's settings under
the keys the command line's ``stemprep facilitator`` uses
(`app.domain.facilitator.FACILITATOR_SETTINGS`), and `gather_sheet` reads them, so
the preview, Save as…, Print… and batch printing all carry them without knowing
about this dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.facilitator import FACILITATOR_SETTINGS, FacilitatorDetails
from app.gui.i18n import said
from db.errors import StorageError
from db.store import Store

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow

#: Longest values accepted: the footer has room for one or two lines, not a paragraph.
AGENCY_LIMIT = 100
REGISTRATION_LIMIT = 50
CONTACT_LIMIT = 120


def saved_details(store: Store) -> FacilitatorDetails:
    """The details saved now (empty strings where nothing is set)."""
    return FacilitatorDetails(**{key: store.setting(setting) for key, setting in FACILITATOR_SETTINGS.items()})


class FacilitatorDialog(QDialog):
    """Asks for the agency's name, registration number and contact."""

    def __init__(self, details: FacilitatorDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agency details"))
        intro = QLabel(self.tr(
            "If you prepare patients for a medical-travel agency, its details are printed at the "
            "bottom of every question sheet, so a clinic knows who prepared the patient. "
            "Leave the agency name empty to print none."
        ))
        intro.setWordWrap(True)
        self.agency = self._line(details.agency, AGENCY_LIMIT, self.tr("Agency name"))
        self.agency.setPlaceholderText(self.tr("For example: Seoul Care Travel"))
        self.registration = self._line(details.registration, REGISTRATION_LIMIT, self.tr("Registration number"))
        self.registration.setPlaceholderText(self.tr("Foreign-patient facilitator registration (유치업자 등록번호)"))
        self.contact = self._line(details.contact, CONTACT_LIMIT, self.tr("Contact"))
        self.contact.setPlaceholderText(self.tr("Phone or email"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (
            (self.tr("&Agency name:"), self.agency),
            (self.tr("&Registration number:"), self.registration),
            (self.tr("&Contact:"), self.contact),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        hint = QLabel(self.tr(
            "The registration number is the one the Korean authorities gave the agency as a "
            "foreign-patient facilitator. These details are kept on this computer only."
        ))
        hint.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName(self.tr("Save the agency details"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel without saving"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def _line(self, value: str, limit: int, name: str) -> QLineEdit:
        line = QLineEdit(value)
        line.setMaxLength(limit)
        line.setAccessibleName(name)
        line.setClearButtonEnabled(True)
        return line

    def details(self) -> FacilitatorDetails:
        """What the fields say now, trimmed."""
        return FacilitatorDetails(
            agency=self.agency.text().strip(),
            registration=self.registration.text().strip(),
            contact=self.contact.text().strip(),
        )

    @classmethod
    def edit(cls, parent: QWidget | None, details: FacilitatorDetails) -> FacilitatorDetails | None:
        """The details as the user saved them, or None if they cancelled."""
        dialog = cls(details, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.details()


class AgencyDetailsAction(QObject):
    """Settings → Agency details…, and saving what the dialog returns."""

    def __init__(self, window: MainWindow, store: Store) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self.action = QAction(self.tr("&Agency details…"), window)
        self.action.setObjectName("agencyDetailsAction")
        self.action.setStatusTip(self.tr("The agency printed at the bottom of every question sheet"))
        self.action.triggered.connect(self.edit)
        window.settings_menu.addAction(self.action)

    @Slot()
    def edit(self) -> None:
        window = self._window
        try:
            current = saved_details(self._store)
        except StorageError as error:
            window.banner.show_message(said(error))
            return
        chosen = FacilitatorDialog.edit(window, current)
        if chosen is None or chosen == current:
            return
        try:
            # The agency last: it decides whether a footer is printed at all.
            for key in ("registration", "contact", "agency"):
                self._store.set_setting(FACILITATOR_SETTINGS[key], getattr(chosen, key))
        except StorageError as error:
            window.banner.show_message(said(error))
            return
        if chosen.agency:
            window.statusBar().showMessage(self.tr("Saved. Every sheet now names {agency} at the bottom.").format(
                agency=chosen.agency), 8000)
        else:
            window.statusBar().showMessage(self.tr("Saved. Sheets no longer name an agency."), 8000)
        if window.current_step == window.SHEET and window.profile_id is not None:
            window.sheet_step.render_now()  # the preview shows the new footer


def install_facilitator_action(window: MainWindow, store: Store) -> AgencyDetailsAction:
    """Add Settings → Agency details… to `window`."""
    return AgencyDetailsAction(window, store)
