"""Show the doctor: F11 puts the question full screen in Korean; what the doctor types is saved like any answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from gui_helpers import profile_with_clinic, type_text, wait_for_autosave
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.gui.doctor_view import DoctorView
from app.gui.main_window import MainWindow
from app.gui.questions import QuestionsStep
from db.store import Store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def _open_view(qtbot: QtBot, step: QuestionsStep) -> DoctorView:
    """Press F11 where the patient is typing, as they would."""
    step.answer_text.setFocus()
    qtbot.keyClick(step.answer_text, Qt.Key.Key_F11)
    view = step.doctor_view
    assert view is not None
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    return view


@pytest.fixture
def step(qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]) -> QuestionsStep:
    profile_with_clinic(store, bank)
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    window.questions_step.show_question(2)
    return window.questions_step


def test_f11_shows_the_question_full_screen_in_korean_first(qtbot: QtBot, step: QuestionsStep) -> None:
    question = step.current_question
    view = _open_view(qtbot, step)

    assert view.isFullScreen()
    assert view.question_ko.text() == question.text.get("ko")
    assert view.question_en.text() == question.text.get("en")
    assert view.question_ko.font().pointSizeF() > 2 * step.font().pointSizeF()  # large, for reading at a desk
    assert view.question_ko.font().pointSizeF() > view.question_en.font().pointSizeF()
    # The words for the clinician are Korean even though the interface is English.
    assert "아래 칸에 답변을 입력해 주십시오." in view.instruction.text()
    assert QApplication.focusWidget() is view.answer


def test_what_the_doctor_types_is_saved_through_the_steps_autosave(
    qtbot: QtBot, step: QuestionsStep, reopen: Callable[[], Store]
) -> None:
    question, clinic = step.current_question, step.current_clinic
    view = _open_view(qtbot, step)

    type_text(qtbot, view.answer, "세포는 자체 GMP 시설에서 배양합니다")
    assert step.autosave.has_pending  # the same debounce and key as the step's own answer box
    wait_for_autosave(qtbot)
    with reopen() as disk:
        answer = disk.answers_for_clinic(clinic.id)[question.id]
    assert answer.text == "세포는 자체 GMP 시설에서 배양합니다"
    assert answer.status == "answered"


def test_arrows_move_between_questions_unless_the_doctor_is_typing(qtbot: QtBot, step: QuestionsStep) -> None:
    questions = [step._questions[i] for i in range(step.question_count)]  # noqa: SLF001 - the order on screen
    view = _open_view(qtbot, step)

    qtbot.keyClick(view.answer, Qt.Key.Key_Right, NONE)  # moves the cursor in the answer, not the question
    assert step.current_index == 2
    qtbot.keyClick(view.answer, Qt.Key.Key_Right, ALT)  # Alt+arrow always moves
    assert step.current_index == 3 and view.question_en.text() == questions[3].text.get("en")

    view.next_button.setFocus()
    qtbot.keyClick(view.next_button, Qt.Key.Key_Right, NONE)
    assert step.current_index == 4
    qtbot.keyClick(view.next_button, Qt.Key.Key_Left, NONE)
    qtbot.keyClick(view.next_button, Qt.Key.Key_Left, NONE)
    assert step.current_index == 2 and view.question_en.text() == questions[2].text.get("en")


def test_esc_returns_to_the_same_question_with_the_doctors_words_in_its_box(
    qtbot: QtBot, step: QuestionsStep, reopen: Callable[[], Store]
) -> None:
    view = _open_view(qtbot, step)
    qtbot.keyClick(view.answer, Qt.Key.Key_Right, ALT)
    type_text(qtbot, view.answer, "Yes, in writing")
    at = step.current_index

    qtbot.keyClick(view.answer, Qt.Key.Key_Escape)  # written at once, not after the debounce
    qtbot.waitUntil(lambda: step.doctor_view is None)
    assert step.current_index == at == 3
    assert step.answer_text.toPlainText() == "Yes, in writing"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is step.answer_text)  # the patient types on
    with reopen() as disk:
        assert disk.answers_for_clinic(step.current_clinic.id)[step.current_question.id].text == "Yes, in writing"


def test_the_button_beside_the_question_says_which_key_opens_the_view(step: QuestionsStep) -> None:
    assert "F11" in step.doctor_button.text()
    step.doctor_button.click()
    assert step.doctor_view is not None
    step.doctor_view.close()
