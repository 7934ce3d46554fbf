"""The patient list: a paged model that stays correct with thousands, switching and deleting patients."""

from __future__ import annotations

from collections.abc import Callable

from gui_helpers import Confirmations, type_text
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.gui.main_window import MainWindow
from app.gui.profile_list import PAGE_SIZE, ProfileIdRole, ProfileListModel
from db.store import Store


def test_the_model_passes_qts_model_checks_and_pages(
    qtmodeltester: ModelTester, store: Store, bank: QuestionBank
) -> None:
    with store.batch():
        for number in range(PAGE_SIZE * 2 + 7):
            store.create_profile(f"Patient {number:03}", condition="stroke" if number % 2 else "knee-oa")
    model = ProfileListModel(store, bank)
    model.refresh()

    assert model.rowCount() == PAGE_SIZE  # only the first page is read
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE * 2 + 7
    qtmodeltester.check(model)
    ids = {model.data(model.index(row, 0), ProfileIdRole) for row in range(model.rowCount())}
    assert len(ids) == model.rowCount()  # no patient twice across pages
    first = model.summary(0)
    assert model.data(model.index(0, ProfileListModel.CONDITION)) == bank.condition(first.condition).title.get("en")


def test_switching_patients_loads_their_data(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow], reopen: Callable[[], Store]
) -> None:
    first = store.create_profile("Aisha Khan", condition="stroke", mrs=3, goals="Use my left hand again")
    store.add_clinic(first.id, "Gangnam Neurology Hospital")
    second = store.create_profile("Tomasz Nowak", condition="heart", lvef=35, goals="Climb stairs")
    window = make_window()
    view = window.profile_list.view
    model = window.profile_list.model

    def pick(profile_id: int) -> None:
        row = model.row_of(profile_id)
        assert row is not None
        view.setCurrentIndex(model.index(row, 0))

    pick(first.id)
    assert window.profile_step.name.text() == "Aisha Khan"
    assert window.profile_step.goals.toPlainText() == "Use my left hand again"
    assert window.profile_step.measure_boxes["mrs"].currentData() == 3
    window.go_to_step(MainWindow.CLINICS)
    assert window.clinics_step.name.text() == "Gangnam Neurology Hospital"

    # An edit still inside the debounce goes to the patient it was typed for.
    type_text(qtbot, window.clinics_step.notes, "Asked for the MRI")
    pick(second.id)
    assert window.clinics_step.clinic_model.rowCount() == 0
    window.go_to_step(MainWindow.PROFILE)
    assert window.profile_step.name.text() == "Tomasz Nowak"
    assert window.profile_step.lvef.value() == 35
    assert window.profile_step.lvef.isVisibleTo(window.profile_step)
    with reopen() as disk:
        assert disk.clinics_for(first.id)[0].notes == "Asked for the MRI"
        assert disk.clinics_for(second.id) == []


def test_delete_a_patient_after_confirming(
    qtbot: QtBot,
    store: Store,
    make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
    confirm: Confirmations,
) -> None:
    keep = store.create_profile("Keep me")
    gone = store.create_profile("Delete me")
    window = make_window()
    window.profile_list.select_profile(gone.id)
    assert window.profile_id == gone.id

    confirm.answer = False
    qtbot.mouseClick(window.profile_list.delete_button, Qt.MouseButton.LeftButton)
    with reopen() as disk:
        assert disk.profile_count() == 2

    confirm.answer = True
    qtbot.mouseClick(window.profile_list.delete_button, Qt.MouseButton.LeftButton)
    assert "Delete me" in confirm.asked[-1] and "from this computer" in confirm.asked[-1]
    assert "Backups" in confirm.asked[-1]
    with reopen() as disk:
        assert [s.id for s in disk.list_profiles()] == [keep.id]
    assert window.profile_id == keep.id
    assert window.profile_step.name.text() == "Keep me"


def test_search_finds_patients_by_name_or_clinic_and_keeps_the_open_one(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow]
) -> None:
    aisha = store.create_profile("Aisha Khan", condition="stroke")
    store.add_clinic(aisha.id, "Gangnam Neurology Hospital", city="Seoul")
    olga = store.create_profile("Olga Ivanova", condition="knee-oa")
    store.add_clinic(olga.id, "Haeundae Joint Clinic", city="Busan")
    window = make_window()
    listing = window.profile_list
    listing.select_profile(olga.id)

    type_text(qtbot, listing.search, "gangnam")
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    assert listing.model.summary(0).id == aisha.id
    assert listing.count_label.text() == "Found: 1"
    assert window.profile_id == olga.id  # searching does not switch patients

    listing.search.clear()
    qtbot.waitUntil(lambda: listing.model.rowCount() == 2)
    assert listing.view.currentIndex().data(ProfileIdRole) == olga.id


def test_the_window_gives_its_store_the_condition_names_so_a_new_patient_is_found_by_them(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    store.create_profile("Aisha Khan", condition="stroke")
    created = store.create_profile("Olga Ivanova", condition="knee-oa")  # after the window: with its names
    listing = window.profile_list
    type_text(qtbot, listing.search, "무릎")
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    assert listing.model.summary(0).id == created.id
