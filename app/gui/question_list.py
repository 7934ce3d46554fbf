"""The list of questions beside the Questions step: my questions, or all of them, by short title.

"My questions" is the patient's own short list in the order they will ask it, numbered
1, 2, 3… as the doctor's copy prints it; "All questions" is the whole checklist by
category with the numbers of the full checklist, a star on the ones the patient picked.
Each row shows the question's short title (the full question is in the card), its
status mark and a red-flag mark, so a dozen rows fit a laptop screen.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.question_bank import QuestionBank
from app.domain.red_flags import RaisedFlag
from app.domain.sheet_content import QuestionSheet, SheetQuestion
from app.gui.checklist import status_label
from app.gui.i18n import other_language, ui_language
from app.gui.marks import (
    FLAG_MARK,
    STATUS_MARKS,
    flag_colours,
    severity_label,
    worst_severity,
)
from app.gui.question_keys import MOVE_DOWN_KEY, MOVE_UP_KEY, native
from app.gui.text_size import scale_font
from db.records import Answer

_Index = QModelIndex | QPersistentModelIndex

QuestionIndexRole = Qt.ItemDataRole.UserRole + 1

#: The two views of the list.
MY_QUESTIONS, ALL_QUESTIONS = "mine", "all"
#: Beside a question the patient picked, in the list of all questions (KS X 1001, never a box).
PICKED_MARK = "★"


@dataclass(frozen=True, slots=True)
class _ListRow:
    heading: str | None  # a category heading, or None for a question
    question_index: int = -1


def plain_tooltip(text: str) -> str:
    """`text` shown as written in a tooltip (Qt reads a tooltip with "<b>" in it as markup)."""
    return f"<p>{html.escape(text)}</p>"


def short_title(bank: QuestionBank, question: SheetQuestion, lang: str) -> str:
    """A few words for the list: the bank's short title, or the patient's own question as written."""
    if not question.is_custom:
        try:
            short = bank.question(question.id).short
        except KeyError:
            short = None
        if short is not None and short.get(lang):
            return short.get(lang)
    return question.text.get(lang) or question.text.get("en")


def shown_questions(sheet: QuestionSheet | None, picks: list[str], view: str) -> list[SheetQuestion]:
    """The questions a view goes through, in its order: my picks in my order, or the whole checklist."""
    if sheet is None:
        return []
    if view == ALL_QUESTIONS:
        return list(sheet.questions)
    by_id = {q.id: q for q in sheet.questions}
    return [by_id[question_id] for question_id in picks if question_id in by_id]


class QuestionListModel(QAbstractListModel):
    """The rows of the list: headings (all questions only) and each question with its marks."""

    def __init__(self, bank: QuestionBank, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bank = bank
        self._rows: list[_ListRow] = []
        self._questions: list[SheetQuestion] = []
        self._view = MY_QUESTIONS
        self._picked: set[str] = set()
        self._answers: dict[str, Answer] = {}
        self._flags: dict[str, list[RaisedFlag]] = {}

    def set_questions(
        self, sheet: QuestionSheet | None, questions: list[SheetQuestion], view: str, picks: list[str]
    ) -> None:
        """Show `questions` (as `shown_questions` gave them) in `view`."""
        self.beginResetModel()
        self._rows = []
        self._questions = list(questions)
        self._view = view
        self._picked = set(picks)
        lang = ui_language()
        if view == ALL_QUESTIONS and sheet is not None:
            place = {q.id: i for i, q in enumerate(self._questions)}
            for group in sheet.groups:
                title = group.category.title
                self._rows.append(_ListRow(heading=f"{title.get(lang)}  ·  {title.get(other_language(lang))}"))
                self._rows += [_ListRow(None, place[q.id]) for q in group.questions if q.id in place]
        else:
            self._rows = [_ListRow(None, i) for i in range(len(self._questions))]
        self.endResetModel()

    def set_picks(self, picks: list[str]) -> None:
        self._picked = set(picks)
        self._changed()

    def set_state(self, answers: dict[str, Answer], flags: dict[str, list[RaisedFlag]]) -> None:
        self._answers = answers
        self._flags = flags
        self._changed()

    def _changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def number(self, question_index: int) -> int:
        """The number shown for a question: its place in my list, or its number in the whole checklist."""
        if self._view == MY_QUESTIONS:
            return question_index + 1
        return self._questions[question_index].number

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
        number = self.number(entry.question_index)
        lang = ui_language()
        picked = self._view == ALL_QUESTIONS and question.id in self._picked
        if role == Qt.ItemDataRole.DisplayRole:
            mark = STATUS_MARKS.get(status, "○")
            flag = f"{FLAG_MARK} " if severity else ""
            star = f"{PICKED_MARK} " if picked else ""
            return f"{mark} {star}{flag}{number}. {short_title(self._bank, question, lang)}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [f"{number}. {question.text.get(lang)}", status_label(status)]
            if picked:
                parts.append(self.tr("on my list"))
            if severity:
                parts.append(severity_label(severity))
            if answer and answer.flagged:
                parts.append(self.tr("worries me"))
            said = " — ".join(parts)
            return plain_tooltip(said) if role == Qt.ItemDataRole.ToolTipRole else said
        if role == Qt.ItemDataRole.ForegroundRole and severity:
            return QBrush(flag_colours(severity)[0])
        if role == Qt.ItemDataRole.BackgroundRole and severity:
            return QBrush(flag_colours(severity)[1])
        if role == QuestionIndexRole:
            return entry.question_index
        return None


class QuestionListPane(QWidget):
    """The two views, the list itself, moving a question up or down my list, and what the marks mean."""

    view_chosen = Signal(str)

    def __init__(self, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view_group = QButtonGroup(self)
        self.view_group.setExclusive(True)
        self.my_view_button = QPushButton(self.tr("&My questions"))
        self.my_view_button.setToolTip(self.tr("The questions you chose to ask, in your order"))
        self.all_view_button = QPushButton(self.tr("All questions"))
        self.all_view_button.setToolTip(self.tr("The whole checklist, to choose from"))
        # One above the other: side by side they would not fit the narrow list in large text.
        views = QVBoxLayout()
        views.setSpacing(2)
        for button, view in ((self.my_view_button, MY_QUESTIONS), (self.all_view_button, ALL_QUESTIONS)):
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, v=view: self.view_chosen.emit(v))
            self.view_group.addButton(button)
            views.addWidget(button)
        self.my_view_button.setChecked(True)

        self.model = QuestionListModel(bank, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Questions"))
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setMinimumWidth(180)

        self.move_up_button = QPushButton(self.tr("Move up"))
        self.move_up_button.setAccessibleName(self.tr("Move the question up my list"))
        self.move_up_button.setToolTip(self.tr("Shortcut: {key}").format(key=native(MOVE_UP_KEY)))
        self.move_down_button = QPushButton(self.tr("Move down"))
        self.move_down_button.setAccessibleName(self.tr("Move the question down my list"))
        self.move_down_button.setToolTip(self.tr("Shortcut: {key}").format(key=native(MOVE_DOWN_KEY)))
        moves = QHBoxLayout()
        moves.setSpacing(4)
        moves.addWidget(self.move_up_button)
        moves.addWidget(self.move_down_button)
        legend_text = self.tr("○ to ask   ◎ asked   ● answered   × skipped   ▲ red flag   {star} on my list")
        # Lines break between the entries, never inside one: a mark stays beside its meaning.
        entries = legend_text.format(star=PICKED_MARK).split("   ")
        legend = QLabel("   ".join(entry.replace(" ", "\u00a0") for entry in entries))
        legend.setObjectName("questionLegend")
        legend.setWordWrap(True)
        scale_font(legend, 0.92)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(views)
        layout.addWidget(self.view, 1)
        layout.addLayout(moves)
        layout.addWidget(legend)

    def show_view(self, view: str, my_count: int) -> None:
        (self.my_view_button if view == MY_QUESTIONS else self.all_view_button).setChecked(True)
        self.my_view_button.setText(self.tr("&My questions ({count})").format(count=my_count))
