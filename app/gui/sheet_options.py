"""The sheet's options as one form: which kind, paper and print, privacy, clinic and parts.

The Sheet step and File → Print sheets for many patients… both ask the same things, so
both use this one widget, built from the option definitions in `app.domain.sheet_kinds`
(the kinds, their names and what each holds, and the parts they print). It turns what
is ticked into a `SheetOptions`; the clinic choice and the parts appear only where the
caller asks for them (batch printing gives each patient every clinic's copy).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.sheet_content import SheetOptions
from app.domain.sheet_kinds import KINDS, SECTIONS, SHEET_KINDS
from app.gui.i18n import ui_language
from db.records import Clinic


class SheetOptionsBox(QWidget):
    """Kind, paper, large print, privacy, essential-only; optionally the clinic and the parts."""

    #: Any option changed.
    changed = Signal()

    def __init__(self, *, with_clinic: bool, with_sections: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language = ui_language()

        kinds = QGroupBox(self.tr("Which sheet"))
        kinds_layout = QVBoxLayout(kinds)
        self.kind_buttons: dict[str, QRadioButton] = {}
        kind_group = QButtonGroup(self)
        for kind in SHEET_KINDS:
            button = QRadioButton(kind.title(language))
            button.setAccessibleName(kind.title(language))
            button.setToolTip(kind.about(language))
            kind_group.addButton(button)
            kinds_layout.addWidget(button)
            self.kind_buttons[kind.id] = button
        self.kind_buttons[SHEET_KINDS[0].id].setChecked(True)
        self.kind_about = QLabel()
        self.kind_about.setWordWrap(True)
        self.kind_about.setAccessibleName(self.tr("What this sheet holds"))
        kinds_layout.addWidget(self.kind_about)

        self.paper_a4 = QRadioButton(self.tr("A&4"))
        self.paper_letter = QRadioButton(self.tr("&US Letter"))
        self.paper_a4.setChecked(True)
        self.paper_a4.setAccessibleName(self.tr("A4 paper"))
        self.paper_letter.setAccessibleName(self.tr("US Letter paper"))
        paper_group = QButtonGroup(self)
        paper_group.addButton(self.paper_a4)
        paper_group.addButton(self.paper_letter)
        paper_row = QHBoxLayout()
        paper_row.addWidget(self.paper_a4)
        paper_row.addWidget(self.paper_letter)
        paper_row.addStretch(1)

        self.large_print = QCheckBox(self.tr("Large p&rint"))
        self.large_print.setAccessibleName(self.tr("Large print"))
        self.leave_out_personal = QCheckBox(self.tr("Leave out na&me, birth year, contact and notes"))
        self.leave_out_personal.setAccessibleName(self.tr("Leave out personal details"))
        self.leave_out_personal.setToolTip(self.tr(
            "For a sheet that goes to others: your name, birth year and contact, your notes and your notes "
            "on each clinic are left out."
        ))
        self.essential_only = QCheckBox(self.tr("Only the essential &questions (a shorter checklist)"))
        self.essential_only.setAccessibleName(self.tr("Only the essential questions"))
        self.essential_only.setToolTip(self.tr(
            "Full checklist only: leaves out recommended and optional questions; your own questions stay. "
            "Numbers stay the same."
        ))

        page = QGroupBox(self.tr("Paper and print"))
        page_form = QFormLayout(page)
        page_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        page_form.addRow(self.tr("Paper:"), paper_row)
        page_form.addRow(self.large_print)
        page_form.addRow(self.leave_out_personal)
        page_form.addRow(self.essential_only)

        self._with_clinic = with_clinic
        self.clinic_box = QComboBox()
        self.clinic_box.setAccessibleName(self.tr("Which clinic the sheet is for"))
        self.clinic_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.clinic_box.setMinimumContentsLength(20)
        self.clinic_box.addItem(self.tr("Every clinic (a copy for each)"), None)
        self.clinic_box.currentIndexChanged.connect(self._changed)
        if with_clinic:
            page_form.addRow(self.tr("Clinic:"), self.clinic_box)
        else:
            self.clinic_box.hide()

        self.section_boxes: dict[str, QCheckBox] = {}
        self.sections_group: QGroupBox | None = None
        if with_sections:
            names = {
                "summary": self.tr("&About the patient"),
                "questions": self.tr("Questions to as&k"),
                "red_flags": self.tr("R&ed flags so far"),
                "documents": self.tr("Do&cuments to bring and ask for"),
                "comparison": self.tr("Cli&nics compared"),
                "reference": self.tr("Approved products and official contacts"),
            }
            self.sections_group = QGroupBox(self.tr("What to include"))
            sections_layout = QVBoxLayout(self.sections_group)
            for section in SECTIONS:
                box = QCheckBox(names[section])
                box.setChecked(True)
                sections_layout.addWidget(box)
                self.section_boxes[section] = box
                box.toggled.connect(self._changed)

        for button in (*self.kind_buttons.values(), self.paper_a4, self.paper_letter):
            button.toggled.connect(self._changed)
        for box in (self.large_print, self.leave_out_personal, self.essential_only):
            box.toggled.connect(self._changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(kinds)
        layout.addWidget(page)
        if self.sections_group is not None:
            layout.addWidget(self.sections_group)
        self._show_kind()

    # ------------------------------------------------------------ reading

    def kind(self) -> str:
        return next(kind for kind, button in self.kind_buttons.items() if button.isChecked())

    def clinic_id(self) -> int | None:
        return self.clinic_box.currentData() if self._with_clinic else None

    def options(self) -> SheetOptions:
        """The options as ticked (the parts may be none: `SheetOptions` says so in one sentence)."""
        sections = SECTIONS
        if self.section_boxes and self._parts_to_choose():
            sections = tuple(s for s, box in self.section_boxes.items() if box.isChecked())
        return SheetOptions(
            kind=self.kind(),
            paper="letter" if self.paper_letter.isChecked() else "a4",
            large_print=self.large_print.isChecked(),
            personal_details=not self.leave_out_personal.isChecked(),
            sections=sections,
            clinic_id=self.clinic_id(),
            essential_only=self.essential_only.isChecked() and self.kind() == "checklist",
        )

    # ------------------------------------------------------------ clinics

    def set_clinics(self, clinics: Sequence[Clinic]) -> None:
        """Offer these clinics, keeping the one chosen if it is still there."""
        keep = self.clinic_box.currentData()
        self.clinic_box.blockSignals(True)
        while self.clinic_box.count() > 1:
            self.clinic_box.removeItem(1)
        for clinic in clinics:
            self.clinic_box.addItem(clinic.name, clinic.id)
        self.clinic_box.setCurrentIndex(max(self.clinic_box.findData(keep), 0))
        self.clinic_box.blockSignals(False)

    # ------------------------------------------------------------ changes

    @Slot()
    def _changed(self) -> None:
        self._show_kind()
        self.changed.emit()

    def _show_kind(self) -> None:
        kind = KINDS[self.kind()]
        self.kind_about.setText(kind.about(ui_language()))
        self.essential_only.setEnabled(kind.id == "checklist")
        for section, box in self.section_boxes.items():
            box.setVisible(section in kind.sections)
        if self.sections_group is not None:
            self.sections_group.setVisible(self._parts_to_choose())

    def _parts_to_choose(self) -> bool:
        """The doctor copy is always the summary card and the questions: nothing to leave out."""
        return self.kind() != "doctor"
