"""Step 2: the consultation booked with each clinic (day, time, place, interpreter), shown in the clinic list with
a red-flag badge; the treatment offered takes several lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gui_helpers import profile_with_clinic, type_text, wait_for_autosave
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.domain.demo import create_demo
from app.domain.question_bank import QuestionBank
from app.domain.red_flags import evaluate_red_flags
from app.gui.appointment import NO_TIME
from app.gui.calendar_export import CalendarDialog
from app.gui.main_window import MainWindow
from app.gui.marks import FLAG_MARK
from db.records import Clinic
from db.store import Store


def test_booking_a_consultation_saves_its_day_time_place_and_interpreter(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
) -> None:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    window = make_window()
    window.go_to_step(MainWindow.CLINICS)
    step = window.clinics_step
    edit = step.appointment
    assert not edit.booked.isChecked() and not edit.date.isEnabled()

    qtbot.mouseClick(edit.booked, Qt.MouseButton.LeftButton, pos=edit.booked.rect().center())
    edit.date.setDate(QDate(2027, 5, 14))
    wait_for_autosave(qtbot)
    with reopen() as disk:
        assert disk.clinic(clinic_id).appointment == "2027-05-14"  # the time is not known yet

    edit.time.setTime(QTime(14, 30))
    type_text(qtbot, step.appointment_place, "International clinic, 3rd floor")
    type_text(qtbot, step.interpreter, "Hospital interpreter")
    wait_for_autosave(qtbot)
    with reopen() as disk:
        clinic = disk.clinic(clinic_id)
    assert clinic.appointment == "2027-05-14T14:30"
    assert (clinic.appointment_place, clinic.interpreter) == ("International clinic, 3rd floor", "Hospital interpreter")
    assert "Consultation: 2027-05-14 14:30" in step.clinic_model.data(step.clinic_model.index(0))

    qtbot.mouseClick(edit.booked, Qt.MouseButton.LeftButton, pos=edit.booked.rect().center())
    wait_for_autosave(qtbot)
    with reopen() as disk:
        assert disk.clinic(clinic_id).appointment is None
    assert "Consultation" not in step.clinic_model.data(step.clinic_model.index(0))


def test_a_stored_appointment_is_shown_and_showing_it_writes_nothing(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow]
) -> None:
    profile = store.create_profile("Wei", condition="knee-oa")
    clinic = store.add_clinic(profile.id, "Namsan", appointment="2027-06-02")
    window = make_window()
    window.go_to_step(MainWindow.CLINICS)
    edit = window.clinics_step.appointment
    assert edit.booked.isChecked()
    assert edit.date.date() == QDate(2027, 6, 2) and edit.time.time() == NO_TIME
    assert edit.time.text() == "time not known"
    assert not window.clinics_step.autosave.has_pending
    assert store.clinic(clinic.id).updated_at == clinic.updated_at


def test_the_clinic_list_badges_clinics_with_red_flags_and_the_treatment_is_multi_line(
    store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> None:
    demo = create_demo(store)
    second = store.clinics_for(demo.id)[1]
    raised = evaluate_red_flags(bank, second, store.answers_for_profile(demo.id))
    assert len(raised) > 1
    window = make_window()
    window.profile_list.select_profile(demo.id)
    window.go_to_step(MainWindow.CLINICS)
    step = window.clinics_step
    careful, flagged = (step.clinic_model.data(step.clinic_model.index(row)) for row in range(2))
    assert FLAG_MARK not in careful
    assert f"{FLAG_MARK} {len(raised)} red flags" in flagged
    assert step.clinic_model.data(step.clinic_model.index(1), Qt.ItemDataRole.BackgroundRole) is not None
    assert isinstance(step.treatment, QPlainTextEdit) and isinstance(step.claimed_credentials, QPlainTextEdit)

    store.dismiss_flag(second.id, raised[0].rule.id, "Explained in writing afterwards.")
    step.enter()
    assert f"{FLAG_MARK} {len(raised) - 1} red flag" in step.clinic_model.data(step.clinic_model.index(1))


def test_add_to_calendar_saves_the_consultation_just_typed_as_a_calendar_file(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    from icalendar import Calendar

    profile_id, clinic_id = profile_with_clinic(store, bank)
    window = make_window()
    window.go_to_step(MainWindow.CLINICS)
    step = window.clinics_step
    assert not step.calendar_button.isEnabled()  # nothing booked: nothing to put in a calendar
    qtbot.mouseClick(step.appointment.booked, Qt.MouseButton.LeftButton, pos=step.appointment.booked.rect().center())
    step.appointment.date.setDate(QDate(2027, 5, 14))
    step.appointment.time.setTime(QTime(9, 15))
    type_text(qtbot, step.interpreter, "My daughter")
    assert step.calendar_button.isEnabled()

    asked: list[str] = []
    target = tmp_path / "consultation.ics"

    def choose(cls: type, parent: object, clinic: Clinic, suggested: Path) -> tuple[Path, bool]:
        asked.append(str(suggested))
        return target, False

    monkeypatch.setattr(CalendarDialog, "ask", classmethod(choose))
    notices: list[str] = []
    step.notice.connect(notices.append)
    step.calendar_button.click()  # before the autosave timer: what was just typed goes in
    assert len(asked) == 1
    suggested = Path(asked[0])
    assert suggested.name.startswith("consultation-2027-05-14-") and suggested.suffix == ".ics"
    event = Calendar.from_ical(target.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("DTSTART").strftime("%Y-%m-%d %H:%M %Z") == "2027-05-14 09:15 KST"
    assert "My daughter" in str(event["DESCRIPTION"])
    assert store.profile(profile_id).name not in target.read_text()
    assert notices and str(target) in notices[-1]

    step.calendar_button.click()  # the next one is suggested in the folder just used
    assert Path(asked[-1]).parent == tmp_path


def test_a_calendar_file_that_cannot_be_written_is_one_sentence_and_nothing_is_left(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    store.update_clinic(clinic_id, appointment="2027-05-14")
    window = make_window()
    window.go_to_step(MainWindow.CLINICS)
    step = window.clinics_step
    folder = tmp_path / "chosen"
    folder.mkdir()
    monkeypatch.setattr(CalendarDialog, "ask", classmethod(lambda cls, *args: (folder, True)))  # a folder
    problems: list[str] = []
    step.problem.connect(problems.append)
    step.calendar_button.click()
    assert len(problems) == 1 and problems[0].endswith(".") and "\n" not in problems[0]
    assert list(folder.iterdir()) == []
