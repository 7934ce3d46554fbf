"""The facilitator's worklist and the patient list that steps aside: Qt's model checks, figures for the rows on
screen only, sorting in the database, opening a patient, and the list closing by itself for the Questions step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from gui_helpers import demo_and_another_on_a_laptop
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.demo import create_demo
from app.domain.question_bank import QuestionBank
from app.domain.sample import add_sample_profiles
from app.gui.main_window import PATIENT_LIST_SETTING, MainWindow
from app.gui.profile_list import PAGE_SIZE, ProfileListModel
from app.gui.text_size import DEFAULT_TEXT_SIZE, apply_text_size
from app.gui.worklist import WorklistModel
from db.store import Store

#: The offscreen platform cannot pass size limits to a window manager, nor raise the floating list; it says so.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


def _shown(model: WorklistModel, row: int, column: int) -> str:
    return str(model.data(model.index(row, column)))


def test_the_model_passes_qts_checks_and_works_out_figures_only_for_rows_asked_about(
    qtbot: QtBot, qtmodeltester: ModelTester, store: Store, bank: QuestionBank
) -> None:
    add_sample_profiles(store, PAGE_SIZE * 2 + 5, bank=bank)
    demo = create_demo(store)
    model = WorklistModel(store, bank)
    model.refresh()
    qtmodeltester.check(model)  # asks every cell of the first page

    row = model.row_of(demo.id)
    assert row == 0  # most recently changed first
    qtbot.waitUntil(lambda: _shown(model, row, WorklistModel.FLAGS) not in ("…", "counting…"))
    assert _shown(model, row, WorklistModel.NAME) == demo.name
    assert _shown(model, row, WorklistModel.CLINICS) == "2"
    assert _shown(model, row, WorklistModel.TRAVEL) == store.profile(demo.id).travel != ""  # months and note
    assert _shown(model, row, WorklistModel.FLAGS).endswith("3")
    # Only rows a view asked about are worked out, not the patients further down.
    for shown_row in range(PAGE_SIZE):
        model.data(model.index(shown_row, WorklistModel.FLAGS))
    qtbot.waitUntil(lambda: model.figures(model.summary(PAGE_SIZE - 1).id) is not None)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.figures(model.summary(model.rowCount() - 1).id) is None


def test_columns_sort_in_the_database(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    soon, later = date.today() + timedelta(days=10), date.today() + timedelta(days=40)
    for name, when in (("Anna", later), ("Boris", None), ("Chen", soon)):
        profile = store.create_profile(name, condition="stroke")
        store.add_clinic(profile.id, "Clinic", appointment=when.isoformat() if when else None)
    window = make_window()
    window.show_worklist()
    page = window.worklist
    header = page.view.horizontalHeader()
    names = lambda: [page.model.summary(r).name for r in range(page.model.rowCount())]  # noqa: E731

    header.setSortIndicator(WorklistModel.APPOINTMENT, Qt.SortOrder.AscendingOrder)
    assert names() == ["Chen", "Anna", "Boris"]  # soonest first, none booked last
    header.setSortIndicator(WorklistModel.APPOINTMENT, Qt.SortOrder.DescendingOrder)
    assert names() == ["Anna", "Chen", "Boris"]  # still last when reversed
    header.setSortIndicator(WorklistModel.NAME, Qt.SortOrder.DescendingOrder)
    assert names() == ["Chen", "Boris", "Anna"]
    header.setSortIndicator(WorklistModel.CLINICS, Qt.SortOrder.AscendingOrder)
    assert page.model.query.sort == "clinics"


def _flagged_patient(store: Store, name: str, refusals: int) -> int:
    """A patient with two clinics, `refusals` of which said there is no legal route (a serious red flag)."""
    profile = store.create_profile(name, condition="knee-oa")
    for number in range(2):
        clinic = store.add_clinic(profile.id, f"Clinic {number + 1}")
        store.save_answer(clinic.id, "cred.legal-route", value="none" if number < refusals else "approved-product")
    return profile.id


def test_sorting_by_serious_red_flags_counts_in_the_background_then_puts_everyone_in_place(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    for name, refusals in (("Bora", 1), ("Ahn", 0), ("Cho", 2)):
        _flagged_patient(store, name, refusals)
    window = make_window()
    window.show_worklist()
    page = window.worklist
    names = lambda: [page.model.summary(r).name for r in range(page.model.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: not page.model.counting_now)
    page.view.horizontalHeader().setSortIndicator(WorklistModel.FLAGS, Qt.SortOrder.AscendingOrder)
    # The first click shows the most serious red flags first.
    assert page.view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    qtbot.waitUntil(lambda: names() == ["Cho", "Bora", "Ahn"])
    for row in range(3):
        page.model.data(page.model.index(row, WorklistModel.FLAGS))
    qtbot.waitUntil(lambda: _shown(page.model, 0, WorklistModel.FLAGS).endswith("2"))
    assert _shown(page.model, 2, WorklistModel.FLAGS) == "0"
    page.view.horizontalHeader().setSortIndicator(WorklistModel.FLAGS, Qt.SortOrder.AscendingOrder)
    assert names() == ["Ahn", "Bora", "Cho"]


def test_a_count_not_yet_made_reads_counting_never_a_wrong_number(
    qtbot: QtBot, store: Store, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    flagged = _flagged_patient(store, "Cho", 2)
    model = WorklistModel(store, bank)
    monkeypatch.setattr(model.counter, "count", lambda profile_ids=None: None)  # the counter is busy elsewhere
    model.refresh()
    model.data(model.index(0, WorklistModel.FLAGS))
    qtbot.waitUntil(lambda: model.figures(flagged) is not None)
    assert _shown(model, 0, WorklistModel.FLAGS) == "counting…"
    assert _shown(model, 0, WorklistModel.QUESTIONS) == "counting…"
    assert _shown(model, 0, WorklistModel.CLINICS) == "2"  # what needs no counting is shown at once


def test_an_answer_that_raises_a_flag_shows_in_the_worklist_when_it_opens_again(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    quiet = _flagged_patient(store, "Quiet", 0)
    window = make_window()
    window.show_worklist()
    page = window.worklist
    page.model.data(page.model.index(0, WorklistModel.FLAGS))
    qtbot.waitUntil(lambda: _shown(page.model, 0, WorklistModel.FLAGS) == "0")
    store.save_answer(store.clinics_for(quiet)[0].id, "cred.legal-route", value="none")
    page.back_button.click()
    window.show_worklist()
    page.model.data(page.model.index(0, WorklistModel.FLAGS))
    qtbot.waitUntil(lambda: _shown(page.model, 0, WorklistModel.FLAGS).endswith("1"))


def test_opening_a_patient_from_the_worklist_shows_their_step(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    olga = store.create_profile("Olga", condition="stroke")
    store.create_profile("Ivan", condition="knee-oa")
    window = make_window()
    window.go_to_step(MainWindow.CLINICS)
    window.show_worklist()
    assert window.stack.currentWidget() is window.worklist
    assert not window.patients_dock.isVisible()  # the table replaces the list
    assert not any(button.isChecked() for button in window.step_buttons)
    page = window.worklist
    row = page.model.row_of(olga.id)
    page.view.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert window.profile_id == olga.id
    assert window.stack.currentWidget() is window.clinics_step
    assert window.step_buttons[MainWindow.CLINICS].isChecked()

    window.show_worklist()
    page.back_button.click()
    assert window.stack.currentWidget() is window.clinics_step and window.profile_id == olga.id


def test_the_patient_list_steps_aside_for_the_questions_and_remembers_the_users_choice(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow]
) -> None:
    window = demo_and_another_on_a_laptop(store, make_window)
    dock = window.patients_dock
    assert dock.isVisible()  # two patients: the list opens beside the profile
    window.go_to_step(MainWindow.QUESTIONS)
    assert not dock.isVisible()  # the Questions step needs the room
    window.go_to_step(MainWindow.CLINICS)
    assert dock.isVisible()  # and it comes back

    window.go_to_step(MainWindow.QUESTIONS)
    window.layout().activate()  # the step takes the room the list left
    step_width = window.questions_step.width()
    assert step_width > window.centralWidget().width() - 40  # all of it but the margins
    dock.toggleViewAction().trigger()  # the user wants it here anyway: it floats over the step as a drawer
    assert dock.isVisible() and dock.isFloating() and window.patient_list_is_drawer
    assert window.questions_step.width() == step_width  # the step is not squeezed
    assert store.setting(PATIENT_LIST_SETTING) == "open"
    other = next(s.id for s in map(window.profile_list.model.summary, range(2)) if s.id != window.profile_id)
    window.profile_list.select_profile(other)
    assert window.profile_id == other and not dock.isVisible()  # the drawer closes once a patient is chosen
    window.go_to_step(MainWindow.CLINICS)
    assert dock.isVisible() and not dock.isFloating()  # back beside the steps

    window.go_to_step(MainWindow.PROFILE)
    dock.close()  # its own close button
    assert store.setting(PATIENT_LIST_SETTING) == "closed"
    window.go_to_step(MainWindow.CLINICS)
    assert not dock.isVisible()  # stays closed: the user closed it

    window.resize(1800, 1000)
    dock.toggleViewAction().trigger()
    window.go_to_step(MainWindow.QUESTIONS)
    assert dock.isVisible() and not dock.isFloating()  # a wide window has room for both


def test_the_patient_list_steps_aside_for_the_sheets_preview_too(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow]
) -> None:
    window = demo_and_another_on_a_laptop(store, make_window)
    window.go_to_step(MainWindow.SHEET)
    window.layout().activate()
    assert not window.patients_dock.isVisible()
    assert window.sheet_step.width() > window.centralWidget().width() - 40  # the preview has the width
    window.go_to_step(MainWindow.PROFILE)
    assert window.patients_dock.isVisible()


@pytest.mark.parametrize(("text_size", "name"), [("normal", "Mohammed Al-Rashid"), ("extra-large", "Mohammed Müller")])
def test_a_full_name_is_whole_in_the_patient_list_on_a_small_laptop(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow], qapp: QApplication, text_size: str, name: str
) -> None:
    """A facilitator tells 300 patients apart by name: 18 characters at Normal text, 15 at Extra large."""
    store.create_profile(name, condition="knee-oa")
    store.create_profile("Second patient", condition="stroke")
    apply_text_size(qapp, text_size)
    try:
        window = make_window()
        window.resize(1280, 720)
        window.layout().activate()
        view = window.profile_list.view
        room = view.columnWidth(ProfileListModel.NAME) - 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
        needed = view.fontMetrics().horizontalAdvance(name)
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)
    assert needed < room, (needed, room)


def test_with_no_patients_the_worklist_goes_back_to_the_welcome(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    window.show_worklist()
    assert window.worklist.model.rowCount() == 0
    window.worklist.back_button.click()
    assert window.stack.currentIndex() == 0


def test_a_window_closing_while_counting_stops_the_count_instead_of_waiting_for_it(
    qtbot: QtBot, store: Store, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    import shiboken6

    import app.gui.tally_counter as tally_counter
    from app.domain import worklist

    add_sample_profiles(store, 60, bank=bank)
    monkeypatch.setattr(worklist, "TALLIES_PER_STEP", 1)
    steps: list[int] = []

    def counted_steps(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        for step in worklist.count_stale_tallies(*args, **kwargs):  # type: ignore[arg-type]
            steps.append(len(step.tallies))
            time.sleep(0.02)  # a patient with many clinics and answers
            yield step

    monkeypatch.setattr(tally_counter, "count_stale_tallies", counted_steps)
    model = WorklistModel(store, bank)
    model.count_all()
    qtbot.waitUntil(lambda: len(steps) >= 1)
    model.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(model))
    assert len(steps) < 60  # it stopped after the step under way
