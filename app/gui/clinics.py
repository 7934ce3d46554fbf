"""Step 2, Clinics: the clinics the patient is considering, and how they compare.

On the left the clinics (add, delete); on the right what each one offers, as the
patient heard it: treatment, cell source, price, the credentials it claims. Every
field saves itself. A second tab puts the clinics side by side on their answers to
the essential questions (`app.gui.comparison`).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import format_price, shortened
from app.domain.question_bank import QuestionBank
from app.domain.quotes import CURRENCIES
from app.domain.red_flags import RaisedFlag, evaluate_red_flags
from app.gui.appointment import AppointmentEdit, appointment_text
from app.gui.checklist import gather_checklist
from app.gui.comparison import ComparisonModel
from app.gui.dialogs import ConfirmDialog
from app.gui.exchange_rates import load_rates
from app.gui.i18n import said, ui_language
from app.gui.marks import FLAG_MARK, flag_colours, severity_label, worst_severity
from app.gui.step import StepPage
from app.gui.text_size import scale_max_width
from db.errors import StorageError, UserError
from db.records import Clinic, ClinicId
from db.store import Store

_Index = QModelIndex | QPersistentModelIndex



class ClinicListModel(QAbstractListModel):
    """The profile's clinics: name, city, the consultation booked, and a badge for red flags raised."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clinics: list[Clinic] = []
        self._flags: dict[int, list[RaisedFlag]] = {}

    def set_clinics(self, clinics: list[Clinic], flags: dict[int, list[RaisedFlag]] | None = None) -> None:
        """Show these clinics; `flags` are the red flags each raised and the patient has not dismissed."""
        self.beginResetModel()
        self._clinics = list(clinics)
        self._flags = dict(flags or {})
        self.endResetModel()

    def replace_clinic(self, clinic: Clinic) -> None:
        for row, known in enumerate(self._clinics):
            if known.id == clinic.id:
                self._clinics[row] = clinic
                index = self.index(row)
                self.dataChanged.emit(index, index)
                return

    def clinic(self, row: int) -> Clinic:
        return self._clinics[row]

    def row_of(self, clinic_id: int) -> int | None:
        return next((row for row, c in enumerate(self._clinics) if c.id == clinic_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._clinics)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._clinics):
            return None
        clinic = self._clinics[index.row()]
        flags = self._flags.get(clinic.id, [])
        severity = worst_severity(flags)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            lines = [clinic.name]
            if clinic.city:
                lines.append(clinic.city)
            if clinic.appointment:
                lines.append(self.tr("Consultation: {when}").format(when=appointment_text(clinic.appointment)))
            if severity:
                count = self.tr("1 red flag") if len(flags) == 1 else self.tr("{count} red flags").format(count=len(flags))
                lines.append(f"{FLAG_MARK} {count}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([clinic.name, *(f"{severity_label(f.rule.severity)}: {f.rule.title.get(ui_language())}"
                                             for f in flags)])
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and severity:
            text, background = flag_colours(severity)
            return QBrush(text if role == Qt.ItemDataRole.ForegroundRole else background)
        return None


