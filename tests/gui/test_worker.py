"""Background work: one contract (start, progress, finished, failed with a sentence, cancel, wait) for every job.

The worker is driven as the window drives it, through its signals on the GUI thread;
the batch's two runners (a thread, a separate process) are checked against the same
contract on a real database, writing real PDFs.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import SheetOptions
from app.export.batch import BatchResult
from app.gui.batch_runners import BatchJob, ProcessBatchRunner, ThreadBatchRunner
from app.gui.worker import Worker
from db.errors import DatabaseUnavailable
from db.search import ProfileQuery
from db.store import Store

TIMEOUT_MS = 20_000
BATCH_TIMEOUT_MS = 120_000


def test_the_work_runs_off_the_gui_thread_and_its_result_and_progress_arrive_on_it(qtbot: QtBot) -> None:
    ran_on: list[threading.Thread] = []
    progress: list[tuple[int, int, threading.Thread]] = []

    def work(worker: Worker) -> str:
        ran_on.append(threading.current_thread())
        for done in range(3):
            worker.report(done + 1, 3)
        return "three sheets"

    worker = Worker(work)
    worker.progressed.connect(lambda done, total: progress.append((done, total, threading.current_thread())))
    with qtbot.waitSignal(worker.finished, timeout=TIMEOUT_MS) as finished:
        worker.start()
    assert finished.args == ["three sheets"]
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert [(done, total) for done, total, _ in progress] == [(1, 3), (2, 3), (3, 3)]
    assert all(thread is threading.main_thread() for _, _, thread in progress)
    assert worker.wait(0) and not worker.running


def test_a_problem_the_user_can_act_on_fails_with_its_one_sentence(qtbot: QtBot) -> None:
    def work(worker: Worker) -> None:
        raise DatabaseUnavailable("The disk is full, so StemPrep could not save.")

    worker = Worker(work)
    with qtbot.assertNotEmitted(worker.finished), qtbot.waitSignal(worker.failed, timeout=TIMEOUT_MS) as failed:
        worker.start()
    assert failed.args == ["The disk is full, so StemPrep could not save."]


def test_a_bug_on_the_worker_is_raised_on_the_gui_thread(qtbot: QtBot) -> None:
    def work(worker: Worker) -> None:
        raise KeyError("a bug")

    worker = Worker(work)
    with qtbot.captureExceptions() as raised:
        worker.start()
        assert worker.wait(TIMEOUT_MS)
        qtbot.waitUntil(lambda: bool(raised), timeout=TIMEOUT_MS)
    [(kind, error, _trace)] = raised
    assert kind is KeyError and error.args == ("a bug",)


def test_cancel_stops_the_work_at_its_next_chance_and_finished_still_comes(qtbot: QtBot) -> None:
    going = threading.Event()

    def work(worker: Worker) -> int:
        steps = 0
        going.set()
        while not worker.cancelled:
            steps += 1
            threading.Event().wait(0.005)
        return steps

    worker = Worker(work)
    worker.start()
    assert going.wait(TIMEOUT_MS / 1000) and worker.running
    with qtbot.waitSignal(worker.finished, timeout=TIMEOUT_MS) as finished:
        worker.cancel()
    assert finished.args[0] >= 1 and worker.cancelled


def test_workers_in_a_pool_of_one_thread_run_one_after_another(qtbot: QtBot) -> None:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    order: list[str] = []
    release = threading.Event()

    def first(worker: Worker) -> None:
        release.wait(TIMEOUT_MS / 1000)
        order.append("first")

    def second(worker: Worker) -> None:
        order.append("second")

    one, two = Worker(first, pool=pool), Worker(second, pool=pool)
    with qtbot.waitSignals([one.finished, two.finished], timeout=TIMEOUT_MS):
        one.start()
        two.start()
        assert order == []  # the second waits for the first
        release.set()
    assert order == ["first", "second"]
    pool.waitForDone()


def test_a_worker_runs_once_and_one_never_started_has_nothing_to_wait_for(qtbot: QtBot) -> None:
    worker = Worker(lambda worker: None)
    assert worker.wait(0) and not worker.running
    with qtbot.waitSignal(worker.finished, timeout=TIMEOUT_MS):
        worker.start()
    with pytest.raises(RuntimeError):
        worker.start()


# ---------------------------------------------------------------- the batch's runners


@pytest.fixture
def two_patients(store: Store) -> Store:
    for name in ("Margaret Lee", "김민지"):
        profile = store.create_profile(name, condition="knee-oa")
        store.add_clinic(profile.id, "Hangang Joint Clinic", city="서울")
    return store


@pytest.mark.parametrize("runner", [ThreadBatchRunner, ProcessBatchRunner], ids=["thread", "process"])
def test_both_batch_runners_fulfil_the_contract_with_real_sheets(
    qtbot: QtBot, two_patients: Store, bank: QuestionBank, tmp_path: Path, runner: type[Worker]
) -> None:
    job = BatchJob(two_patients.path, ProfileQuery(sort="name"), tmp_path / "sheets", SheetOptions())
    worker = runner(job, bank, None)  # type: ignore[call-arg]
    progress: list[tuple[int, int]] = []
    worker.progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(worker.finished, timeout=BATCH_TIMEOUT_MS) as finished:
        worker.start()
    result = finished.args[0]
    assert isinstance(result, BatchResult)
    assert not result.failed and not result.cancelled and len(result.written) == 2
    assert all(len(PdfReader(path).pages) >= 1 for path in result.written)
    assert progress and progress[-1] == (2, 2)
    assert worker.wait(TIMEOUT_MS)


@pytest.mark.parametrize("runner", [ThreadBatchRunner, ProcessBatchRunner], ids=["thread", "process"])
def test_both_batch_runners_fail_with_one_sentence_when_the_database_cannot_be_read(
    qtbot: QtBot, bank: QuestionBank, tmp_path: Path, runner: type[Worker]
) -> None:
    missing = tmp_path / "nowhere" / "stemprep.db"
    job = BatchJob(missing, ProfileQuery(sort="name"), tmp_path / "sheets", SheetOptions())
    worker = runner(job, bank, None)  # type: ignore[call-arg]
    with qtbot.waitSignal(worker.failed, timeout=BATCH_TIMEOUT_MS) as failed:
        worker.start()
    sentence = failed.args[0]
    assert sentence and "\n" not in sentence and "Traceback" not in sentence
    assert not (tmp_path / "sheets").exists()
