"""Runs the bare window or StemPrep, and prints the moment its main window first painted.

    python benchmarks/first_paint.py bare
    python benchmarks/first_paint.py widgets
    python benchmarks/first_paint.py stemprep --db FILE --exit-after-startup

All are run the same way: before either starts, `QMainWindow.show` is wrapped so that
the first Paint event of the window prints ``first paint at <time.monotonic()>`` on
stdout; `benchmarks/launcher.py` records the monotonic moment it started the child, so
the difference is the time from launch to the first picture on screen. The program
then carries on as usual (StemPrep's start-up check exits once its file is checked).

StemPrep starts as `main.py` starts it: the garbage collector paused, and its command
line imported before PySide6 (PySide6 reads the source of every module imported after
it, so importing it first here would make StemPrep pay for a start-up order its users
never have).
"""

from __future__ import annotations

import gc
import runpy
import sys
import time
from pathlib import Path

PREFIX = "first paint at "
BARE_WINDOW = Path(__file__).resolve().parent / "bare_window.py"
WIDGETS_WINDOW = Path(__file__).resolve().parent / "widgets_window.py"


def _watch_first_paint() -> None:
    """Make every QMainWindow print the moment of its first Paint event."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QMainWindow

    class Watch(QObject):
        def __init__(self, window: QMainWindow) -> None:
            super().__init__(window)
            self._done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if not self._done and event.type() == QEvent.Type.Paint:
                self._done = True
                print(f"{PREFIX}{time.monotonic():.6f}", flush=True)
            return False

    real_show = QMainWindow.show

    def show(self: QMainWindow) -> None:
        self.installEventFilter(Watch(self))
        real_show(self)

    QMainWindow.show = show  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    which, *rest = argv
    if which in ("bare", "widgets"):
        _watch_first_paint()
        script = BARE_WINDOW if which == "bare" else WIDGETS_WINDOW
        sys.argv = [str(script)]
        runpy.run_path(str(script), run_name="__main__")  # exits through SystemExit
        return 0
    gc.disable()  # as main.py does while StemPrep starts
    from app.cli import main as stemprep  # before PySide6, as in main.py

    _watch_first_paint()
    return stemprep(rest)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
