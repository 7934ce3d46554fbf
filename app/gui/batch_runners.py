"""Batch printing's workers: the sheets written, and the pages counted before starting.

Both are `app.gui.worker.Worker`s, so the batch dialog drives them like every other
background job (start, cancel, wait; progressed, finished, failed). The sheets are
written on a thread (`ThreadBatchRunner`) or in a separate process
(`ProcessBatchRunner`, over `app.export.batch_process`, which keeps reportlab's work out
of the window's interpreter); either fulfils the same contract. Each opens its own
read-only Store on the same file: one Store per thread, and reading needs no lock, so
the window can keep saving.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import SheetOptions
from app.export.batch import BatchResult, count_pages, export_batch
from app.gui.i18n import said
from app.gui.worker import Worker
from db.errors import UserError
from db.records import ProfileId
from db.search import ProfileQuery
from db.store import Store

if TYPE_CHECKING:
    from app.export.batch_process import BatchProcess

#: Sheets laid out to count a batch's pages; a larger batch is estimated from this many.
COUNTED_SHEETS = 40


@dataclass(frozen=True)
class BatchJob:
    """One batch: which database, which patients (a list query), where, and how."""

    db_path: Path
    query: ProfileQuery
    folder: Path
    options: SheetOptions
    merged: bool = False  # one PDF for everyone instead of one per patient

    def patients(self, store: Store) -> list[ProfileId]:
        """The patients the batch prints, in the list's order."""
        return [summary.id for summary in store.list_profiles(self.query)]


@dataclass(frozen=True)
class PageCount:
    """How many pages a batch will print, for how many patients; `estimated` from its first sheets."""

    patients: int
    pages: int
    estimated: bool


def _write_batch(job: BatchJob, bank: QuestionBank, worker: Worker) -> BatchResult:
    with Store.open(job.db_path, read_only=True) as store:
        return export_batch(
            store, bank, job.patients(store), job.folder, job.options, merged=job.merged,
            progress=worker.report, cancelled=lambda: worker.cancelled,
        )


def _count_pages(job: BatchJob, bank: QuestionBank, worker: Worker) -> PageCount | None:
    """Each sheet laid out once; a large batch is estimated from its first `COUNTED_SHEETS` patients.

    Laying out thousands of sheets to count them would take as long as writing them.
    None when cancelled.
    """
    with Store.open(job.db_path, read_only=True) as store:
        ids = job.patients(store)
        sample = ids[:COUNTED_SHEETS]
        pages = count_pages(store, bank, sample, job.options, cancelled=lambda: worker.cancelled)
    if pages is None:
        return None
    estimated = len(ids) > len(sample)
    return PageCount(len(ids), round(pages * len(ids) / len(sample)) if estimated else pages, estimated)


def page_counter(job: BatchJob, bank: QuestionBank, parent: QObject | None = None) -> Worker:
    """Counts the pages `job` will print, off the GUI thread; finishes with a `PageCount` or None."""
    return Worker(partial(_count_pages, job, bank), parent, name="stemprep-page-count")


class ThreadBatchRunner(Worker):
    """`export_batch` on a thread of its own; finishes with the `BatchResult`."""

    def __init__(self, job: BatchJob, bank: QuestionBank, parent: QObject | None = None) -> None:
        super().__init__(partial(_write_batch, job, bank), parent, name="stemprep-batch")


class ProcessBatchRunner(Worker):
    """`export_batch` in a separate process (`BatchProcess`), polled on a timer; the same contract.

    The child loads its own question bank, so `bank` is not sent to it.
    """

    #: How often the window looks for the child's progress.
    POLL_MS = 50

    def __init__(self, job: BatchJob, bank: QuestionBank, parent: QObject | None = None) -> None:
        super().__init__(None, parent)
        self._job = job
        self._process: BatchProcess | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        from app.export.batch_process import BatchProcess  # multiprocessing only for this runner

        if self._started:
            raise RuntimeError("A worker runs its work once; make a new one.")
        self._started = True
        job = self._job
        try:
            with Store.open(job.db_path, read_only=True) as store:
                ids = job.patients(store)
        except UserError as error:
            self._ended.set()
            sentence = said(error)  # from the event loop, as a worker's signals come
            QTimer.singleShot(0, self, lambda: self.failed.emit(sentence))
            return
        self._process = BatchProcess(job.db_path, ids, job.folder, job.options, merged=job.merged)
        self._process.start()
        self._timer.start()

    def cancel(self) -> None:
        super().cancel()
        if self._process is not None:
            self._process.cancel()

    def wait(self, milliseconds: int = -1) -> bool:
        deadline = None if milliseconds < 0 else time.monotonic() + milliseconds / 1000
        while self._process is not None and not self._process.finished():
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(self.POLL_MS / 1000)
        return True

    @Slot()
    def _poll(self) -> None:
        process = self._process
        assert process is not None
        for done, total in process.progress():
            self.report(done, total)
        if not process.finished():
            return
        self._timer.stop()
        try:
            result = process.result()
        except UserError as error:
            self.failed.emit(said(error))
        else:
            self.finished.emit(result)
        finally:
            self._ended.set()
