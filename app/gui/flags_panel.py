"""The red flags of the Questions step: those of the question on screen, and all of this clinic's.

A flag is raised by the rules in the question bank; the patient may know better (the
clinic explained, or showed a document), so a raised flag can be marked "not a concern"
with a short note, and taken back. A dismissed flag stays on screen, greyed, with the
note, so nothing disappears without a trace; it no longer marks the question in the list.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import shortened
from app.domain.red_flags import RaisedFlag
from app.gui.answer_panels import WrappingLabel
from app.gui.i18n import ui_language
from app.gui.layouts import STRETCH, column, row
from app.gui.marks import FLAG_MARK, flag_colours, flag_style, severity_label
from app.gui.question_list import plain_tooltip
from db.records import FlagDismissal

#: Longest clinic name in the red-flag heading beside the list (the clinic box shows it all).
CLINIC_NAME_LIMIT = 60
#: Longest note kept with a dismissed flag: a few words, not a letter.
NOTE_LIMIT = 200


def counting(flags: list[RaisedFlag], dismissals: Mapping[str, FlagDismissal]) -> list[RaisedFlag]:
    """The flags that still count: raised and not dismissed by the patient."""
    return [flag for flag in flags if flag.rule.id not in dismissals]


class DismissFlagDialog(QDialog):
    """Asks why a red flag is not a concern (a few words, kept with the flag)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Not a concern"))
        question = QLabel(self.tr("Why is “{flag}” not a concern at this clinic?").format(flag=title))
        question.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setAccessibleName(self.tr("Why it is not a concern"))
        self.note.setPlaceholderText(self.tr("For example: they showed me the approval letter"))
        question.setBuddy(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Not a concern"))
        ok.setEnabled(False)
        self.note.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> str | None:
        """The patient's note, or None if they cancelled."""
        dialog = cls(title, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.note.text().strip()


class QuestionFlagsPanel(QWidget):
    """The red flags the current question's answer raises, each with "Not a concern…" or "Restore"."""

    dismiss_requested = Signal(str)
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = WrappingLabel(self.tr("Red flags in this answer"))
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.box = QWidget()
        self.box_layout = QVBoxLayout(self.box)
        self.box_layout.setContentsMargins(0, 0, 0, 0)
        self.no_flags = WrappingLabel(self.tr("None from this answer so far."))
        self.no_flags.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.no_flags)
        layout.addWidget(self.box)

    def show_flags(self, flags: list[RaisedFlag], dismissals: Mapping[str, FlagDismissal]) -> None:
        while self.box_layout.count():
            item = self.box_layout.takeAt(0)
            if item.widget():
                item.widget().hide()  # gone at once, although Qt deletes it later
                item.widget().deleteLater()
        self.no_flags.setVisible(not flags)
        for flag in flags:
            self.box_layout.addWidget(self._frame(flag, dismissals.get(flag.rule.id)))

    def _frame(self, flag: RaisedFlag, dismissal: FlagDismissal | None) -> QFrame:
        lang = ui_language()
        rule = flag.rule
        frame = QFrame()
        frame.setObjectName("RedFlag")
        if dismissal is None:
            frame.setStyleSheet(flag_style(rule.severity, "QFrame#RedFlag"))
            frame.setAccessibleName(f"{severity_label(rule.severity)}: {rule.title.get(lang)}")
        else:
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            frame.setAccessibleName(self.tr("Dismissed: {title}").format(title=rule.title.get(lang)))
        layout = QVBoxLayout(frame)
        heading_text = f"{FLAG_MARK} {severity_label(rule.severity)}"
        if dismissal is not None:
            heading_text = self.tr("{flag} — not a concern, you said").format(flag=heading_text)
        heading = WrappingLabel(heading_text)
        heading.setWordWrap(True)
        bold = QFont(heading.font())
        bold.setBold(True)
        heading.setFont(bold)
        title = WrappingLabel(rule.title.get(lang))
        title.setWordWrap(True)
        title.setFont(bold)
        title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(heading)
        layout.addWidget(title)
        if dismissal is None:
            explanation = WrappingLabel(rule.explanation.get(lang))
            explanation.setWordWrap(True)
            explanation.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(explanation)
            button = QPushButton(self.tr("Not a concern…"))
            button.setAccessibleName(self.tr("Not a concern: {title}").format(title=rule.title.get(lang)))
            button.setToolTip(self.tr("Say in a few words why this red flag does not worry you here"))
            button.clicked.connect(lambda _=False, rule_id=rule.id: self.dismiss_requested.emit(rule_id))
        else:
            note = WrappingLabel(self.tr("Your note: {note}").format(note=dismissal.note))
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(note)
            button = QPushButton(self.tr("Restore"))
            button.setAccessibleName(self.tr("Restore the red flag: {title}").format(title=rule.title.get(lang)))
            button.clicked.connect(lambda _=False, rule_id=rule.id: self.restore_requested.emit(rule_id))
        layout.addLayout(row(STRETCH, button))
        return frame


#: Qt's "no largest height" (QWIDGETSIZE_MAX, which PySide6 does not export).
_NO_LIMIT = 16_777_215
_RULE_ROLE = Qt.ItemDataRole.UserRole + 1
_DISMISSED_ROLE = Qt.ItemDataRole.UserRole + 2


class ClinicFlagsPanel(QWidget):
    """Every red flag at this clinic, serious first; choosing one goes to its question.

    A flag raised by the clinic's details (not by an answer) has no question to go to: a
    click only chooses it, so that it can be marked "not a concern" here; Enter or a
    double click opens the clinic's details.
    """

    # Carries the id of the question that raised the chosen flag, or None (raised by the clinic's details).
    question_requested = Signal(object)
    dismiss_requested = Signal(str)
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Red flags for this clinic"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._clicked)
        self.list.currentItemChanged.connect(lambda *_: self._show_buttons())
        self.title = WrappingLabel()
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setBuddy(self.list)
        self.dismiss_button = QPushButton(self.tr("Not a concern…"))
        self.dismiss_button.setAccessibleName(self.tr("Mark the chosen red flag as not a concern"))
        self.dismiss_button.clicked.connect(lambda: self._request(self.dismiss_requested))
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setAccessibleName(self.tr("Restore the chosen red flag"))
        self.restore_button.clicked.connect(lambda: self._request(self.restore_requested))
        column(self.title, (self.list, 1), row(STRETCH, self.dismiss_button, self.restore_button), on=self)
        self._show_buttons()

    def _show_buttons(self) -> None:
        """One button at a time, for the chosen flag: "Not a concern…", or "Restore" once dismissed."""
        item = self.list.currentItem()
        dismissed = bool(item and item.data(_DISMISSED_ROLE))
        self.dismiss_button.setVisible(item is not None and not dismissed)
        self.restore_button.setVisible(item is not None and dismissed)

    def _request(self, signal: Signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(str(item.data(_RULE_ROLE)))  # type: ignore[attr-defined]

    def show_flags(
        self,
        flags: list[RaisedFlag],
        dismissals: Mapping[str, FlagDismissal],
        numbers: Mapping[str, int],
        clinic_name: str | None,
    ) -> None:
        self.list.clear()
        live = counting(flags, dismissals)
        # The clinic's name is in the box above; here it would wrap and be cut off in large text.
        if live:
            text = self.tr("Red flags at this clinic: {count}").format(count=len(live))
        else:
            text = self.tr("No red flags at this clinic so far.")
        if len(live) < len(flags):
            text += self.tr(" ({count} not a concern)").format(count=len(flags) - len(live))
        self.title.setText(text)
        if clinic_name is not None:
            self.list.setAccessibleDescription(shortened(clinic_name, CLINIC_NAME_LIMIT))
        lang = ui_language()
        for flag in sorted(flags, key=lambda f: (f.rule.id in dismissals, f.rule.severity != "serious")):
            first = next((qid for qid in flag.question_ids if qid in numbers), None)
            if first:
                where = self.tr(" (question {number})").format(number=numbers[first])
            else:  # raised by what the clinic claims, recorded in the Clinics step
                where = self.tr(" (clinic details)")
            title = flag.rule.title.get(lang)
            dismissal = dismissals.get(flag.rule.id)
            if dismissal is None:
                item = QListWidgetItem(f"{FLAG_MARK} {severity_label(flag.rule.severity)}: {title}{where}")
                text_colour, background = flag_colours(flag.rule.severity)
                item.setForeground(QBrush(text_colour))
                item.setBackground(QBrush(background))
                item.setToolTip(flag.rule.explanation.get(lang))
            else:
                item = QListWidgetItem(self.tr("Not a concern: {title}{where}").format(title=title, where=where))
                item.setToolTip(plain_tooltip(self.tr("Your note: {note}").format(note=dismissal.note)))
            item.setData(Qt.ItemDataRole.UserRole, first)
            item.setData(_RULE_ROLE, flag.rule.id)
            item.setData(_DISMISSED_ROLE, dismissal is not None)
            self.list.addItem(item)
        self._show_buttons()
        # With no flag to list, only the sentence shows, and the questions above take the room.
        self.list.setVisible(bool(flags))
        self.setMaximumHeight(_NO_LIMIT if flags else self.sizeHint().height())

    @Slot(QListWidgetItem)
    def _clicked(self, item: QListWidgetItem) -> None:
        if item.data(Qt.ItemDataRole.UserRole) is not None:
            self.question_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    @Slot(QListWidgetItem)
    def _activated(self, item: QListWidgetItem) -> None:
        self.question_requested.emit(item.data(Qt.ItemDataRole.UserRole))
