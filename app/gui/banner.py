"""A non-blocking strip above the steps for problems the user should see but not be stopped by.

A failed save must never take the user's text away or trap them in a modal box;
the banner shows the one sentence the storage layer wrote and stays until the next
successful save or until dismissed. The colours are set explicitly (dark text on
amber) so they read the same in light and dark palettes, and the word "Problem"
carries the meaning for people who cannot tell the colour.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from app.gui.layouts import row

_STYLE = """
QFrame#Banner { background: #fff1c2; border: 1px solid #b07d00; border-radius: 4px; }
QFrame#Banner QLabel { color: #3d2c00; }
QFrame#Banner QPushButton { color: #3d2c00; background: #ffe08a; border: 1px solid #b07d00;
                            border-radius: 3px; padding: 3px 10px; }
"""


class Banner(QFrame):
    """One sentence about a problem, with a Dismiss button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setStyleSheet(_STYLE)
        self.setAccessibleName(self.tr("Problem"))
        self._title = QLabel(self.tr("<b>Problem:</b>"))
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)  # sentences may quote user text
        self._text.setAccessibleName(self.tr("Problem message"))
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.setAccessibleName(self.tr("Dismiss the problem message"))
        dismiss.clicked.connect(self.clear)
        layout = row(self._title, (self._text, 1), dismiss)
        layout.setContentsMargins(10, 6, 6, 6)
        self.setLayout(layout)
        self.hide()

    @property
    def message(self) -> str:
        return self._text.text() if not self.isHidden() else ""

    def show_message(self, text: str) -> None:
        self._text.setText(text)
        self.show()

    @Slot()
    def clear(self) -> None:
        self._text.clear()
        self.hide()
