"""The card in the middle of the Questions step: the question in both languages and the answer to it.

The question comes first and large, in the interface language over the other, with why
to ask it and its sources; under it the answer panel that fits the question (yes / no,
a number, a choice), the box for the clinic's own words, and the red flags the answer
raises. The card only shows; the step saves what the controls report.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import SheetQuestion
from app.gui.answer_panels import ChoicePanel, NumberPanel, WrappingLabel, YesNoPanel
from app.gui.flags_panel import QuestionFlagsPanel
from app.gui.i18n import ui_language
from app.gui.question_keys import ANSWER_KEY, native
from app.gui.text_size import fit_lines, scale_font


def reading_label(scale: float, *, bold: bool = False) -> QLabel:
    """A label for reading: wraps, selectable with the mouse, plain text, `scale` times the body text."""
    label = WrappingLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    scale_font(label, scale, bold=bold)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class QuestionCard(QWidget):
    """One question and its answer controls."""

    def __init__(self, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bank = bank
        self.meta = WrappingLabel()
        self.meta.setWordWrap(True)
        self.meta.setAccessibleName(self.tr("Question number, category and priority"))
        # The question in the interface language first and bold, the other language under it.
        korean_first = ui_language() == "ko"
        self.question_en = reading_label(1.35 if korean_first else 1.45, bold=not korean_first)
        self.question_en.setAccessibleName(self.tr("Question in English"))
        self.question_ko = reading_label(1.45 if korean_first else 1.35, bold=korean_first)
        self.question_ko.setAccessibleName(self.tr("Question in Korean"))
        self.why = reading_label(1.0)
        self.why.setAccessibleName(self.tr("Why ask this question"))
        self.sources = reading_label(0.92)
        self.sources.setAccessibleName(self.tr("Sources"))

        self.yes_no_panel = YesNoPanel()
        self.number_edit = NumberPanel()
        self.choice_panel = ChoicePanel()
        self.answer_text = QPlainTextEdit()
        self.answer_text.setAccessibleName(self.tr("The clinic's answer in their own words"))
        self.answer_text.setPlaceholderText(self.tr("What they said, in their own words"))
        self.answer_text.setTabChangesFocus(True)
        fit_lines(self.answer_text, 5)
        self.answer_text.setToolTip(self.tr("Shortcut: {key}").format(key=native(ANSWER_KEY)))
        answer_title = QLabel(self.tr("Their answer:"))  # no mnemonic: Alt+A is the shortcut to the box
        answer_title.setBuddy(self.answer_text)
        bold = QFont(answer_title.font())
        bold.setBold(True)
        answer_title.setFont(bold)
        self.flags_panel = QuestionFlagsPanel()
        # Only the patient's own questions can be deleted; the button sits with the question it deletes.
        self.delete_question_button = QPushButton(self.tr("Delete this &question…"))
        self.delete_question_button.setAccessibleName(self.tr("Delete your own question"))

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.meta)
        for label in (self.question_ko, self.question_en) if korean_first else (self.question_en, self.question_ko):
            layout.addWidget(label)
        layout.addWidget(self.why)
        layout.addWidget(self.delete_question_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(6)
        for widget in (answer_title, self.yes_no_panel, self.number_edit, self.choice_panel, self.answer_text):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(self.flags_panel)
        layout.addWidget(self.sources)  # for reading at home; the answer comes first in the consultation
        layout.addStretch(1)

    def show_question(self, question: SheetQuestion, meta: str) -> None:
        self.meta.setText(meta)
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
        kind = question.answer_kind
        self.yes_no_panel.setVisible(kind == "yes-no")
        self.number_edit.setVisible(kind == "number")
        self.choice_panel.setVisible(kind == "choice")
        if kind == "choice":
            self.choice_panel.set_question(question)

    def show_answer(self, question: SheetQuestion, value: str, text: str) -> None:
        self.yes_no_panel.show_value(value if question.answer_kind == "yes-no" else "")
        self.number_edit.show_value(value if question.answer_kind == "number" else "")
        if question.answer_kind == "choice":
            self.choice_panel.show_value(value)
        if self.answer_text.toPlainText() != text:
            self.answer_text.setPlainText(text)

    def reveal(self, scroll: QScrollArea, box: QWidget) -> None:
        """Scroll so that `box` shows, as far as it can without moving the question's first line off the top."""
        first = self.question_ko if ui_language() == "ko" and self.question_ko.isVisible() else self.question_en
        box_bottom = box.mapTo(self, box.rect().bottomLeft()).y() + 8
        wanted = max(0, box_bottom - scroll.viewport().height())
        # Keep the number line above the question too when there is room for it.
        scroll.verticalScrollBar().setValue(0 if wanted <= self.meta.y() else min(wanted, first.y()))

    def _sources_text(self, question: SheetQuestion) -> str:
        titles = []
        for source_id in question.sources:
            source = self._bank.sources.get(source_id)
            if source is None:
                continue
            titles.append(f"{source.title} ({source.compiled})" if source.compiled else source.title)
        if not titles:
            return ""
        return self.tr("Sources: {titles}").format(titles="; ".join(titles))
