"""Every edit saves itself: after typing stops, on close at once, and never at the cost of the text."""

from __future__ import annotations

from collections.abc import Callable

from gui_helpers import profile_with_clinic, type_text, wait_for_autosave
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.gui.autosave import DEBOUNCE_MS, Autosave
from app.gui.main_window import MainWindow
from db.errors import DatabaseUnavailable
from db.store import Store


def test_text_typed_then_window_closed_at_once_is_saved(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow], reopen: Callable[[], Store]
) -> None:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    window = make_window()
    type_text(qtbot, window.profile_step.goals, "To walk my granddaughter to school")
    window.go_to_step(MainWindow.QUESTIONS)
    question = window.questions_step.current_question
    # Text arriving while the box does not have the focus (dictation, an input method), so no
    # focus-out will write it: only closing can.
    window.questions_step.question_list.setFocus()
    qtbot.keyClicks(window.questions_step.answer_text, "About 2,000 patients a year")
    assert window.questions_step.autosave.has_pending  # still inside the debounce
    window.close()  # no wait at all

    with reopen() as disk:
        assert disk.profile(profile_id).goals == "To walk my granddaughter to school"
        assert disk.answer(clinic_id, question.id).text == "About 2,000 patients a year"


def test_the_debounce_waits_for_typing_to_stop(qtbot: QtBot) -> None:
    written: list[tuple[object, object]] = []
    autosave = Autosave(lambda key, value: written.append((key, value)))
    for text in ("H", "He", "Hel"):
        autosave.change("goals", text)
        qtbot.wait(DEBOUNCE_MS // 2)  # each keystroke restarts the wait
    assert written == []
    qtbot.waitUntil(lambda: written == [("goals", "Hel")], timeout=DEBOUNCE_MS * 3)


def test_a_failed_save_keeps_the_text_and_says_why_in_one_sentence(
    qtbot: QtBot,
    store: Store,
    bank: QuestionBank,
    make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
    monkeypatch: object,
) -> None:
    profile_id, _ = profile_with_clinic(store, bank)
    window = make_window()
    sentence = "The disk is full, so StemPrep could not save to stemprep.db. Free some space and try again."

    real_update = store.update_profile
    disk = {"full": True}

    def update_profile(*args: object, **kwargs: object) -> object:
        if disk["full"]:
            raise DatabaseUnavailable(sentence)
        return real_update(*args, **kwargs)

    monkeypatch.setattr(store, "update_profile", update_profile)  # type: ignore[attr-defined]
    type_text(qtbot, window.profile_step.notes, "Bring the MRI CD and the discharge letter")
    wait_for_autosave(qtbot)

    assert window.banner.isVisible()
    assert window.banner.message == sentence
    assert window.profile_step.notes.toPlainText() == "Bring the MRI CD and the discharge letter"
    # Changing step is refused while the text is unsaved, so it stays in front of the user.
    window.go_to_step(MainWindow.CLINICS)
    assert window.current_step == MainWindow.PROFILE

    disk["full"] = False  # the disk has room again
    window.go_to_step(MainWindow.CLINICS)
    assert window.current_step == MainWindow.CLINICS
    assert not window.banner.isVisible()
    with reopen() as second:
        assert second.profile(profile_id).notes == "Bring the MRI CD and the discharge letter"
