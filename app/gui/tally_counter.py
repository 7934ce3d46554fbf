"""Counting the worklist's tallies off the GUI thread, so ten thousand patients never freeze the window.

The first time the worklist opens on a large file (or after the questions or rules
changed) every patient's serious red flags and answered questions must be counted:
about ten seconds at ten thousand patients. `TallyCounter` does that on a pool thread
with a Store of its own opened read-only, a step of patients at a time, and hands each
step's tallies to the GUI thread, which saves them through the window's Store (one short
write) and shows them. The same shape as the window's other background work: a
runnable that opens its own read-only Store, and signals back to the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.domain.question_bank import QuestionBank
from app.domain.worklist import CountedStep, content_digest, count_stale_tallies
from db.errors import StorageError
from db.store import Store


class _CountSignals(QObject):
    counted = Signal(object)  # CountedStep
    finished = Signal()
    failed = Signal(str)
    crashed = Signal(object)


class _CountJob(QRunnable):
    """Counts the stale tallies (of all patients, or of some) with a read-only Store opened here."""

    def __init__(
        self, db_path: Path, bank: QuestionBank, profile_ids: Sequence[int] | None,
        signals: _CountSignals, stop: threading.Event,
    ) -> None:
        super().__init__()
        self._db_path = db_path
        self._bank = bank
        self._profile_ids = profile_ids
        self._signals = signals
        self._stop = stop

    def run(self) -> None:
        try:
            with Store.open(self._db_path, read_only=True) as store:
                for step in count_stale_tallies(store, self._bank, self._profile_ids):
                    if self._stop.is_set():
                        break
                    self._signals.counted.emit(step)
        except StorageError as error:
            self._signals.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread, which re-raises bugs
            self._signals.crashed.emit(error)
            return
        self._signals.finished.emit()


class TallyCounter(QObject):
    """Counts stale tallies in the background and saves them through the window's Store as they come."""

    #: Tallies counted and saved (they may be shown now), with how many were stale in all.
    counted = Signal(object, int)
    #: The counting ended (all counted, or stopped).
    finished = Signal()
    #: One sentence: the file could not be read.
    failed = Signal(str)

    def __init__(self, store: Store, bank: QuestionBank, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._bank = bank
        self._content = ""  # worked out on the first count, not while the window starts
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._stop = threading.Event()
        self._running = 0
        self._signals = _CountSignals(self)
        self._signals.counted.connect(self._counted)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self._signals.crashed.connect(self._crashed)
        # A window closing while counting stops after the step under way (its pool then waits for it),
        # not after ten thousand patients.
        self.destroyed.connect(self._stop.set)

    @property
    def running(self) -> bool:
        return self._running > 0

    def count(self, profile_ids: Sequence[int] | None = None) -> None:
        """Count the stale tallies of these patients (all when None) after what is already asked."""
        self._stop.clear()
        self._running += 1
        ids = None if profile_ids is None else list(profile_ids)
        self._pool.start(_CountJob(self._store.path, self._bank, ids, self._signals, self._stop))

    def stop(self) -> None:
        """Stop counting after the step under way, and wait for it (the window is closing)."""
        self._stop.set()
        self._pool.waitForDone()

    @Slot(object)
    def _counted(self, step: CountedStep) -> None:
        try:
            if not self._store.read_only:
                self._content = self._content or content_digest(self._bank)
                self._store.save_tallies(self._content, step.tallies, read_from=step.read_from)
        except StorageError as error:
            self.failed.emit(str(error))  # the counts themselves are still right, and shown
        self.counted.emit(step.tallies, step.stale)

    @Slot()
    def _finished(self) -> None:
        self._running = max(0, self._running - 1)
        if not self._running:
            self.finished.emit()

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        self._running = max(0, self._running - 1)
        self.failed.emit(sentence)
        if not self._running:
            self.finished.emit()

    @Slot(object)
    def _crashed(self, error: BaseException) -> None:
        self._running = max(0, self._running - 1)
        raise error  # a bug: loud, here on the GUI thread
