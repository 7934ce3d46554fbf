"""Show the doctor: the current question full screen, in large Korean, for the clinician to answer.

In the consultation the patient turns the screen to the doctor. The doctor sees the
question in large Korean with the English under it, and an answer box to type in; the
arrow keys go to the next and previous question and Esc gives the screen back to the
patient at the same question. The words on this screen are for the clinician, so they
are always Korean first with the English under them, whatever the interface language:
the Korean comes from the Korean catalogue, the English is the source text.

The view has no storage of its own: what is typed goes through the Questions step's
`Autosave` under the same key as the step's own answer box (clinic, question, "text"),
and moving between questions is the step's `show_question`, so the step underneath is
always on the question the doctor sees.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTranslator, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from app.gui.i18n import load_translator
from app.gui.layouts import STRETCH, column, row
from app.gui.text_size import scale_font

if TYPE_CHECKING:
    from app.gui.questions import QuestionsStep

#: The key in the Questions step that opens this view.
SHOW_DOCTOR_KEY = "F11"
#: Next / previous question: the arrows when the answer box does not have the focus; Alt+arrows always.
NEXT_KEYS = ("Right", "Alt+Right")
PREVIOUS_KEYS = ("Left", "Alt+Left")
BACK_KEY = "Esc"

_CONTEXT = "DoctorView"

# Words for the clinician: the Korean from the catalogue above the English source.
INSTRUCTION = QT_TRANSLATE_NOOP("DoctorView", "Please type your answer in the box below.")
ANSWER_LABEL = QT_TRANSLATE_NOOP("DoctorView", "&Answer")
PREVIOUS = QT_TRANSLATE_NOOP("DoctorView", "Previous question")
NEXT = QT_TRANSLATE_NOOP("DoctorView", "Next question")
BACK = QT_TRANSLATE_NOOP("DoctorView", "Done")
POSITION = QT_TRANSLATE_NOOP("DoctorView", "Question {number} of {total}")
THANKS = QT_TRANSLATE_NOOP("DoctorView", "Thank you. Your answer is saved as you type.")


class DoctorView(QWidget):
    """A full-screen window over the Questions step, showing its current question to the clinician."""

    #: The view closed (Esc or Done); the step is on the question the view showed last.
    closed = Signal()

    def __init__(self, step: QuestionsStep, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._step = step
        self._korean: QTranslator | None = load_translator("ko", self)
        self.setWindowTitle(self.tr("Show the doctor"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setAutoFillBackground(True)

        self.position = QLabel()
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        scale_font(self.position, 1.0)
        self.question_ko = self._big_label(2.5, bold=True)
        self.question_en = self._big_label(1.35)
        self.question_en.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.instruction = self._big_label(1.15)
        self.instruction.setText(self.bilingual(INSTRUCTION))

        self.answer = QPlainTextEdit()
        self.answer.setTabChangesFocus(True)
        self.answer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        scale_font(self.answer, 1.6)
        self.answer.setMinimumHeight(self.answer.fontMetrics().lineSpacing() * 3 + 16)
        # Alt+A, as in the Questions step; the mnemonic is on the English word.
        self.answer_label = QLabel(without_mnemonic(self._korean_text(ANSWER_LABEL)) + "  ·  " + ANSWER_LABEL)
        self.answer_label.setBuddy(self.answer)
        scale_font(self.answer_label, 1.15, bold=True)
        self.answer.setAccessibleName(self.tr("The clinic's answer in their own words"))
        self.answer.setAccessibleDescription(self.bilingual(THANKS, separator=" "))
        self.answer.textChanged.connect(self._answer_typed)
        step.autosave.flush_on_focus_out(self.answer)

        # The keys are in the words, so the doctor needs no other help: "‹  이전 질문 · Previous question".
        self.previous_button = QPushButton("‹  " + self.bilingual(PREVIOUS, separator="  ·  "))
        self.previous_button.clicked.connect(self.previous_question)
        self.next_button = QPushButton(self.bilingual(NEXT, separator="  ·  ") + "  ›")
        self.next_button.clicked.connect(self.next_question)
        self.back_button = QPushButton(self.bilingual(BACK, separator="  ·  ") + f"  ({_native(BACK_KEY)})")
        self.back_button.clicked.connect(self.close)
        for button in (self.previous_button, self.next_button, self.back_button):
            scale_font(button, 1.3)
            button.setMinimumHeight(round(button.fontMetrics().lineSpacing() * 2.2))
        self.previous_button.setAccessibleName(self.tr("Previous question"))
        self.next_button.setAccessibleName(self.tr("Next question"))
        self.back_button.setAccessibleName(self.tr("Back to the questions"))
        self.previous_button.setToolTip(_native(PREVIOUS_KEYS[0]) + ", " + _native(PREVIOUS_KEYS[1]))
        self.next_button.setToolTip(_native(NEXT_KEYS[0]) + ", " + _native(NEXT_KEYS[1]))
        self.back_button.setToolTip(_native(BACK_KEY))

        buttons = row(self.previous_button, self.next_button, STRETCH, self.back_button)

        content = column(
            self.position, self.question_ko, self.question_en, 8, self.instruction, self.answer_label,
            (self.answer, 1), margins=(48, 24, 48, 8), spacing=12,
        )
        # A long question in Extra-large text scrolls; the buttons below it never leave the screen.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(content)
        buttons.setContentsMargins(48, 0, 48, 0)
        column((self.scroll, 1), buttons, on=self, margins=(0, 0, 0, 24))

        self._arrow_shortcuts: list[QShortcut] = []
        for key in NEXT_KEYS:
            self._add_shortcut(key, self.next_question)
        for key in PREVIOUS_KEYS:
            self._add_shortcut(key, self.previous_question)
        self._add_shortcut(BACK_KEY, self.close)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.show_current()

    # ================================================================ building

    def _big_label(self, scale: float, *, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        scale_font(label, scale, bold=bold)
        return label

    def _add_shortcut(self, key: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        if "Alt" not in key and key != BACK_KEY:
            self._arrow_shortcuts.append(shortcut)  # plain arrows: off while the doctor types

    def _korean_text(self, source: str) -> str:
        translated = self._korean.translate(_CONTEXT, source) if self._korean is not None else ""
        return translated or source

    def bilingual(self, source: str, *, separator: str = "\n", **values: object) -> str:
        """Korean first, then the English, with `values` filled into both."""
        korean = self._korean_text(source).format(**values)
        english = source.format(**values)
        if korean == english:
            return english
        return f"{korean}{separator}{english}"

    # ================================================================ showing

    def show_current(self) -> None:
        """Show the step's current question and what is recorded for it."""
        question = self._step.current_question
        if question is None:
            self.close()
            return
        clinic = self._step.current_clinic
        position = self.bilingual(
            POSITION, separator="  ·  ", number=self._step.current_index + 1, total=self._step.question_count
        )
        self.position.setText(f"{clinic.name}  ·  {position}" if clinic is not None else position)
        korean, english = question.text.get("ko"), question.text.get("en")
        self.question_ko.setText(korean or english)
        self.question_en.setText(english if korean else "")
        self.question_en.setVisible(bool(korean))
        self.question_ko.setAccessibleName(self.tr("Question in Korean") if korean else self.tr("Question in English"))
        self.question_en.setAccessibleName(self.tr("Question in English"))
        answer = self._step.current_answer
        text = answer.text if answer is not None else ""
        if self.answer.toPlainText() != text:
            self.answer.blockSignals(True)
            self.answer.setPlainText(text)
            self.answer.blockSignals(False)
        self.previous_button.setEnabled(self._step.current_index > 0)
        self.next_button.setEnabled(self._step.current_index + 1 < self._step.question_count)

    @Slot()
    def next_question(self) -> None:
        self._move(+1)

    @Slot()
    def previous_question(self) -> None:
        self._move(-1)

    def _move(self, delta: int) -> None:
        target = self._step.current_index + delta
        if not 0 <= target < self._step.question_count:
            return
        self._step.show_question(target)  # writes what was typed first
        self.show_current()

    # ================================================================ saving

    @Slot()
    def _answer_typed(self) -> None:
        self._step.autosave.change(self._step.answer_key("text"), self.answer.toPlainText())

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        typing = new is self.answer
        for shortcut in self._arrow_shortcuts:
            shortcut.setEnabled(not typing)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        self._step.autosave.flush()
        event.accept()
        self.closed.emit()


def _native(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def without_mnemonic(text: str) -> str:
    """"답변(&A)" → "답변", "&Answer" → "Answer": one mnemonic per label is enough."""
    return re.sub(r"\(&[^&]\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
