"""Starting the desktop app: the QApplication, the bundled Korean font, the main window.

`run_gui` is the one door the command line uses to open the GUI. It owns the Store
it opens and closes it when the window has gone, so no other screen ever opens or
closes the database. It shows the window as soon as it can: the question bank comes
from its cache, the steps other than the first are built when first shown, and the
quick check of the whole file runs on a worker beside the first paint (see
`app.gui.session`).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontInfo,
    QGuiApplication,
    QPalette,
)
from PySide6.QtWidgets import QApplication

from app.domain.question_bank import load_question_bank
from app.gui.app_icon import DESKTOP_NAME, app_icon
from app.gui.i18n import (
    choose_language,
    install_translations,
    remove_translations,
    stored_language,
    ui_language,
)
from app.gui.main_window import MainWindow
from app.gui.recovery import open_database
from app.gui.session import WindowSession, forget_module_sources
from app.gui.text_size import (
    DEFAULT_TEXT_SIZE,
    apply_text_size,
    palette_is_dark,
    show_focus_ring,
    stored_text_size,
)
from resources import resource_path

#: Smallest base font size: many users are older and read on laptops.
BASE_POINT_SIZE = 11.0

#: Bundled so Korean never shows as boxes on a computer without a Korean font.
FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")

#: If the first paint never comes, a start-up check must still end (and fail).
STARTUP_CHECK_TIMEOUT_MS = 30_000

_FONTS_PROPERTY = "stemprep_font_families"
_DARK_PROPERTY = "stemprep_dark_palette"
_SCHEME_PROPERTY = "stemprep_follows_scheme"


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


def dark_palette() -> QPalette:
    """A dark palette for when the system is in dark mode but its style gave a light one."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#16171a",
        QPalette.ColorRole.AlternateBase: "#26282c",
        QPalette.ColorRole.ToolTipBase: "#303134",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2d2f33",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Light: "#4a4e54",
        QPalette.ColorRole.Midlight: "#3c4043",
        QPalette.ColorRole.Mid: "#5f6368",  # table grid lines and frames must show on the dark base
        QPalette.ColorRole.Dark: "#101113",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#8ab4f8",
        QPalette.ColorRole.HighlightedText: "#10243f",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.LinkVisited: "#c58af9",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return palette


def apply_color_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """Give the application a dark palette for a dark scheme if its style did not, and take it back after."""
    ours = bool(app.property(_DARK_PROPERTY))
    if scheme == Qt.ColorScheme.Dark and not palette_is_dark(app.palette()):
        from app.gui.scaling_style import scaling_style  # only a dark palette needs the style

        app.setStyle(scaling_style("Fusion"))
        app.setPalette(dark_palette())
        app.setProperty(_DARK_PROPERTY, True)
    elif scheme != Qt.ColorScheme.Dark and ours:
        app.setPalette(app.style().standardPalette())
        app.setProperty(_DARK_PROPERTY, False)
    elif palette_is_dark(app.palette()):
        from app.gui.scaling_style import use_scaling_style

        use_scaling_style(app)  # the platform's own dark palette: radio buttons drawn to show in it


def follow_color_scheme(app: QApplication) -> None:
    """Dark mode follows the system, now and when the user switches it while StemPrep is open.

    Qt 6.5+ reports the system's colour scheme; most platform styles then give a dark
    palette themselves. Where one does not (some Linux desktops), StemPrep switches to
    Fusion with its own dark palette, and back to the style's light palette afterwards.
    Red-flag marks and the problem banner set their own dark-on-light colours (see
    `app.gui.marks`), so they read the same in both.
    """
    if not app.property(_SCHEME_PROPERTY):
        app.styleHints().colorSchemeChanged.connect(lambda scheme: apply_color_scheme(app, scheme))
        app.setProperty(_SCHEME_PROPERTY, True)
    apply_color_scheme(app, app.styleHints().colorScheme())


def run_gui(
    db_path: Path,
    *,
    exit_after_startup: bool = False,
    argv: list[str] | None = None,
    language: str | None = None,
) -> int:
    """Open the StemPrep window on the database at `db_path`; returns the exit code.

    With `exit_after_startup` the app quits with 0 as soon as the main window has
    painted once and its file has passed the quick check (a smoke test that the GUI
    starts on this machine). `language` ("en", "ko", from ``--lang``) overrides the
    one chosen in Settings and the system's.
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        list(sys.argv if argv is None else argv)
    )
    app.setApplicationName("StemPrep")
    app.setApplicationDisplayName("StemPrep")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_NAME)  # Wayland docks find the icon through stemprep.desktop
    apply_app_font(app)
    follow_color_scheme(app)  # a dark palette brings the scaling style, as larger text does
    show_focus_ring(app)
    # Before the Store opens, so that even "cannot open the database" comes in the user's language.
    install_translations(app, choose_language(language, ""))

    # A damaged file is explained and set aside (a backup offered); a second window is one sentence.
    opened = open_database(db_path, interactive=not exit_after_startup, check=False)
    if opened is None:
        remove_translations(app)
        return 1
    store = opened.store
    session: WindowSession | None = None

    try:
        chosen = choose_language(language, stored_language(store))
        if chosen != ui_language():
            install_translations(app, chosen)
        apply_text_size(app, stored_text_size(store))
        bank = load_question_bank()
        forget_module_sources()  # before the window is built, which can use that memory
        # The session swaps the Store and the window when a backup is restored.
        session = WindowSession(
            db_path, opened, lambda opened_store: MainWindow(opened_store, bank),
            check_in_background=True, interactive=not exit_after_startup,
        )
        window = session.window
        # Everything built so far lives as long as the window: keep it out of the garbage
        # collector's full passes, which a worker thread (batch printing, backups) would
        # otherwise run while holding the GIL, freezing the window for 100 ms or more.
        gc.freeze()
        gc.enable()  # paused by main.py while StemPrep starts; from here it only sees new objects
        if exit_after_startup:
            session.ready.connect(lambda: QCoreApplication.exit(0))
            give_up = QTimer(window)  # dies with the window, so it never fires into a later loop
            give_up.setSingleShot(True)
            give_up.timeout.connect(lambda: QCoreApplication.exit(1))
            give_up.start(STARTUP_CHECK_TIMEOUT_MS)
        window.show()
        code = app.exec()
        window = session.window  # a new one if a backup was restored
        window.close()  # flushes edits when the loop ended without a close (start-up check)
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return code
    finally:
        if session is not None:
            session.close()
        else:
            store.close()
        # Leave the application as it was: tests open many windows in one process.
        remove_translations(app)
        apply_text_size(app, DEFAULT_TEXT_SIZE)
