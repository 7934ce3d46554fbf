"""File → Print sheets for many patients…: the menu entry, and what the window knows before the dialog opens.

The entry joins the File menu with the menus' other features; the dialog, the batch
printer and the sheet's content (`app.gui.batch_dialog`) load when it is first chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction

from app.gui.dialogs import remembered_folder
from app.gui.i18n import said
from db.errors import StorageError
from db.search import ProfileQuery
from db.store import Store

if TYPE_CHECKING:
    from app.domain.question_bank import QuestionBank
    from app.gui.main_window import MainWindow

#: The folder the last batch went into, so the next one starts beside it.
LAST_FOLDER_SETTING = "gui.batch_folder"


@dataclass(frozen=True)
class BatchChoices:
    """What the window knows before the dialog opens."""

    db_path: Path
    all_count: int
    filtered_query: ProfileQuery | None  # the list's search and filters, if any are set
    filtered_count: int
    folder: Path


class BatchActions(QObject):
    """File → Print sheets for many patients…."""

    def __init__(self, window: MainWindow, store: Store, bank: QuestionBank) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._bank = bank
        self.action = QAction(self.tr("&Print sheets for many patients…"), window)
        self.action.setObjectName("batchSheetsAction")
        self.action.setStatusTip(self.tr("One question sheet per patient, as PDF files in a folder"))
        self.action.triggered.connect(self.open_dialog)
        window.add_to_file_menu([self.action])

    def choices(self) -> BatchChoices:
        listing = self._window.profile_list
        filtered = listing.is_filtered()
        return BatchChoices(
            db_path=self._store.path,
            all_count=self._store.profile_count(),
            filtered_query=listing.model.query if filtered else None,
            filtered_count=listing.model.total if filtered else 0,
            folder=self._default_folder(),
        )

    @Slot()
    def open_dialog(self) -> None:
        window = self._window
        if not window.flush_edits():  # the sheets should say what is on screen
            return
        try:
            choices = self.choices()
        except StorageError as error:
            window.banner.show_message(said(error))
            return
        from app.gui.batch_dialog import BatchDialog  # the dialog and the batch printer load when first opened

        BatchDialog.run(window, choices, self._bank, self._store)

    def _default_folder(self) -> Path:
        name = QCoreApplication.translate("Batch", "StemPrep sheets {date}").format(date=date.today().isoformat())
        return remembered_folder(self._store, LAST_FOLDER_SETTING) / name


def install_batch_action(window: MainWindow, store: Store, bank: QuestionBank) -> BatchActions:
    """Add File → Print sheets for many patients… to `window`."""
    return BatchActions(window, store, bank)
