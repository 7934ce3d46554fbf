"""One patient's checklist as the screens show it, in the same order and numbers as the printed sheet.

The Questions step and the clinic comparison list the questions that
`app.domain.sheet_content` puts on the sheet (so "question 12" on screen is question
12 on paper) and describe answers in the same words ("Yes — we grow the cells in our
lab"). This module holds those shared pieces, with no widgets, so the two screens
cannot drift apart.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import (
    QuestionSheet,
    SheetOptions,
    SheetQuestion,
    gather_sheet,
)
from app.gui.i18n import ui_language
from db.records import CUSTOM_PREFIX, Answer, ClinicId, CustomQuestionId, ProfileId
from db.store import Store


def gather_checklist(
    store: Store, bank: QuestionBank, profile_id: ProfileId, clinic_id: ClinicId | None = None
) -> QuestionSheet:
    """The profile's questions with the answers and red flags of one clinic (or all of them)."""
    options = SheetOptions(kind="checklist", sections=("questions", "comparison"), clinic_id=clinic_id)
    return gather_sheet(store, bank, profile_id, options)


def custom_id(question: SheetQuestion) -> CustomQuestionId | None:
    """The id of the patient's own question, for editing or deleting it."""
    if not question.is_custom or not question.id.startswith(CUSTOM_PREFIX):
        return None
    return CustomQuestionId(int(question.id.removeprefix(CUSTOM_PREFIX)))


#: An answer's status in words (translated in the "Checklist" context).
STATUS_WORDS = {
    "to-ask": QT_TRANSLATE_NOOP("Checklist", "To ask"),
    "asked": QT_TRANSLATE_NOOP("Checklist", "Asked"),
    "answered": QT_TRANSLATE_NOOP("Checklist", "Answered"),
    "skipped": QT_TRANSLATE_NOOP("Checklist", "Skipped"),
}

#: A yes/no answer's value in words.
YES_NO_WORDS = {
    "yes": QT_TRANSLATE_NOOP("Checklist", "Yes"),
    "no": QT_TRANSLATE_NOOP("Checklist", "No"),
    "not-sure": QT_TRANSLATE_NOOP("Checklist", "Not sure"),
    "refused": QT_TRANSLATE_NOOP("Checklist", "Refused to answer"),
}


def _in_words(words: dict[str, str], value: str) -> str:
    """`value` in the user's language from one of the tables above; an unknown value as it is."""
    return QCoreApplication.translate("Checklist", words[value]) if value in words else value


def status_label(status: str) -> str:
    return _in_words(STATUS_WORDS, status)


def value_label(question: SheetQuestion, value: str) -> str:
    """The structured part of an answer in words ("Not sure", a choice's title, a number)."""
    if not value:
        return ""
    if question.answer_kind == "yes-no":
        return _in_words(YES_NO_WORDS, value)
    if question.answer_kind == "choice":
        for choice in question.choices:
            if choice.id == value:
                return choice.text.get(ui_language())
    return value


def answer_summary(question: SheetQuestion, answer: Answer | None) -> str:
    """What the clinic said, in one string: the value, then their own words."""
    if answer is None:
        return ""
    parts = [part for part in (value_label(question, answer.value), answer.text.strip()) if part]
    return " — ".join(parts)


def is_asked(answer: Answer | None) -> bool:
    """Put to the clinic already: asked, or answered."""
    return answer is not None and answer.status in ("asked", "answered")
