"""The patient list as a drawer over the Questions step: where it floats, that it follows the window and stays on
the screen. The placing is checked offscreen; a real X11 window (under xvfb-run, when installed) checks it as a
window manager-less desktop shows it at 1280x720, in Normal and Extra-large text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import demo_and_another_on_a_laptop
from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.patients_dock import DRAWER_WIDTH, drawer_geometry
from db.store import Store

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

SCREEN = QRect(0, 0, 1280, 720)
X11_PROBE = Path(__file__).parent / "x11" / "drawer_at_1280x720.py"


def test_the_drawer_lies_along_the_left_of_the_steps_as_tall_as_they_are() -> None:
    steps = QRect(0, 23, 1280, 674)
    assert drawer_geometry(steps, SCREEN, DRAWER_WIDTH) == QRect(0, 23, DRAWER_WIDTH, 674)
    # Never more than half the steps: a narrow window keeps half its step in view.
    assert drawer_geometry(QRect(100, 50, 600, 500), SCREEN, 510).width() == 300


def test_a_window_pushed_off_the_screen_still_gets_its_whole_drawer_on_it() -> None:
    assert drawer_geometry(QRect(-300, 63, 1280, 674), SCREEN, DRAWER_WIDTH) == QRect(0, 46, DRAWER_WIDTH, 674)
    assert drawer_geometry(QRect(1100, 500, 1280, 674), SCREEN, DRAWER_WIDTH) == QRect(940, 46, DRAWER_WIDTH, 674)
    taller = drawer_geometry(QRect(0, 0, 1280, 2000), SCREEN, DRAWER_WIDTH)
    assert SCREEN.contains(taller)


def test_the_drawer_follows_the_window_when_it_moves(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow]
) -> None:
    window = demo_and_another_on_a_laptop(store, make_window)
    window.go_to_step(MainWindow.QUESTIONS)
    window.patients_dock.toggleViewAction().trigger()
    assert window.patient_list_is_drawer
    steps = window.centralWidget()
    qtbot.waitUntil(lambda: window.patients_dock.geometry().topLeft() == steps.mapToGlobal(steps.rect().topLeft()))
    window.move(window.x() + 40, window.y() + 30)
    qtbot.waitUntil(lambda: window.patients_dock.geometry().topLeft() == steps.mapToGlobal(steps.rect().topLeft()))
    assert window.patients_dock.width() == DRAWER_WIDTH
    assert window.patients_dock.height() == steps.height()


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run for a real X11 window")
@pytest.mark.parametrize("text_size", ["normal", "extra-large"])
def test_on_a_real_x11_screen_the_drawer_opens_over_the_step_and_stays_on_screen(
    tmp_path: Path, text_size: str
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x720x24", sys.executable, str(X11_PROBE),
         str(tmp_path / "stemprep.db"), text_size, str(tmp_path / "screen.png")],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["platform"] == "xcb"
    screen = QRect(*seen["screen"])
    opened, steps = QRect(*seen["opened"]), QRect(*seen["steps"])
    assert seen["drawer"]
    assert opened.topLeft() == steps.topLeft()  # over the left of the step, just below the menus
    assert opened.height() == steps.height()
    assert opened.width() == min(round(DRAWER_WIDTH * {"normal": 1.0, "extra-large": 1.5}[text_size]), steps.width() // 2)
    assert seen["step_width"] > 1200  # the step keeps its width: the list floats, it does not squeeze
    assert screen.contains(opened)
    # The window pushed half off the left edge: the drawer stays whole on the screen.
    moved = QRect(*seen["moved"])
    assert screen.contains(moved) and moved.left() == 0
    assert (tmp_path / "screen.png").stat().st_size > 10_000
