"""Seeing the interface: View → Text size scales everything and every step still fits a 1280×720 screen;
the focus ring follows the keyboard; dark mode keeps red flags and marks readable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import contrast
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QStyle,
    QStyleFactory,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.demo import create_demo
from app.gui.application import apply_color_scheme, dark_palette, run_gui
from app.gui.i18n import install_translations, remove_translations
from app.gui.main_window import MainWindow
from app.gui.marks import SEVERITY_COLOURS
from app.gui.scaling_style import TextSizeStyle, scaling_style
from app.gui.text_size import (
    DEFAULT_TEXT_SIZE,
    TEXT_SIZE_SETTING,
    TEXT_SIZES,
    apply_text_size,
    base_point_size,
    current_text_size,
    show_focus_ring,
)
from db.store import Store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SMALL_SCREEN = (1280, 720)


@pytest.fixture(autouse=True)
def _normal_text_afterwards(qapp: QApplication) -> Iterator[None]:
    base_point_size(qapp)  # remember Normal before any test changes it
    yield
    apply_text_size(qapp, DEFAULT_TEXT_SIZE)


@pytest.fixture
def demo_window(store: Store, make_window: Callable[[], MainWindow]) -> MainWindow:
    demo = create_demo(store)
    window = make_window()
    window.profile_list.select_profile(demo.id)
    return window


def _choose(window: MainWindow, size: str) -> None:
    window.text_size_menu.actions[size].trigger()


def test_text_size_scales_the_whole_interface_at_once_and_is_remembered(
    qapp: QApplication, demo_window: MainWindow, reopen: Callable[[], Store]
) -> None:
    base = qapp.font().pointSizeF()
    step_button = demo_window.step_buttons[0]
    heading_ratio = step_button.font().pointSizeF() / base
    notes = demo_window.profile_step.notes
    notes_height = notes.height()

    _choose(demo_window, "extra-large")
    qapp.processEvents()

    assert qapp.font().pointSizeF() == pytest.approx(base * TEXT_SIZES["extra-large"])
    assert demo_window.profile_step.name.font().pointSizeF() == pytest.approx(base * 1.5)  # follows the app font
    assert step_button.font().pointSizeF() / qapp.font().pointSizeF() == pytest.approx(heading_ratio)
    assert step_button.font().bold()
    assert notes.height() > notes_height
    assert notes.height() == notes.fontMetrics().lineSpacing() * 3 + 16  # three lines of the larger text
    assert demo_window.text_size_menu.actions["extra-large"].isChecked()
    with reopen() as disk:
        assert disk.setting(TEXT_SIZE_SETTING) == "extra-large"

    _choose(demo_window, "normal")
    assert qapp.font().pointSizeF() == pytest.approx(base)
    assert notes.height() == notes_height


def test_ctrl_plus_and_minus_step_through_the_sizes(qtbot: QtBot, demo_window: MainWindow) -> None:
    focused = demo_window.profile_step.name
    focused.setFocus()
    for expected in ("large", "extra-large", "extra-large"):
        qtbot.keyClick(focused, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        assert current_text_size() == expected
    qtbot.keyClick(focused, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert current_text_size() == "large"
    qtbot.keyClick(focused, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert current_text_size() == "normal"


def test_the_remembered_size_applies_at_start(qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db_path) as store:
        store.create_profile("Margaret Lee", condition="knee-oa")
        store.set_setting(TEXT_SIZE_SETTING, "large")
    base = base_point_size(qapp)
    seen: list[float] = []
    original_show = MainWindow.show
    monkeypatch.setattr(MainWindow, "show", lambda self: (seen.append(self.font().pointSizeF()), original_show(self)))
    assert run_gui(db_path, exit_after_startup=True) == 0
    assert seen == [pytest.approx(base * TEXT_SIZES["large"])]


def _clipped(window: QWidget) -> list[str]:
    """Visible buttons narrower than their text needs, or reaching outside the window."""
    inside = QRect(QPoint(0, 0), window.size())
    problems = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        area = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        if button.width() < button.minimumSizeHint().width() or not inside.contains(area):
            problems.append(f"{button.text()!r}: {button.size().toTuple()} at {area.topLeft().toTuple()}")
    return problems


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_step_fits_a_small_laptop_screen_in_extra_large_text(
    qapp: QApplication, qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow], language: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    install_translations(qapp, language, tmp_path_factory.mktemp("i18n"))
    try:
        apply_text_size(qapp, "extra-large")
        demo = create_demo(store)
        window = make_window()
        window.profile_list.select_profile(demo.id)
        window.resize(*SMALL_SCREEN)
        problems = []
        for step in range(len(window.steps)):
            window.go_to_step(step)
            qtbot.wait(10)
            hint = window.minimumSizeHint()
            if hint.width() > SMALL_SCREEN[0] or hint.height() > SMALL_SCREEN[1]:
                problems.append(f"step {step}: needs at least {hint.toTuple()}")
            if window.size().toTuple() != SMALL_SCREEN:
                problems.append(f"step {step}: the window grew to {window.size().toTuple()}")
            problems += [f"step {step}: {p}" for p in _clipped(window)]
        window.questions_step.show_doctor()
        view = window.questions_step.doctor_view
        assert view is not None
        view.showNormal()
        view.resize(*SMALL_SCREEN)
        qtbot.wait(10)
        problems += [f"show the doctor: {p}" for p in _clipped(view)]
        view.close()
    finally:
        remove_translations(qapp)
    assert problems == [], "\n".join(problems)


def test_check_boxes_and_radio_buttons_grow_with_the_text(qapp: QApplication) -> None:
    style = scaling_style("Fusion")
    metrics = (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_ExclusiveIndicatorHeight)
    normal = [style.pixelMetric(metric) for metric in metrics]
    apply_text_size(qapp, "extra-large")
    assert [style.pixelMetric(metric) for metric in metrics] == [round(value * 1.5) for value in normal]



def test_larger_text_puts_the_scaling_style_over_the_platform_style(qapp: QApplication) -> None:
    """At Normal size the window starts on the platform's style; larger text brings the indicators' scaling."""
    qapp.setStyle(QStyleFactory.create("Fusion"))  # as a fresh start at Normal size in a light palette
    try:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)
        assert not isinstance(qapp.style(), TextSizeStyle)
        apply_text_size(qapp, "large")
        assert isinstance(qapp.style(), TextSizeStyle)
        assert qapp.style().baseStyle().name().lower() == "fusion"  # over the style that was there
    finally:
        apply_text_size(qapp, DEFAULT_TEXT_SIZE)
        qapp.setStyle(scaling_style("Fusion"))

# ====================================================================== focus ring


def test_the_focus_ring_goes_around_whatever_has_the_keyboard_focus(
    qapp: QApplication, qtbot: QtBot, demo_window: MainWindow
) -> None:
    follower = show_focus_ring(qapp)
    form = demo_window.profile_step
    form.name.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(form.name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.birth_year
    ring = follower.ring
    assert ring.isVisible() and ring.widget() is form.birth_year
    around = QRect(form.birth_year.mapTo(ring.parentWidget(), QPoint(0, 0)), form.birth_year.size())
    assert ring.geometry().contains(around) and ring.geometry() != around  # drawn outside the field
    assert ring.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


# ====================================================================== dark mode




def test_red_flags_and_marks_stay_readable_in_light_and_dark() -> None:
    for severity, (text, background) in SEVERITY_COLOURS.items():
        assert contrast(QColor(text), QColor(background)) >= 7, severity  # their own colours, any palette
    dark = dark_palette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        assert contrast(dark.color(role), dark.color(QPalette.ColorRole.Base)) >= 7  # ○ ◎ ● × marks are text
    placeholder = dark.color(QPalette.ColorRole.PlaceholderText)  # "not asked" in the comparison
    assert contrast(placeholder, dark.color(QPalette.ColorRole.Base)) >= 4.5
    assert contrast(dark.color(QPalette.ColorRole.Highlight), dark.color(QPalette.ColorRole.Window)) >= 3  # focus ring


def test_a_dark_system_gets_a_dark_palette_and_a_light_one_gets_it_back(qapp: QApplication) -> None:
    style, palette = qapp.style().name(), qapp.palette()
    try:
        apply_color_scheme(qapp, Qt.ColorScheme.Light)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 128
        apply_color_scheme(qapp, Qt.ColorScheme.Dark)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 128
        apply_color_scheme(qapp, Qt.ColorScheme.Light)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 128
    finally:
        qapp.setStyle(QStyleFactory.create(style))
        qapp.setPalette(palette)
