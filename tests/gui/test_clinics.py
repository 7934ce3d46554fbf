"""Step 2: clinics are added, edited and deleted (after a confirmation), and compared side by side."""

from __future__ import annotations

from collections.abc import Callable

from gui_helpers import Confirmations, profile_with_clinic, type_text, wait_for_autosave, yes_no_red_flag
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.gui.main_window import MainWindow
from app.gui.marks import FLAG_MARK
from app.gui.text_size import DEFAULT_TEXT_SIZE, apply_text_size
from db.store import Store


def test_add_and_edit_a_clinic(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow], reopen: Callable[[], Store]
) -> None:
    profile = store.create_profile("Wei", condition="knee-oa")
    window = make_window()
    window.go_to_step(MainWindow.CLINICS)
    step = window.clinics_step

    qtbot.mouseClick(step.add_button, Qt.MouseButton.LeftButton)
    assert step.name.hasFocus()
    type_text(qtbot, step.name, "Namsan Regenerative Center 남산재생의학센터")
    type_text(qtbot, step.city, "Busan")
    type_text(qtbot, step.treatment, "Umbilical cord MSC infusion")
    type_text(qtbot, step.price, "12,500,000")
    step.currency.setCurrentText("KRW")
    type_text(qtbot, step.claimed_credentials, "Says it is MFDS approved")
    step.claimed_credentials.clearFocus()  # focus-out writes at once, before the debounce

    with reopen() as second:
        [clinic] = second.clinics_for(profile.id)
    assert clinic.name == "Namsan Regenerative Center 남산재생의학센터"
    assert clinic.city == "Busan"
    assert clinic.treatment == "Umbilical cord MSC infusion"
    assert clinic.price == 12_500_000
    assert clinic.currency == "KRW"
    assert clinic.claimed_credentials == "Says it is MFDS approved"
    assert "Namsan Regenerative Center" in step.clinic_model.data(step.clinic_model.index(0))

    # Edit: a second clinic, then back to the first, and change its city.
    qtbot.mouseClick(step.add_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, step.name, "Hangang Joint Clinic")
    step.clinic_list.setCurrentIndex(step.clinic_model.index(0))
    assert step.name.text().startswith("Namsan")
    step.city.selectAll()
    qtbot.keyClicks(step.city, "Seoul")  # typing over the selection
    wait_for_autosave(qtbot)
    with reopen() as second:
        names_cities = [(c.name, c.city) for c in second.clinics_for(profile.id)]
    assert names_cities == [("Namsan Regenerative Center 남산재생의학센터", "Seoul"), ("Hangang Joint Clinic", "")]


def test_delete_a_clinic_only_after_confirming(
    qtbot: QtBot,
    store: Store,
    bank: QuestionBank,
    make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
    confirm: Confirmations,
) -> None:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    store.add_clinic(profile_id, "Bukhan Heart Clinic")
    window = make_window()
    window.go_to_step(MainWindow.CLINICS)
    step = window.clinics_step
    assert step.current_clinic is not None and step.current_clinic.id == clinic_id

    confirm.answer = False
    qtbot.mouseClick(step.delete_button, Qt.MouseButton.LeftButton)
    with reopen() as second:
        assert len(second.clinics_for(profile_id)) == 2

    confirm.answer = True
    qtbot.mouseClick(step.delete_button, Qt.MouseButton.LeftButton)
    assert len(confirm.asked) == 2
    assert "Hangang Joint Clinic" in confirm.asked[-1]
    assert "from this computer" in confirm.asked[-1]
    with reopen() as second:
        assert [c.name for c in second.clinics_for(profile_id)] == ["Bukhan Heart Clinic"]
    assert step.clinic_model.rowCount() == 1
    assert step.name.text() == "Bukhan Heart Clinic"


def test_comparison_shows_answers_not_asked_and_red_flags(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    store: Store,
    bank: QuestionBank,
    make_window: Callable[[], MainWindow],
) -> None:
    profile_id, first = profile_with_clinic(store, bank)
    store.add_clinic(profile_id, "Bukhan Heart Clinic")
    question, bad_value, rule = yes_no_red_flag(bank, "knee-oa")
    store.save_answer(first, question.id, value=bad_value, text="We will explain later")
    window = make_window()
    window.go_to_step(MainWindow.CLINICS)
    step = window.clinics_step
    step.tabs.setCurrentIndex(step.COMPARE_TAB)
    model = step.comparison_model

    qtmodeltester.check(model)
    assert model.columnCount() == 3
    assert model.headerData(1, Qt.Orientation.Horizontal).startswith("Hangang Joint Clinic")
    rows = {model.row(r).question.id: r for r in range(model.rowCount()) if model.row(r).question}
    if question.priority == "essential":
        row = rows[question.id]
        flagged = model.data(model.index(row, 1))
        assert flagged.startswith(FLAG_MARK) and "We will explain later" in flagged
        assert rule.title.get("en") in model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
        assert model.data(model.index(row, 1), Qt.ItemDataRole.BackgroundRole) is not None
        assert model.data(model.index(row, 2)) == "not asked"
    else:
        assert all(model.data(model.index(r, 2)) == "not asked" for r in rows.values())
    assert set(rows) == {q.id for q in bank.questions_for("knee-oa") if q.priority == "essential"}


def test_a_long_clinic_name_in_the_comparison_is_shortened_from_its_end_to_its_column(
    qtbot: QtBot, qapp: QApplication, store: Store, make_window: Callable[[], MainWindow]
) -> None:
    apply_text_size(qapp, "extra-large")  # the columns are narrowest for their text
    try:
        _a_long_clinic_name_is_shortened(qtbot, store, make_window)
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)


def _a_long_clinic_name_is_shortened(qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow]) -> None:
    name = "서울 첨단재생의료 줄기세포 연구 및 치료 전문 국제 메디컬 센터 Seoul International Advanced Clinic"
    profile = store.create_profile("Kim", condition="knee-oa")
    store.add_clinic(profile.id, name, city="Seoul")
    store.add_clinic(profile.id, "Busan Clinic", city="Busan")
    window = make_window()
    window.resize(1280, 720)
    window.go_to_step(MainWindow.CLINICS)
    step = window.clinics_step
    step.tabs.setCurrentIndex(step.COMPARE_TAB)
    qtbot.wait(20)
    header = step.comparison_view.horizontalHeader()
    model = step.comparison_model
    title = model.headerData(1, Qt.Orientation.Horizontal)
    first, city = title.split("\n")
    assert first.startswith("서울 첨단재생의료") and first.endswith("…") and city == "Seoul"
    assert header.fontMetrics().horizontalAdvance(first) < header.sectionSize(1)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Busan Clinic\nBusan"  # a short name stays whole
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == f"{name} (Seoul)"
