"""Batch printing's workers: the sheets written on a thread, and the pages counted before starting.

`BatchRunner` is what the batch dialog drives (start, cancel, wait; progressed,
finished, failed), so that a runner in a separate process (`app.export.batch_process`)
can replace the thread. Each worker opens its own read-only Store on the same file:
one Store per thread, and reading needs no lock, so the window can keep saving.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import SheetOptions
from app.export.batch import count_pages, export_batch
from db.errors import UserError
from db.search import ProfileQuery
from db.store import Store


@dataclass(frozen=True)
class BatchJob:
    """One batch: which database, which patients (a list query), where, and how."""

    db_path: Path
    query: ProfileQuery
    folder: Path
    options: SheetOptions
    merged: bool = False  # one PDF for everyone instead of one per patient


class BatchRunner(QObject):
    """Runs one `BatchJob` away from the GUI thread; signals arrive on the GUI thread."""

    #: (sheets done, sheets in the batch), after each sheet.
    progressed = Signal(int, int)
    #: The batch ended (done, stopped, or with failed sheets): a `BatchResult`.
    finished = Signal(object)
    #: The batch could not run at all (folder, database): one sentence.
    failed = Signal(str)

    def start(self) -> None:
        raise NotImplementedError

    def cancel(self) -> None:
        """Stop after the sheet being written now."""
        raise NotImplementedError

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until the work has ended (for closing); True if it has."""
        raise NotImplementedError


class _BatchThread(QThread):
    """The worker: opens its own read-only Store, finds the patients, writes the sheets."""

    progressed = Signal(int, int)
    ended = Signal(object)
    failed = Signal(str)
    crashed = Signal(object)

    def __init__(self, job: BatchJob, bank: QuestionBank, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._bank = bank
        self.stop = threading.Event()

    def run(self) -> None:
        job = self._job
        try:
            with Store.open(job.db_path, read_only=True) as store:
                ids = [summary.id for summary in store.list_profiles(job.query)]
                result = export_batch(
                    store, self._bank, ids, job.folder, job.options, merged=job.merged,
                    progress=self.progressed.emit, cancelled=self.stop.is_set,
                )
        except UserError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread, which re-raises bugs
            self.crashed.emit(error)
            return
        self.ended.emit(result)


#: Sheets laid out to count a batch's pages; a larger batch is estimated from this many.
COUNTED_SHEETS = 40


class PageCounter(QThread):
    """Counts the pages a batch will print (each sheet laid out once), off the GUI thread.

    Laying out thousands of sheets to count them would take as long as writing them, so
    a large batch is estimated from its first `COUNTED_SHEETS` patients.
    """

    counted = Signal(int, int, int, bool)  # generation, patients, pages, whether estimated

    def __init__(self, generation: int, job: BatchJob, bank: QuestionBank, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = generation
        self._job = job
        self._bank = bank
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            with Store.open(self._job.db_path, read_only=True) as store:
                ids = [summary.id for summary in store.list_profiles(self._job.query)]
                sample = ids[:COUNTED_SHEETS]
                pages = count_pages(store, self._bank, sample, self._job.options, cancelled=self.stop.is_set)
        except UserError:
            return  # the batch itself will say what is wrong
        if pages is not None:
            estimated = len(ids) > len(sample)
            total = round(pages * len(ids) / len(sample)) if estimated else pages
            self.counted.emit(self._generation, len(ids), total, estimated)


class ThreadBatchRunner(BatchRunner):
    """`export_batch` on a QThread of its own."""

    def __init__(self, job: BatchJob, bank: QuestionBank, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = _BatchThread(job, bank, self)
        self._thread.progressed.connect(self.progressed)
        self._thread.ended.connect(self.finished)
        self._thread.failed.connect(self.failed)
        self._thread.crashed.connect(self._crashed)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._thread.stop.set()

    def wait(self, milliseconds: int = -1) -> bool:
        return self._thread.wait() if milliseconds < 0 else self._thread.wait(milliseconds)

    @Slot(object)
    def _crashed(self, error: BaseException) -> None:
        raise error  # a bug: loud, here on the GUI thread
