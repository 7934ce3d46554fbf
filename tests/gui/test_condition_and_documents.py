"""Step 1: a new patient has no condition chosen until they choose one (its own questions wait for it), and the
documents to bring for their condition are ticked off, each tick saved at once."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from app.domain.picks import load_my_questions, question_condition
from app.domain.question_bank import QuestionBank
from app.gui.main_window import MainWindow
from db.store import Store


def test_a_new_patient_starts_with_no_condition_and_the_choice_is_saved(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
) -> None:
    window = make_window()
    window.new_patient()
    step = window.profile_step
    profile_id = window.profile_id
    assert profile_id is not None
    assert step.condition.currentIndex() == -1
    assert step.condition.currentText() == ""
    assert "condition not chosen yet" in window.patient_label.text()
    with reopen() as disk:
        profile = disk.profile(profile_id)
    assert not profile.condition_chosen
    # Until the choice, only the questions for everyone apply: none is for one condition only.
    condition = question_condition(profile)
    assert condition == "" and bank.questions_for(condition)
    assert all(not q.conditions for q in bank.questions_for(condition))
    picked = set(load_my_questions(store, bank, profile_id))
    assert not any(bank.question(q).conditions for q in picked if not q.startswith("custom:"))

    step.condition.setCurrentIndex(step.condition.findData("stroke"))
    with reopen() as disk:
        profile = disk.profile(profile_id)
    assert profile.condition == "stroke" and profile.condition_chosen
    assert "condition not chosen yet" not in window.patient_label.text()


def test_documents_to_bring_follow_the_condition_and_ticks_are_saved(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
) -> None:
    profile = store.create_profile("Wei", condition="knee-oa")
    window = make_window()
    checklist = window.profile_step.documents
    assert list(checklist.boxes) == [d.id for d in bank.documents_for("knee-oa")]
    first = next(iter(checklist.boxes))
    checklist.boxes[first].click()
    with reopen() as disk:
        assert disk.ticked_documents(profile.id) == {first}
    checklist.boxes[first].click()
    with reopen() as disk:
        assert disk.ticked_documents(profile.id) == set()

    checklist.boxes[first].click()
    window.profile_step.condition.setCurrentIndex(window.profile_step.condition.findData("stroke"))
    assert list(checklist.boxes) == [d.id for d in bank.documents_for("stroke")]
    if first in checklist.boxes:
        assert checklist.boxes[first].isChecked()  # a tick survives a change of condition


def test_the_patient_lists_say_when_no_condition_is_chosen(store: Store, make_window: Callable[[], MainWindow]) -> None:
    store.create_profile("Olga", condition="stroke")
    new = store.create_profile("New patient")
    window = make_window()
    for model in (window.profile_list.model, window.worklist.model):
        model.refresh()
        row = model.row_of(new.id)
        assert model.data(model.index(row, model.CONDITION)) == "not chosen yet"
    window.profile_list.select_profile(new.id)
    window.profile_step.condition.setCurrentIndex(window.profile_step.condition.findData("stroke"))
    model = window.profile_list.model
    assert model.data(model.index(model.row_of(new.id), model.CONDITION)) == "Stroke"
