"""File → Export / Import patient: a round trip through the window, the "already here" choice, bad files."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import profile_with_clinic
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.domain.profile_file import ImportPreview, preview_import
from app.domain.question_bank import QuestionBank
from app.gui.main_window import MainWindow
from app.gui.profile_file_dialogs import (
    ImportChoice,
    ImportPreviewDialog,
    ImportProblemDialog,
    ProfileFileDialogs,
)
from app.gui.profile_list import ProfileIdRole
from db.records import ProfileId
from db.store import Store


@pytest.fixture(autouse=True)
def _no_real_file_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dialog the test did not set up fails the test instead of waiting for a click."""

    def unexpected(cls: type, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog {cls.__name__}: {args[1:]}")

    for dialog, method in (
        (ProfileFileDialogs, "ask_export_path"),
        (ProfileFileDialogs, "ask_import_path"),
        (ImportPreviewDialog, "ask"),
        (ImportProblemDialog, "show_problem"),
    ):
        monkeypatch.setattr(dialog, method, classmethod(unexpected))


def _action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None and action in window.file_menu.actions()
    return action


def _content(store: Store) -> list[tuple[object, ...]]:
    """Everything a patient is made of, to compare databases before and after."""
    rows: list[tuple[object, ...]] = []
    for summary in store.list_profiles():
        profile = store.profile(summary.id)
        rows.append((profile.id, profile.uid, profile.name, profile.goals, profile.updated_at))
        for clinic in store.clinics_for(profile.id):
            rows.append((clinic.id, clinic.name, clinic.city))
        rows.extend((a.clinic_id, a.question_id, a.status, a.value) for a in store.answers_for_profile(profile.id))
    return rows


@pytest.fixture
def exported(
    qtbot: QtBot, store: Store, bank: QuestionBank, window_with_patient: MainWindow, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """Margaret Lee exported through File → Export patient to a file…."""
    target = tmp_path / "chosen" / "margaret.stemprep"
    target.parent.mkdir()
    suggested: list[Path] = []

    def ask(cls: type, parent: QWidget | None, proposal: Path) -> Path:
        suggested.append(proposal)
        return target

    monkeypatch.setattr(ProfileFileDialogs, "ask_export_path", classmethod(ask))
    _action(window_with_patient, "exportProfileAction").trigger()
    assert suggested[0].name.startswith("Margaret Lee") and suggested[0].suffix == ".stemprep"
    assert target.is_file()
    assert "health information" in window_with_patient.statusBar().currentMessage()
    monkeypatch.setattr(ProfileFileDialogs, "ask_export_path", classmethod(lambda cls, parent, proposal: None))
    return target


@pytest.fixture
def window_with_patient(store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]) -> MainWindow:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    store.update_profile(profile_id, goals="Walk to the market")
    question = bank.questions_for("knee-oa")[0]
    store.save_answer(clinic_id, question.id, status="answered", value="yes", text="Said yes at once")
    window = make_window()
    assert window.profile_id == profile_id
    return window


def _importing(monkeypatch: pytest.MonkeyPatch, path: Path, choice: ImportChoice | None) -> list[ImportPreview]:
    shown: list[ImportPreview] = []
    monkeypatch.setattr(ProfileFileDialogs, "ask_import_path", classmethod(lambda cls, parent, folder: path))

    def ask(cls: type, parent: QWidget | None, preview: ImportPreview, bank: QuestionBank) -> ImportChoice | None:
        shown.append(preview)
        return choice

    monkeypatch.setattr(ImportPreviewDialog, "ask", classmethod(ask))
    return shown


@pytest.fixture
def second_window(
    qtbot: QtBot, tmp_path: Path, bank: QuestionBank
) -> Iterator[tuple[MainWindow, Store]]:
    """Another computer: its own database, its own window."""
    with Store.open(tmp_path / "other" / "stemprep.db") as other:
        window = MainWindow(other, bank)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.add_menu_features()  # as the session does right after the first paint
        yield window, other
        window.close()


def test_export_then_import_on_another_computer_shows_the_patient_first_and_selects_it(
    exported: Path, second_window: tuple[MainWindow, Store], monkeypatch: pytest.MonkeyPatch, store: Store
) -> None:
    window, other = second_window
    shown = _importing(monkeypatch, exported, "new")
    _action(window, "importProfileAction").trigger()

    [preview] = shown
    assert preview.document.profile.name == "Margaret Lee" and preview.existing is None
    assert (preview.clinic_count, preview.answer_count) == (1, 1)
    [summary] = other.list_profiles()
    assert summary.name == "Margaret Lee" and summary.answered == 1
    imported = other.profile(summary.id)
    assert imported.goals == "Walk to the market"
    assert imported.uid == store.profile(store.list_profiles()[0].id).uid  # the same patient
    assert [c.name for c in other.clinics_for(summary.id)] == ["Hangang Joint Clinic"]
    # The imported patient is the one open, and selected in the list.
    assert window.profile_id == summary.id
    assert window.profile_list.view.currentIndex().data(ProfileIdRole) == summary.id
    assert "Imported “Margaret Lee”" in window.statusBar().currentMessage()


def test_a_patient_already_here_is_imported_as_new_or_replaced_only_when_chosen(
    exported: Path,
    window_with_patient: MainWindow,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    reopen: Callable[[], Store],
) -> None:
    window = window_with_patient
    [original] = store.list_profiles()
    store.update_profile(original.id, goals="Changed after the export")

    # Cancel: nothing changes.
    before = _content(store)
    shown = _importing(monkeypatch, exported, None)
    _action(window, "importProfileAction").trigger()
    assert shown[0].existing is not None and shown[0].existing.id == original.id
    with reopen() as disk:
        assert _content(disk) == before

    # A new patient: both are kept; the copy is opened.
    _importing(monkeypatch, exported, "new")
    _action(window, "importProfileAction").trigger()
    with reopen() as disk:
        profiles = {s.id: disk.profile(s.id) for s in disk.list_profiles()}
    assert len(profiles) == 2
    copy_id = next(pid for pid in profiles if pid != original.id)
    assert profiles[original.id].goals == "Changed after the export"
    assert profiles[copy_id].goals == "Walk to the market"
    assert profiles[copy_id].uid != profiles[original.id].uid
    assert window.profile_id == copy_id

    # Replace: the saved one gives way to the file's, in place (same id), and it is opened.
    window.profile_list.select_profile(ProfileId(original.id))
    assert window.profile_id == original.id
    _importing(monkeypatch, exported, "replace")
    _action(window, "importProfileAction").trigger()
    with reopen() as disk:
        profiles = {s.id: disk.profile(s.id) for s in disk.list_profiles()}
    assert len(profiles) == 2 and original.id in profiles
    replaced_id = next(pid for pid in profiles if pid != copy_id)
    assert replaced_id == original.id
    assert profiles[replaced_id].goals == "Walk to the market"
    assert profiles[replaced_id].uid == preview_import(store, exported).document.profile.uid
    assert window.profile_id == replaced_id
    assert window.profile_step.goals.toPlainText() == "Walk to the market"


def test_a_malformed_file_is_one_sentence_with_the_problems_listed_and_changes_nothing(
    window_with_patient: MainWindow,
    exported: Path,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reopen: Callable[[], Store],
) -> None:
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["profile"]["birth_year"] = "nineteen fifty"
    document["clinics"][0]["price"] = -5
    broken = tmp_path / "broken.stemprep"
    broken.write_text(json.dumps(document), encoding="utf-8")
    before = _content(store)
    monkeypatch.setattr(ProfileFileDialogs, "ask_import_path", classmethod(lambda cls, parent, folder: broken))
    shown: list[tuple[str, list[str]]] = []
    def show_problem(cls: type, parent: QWidget | None, text: str, problems: list[str]) -> None:
        shown.append((text, problems))

    monkeypatch.setattr(ImportProblemDialog, "show_problem", classmethod(show_problem))

    _action(window_with_patient, "importProfileAction").trigger()  # the preview dialog must not open

    [(sentence, problems)] = shown
    assert sentence.startswith("broken.stemprep cannot be imported") and "2 problems" in sentence
    assert "\n" not in sentence and "birth_year" not in sentence  # the problems go under Show Details
    assert len(problems) == 2
    assert any("birth_year" in p for p in problems) and any("price" in p for p in problems)
    with reopen() as disk:
        assert _content(disk) == before

    # Not JSON at all: the reader's own sentence, no details.
    garbage = tmp_path / "photo.stemprep"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    monkeypatch.setattr(ProfileFileDialogs, "ask_import_path", classmethod(lambda cls, parent, folder: garbage))
    _action(window_with_patient, "importProfileAction").trigger()
    sentence, problems = shown[-1]
    assert "photo.stemprep" in sentence and problems == []
    with reopen() as disk:
        assert _content(disk) == before


def test_the_preview_dialog_offers_new_replace_and_cancel_for_a_patient_already_here(
    qtbot: QtBot, window_with_patient: MainWindow, exported: Path, store: Store, bank: QuestionBank
) -> None:
    preview = preview_import(store, exported)
    assert preview.existing is not None
    dialog = ImportPreviewDialog(preview, bank, window_with_patient)
    qtbot.addWidget(dialog)
    texts = [button.text() for button in dialog.findChildren(QDialogButtonBox)[0].buttons()]
    assert any("new patient" in t for t in texts) and any("Replace the saved one" in t for t in texts)
    assert "Cancel" in " ".join(texts).replace("&", "")
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    for expected in ("Margaret Lee", "Knee osteoarthritis", "Hangang Joint Clinic", "already on this computer"):
        assert expected in shown
    dialog.buttons["replace"].click()
    assert dialog.choice == "replace" and dialog.result() == dialog.DialogCode.Accepted

    fresh = ImportPreview(preview.document, None)
    plain = ImportPreviewDialog(fresh, bank, window_with_patient)
    qtbot.addWidget(plain)
    assert list(plain.buttons) == ["new"]  # nothing to replace: Import or Cancel
    for button in plain.buttons.values():
        assert button.accessibleName()
