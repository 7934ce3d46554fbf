"""The entry point: the window starts on this machine, and a database it cannot open is one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.gui.application import run_gui
from app.gui.dialogs import MessageDialog
from db.store import Store


def test_run_gui_exits_with_0_after_the_first_paint(qapp: QApplication, db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create_profile("Margaret Lee", condition="knee-oa")
    assert run_gui(db_path, exit_after_startup=True) == 0
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_a_database_that_cannot_be_opened_is_explained(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(MessageDialog, "error", classmethod(lambda cls, parent, text: shown.append(text)))
    folder = tmp_path / "a folder"
    folder.mkdir()

    assert run_gui(folder) == 1
    [message] = shown
    assert str(folder) in message and "Traceback" not in message
