"""Odd input a real user types (markup, emoji, a 10,000-character note) is kept as typed and breaks no layout."""

from __future__ import annotations

from collections.abc import Callable

from gui_helpers import type_text, wait_for_autosave
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from db.store import Store

MARKUP_NAME = "<b>Ana & Co</b> 👵 이순자"
LONG_NOTE = ("Bring the MRI CD and the English discharge summary. " * 200)[:10_000]


def test_markup_emoji_and_long_text_are_kept_and_shown_as_text(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow], reopen: Callable[[], Store]
) -> None:
    profile = store.create_profile(MARKUP_NAME, condition="heart", notes=LONG_NOTE)
    store.add_clinic(profile.id, "Clinic " + "가" * 2_000, city="Seoul")
    window = make_window()

    assert "<b>Ana & Co</b>" in window.patient_label.text()  # shown literally, not as bold
    assert len(window.windowTitle()) < 120
    assert window.profile_step.notes.toPlainText() == LONG_NOTE
    for step in (MainWindow.CLINICS, MainWindow.QUESTIONS, MainWindow.PROFILE):
        window.go_to_step(step)
        assert window.minimumSizeHint().width() < 1600, step  # a long name does not widen the window

    type_text(qtbot, window.profile_step.goals, "Walk again 🚶 & <i>dance</i>")
    wait_for_autosave(qtbot)
    with reopen() as disk:
        saved = disk.profile(profile.id)
    assert saved.goals == "Walk again 🚶 & <i>dance</i>"
    assert saved.notes == LONG_NOTE
    assert saved.name == MARKUP_NAME
