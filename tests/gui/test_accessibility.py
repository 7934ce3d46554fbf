"""Every control can be named by a screen reader, and no two keys clash on any screen, in English and Korean.

What counts as named: Qt's own accessibility interface for the control gives a non-empty
Name, which is what a screen reader says. Qt takes it from `setAccessibleName`, else from
the label whose buddy the control is, else from the control's visible text (a button's,
a check box's). So a labelled field or a button with words passes without more work, and
a bare list, combo box or icon-only button fails until it is named.

What counts as a control: buttons of every kind, line and text edits, combo boxes, spin
boxes, item views (lists, tables, trees), sliders and the sheet preview. Parts Qt builds
inside another control (a combo box's or spin box's own edit, scroll bars, a tab bar's
scroll arrows, a line edit's clear button, a dock's title-bar buttons) are named by their
owner and left out.

What counts as a clash: two Alt+letter mnemonics, or a mnemonic and a shortcut, that are
live on the same screen at once; Qt then does nothing and logs "ambiguous shortcut".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction, QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.demo import create_demo
from app.domain.facilitator import FacilitatorDetails
from app.domain.profile_file import export_profile, preview_import
from app.domain.question_bank import QuestionBank
from app.domain.quotes import ExchangeRate, ExchangeRates
from app.gui.batch_dialog import BatchChoices, BatchDialog
from app.gui.calendar_export import CalendarDialog
from app.gui.dialogs import CustomQuestionDialog
from app.gui.exchange_rates import ExchangeRatesDialog
from app.gui.facilitator_dialog import FacilitatorDialog
from app.gui.help import AboutDialog, GuideDialog, ShortcutsDialog
from app.gui.i18n import install_translations, remove_translations
from app.gui.main_window import MainWindow
from app.gui.preferences import LanguageDialog
from app.gui.profile_file_dialogs import ImportPreviewDialog
from app.gui.recovery import RestoreBackupDialog
from app.gui.text_size import DEFAULT_TEXT_SIZE, apply_text_size
from db import backup
from db.search import ProfileQuery
from db.store import Store

#: The offscreen platform cannot pass a dialog's size limits to a window manager, and says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
    QPdfView,
)
#: Controls inside these are Qt's own parts of one control (a table's header too), named by it.
OWNERS = (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar, QDockWidget, QAbstractItemView)


@pytest.fixture(scope="session")
def catalogue_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compiled catalogue for the whole run (each test otherwise gets a fresh cache folder)."""
    return tmp_path_factory.mktemp("i18n-cache")


@pytest.fixture(params=["en", "ko"])
def language(request: pytest.FixtureRequest, qapp: QApplication, catalogue_cache: Path) -> Iterator[str]:
    install_translations(qapp, request.param, catalogue_cache)
    yield request.param
    remove_translations(qapp)


def _describe(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "placeholderText", "toolTip"):
        value = getattr(widget, getter, None)
        if callable(value) and isinstance(value(), str) and value():
            text = value()
            break
    chain = []
    parent: QWidget | None = widget
    while parent is not None and len(chain) < 4:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return f"{type(widget).__name__} {text[:40]!r} in {' < '.join(chain[1:])}"


def _is_part_of_another(widget: QWidget) -> bool:
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, OWNERS):
            return True
        if isinstance(parent, QDockWidget | QMainWindow) or parent.isWindow():
            break
        parent = parent.parentWidget()
    return False


