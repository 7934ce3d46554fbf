"""Help (guide, keyboard shortcuts, About) and the first-run welcome say what a patient needs to know."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator
from pytestqt.qtbot import QtBot

from app import __version__
from app.domain.demo import DEMO_SETTING
from app.gui.help import AboutDialog, GuideDialog, ShortcutsDialog
from app.gui.i18n import install_translations, remove_translations
from app.gui.main_window import MainWindow
from db.store import Store
from resources import resource_path

#: The offscreen platform has no window manager to pass sizes to or raise a window with, and says so.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


@pytest.fixture
def window(store: Store, make_window: Callable[[], MainWindow]) -> MainWindow:
    store.create_profile("Margaret Lee", condition="knee-oa")
    return make_window()


@pytest.fixture
def korean(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    install_translations(qapp, "ko", tmp_path_factory.mktemp("i18n"))
    yield
    remove_translations(qapp)


def _shortcut_texts(dialog: ShortcutsDialog) -> str:
    rows = []
    iterator = QTreeWidgetItemIterator(dialog.table)
    while iterator.value():
        item = iterator.value()
        rows.append(f"{item.text(0)} | {item.text(1)}")
        iterator += 1
    return "\n".join(rows)


def test_the_help_menu_opens_the_guide_with_f1_the_shortcuts_and_about(qtbot: QtBot, window: MainWindow) -> None:
    texts = [action.text() for action in window.help_menu.actions() if action.text()]
    assert texts[:2] == ["&Guide", "&Keyboard shortcuts"] and "&About StemPrep" in texts
    qtbot.keyClick(window.profile_step.name, Qt.Key.Key_F1)
    guide = window.features.help_actions.dialogs["guide"]
    assert isinstance(guide, GuideDialog) and guide.isVisible() and not guide.isModal()
    assert isinstance(window.features.help_actions.show_shortcuts(), ShortcutsDialog)
    assert isinstance(window.features.help_actions.show_about(), AboutDialog)
    assert window.features.help_actions.show_guide() is guide  # opened once, brought to the front again


def test_the_guide_explains_the_steps_red_flags_where_the_data_is_and_backing_up(window: MainWindow, store: Store) -> None:
    text = window.features.help_actions.show_guide().browser.toPlainText()  # type: ignore[attr-defined]
    for words in ("Profile", "Clinics", "Questions", "Sheet", "Serious red flag", "Warning", "F11",
                  str(store.path), str(store.path.parent / "backups"), "Back up now", "Restore a backup",
                  "does not give medical advice"):
        assert words.lower() in text.lower(), words


def test_the_guide_reads_in_korean(korean: None, window: MainWindow, store: Store) -> None:
    text = GuideDialog(store.path, window).browser.toPlainText()
    assert "위험 신호" in text and "백업" in text and str(store.path) in text
    assert "Serious red flag" not in text


def test_every_shortcut_in_the_window_is_listed(window: MainWindow) -> None:
    listed = _shortcut_texts(ShortcutsDialog(window))
    window.go_to_step(MainWindow.QUESTIONS)
    keys = {
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for shortcut in window.findChildren(QShortcut)
        for sequence in shortcut.keys()  # noqa: SIM118 (QShortcut.keys(), not a dict)
    }
    keys |= {  # an action's first key; the others of a standard action are special keyboard keys
        action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        for action in window.findChildren(type(window.features.help_actions.guide))
        if not action.shortcut().isEmpty()
    }
    keys |= {"Right", "Alt+Right", "Esc"}  # Show the doctor's, a window of its own
    missing = sorted(key for key in keys if key not in listed)
    assert missing == [], f"shortcuts not in Help → Keyboard shortcuts: {missing}"


def test_about_gives_the_version_the_licences_and_no_medical_advice(window: MainWindow) -> None:
    about = window.features.help_actions.show_about()
    assert isinstance(about, AboutDialog)
    text = about.about.text() + about.licences.text()
    for words in (__version__, "no medical advice", "MIT", "SIL Open Font License 1.1", "LGPL", "BSD", "ReportLab"):
        assert words in text, words
    assert about.font_licence.toPlainText() == resource_path("fonts", "OFL.txt").read_text(encoding="utf-8")


# ====================================================================== first run


def test_the_welcome_says_what_stemprep_does_in_three_sentences(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    assert window.stack.currentIndex() == 0
    text = window.welcome.text.text()
    assert text.count(". ") + text.endswith(".") == 3
    assert "this computer" in text
    assert QApplication.focusWidget() is window.welcome.start_button  # Enter starts


def test_start_a_profile_opens_an_empty_profile(
    qtbot: QtBot, make_window: Callable[[], MainWindow], reopen: Callable[[], Store]
) -> None:
    window = make_window()
    qtbot.keyClick(window.welcome.start_button, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.profile_id is not None)  # a mnemonic "animates" the click for 100 ms
    assert window.current_step == MainWindow.PROFILE
    assert QApplication.focusWidget() is window.profile_step.name
    with reopen() as disk:
        assert [p.id for p in disk.list_profiles()] == [window.profile_id]


def test_try_the_demo_opens_the_demo_patient(
    qtbot: QtBot, make_window: Callable[[], MainWindow], reopen: Callable[[], Store]
) -> None:
    window = make_window()
    qtbot.keyClick(window.welcome.demo_button, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.profile_id is not None)
    with reopen() as disk:
        demo_id = int(disk.setting(DEMO_SETTING))
        assert window.profile_id == demo_id
        assert window.profile_step.name.text() == disk.profile(demo_id).name
    assert window.current_step == MainWindow.PROFILE
    window.go_to_step(MainWindow.CLINICS)
    assert window.clinics_step.clinic_model.rowCount() >= 2


def test_help_text_paths_are_shown_as_text(window: MainWindow, tmp_path: Path) -> None:
    odd = tmp_path / "<b>me & you</b>" / "stemprep.db"
    text = GuideDialog(odd, window).browser.toPlainText()
    assert str(odd) in text


def test_ctrl_n_and_ctrl_f_work_with_the_patient_list_hidden(
    qtbot: QtBot, window: MainWindow, reopen: Callable[[], Store]
) -> None:
    assert not window.patients_dock.isVisible()  # one patient: the list is out of the way
    first = window.profile_id
    qtbot.keyClick(window.profile_step.name, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.profile_id != first and QApplication.focusWidget() is window.profile_step.name
    with reopen() as disk:
        assert len(disk.list_profiles()) == 2
    qtbot.keyClick(window.profile_step.name, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.patients_dock.isVisible() and QApplication.focusWidget() is window.profile_list.search
