"""Screenshots of every step, for the README and for looking at: ``scripts/screenshots``.

Builds the demo patient and 300 sample patients in a throw-away database and photographs
the window at 1280×720 (a small laptop screen) in English and Korean, at Normal and Extra-large text,
plus the steps with red flags in dark mode. Names say what they show:
``<screen>-<language>-<text size>[-dark].png``, so a run over the same code gives the
same set of files, and a reviewer can open the Korean Extra-large ones and check that
nothing is cut off and no Korean shows as boxes.

This is a tool for the repository, not part of the app, so it lives here and not under app/.
Run it with the project's Python and Qt's offscreen platform (the script sets it).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PIL import Image
from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QEvent,
    QEventLoop,
    QIODevice,
    Qt,
    QTimer,
)
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from app.domain.question_bank import QuestionBank, load_question_bank
from app.domain.sample import add_sample_profiles
from app.gui.application import apply_app_font, dark_palette
from app.gui.i18n import install_translations, remove_translations
from app.gui.main_window import MainWindow
from app.gui.scaling_style import scaling_style
from app.gui.text_size import apply_text_size, show_focus_ring
from db.store import Store

OUT = Path(__file__).resolve().parent
WIDTH, HEIGHT = 1280, 720
LANGUAGES = ("en", "ko")
TEXT_SIZES = ("normal", "extra-large")
#: The screens worth checking in dark mode: the ones with red-flag colours and marks.
DARK_SCREENS = ("clinics", "comparison", "questions", "doctor", "worklist")
#: Sample patients beside the demo, as on a facilitator's computer.
SAMPLE_PATIENTS = 300
#: How long to wait for the sheet preview (rendered on a worker thread).
PREVIEW_TIMEOUT_MS = 60_000


def settle(app: QApplication, ms: int = 60) -> None:
    """Let layouts, deferred deletes and paints run."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def with_drawer(window: MainWindow) -> QPixmap:
    """The window with the patient list floating over it as a drawer (a window of its own, so grabbed apart)."""
    picture = window.grab()
    dock = window.patients_dock
    painter = QPainter(picture)
    at = window.mapFromGlobal(dock.mapToGlobal(QPoint(0, 0)))
    painter.drawPixmap(at, dock.grab())
    # Its window's edge, as a desktop draws it (the offscreen platform draws no window frames).
    painter.setPen(dock.palette().color(QPalette.ColorRole.Dark))
    painter.drawRect(at.x(), at.y(), dock.width() - 1, dock.height() - 1)
    painter.end()
    return picture


def save(widget: QWidget | QPixmap, name: str, written: list[Path]) -> None:
    path = OUT / f"{name}.png"
    # An adaptive 256-colour palette (Pillow comes with reportlab) keeps every colour of a window,
    # dark grey included, at a quarter of the file size.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    (widget if isinstance(widget, QPixmap) else widget.grab()).save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
    written.append(path)
    print(path.relative_to(ROOT))


@contextmanager
def window_on_fresh_database(bank: QuestionBank) -> Iterator[MainWindow]:
    with tempfile.TemporaryDirectory(prefix="stemprep-screens-") as folder:
        store = Store.open(Path(folder) / "stemprep.db")
        window = MainWindow(store, bank)
        try:
            window.resize(WIDTH, HEIGHT)
            window.show()
            window.activateWindow()
            yield window
        finally:
            window.close()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            store.close()


def go_to_a_red_flag(window: MainWindow) -> None:
    """The Questions step at the first question whose answer raised a red flag (the demo has some)."""
    step = window.questions_step
    step.set_view("all")  # the flagged answer need not be one of the patient's picked questions
    for clinic_row in range(step.clinic_box.count()):
        step.clinic_box.setCurrentIndex(clinic_row)
        for index in range(step.question_count):
            step.show_question(index)
            if step.flags_for_current():
                step.show_question(index, focus_answer=True)  # the answer box in view, as Alt+A does
                return