def unnamed_controls(top: QWidget) -> list[str]:
    """The visible controls under `top` that a screen reader could not name."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not isinstance(widget, CONTROLS) or not widget.isVisible() or _is_part_of_another(widget):
            continue
        if isinstance(widget, QAbstractButton) and widget.parentWidget() and isinstance(
            widget.parentWidget(), QDockWidget
        ):
            continue  # the dock's float and close buttons
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name).strip() if interface is not None else ""
        if not any(character.isalnum() for character in name):
            found.append(_describe(widget))
    return found


def live_keys(top: QWidget) -> dict[str, list[str]]:
    """Every key live on screen now under `top` → what it belongs to."""
    keys: dict[str, list[str]] = {}

    def add(sequence: QKeySequence, owner: str) -> None:
        if not sequence.isEmpty():
            keys.setdefault(sequence.toString(QKeySequence.SequenceFormat.PortableText), []).append(owner)

    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if (isinstance(widget, QAbstractButton) and widget.text()) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            add(QKeySequence.mnemonic(widget.text()), _describe(widget))
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(QKeySequence.mnemonic(widget.tabText(index)), f"tab {widget.tabText(index)!r}")
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            add(QKeySequence.mnemonic(action.text()), f"menu {action.text()!r}")
    for shortcut in top.findChildren(QShortcut):
        owner = shortcut.parent()
        if shortcut.isEnabled() and isinstance(owner, QWidget) and owner.isVisible():
            for sequence in shortcut.keys():  # noqa: SIM118 (QShortcut.keys(), not a dict)
                add(sequence, f"shortcut in {type(owner).__name__}")
    for action in top.findChildren(QAction):
        if action.isEnabled() and action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut:
            for sequence in action.shortcuts():
                add(sequence, f"action {action.text()!r}")
    return keys


def clashes(top: QWidget) -> list[str]:
    return [f"{key}: {owners}" for key, owners in live_keys(top).items() if len(set(owners)) > 1 or len(owners) > 1]


def _screens(window: MainWindow, bank: QuestionBank, qtbot: QtBot) -> Iterator[tuple[str, QWidget]]:
    """Walk the window through every step and state a user meets, yielding (what, top widget)."""
    window.patients_dock.show()  # a facilitator with many patients has the list open beside every step
    window.go_to_step(MainWindow.PROFILE)
    yield "profile", window
    window.go_to_step(MainWindow.CLINICS)
    yield "clinic details", window
    window.clinics_step.tabs.setCurrentIndex(window.clinics_step.COMPARE_TAB)
    yield "clinic comparison", window
    window.go_to_step(MainWindow.QUESTIONS)
    window.patients_dock.show()  # it steps aside for the questions by itself; the user can bring it back
    step = window.questions_step
    step.set_view("all")  # the whole checklist has a question of every kind; my list may not
    seen: set[str] = set()
    for index in range(step.question_count):
        kind = step._questions[index].answer_kind  # noqa: SLF001 - one question of each kind
        if kind in seen:
            continue
        seen.add(kind)
        step.show_question(index)
        yield f"questions ({kind})", window
    step.show_doctor()
    assert step.doctor_view is not None, (step.current_question, step.current_clinic)
    yield "show the doctor", step.doctor_view
    step.doctor_view.close()
    window.go_to_step(MainWindow.SHEET)
    yield "sheet", window
    window.show_worklist()
    yield "worklist", window
    window.go_to_step(MainWindow.PROFILE, force=True)
    for name, dialog in (
        ("guide", GuideDialog(Path("/home/me/StemPrep/stemprep.db"), window)),
        ("shortcuts", ShortcutsDialog(window)),
        ("about", AboutDialog(window)),
        ("language", LanguageDialog("", window)),
        ("exchange rates", ExchangeRatesDialog(
            ExchangeRates("USD", {"KRW": ExchangeRate("KRW", 1390.0, "2026-11-20")}), window
        )),
        ("custom question", CustomQuestionDialog(window)),
        ("add to calendar", CalendarDialog(window._store.clinics_for(window.profile_id)[0], window)),  # noqa: SLF001
        *_facilitator_dialogs(window, bank),
    ):
        dialog.show()
        qtbot.waitExposed(dialog)
        yield name, dialog
        if isinstance(dialog, AboutDialog):
            dialog.tabs.setCurrentIndex(1)
            yield "about: licences", dialog
        dialog.close()
        dialog.deleteLater()


def _facilitator_dialogs(window: MainWindow, bank: QuestionBank) -> Iterator[tuple[str, QWidget]]:
    """The dialogs a facilitator meets: agency details, importing a patient file, many sheets, restoring."""
    store = window._store  # noqa: SLF001 - the window's own Store, as its actions use it
    assert window.profile_id is not None
    yield "agency details", FacilitatorDialog(FacilitatorDetails("K-Care Travel", "2024-123", "+82 2 000 0000"), window)
    folder = store.path.parent / "files"
    folder.mkdir(exist_ok=True)
    exported = export_profile(store, window.profile_id, folder / "patient.stemprep")
    yield "import a patient file", ImportPreviewDialog(preview_import(store, exported), bank, window)
    choices = BatchChoices(store.path, 2, ProfileQuery(text="demo"), 1, folder / "sheets")
    yield "print many sheets", BatchDialog(choices, bank, store, window)
    backup.write_backup(store)
    yield "restore a backup", RestoreBackupDialog(
        backup.list_backups(store.path), store.path.parent, window
    )


@pytest.fixture
def demo_window(store: Store, make_window: Callable[[], MainWindow], language: str) -> MainWindow:
    store.create_profile("Second patient", condition="stroke")  # so the patient list has a choice
    demo = create_demo(store)
    window = make_window()
    window.profile_list.select_profile(demo.id)
    assert window.profile_id == demo.id
    return window


def test_every_control_has_a_name_a_screen_reader_can_say(
    qtbot: QtBot, demo_window: MainWindow, bank: QuestionBank, language: str
) -> None:
    problems = [
        f"{screen}: {control}"
        for screen, top in _screens(demo_window, bank, qtbot)
        for control in unnamed_controls(top)
    ]
    assert problems == [], "\n".join(problems)


def test_no_two_keys_clash_on_any_screen(
    qtbot: QtBot, demo_window: MainWindow, bank: QuestionBank, language: str
) -> None:
    problems = [f"{screen}: {clash}" for screen, top in _screens(demo_window, bank, qtbot) for clash in clashes(top)]
    assert problems == [], "\n".join(problems)


def test_the_welcome_screen_is_named_and_clash_free(
    make_window: Callable[[], MainWindow], language: str
) -> None:
    window = make_window()
    assert window.stack.currentIndex() == 0
    assert unnamed_controls(window) == []
    assert clashes(window) == []


def test_tab_goes_down_the_profile_form_in_reading_order(qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow]) -> None:
    store.create_profile("Margaret Lee", condition="knee-oa")
    window = make_window()
    step = window.profile_step
    step.name.setFocus(Qt.FocusReason.TabFocusReason)
    order: list[QWidget] = []
    for _ in range(40):
        focused = QApplication.focusWidget()
        if focused is None or not step.isAncestorOf(focused) or focused in order:
            break
        order.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    tops = [widget.mapTo(step, widget.rect().topLeft()).y() for widget in order]
    assert len(order) >= 15, [w.objectName() for w in order]
    assert tops == sorted(tops), [w.objectName() for w in order]


def test_the_clash_check_sees_mnemonics_menus_and_shortcuts(demo_window: MainWindow, language: str) -> None:
    """Guards the check above: it must see every kind of key, or it would pass by seeing nothing."""
    demo_window.go_to_step(MainWindow.QUESTIONS)
    demo_window.patients_dock.show()
    keys = live_keys(demo_window)
    assert {"Alt+C", "Alt+Y", "Alt+Right", "F11", "Alt+T", "Ctrl+1", "Alt+D"} <= set(keys), sorted(keys)
    assert "Alt+Y" not in live_keys(demo_window.profile_step)  # the Questions keys live only on that step


def test_names_typed_with_markup_show_as_typed_on_every_screen(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow], bank: QuestionBank
) -> None:
    """A name like "<b>&</b>" is the user's text: no label may read it as formatting and hide the tags."""
    typed = "<b>&</b> Seoul"
    demo = create_demo(store)
    store.update_profile(demo.id, name=f"{typed} patient")
    for clinic in store.clinics_for(demo.id):
        store.update_clinic(clinic.id, name=f"{typed} clinic {clinic.id}")
    window = make_window()
    window.profile_list.select_profile(demo.id)
    read_as_markup = {
        f"{screen}: {label.text()[:60]!r}"
        for screen, top in _screens(window, bank, qtbot)
        for label in top.findChildren(QLabel)
        if typed in label.text() and label.textFormat() != Qt.TextFormat.PlainText
    }
    shown = [label for label in window.findChildren(QLabel) if typed in label.text()]
    assert shown, "the walk must meet the names somewhere, or the check would pass by seeing nothing"
    assert read_as_markup == set(), "\n".join(sorted(read_as_markup))


def test_every_dialog_fits_a_small_screen_at_extra_large_text(
    qtbot: QtBot, demo_window: MainWindow, bank: QuestionBank, language: str, qapp: QApplication
) -> None:
    """On a 1280×720 laptop at the largest text, each dialog's buttons stay on screen (its content may scroll)."""
    usable = 720 - 40  # the screen less a title bar and a taskbar
    apply_text_size(qapp, "extra-large")
    try:
        too_tall = [
            f"{screen}: needs {top.minimumSizeHint().height()} px"
            for screen, top in _screens(demo_window, bank, qtbot)
            if isinstance(top, QDialog) and max(top.minimumSizeHint().height(), top.minimumHeight()) > usable
        ]
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)
    assert too_tall == [], "\n".join(too_tall)
