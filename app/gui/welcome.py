"""The first screen of a computer with no patient yet: what StemPrep does, and two ways to begin.

Three sentences a first-time user can read in a few seconds, then "Start a profile"
(Enter) or "Try the demo". The window shows it whenever no patient is open.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.gui.text_size import scale_font, scale_max_width


class WelcomePage(QScrollArea):
    """The welcome text with its two buttons, centred; large text on a small screen scrolls instead of being cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to StemPrep"))
        scale_font(title, 1.6, bold=True)
        self.text = QLabel(self.tr(
            "StemPrep helps you prepare for a consultation about stem cell treatment in South Korea. "
            "It gives you the questions to ask each clinic in English and Korean, keeps the answers, "
            "warns you about known warning signs and prints a question sheet to take with you. "
            "Everything you enter stays on this computer."
        ))
        self.text.setWordWrap(True)
        scale_font(self.text, 1.15)
        self.start_button = QPushButton(self.tr("&Start a profile"))
        self.start_button.setAccessibleDescription(self.tr("Create a profile for the patient and fill it in"))
        self.start_button.setMinimumHeight(44)
        self.start_button.setDefault(True)
        self.demo_button = QPushButton(self.tr("Try the de&mo"))
        self.demo_button.setAccessibleDescription(self.tr(
            "Open an example patient with clinics and answers, to see how StemPrep works"
        ))
        self.demo_button.setMinimumHeight(44)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        column = QWidget()
        scale_max_width(column, 760)
        column_layout = QVBoxLayout(column)
        column_layout.addWidget(title)
        column_layout.addWidget(self.text)
        column_layout.addSpacing(12)
        column_layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 8)
        row.addStretch(1)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidget(holder)
