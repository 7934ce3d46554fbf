"""The window's life: the open Store and its window, the quick check after the first paint, starting over.

`run_gui` builds one `WindowSession` and runs the event loop. The window paints first:
the quick check of the whole file (`db.integrity`, a tenth of a second at 10,000
patients, a second or more at 100,000) runs on a worker thread beside the building of
the window and its first paint (SQLite does the reading without holding Python's lock,
so a second core does it), and carries on while the user reads the window. From its
first paint until the check has passed the window takes no input: keys, clicks, the
wheel and shortcuts are held back (`InputGate`, with a busy cursor if it takes a
moment), so nothing can be typed into a file that turns out to be damaged, and the
damaged-file dialog comes before any edit. The menus' features
(`MainWindow.add_menu_features`) join at the event loop's next pause after the paint,
or at once when a menu opens or F1 is pressed: the window does not wait for their
modules to take input, and a menu is whole whenever it shows. When the file is damaged,
the dialog shows over the window; the window and its Store then close without writing
into the file, the file is set aside as the user chose, and a new window opens — as
after File → Restore a backup…, which also closes and reopens through this session.

When SQLite meets damage in the search index later, the Store makes the index again
(seconds at ten thousand patients): the session has that done on a `Worker`, with input
held back as during the check and a sentence in the banner saying the search is being
repaired, while the window keeps painting.
"""

from __future__ import annotations

import linecache
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.gui.dialogs import MessageDialog
from app.gui.i18n import said
from app.gui.recovery import (
    OpenedDatabase,
    ask_and_recover,
    backup_date_text,
    open_database,
    read_only_banner,
)
from app.gui.worker import Worker
from db import backup, integrity
from db.errors import DatabaseDamaged, StorageError
from db.store import Store

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow

log = logging.getLogger("stemprep.gui")

#: Held back while the check runs: everything by which a user changes something.
HELD_BACK = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel, QEvent.Type.InputMethod, QEvent.Type.ContextMenu,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
})

#: A check shorter than this shows no busy cursor (it would only flicker).
BUSY_CURSOR_AFTER_MS = 300


def forget_module_sources() -> None:
    """Drop the source lines PySide6 read while modules were being imported.

    After PySide6 is imported, it reads the source of every module an import statement
    names, to see whether that module uses PySide6 (for its `__feature__` switches), and
    Python keeps the lines in `linecache`: at start-up some 75 files, 1.3 MB of text held
    as 5 MiB of strings. They only serve tracebacks, which read them again when needed.
    """
    linecache.clearcache()


def after_first_paint(
    widget: QWidget, then: Callable[[], None], *, as_it_paints: Callable[[], None] | None = None
) -> None:
    """Call `then` from the event loop once `widget` has painted for the first time.

    `as_it_paints` is called at once, as the first Paint event arrives (before anything
    else the event loop holds).
    """

    class _Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                self.deleteLater()
                if as_it_paints is not None:
                    as_it_paints()
                QTimer.singleShot(0, widget, then)  # after this paint has finished
            return False

    widget.installEventFilter(_Watch(widget))