class ClinicsStep(StepPage):
    """Add, edit, delete and compare the clinics considered."""

    DETAILS_TAB, COMPARE_TAB = range(2)

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._bank = bank
        self._clinic: Clinic | None = None
        self._quiet = False
        self.autosave = self._autosave_with(self._save_field)

        # ---------------------------------------------------------- the list
        self.clinic_model = ClinicListModel(self)
        self.clinic_list = QListView()
        self.clinic_list.setModel(self.clinic_model)
        self.clinic_list.setAccessibleName(self.tr("Clinics considered"))
        self.clinic_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.clinic_list.setSpacing(2)
        # Long names wrap instead of hiding behind a sideways scroll bar (large text makes them long).
        self.clinic_list.setWordWrap(True)
        self.clinic_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.clinic_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clinic_list.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.add_button = QPushButton(self.tr("&Add a clinic"))
        self.add_button.setAccessibleName(self.tr("Add a clinic"))
        self.add_button.clicked.connect(self.add_clinic)
        self.delete_button = QPushButton(self.tr("D&elete…"))
        self.delete_button.setAccessibleName(self.tr("Delete the selected clinic"))
        self.delete_button.clicked.connect(self.delete_current)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.add_button)
        list_buttons.addWidget(self.delete_button)
        list_side = QWidget()
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_label = QLabel(self.tr("Clinics you are considering:"))
        list_label.setBuddy(self.clinic_list)
        list_layout.addWidget(list_label)
        list_layout.addWidget(self.clinic_list, 1)
        list_layout.addLayout(list_buttons)

        # ---------------------------------------------------------- the form
        self.name = self._line("name", self.tr("Clinic name"))
        self.city = self._line("city", self.tr("City"))
        self.city.setPlaceholderText(self.tr("e.g. Seoul, Busan"))
        self.contact = self._line("contact", self.tr("Clinic contact"))
        self.contact.setPlaceholderText(self.tr("Phone, e-mail or website"))
        self.facilitator = self._line("facilitator", self.tr("Facilitator or agency"))
        self.facilitator.setPlaceholderText(self.tr("Who introduced you to this clinic, if anyone"))
        self.treatment = self._text("treatment", self.tr("Treatment offered"))
        self.treatment.setPlaceholderText(self.tr("What the clinic says it will do"))
        self.cell_source = self._line("cell_source", self.tr("Cell source"))
        self.cell_source.setPlaceholderText(self.tr("e.g. your own fat tissue, donor umbilical cord"))
        self.price = self._line("price", self.tr("Quoted price"))
        self.price.setPlaceholderText(self.tr("e.g. 12,000,000"))
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.currency.setAccessibleName(self.tr("Currency of the quoted price"))
        self.currency.setMinimumContentsLength(5)
        self.autosave.watch_editable_combo(self.currency, lambda: self._key("currency"))
        self.appointment = AppointmentEdit()
        self.appointment.changed.connect(lambda value: self.autosave.change(self._key("appointment"), value))
        self.autosave.flush_on_focus_out(self.appointment.date)
        self.autosave.flush_on_focus_out(self.appointment.time)
        self.appointment_place = self._line("appointment_place", self.tr("Where the consultation is"))
        self.appointment_place.setPlaceholderText(self.tr("Building, floor, desk to ask for"))
        self.interpreter = self._line("interpreter", self.tr("Interpreter for the consultation"))
        self.interpreter.setPlaceholderText(self.tr("Who interprets: the clinic's, the agency's, a relative"))
        self.calendar_button = QPushButton(self.tr("Add to calendar…"))
        self.calendar_button.setAccessibleName(self.tr("Save the consultation as a calendar file"))
        self.calendar_button.setToolTip(self.tr(
            "A calendar file (.ics) with the day, time, place and interpreter, for your phone or computer"
        ))
        self.calendar_button.clicked.connect(self.add_to_calendar)
        self.appointment.changed.connect(lambda value: self.calendar_button.setEnabled(bool(value)))
        calendar_row = QHBoxLayout()
        calendar_row.addWidget(self.calendar_button)
        calendar_row.addStretch(1)
        self.claimed_credentials = self._text("claimed_credentials", self.tr("Credentials the clinic claims"))
        self.claimed_credentials.setPlaceholderText(self.tr(
            "e.g. \"designated regenerative medicine institution\", \"MFDS approved\" — write it as they said it"
        ))
        self.notes = self._text("notes", self.tr("Notes about the clinic"))

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # Each label is its field's buddy (QFormLayout sets it; the price row's is set here). Letters
        # taken wherever the window is: F, V, T, H, B, X, P and the patient list's D, L, G, O.
        form.addRow(self.tr("Na&me:"), self.name)
        form.addRow(self.tr("C&ity:"), self.city)
        form.addRow(self.tr("&Contact:"), self.contact)
        form.addRow(self.tr("Facilitato&r:"), self.facilitator)
        form.addRow(self.tr("Consultation:"), self.appointment)
        form.addRow(self.tr("Place:"), self.appointment_place)
        form.addRow(self.tr("Interpreter:"), self.interpreter)
        form.addRow("", calendar_row)
        form.addRow(self.tr("Treatme&nt offered:"), self.treatment)
        form.addRow(self.tr("Cell &source:"), self.cell_source)
        form.addRow(self.tr("&Quoted price:"), self.price)
        form.addRow(self.tr("Currency:"), self.currency)
        form.addRow(self.tr("Credentials claimed:"), self.claimed_credentials)
        form.addRow(self.tr("Notes:"), self.notes)
        form_widget = QWidget()
        form_widget.setLayout(form)
        scale_max_width(form_widget, 820)
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setWidget(form_widget)

        self.empty_label = QLabel(self.tr(
            "No clinics yet. Press “Add a clinic” for each clinic or hospital you are considering; "
            "you can then prepare questions for each of them."
        ))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form_stack = QStackedWidget()
        self.form_stack.addWidget(self.empty_label)
        self.form_stack.addWidget(form_scroll)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(list_side)
        splitter.addWidget(self.form_stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 700])

        # ---------------------------------------------------------- comparison
        self.comparison_model = ComparisonModel(self)
        self.comparison_view = QTableView()
        self.comparison_view.setModel(self.comparison_model)
        self.comparison_view.setAccessibleName(self.tr("Clinics compared side by side"))
        self.comparison_view.setWordWrap(True)
        self.comparison_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison_view.verticalHeader().hide()
        header = self.comparison_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # clinics share the width
        header.setMinimumSectionSize(180)
        header.sectionResized.connect(self._comparison_resized)
        self.comparison_view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.comparison_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.comparison_model.set_placeholder_brush(
            self.comparison_view.palette().brush(QPalette.ColorRole.PlaceholderText)
        )
        compare_note = QLabel(self.tr(
            "The essential questions, clinic by clinic. A red flag is marked “▲ Serious red flag” or "
            "“▲ Warning”; questions not yet put to a clinic say “not asked”."
        ))
        compare_note.setWordWrap(True)
        compare = QWidget()
        compare_layout = QVBoxLayout(compare)
        compare_layout.addWidget(compare_note)
        compare_layout.addWidget(self.comparison_view, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, self.tr("Clinic details"))
        self.tabs.addTab(compare, self.tr("Compare side b&y side"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._update_enabled()

    # ------------------------------------------------------------ building

    def _key(self, field: str) -> Hashable:
        return (self._clinic.id if self._clinic else None, field)

    def _line(self, field: str, accessible: str) -> QLineEdit:
        return self.autosave.line_edit(field, accessible, lambda: self._key(field))

    def _text(self, field: str, accessible: str) -> QPlainTextEdit:
        return self.autosave.text_edit(field, accessible, lambda: self._key(field))

    # ------------------------------------------------------------ step API

    def enter(self) -> None:
        keep = self._clinic.id if self._clinic else None
        self._load_clinics(keep)
        if self.tabs.currentIndex() == self.COMPARE_TAB:
            self.refresh_comparison()

    def focus_start(self) -> None:
        (self.clinic_list if self.clinic_model.rowCount() else self.add_button).setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def current_clinic(self) -> Clinic | None:
        return self._clinic

    # ------------------------------------------------------------ actions

    @Slot()
    def add_clinic(self) -> None:
        if self.profile_id is None or not self.flush():
            return
        number = self.clinic_model.rowCount() + 1
        try:
            clinic = self._store.add_clinic(self.profile_id, self.tr("Clinic {number}").format(number=number))
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self.tabs.setCurrentIndex(self.DETAILS_TAB)
        self._load_clinics(clinic.id)
        self.profile_touched.emit()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()

    @Slot()
    def delete_current(self) -> None:
        clinic = self._clinic
        if clinic is None:
            return
        question = self.tr(
            "Delete the clinic “{name}” and every answer recorded for it from this computer?\n\n"
            "This cannot be undone."
        ).format(name=shortened(clinic.name, 80))
        if not ConfirmDialog.ask(self, question, action=self.tr("Delete")):
            return
        self.autosave.discard()  # edits to a clinic that is going
        try:
            self._store.delete_clinic(clinic.id)
        except StorageError as error:
            self.problem.emit(said(error))
            return
        row = self.clinic_model.row_of(clinic.id) or 0
        self._clinic = None
        self._load_clinics(None, fallback_row=max(row - 1, 0))
        self.profile_touched.emit()

    @Slot()
    def refresh_comparison(self) -> None:
        if self.profile_id is None:
            self.comparison_model.set_sheet(None)
            return
        try:
            sheet = gather_checklist(self._store, self._bank, self.profile_id)
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self.comparison_model.set_rates(load_rates(self._store))
        self.comparison_model.set_sheet(sheet)
        header = self.comparison_view.horizontalHeader()
        if header.count():
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(0, 340)
        self._comparison_resized()

    def _comparison_resized(self, *_: object) -> None:
        """A column changed width: its cells wrap again, and the clinics' titles are shortened to fit."""
        self.comparison_view.resizeRowsToContents()
        header = self.comparison_view.horizontalHeader()
        margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 2
        widths = tuple(header.sectionSize(section) - margin for section in range(header.count()))
        self.comparison_model.fit_headers(header.fontMetrics(), widths)

    # ------------------------------------------------------------ data

    def _load_clinics(self, select: ClinicId | None, *, fallback_row: int = 0) -> None:
        clinics: list[Clinic] = []
        flags: dict[int, list[RaisedFlag]] = {}
        if self.profile_id is not None:
            try:
                clinics = self._store.clinics_for(self.profile_id)
                answers = self._store.answers_for_profile(self.profile_id)
                for clinic in clinics:
                    dismissed = self._store.flag_dismissals(clinic.id)
                    flags[clinic.id] = [
                        f for f in evaluate_red_flags(self._bank, clinic, answers) if f.rule.id not in dismissed
                    ]
            except StorageError as error:
                self.problem.emit(said(error))
        self.clinic_model.set_clinics(clinics, flags)
        row = self.clinic_model.row_of(select) if select is not None else None
        if row is None and clinics:
            row = min(fallback_row, len(clinics) - 1)
        if row is None:
            self._show_clinic(None)
        else:
            self.clinic_list.setCurrentIndex(self.clinic_model.index(row))
            self._show_clinic(self.clinic_model.clinic(row))

    def _show_clinic(self, clinic: Clinic | None) -> None:
        self._clinic = clinic
        self.form_stack.setCurrentIndex(0 if clinic is None else 1)
        self._update_enabled()
        if clinic is None:
            return
        with self.autosave.loading():
            for field in ("name", "city", "contact", "facilitator", "cell_source", "appointment_place", "interpreter"):
                edit: QLineEdit = getattr(self, field)
                if edit.text() != getattr(clinic, field):
                    edit.setText(getattr(clinic, field))
                    edit.setCursorPosition(0)  # a long answer shows its beginning, not its end
            self.price.setText("" if clinic.price is None else format_price(clinic.price))
            self.currency.setCurrentText(clinic.currency)
            self.appointment.set_value(clinic.appointment)
            self.calendar_button.setEnabled(bool(clinic.appointment))
            for field in ("treatment", "claimed_credentials", "notes"):
                text_edit: QPlainTextEdit = getattr(self, field)
                if text_edit.toPlainText() != getattr(clinic, field):
                    text_edit.setPlainText(getattr(clinic, field))

    def _update_enabled(self) -> None:
        has_profile = self.profile_id is not None
        self.add_button.setEnabled(has_profile)
        self.delete_button.setEnabled(self._clinic is not None)

    def _save_field(self, key: Hashable, value: object) -> None:
        clinic_id, field = key  # type: ignore[misc]
        if clinic_id is None:
            return
        clinic = self._store.update_clinic(clinic_id, **{field: value})
        self.clinic_model.replace_clinic(clinic)
        if self._clinic is not None and self._clinic.id == clinic.id:
            self._clinic = clinic
        if field == "name":
            self.profile_touched.emit()

    @Slot()
    def add_to_calendar(self) -> None:
        """Save the current clinic's consultation as a calendar file (.ics), where the user chooses."""
        if self._clinic is None or not self.flush():
            return
        from app.gui.calendar_export import save_consultation_calendar  # built on first use

        try:
            written = save_consultation_calendar(self, self._store, self._store.clinic(self._clinic.id))
        except UserError as error:
            self.problem.emit(said(error))
            return
        if written is not None:
            self.notice.emit(self.tr("Saved the consultation as a calendar file: {path}").format(path=str(written)))

    @Slot(QModelIndex, QModelIndex)
    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        clinic = self.clinic_model.clinic(current.row())
        if self._clinic is not None and clinic.id == self._clinic.id:
            return
        if not self.flush():
            # Keep the clinic whose edit could not be saved on screen, text and all.
            row = self.clinic_model.row_of(self._clinic.id) if self._clinic else None
            if row is not None:
                self._quiet = True
                self.clinic_list.setCurrentIndex(self.clinic_model.index(row))
                self._quiet = False
            return
        self._show_clinic(clinic)

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        if index == self.COMPARE_TAB:
            self.flush()
            self.refresh_comparison()
