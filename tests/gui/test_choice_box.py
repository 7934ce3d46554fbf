"""A drop-down choice too long for its box ends in "…" instead of being cut mid-letter."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.gui.choice_box import ChoiceBox
from app.gui.main_window import MainWindow


def test_a_long_choice_is_shortened_with_an_ellipsis_and_whole_in_the_tooltip(qtbot: QtBot) -> None:
    box = ChoiceBox()
    qtbot.addWidget(box)
    box.addItem("Recently changed first")
    box.addItem("Name")
    box.resize(90, box.sizeHint().height())
    box.show()

    shown = box.shown_text()
    assert shown.endswith("…") and shown != "Recently changed first"
    assert box.toolTip() == "Recently changed first"

    box.setCurrentIndex(1)
    assert box.shown_text() == "Name" and box.toolTip() == "Name"
    box.resize(600, box.height())
    box.setCurrentIndex(0)
    assert box.shown_text() == "Recently changed first"


def test_the_patient_lists_choices_never_clip(window: MainWindow) -> None:
    patients = window.profile_list
    for box in (patients.condition_filter, patients.travel_filter, patients.progress_filter, patients.sort_box):
        assert isinstance(box, ChoiceBox)