class InputGate(QObject):
    """While open, the user's keys, clicks, wheel, shortcuts and input method reach nothing (see `HELD_BACK`).

    It watches each of the application's windows, where the system delivers keys, clicks
    and the wheel, and the focused widget, where shortcuts are decided and an input method
    writes (following the focus while open). An application-wide filter would do the same
    in one place, but it is shown every object Qt makes, and PySide then makes a Python type
    for every kind it meets: all of QtWidgets' (some 40 ms and 6 MiB at start-up).
    """

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._app: QGuiApplication | None = app
        self._busy = False
        self._watched: list[QObject] = []
        self._focus: QObject | None = None
        self._cursor = QTimer(self)
        self._cursor.setSingleShot(True)
        self._cursor.timeout.connect(self._show_busy)
        for window in QGuiApplication.topLevelWindows():
            window.installEventFilter(self)
            self._watched.append(window)
        self._follow_focus(QGuiApplication.focusObject())
        app.focusObjectChanged.connect(self._follow_focus)
        self._cursor.start(BUSY_CURSOR_AFTER_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() not in HELD_BACK:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # taken by the widget, so no shortcut fires; the key itself is held at the window
        return True

    @Slot(QObject)
    def _follow_focus(self, focused: QObject | None) -> None:
        if self._focus is not None and shiboken6.isValid(self._focus):
            self._focus.removeEventFilter(self)
        self._focus = focused
        if focused is not None:
            focused.installEventFilter(self)

    @Slot()
    def _show_busy(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._busy = True

    def release(self) -> None:
        """Take input again."""
        if self._app is None:
            return
        self._cursor.stop()
        self._app.focusObjectChanged.disconnect(self._follow_focus)
        self._follow_focus(None)
        for watched in self._watched:
            if shiboken6.isValid(watched):
                watched.removeEventFilter(self)
        self._watched.clear()
        if self._busy:
            QGuiApplication.restoreOverrideCursor()
        self._app = None


def check_file(db_path: Path, parent: QObject) -> Worker:
    """The quick check of `db_path` as a worker; it finishes with None, or the `StorageError` found."""

    def check(_worker: Worker) -> StorageError | None:
        try:  # its own read-only connection: checking never changes the file
            integrity.ensure_intact(db_path, backup.newest_good_backup)
        except StorageError as problem:
            return problem  # a verdict to act on, not a failure of the check
        return None

    return Worker(check, parent, name="stemprep-quick-check")


class WindowSession(QObject):
    """The open Store and its window; replaces both when a backup is restored or the file proves damaged.

    A restore closes the window (which writes pending edits, or keeps the window if the
    user does not want to lose them), closes the Store, restores the backup — setting
    the current file aside — and opens the file and a new window again, all in the
    same process. With `check_in_background`, the Store was opened without its quick
    check, and the session runs it on a worker while the window is built and painted
    (see the module).
    """

    #: The window is up and its file checked: it takes input (the start-up check exits here).
    ready = Signal()

    def __init__(
        self,
        db_path: Path,
        opened: OpenedDatabase,
        make_window: Callable[[Store], MainWindow],
        parent: QObject | None = None,
        *,
        check_in_background: bool = False,
        interactive: bool = True,
    ) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._make_window = make_window
        self._interactive = interactive
        self.store = opened.store
        self._gate: InputGate | None = None
        self._check: Worker | None = None
        self._closed_quietly = False
        self._mending = False
        self._shown: MainWindow | None = None  # the window whose banner speaks, once built
        self._waiting = {"paint"}  # `ready` when both the first paint and the check are done
        if check_in_background:  # started first, so that it runs while the window is built
            self._waiting.add("check")
            self._check = check_file(db_path, self)
            self._check.finished.connect(self._checked)
            self._check.start()
        self.window = self._build(opened.notice, read_only=opened.read_only)

    def _done(self, what: str) -> None:
        if what not in self._waiting:
            return  # a window opened again after a restore: `ready` was said when it opened
        self._waiting.discard(what)
        if not self._waiting:
            if self._gate is not None:
                self._gate.release()  # painted and the file checked: input is taken
            self.ready.emit()

    def _hold_input(self) -> None:
        # At the first paint, which comes before any key or click meant for the window: the gate
        # watches the window's own system window, which exists only once the window is shown.
        if self._waiting and self._gate is None:
            self._gate = InputGate(QGuiApplication.instance())

    def _painted(self, window: MainWindow) -> None:
        self._done("paint")
        # The features' modules load at the next pause, not before the window takes input; a menu
        # opened or F1 pressed sooner adds them at once.
        QTimer.singleShot(0, window, window.add_menu_features)

    def _build(self, notice: str, *, read_only: bool = False) -> MainWindow:
        self.store.derived_tables_mending = self._mend_while_held
        self._shown = None
        window = self._make_window(self.store)
        self._shown = window
        window.restore_requested.connect(self._restore_soon)
        after_first_paint(window, lambda: self._painted(window), as_it_paints=self._hold_input)
        if notice:
            window.statusBar().showMessage(notice, 30_000)
        if read_only:
            window.banner.show_message(read_only_banner(self._db_path))
        return window

    def close(self) -> None:
        """Wait for the check, and close the Store (the window is closed by then)."""
        if self._check is not None:
            self._check.wait()
        if self._gate is not None:
            self._gate.release()
        self.store.close()

    # ------------------------------------------------------------ the check

    @Slot(object)
    def _checked(self, problem: StorageError | None) -> None:
        if problem is None:
            self._done("check")
            return
        # The start-up is over either way: StemPrep stops, or a window opens on a recovered file
        # (which takes input at once, and may be the first to paint if the check was quick).
        self._waiting.clear()
        if self._gate is not None:
            self._gate.release()
        if isinstance(problem, DatabaseDamaged) and self._interactive:
            self._recover(problem)
        else:
            if self._interactive:
                MessageDialog.error(self.window, str(problem))
            else:
                print(problem, file=sys.stderr)
            self._close_without_writing()
            QCoreApplication.exit(1)

    def _close_without_writing(self) -> None:
        """Close the window and the Store without a last write into a damaged file (once)."""
        if self._closed_quietly:
            return
        self._closed_quietly = True
        old = self.window
        for step in old.built_steps:
            step.discard()  # nothing was typed (input was held back); make sure nothing is written
        old.hide()
        backup.close_without_writing(self.store)

    def _recover(self, error: DatabaseDamaged) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        quits = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # the old window closes before the new one shows
        try:
            notice = ask_and_recover(self.window, error, close_first=self._close_without_writing)
            if notice is None:
                self._close_without_writing()
                QCoreApplication.exit(1)
                return
            self._reopen(notice)
        finally:
            app.setQuitOnLastWindowClosed(quits)

    def _reopen(self, notice: str) -> None:
        old = self.window
        old.close()
        old.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if self._open_again(notice):
            self.ready.emit()

    def _open_again(self, notice: str) -> bool:
        """Open the file (checked: it was just recovered or restored) in a new window; False when StemPrep stops."""
        opened = open_database(self._db_path)
        if opened is None:
            QCoreApplication.exit(1)
            return False
        self.store = opened.store
        self.window = self._build(" ".join(s for s in (notice, opened.notice) if s), read_only=opened.read_only)
        self.window.show()
        return True

    # ------------------------------------------------------------ a damaged search index

    def _mend_while_held(self, mend: Callable[[], bool]) -> bool:
        """Run `mend` on a worker, input held back and the banner saying why, the window painting; its result."""
        sentence = self.tr("The search was damaged and is being repaired from your profiles. "
                           "This takes a few seconds; nothing you entered is lost.")
        if self._mending:
            # The window asked for more while it waits (a list fetching its next rows): that
            # waits too, saying the same sentence, which goes when the repair is done.
            raise StorageError(sentence)
        window = self._shown
        if window is None or "check" in self._waiting:
            # Still building, or the file's check still running: an event loop here would let the
            # check's verdict in half-way; input is held until both are done, so mend at once.
            return mend()
        self._mending = True
        banner = window.banner
        banner.show_message(sentence)
        gate = InputGate(QGuiApplication.instance())
        loop = QEventLoop()
        outcome: list[bool] = []

        def work(_worker: Worker) -> bool:
            try:
                return mend()
            except Exception:  # a bug must not leave the window held: logged, and the search stays damaged
                log.exception("mending the search index failed")
                return False

        worker = Worker(work, self, name="stemprep-search-repair")
        worker.finished.connect(lambda mended: (outcome.append(bool(mended)), loop.quit()))
        worker.start()
        try:
            loop.exec()
        finally:
            gate.release()
            self._mending = False
            if banner.message == sentence:
                banner.clear()
        if outcome and outcome[0]:
            window.statusBar().showMessage(self.tr("The search has been repaired."), 10_000)
        return bool(outcome and outcome[0])

    # ------------------------------------------------------------ restoring a backup

    @Slot(object)
    def _restore_soon(self, chosen: Path) -> None:
        # Later, from the event loop: the old window is deleted, and its menu is still on the stack now.
        self._pending = chosen
        QTimer.singleShot(0, self._restore)

    @Slot()
    def _restore(self) -> None:
        chosen: Path = self._pending
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        quits = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # the old window closes before the new one shows
        try:
            old = self.window
            if not old.close():
                return  # the user kept the window to save their changes first
            old.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.store.close()
            notice = ""
            try:
                aside = backup.restore_backup(chosen, self._db_path)
                taken = backup_date_text(backup.taken_at(self._db_path, chosen))
                notice = QCoreApplication.translate(
                    "Recovery", "Restored the backup made {date}. The file as it was is kept as {name}."
                ).format(date=taken, name=aside.name if aside else "")
            except StorageError as error:
                MessageDialog.error(None, said(error))
            self._open_again(notice)
        finally:
            app.setQuitOnLastWindowClosed(quits)
