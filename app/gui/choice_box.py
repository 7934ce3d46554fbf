"""A drop-down list whose chosen text is shortened with "…" rather than cut mid-letter.

Qt's own combo box clips its text at the edge of the box, so at large text in a narrow
pane "Recently changed first" reads "Recently changec". Every choice here ends in an
ellipsis when it does not fit, and the whole text is in the tooltip and the open list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)


class ChoiceBox(QComboBox):
    """A QComboBox that elides the shown choice to the room its frame leaves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentTextChanged.connect(self._explain)

    def _explain(self, text: str) -> None:
        self.setToolTip(text)

    def shown_text(self) -> str:
        """The chosen text as the box shows it: whole when it fits, else ending in "…"."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elided(option)

    def _elided(self, option: QStyleOptionComboBox) -> str:
        room = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        ).width()
        return self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
