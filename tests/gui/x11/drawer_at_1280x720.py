"""Run on a real X11 display (xvfb-run) by tests/gui/test_patient_drawer.py: open the patient list as a
drawer over the Questions step of a 1280x720 window, move the window, and print what the screen shows."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication

from app.domain.demo import create_demo
from app.domain.question_bank import load_question_bank
from app.domain.sample import add_sample_profiles
from app.gui.application import apply_app_font
from app.gui.main_window import MainWindow
from app.gui.text_size import apply_text_size
from db.store import Store


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> None:
    db_path, text_size, screenshot = sys.argv[1], sys.argv[2], sys.argv[3]
    app = QApplication([])
    apply_app_font(app)
    apply_text_size(app, text_size)
    store = Store.open(db_path)
    bank = load_question_bank()
    create_demo(store)
    add_sample_profiles(store, 40, bank=bank)
    window = MainWindow(store, bank)
    window.resize(1280, 720)
    window.show()
    seen: dict[str, object] = {"platform": app.platformName(), "screen": rect(app.primaryScreen().availableGeometry())}
    steps = [
        lambda: window.go_to_step(MainWindow.QUESTIONS),
        lambda: window.patients_dock.toggleViewAction().trigger(),
        lambda: seen.update(opened=rect(window.patients_dock.frameGeometry()), window=rect(window.frameGeometry()),
                            steps=rect(QRect(window.centralWidget().mapToGlobal(window.centralWidget().rect().topLeft()),
                                             window.centralWidget().size())),
                            drawer=window.patient_list_is_drawer,
                            step_width=window.questions_step.width()),
        lambda: app.primaryScreen().grabWindow(0).save(screenshot),
        lambda: window.move(-300, 40),  # pushed half off the left edge of the screen
        lambda: seen.update(moved=rect(window.patients_dock.frameGeometry()),
                            moved_steps=rect(QRect(window.centralWidget().mapToGlobal(window.centralWidget().rect().topLeft()),
                                                   window.centralWidget().size()))),
    ]

    def run(index: int = 0) -> None:
        if index == len(steps):
            print(json.dumps(seen))
            window.close()
            store.close()
            app.quit()
            return
        steps[index]()
        QTimer.singleShot(400, lambda: run(index + 1))

    QTimer.singleShot(600, run)
    app.exec()


if __name__ == "__main__":
    main()
