"""Counting the worklist's tallies off the GUI thread, so ten thousand patients never freeze the window.

The first time the worklist opens on a large file (or after the questions or rules
changed) every patient's serious red flags and answered questions must be counted:
about five seconds at ten thousand patients. `TallyCounter` does that as a `Worker`
with a Store of its own opened read-only, a step of patients at a time, and hands each
step's tallies to the GUI thread, which saves them through the window's Store (one
short write) and shows them.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from app.domain.question_bank import QuestionBank
from app.domain.worklist import CountedStep, content_digest, count_stale_tallies
from app.gui.i18n import said
from app.gui.worker import Worker
from db.errors import StorageError
from db.store import Store
from db.tallies import ProfileTally


class TallyCounter(QObject):
    """Counts stale tallies in the background and saves them through the window's Store as they come."""

    #: Tallies counted and saved (they may be shown now), with how many were stale in all.
    counted = Signal(object, int)
    #: The counting ended (all counted, or stopped).
    finished = Signal()
    #: One sentence: the file could not be read.
    failed = Signal(str)
    #: A step counted on a worker's thread (delivered on the GUI thread).
    _step_counted = Signal(object)

    def __init__(self, store: Store, bank: QuestionBank, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._bank = bank
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one count at a time, in the order asked
        self._workers: list[Worker] = []
        self._closing = threading.Event()
        self._step_counted.connect(self._counted)
        # A window closing while counting stops after the step under way (its pool then waits for it),
        # not after ten thousand patients.
        self.destroyed.connect(self._closing.set)

    @property
    def running(self) -> bool:
        return bool(self._workers)

    def count(self, profile_ids: Sequence[int] | None = None) -> None:
        """Count the stale tallies of these patients (all when None) after what is already asked."""
        ids = None if profile_ids is None else list(profile_ids)
        worker = Worker(lambda worker: self._count(worker, ids), self, pool=self._pool, name="stemprep-tallies")
        worker.finished.connect(lambda _result: self._ended(worker))
        worker.failed.connect(lambda sentence: self._ended(worker, sentence))
        self._workers.append(worker)
        worker.start()

    def stop(self) -> None:
        """Stop counting after the step under way, and wait for it."""
        for worker in self._workers:
            worker.cancel()
        self._pool.waitForDone()

    def _count(self, worker: Worker, profile_ids: list[int] | None) -> None:
        """On the worker's thread: count, a step at a time, until done, cancelled or closing."""
        with Store.open(self._store.path, read_only=True) as store:
            for step in count_stale_tallies(store, self._bank, profile_ids):
                if worker.cancelled or self._closing.is_set():
                    return
                self._step_counted.emit(step)

    @Slot(object)
    def _counted(self, step: CountedStep) -> None:
        tallies: list[ProfileTally] = step.tallies
        try:
            if not self._store.read_only:
                self._store.save_tallies(content_digest(self._bank), tallies, read_from=step.read_from)
        except StorageError as error:
            self.failed.emit(said(error))  # the counts themselves are still right, and shown
        self.counted.emit(tallies, step.stale)

    def _ended(self, worker: Worker, sentence: str = "") -> None:
        if worker in self._workers:
            self._workers.remove(worker)
            worker.deleteLater()
        if sentence:
            self.failed.emit(sentence)
        if not self._workers:
            self.finished.emit()
