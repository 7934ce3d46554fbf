"""Does the window stay responsive while a facilitator's batch of sheets is written?

The measure runs in a child process (`python -m benchmarks.responsiveness`) holding a
QApplication and StemPrep's real MainWindow on a database of sample patients. A 5 ms
timer on the GUI thread records the longest gap between its ticks, first with nothing
else going on (the floor: what the machine's own noise costs), then while a batch of
sheets is exported the way the GUI would run it:

* ``thread``: the GUI's own batch runner (`app.gui.batch_dialog.ThreadBatchRunner`)
  when app/gui has one, else `app.export.batch.export_batch` on a QThread worker with
  its own read-only Store the way the GUI would, reporting progress to the status bar
  by queued signals. reportlab is pure Python, so the worker and the GUI thread share
  the GIL;
* ``thread+freeze``: the same, after `gc.freeze()` once the window is built, so the
  worker's garbage collections no longer walk every object the GUI holds (the pauses
  that stop both threads are those full collections);
* ``process``: the same batch in a separate process (`app.export.batch_process`),
  which leaves this process's GIL to the GUI.

A stall longer than the budget is what a user feels as a frozen window.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.processes import python_child
from benchmarks.report import Result, judge, seconds

STALL_BUDGET_S = 0.100
TICK_MS = 5
IDLE_SECONDS = 1.0

#: How the batch runs, as the table names it.
MODES = {
    "thread": "QThread worker",
    "thread+freeze": "QThread worker, gc.freeze() after start-up",
    "process": "separate process (app.export.batch_process)",
}


def responsiveness_results(db: Path, env: dict[str, str], sheets: int, time_cap: float, *,
                           mode: str, parts: tuple[str, ...] | None = None, enforce: bool) -> list[Result]:
    """The longest stall of the window during a batch run in `mode` (see MODES)."""
    command = ["-m", "benchmarks.responsiveness", "--db", str(db), "--sheets", str(sheets),
               "--cap", str(time_cap), "--mode", mode]
    if parts:
        command += ["--sections", ",".join(parts)]
    run = python_child(command, env)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    stall = figures["max_gap"]
    capped = f" (stopped at the {time_cap:.0f} s cap)" if figures["written"] < sheets else ""
    return [Result(
        measure=f"longest stall during a batch: {MODES[mode]}",
        figure=seconds(stall),
        floor=f"idle {seconds(figures['idle_max_gap'])}",
        budget=f"≤ {STALL_BUDGET_S * 1000:.0f} ms",
        verdict=judge(stall <= STALL_BUDGET_S, enforce=enforce),
        notes=((
            f"responsiveness ({mode}, {figures['runner']}): {figures['written']} sheets "
            f"in {figures['seconds']:.1f} s{capped}; {figures['ticks']} ticks of {TICK_MS} ms, "
            f"{figures['gaps_over_50ms']} gaps over 50 ms, {figures['gaps_over_100ms']} over 100 ms; "
            f"the longest came {figures['max_gap_at']:.1f} s in"
        ),),
    )]


# ------------------------------------------------------------------ the child


def _gui_batch_runner() -> tuple[type, type] | None:
    """The GUI's own batch feature (`BatchJob`, `ThreadBatchRunner`), when app/gui has it."""
    try:
        from app.gui.batch_dialog import BatchJob, ThreadBatchRunner
    except ImportError:
        return None
    return BatchJob, ThreadBatchRunner


