"""Documents to bring: the list for the patient's condition, ticked off as each one is packed.

The list comes from the question bank (`documents.toml`, per condition); each tick is saved
at once (`Store.tick_document`), so a patient packing over several evenings finds their
ticks again. Why a document matters is in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.question_bank import QuestionBank
from app.gui.i18n import said, ui_language
from db.errors import StorageError
from db.records import ProfileId
from db.store import Store


class _ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class DocumentChecklist(QGroupBox):
    """A tick box per document to bring, for one patient."""

    #: A tick could not be saved; one sentence.
    problem = Signal(str)
    #: A tick was saved.
    saved = Signal()

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Documents to bring"), parent)
        self._store = store
        self._bank = bank
        self._profile_id: ProfileId | None = None
        self.boxes: dict[str, QCheckBox] = {}
        self._rows: list[QWidget] = []
        self._layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Tick each one off when it is packed. Copies are fine unless the clinic asks "
                               "for originals."))
        intro.setWordWrap(True)
        self._layout.addWidget(intro)

    def show_documents(self, profile_id: ProfileId | None, condition: str) -> None:
        """The documents for `condition`, ticked as saved for this patient."""
        self._profile_id = profile_id
        for row in self._rows:
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self._rows = []
        self.boxes = {}
        if profile_id is None:
            return
        try:
            ticked = self._store.ticked_documents(profile_id)
        except StorageError as error:
            self.problem.emit(said(error))
            ticked = set()
        lang = ui_language()
        for document in self._bank.documents_for(condition):
            # The words wrap beside the box (a check box's own text would not), and a click on them ticks it.
            box = QCheckBox()
            box.setAccessibleName(document.text.get(lang))
            words = _ClickableLabel(document.text.get(lang))
            words.setWordWrap(True)
            words.clicked.connect(box.toggle)
            if document.why is not None:
                box.setToolTip(document.why.get(lang))
                words.setToolTip(document.why.get(lang))
            box.setChecked(document.id in ticked)
            box.toggled.connect(lambda checked, doc=document.id: self._tick(doc, checked))
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row_layout.addWidget(words, 1)
            self._layout.addWidget(row)
            self._rows.append(row)
            self.boxes[document.id] = box

    def _tick(self, document_id: str, ticked: bool) -> None:
        if self._profile_id is None:
            return
        try:
            self._store.tick_document(self._profile_id, document_id, ticked)
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self.saved.emit()
