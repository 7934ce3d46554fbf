"""Step 1: a profile typed into the form reaches the database; the measure follows the condition."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.gui.main_window import MainWindow
from db.store import Store
from gui_helpers import Confirmations, type_text, wait_for_autosave


def _choose_condition(window: MainWindow, condition_id: str) -> None:
    box = window.profile_step.condition
    box.setCurrentIndex(box.findData(condition_id))


def test_create_a_profile_through_the_form(
    qtbot: QtBot, window: MainWindow, reopen: Callable[[], Store], bank: QuestionBank
) -> None:
    qtbot.mouseClick(window.profile_list.new_button, Qt.MouseButton.LeftButton)
    form = window.profile_step
    assert window.current_step == MainWindow.PROFILE
    assert form.name.hasFocus() and form.name.selectedText() == "New patient"

    type_text(qtbot, form.name, "Margaret Lee 이순자")
    qtbot.keyClicks(form.birth_year, "1956")
    type_text(qtbot, form.languages, "English, 한국어 a little")
    _choose_condition(window, "knee-oa")
    kl_box = form.measure_boxes["kl_grade"]
    assert kl_box.isVisibleTo(form) and not form.lvef.isVisibleTo(form)
    assert bank.condition("knee-oa").measure_title.get("en") in form.measure_label.text()
    kl_box.setCurrentIndex(kl_box.findData(3))
    qtbot.keyClicks(form.diagnosis, "Both knees, worse on stairs")
    qtbot.keyClicks(form.goals, "Walk to the market without pain")
    wait_for_autosave(qtbot)

    with reopen() as second:
        [summary] = second.list_profiles()
        saved = second.profile(summary.id)
    assert saved.name == "Margaret Lee 이순자"
    assert saved.birth_year == 1956
    assert saved.languages == "English, 한국어 a little"
    assert saved.condition == "knee-oa"
    assert saved.kl_grade == 3
    assert saved.diagnosis == "Both knees, worse on stairs"
    assert saved.goals == "Walk to the market without pain"
    # The patient list shows the new name without being re-read.
    assert window.profile_list.model.summary(0).name == "Margaret Lee 이순자"


def test_the_measure_field_switches_with_the_condition(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow], reopen: Callable[[], Store]
) -> None:
    store.create_profile("Ivan", condition="knee-oa")
    window = make_window()
    form = window.profile_step

    def shown() -> set[str]:
        visible = {name for name, box in form.measure_boxes.items() if box.isVisibleTo(form)}
        if form.lvef.isVisibleTo(form):
            visible.add("lvef")
        return visible

    assert shown() == {"kl_grade"}
    _choose_condition(window, "stroke")
    assert shown() == {"mrs"}
    assert [form.measure_boxes["mrs"].itemText(i) for i in range(1, form.measure_boxes["mrs"].count())] == [
        "0", "1", "2", "3", "4", "5"
    ]
    _choose_condition(window, "parkinsons")
    assert shown() == {"hoehn_yahr"}
    box = form.measure_boxes["hoehn_yahr"]
    assert [box.itemText(i) for i in range(1, box.count())] == ["1", "1.5", "2", "2.5", "3", "4", "5"]
    box.setCurrentIndex(box.findData(2.5))
    _choose_condition(window, "heart")
    assert shown() == {"lvef"}
    form.lvef.setFocus()
    form.lvef.selectAll()
    qtbot.keyClicks(form.lvef, "35")
    _choose_condition(window, "skin")
    assert shown() == set()
    assert not form.measure_widget.isVisibleTo(form)
    _choose_condition(window, "parkinsons")
    assert box.currentData() == 2.5  # what was chosen before is shown again
    wait_for_autosave(qtbot)

    with reopen() as second:
        [summary] = second.list_profiles()
        saved = second.profile(summary.id)
    assert saved.condition == "parkinsons"
    assert saved.hoehn_yahr == 2.5
    assert saved.lvef == 35


def test_an_impossible_birth_year_is_explained_and_kept_on_screen(
    qtbot: QtBot,
    store: Store,
    make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
    confirm: Confirmations,
) -> None:
    profile = store.create_profile("Olga", birth_year=1950)
    window = make_window()
    form = window.profile_step
    form.birth_year.selectAll()
    qtbot.keyClicks(form.birth_year, "1850")
    wait_for_autosave(qtbot)

    assert "Year of birth" in window.banner.message
    assert form.birth_year.text() == "1850"
    with reopen() as second:
        assert second.profile(profile.id).birth_year == 1950

    # Closing asks before the unsaved year is lost; "no" keeps the window open.
    confirm.answer = False
    window.close()
    assert window.isVisible()
    assert "Year of birth" in confirm.asked[-1]
    confirm.answer = True
    window.close()
    assert not window.isVisible()
