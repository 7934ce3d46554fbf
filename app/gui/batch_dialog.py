"""File → Print sheets for many patients…: a PDF per patient, or one merged PDF, without freezing the window.

A facilitator prints sheets by the dozen before a group travels. The dialog asks for
the sheet options (the same `SheetOptionsBox` as the Sheet step; by default each
patient gets a doctor copy per clinic), which patients (all, or those the list shows
now), one file per patient or one merged file, and the folder. Before starting it
counts the pages to print, on a worker of its own;
then `export_batch` runs on a worker (`ThreadBatchRunner`) with a Store of its own,
opened read-only on the same file (one Store per thread; reading needs no lock, so
the window can keep saving). The dialog shows a progress bar with Stop, which takes
effect between sheets (each sheet is saved whole or not at all by `save_pdf`), and
ends with what was written, what failed and why, and a button that opens the folder.

Both are `app.gui.worker.Worker`s (start, cancel, wait; progressed, finished,
failed), so the runner in a separate process (`ProcessBatchRunner`, which keeps
reportlab's work out of the window's interpreter) can replace the thread by setting
`BatchDialog.runner_factory`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.domain.formatting import shortened
from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import SheetOptions
from app.export.batch import MERGED_FILE, BatchResult
from app.gui.batch_action import LAST_FOLDER_SETTING, BatchChoices
from app.gui.batch_runners import (
    COUNTED_SHEETS,
    BatchJob,
    PageCount,
    ThreadBatchRunner,
    page_counter,
)
from app.gui.dialogs import remember_folder
from app.gui.layouts import STRETCH, column, row
from app.gui.sheet_options import SheetOptionsBox
from app.gui.worker import Worker
from db.errors import StorageError
from db.search import ProfileQuery
from db.store import Store


class FolderDialog:
    """The system's folder chooser and file browser; tests replace these class methods."""

    @classmethod
    def ask(cls, parent: QWidget | None, start: Path) -> Path | None:
        """A folder for the sheets, or None."""
        name = QFileDialog.getExistingDirectory(
            parent, QCoreApplication.translate("Batch", "Choose the folder for the sheets"), str(start)
        )
        return Path(name) if name else None

    @classmethod
    def open(cls, folder: Path) -> bool:
        """Show `folder` in the system's file browser; False if that did not work."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class BatchDialog(QDialog):
    """Options → progress with Stop → summary with Open the folder."""

    SETUP, RUNNING, DONE = range(3)

    #: Makes the worker; replace it (a process runner, a test double) without touching the dialog.
    runner_factory: Callable[[BatchJob, QuestionBank, QObject], Worker] = ThreadBatchRunner

    #: The batch ended; the `BatchResult` (tests and the window may listen).
    batch_finished = Signal(object)
    #: The pages the batch would print are counted (the number).
    page_total_known = Signal(int)

    def __init__(
        self, choices: BatchChoices, bank: QuestionBank, store: Store | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._choices = choices
        self._bank = bank
        self._store = store
        self._runner: Worker | None = None
        self._close_when_done = False
        self.result_of_batch: BatchResult | None = None
        self.setWindowTitle(self.tr("Print sheets for many patients"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_setup())
        self.pages.addWidget(self._build_running())
        self.pages.addWidget(self._build_done())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(640, self._fitting_height())

    def _fitting_height(self) -> int:
        """The height that shows every choice, or the most the screen has room for (the choices then scroll)."""
        content = self._choices_scroll.widget().sizeHint().height()
        wanted = self.sizeHint().height() + max(0, content - self._choices_scroll.sizeHint().height())
        screen = self.screen() if self.parentWidget() is None else self.parentWidget().screen()
        room = screen.availableGeometry().height() - 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
        return max(min(wanted, room), self.minimumSizeHint().height())

    # ================================================================ pages

    def _build_setup(self) -> QWidget:
        choices = self._choices
        intro = QLabel(self.tr(
            "StemPrep writes one question sheet (a PDF file) per patient into a folder; "
            "you can then print them all at once. A sheet already in the folder for the same "
            "patient is replaced."
        ))
        intro.setWordWrap(True)

        who = QGroupBox(self.tr("Which patients"))
        who_layout = QVBoxLayout(who)
        self.all_patients = QRadioButton(self.tr("&All patients ({count})").format(count=choices.all_count))
        self.all_patients.setAccessibleName(self.tr("All patients"))
        self.listed_patients = QRadioButton(
            self.tr("&Only those in the list now ({count}, as searched and filtered)").format(
                count=choices.filtered_count
            )
        )
        self.listed_patients.setAccessibleName(self.tr("Only the patients the list shows now"))
        group = QButtonGroup(self)
        group.addButton(self.all_patients)
        group.addButton(self.listed_patients)
        filtered = choices.filtered_query is not None
        self.listed_patients.setEnabled(filtered and choices.filtered_count > 0)
        (self.listed_patients if filtered and choices.filtered_count > 0 else self.all_patients).setChecked(True)
        who_layout.addWidget(self.all_patients)
        who_layout.addWidget(self.listed_patients)

        self.option_box = SheetOptionsBox(with_clinic=False, with_sections=False)
        box = self.option_box
        self.paper_a4, self.paper_letter = box.paper_a4, box.paper_letter
        self.large_print, self.leave_out_personal = box.large_print, box.leave_out_personal
        self.essential_only = box.essential_only
        self.leave_out_personal.setToolTip(self.tr(
            "Your name, birth year, contact and notes are left out, and the files are named by patient number."
        ))

        files = QGroupBox(self.tr("Files"))
        files_layout = QVBoxLayout(files)
        self.one_file_each = QRadioButton(self.tr("One PDF &per patient"))
        self.one_file_each.setAccessibleName(self.tr("One PDF per patient"))
        self.merged_file = QRadioButton(self.tr("All &in one PDF ({name})").format(name=MERGED_FILE))
        self.merged_file.setAccessibleName(self.tr("All sheets in one PDF"))
        files_group = QButtonGroup(self)
        files_group.addButton(self.one_file_each)
        files_group.addButton(self.merged_file)
        self.one_file_each.setChecked(True)
        files_layout.addWidget(self.one_file_each)
        files_layout.addWidget(self.merged_file)
        self.page_total = QLabel()
        self.page_total.setWordWrap(True)
        self.page_total.setAccessibleName(self.tr("Pages to print"))
        files_layout.addWidget(self.page_total)

        self._counting = 0  # the page count wanted now; older counts are dropped
        self._counter: Worker | None = None
        box.changed.connect(self.count_pages)
        self.all_patients.toggled.connect(self.count_pages)

        self.folder = QLineEdit(str(choices.folder))
        self.folder.setAccessibleName(self.tr("Folder for the sheets"))
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder)
        choose = QPushButton(self.tr("&Choose…"))
        choose.setAccessibleName(self.tr("Choose the folder for the sheets"))
        choose.clicked.connect(self._choose_folder)
        folder_row = row(folder_label, (self.folder, 1), choose)

        self.setup_problem = QLabel()
        self.setup_problem.setWordWrap(True)
        self.setup_problem.setTextFormat(Qt.TextFormat.PlainText)  # the sentence may quote a path
        self.setup_problem.setAccessibleName(self.tr("Problem"))
        bold = self.setup_problem.font()
        bold.setBold(True)
        self.setup_problem.setFont(bold)
        self.setup_problem.hide()

        self.start_button = QPushButton(self.tr("&Write the sheets"))
        self.start_button.setAccessibleName(self.tr("Write the sheets"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Close without writing sheets"))
        cancel.clicked.connect(self.reject)
        # The choices scroll when the screen is short (a laptop at the largest text); the
        # buttons stay below them, always in view.
        choices_scroll = QScrollArea()
        choices_scroll.setWidgetResizable(True)
        choices_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        choices_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        choices = column(intro, who, self.option_box, files, folder_row, self.setup_problem, STRETCH)
        choices_scroll.setWidget(choices)
        choices_scroll.setMinimumWidth(  # never narrower than the choices: no sideways scrolling
            choices.minimumSizeHint().width() + choices_scroll.verticalScrollBar().sizeHint().width()
        )
        self._choices_scroll = choices_scroll
        return column(choices_scroll, row(STRETCH, self.start_button, cancel))

    def _build_running(self) -> QWidget:
        self.progress_label = QLabel(self.tr("Starting…"))
        self.progress_label.setAccessibleName(self.tr("Progress"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Sheets written"))
        self.progress.setRange(0, 0)  # busy until the first sheet is done
        note = QLabel(self.tr(
            "Stop finishes the sheet being written first, so no sheet is left half-written."
        ))
        note.setWordWrap(True)
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.setAccessibleName(self.tr("Stop after the sheet being written now"))
        self.stop_button.clicked.connect(self.cancel)
        return column(
            STRETCH, self.progress_label, self.progress, note, STRETCH, row(STRETCH, self.stop_button)
        )

    def _build_done(self) -> QWidget:
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName(self.tr("What was written"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.failures = QListWidget()
        self.failures.setAccessibleName(self.tr("Sheets that could not be written, with the reason"))
        self.failures.setWordWrap(True)
        self.failures.setAlternatingRowColors(True)
        self.failures.setSpacing(2)
        self.failures_label = QLabel(self.tr("These sheets could not be written:"))
        self.open_button = QPushButton(self.tr("&Open the folder"))
        self.open_button.setAccessibleName(self.tr("Open the folder with the sheets"))
        self.open_button.clicked.connect(self.open_folder)
        close = QPushButton(self.tr("Close"))
        close.setAccessibleName(self.tr("Close"))
        close.clicked.connect(self.accept)
        return column(
            self.summary, self.failures_label, (self.failures, 1), row(STRETCH, self.open_button, close)
        )

    # ================================================================ choices

    def options(self) -> SheetOptions:
        return self.option_box.options()

    def job(self) -> BatchJob:
        choices = self._choices
        if self.listed_patients.isChecked() and choices.filtered_query is not None:
            query = choices.filtered_query
        else:
            query = ProfileQuery(sort="name")
        folder = Path(self.folder.text().strip()).expanduser()
        return BatchJob(choices.db_path, query, folder, self.options(), merged=self.merged_file.isChecked())

    @Slot()
    def count_pages(self) -> None:
        """Count the pages the batch would print now (on a worker; the label says when it is known)."""
        self._stop_counting()
        self._counting += 1
        self.page_total.setText(self.tr("Counting the pages to print…"))
        generation = self._counting
        counter = page_counter(self.job(), self._bank, self)
        # A batch that cannot run says why when it starts; the count only goes quiet.
        counter.finished.connect(lambda count: self._counted(generation, count))
        self._counter = counter
        counter.start()

    def _counted(self, generation: int, count: PageCount | None) -> None:
        if generation != self._counting or count is None:
            return
        patients, pages = count.patients, count.pages
        if count.estimated:
            text = self.tr("About {pages} pages in all, for {patients} patients (from the first {counted}).").format(
                pages=pages, patients=patients, counted=COUNTED_SHEETS
            )
        elif patients == 1:
            text = self.tr("{pages} pages in all, for 1 patient.").format(pages=pages)
        else:
            text = self.tr("{pages} pages in all, for {patients} patients.").format(pages=pages, patients=patients)
        self.page_total.setText(text)
        self.page_total_known.emit(pages)

    def _stop_counting(self) -> None:
        counter, self._counter = self._counter, None
        if counter is not None:
            counter.cancel()
            counter.wait()
            counter.deleteLater()

    @Slot()
    def _choose_folder(self) -> None:
        current = Path(self.folder.text().strip() or str(self._choices.folder))
        start = current if current.is_dir() else current.parent
        chosen = FolderDialog.ask(self, start)
        if chosen is not None:
            self.folder.setText(str(chosen))

    # ================================================================ running

    @Slot()
    def start(self) -> None:
        """Start writing the sheets (the Write button)."""
        if not self.folder.text().strip():
            self._show_setup_problem(self.tr("Choose a folder for the sheets first."))
            return
        job = self.job()
        self._stop_counting()
        self.setup_problem.hide()
        self.progress.setRange(0, 0)
        self.progress_label.setText(self.tr("Starting…"))
        self.stop_button.setEnabled(True)
        self.pages.setCurrentIndex(self.RUNNING)
        runner = type(self).runner_factory(job, self._bank, self)
        runner.progressed.connect(self._progressed)
        runner.finished.connect(self._finished)
        runner.failed.connect(self._failed)
        self._runner = runner
        runner.start()

    @property
    def running(self) -> bool:
        return self._runner is not None

    @Slot()
    def cancel(self) -> None:
        """Stop between sheets (the Stop button)."""
        if self._runner is None:
            return
        self._runner.cancel()
        self.stop_button.setEnabled(False)
        self.progress_label.setText(self.tr("Stopping after the sheet being written now…"))

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if self.stop_button.isEnabled():
            self.progress_label.setText(self.tr("Written {done} of {total} sheets…").format(done=done, total=total))

    @Slot(object)
    def _finished(self, result: BatchResult) -> None:
        self._end_run()
        self.result_of_batch = result
        self._remember_folder()
        self._show_summary(result)
        self.batch_finished.emit(result)
        if self._close_when_done:
            self.reject()

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        self._end_run()
        self.pages.setCurrentIndex(self.SETUP)
        self._show_setup_problem(sentence)
        self.batch_finished.emit(None)
        if self._close_when_done:
            self.reject()

    def _end_run(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            runner.wait()  # the worker has sent its last signal; it goes with the dialog

    def _show_setup_problem(self, sentence: str) -> None:
        self.setup_problem.setText(self.tr("Problem: {sentence}").format(sentence=sentence))
        self.setup_problem.show()
        # Taller, not narrower: room for the sentence without squeezing the options.
        self.resize(self.width(), max(self.height(), self._fitting_height()))

    def _show_summary(self, result: BatchResult) -> None:
        written = len(result.written)
        folder = self.job().folder
        if written == 1:
            text = self.tr("1 sheet was written to {folder}.").format(folder=folder)
        else:
            text = self.tr("{count} sheets were written to {folder}.").format(count=written, folder=folder)
        if written:
            text += " " + self.tr("{pages} pages in all.").format(pages=result.pages)
        if result.cancelled:
            text += " " + self.tr("You stopped the batch before the end; no sheet was left half-written.")
        if result.failed:
            text += " " + (
                self.tr("1 sheet could not be written.") if len(result.failed) == 1
                else self.tr("{count} sheets could not be written.").format(count=len(result.failed))
            )
        if not written and not result.failed and not result.cancelled:
            text = self.tr("No patients match, so no sheets were written.")
        self.summary.setText(text)
        self.failures.clear()
        for profile_id, reason in result.failed:
            patient = self._patient(profile_id)
            self.failures.addItem(self.tr("{patient}: {reason}").format(patient=patient, reason=reason))
        self.failures.setVisible(bool(result.failed))
        self.failures_label.setVisible(bool(result.failed))
        self.open_button.setEnabled(bool(written))
        self.pages.setCurrentIndex(self.DONE)
        if written:
            self.open_button.setFocus()

    def _patient(self, profile_id: int) -> str:
        if self._store is not None:
            try:
                return shortened(self._store.profile(profile_id).name, 60)
            except StorageError:
                pass
        return self.tr("Patient {number}").format(number=profile_id)

    def _remember_folder(self) -> None:
        if self._store is None:
            return
        remember_folder(self._store, LAST_FOLDER_SETTING, self.job().folder.parent)

    @Slot()
    def open_folder(self) -> None:
        folder = self.job().folder
        if not FolderDialog.open(folder):
            self.summary.setText(self.summary.text() + " " + self.tr(
                "The folder could not be opened from here; it is {folder}."
            ).format(folder=folder))

    # ================================================================ closing

    def reject(self) -> None:
        if self._runner is not None:  # Escape or the window's close button while writing
            self._close_when_done = True
            self.cancel()
            return
        self._stop_counting()
        super().reject()

    def accept(self) -> None:
        self._stop_counting()
        super().accept()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._runner is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    @classmethod
    def run(cls, parent: QWidget | None, choices: BatchChoices, bank: QuestionBank, store: Store) -> None:
        """Show the dialog until the user closes it (the batch, if started, has ended then)."""
        dialog = cls(choices, bank, store, parent)
        dialog.count_pages()
        dialog.exec()
        dialog.deleteLater()
