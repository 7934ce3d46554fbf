"""A second floor for first paint: the kinds of widgets StemPrep's first screen shows, and nothing else.

The bare window (`bare_window.py`) pays for Python, PySide6's import and one empty
window. A real first screen also pays for the widget kinds it uses: the first use of
each Qt class and its enums in PySide6 (the `Qt` namespace alone has over a hundred),
text in two scripts, a table, a dock. This window has those, built in a few lines, with
the same size and the same fonts (NanumGothic beside the system's): a menu bar of four
menus, a dock with buttons, a search box, four drop-downs and a table of forty rows, a
step bar of four buttons and a scrolling form of line and text boxes. The difference
between its first paint and StemPrep's is StemPrep's own Python: its modules, its
question bank, building its screen. It is reported beside the budgets, not judged.

Run as a script, as the bare window is; `benchmarks/first_paint.py widgets` times it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bare_window import FirstPaint  # this folder is the script's: run as the bare window is
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def _patient_list() -> QWidget:
    panel = QWidget()
    column = QVBoxLayout(panel)
    column.addWidget(QPushButton("New patient"))
    column.addWidget(QLineEdit(placeholderText="Search: name, clinic, city…"))
    for _ in range(4):
        choice = QComboBox()
        choice.addItems(["All conditions", "Knee osteoarthritis — 무릎 골관절염", "Stroke — 뇌졸중"])
        column.addWidget(choice)
    model = QStandardItemModel(40, 2)
    for row in range(40):
        model.setItem(row, 0, QStandardItem(f"Patient {row}"))
        model.setItem(row, 1, QStandardItem("Knee osteoarthritis"))
    table = QTableView()
    table.setModel(model)
    column.addWidget(table)
    column.addWidget(QLabel("301 patients on this computer"))
    return panel


def _form() -> QWidget:
    form_widget = QWidget()
    form = QFormLayout(form_widget)
    title = QLabel("<b>About the patient</b>")
    title.setAlignment(Qt.AlignmentFlag.AlignLeft)
    form.addRow(title)
    for label in ("Name or alias:", "Birth year:", "Languages:", "Contact:", "When diagnosed:", "Medicines:"):
        form.addRow(label, QLineEdit("Margaret Lee — 무릎"))
    for label in ("Diagnosis:", "Other conditions:", "Hopes:"):
        form.addRow(label, QPlainTextEdit("Osteoarthritis of both knees, worse on the right"))
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(form_widget)
    return scroll


def main() -> int:
    app = QApplication(sys.argv)
    families = [QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONTS / name)))[0]
                for name in ("NanumGothic.ttf", "NanumGothicBold.ttf")]
    font = QFont(app.font())
    font.setFamilies([font.family(), *families])
    app.setFont(font)
    window = QMainWindow()
    window.resize(1360, 860)  # StemPrep's window size
    for title in ("&File", "&View", "Se&ttings", "&Help"):
        window.menuBar().addMenu(title).addAction("&Quit")
    dock = QDockWidget("Patients")
    dock.setWidget(_patient_list())
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    centre = QWidget()
    column = QVBoxLayout(centre)
    for title in ("1  Profile", "2  Clinics", "3  Questions", "4  Sheet"):
        column.addWidget(QPushButton(title))
    column.addWidget(_form())
    window.setCentralWidget(centre)
    FirstPaint(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
