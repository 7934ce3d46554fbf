"""Background work in the window: one contract for every job that must not freeze it.

Drawing a sheet's preview, checking the file at start-up, making a backup, counting a
batch's pages and writing the batch all take longer than a patient should wait for a
click to answer. Each of them is a `Worker`:

* `start()` runs the work away from the GUI thread;
* `progressed(done, total)` reports along the way;
* `finished(result)` carries what the work returned;
* `failed(sentence)` carries the one sentence of a `UserError` (a folder that cannot
  be written, a file that cannot be read);
* `cancel()` asks the work to stop at its next chance: the work reads `cancelled`
  and returns what it has, which still arrives through `finished`;
* `wait()` blocks until the work has ended, for closing.

The signals arrive on the GUI thread. Any other exception is a bug: it is raised again
on the GUI thread, loud in tests, instead of dying quietly on the worker.

The work is a function given the worker itself, to report progress and to ask whether
it was cancelled. A worker runs on a thread of its own, or in a `QThreadPool` it is
given: the jobs of a pool with one thread run one after another (one preview at a time,
one backup at a time). Work done by another mechanism (a separate process) subclasses
`Worker`, overrides `start`, `cancel` and `wait`, and keeps the same signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from app.gui.i18n import said
from db.errors import UserError

#: What a worker runs: given the worker (for `report` and `cancelled`), returns the result.
Work = Callable[["Worker"], Any]


class Worker(QObject):
    """One piece of work off the GUI thread: start, progress, finished or failed, cancel, wait."""

    #: (done, total) along the way, as the work reports it.
    progressed = Signal(int, int)
    #: The work returned (also after a cancel): what it returned.
    finished = Signal(object)
    #: The work met a problem the user can act on: its one sentence.
    failed = Signal(str)
    #: A bug on the worker, carried to the GUI thread to be raised there.
    _crashed = Signal(object)

    def __init__(
        self,
        work: Work | None = None,
        parent: QObject | None = None,
        *,
        pool: QThreadPool | None = None,
        name: str = "stemprep-worker",
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._pool = pool
        self._name = name
        self._stop = threading.Event()
        self._ended = threading.Event()
        self._started = False
        self._crashed.connect(self._raise)

    # ------------------------------------------------------------ the GUI thread's side

    def start(self) -> None:
        """Run the work on a thread of its own, or in the pool given (once)."""
        if self._started:
            raise RuntimeError("A worker runs its work once; make a new one.")
        if self._work is None:
            raise TypeError("This worker was given no work to run.")
        self._started = True
        if self._pool is None:
            threading.Thread(target=self._run, name=self._name, daemon=True).start()
        else:
            self._pool.start(self._run)

    def cancel(self) -> None:
        """Ask the work to stop at its next chance; `finished` still comes, with what it has."""
        self._stop.set()

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until the work has ended (for closing); True if it has. A worker never started has."""
        if not self._started:
            return True
        return self._ended.wait(None if milliseconds < 0 else milliseconds / 1000)

    @property
    def running(self) -> bool:
        """Started and not ended yet."""
        return self._started and not self._ended.is_set()

    # ------------------------------------------------------------ the work's side

    @property
    def cancelled(self) -> bool:
        """Whether `cancel` was asked for: the work checks it between its steps."""
        return self._stop.is_set()

    def report(self, done: int, total: int) -> None:
        """Tell the window how far the work has got."""
        self.progressed.emit(done, total)

    # ------------------------------------------------------------ details

    def _run(self) -> None:
        assert self._work is not None
        try:
            result = self._work(self)
        except UserError as error:
            self.failed.emit(said(error))
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread, which raises it
            self._crashed.emit(error)
        else:
            self.finished.emit(result)
        finally:
            self._ended.set()

    @Slot(object)
    def _raise(self, error: BaseException) -> None:
        raise error  # a bug: loud, here on the GUI thread
