"""Step 3, Questions: going through my questions with one clinic, one question at a time.

This is the screen used in the consultation room (or on the phone with the clinic),
so it is built for reading and for the keyboard: the question large in both languages,
the interface language first, why it matters, an answer box that fits the question, and
shortcuts that never clash with typing the clinic's words. The patient picks which
questions to ask and in what order ("My questions"); "All questions" is the whole
checklist to pick from. The questions, their numbers and the answers come from
`app.gui.checklist.gather_checklist`, the same gathering the printed sheet uses.
Every answer saves itself (see `app.gui.autosave`); picks are saved at once.

The parts live beside this module: the list (`question_list`), the answer panels
(`answer_panels`), the red flags (`flags_panel`) and the keys (`question_keys`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.picks import load_my_questions
from app.domain.question_bank import QuestionBank
from app.domain.red_flags import RaisedFlag, evaluate_red_flags
from app.domain.sheet_content import QuestionSheet, SheetQuestion
from app.gui.answer_panels import QuestionControls
from app.gui.checklist import gather_checklist
from app.gui.choice_box import ChoiceBox
from app.gui.doctor_view import SHOW_DOCTOR_KEY, DoctorView
from app.gui.flags_panel import ClinicFlagsPanel
from app.gui.i18n import said, ui_language
from app.gui.marks import CHECKED_BUTTON_STYLE
from app.gui.my_questions import MyQuestionsMixin
from app.gui.question_card import QuestionCard
from app.gui.question_keys import (
    ANSWER_KEY,
    ASK_THIS_KEY,
    MOVE_DOWN_KEY,
    MOVE_UP_KEY,
    NEXT_KEYS,
    PREVIOUS_KEYS,
    STATUS_KEYS,
    WORRY_KEY,
    YES_NO_KEYS,
)
from app.gui.question_list import (
    ALL_QUESTIONS,
    MY_QUESTIONS,
    QuestionIndexRole,
    QuestionListPane,
    shown_questions,
)
from app.gui.step import StepPage
from db.errors import StorageError
from db.records import ANSWER_STATUSES, Answer, Clinic, FlagDismissal, ProfileId
from db.store import Store

__all__ = [  # the keys, for Help → Keyboard shortcuts and the tests
    "ANSWER_KEY", "ASK_THIS_KEY", "MOVE_DOWN_KEY", "MOVE_UP_KEY", "NEXT_KEYS", "PREVIOUS_KEYS",
    "STATUS_KEYS", "WORRY_KEY", "YES_NO_KEYS", "QuestionsStep",
]


class QuestionsStep(MyQuestionsMixin, StepPage):
    """One clinic, my questions (or all of them), one question at a time."""

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._bank = bank
        self._clinics: list[Clinic] = []
        self._clinic: Clinic | None = None
        self._sheet: QuestionSheet | None = None
        self._picks: list[str] = []
        self._view = MY_QUESTIONS
        self._questions: list[SheetQuestion] = []
        self._answers: dict[str, Answer] = {}
        self._flags: list[RaisedFlag] = []
        self._dismissals: dict[str, FlagDismissal] = {}
        self._flags_by_question: dict[str, list[RaisedFlag]] = {}
        self._category_titles: dict[str, str] = {}
        self._index = 0
        self._quiet = False
        self.doctor_view: DoctorView | None = None
        self.autosave = self._autosave_with(self._save_answer_field)

        working = QWidget()
        working_layout = QVBoxLayout(working)
        working_layout.setContentsMargins(0, 0, 0, 0)
        working_layout.addLayout(self._build_top())
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_side())
        splitter.addWidget(self._build_centre())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        working_layout.addWidget(splitter, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_empty())
        self.pages.addWidget(working)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._build_shortcuts()
        self._show_empty()

    # ================================================================ building

    def _build_top(self) -> QHBoxLayout:
        self.clinic_box = ChoiceBox()
        self.clinic_box.setAccessibleName(self.tr("Clinic you are asking"))
        self.clinic_box.setMinimumContentsLength(16)
        # A very long clinic name must not widen the window; the list shows it in full.
        self.clinic_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.clinic_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.clinic_box.currentIndexChanged.connect(self._clinic_chosen)
        self.progress = QLabel()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setWordWrap(True)
        self.add_question_button = QPushButton(self.tr("Add your own q&uestion…"))
        self.add_question_button.setAccessibleName(self.tr("Add your own question"))
        self.add_question_button.setToolTip(self.tr("It goes on your list after the question on screen"))
        self.add_question_button.clicked.connect(self.add_custom_question)
        top = QHBoxLayout()
        clinic_label = QLabel(self.tr("&Clinic:"))
        clinic_label.setBuddy(self.clinic_box)
        top.addWidget(clinic_label)
        top.addWidget(self.clinic_box, 2)
        top.addSpacing(12)
        top.addWidget(self.progress, 1)
        top.addWidget(self.add_question_button)
        return top

    def _build_side(self) -> QWidget:
        pane = QuestionListPane(self._bank)
        self.list_model, self.question_list = pane.model, pane.view
        self.list_pane = pane
        self.move_up_button, self.move_down_button = pane.move_up_button, pane.move_down_button
        pane.view_chosen.connect(self.set_view)
        self.move_up_button.clicked.connect(lambda: self.move_current(-1))
        self.move_down_button.clicked.connect(lambda: self.move_current(+1))
        self.question_list.selectionModel().currentRowChanged.connect(self._list_row_changed)
        self.clinic_flags_panel = ClinicFlagsPanel()
        self.clinic_flags_panel.question_requested.connect(self._flag_question_requested)
        self.clinic_flags_panel.dismiss_requested.connect(self.dismiss_flag)
        self.clinic_flags_panel.restore_requested.connect(self.restore_flag)
        self.clinic_flags = self.clinic_flags_panel.list
        self.clinic_flags_title = self.clinic_flags_panel.title
        side = QSplitter(Qt.Orientation.Vertical)
        side.setChildrenCollapsible(False)
        side.addWidget(pane)
        side.addWidget(self.clinic_flags_panel)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        return side

    def _build_centre(self) -> QWidget:
        self.card = QuestionCard(self._bank)
        card = self.card
        self.question_en, self.question_ko = card.question_en, card.question_ko
        self.yes_no_panel = card.yes_no_panel
        self.yes_no_panel.chosen.connect(self._value_chosen)
        self.yes_no_buttons = self.yes_no_panel.buttons
        self.number_edit = card.number_edit
        self.autosave.watch_line(self.number_edit, lambda: self._answer_key("value"))
        self.choice_panel = card.choice_panel
        self.choice_panel.chosen.connect(self._value_chosen)
        self.answer_text = card.answer_text
        self.autosave.watch_text(self.answer_text, lambda: self._answer_key("text"))
        self.flags_panel = card.flags_panel
        self.flags_panel.dismiss_requested.connect(self.dismiss_flag)
        self.flags_panel.restore_requested.connect(self.restore_flag)
        self.flags_box = self.flags_panel.box
        self.no_flags = self.flags_panel.no_flags
        self.card_scroll = QScrollArea()
        self.card_scroll.setWidgetResizable(True)
        self.card_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Everything in the card wraps to its width: it scrolls down, never sideways.
        self.card_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_scroll.setWidget(card)
        self.card_scroll.setMinimumWidth(card.minimumSizeHint().width())

        controls = QuestionControls()
        self.status_row = controls.status_row
        self.status_row.status_chosen.connect(self.set_status)
        self.status_row.worry_toggled.connect(self._worry_toggled)
        self.status_buttons, self.worry_button = self.status_row.buttons, self.status_row.worry_button
        self.ask_button = controls.ask_button
        self.ask_button.clicked.connect(lambda checked: self.set_picked(checked))
        self.previous_button, self.next_button = controls.previous_button, controls.next_button
        self.previous_button.clicked.connect(self.previous_question)
        self.next_button.clicked.connect(self.next_question)
        self.delete_question_button = card.delete_question_button
        self.delete_question_button.clicked.connect(self.delete_custom_question)
        self.doctor_button = controls.doctor_button
        self.doctor_button.clicked.connect(self.show_doctor)

        # Status, picking and moving on stay in view however long the question is.
        centre = QWidget()
        # Only the buttons that stay pressed carry the style: a style sheet on a pane would fix
        # the font of every label in it, and they must follow the text size.
        self._styled = [
            *self.yes_no_buttons.values(), *self.status_buttons.values(), self.worry_button, self.ask_button,
            self.list_pane.my_view_button, self.list_pane.all_view_button,
        ]
        for widget in self._styled:
            widget.setStyleSheet(CHECKED_BUTTON_STYLE)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.card_scroll, 1)
        centre_layout.addWidget(controls)
        return centre

    def _build_empty(self) -> QWidget:
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
        return empty

    def _build_shortcuts(self) -> None:
        def add(key: str, slot: Callable[[], object]) -> None:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        for key in NEXT_KEYS:
            add(key, lambda: self.next_question(focus_answer=True))
        for key in PREVIOUS_KEYS:
            add(key, lambda: self.previous_question(focus_answer=True))
        for status, key in zip(ANSWER_STATUSES, STATUS_KEYS, strict=True):
            add(key, lambda s=status: self.set_status(s))
        for value, key in zip(self.yes_no_buttons, YES_NO_KEYS, strict=False):
            add(key, lambda v=value: self._yes_no_key(v))
        add(WORRY_KEY, self._worry_key)
        add(ANSWER_KEY, self._focus_answer_text)
        add(SHOW_DOCTOR_KEY, self.show_doctor)
        add(ASK_THIS_KEY, lambda: self.set_picked(not self.current_is_picked))
        add(MOVE_UP_KEY, lambda: self.move_current(-1))
        add(MOVE_DOWN_KEY, lambda: self.move_current(+1))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            # A button with a style sheet keeps the font it was polished with; polish it again in the new size.
            for widget in self._styled:
                widget.setStyleSheet("")
                widget.setStyleSheet(CHECKED_BUTTON_STYLE)
        super().changeEvent(event)

    # ================================================================ step API

    def set_profile(self, profile_id: ProfileId | None) -> None:
        if profile_id != self.profile_id:
            self._clinic = None
            self._index = 0
            self._view = MY_QUESTIONS  # another patient: start from their own list
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
        """The red flags the current question's answer raises (dismissed ones too)."""
        question = self.current_question
        return [flag for flag in self._flags if question and question.id in flag.question_ids]

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

    # ================================================================ loading

    def _load_clinics(self) -> None:
        clinics = self._patient_clinics(self._store)
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
        """Read the checklist, my questions, the answers and red flags of the current clinic again."""
        if self.profile_id is None or self._clinic is None:
            self._show_empty()
            return
        current = select or (self.current_question.id if self.current_question else None)
        try:
            self._sheet = gather_checklist(self._store, self._bank, self.profile_id, self._clinic.id)
            self._picks = load_my_questions(self._store, self._bank, self.profile_id)
            self._dismissals = self._store.flag_dismissals(self._clinic.id)
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self._category_titles = {
            q.id: group.category.title.get(ui_language()) for group in self._sheet.groups for q in group.questions
        }
        clinic_answers = self._sheet.clinics[0] if self._sheet.clinics else None
        self._answers = dict(clinic_answers.answers) if clinic_answers else {}
        self._set_flags(list(clinic_answers.flags) if clinic_answers else [])
        self.pages.setCurrentIndex(1)
        self._show_list(select=current)

    def _show_list(self, *, select: str | None) -> None:
        """Fill the list for the current view and show `select` (or the question at the same place)."""
        if self._view == MY_QUESTIONS and not self.my_questions:
            self._view = ALL_QUESTIONS  # nothing picked: the whole checklist, to pick from
        self._questions = shown_questions(self._sheet, self._picks, self._view)
        self.list_model.set_questions(self._sheet, self._questions, self._view, self._picks)
        self.list_model.set_state(self._answers, self._flags_by_question)
        self.list_pane.show_view(self._view, len(self.my_questions))
        ids = [q.id for q in self._questions]
        if select in ids:
            self._index = ids.index(select)
        self._index = max(0, min(self._index, len(self._questions) - 1))
        self._show_current()
        self._select_in_list()
        self._update_progress()
        self._show_clinic_flags()

    def _show_empty(self) -> None:
        self._sheet = None
        self._questions = []
        self._answers = {}
        self._set_flags([])
        self.list_model.set_questions(None, [], self._view, [])
        self.pages.setCurrentIndex(0)

    def _sheet_ids(self) -> set[str]:
        return {q.id for q in self._sheet.questions} if self._sheet else set()

    # ================================================================ showing

    def _show_current(self) -> None:
        question = self.current_question
        if question is None:
            return
        answer = self._answers.get(question.id)
        priority = {
            "essential": self.tr("Essential"),
            "recommended": self.tr("Recommended"),
            "optional": self.tr("Optional"),
        }.get(question.priority, question.priority)
        number = self.list_model.number(self._index)
        if self._view == MY_QUESTIONS:
            meta = self.tr("My question {number} of {total}")
        else:
            meta = self.tr("Question {number} of {total}")
        parts = [meta.format(number=number, total=len(self._questions))]
        if category := self._category_titles.get(question.id):
            parts.append(category)
        if not question.is_custom:  # the patient's own questions have their own category
            parts.append(priority)
        self.card.show_question(question, "  ·  ".join(parts))
        self.delete_question_button.setVisible(question.is_custom)
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index + 1 < len(self._questions))
        self._fill_answer(question, answer)
        self._show_pick()
        self._show_question_flags()
        self.card_scroll.verticalScrollBar().setValue(0)  # a new question is read from its top

    def _fill_answer(self, question: SheetQuestion, answer: Answer | None) -> None:
        value = answer.value if answer else ""
        with self.autosave.loading():
            self.card.show_answer(question, value, answer.text if answer else "")
            self._show_status(answer)

    def _show_status(self, answer: Answer | None) -> None:
        self.status_row.show_status(answer.status if answer else "to-ask", bool(answer and answer.flagged))

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

    def _focus_answer(self) -> None:
        question = self.current_question
        number = question is not None and question.answer_kind == "number"
        box: QWidget = self.number_edit if number else self.answer_text
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._scroll_to(box)

    def _scroll_to(self, box: QWidget) -> None:
        """Bring an answer box into view once the layout is done, never scrolling the question's first line away."""
        QTimer.singleShot(0, self, lambda: self.card.reveal(self.card_scroll, box))

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

    @Slot(str)
    def _value_chosen(self, value: str) -> None:
        self.autosave.change(self._answer_key("value"), value, immediate=True)

    def _yes_no_key(self, value: str) -> None:
        question = self.current_question
        button = self.yes_no_buttons.get(value)
        if question is not None and question.answer_kind == "yes-no" and button is not None:
            button.click()

    def _worry_key(self) -> None:
        if self.current_question is not None and self._clinic is not None:
            self.worry_button.toggle()

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

    @Slot(object)
    def _flag_question_requested(self, question_id: str | None) -> None:
        if question_id is None:
            self.step_requested.emit(1)  # the clinic's details, where the claim was recorded
        else:
            self.show_question_id(question_id)
