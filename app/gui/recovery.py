"""Nothing lost: a damaged file on opening, a second copy of StemPrep, automatic backups, back up and restore.

A patient may spend weeks filling in a profile; a failing disk or a pulled USB stick
must not cost them that, and neither may StemPrep itself. This module is the window's
side of `db.backup` and `db.integrity`:

* `open_database` opens the Store for `run_gui`. A damaged file is explained in plain
  words and set aside (renamed, never deleted); the newest good backup is offered, or an
  empty file when there is none. A file another StemPrep window holds is one sentence.
* `BackupScheduler` calls `backup_if_due` at start-up and every 30 minutes, on a worker
  thread with its own read-only Store, so the window never waits for a copy; a failure
  is one sentence in the banner.
* File → Back up now… writes a checked copy where the user chooses (a USB stick), and
  File → Restore a backup… lists the backups by date, confirms, and asks
  `app.gui.session.WindowSession` (owned by `run_gui`) to close the window and its
  Store, restore — the current file is set aside first — and open again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QMetaMethod,
    QObject,
    Qt,
    QThreadPool,
    QTime,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.dialogs import ConfirmDialog, MessageDialog, ask_save_path
from app.gui.i18n import said
from app.gui.worker import Worker
from db import backup
from db.errors import DatabaseDamaged, DatabaseInUse, DatabaseReadOnly, StorageError
from db.store import Store

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow

#: How often the window asks for an automatic backup (one is made only if something changed).
BACKUP_EVERY = backup.DEFAULT_EVERY

#: The start-up backup waits this long, so the window paints and answers first (and a
#: start-up check that quits at the first paint makes no copy).
STARTUP_DELAY_MS = 2000


def backup_date_text(taken: datetime) -> str:
    """A backup's moment as a patient reads it: "Saturday, 28 November 2026, 14:05" in their language."""
    locale = QLocale()
    day = locale.toString(QDate(taken.year, taken.month, taken.day), QLocale.FormatType.LongFormat)
    time = locale.toString(QTime(taken.hour, taken.minute), QLocale.FormatType.ShortFormat)
    return f"{day}, {time}"


# ====================================================================== opening


