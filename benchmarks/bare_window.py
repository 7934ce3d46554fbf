"""The floor for start-up and memory: the least any PySide6 desktop app can do.

It creates a QApplication, shows an empty QMainWindow of StemPrep's size, and exits as
soon as that window has painted once, exactly as `stemprep --exit-after-startup` does.
Run as a script (`python benchmarks/bare_window.py`) so it imports nothing of StemPrep.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    """Ends the event loop right after the watched window is first painted."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, lambda: QCoreApplication.exit(0))
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1360, 860)  # StemPrep's window size, so both paint the same area
    FirstPaint(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
