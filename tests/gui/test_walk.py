"""The walk: every step, in both languages and at every text size, on a 1280×720 screen with 300 patients.

For each screen a user meets, with the patient list where the window puts it (open beside
the steps, stepped aside for the Questions step), every visible widget is checked: the
window did not grow past the screen, no form or card scrolls sideways, and no button or
label is cut (narrower than its text needs, or reaching outside the window). A table may
scroll sideways (its columns can be widened by hand); a form or card may not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.demo import create_demo
from app.domain.sample import add_sample_profiles
from app.gui.i18n import install_translations, remove_translations
from app.gui.main_window import MainWindow
from app.gui.text_size import DEFAULT_TEXT_SIZE, TEXT_SIZES, apply_text_size
from db.store import Store

#: The offscreen platform cannot pass size limits to a window manager, nor raise the floating list; it says so.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

SMALL_SCREEN = (1280, 720)
PATIENTS = 300


def cut_off(window: QWidget) -> list[str]:
    """Visible buttons and one-line labels narrower than their text, anything outside the window, and
    forms that scroll sideways."""
    inside = QRect(QPoint(0, 0), window.size())
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not widget.window() is window:
            continue
        area = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        describe = f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r:.60}"
        if isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() < widget.minimumSizeHint().width() or not inside.contains(area):
                problems.append(f"{describe}: {widget.size().toTuple()} at {area.topLeft().toTuple()}")
        elif isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            if widget.width() < widget.minimumSizeHint().width() and not _inside_scrolling_view(widget):
                problems.append(f"{describe}: {widget.width()} wide, needs {widget.minimumSizeHint().width()}")
        elif isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            problems.append(f"{describe} ({widget.objectName() or widget.parentWidget().objectName()}) scrolls sideways")
    return problems


def _inside_scrolling_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _screens(window: MainWindow, qtbot: QtBot) -> Iterator[str]:
    for step, name in enumerate(("profile", "clinics", "questions", "sheet")):
        window.go_to_step(step)
        qtbot.wait(10)
        yield name
        if step == MainWindow.QUESTIONS:
            window.patients_dock.toggleViewAction().trigger()  # the user brings the list back
            qtbot.wait(10)
            yield "questions with the patient list open"
            window.patients_dock.toggleViewAction().trigger()
        if step == MainWindow.CLINICS:
            window.clinics_step.tabs.setCurrentIndex(window.clinics_step.COMPARE_TAB)
            qtbot.wait(10)
            yield "clinic comparison"
            window.clinics_step.tabs.setCurrentIndex(window.clinics_step.DETAILS_TAB)
    window.show_worklist()
    qtbot.wait(10)
    yield "worklist"
    page = window.worklist
    page.view.horizontalHeader().setSortIndicator(page.model.FLAGS, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not page.model.counting_now, timeout=20_000)
    qtbot.wait(10)
    yield "worklist sorted by serious red flags"


@pytest.fixture(scope="module")
def many_patients(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 sample patients and the demo, made once and copied for each test."""
    path = tmp_path_factory.mktemp("walk") / "stemprep.db"
    with Store.open(path) as store:
        add_sample_profiles(store, PATIENTS)
        create_demo(store)
    return path


@pytest.mark.parametrize("size", list(TEXT_SIZES))
@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_screen_fits_a_small_laptop_with_three_hundred_patients(
    qapp: QApplication, qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow],
    many_patients: Path, language: str, size: str, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with Store.open(many_patients, read_only=True) as source:
        source.connection.backup(store.connection)
    install_translations(qapp, language, tmp_path_factory.mktemp("i18n"))
    try:
        apply_text_size(qapp, size)
        window = make_window()
        window.resize(*SMALL_SCREEN)
        demo = next(s.id for s in window.profile_list.model._rows if s.name.startswith("Demo"))  # noqa: SLF001
        window.profile_list.select_profile(demo)
        problems = []
        for screen in _screens(window, qtbot):
            if window.size().toTuple() != SMALL_SCREEN:
                problems.append(f"{screen}: the window grew to {window.size().toTuple()}")
            problems += [f"{screen}: {p}" for p in cut_off(window)]
            if screen.startswith("worklist") and window.worklist.view.horizontalScrollBar().isVisible():
                # The table's columns fit its width, so the red flags are never behind a sideways scroll.
                problems.append(f"{screen}: the table scrolls sideways")
            if window.patient_list_is_drawer:
                # The drawer is a window of its own over the step: its buttons and labels must fit too.
                problems += [f"{screen} (drawer): {p}" for p in cut_off(window.patients_dock)]
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)
        remove_translations(qapp)
    assert window.profile_list.model.total == PATIENTS + 1
    assert problems == [], "\n".join(problems)
