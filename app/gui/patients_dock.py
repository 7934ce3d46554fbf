"""The patient list's dock: beside the steps, or as a drawer over a step that needs the room.

The window decides where the list goes (see `MainWindow`); this module holds the dock
itself and the measures and setting that decision uses.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget

#: Whether the patient list was last left open ("open") or closed ("closed") by the user.
PATIENT_LIST_SETTING = "gui.patient_list"

#: Below this window width (in pixels at Normal text) a step that needs the room closes the list.
ROOMY_WINDOW_WIDTH = 1700

#: The width of the patient list when it floats over a step as a drawer (pixels at Normal text).
DRAWER_WIDTH = 340


class PatientsDock(QDockWidget):
    """The dock around the patient list; tells the window when the user closes it with its own button."""

    closed_by_user = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        super().closeEvent(event)
        if event.isAccepted():
            self.closed_by_user.emit()
