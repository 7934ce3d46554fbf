"""Nothing lost, in the window: a damaged file, a second copy, automatic backups, back up and restore."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from gui_helpers import Confirmations
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.gui import recovery
from app.gui.application import run_gui
from app.gui.dialogs import MessageDialog
from app.gui.main_window import MainWindow
from app.gui.recovery import BackupDialogs, DamagedFileDialog, open_database
from db import backup
from db.errors import DatabaseDamaged, DatabaseUnavailable
from db.store import Store
from tests.damage import damage_middle, held_by_another_stemprep

# Message boxes built (never run) for the button checks are top-level windows.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BACKUP_TIMEOUT_MS = 20_000


def _fill(store: Store) -> None:
    """Enough rows to span many pages, so damage in the middle hits real data."""
    profile = store.create_profile("Margaret Lee", condition="knee-oa", notes="무릎 " * 500)
    for n in range(30):
        clinic = store.add_clinic(profile.id, f"Clinic {n}", city="Seoul", notes="n" * 1500)
        store.save_answer(clinic.id, "cred.registered", value="yes")


def _set_aside(folder: Path, label: str) -> list[Path]:
    """The main files set aside with `label` (their -wal and -shm go with them)."""
    return [p for p in folder.glob(f"stemprep.db.{label}-*") if not p.name.endswith(("-wal", "-shm", "-journal"))]


def _names(path: Path) -> set[str]:
    with Store.open(path, read_only=True) as store:
        return {s.name for s in store.list_profiles()}


@pytest.fixture
def backed_up_then_damaged(db_path: Path) -> Path:
    """Margaret Lee in a backup; a patient added after it; then the live file damaged."""
    with Store.open(db_path) as store:
        _fill(store)
        written = backup.write_backup(store)
        store.create_profile("Added after the backup")
    damage_middle(db_path)
    return written


# ---------------------------------------------------------------- opening


def test_a_damaged_file_offers_the_newest_backup_and_restoring_it_works(
    qapp: QApplication, db_path: Path, backed_up_then_damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[DatabaseDamaged, str]] = []

    def ask(cls: type, parent: QWidget | None, error: DatabaseDamaged, taken: str) -> str:
        asked.append((error, taken))
        return DamagedFileDialog.RESTORE

    monkeypatch.setattr(DamagedFileDialog, "ask", classmethod(ask))
    damaged_bytes = db_path.read_bytes()

    opened = open_database(db_path)

    assert opened is not None
    [(error, taken)] = asked
    assert error.backup == backed_up_then_damaged and taken  # the date is offered
    with opened.store as store:
        assert {s.name for s in store.list_profiles()} == {"Margaret Lee"}
    [aside] = _set_aside(db_path.parent, "damaged")
    assert aside.read_bytes() == damaged_bytes  # set aside whole, not deleted
    assert aside.name in opened.notice


def test_a_damaged_file_without_a_backup_starts_empty_only_when_asked(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        _fill(store)
    damage_middle(db_path)
    damaged_bytes = db_path.read_bytes()

    monkeypatch.setattr(DamagedFileDialog, "ask", classmethod(lambda cls, parent, error, taken: cls.QUIT))
    assert open_database(db_path) is None
    assert db_path.read_bytes() == damaged_bytes  # Quit changes nothing

    monkeypatch.setattr(DamagedFileDialog, "ask", classmethod(lambda cls, parent, error, taken: cls.EMPTY))
    opened = open_database(db_path)
    assert opened is not None
    with opened.store as store:
        assert store.profile_count() == 0
    [aside] = _set_aside(db_path.parent, "damaged")
    assert aside.read_bytes() == damaged_bytes


def test_the_damaged_file_dialog_offers_restore_only_with_a_backup(qapp: QApplication, tmp_path: Path) -> None:
    with_backup, button, answer = DamagedFileDialog.build(
        None, DatabaseDamaged(tmp_path / "stemprep.db", tmp_path / "b.db"), "Saturday, 28 November 2026, 14:05"
    )
    texts = [b.text() for b in with_backup.buttons()]
    assert button.text() == "Restore the newest backup (Saturday, 28 November 2026, 14:05)" and answer == "restore"
    assert "Quit" in texts and "Start with an empty file" not in texts
    assert "not deleted" in with_backup.informativeText()

    without, button, answer = DamagedFileDialog.build(None, DatabaseDamaged(tmp_path / "stemprep.db", None), "")
    assert button.text() == "Start with an empty file" and answer == "empty"
    assert "Quit" in [b.text() for b in without.buttons()]
    assert "not deleted" in without.informativeText()


def test_a_file_open_in_another_stemprep_is_one_sentence_and_exit_1(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(db_path).close()
    shown: list[str] = []
    monkeypatch.setattr(MessageDialog, "error", classmethod(lambda cls, parent, text: shown.append(text)))
    with held_by_another_stemprep(db_path):
        assert run_gui(db_path) == 1
    assert shown == ["StemPrep is already open in another window."]


# ---------------------------------------------------------------- automatic backups


def test_a_backup_is_made_at_start_up_on_a_worker_without_blocking(
    qtbot: QtBot, store: Store, bank: QuestionBank, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.create_profile("Margaret Lee")
    threads: list[threading.Thread] = []
    real = backup.backup_if_due

    def recording(opened: Store, every: timedelta = backup.DEFAULT_EVERY) -> Path | None:
        threads.append(threading.current_thread())
        return real(opened, every)

    monkeypatch.setattr(backup, "backup_if_due", recording)
    monkeypatch.setattr(recovery, "STARTUP_DELAY_MS", 50)
    window = MainWindow(store, bank)
    qtbot.addWidget(window)
    assert backup.list_backups(db_path) == []  # building the window did not wait for a copy
    with qtbot.waitSignal(window.features.recovery.backup_finished, timeout=BACKUP_TIMEOUT_MS) as finished:
        window.show()
    kind, written = finished.args
    assert kind == "auto" and written is not None
    assert [b.path for b in backup.list_backups(db_path)] == [written]
    assert threads and threads[0] is not threading.main_thread()
    assert _names(written) == {"Margaret Lee"}


def test_an_automatic_backup_that_fails_is_one_sentence_in_the_banner(
    qtbot: QtBot, store: Store, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(opened: Store, every: timedelta = backup.DEFAULT_EVERY) -> Path | None:
        raise DatabaseUnavailable("The disk is full, so StemPrep could not save to the backups folder.")

    monkeypatch.setattr(backup, "backup_if_due", full_disk)
    monkeypatch.setattr(recovery, "STARTUP_DELAY_MS", 0)
    window = MainWindow(store, bank)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.features.recovery.backup_finished, timeout=BACKUP_TIMEOUT_MS):
        window.show()
    assert window.banner.message == (
        "Automatic backup: The disk is full, so StemPrep could not save to the backups folder."
    )


# ---------------------------------------------------------------- back up now, restore


def _action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None and action in window.file_menu.actions()
    return action


def test_back_up_now_writes_a_checked_copy_where_the_user_chose(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.create_profile("Margaret Lee")
    window = make_window()
    target = tmp_path / "usb stick" / "before the trip.db"
    target.parent.mkdir()
    monkeypatch.setattr(BackupDialogs, "ask_destination", classmethod(lambda cls, parent, suggested: target))
    with qtbot.waitSignal(window.features.recovery.backup_finished, timeout=BACKUP_TIMEOUT_MS,
                          check_params_cb=lambda kind, path: kind == "manual") as finished:
        _action(window, "backupNowAction").trigger()
    assert finished.args[1] == target
    backup.validate_backup(target)
    assert _names(target) == {"Margaret Lee"}
    assert str(target) in window.statusBar().currentMessage()


def test_restore_from_the_menu_sets_the_current_file_aside_and_reopens_on_the_backup(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch, confirm: Confirmations
) -> None:
    with Store.open(db_path) as store:
        store.create_profile("Margaret Lee")
        written = backup.write_backup(store)
        store.create_profile("Added after the backup")
    offered: list[list[Path]] = []

    def ask_backup(cls: type, parent: QWidget | None, backups: list[backup.Backup], folder: Path) -> Path:
        offered.append([b.path for b in backups])
        return written

    monkeypatch.setattr(BackupDialogs, "ask_backup", classmethod(ask_backup))
    seen: dict[str, object] = {}

    def windows() -> list[MainWindow]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]

    def restore() -> None:
        shown = windows()
        if not shown or shown[0].findChild(QAction, "restoreBackupAction") is None:
            QTimer.singleShot(20, restore)  # the menus' features join the window after its first paint
            return
        [first] = shown
        seen["first"] = first
        _action(first, "restoreBackupAction").trigger()
        QTimer.singleShot(50, look_at_the_new_window)

    def look_at_the_new_window() -> None:
        shown = windows()
        if not shown or shown[0] is seen["first"]:
            QTimer.singleShot(50, look_at_the_new_window)
            return
        [second] = shown
        listing = second.profile_list
        seen["names"] = {listing.model.summary(row).name for row in range(listing.model.rowCount())}
        seen["notice"] = second.statusBar().currentMessage()
        second.close()

    QTimer.singleShot(0, restore)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: QCoreApplication.exit(2))
    give_up.start(30_000)
    try:
        code = run_gui(db_path)
    finally:
        give_up.stop()

    assert code == 0
    assert offered and offered[0][0] == written  # the newest backup is listed (first)
    assert "not deleted" in confirm.asked[-1]
    assert seen["names"] == {"Margaret Lee"}
    assert "Restored the backup" in str(seen["notice"])
    assert _names(db_path) == {"Margaret Lee"}
    [aside] = _set_aside(db_path.parent, "before-restore")
    assert _names(aside) == {"Margaret Lee", "Added after the backup"}  # the file as it was, kept


def test_deleting_a_patient_says_backups_still_hold_it(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow], confirm: Confirmations
) -> None:
    store.create_profile("Keep me")
    gone = store.create_profile("Delete me")
    window = make_window()
    window.profile_list.select_profile(gone.id)
    confirm.answer = False
    window.profile_list.delete_button.click()
    assert "from this computer" in confirm.asked[-1]
    assert "Backups made before now still hold it until newer backups replace them" in confirm.asked[-1]
