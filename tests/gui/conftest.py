"""Fixtures for the GUI tests: the real question bank, a shown main window on a real SQLite file.

Tests act through the widgets (typing with qtbot.keyClicks, pressing shortcuts) and
then check the database through a second Store opened on the same file, so a test
passes only if the data really reached the disk. Modal dialogs are never clicked
through: their class methods are replaced (see `confirm`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import Confirmations
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank, load_question_bank
from app.gui.application import apply_app_font
from app.gui.calendar_export import CalendarDialog
from app.gui.dialogs import ConfirmDialog, CustomQuestionDialog, MessageDialog, PrintDialog, SaveDialog
from app.gui.flags_panel import DismissFlagDialog
from app.gui.main_window import MainWindow
from db.store import Store


@pytest.fixture(autouse=True)
def _app_font(qapp: QApplication) -> None:
    """The fonts and base size the real app uses, so layouts and Korean are tested as shipped."""
    apply_app_font(qapp)


@pytest.fixture(autouse=True)
def _no_real_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog a test did not expect fails the test instead of waiting forever for a click."""

    def unexpected(cls: type, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog {cls.__name__}: {args[1:] or kwargs}")

    for dialog, method in (
        (ConfirmDialog, "ask"),
        (SaveDialog, "ask"),
        (PrintDialog, "ask"),
        (CustomQuestionDialog, "ask"),
        (MessageDialog, "error"),
        (DismissFlagDialog, "ask"),
        (CalendarDialog, "ask"),
    ):
        monkeypatch.setattr(dialog, method, classmethod(unexpected))


@pytest.fixture
def bank() -> QuestionBank:
    return load_question_bank()


@pytest.fixture
def reopen(db_path: Path) -> Callable[[], Store]:
    """Open a second, independent Store on the test's file: what is on disk, not in the window."""
    opened: list[Store] = []

    def _open() -> Store:
        second = Store.open(db_path)
        opened.append(second)
        return second

    yield _open
    for second in opened:
        second.close()


@pytest.fixture
def make_window(qtbot: QtBot, store: Store, bank: QuestionBank) -> Callable[[], MainWindow]:
    """Build and show the main window over the test's Store (after the test has put data in it)."""

    def _make() -> MainWindow:
        window = MainWindow(store, bank)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.add_menu_features()  # as the session does right after the first paint
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return _make


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> Confirmations:
    """Replace the confirmation dialog; it says yes unless the test sets `confirm.answer = False`."""
    confirmations = Confirmations()

    def _ask(cls: type, parent: QWidget | None, text: str, *, action: str = "") -> bool:
        confirmations.asked.append(text)
        return confirmations.answer

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(_ask))
    return confirmations


@pytest.fixture
def window(make_window: Callable[[], MainWindow]) -> Iterator[MainWindow]:
    yield make_window()
