"""The consultation booked with a clinic: a date, and the time once it is known.

Stored as "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (local time in Korea), or nothing while no
consultation is booked. A tick says whether one is booked, so an empty date never shows
as some made-up day; the time can stay "not known yet" (shown instead of midnight).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QTime, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QTimeEdit, QWidget

#: Shown for a booked consultation whose time is not known yet: the time box at midnight.
NO_TIME = QTime(0, 0)


def appointment_text(appointment: str | None) -> str:
    """"2027-04-20T10:30" → "2027-04-20 10:30": the same unambiguous form in both languages."""
    return (appointment or "").replace("T", " ")


class AppointmentEdit(QWidget):
    """Booked? On which day, at what time. Emits `changed` with the stored form (or None)."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.booked = QCheckBox(self.tr("Boo&ked"))
        self.booked.setAccessibleName(self.tr("A consultation is booked with this clinic"))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setAccessibleName(self.tr("Day of the consultation"))
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setMinimumTime(NO_TIME)
        self.time.setSpecialValueText(self.tr("time not known"))
        self.time.setAccessibleName(self.tr("Time of the consultation (Korean time)"))
        self.time.setToolTip(self.tr("Korean time. Leave at “time not known” until the clinic confirms it."))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.booked)
        layout.addWidget(self.date, 1)
        layout.addWidget(self.time, 1)
        self._quiet = False
        self.booked.toggled.connect(self._booked_toggled)
        self.date.dateChanged.connect(self._edited)
        self.time.timeChanged.connect(self._edited)
        self.set_value(None)

    def value(self) -> str | None:
        """The appointment as stored, or None when none is booked."""
        if not self.booked.isChecked():
            return None
        day = self.date.date().toString("yyyy-MM-dd")
        if self.time.time() == NO_TIME:
            return day
        return f"{day}T{self.time.time().toString('HH:mm')}"

    def set_value(self, appointment: str | None) -> None:
        """Show a stored appointment without emitting `changed`."""
        self._quiet = True
        try:
            self.booked.setChecked(bool(appointment))
            day = QDate.fromString((appointment or "")[:10], "yyyy-MM-dd")
            self.date.setDate(day if day.isValid() else QDate.currentDate())
            time = QTime.fromString((appointment or "")[11:16], "HH:mm")
            self.time.setTime(time if time.isValid() else NO_TIME)
            self._show_enabled()
        finally:
            self._quiet = False

    def _show_enabled(self) -> None:
        self.date.setEnabled(self.booked.isChecked())
        self.time.setEnabled(self.booked.isChecked())

    @Slot(bool)
    def _booked_toggled(self, booked: bool) -> None:
        self._show_enabled()
        if booked and not self._quiet:
            self.date.setFocus()
        self._edited()

    @Slot()
    def _edited(self) -> None:
        if not self._quiet:
            self.changed.emit(self.value())
