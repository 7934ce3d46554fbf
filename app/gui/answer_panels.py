"""The answer controls of the Questions step, one panel per kind of answer, and the status row.

A question is answered in the way that fits it: yes / no / not sure / refused, a number,
one of a few choices, or only in the clinic's own words. Each panel shows one kind; the
step shows the panel of the current question and saves what it reports. The status row
(to ask, asked, answered, skipped, and "this worries me") is the same for every kind.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent, QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.question_bank import YES_NO_VALUES
from app.domain.sheet_content import SheetQuestion
from app.gui.checklist import status_label
from app.gui.doctor_view import SHOW_DOCTOR_KEY
from app.gui.i18n import other_language, ui_language
from app.gui.question_keys import (
    ASK_THIS_KEY,
    NEXT_KEYS,
    PREVIOUS_KEYS,
    STATUS_KEYS,
    WORRY_KEY,
    YES_NO_KEYS,
    native,
)
from app.gui.question_list import PICKED_MARK
from db.records import ANSWER_STATUSES


def check_only(group: QButtonGroup, button: QAbstractButton | None) -> None:
    """Check `button` (or none) in an exclusive group without emitting clicks."""
    if button is None:
        group.setExclusive(False)
        for other in group.buttons():
            other.setChecked(False)
        group.setExclusive(True)
    else:
        button.setChecked(True)


class WrappingLabel(QLabel):
    """A word-wrapped label that asks for the height of all its lines at its width.

    Layouts inside a splitter or a row give a wrapped label the height of its lines at
    some other width, so in large text the last line was cut off; this one says how
    high it must be whenever its width changes.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        # A label's height for a width counts its minimum height too: measure without it.
        kept = self.minimumHeight()
        self.setMinimumHeight(0)
        needed = self.heightForWidth(self.width())
        self.setMinimumHeight(needed if needed > 0 else kept)


class YesNoPanel(QWidget):
    """Yes, No, Not sure, Refused to answer: one click (or Alt+Y/N/S/R) each."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        labels = {
            "yes": self.tr("Yes"),
            "no": self.tr("No"),
            "not-sure": self.tr("Not sure"),
            "refused": self.tr("Refused to answer"),
        }
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for number, (value, key) in enumerate(zip(YES_NO_VALUES, YES_NO_KEYS, strict=False)):
            button = QPushButton(labels.get(value, value))
            button.setCheckable(True)
            button.setAccessibleName(labels.get(value, value))
            button.setToolTip(self.tr("Shortcut: {key}").format(key=native(key)))
            self.group.addButton(button, number)
            self.buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        self.group.idClicked.connect(lambda number: self.chosen.emit(YES_NO_VALUES[number]))

    def show_value(self, value: str) -> None:
        check_only(self.group, self.buttons.get(value))


class NumberPanel(QLineEdit):
    """A number the clinic gave (a count, a price); a comma is taken as a decimal point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Number they gave"))
        self.setPlaceholderText(self.tr("The number they gave"))
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"-?[0-9]*([.,][0-9]*)?"), self))
        self.setMaximumWidth(240)

    def show_value(self, value: str) -> None:
        if self.text() != value:
            self.setText(value)


class ChoiceRow(QWidget):
    """A choice whose words wrap, in the interface language over the other (a QRadioButton's own text never wraps)."""

    def __init__(self, first: str, second: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.radio = QRadioButton()
        self.radio.setAccessibleName(first)
        self.label = WrappingLabel(first + (f"\n{second}" if second else ""))
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


class ChoicePanel(QWidget):
    """One of the question's choices, each a radio button with its words in both languages."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.buttonClicked.connect(lambda button: self.chosen.emit(str(button.property("choice_id"))))
        self.rows: list[ChoiceRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_question(self, question: SheetQuestion) -> None:
        for row in self.rows:
            self.group.removeButton(row.radio)
            self._layout.removeWidget(row)
            row.hide()  # gone at once, although Qt deletes it later
            row.deleteLater()
        self.rows = []
        lang = ui_language()
        for choice in question.choices:
            row = ChoiceRow(choice.text.get(lang), choice.text.get(other_language(lang)))
            row.radio.setProperty("choice_id", choice.id)
            self.group.addButton(row.radio)
            self._layout.addWidget(row)
            self.rows.append(row)

    def show_value(self, value: str) -> None:
        check_only(self.group, next((b for b in self.group.buttons() if b.property("choice_id") == value), None))


class StatusRow(QWidget):
    """Where the question stands with this clinic, and the patient's own "this worries me" mark."""

    status_chosen = Signal(str)
    worry_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Status:")))
        for number, (status, key) in enumerate(zip(ANSWER_STATUSES, STATUS_KEYS, strict=True)):
            button = QPushButton(status_label(status))
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Status: {status}").format(status=status_label(status)))
            button.setToolTip(self.tr("Shortcut: {key}").format(key=native(key)))
            self.group.addButton(button, number)
            self.buttons[status] = button
            row.addWidget(button)
        row.addStretch(1)
        self.group.idClicked.connect(lambda number: self.status_chosen.emit(ANSWER_STATUSES[number]))
        self.worry_button = QPushButton(self.tr("This worries me"))
        self.worry_button.setCheckable(True)
        self.worry_button.setAccessibleName(self.tr("Mark this answer as worrying"))
        self.worry_button.setToolTip(self.tr(
            "Mark an answer that worried you, whatever the rules say. Shortcut: {key}"
        ).format(key=native(WORRY_KEY)))
        self.worry_button.toggled.connect(self.worry_toggled)

    def show_status(self, status: str, worried: bool) -> None:
        check_only(self.group, self.buttons.get(status))
        self.worry_button.blockSignals(True)
        self.worry_button.setChecked(worried)
        self.worry_button.blockSignals(False)


class QuestionControls(QWidget):
    """Under the card, in view however long the question is: status, my list, and moving on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_row = StatusRow()
        # It says what it will do, or (pressed in) where the question is: on the list, marked as in the list.
        self.ask_button = QPushButton()
        self.ask_button.setCheckable(True)
        self.ask_button.toggled.connect(self._show_on_list)
        self._show_on_list(False)
        self.ask_button.setAccessibleName(self.tr("On my list of questions"))
        self.ask_button.setToolTip(self.tr(
            "Put this question on your list to ask, or take it off. Shortcut: {key}"
        ).format(key=native(ASK_THIS_KEY)))
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.ask_button)
        pick_row.addStretch(1)
        pick_row.addWidget(self.status_row.worry_button)

        self.previous_button = QPushButton(self.tr("‹ Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous question"))
        self.previous_button.setToolTip(native(PREVIOUS_KEYS[0]))
        self.next_button = QPushButton(self.tr("Next ›"))
        self.next_button.setAccessibleName(self.tr("Next question"))
        self.next_button.setToolTip(native(NEXT_KEYS[0]))
        self.doctor_button = QPushButton(self.tr("Show the doctor ({key})").format(key=native(SHOW_DOCTOR_KEY)))
        self.doctor_button.setAccessibleDescription(self.tr(
            "Shows this question full screen in large Korean, with a box for the doctor's answer"
        ))
        nav_row = QHBoxLayout()
        nav_row.addWidget(self.previous_button)
        nav_row.addWidget(self.next_button)
        nav_row.addStretch(1)
        nav_row.addWidget(self.doctor_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_row)
        layout.addLayout(pick_row)
        layout.addLayout(nav_row)

    @Slot(bool)
    def _show_on_list(self, picked: bool) -> None:
        self.ask_button.setText(
            self.tr("{star} On my questions").format(star=PICKED_MARK) if picked else self.tr("Add to my questions")
        )
