"""Step 3: a clinic's checklist answered with the keyboard alone, and red flags beside the question."""

from __future__ import annotations

from collections.abc import Callable

from gui_helpers import profile_with_clinic, type_text, wait_for_autosave, yes_no_red_flag
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.domain.question_bank import YES_NO_VALUES, QuestionBank
from app.gui.dialogs import CustomQuestionDialog
from app.gui.help import ShortcutsDialog
from app.gui.main_window import MainWindow
from app.gui.questions import YES_NO_KEYS
from app.gui.text_size import DEFAULT_TEXT_SIZE, apply_text_size
from db.store import Store

ALT = Qt.KeyboardModifier.AltModifier


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = ALT) -> None:
    """Press a key where the keyboard focus is, as a user would."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)


def _words_for(window: MainWindow) -> str:
    """Something the answer box that has the focus accepts."""
    return "42" if window.questions_step.current_question.answer_kind == "number" else "Our own lab"


def _labels_text(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_answer_questions_with_the_keyboard_only(
    qtbot: QtBot,
    store: Store,
    bank: QuestionBank,
    make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
) -> None:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    flagged, bad_value, rule = yes_no_red_flag(bank, "knee-oa")
    everything = [q.id for q in bank.questions_for("knee-oa")]
    at = everything.index(flagged.id)
    # My questions: two before the warning sign, then it and the two after it, in that order.
    store.set_question_picks(profile_id, everything[:2] + everything[at : at + 3])
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    assert step.view == "mine"
    questions = step._questions  # noqa: SLF001 - the order on screen
    assert [q.id for q in questions] == everything[:2] + everything[at : at + 3]
    first, second = questions[3], questions[4]

    # Walk to the question whose answer is a warning sign, and give that answer by its shortcut.
    while step.current_question.id != flagged.id:
        _press(qtbot, Qt.Key.Key_Right)
    assert step.flags_for_current() == []
    _press(qtbot, getattr(Qt.Key, f"Key_{YES_NO_KEYS[YES_NO_VALUES.index(bad_value)][-1]}"))
    assert step.yes_no_buttons[bad_value].isChecked()
    assert [flag.rule.id for flag in step.flags_for_current()] == [rule.id]
    assert rule.title.get("en") in _labels_text(step.flags_box)
    assert step.no_flags.isHidden()
    assert rule.title.get("en") in step.clinic_flags.item(0).text()
    # Their words too (the focus is in the answer box), and "this worries me" (Alt+W).
    type_text(qtbot, QApplication.focusWidget(), "We will tell you after payment")
    _press(qtbot, Qt.Key.Key_W)
    assert step.worry_button.isChecked()

    # The next question: type the clinic's words where the focus already is.
    _press(qtbot, Qt.Key.Key_Right)
    assert step.current_question.id == first.id
    first_words = _words_for(window)
    qtbot.keyClicks(QApplication.focusWidget(), first_words)
    # Next again; mark it "asked" (Alt+2) without an answer.
    _press(qtbot, Qt.Key.Key_Right)
    assert step.current_question.id == second.id
    _press(qtbot, Qt.Key.Key_2)
    assert step.status_buttons["asked"].isChecked()
    assert step.progress.text().startswith("3 of 5 asked")  # counted over my questions
    # Back (Alt+Left) shows what was typed; then skip the other with Ctrl+Page Down, Alt+4, Ctrl+Page Up.
    _press(qtbot, Qt.Key.Key_Left)
    assert step.current_question.id == first.id
    shown = step.number_edit.text() if first.answer_kind == "number" else step.answer_text.toPlainText()
    assert shown == first_words
    _press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, Qt.Key.Key_4)
    _press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert step.current_question.id == first.id
    wait_for_autosave(qtbot)

    with reopen() as disk:
        answers = disk.answers_for_clinic(clinic_id)
    assert (answers[first.id].value or answers[first.id].text) == first_words
    assert answers[first.id].status == "answered"
    assert answers[second.id].status == "skipped"
    assert answers[flagged.id].value == bad_value
    assert answers[flagged.id].text == "We will tell you after payment"
    assert answers[flagged.id].flagged is True
    assert answers[flagged.id].status == "answered"


def test_the_shortcuts_are_in_help_and_tooltips_not_in_a_line_under_the_card(
    store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    profile_with_clinic(store, bank)
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    assert not [label.text() for label in step.findChildren(QLabel) if "Alt+Right" in label.text()]
    listed = "\n".join(" ".join(row) for _, rows in ShortcutsDialog(window).shortcut_groups() for row in rows)
    for key in ("Alt+Right", "Alt+Left", "Alt+1", "Alt+4", "Alt+W", "Alt+K", "Alt+Up", "Alt+Down"):
        assert key in listed
    assert "Alt+K" in step.ask_button.toolTip()
    assert "Alt+Up" in step.move_up_button.toolTip()
    assert "Alt+1" in step.status_buttons["to-ask"].toolTip()


def test_red_flags_of_earlier_answers_show_beside_their_question(
    store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    flagged, bad_value, rule = yes_no_red_flag(bank, "knee-oa")
    store.save_answer(clinic_id, flagged.id, value=bad_value)
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    step.set_view("all")  # the flagged question need not be one of the default pick
    ids = [q.id for q in step._questions]  # noqa: SLF001
    assert step.clinic_flags.count() >= 1

    step.show_question(ids.index(flagged.id))
    assert rule.title.get("en") in _labels_text(step.flags_box)
    row = step.list_model.row_of_question(ids.index(flagged.id))
    assert "▲" in step.list_model.data(step.list_model.index(row))


def test_add_your_own_question(
    qtbot: QtBot,
    store: Store,
    bank: QuestionBank,
    make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
    monkeypatch: object,
) -> None:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    monkeypatch.setattr(  # type: ignore[attr-defined]
        CustomQuestionDialog, "ask", classmethod(lambda cls, parent: ("Can I meet a former patient?", "예전 환자를 만나 볼 수 있습니까?"))
    )
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    qtbot.mouseClick(step.add_question_button, Qt.MouseButton.LeftButton)

    assert step.current_question.text.get("en") == "Can I meet a former patient?"
    assert step.question_ko.text() == "예전 환자를 만나 볼 수 있습니까?"
    type_text(qtbot, step.answer_text, "Yes, two of them")
    step.answer_text.clearFocus()
    with reopen() as disk:
        [custom] = disk.custom_questions(profile_id)
        assert disk.answer(clinic_id, custom.question_id).text == "Yes, two of them"


def test_with_no_red_flags_at_the_clinic_the_questions_take_the_flags_room(
    qtbot: QtBot, qapp: QApplication, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    """At Extra-large text on a laptop the list of questions is short; an empty box of flags must not shorten it."""
    profile_id, clinic_id = profile_with_clinic(store, bank)
    flagged, bad_value, _ = yes_no_red_flag(bank, "knee-oa")
    apply_text_size(qapp, "extra-large")
    try:
        window = make_window()
        window.resize(1280, 720)
        window.go_to_step(MainWindow.QUESTIONS)
        qtbot.wait(20)
        step = window.questions_step
        assert step.clinic_flags.isHidden() and "No red flags" in step.clinic_flags_title.text()
        roomy = step.question_list.height()
        store.save_answer(clinic_id, flagged.id, value=bad_value)
        step.enter()  # the answers are read again on entering the step
        qtbot.wait(20)
        assert not step.clinic_flags.isHidden() and step.clinic_flags.count() == 1
        assert step.question_list.height() < roomy - 2 * step.question_list.fontMetrics().height()
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)
