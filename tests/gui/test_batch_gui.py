"""File → Print sheets for many patients…: real PDFs written on a worker, Stop between sheets, the summary."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.export.batch import BatchResult
from app.gui.batch_action import BatchChoices
from app.gui.batch_dialog import BatchDialog, BatchJob, FolderDialog
from app.gui.main_window import MainWindow
from app.gui.worker import Worker
from db.store import Store

BATCH_TIMEOUT_MS = 120_000

# The dialog is a shown top-level window whose size limits change between its pages; the
# offscreen platform the tests run on warns that it cannot pass those limits on.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _choices_from_the_menu(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> BatchChoices:
    captured: list[BatchChoices] = []
    monkeypatch.setattr(
        BatchDialog, "run", classmethod(lambda cls, parent, choices, bank, store: captured.append(choices))
    )
    action = window.findChild(QAction, "batchSheetsAction")
    assert action is not None and action in window.file_menu.actions()
    action.trigger()
    [choices] = captured
    return choices


class _GapMeter(QObject):
    """A 5 ms timer on the GUI thread; the longest gap between its ticks is the longest freeze."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> float:
        self._timer.stop()
        return self.longest


def test_the_listed_patients_get_one_sheet_each_while_the_window_stays_responsive(
    qtbot: QtBot,
    store: Store,
    bank: QuestionBank,
    make_window: Callable[[], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    strokes = [store.create_profile(f"Stroke Patient {n}", condition="stroke").id for n in range(4)]
    for n in range(3):
        store.create_profile(f"Knee Patient {n}", condition="knee-oa")
    window = make_window()
    listing = window.profile_list
    listing.condition_filter.setCurrentIndex(listing.condition_filter.findData("stroke"))
    listing._apply_query()

    choices = _choices_from_the_menu(window, monkeypatch)
    assert (choices.all_count, choices.filtered_count) == (7, 4)
    assert choices.db_path == store.path

    folder = tmp_path / "sheets for Tuesday"
    dialog = BatchDialog(choices, bank, store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.listed_patients.isChecked()  # the list is filtered: those patients by default
    dialog.folder.setText(str(folder))
    dialog.leave_out_personal.setChecked(True)
    assert dialog.options().kind == "doctor"  # a doctor copy per clinic, by default
    # The same options form as the Sheet step, without the clinic (every clinic gets its copy).
    assert type(dialog.option_box) is type(window.sheet_step.option_box)
    assert list(dialog.option_box.kind_buttons) == list(window.sheet_step.kind_buttons)
    assert dialog.options().clinic_id is None
    with qtbot.waitSignal(dialog.page_total_known, timeout=BATCH_TIMEOUT_MS) as counted:
        dialog.count_pages()
    expected_pages = counted.args[0]
    assert dialog.page_total.text() == f"{expected_pages} pages in all, for 4 patients."
    meter = _GapMeter(dialog)
    with qtbot.waitSignal(dialog.batch_finished, timeout=BATCH_TIMEOUT_MS) as finished:
        dialog.start_button.click()
        assert dialog.pages.currentIndex() == BatchDialog.RUNNING
    longest_freeze = meter.stop()
    result: BatchResult = finished.args[0]

    assert not result.cancelled and not result.failed
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"profile-{i}.pdf" for i in strokes)
    for path in folder.iterdir():
        assert "Stroke Patient" not in _text(path)  # personal details left out
    assert longest_freeze < 1.0  # the window kept painting while reportlab worked
    assert dialog.pages.currentIndex() == BatchDialog.DONE
    assert dialog.summary.text() == f"4 sheets were written to {folder}. {expected_pages} pages in all."
    assert result.pages == expected_pages == sum(len(PdfReader(p).pages) for p in folder.iterdir())
    assert dialog.progress.value() == 4


def test_a_merged_batch_writes_one_pdf_with_every_patient(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    for n in range(3):
        profile = store.create_profile(f"Knee Patient {n}", condition="knee-oa")
        store.add_clinic(profile.id, f"Clinic {n} (fictional)")
        store.add_clinic(profile.id, f"Other Clinic {n} (fictional)")
    window = make_window()
    dialog = BatchDialog(_choices_from_the_menu(window, monkeypatch), bank, store, window)
    qtbot.addWidget(dialog)
    folder = tmp_path / "merged"
    dialog.folder.setText(str(folder))
    dialog.merged_file.setChecked(True)
    with qtbot.waitSignal(dialog.batch_finished, timeout=BATCH_TIMEOUT_MS) as finished:
        dialog.start_button.click()
    result: BatchResult = finished.args[0]
    assert [p.name for p in folder.iterdir()] == ["all-sheets.pdf"]
    text = _text(folder / "all-sheets.pdf")
    assert all(f"Knee Patient {n}" in text for n in range(3))
    assert text.count("Page 1 of") == 6  # a doctor copy per clinic, each numbered on its own
    assert result.pages == len(PdfReader(folder / "all-sheets.pdf").pages)

    opened: list[Path] = []
    monkeypatch.setattr(FolderDialog, "open", classmethod(lambda cls, path: opened.append(path) or True))
    dialog.open_button.click()
    assert opened == [folder]


def test_stop_half_way_keeps_whole_sheets_only_and_says_it_stopped(
    qtbot: QtBot, store: Store, bank: QuestionBank, tmp_path: Path
) -> None:
    for n in range(8):
        store.create_profile(f"Patient {n}", condition="heart")
    folder = tmp_path / "sheets"
    choices = BatchChoices(store.path, 8, None, 0, folder)
    dialog = BatchDialog(choices, bank, store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.all_patients.isChecked() and not dialog.listed_patients.isEnabled()
    dialog.essential_only.setChecked(True)

    dialog.start()
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=BATCH_TIMEOUT_MS)
    with qtbot.waitSignal(dialog.batch_finished, timeout=BATCH_TIMEOUT_MS) as finished:
        dialog.stop_button.click()
        assert "Stopping" in dialog.progress_label.text()
    result: BatchResult = finished.args[0]

    assert result.cancelled
    assert 1 <= len(result.written) < 8
    files = sorted(folder.iterdir())
    assert files == sorted(result.written)  # nothing half-written beside them (no temporary files)
    for path in files:
        assert len(PdfReader(path).pages) > 0 and path.name.startswith("Patient ")
    assert "stopped the batch before the end" in dialog.summary.text()


def test_a_folder_that_cannot_be_made_is_one_sentence_and_the_choices_stay(
    qtbot: QtBot, store: Store, bank: QuestionBank, tmp_path: Path
) -> None:
    store.create_profile("Margaret Lee")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    dialog = BatchDialog(BatchChoices(store.path, 1, None, 0, a_file / "sheets"), bank, store)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.batch_finished, timeout=BATCH_TIMEOUT_MS):
        dialog.start()
    assert dialog.pages.currentIndex() == BatchDialog.SETUP
    problem = dialog.setup_problem.text()
    assert str(a_file) in problem and "\n" not in problem and "Traceback" not in problem
    assert dialog.setup_problem.isVisible()


def test_failed_sheets_are_listed_with_the_patient_and_the_reason(
    qtbot: QtBot, store: Store, bank: QuestionBank, tmp_path: Path
) -> None:
    kept = store.create_profile("Margaret Lee")
    dialog = BatchDialog(BatchChoices(store.path, 2, None, 0, tmp_path), bank, store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._finished(BatchResult(written=[tmp_path / "a.pdf"], failed=[(kept.id, "The disk is full."), (999, "Gone.")]))
    assert dialog.summary.text().endswith("2 sheets could not be written.")
    items = [dialog.failures.item(row).text() for row in range(dialog.failures.count())]
    assert items == ["Margaret Lee: The disk is full.", "Patient 999: Gone."]
    assert dialog.failures.isVisible()


class _SlowRunner(Worker):
    """Stands in for the worker: progress on a timer, ends when told to stop."""

    made: list[_SlowRunner] = []

    def __init__(self, job: BatchJob, bank: QuestionBank, parent: QObject | None = None) -> None:
        super().__init__(None, parent)
        self.job = job
        _SlowRunner.made.append(self)

    def start(self) -> None:
        QTimer.singleShot(10, lambda: self.progressed.emit(1, 5))

    def cancel(self) -> None:
        super().cancel()
        QTimer.singleShot(10, lambda: self.finished.emit(BatchResult(cancelled=True)))

    def wait(self, milliseconds: int = -1) -> bool:
        return True


def test_closing_while_writing_stops_first_and_the_worker_can_be_swapped(
    qtbot: QtBot, store: Store, bank: QuestionBank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BatchDialog, "runner_factory", _SlowRunner)
    dialog = BatchDialog(BatchChoices(store.path, 5, None, 0, tmp_path / "out"), bank, store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.paper_letter.setChecked(True)
    dialog.large_print.setChecked(True)
    dialog.start()
    [runner] = _SlowRunner.made[-1:]
    assert runner.job.options.paper == "letter" and runner.job.options.large_print
    assert runner.job.folder == tmp_path / "out"
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 5)

    dialog.reject()  # Escape while writing: stop, then close
    assert runner.cancelled and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result_of_batch is not None and dialog.result_of_batch.cancelled


def test_the_folder_can_be_chosen(
    qtbot: QtBot, store: Store, bank: QuestionBank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = BatchDialog(BatchChoices(store.path, 0, None, 0, tmp_path / "default"), bank, store)
    qtbot.addWidget(dialog)
    chosen = tmp_path / "usb stick"
    monkeypatch.setattr(FolderDialog, "ask", classmethod(lambda cls, parent, start: chosen))
    buttons = [b for b in dialog.findChildren(QWidget) if b.accessibleName() == "Choose the folder for the sheets"]
    buttons[0].click()
    assert dialog.job().folder == chosen


def test_a_large_batch_estimates_its_pages_from_the_first_sheets(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.gui import batch_runners

    monkeypatch.setattr(batch_runners, "COUNTED_SHEETS", 2)
    for n in range(6):
        store.create_profile(f"Patient {n}", condition="stroke")
    window = make_window()
    dialog = BatchDialog(_choices_from_the_menu(window, monkeypatch), bank, store, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.page_total_known, timeout=BATCH_TIMEOUT_MS) as counted:
        dialog.count_pages()
    assert dialog.page_total.text().startswith(f"About {counted.args[0]} pages in all, for 6 patients")
    assert counted.args[0] % 3 == 0  # six patients like the first two: three times their pages
