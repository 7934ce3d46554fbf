"""Step 3, Questions: going through the checklist with one clinic, one question at a time.

This is the screen used in the consultation room (or on the phone with the clinic),
so it is built for reading and for the keyboard: the question large in English with
the Korean under it for the clinician, why it matters, an answer box that fits the
question, and shortcuts that never clash with typing the clinic's words. The red
flags the answers raise are shown beside the question, and per clinic.
Every answer saves itself (see `app.gui.autosave`).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QEvent,
    QRegularExpression,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QBrush, QFont, QKeySequence, QMouseEvent, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.question_bank import QuestionBank, YES_NO_VALUES
from app.domain.red_flags import RaisedFlag, evaluate_red_flags, flags_by_question
from app.domain.sheet_content import QuestionSheet, SheetQuestion
from app.export.sheet_text import shortened
from app.gui.checklist import custom_id, gather_checklist, is_asked, status_label
from app.gui.dialogs import ConfirmDialog, CustomQuestionDialog
from app.gui.doctor_view import SHOW_DOCTOR_KEY, DoctorView
from app.gui.i18n import other_language, ui_language
from app.gui.marks import (
    CHECKED_BUTTON_STYLE,
    FLAG_MARK,
    STATUS_MARKS,
    flag_colours,
    flag_style,
    severity_label,
    worst_severity,
)
from app.gui.step import StepPage
from app.gui.text_size import DEFAULT_TEXT_SIZE, current_text_size, scale_font
from db.errors import StorageError
from db.records import ANSWER_STATUSES, Answer, Clinic, ProfileId
from db.store import Store

_Index = QModelIndex | QPersistentModelIndex

QuestionIndexRole = Qt.ItemDataRole.UserRole + 1

#: Next / previous question. Alt+arrows and Ctrl+Page Down/Up move no cursor in a text box.
NEXT_KEYS = ("Alt+Right", "Ctrl+PgDown")
PREVIOUS_KEYS = ("Alt+Left", "Ctrl+PgUp")
#: Status buttons, in the order of ANSWER_STATUSES (to ask, asked, answered, skipped).
STATUS_KEYS = ("Alt+1", "Alt+2", "Alt+3", "Alt+4")
#: Yes / no / not sure / refused, in the order of YES_NO_VALUES.
YES_NO_KEYS = ("Alt+Y", "Alt+N", "Alt+S", "Alt+R")
WORRY_KEY = "Alt+W"
ANSWER_KEY = "Alt+A"
#: Longest clinic name in the red-flag heading beside the list (the clinic box shows it all).
CLINIC_NAME_LIMIT = 60


@dataclass(frozen=True, slots=True)
class _ListRow:
    heading: str | None  # a category heading, or None for a question
    question_index: int = -1


class QuestionListModel(QAbstractListModel):
    """The checklist down the side: category headings, and each question with its status mark."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_ListRow] = []
        self._questions: list[SheetQuestion] = []
        self._category_titles: dict[str, str] = {}
        self._answers: dict[str, Answer] = {}
        self._flags: dict[str, list[RaisedFlag]] = {}

    def set_sheet(self, sheet: QuestionSheet | None) -> None:
        self.beginResetModel()
        self._rows = []
        self._questions = []
        lang = ui_language()
        for group in sheet.groups if sheet else ():
            title = group.category.title
            self._rows.append(_ListRow(heading=f"{title.get(lang)}  ·  {title.get(other_language(lang))}"))
            for question in group.questions:
                self._rows.append(_ListRow(heading=None, question_index=len(self._questions)))
                self._questions.append(question)
        self.endResetModel()

    def set_state(self, answers: dict[str, Answer], flags: dict[str, list[RaisedFlag]]) -> None:
        self._answers = answers
        self._flags = flags
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def row_of_question(self, question_index: int) -> int:
        for row, entry in enumerate(self._rows):
            if entry.question_index == question_index and entry.heading is None:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].heading is not None:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren  # not selectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if entry.heading is not None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return entry.heading
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        question = self._questions[entry.question_index]
        answer = self._answers.get(question.id)
        status = answer.status if answer else "to-ask"
        severity = worst_severity(self._flags.get(question.id, ()))
        if role == Qt.ItemDataRole.DisplayRole:
            mark = STATUS_MARKS.get(status, "○")
            flag = f"{FLAG_MARK} " if severity else ""
            return f"{mark} {flag}{question.number}. {question.text.get(ui_language())}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [f"{question.number}. {question.text.get(ui_language())}", status_label(status)]
            if severity:
                parts.append(severity_label(severity))
            if answer and answer.flagged:
                parts.append(self.tr("worries me"))
            return " — ".join(parts)
        if role == Qt.ItemDataRole.ForegroundRole and severity:
            return QBrush(flag_colours(severity)[0])
        if role == Qt.ItemDataRole.BackgroundRole and severity:
            return QBrush(flag_colours(severity)[1])
        if role == QuestionIndexRole:
            return entry.question_index
        return None


