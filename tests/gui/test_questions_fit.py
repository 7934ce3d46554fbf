"""The Questions step fits a 1280×720 screen with the patient list open, at every text size, in both languages.

Walks every widget of the step, in both views and for a question of each kind of answer:
no sideways scroll bar shows, no button or one-line label is narrower than its text, no
wrapped label is shorter than its lines, and nothing reaches past the right edge of the
pane it is in. Then the answer controls: radio buttons and check boxes must stand out
from the background in dark mode as in light.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from gui_helpers import contrast
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.demo import create_demo
from app.domain.question_bank import QuestionBank
from app.domain.sample import add_sample_profiles
from app.gui.application import dark_palette
from app.gui.i18n import install_translations, remove_translations
from app.gui.main_window import MainWindow
from app.gui.scaling_style import scaling_style
from app.gui.text_size import (
    DEFAULT_TEXT_SIZE,
    TEXT_SIZES,
    apply_text_size,
    base_point_size,
)
from db.store import Store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SMALL_SCREEN = (1280, 720)


@pytest.fixture(autouse=True)
def _normal_text_afterwards(qapp: QApplication) -> Iterator[None]:
    base_point_size(qapp)
    yield
    apply_text_size(qapp, DEFAULT_TEXT_SIZE)


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    return f"{type(widget).__name__} {text[:50]!r}"


def cut_off(top: QWidget) -> list[str]:
    """What a user would see cut off under `top`: sideways scroll bars, squeezed or clipped text."""
    problems = []
    for area in top.findChildren(QAbstractScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            problems.append(f"sideways scroll bar in {type(area).__name__} {area.accessibleName()!r}")
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton) or not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.heightForWidth(widget.width()) > widget.height() + 1:
                problems.append(f"{_describe(widget)}: {widget.height()} px high, its lines need "
                                f"{widget.heightForWidth(widget.width())}")
        elif widget.width() < widget.minimumSizeHint().width():
            problems.append(f"{_describe(widget)}: {widget.width()} px wide, needs {widget.minimumSizeHint().width()}")
        # Nothing reaches past the visible part of the pane (or window) it sits in.
        clip = QRect(QPoint(0, 0), top.size())
        parent = widget.parentWidget()
        while parent is not None and parent is not top:
            if isinstance(parent, QAbstractScrollArea):
                viewport = parent.viewport()
                clip = QRect(viewport.mapTo(top, QPoint(0, 0)), viewport.size())
                break
            parent = parent.parentWidget()
        area = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        if area.right() > clip.right() + 1 or area.left() < clip.left() - 1:
            problems.append(f"{_describe(widget)}: reaches past the right edge ({area} in {clip})")
    return problems


def _screens(window: MainWindow) -> Iterator[str]:
    """Each view, and in it a question of each kind of answer and the first with a red flag."""
    step = window.questions_step
    for view in ("mine", "all"):
        step.set_view(view)
        flagged = {qid for flag in step._flags for qid in flag.question_ids}  # noqa: SLF001
        seen: set[str] = set()
        for index in range(step.question_count):
            question = step._questions[index]  # noqa: SLF001 - one question of each kind
            kind = "red flag" if question.id in flagged else question.answer_kind
            if kind in seen:
                continue
            seen.add(kind)
            step.show_question(index, focus_answer=True)
            QTest.qWait(50)  # the scroll area sizes the card once its layout requests are handled
            yield f"{view}, {kind} question {step.current_index + 1}"
        assert "red flag" in seen or view == "mine", "the walk must see a question with a red flag"


@pytest.mark.qt_log_ignore(
    # The offscreen platform cannot float a window; the drawer is still laid out as on a desktop.
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)
@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_questions_step_fits_at_every_text_size_with_the_patient_list_open(
    qapp: QApplication, qtbot: QtBot, store: Store, bank: QuestionBank,
    make_window: Callable[[], MainWindow], language: str, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    install_translations(qapp, language, tmp_path_factory.mktemp("i18n"))
    try:
        add_sample_profiles(store, 300, seed=3, bank=bank)
        demo = create_demo(store)
        window = make_window()
        window.resize(*SMALL_SCREEN)
        window.profile_list.select_profile(demo.id)
        window.go_to_step(MainWindow.QUESTIONS)
        if not window.patients_dock.isVisible():
            window.patients_dock.toggleViewAction().trigger()  # the user opens the list over the step
            qtbot.wait(50)  # the step lays itself out again once the list has moved aside
        assert window.patients_dock.isVisible()
        step = window.questions_step
        for row in range(step.clinic_box.count()):  # the demo clinic whose answers raise red flags
            step.clinic_box.setCurrentIndex(row)
            if step._flags:  # noqa: SLF001
                break
        problems = []
        for size in TEXT_SIZES:
            apply_text_size(qapp, size)
            qtbot.wait(20)
            for screen in _screens(window):
                problems += [f"{size}, {screen}: {p}" for p in cut_off(window.questions_step)]
            if window.size().toTuple() != SMALL_SCREEN:
                problems.append(f"{size}: the window grew to {window.size().toTuple()}")
    finally:
        remove_translations(qapp)
    assert problems == [], "\n".join(problems)


def test_the_walk_sees_a_cut_off_button_and_a_sideways_scroll_bar(qtbot: QtBot, store: Store, bank: QuestionBank,
                                                                  make_window: Callable[[], MainWindow]) -> None:
    """Guards the walk above: it must fail on what it is there to find."""
    create_demo(store)
    window = make_window()
    window.resize(*SMALL_SCREEN)
    window.go_to_step(MainWindow.QUESTIONS)
    step = window.questions_step
    assert cut_off(step) == []
    step.ask_button.setFixedWidth(20)
    step.card_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    qtbot.wait(10)
    found = "\n".join(cut_off(step))
    assert "sideways scroll bar" in found and step.ask_button.text() in found


# ====================================================================== dark mode




def _ring_contrast(palette: QPalette, checked: bool) -> float:
    """How far the radio button's drawn outline stands out from the window behind it (best pixel)."""
    radio = QRadioButton()
    radio.setStyle(scaling_style("Fusion"))
    radio.setPalette(palette)
    radio.setAutoFillBackground(True)
    radio.setChecked(checked)
    radio.resize(radio.sizeHint())
    image: QImage = radio.grab().toImage()
    background = palette.color(QPalette.ColorRole.Window)
    best = 1.0
    for x in range(min(image.width(), 30)):
        for y in range(image.height()):
            best = max(best, contrast(image.pixelColor(x, y), background))
    return best


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_answer_radio_buttons_stand_out_in_light_and_dark(qapp: QApplication, scheme: str) -> None:
    palette = dark_palette() if scheme == "dark" else scaling_style("Fusion").standardPalette()
    for checked in (False, True):
        assert _ring_contrast(palette, checked) >= 3.0, (scheme, checked)  # WCAG: 3:1 for a control's outline


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_chosen_answer_button_reads_clearly_in_light_and_dark(qapp: QApplication, scheme: str) -> None:
    """Yes / No / status buttons, once chosen, are drawn in the highlight colours (see CHECKED_BUTTON_STYLE)."""
    palette = dark_palette() if scheme == "dark" else scaling_style("Fusion").standardPalette()
    chosen = contrast(palette.color(QPalette.ColorRole.HighlightedText), palette.color(QPalette.ColorRole.Highlight))
    # Dark mode is ours (app.gui.application.dark_palette): text contrast for reading. The light
    # palette is the style's own, whose white on blue is 3.7:1; at least a control's 3:1 there.
    assert chosen >= (4.5 if scheme == "dark" else 3.0), scheme
    # and a chosen button stands apart from the window it sits on
    assert contrast(palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.Window)) >= 3, scheme
