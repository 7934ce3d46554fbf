"""Step 4, Sheet: choose what to print, see the real PDF, save it or print it.

The preview is the PDF itself (rendered by `app.export` and shown with Qt's PDF
module), so what the patient sees is exactly what the printer gets. Rendering runs
on a worker thread and restarts a moment after the last option change, so ticking
boxes never freezes the window. Printing draws each PDF page into the printer at
its own resolution, so text stays crisp.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPoint,
    QRect,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QShortcut,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import (
    KINDS,
    InvalidSheetOptions,
    QuestionSheet,
    SheetOptions,
    gather_sheet,
)
from app.export.files import SheetExportError, save_pdf, sheet_file_name
from app.gui.dialogs import PrintDialog, SaveDialog, remember_folder, remembered_folder
from app.gui.i18n import said, ui_language
from app.gui.sheet_options import SheetOptionsBox
from app.gui.step import StepPage
from app.gui.worker import Worker
from db.errors import StorageError, UserError
from db.records import ProfileId
from db.store import Store

#: Wait this long after the last option change before rendering again.
PREVIEW_DELAY_MS = 300

#: Printing resolution ceiling: print quality for text, without 140 MB pages (600 dpi took 2 s a page).
PRINT_DPI = 300

#: Where the last "Save as…" went, so the next one starts there.
LAST_FOLDER_SETTING = "gui.sheet_folder"


def _drawn(sheet: QuestionSheet, options: SheetOptions, _worker: Worker) -> bytes:
    """One sheet drawn off the GUI thread. The sheet is plain data: no database here."""
    from app.export.question_sheet import (
        render_pdf,  # reportlab loads with the first preview
    )

    return render_pdf(sheet, options)


@dataclass(frozen=True, slots=True)
class _Rendered:
    options: SheetOptions
    data: bytes


class SheetStep(StepPage):
    """Sheet options, the live PDF preview, Save as… and Print…."""

    #: The preview shows a new PDF (for tests and the status line).
    preview_ready = Signal()

    def __init__(self, store: Store, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._bank = bank
        self._generation = 0
        self._rendered: _Rendered | None = None
        self._pool = QThreadPool(self)  # one drawing at a time
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render_now)

        # The document reads from a buffer that must live as long as it is loaded.
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None

        self._build()

    # ================================================================ building

    def _build(self) -> None:
        self.option_box = SheetOptionsBox(with_clinic=True, with_sections=True)
        self.option_box.changed.connect(self._options_changed)
        # The controls tests and the window reach for, by their names.
        box = self.option_box
        self.paper_a4, self.paper_letter = box.paper_a4, box.paper_letter
        self.large_print, self.leave_out_personal = box.large_print, box.leave_out_personal
        self.essential_only, self.section_boxes = box.essential_only, box.section_boxes
        self.kind_buttons, self.clinic_box = box.kind_buttons, box.clinic_box

        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setAccessibleName(self.tr("Save the question sheet as a PDF file"))
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton(self.tr("Pr&int…"))
        self.print_button.setAccessibleName(self.tr("Print the question sheet"))
        self.print_button.clicked.connect(self.print_sheet)
        for button, key, slot in (
            (self.save_button, QKeySequence.StandardKey.Save, self.save_as),
            (self.print_button, QKeySequence.StandardKey.Print, self.print_sheet),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            button.setToolTip(QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText))
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)

        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("Preview status"))

        options = QWidget()
        options_layout = QVBoxLayout(options)
        options_layout.addLayout(actions)
        options_layout.addWidget(self.state)
        options_layout.addWidget(self.option_box)
        options_layout.addStretch(1)
        options_scroll = QScrollArea()
        options_scroll.setWidgetResizable(True)
        options_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        options_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        options_scroll.setWidget(options)
        options_scroll.setMinimumWidth(options.sizeHint().width() + options_scroll.verticalScrollBar().sizeHint().width())

        self.view = QPdfView()
        self.view.setAccessibleName(self.tr("Preview of the question sheet"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(options_scroll)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([options_scroll.minimumWidth(), 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._set_enabled()

    # ================================================================ step API

    def set_profile(self, profile_id: ProfileId | None) -> None:
        super().set_profile(profile_id)
        self._rendered = None
        self._generation += 1  # a render for the previous patient is no longer wanted
        self.document.close()
        self._set_enabled()

    def enter(self) -> None:
        self._load_clinics()
        self._set_enabled()
        if self.profile_id is not None:
            self._rendered = None  # other steps may have changed what the sheet says
            self.render_now()

    def shutdown(self) -> None:
        self._timer.stop()
        self._generation += 1
        self._pool.waitForDone()

    def options(self) -> SheetOptions:
        """The options as the controls set them (sections may be empty: checked by SheetOptions)."""
        return self.option_box.options()

    @property
    def pdf_bytes(self) -> bytes | None:
        """The PDF in the preview, if it matches the options on screen."""
        return self._rendered.data if self._rendered else None

    # ================================================================ rendering

    @Slot()
    def render_now(self) -> None:
        """Gather the sheet now (GUI thread: the Store is not shared) and draw it on the worker."""
        self._timer.stop()
        if self.profile_id is None:
            return
        self._generation += 1
        try:
            options = self.options()
            sheet = gather_sheet(self._store, self._bank, self.profile_id, options)
        except InvalidSheetOptions as error:
            self._show_state(said(error))
            return
        except StorageError as error:
            self.problem.emit(said(error))
            return
        self._show_state(self.tr("Updating the preview…"))
        generation = self._generation
        notes = self._notes_on(sheet)
        worker = Worker(partial(_drawn, sheet, options), self, pool=self._pool, name="stemprep-preview")
        worker.finished.connect(lambda data: self._render_finished(generation, options, data, notes))
        worker.failed.connect(lambda sentence: self._render_failed(generation, sentence))
        for ended in (worker.finished, worker.failed):
            ended.connect(worker.deleteLater)
        worker.start()

    def _notes_on(self, sheet: QuestionSheet) -> list[str]:
        """What the patient should know about the sheet before printing it, said beside the preview."""
        notes = []
        if sheet.asks_nothing:
            notes.append(self.tr(
                "This doctor copy has no questions: none is on your list. Add some in the Questions step."
            ))
        if sheet.doctor_copies > 1:
            notes.append(self.tr(
                "It holds a copy for each of {count} clinics: give each clinic only its own pages."
            ).format(count=sheet.doctor_copies))
        return notes

    def _render_finished(self, generation: int, options: SheetOptions, data: bytes, notes: list[str]) -> None:
        if generation != self._generation:
            return  # the options changed while it was drawing
        self._rendered = _Rendered(options, data)
        self._load_preview(data, notes)

    def _render_failed(self, generation: int, sentence: str) -> None:
        if generation != self._generation:
            return
        self._show_state(sentence)
        self.problem.emit(sentence)

    def _load_preview(self, data: bytes, notes: list[str]) -> None:
        old = self._buffer
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        self._show_state("\n".join([self.tr("Preview: %n page(s).", "", self.document.pageCount()), *notes]))
        self.preview_ready.emit()

    def _current_pdf(self) -> bytes | None:
        """The PDF for the options on screen: the preview's if it is current, else drawn now."""
        if self.profile_id is None:
            return None
        try:
            options = self.options()
        except InvalidSheetOptions as error:
            self.problem.emit(said(error))
            return None
        if self._rendered is not None and self._rendered.options == options and not self._timer.isActive():
            return self._rendered.data
        try:
            from app.export.question_sheet import render_pdf

            sheet = gather_sheet(self._store, self._bank, self.profile_id, options)
            return render_pdf(sheet, options)
        except UserError as error:
            self.problem.emit(said(error))
            return None

    # ================================================================ save, print

    @Slot()
    def save_as(self) -> None:
        data = self._current_pdf()
        if data is None:
            return
        path = SaveDialog.ask(self, self._suggested_path())
        if path is None:
            return
        try:
            save_pdf(data, path)
        except SheetExportError as error:
            self.problem.emit(said(error))
            return
        remember_folder(self._store, LAST_FOLDER_SETTING, path.parent)
        self.notice.emit(self.tr("Saved the question sheet as {path}").format(path=path))

    @Slot()
    def print_sheet(self) -> None:
        data = self._current_pdf()
        if data is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("StemPrep question sheet"))
        size = QPageSize.PageSizeId.Letter if self.paper_letter.isChecked() else QPageSize.PageSizeId.A4
        printer.setPageSize(QPageSize(size))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        if not PrintDialog.ask(self, printer):
            return
        document = QPdfDocument(self)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        progress = QProgressDialog(self.tr("Sending the sheet to the printer…"), self.tr("Stop"), 0, 1, self)
        progress.setWindowTitle(self.tr("Printing"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def report(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(self.tr("Printing page {page} of {pages}…").format(page=done + 1, pages=total))
            QCoreApplication.processEvents()
            return not progress.wasCanceled()

        try:
            document.load(buffer)
            printed = document.status() == QPdfDocument.Status.Ready and print_pdf(document, printer, report)
            if progress.wasCanceled():
                self.notice.emit(self.tr("Printing stopped."))
                return
            if not printed:
                self.problem.emit(self.tr(
                    "The sheet could not be sent to the printer. Check the printer, or save the sheet "
                    "as a PDF and print that."
                ))
                return
        finally:
            progress.close()
            progress.deleteLater()
            document.close()
            document.deleteLater()
            buffer.close()
            buffer.deleteLater()
        self.notice.emit(self.tr("Sent the question sheet to the printer."))

    def _suggested_path(self) -> Path:
        folder = remembered_folder(self._store, LAST_FOLDER_SETTING)
        name = ""
        try:
            name = self._store.profile(self.profile_id).name if self.profile_id is not None else ""
        except StorageError:
            pass
        personal = not self.leave_out_personal.isChecked()
        file_name = Path(sheet_file_name(self.profile_id or 0, name, personal_details=personal))
        # The kind in the name, so that the doctor copy and the notebook do not replace each other.
        kind = KINDS[self.option_box.kind()].title(ui_language())
        return Path(folder) / f"{file_name.stem} - {kind}{file_name.suffix}"

    # ================================================================ details

    def _load_clinics(self) -> None:
        clinics = self._patient_clinics(self._store)
        self.option_box.set_clinics(clinics)

    def _set_enabled(self) -> None:
        has_profile = self.profile_id is not None
        for widget in (self.save_button, self.print_button, self.clinic_box):
            widget.setEnabled(has_profile)

    def _show_state(self, text: str) -> None:
        self.state.setText(text)

    @Slot()
    def _options_changed(self) -> None:
        self._rendered = None
        self._timer.start()  # restarted on every change: one render after the last click


def print_pdf(
    document: QPdfDocument, printer: QPrinter, progress: Callable[[int, int], bool] | None = None
) -> bool:
    """Draw every page of `document` into `printer`, each scaled to fit the printable area.

    Each page is rendered at the printer's resolution, up to PRINT_DPI, so text is as
    sharp as paper needs. `progress(done, total)` is called before each page and may
    return False to stop. False if the printer could not be started or printing stopped.
    """
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        total = document.pageCount()
        for page in range(total):
            if progress is not None and not progress(page, total):
                printer.abort()
                return False
            if page and not printer.newPage():
                return False
            points = document.pagePointSize(page)
            image_size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            # No alpha channel: a third less data for the printer, the same page.
            image = document.render(page, image_size).convertToFormat(QImage.Format.Format_RGB888)
            scaled = image_size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            # paintRectPixels is relative to the paper; the painter's origin is the printable area.
            area = QRect(QPoint(0, 0), scaled)
            area.moveCenter(QRect(QPoint(0, 0), target.size()).center())
            painter.drawImage(area, image)
    finally:
        painter.end()
    return True