def _measure(db: Path, sheets: int, time_cap: float, mode: str,
             parts: tuple[str, ...]) -> dict[str, float | int | str]:
    from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
    from PySide6.QtWidgets import QApplication

    from app.domain.question_bank import load_question_bank
    from app.domain.sheet_content import SECTIONS, SheetOptions
    from app.gui.application import apply_app_font
    from app.gui.main_window import MainWindow
    from db.search import ProfileQuery
    from db.store import Store

    class Ticker(QObject):
        """The longest gap between ticks of a 5 ms timer on the GUI thread."""

        def __init__(self) -> None:
            super().__init__()
            self.timer = QTimer(self)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(TICK_MS)
            self.timer.timeout.connect(self.tick)
            self.restart()

        def restart(self) -> None:
            self.started = self.last = time.perf_counter()
            self.gaps: list[float] = []
            self.worst_at = 0.0

        @Slot()
        def tick(self) -> None:
            now = time.perf_counter()
            gap = now - self.last
            if gap > max(self.gaps, default=0.0):
                self.worst_at = self.last - self.started
            self.gaps.append(gap)
            self.last = now

    class Worker(QObject):
        """`export_batch` as the GUI would run it: off the GUI thread, with its own Store."""

        progress = Signal(int, int)
        done = Signal(int)

        def __init__(self, ids: list[int], folder: Path) -> None:
            super().__init__()
            self.ids = ids
            self.folder = folder

        @Slot()
        def run(self) -> None:
            from app.export.batch import export_batch

            started = time.perf_counter()
            with Store.open(db, read_only=True) as store:
                result = export_batch(store, bank, self.ids, self.folder, options,
                                      progress=self.progress.emit,
                                      cancelled=lambda: time.perf_counter() - started > time_cap)
            self.done.emit(len(result.written))

    class Progress(QObject):
        """Lives on the GUI thread: shows the count, and ends the loop when the batch ends."""

        def __init__(self) -> None:
            super().__init__()
            self.written = 0

        @Slot(int, int)
        def show(self, done: int, total: int) -> None:
            window.statusBar().showMessage(f"{done} of {total} sheets")

        @Slot(int)
        def finish(self, written: int) -> None:
            self.written = written
            QCoreApplication.exit(0)

    options = SheetOptions(sections=parts or SECTIONS)
    app = QApplication(sys.argv[:1])
    apply_app_font(app)
    store = Store.open(db)
    bank = load_question_bank()
    window = MainWindow(store, bank)
    window.show()
    ids = [summary.id for summary in store.list_profiles(limit=sheets)]
    folder = Path(tempfile.mkdtemp(prefix="stemprep-bench-stall-"))

    ticker = Ticker()
    QTimer.singleShot(int(IDLE_SECONDS * 1000), lambda: QCoreApplication.exit(0))
    ticker.timer.start()
    app.exec()
    idle_max = max(ticker.gaps[1:], default=0.0)  # the first tick includes the window's first paint

    progress = Progress()
    if mode == "thread+freeze":
        gc.freeze()  # what run_gui could do once the window is built
    started = time.perf_counter()
    runner_name = "the harness's own QThread worker"
    gui_runner = _gui_batch_runner() if mode.startswith("thread") else None
    if gui_runner is not None:
        # The GUI's own batch feature: its runner, stopped after `sheets` sheets or the cap.
        batch_job, thread_runner = gui_runner
        runner_name = f"{thread_runner.__module__}.{thread_runner.__qualname__}"
        runner = thread_runner(batch_job(db_path=db, query=ProfileQuery(), folder=folder, options=options),
                               bank, window)

        class Stopper(QObject):
            @Slot(int, int)
            def progressed(self, done: int, total: int) -> None:
                progress.show(done, total)
                if done >= sheets or time.perf_counter() - started > time_cap:
                    runner.cancel()

            @Slot(object)
            def finished(self, result: object) -> None:
                progress.finish(len(getattr(result, "written", [])))

            @Slot(str)
            def failed(self, message: str) -> None:
                print(message, file=sys.stderr)
                QCoreApplication.exit(1)

        stopper = Stopper()
        runner.progressed.connect(stopper.progressed)
        runner.finished.connect(stopper.finished)
        runner.failed.connect(stopper.failed)
        ticker.restart()
        runner.start()
        if app.exec() != 0:
            raise SystemExit("the GUI's batch runner failed")
        runner.wait()
    elif mode.startswith("thread"):
        thread = QThread()
        worker = Worker(ids, folder)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(progress.show)
        worker.done.connect(progress.finish)
        ticker.restart()
        thread.start()
        app.exec()
        thread.quit()  # here, not by a queued signal that the ended loop might never deliver
        thread.wait()
    else:
        from app.export.batch_process import BatchProcess

        batch = BatchProcess(db, ids, folder, options)
        poller = QTimer()
        poller.setInterval(50)

        def poll() -> None:
            """As the GUI would: show progress, ask to stop at the cap, never block on the child."""
            for done, total in batch.progress():
                progress.show(done, total)
            if time.perf_counter() - started > time_cap:
                batch.cancel()  # the child stops after the sheet it is writing
            if batch.finished():
                poller.stop()
                progress.finish(len(batch.result().written))

        poller.timeout.connect(poll)
        ticker.restart()
        batch.start()
        poller.start()
        app.exec()
    elapsed = time.perf_counter() - started
    gaps = ticker.gaps
    window.close()
    store.close()
    return {
        "max_gap": max(gaps, default=0.0),
        "max_gap_at": ticker.worst_at,
        "idle_max_gap": idle_max,
        "ticks": len(gaps),
        "gaps_over_50ms": sum(1 for gap in gaps if gap > 0.050),
        "gaps_over_100ms": sum(1 for gap in gaps if gap > 0.100),
        "written": progress.written,
        "runner": runner_name if mode.startswith("thread") else "app.export.batch_process.BatchProcess",
        "seconds": elapsed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.responsiveness")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--sheets", type=int, default=50)
    parser.add_argument("--cap", type=float, default=20.0, help="stop the batch after this many seconds")
    parser.add_argument("--mode", choices=tuple(MODES), default="thread")
    parser.add_argument("--sections", default="", help="only these parts of each sheet (comma-separated)")
    args = parser.parse_args(argv)
    parts = tuple(part for part in args.sections.split(",") if part)
    print(json.dumps(_measure(args.db, args.sheets, args.cap, args.mode, parts)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