class _ChoiceRow(QWidget):
    """A choice whose words wrap, in the interface language over the other (a QRadioButton's own text never wraps)."""

    def __init__(self, first: str, second: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.radio = QRadioButton()
        self.radio.setAccessibleName(first)
        self.label = QLabel(first + (f"\n{second}" if second else ""))
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setBuddy(self.radio)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.radio, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self.radio.click()  # clicking the words picks the choice, as with a radio button's own text


class QuestionsStep(StepPage):
    """One clinic's checklist, one question at a time."""

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._bank = bank
        self._clinics: list[Clinic] = []
        self._clinic: Clinic | None = None
        self._sheet: QuestionSheet | None = None
        self._questions: list[SheetQuestion] = []
        self._answers: dict[str, Answer] = {}
        self._flags: list[RaisedFlag] = []
        self._flags_by_question: dict[str, list[RaisedFlag]] = {}
        self._index = 0
        self._quiet = False
        self.autosave = self._autosave_with(self._save_answer_field)

        self._build()
        self._build_shortcuts()
        self._show_empty()

    # ================================================================ building

    def _build(self) -> None:
        self.clinic_box = QComboBox()
        self.clinic_box.setAccessibleName(self.tr("Clinic you are asking"))
        self.clinic_box.setMinimumContentsLength(24)
        # A very long clinic name must not widen the window; the list shows it in full.
        self.clinic_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.clinic_box.currentIndexChanged.connect(self._clinic_chosen)
        self.progress = QLabel()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.add_question_button = QPushButton(self.tr("Add your own q&uestion…"))
        self.add_question_button.setAccessibleName(self.tr("Add your own question"))
        self.add_question_button.clicked.connect(self.add_custom_question)
        top = QHBoxLayout()
        clinic_label = QLabel(self.tr("&Clinic:"))
        clinic_label.setBuddy(self.clinic_box)
        top.addWidget(clinic_label)
        top.addWidget(self.clinic_box)
        top.addSpacing(16)
        top.addWidget(self.progress, 1)
        top.addWidget(self.add_question_button)

        # ---------------------------------------------------------- side list
        self.list_model = QuestionListModel(self)
        self.question_list = QListView()
        self.question_list.setModel(self.list_model)
        self.question_list.setAccessibleName(self.tr("All questions"))
        self.question_list.setWordWrap(True)
        self.question_list.setUniformItemSizes(False)
        self.question_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.question_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.question_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.question_list.setMinimumWidth(200)
        self.question_list.selectionModel().currentRowChanged.connect(self._list_row_changed)
        legend = QLabel(self.tr("○ to ask   ◎ asked   ● answered\n× skipped   ▲ red flag"))
        legend.setWordWrap(True)
        self.clinic_flags = QListWidget()
        self.clinic_flags.setAccessibleName(self.tr("Red flags for this clinic"))
        self.clinic_flags.setWordWrap(True)
        self.clinic_flags.itemActivated.connect(self._flag_item_activated)
        self.clinic_flags.itemClicked.connect(self._flag_item_activated)
        self.clinic_flags_title = QLabel()
        self.clinic_flags_title.setWordWrap(True)
        flags_font = QFont(self.clinic_flags_title.font())
        flags_font.setBold(True)
        self.clinic_flags_title.setFont(flags_font)
        self.clinic_flags_title.setBuddy(self.clinic_flags)

        side_top = QWidget()
        side_top_layout = QVBoxLayout(side_top)
        side_top_layout.setContentsMargins(0, 0, 0, 0)
        side_top_layout.addWidget(self.question_list, 1)
        side_top_layout.addWidget(legend)
        side_bottom = QWidget()
        side_bottom_layout = QVBoxLayout(side_bottom)
        side_bottom_layout.setContentsMargins(0, 0, 0, 0)
        side_bottom_layout.addWidget(self.clinic_flags_title)
        side_bottom_layout.addWidget(self.clinic_flags, 1)
        side = QSplitter(Qt.Orientation.Vertical)
        side.setChildrenCollapsible(False)
        side.addWidget(side_top)
        side.addWidget(side_bottom)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)

        # ---------------------------------------------------------- the question
        self.meta = QLabel()
        self.meta.setAccessibleName(self.tr("Question number, category and priority"))
        # The question in the interface language first and bold, the other language under it.
        korean_first = ui_language() == "ko"
        self.question_en = self._reading_label(1.35 if korean_first else 1.45, bold=not korean_first)
        self.question_en.setAccessibleName(self.tr("Question in English"))
        self.question_ko = self._reading_label(1.45 if korean_first else 1.35, bold=korean_first)
        self.question_ko.setAccessibleName(self.tr("Question in Korean"))
        self.why = self._reading_label(1.0)
        self.why.setAccessibleName(self.tr("Why ask this question"))
        self.sources = self._reading_label(0.92)
        self.sources.setAccessibleName(self.tr("Sources"))
        self.sources.setTextFormat(Qt.TextFormat.PlainText)

        # ---------------------------------------------------------- the answer
        self.yes_no_group = QButtonGroup(self)
        self.yes_no_group.setExclusive(True)
        yes_no_row = QHBoxLayout()
        yes_no_labels = {
            "yes": self.tr("Yes"),
            "no": self.tr("No"),
            "not-sure": self.tr("Not sure"),
            "refused": self.tr("Refused to answer"),
        }
        self.yes_no_buttons: dict[str, QPushButton] = {}
        for number, (value, key) in enumerate(zip(YES_NO_VALUES, YES_NO_KEYS, strict=False)):
            button = QPushButton(yes_no_labels.get(value, value))
            button.setCheckable(True)
            button.setAccessibleName(yes_no_labels.get(value, value))
            button.setToolTip(self.tr("Shortcut: {key}").format(key=_native(key)))
            self.yes_no_group.addButton(button, number)
            self.yes_no_buttons[value] = button
            yes_no_row.addWidget(button)
        yes_no_row.addStretch(1)
        self.yes_no_group.idClicked.connect(self._yes_no_clicked)
        self.yes_no_widget = QWidget()
        self.yes_no_widget.setLayout(yes_no_row)

        self.number_edit = QLineEdit()
        self.number_edit.setAccessibleName(self.tr("Number they gave"))
        self.number_edit.setPlaceholderText(self.tr("The number they gave"))
        self.number_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"-?[0-9]*([.,][0-9]*)?"), self))
        self.number_edit.setMaximumWidth(240)
        self.autosave.watch_line(self.number_edit, lambda: self._answer_key("value"))

        self.choice_group = QButtonGroup(self)
        self.choice_group.setExclusive(True)
        self.choice_group.buttonClicked.connect(self._choice_clicked)
        self.choice_widget = QWidget()
        self.choice_layout = QVBoxLayout(self.choice_widget)
        self.choice_layout.setContentsMargins(0, 0, 0, 0)
        self._choice_rows: list[_ChoiceRow] = []

        self.answer_text = QPlainTextEdit()
        self.answer_text.setAccessibleName(self.tr("The clinic's answer in their own words"))
        self.answer_text.setPlaceholderText(self.tr("What they said, in their own words"))
        self.answer_text.setTabChangesFocus(True)
        self.answer_text.setMinimumHeight(self.answer_text.fontMetrics().lineSpacing() * 4 + 16)
        self.autosave.watch_text(self.answer_text, lambda: self._answer_key("text"))

        # ---------------------------------------------------------- status
        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(True)
        self.status_buttons: dict[str, QPushButton] = {}
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel(self.tr("Status:")))
        for number, (status, key) in enumerate(zip(ANSWER_STATUSES, STATUS_KEYS, strict=True)):
            button = QPushButton(status_label(status))
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Status: {status}").format(status=status_label(status)))
            button.setToolTip(self.tr("Shortcut: {key}").format(key=_native(key)))
            self.status_group.addButton(button, number)
            self.status_buttons[status] = button
            status_row.addWidget(button)
        status_row.addStretch(1)
        self.worry_button = QPushButton(self.tr("This worries me"))
        self.worry_button.setCheckable(True)
        self.worry_button.setAccessibleName(self.tr("Mark this answer as worrying"))
        self.worry_button.setToolTip(self.tr(
            "Mark an answer that worried you, whatever the rules say. Shortcut: {key}"
        ).format(key=_native(WORRY_KEY)))
        self.worry_button.toggled.connect(self._worry_toggled)
        status_row.addWidget(self.worry_button)
        self.status_group.idClicked.connect(self._status_clicked)

        self.previous_button = QPushButton(self.tr("‹ Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous question"))
        self.previous_button.setToolTip(_native(PREVIOUS_KEYS[0]))
        self.previous_button.clicked.connect(self.previous_question)
        self.next_button = QPushButton(self.tr("Next ›"))
        self.next_button.setAccessibleName(self.tr("Next question"))
        self.next_button.setToolTip(_native(NEXT_KEYS[0]))
        self.next_button.clicked.connect(self.next_question)
        self.delete_question_button = QPushButton(self.tr("Delete this &question…"))
        self.delete_question_button.setAccessibleName(self.tr("Delete your own question"))
        self.delete_question_button.clicked.connect(self.delete_custom_question)
        self.doctor_button = QPushButton(self.tr("Show the doctor ({key})").format(key=_native(SHOW_DOCTOR_KEY)))
        self.doctor_button.setAccessibleDescription(self.tr(
            "Shows this question full screen in large Korean, with a box for the doctor's answer"
        ))
        self.doctor_button.clicked.connect(self.show_doctor)
        self.doctor_view: DoctorView | None = None
        nav_row = QHBoxLayout()
        nav_row.addWidget(self.previous_button)
        nav_row.addWidget(self.next_button)
        nav_row.addStretch(1)
        nav_row.addWidget(self.delete_question_button)
        nav_row.addWidget(self.doctor_button)

        self.keys_help = QLabel(self.tr(
            "Keys: next {next} · previous {previous} · status {s1} to {s4} · "
            "yes {yes} · no {no} · not sure {unsure} · refused {refused} · "
            "worries me {worry} · type the answer {answer}"
        ).format(
            next=_native(NEXT_KEYS[0]), previous=_native(PREVIOUS_KEYS[0]),
            s1=_native(STATUS_KEYS[0]), s4=_native(STATUS_KEYS[-1]),
            yes=_native(YES_NO_KEYS[0]), no=_native(YES_NO_KEYS[1]),
            unsure=_native(YES_NO_KEYS[2]), refused=_native(YES_NO_KEYS[3]),
            worry=_native(WORRY_KEY), answer=_native(ANSWER_KEY),
        ))
        self.keys_help.setWordWrap(True)
        self.keys_help.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.keys_help.setToolTip(self.tr(
            "Also Ctrl+Page Down / Ctrl+Page Up for the next and previous question."
        ))
        scale_font(self.keys_help, 0.92)

        answer_title = QLabel(self.tr("Their answer:"))  # no mnemonic: Alt+A is the shortcut to the box
        answer_title.setBuddy(self.answer_text)
        bold = QFont(answer_title.font())
        bold.setBold(True)
        answer_title.setFont(bold)

        card = QWidget()
        card_layout = QVBoxLayout(card)
        card_layout.setSpacing(10)
        card_layout.addWidget(self.meta)
        for label in (self.question_ko, self.question_en) if korean_first else (self.question_en, self.question_ko):
            card_layout.addWidget(label)
        card_layout.addWidget(self.why)
        card_layout.addWidget(self.sources)
        card_layout.addSpacing(6)
        card_layout.addWidget(answer_title)
        card_layout.addWidget(self.yes_no_widget)
        card_layout.addWidget(self.number_edit)
        card_layout.addWidget(self.choice_widget)
        card_layout.addWidget(self.answer_text)
        card_layout.addStretch(1)
        card_scroll = QScrollArea()
        self.card_scroll = card_scroll
        card_scroll.setWidgetResizable(True)
        card_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        card_scroll.setWidget(card)
        # Text wraps to the width; only the answer buttons can need more, then it scrolls sideways.
        card_scroll.setMinimumWidth(min(card.minimumSizeHint().width(), 460))

        # ---------------------------------------------------------- flags beside
        self.flags_title = QLabel(self.tr("Red flags in this answer"))
        self.flags_title.setFont(bold)
        self.flags_title.setWordWrap(True)  # the pane is narrow; a wide title would cut the flags off
        self.flags_box = QWidget()
        self.flags_layout = QVBoxLayout(self.flags_box)
        self.flags_layout.setContentsMargins(0, 0, 0, 0)
        self.no_flags = QLabel(self.tr("None from this answer so far."))
        self.no_flags.setWordWrap(True)
        flags_side = QWidget()
        flags_side_layout = QVBoxLayout(flags_side)
        flags_side_layout.setContentsMargins(0, 0, 0, 0)
        flags_side_layout.addWidget(self.flags_title)
        flags_side_layout.addWidget(self.no_flags)
        flags_side_layout.addWidget(self.flags_box)
        flags_side_layout.addStretch(1)
        flags_scroll = QScrollArea()
        flags_scroll.setWidgetResizable(True)
        flags_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        flags_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        flags_scroll.setWidget(flags_side)
        flags_scroll.setMinimumWidth(200)

        middle = QSplitter()
        middle.setChildrenCollapsible(False)
        middle.addWidget(card_scroll)
        middle.addWidget(flags_scroll)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 1)
        middle.setSizes([620, 240])
        # Status and moving on stay in view however long the question is.
        centre = QWidget()
        centre.setStyleSheet(CHECKED_BUTTON_STYLE)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(middle, 1)
        centre_layout.addLayout(status_row)
        centre_layout.addLayout(nav_row)
        centre_layout.addWidget(self.keys_help)
        # Only once it has a parent: a parentless label shown would be a window of its own.
        self.keys_help.setVisible(current_text_size() == DEFAULT_TEXT_SIZE)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(side)
        splitter.addWidget(centre)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 900])

        working = QWidget()
        working_layout = QVBoxLayout(working)
        working_layout.setContentsMargins(0, 0, 0, 0)
        working_layout.addLayout(top)
        working_layout.addWidget(splitter, 1)

        # ---------------------------------------------------------- no clinic yet
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        self.empty_label = QLabel(self.tr(
            "Add the clinics you are considering first; then come back here to prepare and record "
            "the questions for each of them."
        ))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        to_clinics = QPushButton(self.tr("Go to &Clinics"))
        to_clinics.clicked.connect(lambda: self.step_requested.emit(1))
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(to_clinics, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        self.pages = QStackedWidget()
        self.pages.addWidget(empty)
        self.pages.addWidget(working)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _reading_label(self, scale: float, *, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        scale_font(label, scale, bold=bold)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _build_shortcuts(self) -> None:
        def add(key: str, slot: Any) -> None:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        for key in NEXT_KEYS:
            add(key, lambda: self.next_question(focus_answer=True))
        for key in PREVIOUS_KEYS:
            add(key, lambda: self.previous_question(focus_answer=True))
        for status, key in zip(ANSWER_STATUSES, STATUS_KEYS, strict=True):
            add(key, lambda s=status: self.set_status(s))
        for value, key in zip(YES_NO_VALUES, YES_NO_KEYS, strict=False):
            add(key, lambda v=value: self._yes_no_key(v))
        add(WORRY_KEY, self._worry_key)
        add(ANSWER_KEY, self._focus_answer_text)
        add(SHOW_DOCTOR_KEY, self.show_doctor)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            # In larger text the key list takes two lines the question needs; it stays in Help and tooltips.
            self.keys_help.setVisible(current_text_size() == DEFAULT_TEXT_SIZE)
        super().changeEvent(event)

    # ================================================================ step API

    def set_profile(self, profile_id: ProfileId | None) -> None:
        if profile_id != self.profile_id:
            self._clinic = None
            self._index = 0
        super().set_profile(profile_id)

    def enter(self) -> None:
        self._load_clinics()

    def focus_start(self) -> None:
        if self._questions:
            self._focus_answer()

    @property
    def current_question(self) -> SheetQuestion | None:
        return self._questions[self._index] if self._questions else None

    @property
    def current_clinic(self) -> Clinic | None:
        return self._clinic

    @property
    def current_index(self) -> int:
        return self._index

    @property
    def question_count(self) -> int:
        return len(self._questions)

    @property
    def current_answer(self) -> Answer | None:
        question = self.current_question
        return self._answers.get(question.id) if question else None

    def answer_key(self, field: str) -> Hashable:
        """The autosave key of a field of the current answer (for the doctor's view, which saves the same way)."""
        return self._answer_key(field)

    def flags_for_current(self) -> list[RaisedFlag]:
        question = self.current_question
        return list(self._flags_by_question.get(question.id, ())) if question else []

    # ================================================================ actions

    @Slot()
    def next_question(self, *, focus_answer: bool = False) -> None:
        if self._index + 1 < len(self._questions):
            self.show_question(self._index + 1, focus_answer=focus_answer)

    @Slot()
    def previous_question(self, *, focus_answer: bool = False) -> None:
        if self._index > 0:
            self.show_question(self._index - 1, focus_answer=focus_answer)

    def show_question(self, index: int, *, focus_answer: bool = False) -> None:
        if not self._questions:
            return
        self.autosave.flush()
        self._index = max(0, min(index, len(self._questions) - 1))
        self._show_current()
        self._select_in_list()
        if focus_answer:
            self._focus_answer()

    def set_status(self, status: str) -> None:
        if self.current_question is None or self._clinic is None:
            return
        self.autosave.change(self._answer_key("status"), status, immediate=True)

    @Slot()
    def show_doctor(self) -> None:
        """Show the current question full screen for the clinician (Esc comes back here)."""
        if self.current_question is None or self._clinic is None or not self.autosave.flush():
            return
        view = DoctorView(self, self.window())
        view.closed.connect(self._doctor_view_closed)
        self.doctor_view = view
        view.showFullScreen()
        view.activateWindow()
        view.answer.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _doctor_view_closed(self) -> None:
        self.doctor_view = None
        self.show_question(self._index, focus_answer=True)  # the doctor's words in this step's box too
        self.window().activateWindow()

    @Slot()
    def add_custom_question(self) -> None:
        if self.profile_id is None:
            return
        asked = CustomQuestionDialog.ask(self)
        if asked is None:
            return
        english, korean = asked
        try:
            custom = self._store.add_custom_question(self.profile_id, english, text_ko=korean)
        except StorageError as error:
            self.problem.emit(str(error))
            return
        self._reload(select=custom.question_id)

    @Slot()
    def delete_custom_question(self) -> None:
        question = self.current_question
        question_id = custom_id(question) if question else None
        if question is None or question_id is None:
            return
        text = self.tr(
            "Delete your question “{question}” and the answers recorded for it at every clinic?"
        ).format(question=shortened(question.text.get("en"), 120))
        if not ConfirmDialog.ask(self, text, action=self.tr("Delete")):
            return
        self.autosave.discard()
        try:
            self._store.delete_custom_question(question_id)
        except StorageError as error:
            self.problem.emit(str(error))
            return
        self._index = max(self._index - 1, 0)
        self._reload()

    # ================================================================ loading

    def _load_clinics(self) -> None:
        clinics: list[Clinic] = []
        if self.profile_id is not None:
            try:
                clinics = self._store.clinics_for(self.profile_id)
            except StorageError as error:
                self.problem.emit(str(error))
        self._clinics = clinics
        keep = self._clinic.id if self._clinic else None
        self._quiet = True
        try:
            self.clinic_box.clear()
            for clinic in clinics:
                self.clinic_box.addItem(clinic.name + (f" — {clinic.city}" if clinic.city else ""), clinic.id)
            row = self.clinic_box.findData(keep) if keep is not None else 0
            self.clinic_box.setCurrentIndex(max(row, 0))
        finally:
            self._quiet = False
        if not clinics:
            self._clinic = None
            self._show_empty()
            return
        self._clinic = clinics[max(self.clinic_box.currentIndex(), 0)]
        self._reload()

    def _reload(self, *, select: str | None = None) -> None:
        """Read the checklist, answers and red flags of the current clinic again."""
        if self.profile_id is None or self._clinic is None:
            self._show_empty()
            return
        current = select or (self.current_question.id if self.current_question else None)
        try:
            self._sheet = gather_checklist(self._store, self._bank, self.profile_id, self._clinic.id)
        except StorageError as error:
            self.problem.emit(str(error))
            return
        self._questions = list(self._sheet.questions)
        self._category_titles = {
            q.id: group.category.title.get(ui_language()) for group in self._sheet.groups for q in group.questions
        }
        clinic_answers = self._sheet.clinics[0] if self._sheet.clinics else None
        self._answers = dict(clinic_answers.answers) if clinic_answers else {}
        self._set_flags(list(clinic_answers.flags) if clinic_answers else [])
        self.list_model.set_sheet(self._sheet)
        self.list_model.set_state(self._answers, self._flags_by_question)
        ids = [q.id for q in self._questions]
        if current in ids:
            self._index = ids.index(current)
        self._index = max(0, min(self._index, len(self._questions) - 1))
        self.pages.setCurrentIndex(1)
        self._show_current()
        self._select_in_list()
        self._update_progress()

    def _show_empty(self) -> None:
        self._questions = []
        self._answers = {}
        self._set_flags([])
        self.list_model.set_sheet(None)
        self.pages.setCurrentIndex(0)

    def _set_flags(self, flags: list[RaisedFlag]) -> None:
        self._flags = flags
        self._flags_by_question = flags_by_question(flags)
        self._show_clinic_flags()

    # ================================================================ showing

    def _show_current(self) -> None:
        question = self.current_question
        if question is None:
            return
        answer = self._answers.get(question.id)
        category = self._category_titles.get(question.id)
        priority = {
            "essential": self.tr("Essential"),
            "recommended": self.tr("Recommended"),
            "optional": self.tr("Optional"),
        }.get(question.priority, question.priority)
        meta = self.tr("Question {number} of {total}").format(number=self._index + 1, total=len(self._questions))
        parts = [meta]
        if category:
            parts.append(category)
        parts.append(priority if not question.is_custom else self.tr("Your own question"))
        self.meta.setText("  ·  ".join(parts))
        self.question_en.setText(question.text.get("en"))
        self.question_ko.setText(question.text.get("ko"))
        self.question_ko.setVisible(bool(question.text.get("ko")))
        why = question.why
        if why is not None and why.get(ui_language()):
            self.why.setText(self.tr("Why ask: {why}").format(why=why.get(ui_language())))
            self.why.setVisible(True)
        else:
            self.why.setVisible(False)
        self.sources.setText(self._sources_text(question))
        self.sources.setVisible(bool(self.sources.text()))
        self.delete_question_button.setVisible(question.is_custom)
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index + 1 < len(self._questions))

        kind = question.answer_kind
        self.yes_no_widget.setVisible(kind == "yes-no")
        self.number_edit.setVisible(kind == "number")
        self.choice_widget.setVisible(kind == "choice")
        if kind == "choice":
            self._build_choices(question)
        self._fill_answer(question, answer)
        self._show_question_flags()

    def _fill_answer(self, question: SheetQuestion, answer: Answer | None) -> None:
        value = answer.value if answer else ""
        with self.autosave.loading():
            _check_only(self.yes_no_group, self.yes_no_buttons.get(value) if question.answer_kind == "yes-no" else None)
            if self.number_edit.text() != (value if question.answer_kind == "number" else ""):
                self.number_edit.setText(value if question.answer_kind == "number" else "")
            if question.answer_kind == "choice":
                chosen = next((b for b in self.choice_group.buttons() if b.property("choice_id") == value), None)
                _check_only(self.choice_group, chosen)
            text = answer.text if answer else ""
            if self.answer_text.toPlainText() != text:
                self.answer_text.setPlainText(text)
            self._show_status(answer)

    def _show_status(self, answer: Answer | None) -> None:
        status = answer.status if answer else "to-ask"
        _check_only(self.status_group, self.status_buttons.get(status))
        self.worry_button.blockSignals(True)
        self.worry_button.setChecked(bool(answer and answer.flagged))
        self.worry_button.blockSignals(False)

    def _build_choices(self, question: SheetQuestion) -> None:
        for row in self._choice_rows:
            self.choice_group.removeButton(row.radio)
            row.deleteLater()
        self._choice_rows = []
        for choice in question.choices:
            lang = ui_language()
            row = _ChoiceRow(choice.text.get(lang), choice.text.get(other_language(lang)))
            row.radio.setProperty("choice_id", choice.id)
            self.choice_group.addButton(row.radio)
            self.choice_layout.addWidget(row)
            self._choice_rows.append(row)

    def _sources_text(self, question: SheetQuestion) -> str:
        titles = []
        for source_id in question.sources:
            source = self._bank.sources.get(source_id)
            if source is None:
                continue
            titles.append(f"{source.title} ({source.checked})" if source.checked else source.title)
        if not titles:
            return ""
        return self.tr("Sources: {titles}").format(titles="; ".join(titles))

    def _show_question_flags(self) -> None:
        while self.flags_layout.count():
            item = self.flags_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        flags = self.flags_for_current()
        lang = ui_language()
        self.no_flags.setVisible(not flags)
        for flag in flags:
            frame = QFrame()
            frame.setObjectName("RedFlag")
            frame.setStyleSheet(flag_style(flag.rule.severity, "QFrame#RedFlag"))
            frame.setAccessibleName(f"{severity_label(flag.rule.severity)}: {flag.rule.title.get(lang)}")
            layout = QVBoxLayout(frame)
            heading = QLabel(f"{FLAG_MARK} {severity_label(flag.rule.severity)}")
            heading_font = QFont(heading.font())
            heading_font.setBold(True)
            heading.setFont(heading_font)
            title = QLabel(flag.rule.title.get(lang))
            title.setWordWrap(True)
            title.setFont(heading_font)
            title.setTextFormat(Qt.TextFormat.PlainText)
            explanation = QLabel(flag.rule.explanation.get(lang))
            explanation.setWordWrap(True)
            explanation.setTextFormat(Qt.TextFormat.PlainText)
            for label in (heading, title, explanation):
                layout.addWidget(label)
            self.flags_layout.addWidget(frame)

    def _show_clinic_flags(self) -> None:
        self.clinic_flags.clear()
        # The clinic's name is in the box above; here it would wrap and be cut off in large text.
        count = len(self._flags)
        self.clinic_flags_title.setText(
            self.tr("Red flags at this clinic: {count}").format(count=count)
            if count else self.tr("No red flags at this clinic so far.")
        )
        if self._clinic is not None:
            self.clinic_flags.setAccessibleDescription(shortened(self._clinic.name, CLINIC_NAME_LIMIT))
        numbers = {q.id: q.number for q in self._questions}
        for flag in sorted(self._flags, key=lambda f: f.rule.severity != "serious"):
            first = next((qid for qid in flag.question_ids if qid in numbers), None)
            if first:
                where = self.tr(" (question {number})").format(number=numbers[first])
            else:  # raised by what the clinic claims, recorded in the Clinics step
                where = self.tr(" (clinic details)")
            title = flag.rule.title.get(ui_language())
            item = QListWidgetItem(f"{FLAG_MARK} {severity_label(flag.rule.severity)}: {title}{where}")
            text, background = flag_colours(flag.rule.severity)
            item.setForeground(QBrush(text))
            item.setBackground(QBrush(background))
            item.setToolTip(flag.rule.explanation.get(ui_language()))
            item.setData(Qt.ItemDataRole.UserRole, first)
            self.clinic_flags.addItem(item)

    def _update_progress(self) -> None:
        total = len(self._questions)
        asked = sum(1 for q in self._questions if is_asked(self._answers.get(q.id)))
        skipped = sum(1 for q in self._questions if (a := self._answers.get(q.id)) and a.status == "skipped")
        text = self.tr("{asked} of {total} asked").format(asked=asked, total=total)
        if skipped:
            text += self.tr(" · {skipped} skipped").format(skipped=skipped)
        self.progress.setText(text)

    def _select_in_list(self) -> None:
        row = self.list_model.row_of_question(self._index)
        if row < 0:
            return
        self._quiet = True
        try:
            index = self.list_model.index(row)
            self.question_list.setCurrentIndex(index)
            self.question_list.scrollTo(index)
        finally:
            self._quiet = False

    def _focus_answer_text(self) -> None:
        self.answer_text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._scroll_to(self.answer_text)

    def _scroll_to(self, box: QWidget) -> None:
        """Bring an answer box into view once the new question's layout is done (large text scrolls)."""
        QTimer.singleShot(0, self, lambda: self.card_scroll.ensureWidgetVisible(box, 0, 0))

    def _focus_answer(self) -> None:
        question = self.current_question
        box: QWidget = self.answer_text
        if question is not None and question.answer_kind == "number":
            box = self.number_edit
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._scroll_to(box)  # with large text the box can be below the fold

    # ================================================================ saving

    def _answer_key(self, field: str) -> Hashable:
        question = self.current_question
        return (self._clinic.id if self._clinic else None, question.id if question else None, field)

    def _save_answer_field(self, key: Hashable, value: object) -> None:
        clinic_id, question_id, field = key  # type: ignore[misc]
        if clinic_id is None or question_id is None:
            return
        if field == "value" and isinstance(value, str):
            value = value.replace(",", ".").strip()
        answer = self._store.save_answer(clinic_id, question_id, **{field: value})
        if self._clinic is not None and clinic_id == self._clinic.id:
            self._answer_saved(answer)

    def _answer_saved(self, answer: Answer) -> None:
        self._answers[answer.question_id] = answer
        assert self._clinic is not None
        self._set_flags(list(evaluate_red_flags(self._bank, self._clinic, self._answers.values())))
        self.list_model.set_state(self._answers, self._flags_by_question)
        self._update_progress()
        question = self.current_question
        if question is not None and question.id == answer.question_id:
            with self.autosave.loading():
                self._show_status(answer)
            self._show_question_flags()

    # ================================================================ slots

    @Slot(int)
    def _clinic_chosen(self, row: int) -> None:
        if self._quiet or row < 0 or row >= len(self._clinics):
            return
        if not self.autosave.flush():
            self._quiet = True
            keep = self.clinic_box.findData(self._clinic.id) if self._clinic else 0
            self.clinic_box.setCurrentIndex(max(keep, 0))
            self._quiet = False
            return
        self._clinic = self._clinics[row]
        self._reload()

    @Slot(int)
    def _yes_no_clicked(self, number: int) -> None:
        value = YES_NO_VALUES[number]
        self.autosave.change(self._answer_key("value"), value, immediate=True)

    def _yes_no_key(self, value: str) -> None:
        question = self.current_question
        if question is None or question.answer_kind != "yes-no":
            return
        button = self.yes_no_buttons.get(value)
        if button is not None:
            button.click()

    def _worry_key(self) -> None:
        if self.current_question is not None and self._clinic is not None:
            self.worry_button.toggle()

    @Slot(QAbstractButton)
    def _choice_clicked(self, button: QAbstractButton) -> None:
        self.autosave.change(self._answer_key("value"), str(button.property("choice_id")), immediate=True)

    @Slot(int)
    def _status_clicked(self, number: int) -> None:
        self.set_status(ANSWER_STATUSES[number])

    @Slot(bool)
    def _worry_toggled(self, checked: bool) -> None:
        if self.current_question is None or self._clinic is None:
            return
        self.autosave.change(self._answer_key("flagged"), checked, immediate=True)

    @Slot(QModelIndex, QModelIndex)
    def _list_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        index = self.list_model.data(current, QuestionIndexRole)
        if isinstance(index, int) and index >= 0 and index != self._index:
            self.show_question(index)

    @Slot(QListWidgetItem)
    def _flag_item_activated(self, item: QListWidgetItem) -> None:
        question_id = item.data(Qt.ItemDataRole.UserRole)
        ids = [q.id for q in self._questions]
        if question_id in ids:
            self.show_question(ids.index(question_id))
        elif question_id is None:
            self.step_requested.emit(1)  # the clinic's details, where the claim was recorded


def _check_only(group: QButtonGroup, button: QAbstractButton | None) -> None:
    """Check `button` (or none) in an exclusive group without emitting clicks."""
    if button is None:
        group.setExclusive(False)
        for other in group.buttons():
            other.setChecked(False)
        group.setExclusive(True)
    else:
        button.setChecked(True)


def _native(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
