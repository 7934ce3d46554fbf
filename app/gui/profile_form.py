"""Step 1, Profile: who the patient is, their condition and what they hope for.

The form is what the clinic will want to know before it can answer anything. The
severity measure shown depends on the condition (Kellgren–Lawrence grade for knee
osteoarthritis, modified Rankin Scale for stroke, Hoehn & Yahr for Parkinson's,
ejection fraction for heart), taken from the question bank, with its one-line help.
Every field saves itself (see `app.gui.autosave`).
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QRegularExpression, Qt, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import format_number
from app.domain.question_bank import Condition, QuestionBank
from app.gui.documents import DocumentChecklist
from app.gui.i18n import other_language, said, ui_language
from app.gui.step import StepPage
from app.gui.text_size import scale_font, scale_max_width
from db.errors import StorageError
from db.records import Profile
from db.store import Store

#: Widest the form grows: long lines are hard to read.
FORM_MAX_WIDTH = 860

#: The measures picked from a list of values (the ejection fraction is typed as a number).
LISTED_MEASURES = ("kl_grade", "mrs", "hoehn_yahr")




class ProfileStep(StepPage):
    """The patient's condition form."""

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._bank = bank
        self.autosave = self._autosave_with(self._save_field)

        # ---------------------------------------------------------- about you
        self.name = self._line("name", self.tr("Name or alias"))
        self.name.setPlaceholderText(self.tr("An alias is fine: the sheet can leave it out"))
        self.birth_year = self._line("birth_year", self.tr("Birth year"))
        self.birth_year.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self))
        self.birth_year.setPlaceholderText(self.tr("e.g. 1958"))
        self.birth_year.setMaximumWidth(160)
        self.languages = self._line("languages", self.tr("Languages spoken"))
        self.languages.setPlaceholderText(self.tr("e.g. English, Mongolian"))
        self.contact = self._line("contact", self.tr("Contact (optional)"))
        self.contact.setPlaceholderText(self.tr("Phone or e-mail, if you want it on the sheet"))

        # ---------------------------------------------------------- condition
        self.condition = QComboBox()
        self.condition.setAccessibleName(self.tr("Condition"))
        lang = ui_language()
        for condition in bank.conditions:
            self.condition.addItem(
                f"{condition.title.get(lang)} — {condition.title.get(other_language(lang))}", condition.id
            )
        # A new patient starts with no condition chosen; the condition's own questions wait for it.
        self.condition.setPlaceholderText(self.tr("Choose the condition…"))
        self.condition.currentIndexChanged.connect(self._condition_changed)

        self.measure_label = QLabel()
        self.measure_label.setWordWrap(True)
        self.measure_boxes: dict[str, QComboBox] = {}
        measure_row = QVBoxLayout()
        measure_row.setContentsMargins(0, 0, 0, 0)
        values = {c.measure: c.measure_values for c in bank.conditions if c.measure in LISTED_MEASURES}
        for measure in LISTED_MEASURES:
            box = QComboBox()
            box.addItem(self.tr("Not known"), None)
            for value in values.get(measure, ()):
                # Hoehn & Yahr has half stages; the other scales are whole numbers.
                box.addItem(format_number(value), value if measure == "hoehn_yahr" else int(value))
            box.setMinimumWidth(160)
            box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            box.currentIndexChanged.connect(
                lambda _i, m=measure, b=box: self.autosave.change(self._key(m), b.currentData(), immediate=True)
            )
            self.measure_boxes[measure] = box
            measure_row.addWidget(box)
        self.lvef = QSpinBox()
        self.lvef.setRange(0, 100)
        self.lvef.setSpecialValueText(self.tr("Not known"))
        self.lvef.setSuffix(" %")
        self.lvef.setMaximumWidth(160)
        self.lvef.valueChanged.connect(lambda v: self.autosave.change(self._key("lvef"), v or None))
        self.autosave.flush_on_focus_out(self.lvef)
        measure_row.addWidget(self.lvef)
        self.measure_help = QLabel()
        self.measure_help.setWordWrap(True)
        self.measure_help.setTextFormat(Qt.TextFormat.PlainText)
        measure_row.addWidget(self.measure_help)
        self.measure_widget = QWidget()
        self.measure_widget.setLayout(measure_row)

        self.diagnosis = self._text("diagnosis", self.tr("Diagnosis in your own words"))
        self.diagnosed = self._line("diagnosed", self.tr("When diagnosed"))
        self.diagnosed.setPlaceholderText(self.tr("e.g. 2019, or \"about five years ago\""))

        # ---------------------------------------------------------- health
        self.medicines = self._text("medicines", self.tr("Current medicines"))
        self.allergies = self._text("allergies", self.tr("Allergies"))
        self.other_conditions = self._text("other_conditions", self.tr("Other conditions"))
        self.prior_treatments = self._text("prior_treatments", self.tr("Treatments tried before"))
        self.imaging = self._text("imaging", self.tr("Imaging you have (X-ray, MRI, CT)"))

        # ---------------------------------------------------------- plans
        self.goals = self._text("goals", self.tr("What you hope the treatment will do"))
        self.budget = self._line("budget", self.tr("Budget"))
        self.travel_start = self._month_line("travel_start", self.tr("First month you could travel"))
        self.travel_end = self._month_line("travel_end", self.tr("Last month you could travel"))
        self.travel_window = self._line("travel_window", self.tr("Travel note"))
        self.travel_window.setPlaceholderText(self.tr("Anything the months do not say"))
        self.notes = self._text("notes", self.tr("Notes"))

        # Each label is the buddy of its field (QFormLayout does that), so Alt+letter goes to the field.
        # Letters taken wherever the window is: File, View, seTtings, Help, Back, neXt, Patients, and the
        # patient list's filters (D, L, G, O). A label with no free letter is still its field's buddy.
        about = self._group(self.tr("About you"), [
            (self.tr("Na&me or alias:"), self.name),
            (self.tr("Birth &year:"), self.birth_year),
            (self.tr("L&anguages:"), self.languages),
            (self.tr("&Contact:"), self.contact),
        ])
        self.condition_form = QFormLayout()
        condition_group = self._group(self.tr("Your condition"), [
            (self.tr("Cond&ition:"), self.condition),
            (self.measure_label, self.measure_widget),
            (self.tr("Diagno&sis:"), self.diagnosis),
            (self.tr("&When diagnosed:"), self.diagnosed),
        ], form=self.condition_form)
        health = self._group(self.tr("Your health"), [
            (self.tr("C&urrent medicines:"), self.medicines),
            (self.tr("Alle&rgies:"), self.allergies),
            (self.tr("Oth&er conditions:"), self.other_conditions),
            (self.tr("Treatments tried:"), self.prior_treatments),
            (self.tr("Imaging available:"), self.imaging),
        ])
        plans = self._group(self.tr("Your plans"), [
            (self.tr("Goals:"), self.goals),
            (self.tr("Budget:"), self.budget),
            (self.tr("Travel from (month):"), self.travel_start),
            (self.tr("Travel until (month):"), self.travel_end),
            (self.tr("Travel note:"), self.travel_window),
            (self.tr("Notes:"), self.notes),
        ])

        title = QLabel(self.tr("About the patient"))
        scale_font(title, 1.4, bold=True)
        intro = QLabel(self.tr(
            "What a clinic needs to know before it can answer your questions. "
            "Everything you type is saved on this computer as you go."
        ))
        intro.setWordWrap(True)

        content = QWidget()
        scale_max_width(content, FORM_MAX_WIDTH)
        column = QVBoxLayout(content)
        self.documents = DocumentChecklist(store, bank)
        self.documents.problem.connect(self.problem)
        self.documents.saved.connect(self.saved)
        for widget in (title, intro, about, condition_group, health, plans, self.documents):
            column.addWidget(widget)
        column.addStretch(1)
        holder = QWidget()
        centring = QHBoxLayout(holder)
        centring.addStretch(1)
        centring.addWidget(content, 12)  # grows up to FORM_MAX_WIDTH, then the margins grow
        centring.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._align_labels(content)
        self.setEnabled(False)

    # ------------------------------------------------------------ building

    def _key(self, field: str) -> Hashable:
        return (self.profile_id, field)

    def _line(self, field: str, accessible: str) -> QLineEdit:
        return self.autosave.line_edit(field, accessible, lambda: self._key(field))

    def _month_line(self, field: str, accessible: str) -> QLineEdit:
        """A month typed as YYYY-MM: the form lets only digits and one dash in; the Store checks the month."""
        edit = self._line(field, accessible)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}(-\d{0,2})?"), self))
        edit.setPlaceholderText(self.tr("e.g. 2027-04"))
        edit.setMaximumWidth(160)
        return edit

    def _text(self, field: str, accessible: str) -> QPlainTextEdit:
        return self.autosave.text_edit(field, accessible, lambda: self._key(field))

    def _group(
        self,
        title: str,
        rows: list[tuple[str | QLabel, QWidget]],
        form: QFormLayout | None = None,
    ) -> QGroupBox:
        group = QGroupBox(title)
        form = form or QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in rows:
            form.addRow(label, widget)
        group.setLayout(form)
        return group

    def _align_labels(self, content: QWidget) -> None:
        """One label column width for all groups, so the fields line up down the page."""
        labels = []
        for form in content.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and isinstance(item.widget(), QLabel):
                    labels.append(item.widget())
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    # ------------------------------------------------------------ step API

    def enter(self) -> None:
        if self.profile_id is None:
            self.setEnabled(False)
            return
        try:
            profile = self._store.profile(self.profile_id)
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self._fill(profile)
        self.setEnabled(True)

    def focus_start(self) -> None:
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_name(self) -> None:
        """For a new patient: put the cursor in the name, selected, ready to type over."""
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()

    # ------------------------------------------------------------ data

    def _fill(self, profile: Profile) -> None:
        with self.autosave.loading():
            for field in ("name", "languages", "contact", "diagnosed", "budget", "travel_window"):
                edit: QLineEdit = getattr(self, field)
                if edit.text() != getattr(profile, field):
                    edit.setText(getattr(profile, field))
            self.birth_year.setText("" if profile.birth_year is None else str(profile.birth_year))
            for field in ("travel_start", "travel_end"):
                month: QLineEdit = getattr(self, field)
                if month.text() != (getattr(profile, field) or ""):
                    month.setText(getattr(profile, field) or "")
            for field in ("diagnosis", "medicines", "allergies", "other_conditions", "prior_treatments",
                          "imaging", "goals", "notes"):
                text_edit: QPlainTextEdit = getattr(self, field)
                if text_edit.toPlainText() != getattr(profile, field):
                    text_edit.setPlainText(getattr(profile, field))
            index = self.condition.findData(profile.condition) if profile.condition_chosen else -1
            shown_by_signal = index >= 0 and index != self.condition.currentIndex()
            self.condition.setCurrentIndex(index)  # a new condition: `_condition_changed` shows the rest
            if not shown_by_signal:
                self._show_measure(profile.condition if profile.condition_chosen else "")
                self.documents.show_documents(profile.id, profile.condition)
            for measure, box in self.measure_boxes.items():
                value = getattr(profile, measure)
                box.setCurrentIndex(max(box.findData(value), 0) if value is not None else 0)
            self.lvef.setValue(profile.lvef or 0)

    def _show_measure(self, condition_id: str) -> None:
        """Show only the measure that fits the condition, with its title and help."""
        condition: Condition | None = None
        try:
            condition = self._bank.condition(condition_id)
        except LookupError:
            condition = None
        measure = condition.measure if condition else None
        for name, box in self.measure_boxes.items():
            box.setVisible(name == measure)
        self.lvef.setVisible(measure == "lvef")
        self.condition_form.setRowVisible(self.measure_widget, measure is not None)
        if condition is None or measure is None:
            return
        lang = ui_language()
        title = condition.measure_title
        self.measure_label.setText((title.get(lang) if title else measure) + ":")
        help_text = condition.measure_help
        self.measure_help.setText(help_text.get(lang) if help_text else "")
        self.measure_help.setVisible(bool(self.measure_help.text()))
        widget: QWidget = self.lvef if measure == "lvef" else self.measure_boxes[measure]
        widget.setAccessibleName(title.get(lang) if title else measure)
        widget.setAccessibleDescription(self.measure_help.text())
        self.measure_label.setBuddy(widget)

    @Slot(int)
    def _condition_changed(self, index: int) -> None:
        if index < 0:
            return  # no condition chosen yet
        condition_id = self.condition.itemData(index)
        self._show_measure(condition_id)
        self.autosave.change(self._key("condition"), condition_id, immediate=True)
        self.documents.show_documents(self.profile_id, condition_id)

    def _save_field(self, key: Hashable, value: object) -> None:
        profile_id, field = key  # type: ignore[misc]
        if field in ("birth_year", "travel_start", "travel_end") and isinstance(value, str):
            value = value.strip() or None
        self._store.update_profile(profile_id, **{field: value})
        if field in ("name", "condition", "travel_window", "travel_start", "travel_end"):
            self.profile_touched.emit()
