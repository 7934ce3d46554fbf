"""The window over a file it may only read, the travel months in the Profile step, and what an import leaves out."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import wait_for_autosave
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.profile_file import export_profile, preview_import
from app.domain.question_bank import QuestionBank
from app.gui.profile_file_dialogs import ImportPreviewDialog
from app.gui.main_window import MainWindow
from app.gui.recovery import open_database
from app.gui.session import WindowSession
from db.store import Store

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def test_travel_months_are_saved_and_checked(
    qtbot: QtBot, store: Store, make_window: Callable[[], MainWindow], reopen: Callable[[], Store]
) -> None:
    profile = store.create_profile("Olga", travel_window="after the harvest")
    window = make_window()
    form = window.profile_step
    assert form.travel_window.text() == "after the harvest"
    qtbot.keyClicks(form.travel_start, "2027-04")
    qtbot.keyClicks(form.travel_end, "2027-06")
    wait_for_autosave(qtbot)
    with reopen() as second:
        saved = second.profile(profile.id)
    assert (saved.travel_start, saved.travel_end, saved.travel_window) == ("2027-04", "2027-06", "after the harvest")
    assert window.profile_list.model.summary(0).travel == "2027-04 – 2027-06; after the harvest"

    form.travel_end.selectAll()
    qtbot.keyClicks(form.travel_end, "2027-13")
    wait_for_autosave(qtbot)
    assert "last month you could travel must be a month" in window.banner.message.lower()
    form.travel_end.selectAll()
    qtbot.keyClicks(form.travel_end, "2027-02")
    wait_for_autosave(qtbot)
    assert "comes before the first" in window.banner.message
    with reopen() as second:
        assert second.profile(profile.id).travel_end == "2027-06"  # nothing wrong was saved
    form.travel_end.selectAll()
    qtbot.keyClicks(form.travel_end, "2027-05")
    wait_for_autosave(qtbot)
    with reopen() as second:
        assert second.profile(profile.id).travel_end == "2027-05"


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions; rerun inside a user namespace below")
def test_a_read_only_file_opens_read_only_with_a_banner(
    qtbot: QtBot, qapp: QApplication, db_path: Path, bank: QuestionBank
) -> None:
    with Store.open(db_path) as store:
        store.create_profile("Margaret Lee", condition="knee-oa")
    files_before = sorted(p.name for p in db_path.parent.iterdir())
    db_path.chmod(0o444)
    try:
        opened = open_database(db_path, interactive=False)
        assert opened is not None and opened.store.read_only
        assert opened.read_only
        session = WindowSession(db_path, opened, lambda s: MainWindow(s, bank))
        window = session.window
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.banner.message.startswith(f"Opened read-only: {db_path} cannot be changed")
        assert window.profile_step.name.text() == "Margaret Lee"  # everything can be looked at
        window.profile_step.name.selectAll()
        qtbot.keyClicks(window.profile_step.name, "Changed")
        wait_for_autosave(qtbot)
        assert "read-only" in window.banner.message  # a change says why it was not saved
        window.profile_step.autosave.discard()  # the unsaved edit goes, so the window can close
        session.store.close()
        assert sorted(p.name for p in db_path.parent.iterdir()) == files_before  # no -wal or -shm left
    finally:
        db_path.chmod(0o600)
    with Store.open(db_path, read_only=True) as check:
        assert [s.name for s in check.list_profiles()] == ["Margaret Lee"]


@pytest.mark.skipif(
    not IS_ROOT or sys.platform != "linux" or not shutil.which("unshare"),
    reason="only needed as root, with user namespaces",
)
def test_the_read_only_window_as_an_ordinary_user() -> None:
    here = Path(__file__).relative_to(ROOT)
    result = subprocess.run(
        ["unshare", "--user", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         f"{here}::test_a_read_only_file_opens_read_only_with_a_banner"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    if result.returncode != 0 and "unshare failed" in result.stderr:
        pytest.skip("user namespaces are not allowed here")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout and "skipped" not in result.stdout, result.stdout


def test_the_import_preview_names_what_it_will_leave_out(
    qtbot: QtBot, store: Store, bank: QuestionBank, tmp_path: Path
) -> None:
    import json

    from PySide6.QtWidgets import QLabel

    profile = store.create_profile("Kim", condition="stroke")
    path = export_profile(store, profile.id, tmp_path / "kim.stemprep")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["ticked_documents"] = ["doc.no-longer-asked-for"]
    path.write_text(json.dumps(document), encoding="utf-8")
    dialog = ImportPreviewDialog(preview_import(store, path, bank), bank)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Left out:" in texts
    assert any("doc.no-longer-asked-for" in text and "left out" in text for text in texts)
