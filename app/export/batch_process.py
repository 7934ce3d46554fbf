"""Printing by the dozen without freezing the window: `export_batch` in a separate process.

reportlab is pure Python, so a batch on a worker thread shares the GIL with the GUI
thread, and its garbage collections stop both: the benchmarks (`python -m benchmarks`)
measured pauses of 90-180 ms in the window while 50 sheets were written on a thread.
A separate process has its own interpreter and heap, so the GUI process keeps only
painting. The GUI polls this object (a timer) for progress; nothing here imports Qt.

The child is started with "spawn" (never "fork": forking a process that runs Qt's
threads can deadlock), opens the database read-only (so it takes no writer lock and
the window can keep saving), and runs the same `export_batch`, so a cancelled or
failed sheet never leaves a partial PDF and one bad profile does not stop the batch.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Sequence
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from app.domain.sheet_content import SheetOptions
from app.export.batch import BatchResult
from app.export.files import SheetExportError

_CONTEXT = multiprocessing.get_context("spawn")


class BatchProcess:
    """One batch of sheets written by a child process; poll it from the GUI thread.

    ``start()`` launches it; ``progress()`` returns the (done, total) updates that
    arrived since the last call; ``finished()`` says whether the child has sent its
    result; ``result()`` is then the `BatchResult`. ``cancel()`` stops it between
    sheets. A problem the user can fix (a folder that cannot be written, a database
    that cannot be read) is raised from ``result()`` as `SheetExportError`.
    """

    def __init__(
        self, db_path: Path, profile_ids: Sequence[int], folder: Path, options: SheetOptions, *, merged: bool = False
    ) -> None:
        self._arguments = (str(db_path), [int(i) for i in profile_ids], str(folder), options, merged)
        self._messages: Any = _CONTEXT.Queue()
        self._cancel: Event = _CONTEXT.Event()
        self._process: Any = None
        self._result: BatchResult | None = None
        self._error: str | None = None

    def start(self) -> None:
        self._process = _CONTEXT.Process(
            target=_run, args=(*self._arguments, self._messages, self._cancel), daemon=True,
            name="stemprep-batch",
        )
        self._process.start()

    def progress(self) -> list[tuple[int, int]]:
        """The progress reported since the last call, oldest first; never blocks."""
        updates: list[tuple[int, int]] = []
        while True:
            try:
                message = self._messages.get_nowait()
            except queue.Empty:
                break
            kind = message[0]
            if kind == "progress":
                updates.append((message[1], message[2]))
            elif kind == "result":
                written, failed, cancelled, pages = message[1:]
                self._result = BatchResult(
                    written=[Path(p) for p in written], failed=list(failed), cancelled=cancelled, pages=pages
                )
            elif kind == "error":
                self._error = message[1]
        if self._result is None and self._error is None and self._process is not None \
                and not self._process.is_alive() and self._messages.empty():
            self._error = "The batch stopped unexpectedly before it finished; no sheet was left half-written."
        return updates

    def finished(self) -> bool:
        if self._result is None and self._error is None:
            self.progress()
        return self._result is not None or self._error is not None

    def cancel(self) -> None:
        """Stop after the sheet being written now; `result()` then says it was cancelled."""
        self._cancel.set()

    def result(self, timeout: float | None = None) -> BatchResult:
        """The batch's result, waiting up to `timeout` seconds (None: until it ends)."""
        if self._process is not None and not self.finished():
            self._process.join(timeout)
            self.progress()
        if self._process is not None:
            self._process.join(5)
        if self._error is not None:
            raise SheetExportError(self._error)
        if self._result is None:
            raise TimeoutError("The batch has not finished yet.")
        return self._result


def _run(db_path: str, profile_ids: list[int], folder: str, options: SheetOptions, merged: bool,
         messages: Any, cancel: Event) -> None:
    """The child: the same `export_batch` the CLI uses, reporting through `messages`."""
    from app.domain.question_bank import load_question_bank
    from app.export.batch import export_batch
    from db.errors import UserError
    from db.store import Store

    try:
        bank = load_question_bank()
        with Store.open(db_path, read_only=True) as store:
            result = export_batch(
                store, bank, profile_ids, Path(folder), options, merged=merged,
                progress=lambda done, total: messages.put(("progress", done, total)),
                cancelled=cancel.is_set,
            )
    except UserError as error:
        messages.put(("error", str(error)))
        return
    messages.put(("result", [str(p) for p in result.written], result.failed, result.cancelled, result.pages))
