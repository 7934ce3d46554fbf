"""Settings → Language: the user chooses the interface language, for the next start.

The language is chosen once, when StemPrep starts (see `app.gui.i18n`), because every
screen is built in it; switching a running window would leave half of it in the old
language. The dialog says so. The choice is the Store setting ``ui.language``, so it
travels with the database, and ``--lang`` still overrides it for one run.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from app.gui.i18n import (
    FOLLOW_SYSTEM,
    LANGUAGES,
    said,
    save_language,
    stored_language,
    system_language,
    ui_language,
)
from db.errors import StorageError
from db.store import Store

#: How long the "applies at the next start" reminder stays in the status bar.
NOTICE_MS = 8000


class LanguageDialog(QDialog):
    """The interface language: the system's, English, or Korean."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Language"))
        self.language = QComboBox()
        system = LANGUAGES[system_language()]
        self.language.addItem(self.tr("The computer's language ({language})").format(language=system), FOLLOW_SYSTEM)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        self.language.setAccessibleDescription(self.tr("The language of StemPrep's menus, buttons and help"))
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        note = QLabel(self.tr(
            "StemPrep changes to the new language the next time you start it. The questions for the "
            "clinic are always shown in both English and Korean."
        ))
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.note = note
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    def chosen(self) -> str:
        return str(self.language.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, current: str) -> str | None:
        """"en", "ko", or "" (follow the system); None if the user cancelled."""
        dialog = cls(current, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()


def add_language_action(
    menu: QMenu, store: Store, window: QMainWindow, *, on_problem: Callable[[str], None] | None = None
) -> QAction:
    """Settings → Language…, which asks and remembers the choice for the next start."""
    action = QAction(QCoreApplication.translate("LanguageDialog", "&Language…"), window)
    action.setMenuRole(QAction.MenuRole.PreferencesRole)

    def choose() -> None:
        chosen = LanguageDialog.ask(window, stored_language(store))
        if chosen is None or chosen == stored_language(store):
            return
        try:
            save_language(store, chosen)
        except StorageError as error:
            if on_problem is not None:
                on_problem(said(error))
            return
        starts_in = chosen or system_language()
        if starts_in != ui_language():
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "LanguageDialog", "StemPrep will be in {language} the next time you start it."
                ).format(language=LANGUAGES[starts_in]),
                NOTICE_MS,
            )

    action.triggered.connect(choose)
    menu.addAction(action)
    return action
