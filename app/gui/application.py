"""Starting the desktop app: the QApplication, the bundled Korean font, the main window.

`run_gui` is the one door the command line uses to open the GUI. It owns the Store
it opens and closes it when the window has gone, so no other screen ever opens or
closes the database.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.question_bank import load_question_bank
from app.gui.dialogs import MessageDialog
from app.gui.main_window import MainWindow
from db.errors import StorageError
from db.store import Store
from resources import resource_path

#: Smallest base font size: many users are older and read on laptops.
BASE_POINT_SIZE = 11.0

#: Bundled so Korean never shows as boxes on a computer without a Korean font.
FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")

#: If the first paint never comes, a start-up check must still end (and fail).
STARTUP_CHECK_TIMEOUT_MS = 30_000

_FONTS_PROPERTY = "stemprep_font_families"


def register_fonts(app: QGuiApplication) -> list[str]:
    """Register the bundled fonts once per application; returns their family names."""
    known = app.property(_FONTS_PROPERTY)
    if known:
        return list(known)
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id < 0:
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    app.setProperty(_FONTS_PROPERTY, families)
    return families


def apply_app_font(app: QGuiApplication) -> QFont:
    """Keep the system's font for Latin text, fall back to NanumGothic for Korean, at 11 pt or more."""
    families = register_fonts(app)
    font = QFont(QGuiApplication.font())
    first = QFontInfo(font).family()  # the real family, not an alias such as "Sans Serif"
    font.setFamilies([first, *(f for f in families if f != first)])
    if font.pointSizeF() < BASE_POINT_SIZE:
        font.setPointSizeF(BASE_POINT_SIZE)
    app.setFont(font)
    return font


class _FirstPaint(QObject):
    """Ends the event loop with 0 right after the watched window is first painted."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, lambda: QCoreApplication.exit(0))
        return False


def run_gui(db_path: Path, *, exit_after_startup: bool = False, argv: list[str] | None = None) -> int:
    """Open the StemPrep window on the database at `db_path`; returns the exit code.

    With `exit_after_startup` the app quits with 0 as soon as the main window has
    painted once (a smoke test that the GUI starts on this machine).
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        list(sys.argv if argv is None else argv)
    )
    app.setApplicationName("StemPrep")
    app.setApplicationDisplayName("StemPrep")
    apply_app_font(app)

    try:
        store = Store.open(db_path)
    except StorageError as error:
        if exit_after_startup:
            print(str(error), file=sys.stderr)
        else:
            MessageDialog.error(None, str(error))
        return 1

    try:
        window = MainWindow(store, load_question_bank())
        if exit_after_startup:
            _FirstPaint(window)
            give_up = QTimer(window)  # dies with the window, so it never fires into a later loop
            give_up.setSingleShot(True)
            give_up.timeout.connect(lambda: QCoreApplication.exit(1))
            give_up.start(STARTUP_CHECK_TIMEOUT_MS)
        window.show()
        code = app.exec()
        window.close()  # flushes edits when the loop ended without a close (start-up check)
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return code
    finally:
        store.close()
