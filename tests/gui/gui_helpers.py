"""Plain helpers the GUI tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.demo import create_demo
from app.domain.question_bank import Question, QuestionBank, RedFlagRule
from app.gui.autosave import DEBOUNCE_MS
from app.gui.main_window import MainWindow
from db.records import ClinicId, ProfileId
from db.store import Store


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Click into `widget` and type like a user, Korean included (QTest's keyClicks knows only ASCII)."""
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def wait_for_autosave(qtbot: QtBot) -> None:
    """Let the debounce run out (and a little more)."""
    qtbot.wait(DEBOUNCE_MS + 250)


def profile_with_clinic(store: Store, bank: QuestionBank, condition: str = "knee-oa") -> tuple[ProfileId, ClinicId]:
    profile = store.create_profile("Margaret Lee", condition=condition)
    clinic = store.add_clinic(profile.id, "Hangang Joint Clinic", city="Seoul")
    return profile.id, clinic.id


def demo_and_another_on_a_laptop(store: Store, make_window: Callable[[], MainWindow]) -> MainWindow:
    """The demo patient and one more (so the patient list shows), in a 1280×720 window."""
    create_demo(store)
    store.create_profile("Second patient", condition="stroke")
    window = make_window()
    window.resize(1280, 720)
    return window


def yes_no_red_flag(bank: QuestionBank, condition: str) -> tuple[Question, str, RedFlagRule]:
    """A yes/no question for `condition` and an answer to it that raises a red flag by itself."""
    questions = {q.id: q for q in bank.questions_for(condition)}
    for rule in bank.red_flags:
        if rule.match == "all" and len(rule.when) != 1:
            continue
        for test in rule.when:
            question = questions.get(test.question or "")
            if question is not None and question.answer_kind == "yes-no" and test.value_in:
                return question, test.value_in[0], rule
    raise AssertionError(f"the bank has no yes/no red-flag rule for {condition}")


@dataclass
class Confirmations:
    """Stands in for ConfirmDialog: records each question and gives `answer`."""

    answer: bool = True
    asked: list[str] = field(default_factory=list)


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours: 1 (none) to 21 (black on white)."""

    def luminance(colour: QColor) -> float:
        channels = []
        for value in (colour.redF(), colour.greenF(), colour.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
