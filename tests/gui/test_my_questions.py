"""My questions in the Questions step: adding to the list, moving up and down, the two views, my own question
placed where I am, and a red flag marked "not a concern" with a note and restored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from gui_helpers import profile_with_clinic, yes_no_red_flag
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app.domain.demo import create_demo
from app.domain.question_bank import QuestionBank
from app.gui.dialogs import CustomQuestionDialog
from app.gui.flags_panel import DismissFlagDialog
from app.gui.main_window import MainWindow
from app.gui.question_list import PICKED_MARK
from app.gui.text_size import DEFAULT_TEXT_SIZE, apply_text_size, base_point_size
from db.store import Store

ALT = Qt.KeyboardModifier.AltModifier


def _press(qtbot: QtBot, key: Qt.Key) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, ALT)


def _list_texts(step: object) -> list[str]:
    model = step.list_model  # type: ignore[attr-defined]
    return [model.data(model.index(row)) for row in range(model.rowCount())]


def test_ask_this_move_and_the_two_views(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
) -> None:
    profile_id, _ = profile_with_clinic(store, bank)
    everything = [q.id for q in bank.questions_for("knee-oa")]
    store.set_question_picks(profile_id, [everything[0], everything[5], everything[9]])
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    assert step.view == "mine"
    assert step.list_pane.my_view_button.text().replace("&", "") == "My questions (3)"
    assert step.question_count == 3
    short = bank.question(everything[5]).short.en
    assert _list_texts(step)[1] == f"○ 2. {short}"  # numbered as on my list, by its short title
    assert step.progress.text() == "0 of 3 asked"

    # All questions: question 4 of the checklist goes on my list after question 1 (Alt+K).
    step.show_question(1)
    qtbot.mouseClick(step.list_pane.all_view_button, Qt.MouseButton.LeftButton)
    assert step.view == "all" and step.question_count == len(everything)
    assert step.current_question.id == everything[5]  # the same question stays on screen
    step.show_question(3)
    step.answer_text.setFocus()
    assert not step.ask_button.isChecked()
    _press(qtbot, Qt.Key.Key_K)
    assert step.ask_button.isChecked()
    assert step.my_questions == [everything[0], everything[3], everything[5], everything[9]]
    short = bank.question(everything[3]).short.en
    assert f"○ {PICKED_MARK} 4. {short}" in _list_texts(step)
    assert step.progress.text() == "0 of 4 asked"
    assert step.list_pane.my_view_button.text().replace("&", "") == "My questions (4)"

    # Back on my list: move it down with the key, then up with the button.
    qtbot.mouseClick(step.list_pane.my_view_button, Qt.MouseButton.LeftButton)
    assert step.current_question.id == everything[3] and step.current_index == 1
    step.answer_text.setFocus()
    _press(qtbot, Qt.Key.Key_Down)
    assert step.my_questions == [everything[0], everything[5], everything[3], everything[9]]
    assert step.current_index == 2 and step.current_question.id == everything[3]
    qtbot.mouseClick(step.move_up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(step.move_up_button, Qt.MouseButton.LeftButton)
    assert step.my_questions == [everything[3], everything[0], everything[5], everything[9]]
    assert not step.move_up_button.isEnabled()  # first on the list

    # Taking it off my list shows the next one in its place.
    qtbot.mouseClick(step.ask_button, Qt.MouseButton.LeftButton)
    assert step.my_questions == [everything[0], everything[5], everything[9]]
    assert step.current_question.id == everything[0]
    with reopen() as disk:
        assert disk.question_picks(profile_id) == [everything[0], everything[5], everything[9]]


def test_my_own_question_is_picked_after_the_question_on_screen(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store], monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile_id, _ = profile_with_clinic(store, bank)
    everything = [q.id for q in bank.questions_for("knee-oa")]
    store.set_question_picks(profile_id, everything[:4])
    monkeypatch.setattr(CustomQuestionDialog, "ask", classmethod(lambda cls, parent: ("Can I meet a patient?", "")))
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    step.show_question(1)
    qtbot.mouseClick(step.add_question_button, Qt.MouseButton.LeftButton)
    with reopen() as disk:
        [custom] = disk.custom_questions(profile_id)
        assert disk.question_picks(profile_id) == [everything[0], everything[1], custom.question_id, *everything[2:4]]
    assert step.current_question.id == custom.question_id
    assert step.current_index == 2 and step.ask_button.isChecked()
    assert _list_texts(step)[2].endswith("3. Can I meet a patient?")


def test_a_red_flag_can_be_marked_not_a_concern_with_a_note_and_restored(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store], monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    flagged, bad_value, rule = yes_no_red_flag(bank, "knee-oa")
    store.set_question_picks(profile_id, [flagged.id])
    store.save_answer(clinic_id, flagged.id, value=bad_value)
    asked: list[str] = []
    monkeypatch.setattr(
        DismissFlagDialog, "ask",
        classmethod(lambda cls, parent, title: asked.append(title) or "They showed the letter"),
    )
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    assert "▲" in _list_texts(step)[0]
    [dismiss] = [b for b in step.flags_box.findChildren(QPushButton) if b.text() == "Not a concern…"]
    qtbot.mouseClick(dismiss, Qt.MouseButton.LeftButton)
    assert asked == [rule.title.get("en")]
    with reopen() as disk:
        assert disk.flag_dismissals(clinic_id)[rule.id].note == "They showed the letter"
    qtbot.wait(1)
    labels = "\n".join(label.text() for label in step.flags_box.findChildren(QLabel) if label.isVisible())
    assert "Your note: They showed the letter" in labels
    assert "▲" not in _list_texts(step)[0]  # a dismissed flag no longer marks the question
    assert step.clinic_flags.item(0).text().startswith("Not a concern:")
    assert "1 not a concern" in step.clinic_flags_title.text()

    [restore] = [b for b in step.flags_box.findChildren(QPushButton) if b.text() == "Restore" and b.isVisible()]
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    with reopen() as disk:
        assert disk.flag_dismissals(clinic_id) == {}
    assert "▲" in _list_texts(step)[0]


def test_entering_a_question_shows_the_question_not_only_the_answer_box(
    qapp: QApplication, qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    profile_with_clinic(store, bank)
    window = make_window()
    window.resize(1280, 720)
    base_point_size(qapp)
    apply_text_size(qapp, "extra-large")  # the answer box is below the fold: the question must not scroll away
    try:
        window.go_to_step(MainWindow.QUESTIONS)
        step = window.questions_step
        scrolled = 0
        for index in range(0, step.question_count, 5):
            step.show_question(index, focus_answer=True)
            qtbot.wait(5)
            top = step.question_en.mapTo(step.card_scroll.viewport(), step.question_en.rect().topLeft()).y()
            assert top >= 0, step.current_question.id
            assert QApplication.focusWidget() in (step.answer_text, step.number_edit)
            scrolled += step.card_scroll.verticalScrollBar().value() > 0
        assert scrolled, "no question was long enough to need scrolling; the test would prove nothing"
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)


def test_a_red_flag_from_the_clinic_details_is_dismissed_from_the_clinic_list(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store], monkeypatch: pytest.MonkeyPatch,
) -> None:
    demo = create_demo(store)
    monkeypatch.setattr(DismissFlagDialog, "ask", classmethod(lambda cls, parent, title: "Checked the register"))
    window = make_window()
    window.profile_list.select_profile(demo.id)
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    rows = []
    for clinic_row in range(step.clinic_box.count()):
        step.clinic_box.setCurrentIndex(clinic_row)
        items = [step.clinic_flags.item(r) for r in range(step.clinic_flags.count())]
        rows = [r for r, item in enumerate(items) if item.data(Qt.ItemDataRole.UserRole) is None]
        if rows:
            break
    assert rows, "the demo has a red flag raised by a clinic's details"
    item = step.clinic_flags.item(rows[0])
    rect = step.clinic_flags.visualItemRect(item)
    qtbot.mouseClick(step.clinic_flags.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_step == MainWindow.QUESTIONS  # a click only chooses it
    panel = step.clinic_flags_panel
    assert panel.dismiss_button.isVisible() and not panel.restore_button.isVisible()
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    clinic_id = step.current_clinic.id
    with reopen() as disk:
        [(rule_id, dismissal)] = disk.flag_dismissals(clinic_id).items()
    assert dismissal.note == "Checked the register"
    dismissed = [step.clinic_flags.item(r) for r in range(step.clinic_flags.count())
                 if step.clinic_flags.item(r).text().startswith("Not a concern:")]
    assert len(dismissed) == 1
    step.clinic_flags.setCurrentItem(dismissed[0])
    assert panel.restore_button.isVisible() and not panel.dismiss_button.isVisible()
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    with reopen() as disk:
        assert disk.flag_dismissals(clinic_id) == {}


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_not_a_concern_dialog_is_named_clash_free_and_needs_a_note(qtbot: QtBot) -> None:
    from test_accessibility import clashes, unnamed_controls

    dialog = DismissFlagDialog("Would not give the plan's reference number")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert unnamed_controls(dialog) == [] and clashes(dialog) == []
    [ok] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Not a concern"]
    assert not ok.isEnabled()  # a dismissal always says why
    qtbot.keyClicks(dialog.note, "They showed me the letter")
    assert ok.isEnabled()


def test_with_nothing_picked_the_step_opens_the_whole_checklist_to_pick_from(
    store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    profile_id, _ = profile_with_clinic(store, bank)
    store.set_question_picks(profile_id, [])
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    assert step.view == "all" and step.question_count == len(bank.questions_for("knee-oa"))
    assert step.list_pane.my_view_button.text().replace("&", "") == "My questions (0)"
    assert step.progress.text() == "0 of 0 asked"


def test_my_own_words_show_as_written_in_the_list_and_the_flags(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    custom = store.add_custom_question(profile_id, "<b>Is it & safe?</b> 안전합니까? 🙂")
    flagged, bad_value, rule = yes_no_red_flag(bank, "knee-oa")
    store.set_question_picks(profile_id, [custom.question_id, flagged.id])
    store.save_answer(clinic_id, flagged.id, value=bad_value)
    store.dismiss_flag(clinic_id, rule.id, "<i>fine</i> & " + "x" * 150)
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    model = step.list_model
    assert model.data(model.index(0)) == "○ 1. <b>Is it & safe?</b> 안전합니까? 🙂"
    tooltip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Is it &amp; safe?&lt;/b&gt;" in tooltip and "<b>" not in tooltip
    assert step.question_en.text() == "<b>Is it & safe?</b> 안전합니까? 🙂"
    assert step.question_en.textFormat() == Qt.TextFormat.PlainText
    [item] = [step.clinic_flags.item(r) for r in range(step.clinic_flags.count())
              if step.clinic_flags.item(r).text().startswith("Not a concern:")]
    assert "&lt;i&gt;fine&lt;/i&gt; &amp;" in item.toolTip()


@pytest.mark.parametrize("text_size", ["normal", "extra-large"])
def test_the_legend_keeps_each_mark_beside_its_meaning_when_it_wraps(
    qapp: QApplication, qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    text_size: str,
) -> None:
    profile_with_clinic(store, bank)
    apply_text_size(qapp, text_size)
    try:
        window = make_window()
        window.resize(1280, 720)
        window.go_to_step(MainWindow.QUESTIONS)
        qtbot.wait(10)
        legend = window.questions_step.findChild(QLabel, "questionLegend")
        layout = QTextLayout(legend.text(), legend.font())
        layout.beginLayout()
        lines = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(legend.contentsRect().width())
            lines.append(legend.text()[line.textStart():line.textStart() + line.textLength()].strip())
        layout.endLayout()
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)
    assert len(lines) > 1, "the legend must wrap here, or the test proves nothing"
    marks = ("○", "◎", "●", "×", "▲", PICKED_MARK)
    assert not [line for line in lines if line.endswith(marks)], lines


def test_the_list_button_says_what_it_will_do_and_then_where_the_question_is(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    profile_with_clinic(store, bank)
    window = make_window()
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    step.set_view("all")
    unpicked = next(i for i in range(step.question_count) if step._questions[i].id not in step.my_questions)  # noqa: SLF001
    step.show_question(unpicked)
    assert step.ask_button.text() == "Add to my questions" and not step.ask_button.isChecked()
    step.ask_button.click()
    assert step.ask_button.text() == f"{PICKED_MARK} On my questions" and step.current_question.id in step.my_questions
    step.ask_button.click()
    assert step.ask_button.text() == "Add to my questions" and step.current_question.id not in step.my_questions