def shoot_all(app: QApplication, bank: QuestionBank, suffix: str, only: tuple[str, ...] | None) -> list[Path]:
    """Every screen, photographed as `<screen>-<suffix>.png`."""
    written: list[Path] = []

    def shot(widget: QWidget | QPixmap | Callable[[], QPixmap], screen: str) -> None:
        if only is None or screen in only:
            settle(app)
            save(widget() if callable(widget) else widget, f"{screen}-{suffix}", written)

    with window_on_fresh_database(bank) as window:
        settle(app, 200)
        shot(window, "welcome")
        # A facilitator's computer: the demo and 300 other (sample) patients.
        add_sample_profiles(window.profile_list._store, SAMPLE_PATIENTS, bank=bank)  # noqa: SLF001
        window.profile_list.refresh()
        window.open_demo()
        shot(window, "profile")
        window.go_to_step(MainWindow.CLINICS)
        clinics = window.clinics_step
        clinics.clinic_list.setCurrentIndex(clinics.clinic_model.index(clinics.clinic_model.rowCount() - 1))
        shot(window, "clinics")
        clinics.tabs.setCurrentIndex(clinics.COMPARE_TAB)
        shot(window, "comparison")
        clinics.tabs.setCurrentIndex(clinics.DETAILS_TAB)
        window.go_to_step(MainWindow.QUESTIONS)
        go_to_a_red_flag(window)
        # The list lays its rows out lazily; scroll once they are laid out, so every run looks the same.
        settle(app, 200)
        questions = window.questions_step.question_list
        questions.scrollTo(questions.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter)
        shot(window, "questions")
        window.patients_dock.toggleViewAction().trigger()  # the list, opened over the questions
        shot(lambda: with_drawer(window), "questions-list-open")
        window.patients_dock.toggleViewAction().trigger()
        window.questions_step.show_doctor()
        doctor = window.questions_step.doctor_view
        assert doctor is not None
        doctor.showNormal()  # the offscreen screen is smaller than the window we want
        doctor.resize(WIDTH, HEIGHT)
        doctor.answer.setFocus()
        shot(doctor, "doctor")
        doctor.close()
        window.show_worklist()
        model = window.worklist.model
        # Sorted by serious red flags, most first, once every patient is counted.
        window.worklist.view.horizontalHeader().setSortIndicator(model.FLAGS, Qt.SortOrder.AscendingOrder)
        wait_for(app, lambda: not model.counting_now)
        wait_for(app, lambda: (f := model.figures(model.summary(0).id)) is not None and f.serious_flags is not None)
        shot(window, "worklist")
        if only is None or "sheet" in only:
            window.go_to_step(MainWindow.SHEET)
            wait_for(app, lambda: window.sheet_step.pdf_bytes is not None)
            shot(window, "sheet")
    return written


def wait_for(app: QApplication, done: Callable[[], bool]) -> None:
    waited = 0
    while not done():
        settle(app, 100)
        waited += 100
        if waited > PREVIEW_TIMEOUT_MS:
            raise SystemExit("the sheet preview did not appear in time")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screen", action="append", help="only this screen (repeatable), e.g. questions")
    args = parser.parse_args(argv)
    only = tuple(args.screen) if args.screen else None

    app = QApplication(["stemprep-screenshots"])
    app.setApplicationName("StemPrep")
    app.setApplicationDisplayName("StemPrep")
    app.setStyle(scaling_style("Fusion"))  # the same look on every machine that runs this
    apply_app_font(app)
    show_focus_ring(app)
    bank = load_question_bank()
    written: list[Path] = []
    light = app.palette()
    for language in LANGUAGES:
        install_translations(app, language)
        for size in TEXT_SIZES:
            apply_text_size(app, size)
            written += shoot_all(app, bank, f"{language}-{size}", only)
        apply_text_size(app, "normal")
        app.setPalette(dark_palette())
        written += shoot_all(app, bank, f"{language}-normal-dark", tuple(s for s in DARK_SCREENS if only is None or s in only))
        app.setPalette(light)
        remove_translations(app)
    print(f"{len(written)} screenshots in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
