"""The patient list's dock: beside the steps, or as a drawer over a step that needs the room.

The window decides where the list goes (see `MainWindow`); this module holds the dock
itself, the measures and setting that decision uses, and where the drawer floats: along
the left edge of the step, as tall as it, following the window when it moves or is
resized, and always inside the screen (a window pushed half off the screen edge still
gets its whole drawer on screen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from app.gui.profile_list import CONDITION_WIDTH, ProfileList, ProfileListModel

#: Whether the patient list was last left open ("open") or closed ("closed") by the user.
PATIENT_LIST_SETTING = "gui.patient_list"

#: Below this window width (in pixels at Normal text) a step that needs the room closes the list.
ROOMY_WINDOW_WIDTH = 1700

#: The width of the patient list when it floats over a step as a drawer (pixels at Normal text).
DRAWER_WIDTH = 340

#: The width the patient list starts with beside the steps, in pixels at Normal text.
DOCK_WIDTH = 310


def grown(pixels: int, text_scale: float) -> int:
    """A width for a larger text size: by half as much as the text grows, so that names in the
    list stay readable and the step beside it keeps the room it needs (a 1280-pixel screen)."""
    return round(pixels * (1 + (text_scale - 1) / 2))


def drawer_geometry(area: QRect, screen: QRect, width: int) -> QRect:
    """Where the drawer floats: along the left of `area` (the steps, in screen coordinates), as tall
    as it, at most half its width, and moved as little as needed to lie wholly on `screen`."""
    width = max(1, min(width, area.width() // 2, screen.width()))
    height = max(1, min(area.height(), screen.height()))
    left = min(max(area.left(), screen.left()), screen.left() + screen.width() - width)
    top = min(max(area.top(), screen.top()), screen.top() + screen.height() - height)
    return QRect(QPoint(left, top), QSize(width, height))


class PatientsDock(QDockWidget):
    """The dock around the patient list; tells the window when the user closes it with its own button."""

    closed_by_user = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._area: QWidget | None = None
        self._drawer_width = DRAWER_WIDTH

    def start_beside(self, window: QMainWindow, text_scale: float) -> None:
        """Take the list's starting width beside the steps for the text size; the names get most of it."""
        window.resizeDocks([self], [grown(DOCK_WIDTH, text_scale)], Qt.Orientation.Horizontal)
        patients = self.widget()
        assert isinstance(patients, ProfileList)
        patients.view.horizontalHeader().resizeSection(ProfileListModel.CONDITION, grown(CONDITION_WIDTH, text_scale))

    def open_as_drawer(self, area: QWidget, width: int) -> None:
        """Float over the left of `area` (the steps), `width` pixels wide, and keep there while it is open."""
        if self._area is not area:
            area.window().installEventFilter(self)
            self._area = area
        self._drawer_width = width
        layout = area.window().layout()
        if layout is not None:
            layout.activate()  # the steps take back the room the docked list had a moment ago
        self.setFloating(True)
        self._follow_area()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize) and self.isFloating() and self.isVisible():
            self._follow_area()
        return False

    def _follow_area(self) -> None:
        if self._area is None:
            return
        area = QRect(self._area.mapToGlobal(QPoint(0, 0)), self._area.size())
        screen = self._area.screen() or QGuiApplication.primaryScreen()
        self.setGeometry(drawer_geometry(area, screen.availableGeometry(), self._drawer_width))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        super().closeEvent(event)
        if event.isAccepted():
            self.closed_by_user.emit()