class DamagedFileDialog:
    """Says the file is damaged and asks what to do; tests replace `ask`."""

    RESTORE, EMPTY, QUIT = "restore", "empty", "quit"

    @classmethod
    def ask(cls, parent: QWidget | None, error: DatabaseDamaged, backup_taken: str) -> str:
        """RESTORE (only when `error.backup` exists), EMPTY (only when it does not), or QUIT."""
        box, choice, answer = cls.build(parent, error, backup_taken)
        box.exec()
        return answer if box.clickedButton() is choice else cls.QUIT

    @classmethod
    def build(
        cls, parent: QWidget | None, error: DatabaseDamaged, backup_taken: str
    ) -> tuple[QMessageBox, QAbstractButton, str]:
        """The message box, its one way forward, and what choosing it means."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Recovery", "StemPrep's file is damaged"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(QCoreApplication.translate(
            "Recovery", "StemPrep's file on this computer is damaged, so it cannot be opened as it is."
        ))
        if error.backup is not None:
            more = QCoreApplication.translate(
                "Recovery",
                "StemPrep will set the damaged file aside (it is renamed, not deleted) and carry on "
                "from the newest backup, made {date}. Anything changed after that is not in the backup.",
            ).format(date=backup_taken)
            choice = box.addButton(
                QCoreApplication.translate("Recovery", "Restore the newest backup ({date})").format(date=backup_taken),
                QMessageBox.ButtonRole.AcceptRole,
            )
            answer = cls.RESTORE
        else:
            more = QCoreApplication.translate(
                "Recovery",
                "There is no backup of it. StemPrep can set the damaged file aside (it is renamed, not "
                "deleted, so someone can still try to recover it) and start with an empty file.",
            )
            choice = box.addButton(
                QCoreApplication.translate("Recovery", "Start with an empty file"), QMessageBox.ButtonRole.AcceptRole
            )
            answer = cls.EMPTY
        box.setInformativeText(more)
        details = QCoreApplication.translate("Recovery", "Damaged file: {path}").format(path=error.path)
        if error.backup is not None:
            details += "\n" + QCoreApplication.translate("Recovery", "Backup: {path}").format(path=error.backup)
        box.setDetailedText(details)
        quit_button = box.addButton(QCoreApplication.translate("Recovery", "Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(choice)  # type: ignore[arg-type]
        box.setEscapeButton(quit_button)
        return box, choice, answer


@dataclass(frozen=True)
class OpenedDatabase:
    """The Store `run_gui` works with, and something to tell the user once the window is up."""

    store: Store
    notice: str = ""
    #: The file could only be opened read-only: the window says so in its banner.
    read_only: bool = False


def read_only_banner(path: Path) -> str:
    """The banner over a window whose file may only be read: why, and what that means."""
    return QCoreApplication.translate(
        "Recovery",
        "Opened read-only: {path} cannot be changed (its permissions, its folder's or the disk it is on "
        "do not allow it). You can look at everything and print sheets, but changes are not saved.",
    ).format(path=path)


def in_use_sentence() -> str:
    return QCoreApplication.translate("Recovery", "StemPrep is already open in another window.")


def open_database(db_path: Path, *, interactive: bool = True, check: bool = True) -> OpenedDatabase | None:
    """Open the Store at `db_path`, dealing with a damaged file; None when StemPrep should stop (exit 1).

    Not `interactive` (the start-up check) prints the one sentence to stderr instead of asking.
    `check=False` leaves the quick check of the whole file to the caller (see `Store.open`).
    """
    notice = ""
    for _attempt in range(3):  # open; after a recovery, open again; never loop on a file that stays damaged
        try:
            return OpenedDatabase(Store.open(db_path, check=check), notice)
        except DatabaseReadOnly:
            # The patient can still look, and print sheets; the banner says why nothing is saved.
            try:
                return OpenedDatabase(Store.open(db_path, read_only=True), notice, read_only=True)
            except StorageError as problem:
                _tell(str(problem), interactive)
                return None
        except DatabaseInUse:
            _tell(in_use_sentence(), interactive)
            return None
        except DatabaseDamaged as error:
            if not interactive:
                _tell(said(error), interactive)
                return None
            notice = ask_and_recover(None, error) or ""
            if not notice:
                return None
        except StorageError as error:
            _tell(said(error), interactive)
            return None
    _tell(QCoreApplication.translate("Recovery", "StemPrep could not open its file even after setting it aside."),
          interactive)
    return None


def ask_and_recover(
    parent: QWidget | None, error: DatabaseDamaged, *, close_first: Callable[[], None] | None = None
) -> str | None:
    """Explain the damage, and set the file aside as the user chooses; the sentence to show after, or None to quit.

    `close_first` closes whatever still has the file open, once the user has chosen.
    """
    taken = backup_date_text(backup.taken_at(error.path, error.backup)) if error.backup else ""
    choice = DamagedFileDialog.ask(parent, error, taken)
    if choice == DamagedFileDialog.QUIT:
        return None
    if close_first is not None:
        close_first()
    restore = choice == DamagedFileDialog.RESTORE
    try:
        aside = backup.recover_damaged(error.path, error.backup, restore=restore)
    except StorageError as problem:
        _tell(str(problem), True)
        return None
    if restore and error.backup is not None:
        return QCoreApplication.translate(
            "Recovery", "Carried on from the backup made {date}; the damaged file is kept as {name}."
        ).format(date=taken, name=aside.name)
    return QCoreApplication.translate(
        "Recovery", "Started with an empty file; the damaged one is kept as {name}."
    ).format(name=aside.name)


def _tell(sentence: str, interactive: bool) -> None:
    if interactive:
        MessageDialog.error(None, sentence)
    else:
        print(sentence, file=sys.stderr)


# ====================================================================== automatic backups


class BackupScheduler(QObject):
    """`backup_if_due` at start-up and every `BACKUP_EVERY` while the window is open."""

    def __init__(
        self, run: Callable[[str, Callable[[Store], Any]], None], every: timedelta = BACKUP_EVERY,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._run = run  # `RecoveryActions.run`: the work, on the backups' worker
        self._every = every
        self._timer = QTimer(self)
        self._timer.setInterval(int(every.total_seconds() * 1000))
        self._timer.timeout.connect(self.back_up_if_due)
        self._first = QTimer(self)  # a child: it cannot fire after the window has gone
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.back_up_if_due)

    def start(self) -> None:
        self._first.start(STARTUP_DELAY_MS)
        self._timer.start()

    @Slot()
    def back_up_if_due(self) -> None:
        every = self._every
        self._run("auto", lambda store: backup.backup_if_due(store, every))


# ====================================================================== dialogs


class BackupDialogs:
    """Where to write a backup, and which one to restore; tests replace these class methods."""

    @classmethod
    def ask_destination(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        return ask_save_path(
            parent,
            QCoreApplication.translate("Recovery", "Back up all patients — the copy holds health information"),
            suggested,
            QCoreApplication.translate("Recovery", "StemPrep backups (*.db)"),
            ".db",
        )

    @classmethod
    def ask_backup(cls, parent: QWidget | None, backups: list[backup.Backup], folder: Path) -> Path | None:
        dialog = RestoreBackupDialog(backups, folder, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen


class RestoreBackupDialog(QDialog):
    """The backups by date, newest first, or another backup file (from a USB stick)."""

    def __init__(self, backups: list[backup.Backup], folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen: Path | None = None
        self._folder = folder
        self.setWindowTitle(self.tr("Restore a backup"))
        intro = QLabel(self.tr(
            "Choose the backup to go back to. StemPrep keeps the patients as they are now in a "
            "file beside it (set aside, not deleted), then opens again with the backup."
        ))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Backups, newest first"))
        for found in backups:
            item = QListWidgetItem(backup_date_text(found.taken))
            item.setData(Qt.ItemDataRole.UserRole, str(found.path))
            item.setToolTip(str(found.path))
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        empty = QLabel(self.tr(
            "There are no backups yet. StemPrep makes one when it starts and every 30 minutes while "
            "you work, when something has changed."
        ))
        empty.setWordWrap(True)
        empty.setVisible(not backups)
        self.list.setVisible(bool(backups))
        other = QPushButton(self.tr("&Another backup file…"))
        other.setAccessibleName(self.tr("Choose another backup file, for example on a USB stick"))
        other.clicked.connect(self._choose_file)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(self.tr("&Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setAccessibleName(self.tr("Restore the chosen backup"))
        self.restore_button.setEnabled(bool(backups))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel: restore nothing"))
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._restore_selected)
        cancel.clicked.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self._restore_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(empty)
        layout.addWidget(buttons)
        self.resize(560, 420 if backups else self.sizeHint().height())

    @Slot()
    def _restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    @Slot()
    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a StemPrep backup"), str(self._folder),
            self.tr("StemPrep backups (*.db);;All files (*)"),
        )
        if name:
            self.chosen = Path(name)
            self.accept()


# ====================================================================== actions


class RecoveryActions(QObject):
    """File → Back up now… / Restore a backup…, and the automatic backups of one window."""

    #: The user confirmed restoring this backup; `WindowSession` closes, restores, reopens.
    restore_requested = Signal(object)
    #: A backup finished ("auto" or "manual", and its path or None when none was due).
    backup_finished = Signal(str, object)

    def __init__(self, window: MainWindow, store: Store, *, automatic: bool = True) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._pool = QThreadPool(self)  # one copy at a time; the window waits for it only when closing
        self._pool.setMaxThreadCount(1)
        self.scheduler = BackupScheduler(self.run, parent=self)

        self.backup_action = QAction(self.tr("&Back up now…"), window)
        self.backup_action.setObjectName("backupNowAction")
        self.backup_action.setStatusTip(self.tr("Copy all patients to a file, for example on a USB stick"))
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(self.tr("&Restore a backup…"), window)
        self.restore_action.setObjectName("restoreBackupAction")
        self.restore_action.setStatusTip(self.tr("Go back to an earlier copy of all patients"))
        self.restore_action.triggered.connect(self.restore)
        window.add_to_file_menu([self.backup_action, self.restore_action])
        window.installEventFilter(self)
        # The automatic backups start once the window has painted: nothing at start-up waits for them.
        self._automatic = automatic

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Paint and self._automatic:
            self._automatic = False
            self.scheduler.start()
        if watched is self._window and event.type() == QEvent.Type.Close:
            self._pool.waitForDone()  # a copy in progress finishes before the Store goes
        return False

    def run(self, kind: str, work: Callable[[Store], Any]) -> None:
        """`work(store)` on the backups' worker, with a read-only Store opened (and closed) there.

        `kind` ("auto" or "manual") says how the outcome is shown.
        """
        db_path = self._store.path

        def in_a_store_of_its_own(_worker: Worker) -> Any:
            with Store.open(db_path, read_only=True) as store:
                return work(store)

        worker = Worker(in_a_store_of_its_own, self, pool=self._pool, name="stemprep-backup")
        worker.finished.connect(lambda written: self._backup_done(kind, written))
        worker.failed.connect(lambda sentence: self._backup_failed(kind, sentence))
        for ended in (worker.finished, worker.failed):
            ended.connect(worker.deleteLater)
        worker.start()

    # ------------------------------------------------------------ back up

    @Slot()
    def back_up_now(self) -> None:
        window = self._window
        window.flush_edits()  # what could not be saved is in the banner already; back up the rest
        folder = backup.backups_folder(self._store.path)
        suggested = folder / f"{self._store.path.stem}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.db"
        target = BackupDialogs.ask_destination(window, suggested)
        if target is None:
            return
        # Into the backups folder: named and rotated like the automatic ones.
        destination = None if target.parent.resolve() == folder.resolve() else target
        window.statusBar().showMessage(self.tr("Backing up…"))
        self.run("manual", lambda store: backup.write_backup(store, destination))

    def _backup_done(self, kind: str, written: Path | None) -> None:
        if kind == "manual" and written is not None:
            self._window.statusBar().showMessage(self.tr(
                "Backed up all patients to {path}. The copy holds health information: keep it private."
            ).format(path=written), 15_000)
        self.backup_finished.emit(kind, written)

    def _backup_failed(self, kind: str, sentence: str) -> None:
        if kind == "auto":
            self._window.banner.show_message(self.tr("Automatic backup: {problem}").format(problem=sentence))
        else:
            self._window.statusBar().clearMessage()
            self._window.banner.show_message(sentence)
        self.backup_finished.emit(kind, None)

    # ------------------------------------------------------------ restore

    @Slot()
    def restore(self) -> None:
        window = self._window
        database = self._store.path
        chosen = BackupDialogs.ask_backup(window, backup.list_backups(database), backup.backups_folder(database))
        if chosen is None:
            return
        try:
            backup.validate_backup(chosen)
        except StorageError as error:
            window.banner.show_message(said(error))
            return
        date = backup_date_text(backup.taken_at(database, chosen))
        question = self.tr(
            "Go back to the backup made {date}?\n\n"
            "StemPrep will close this window and open again with that backup. The patients as they "
            "are now are not deleted: the current file is kept beside it under another name. "
            "Anything changed after {date} is not in the backup."
        ).format(date=date)
        if not ConfirmDialog.ask(window, question, action=self.tr("Restore and open again")):
            return
        signal = QMetaMethod.fromSignal(self.restore_requested)
        if not self.isSignalConnected(signal):
            window.banner.show_message(self.tr(
                "Restoring needs StemPrep to start again: close it and run “stemprep restore {path}”."
            ).format(path=chosen))
            return
        self.restore_requested.emit(chosen)


def install_recovery_actions(window: MainWindow, store: Store) -> RecoveryActions:
    """Add File → Back up now… and Restore a backup… to `window`, and start the automatic backups."""
    return RecoveryActions(window, store)
