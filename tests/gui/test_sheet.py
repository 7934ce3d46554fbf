"""Step 4: the live PDF preview, options that re-render it, Save as…, and Print…."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import profile_with_clinic
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.question_bank import QuestionBank
from app.gui.dialogs import PrintDialog, SaveDialog
from app.gui.main_window import MainWindow
from app.gui.sheet import SheetStep
from db.store import Store

RENDER_TIMEOUT_MS = 20_000


@pytest.fixture
def sheet_step(
    qtbot: QtBot, store: Store, bank: QuestionBank, make_window: Callable[[], MainWindow]
) -> SheetStep:
    profile_id, clinic_id = profile_with_clinic(store, bank)
    store.update_profile(profile_id, goals="Walk without a stick")
    window = make_window()
    with qtbot.waitSignal(window.sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        window.go_to_step(MainWindow.SHEET)
    return window.sheet_step


def _text(pdf: bytes | Path) -> str:
    reader = PdfReader(pdf if isinstance(pdf, Path) else __import__("io").BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_the_preview_shows_the_real_pdf(sheet_step: SheetStep) -> None:
    assert sheet_step.document.status() == QPdfDocument.Status.Ready
    assert sheet_step.document.pageCount() > 0
    assert sheet_step.pdf_bytes is not None and sheet_step.pdf_bytes.startswith(b"%PDF")
    assert "Margaret Lee" in _text(sheet_step.pdf_bytes)


def test_changing_options_renders_the_preview_again(qtbot: QtBot, sheet_step: SheetStep) -> None:
    before = sheet_step.pdf_bytes
    pages_before = sheet_step.document.pageCount()
    with qtbot.waitSignal(sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        sheet_step.large_print.setChecked(True)
        sheet_step.leave_out_personal.setChecked(True)  # two clicks, one render after the last
    assert sheet_step.pdf_bytes != before
    assert sheet_step.document.pageCount() >= pages_before
    assert "Margaret Lee" not in _text(sheet_step.pdf_bytes)

    with qtbot.waitSignal(sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        sheet_step.kind_buttons["checklist"].click()  # the kind whose parts can be chosen
        for section, box in sheet_step.section_boxes.items():
            box.setChecked(section == "summary")
    assert sheet_step.document.pageCount() < pages_before or sheet_step.document.pageCount() == 1


def test_save_as_writes_the_pdf(
    qtbot: QtBot, sheet_step: SheetStep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "for the clinic.pdf"
    suggested: list[Path] = []

    def choose(cls: type, parent: QWidget | None, proposal: Path) -> Path:
        suggested.append(proposal)
        return target

    monkeypatch.setattr(SaveDialog, "ask", classmethod(choose))
    qtbot.mouseClick(sheet_step.save_button, Qt.MouseButton.LeftButton)

    assert suggested and suggested[0].suffix == ".pdf" and suggested[0].stem.endswith(" - Doctor copy")
    assert target.read_bytes() == sheet_step.pdf_bytes
    assert "Walk without a stick" in _text(target)


def test_save_as_to_a_folder_that_cannot_be_written_says_so(
    qtbot: QtBot, sheet_step: SheetStep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    target = not_a_folder / "sheet.pdf"
    monkeypatch.setattr(SaveDialog, "ask", classmethod(lambda cls, parent, proposal: target))
    window = sheet_step.window()

    qtbot.mouseClick(sheet_step.save_button, Qt.MouseButton.LeftButton)  # raises nothing

    message = window.banner.message
    assert str(target) in message or str(not_a_folder) in message
    assert "Traceback" not in message and "\n" not in message
    assert not target.exists()


def test_print_draws_every_page_into_the_printer(
    qtbot: QtBot, sheet_step: SheetStep, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed = tmp_path / "printed.pdf"

    def to_file(cls: type, parent: QWidget | None, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(PrintDialog, "ask", classmethod(to_file))
    with qtbot.waitSignal(sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        sheet_step.kind_buttons["checklist"].click()
        for section, box in sheet_step.section_boxes.items():  # a few pages, to print quickly
            box.setChecked(section in ("summary", "documents"))
    qtbot.mouseClick(sheet_step.print_button, Qt.MouseButton.LeftButton)

    assert len(PdfReader(printed).pages) == sheet_step.document.pageCount()
    assert printed.stat().st_size > 10_000  # pages of pixels, not blank pages


def test_essential_only_shortens_the_preview(qtbot: QtBot, sheet_step: SheetStep) -> None:
    assert not sheet_step.essential_only.isEnabled()  # the doctor copy is already short
    with qtbot.waitSignal(sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        sheet_step.kind_buttons["checklist"].click()
    pages_before = sheet_step.document.pageCount()
    with qtbot.waitSignal(sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        qtbot.mouseClick(sheet_step.essential_only, Qt.MouseButton.LeftButton)
    assert sheet_step.options().essential_only
    assert sheet_step.document.pageCount() < pages_before


def test_the_three_kinds_are_offered_and_the_doctor_copy_comes_first(qtbot: QtBot, sheet_step: SheetStep) -> None:
    assert list(sheet_step.kind_buttons) == ["doctor", "notebook", "checklist"]
    assert sheet_step.options().kind == "doctor"
    doctor_pages = sheet_step.document.pageCount()
    doctor_text = _text(sheet_step.pdf_bytes)
    assert "의사 선생님께 드리는 질문" in doctor_text and "Red flag" not in doctor_text
    # Only the parts the kind prints are offered; the doctor copy has none to leave out.
    assert not sheet_step.section_boxes["summary"].isVisibleTo(sheet_step)
    with qtbot.waitSignal(sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        sheet_step.kind_buttons["notebook"].click()
    assert "My notebook" in _text(sheet_step.pdf_bytes)
    assert sheet_step.section_boxes["red_flags"].isVisibleTo(sheet_step)
    assert not sheet_step.section_boxes["summary"].isVisibleTo(sheet_step)
    assert sheet_step.document.pageCount() != doctor_pages


def test_a_doctor_copy_with_no_question_picked_says_so_beside_the_preview(
    qtbot: QtBot, sheet_step: SheetStep, store: Store
) -> None:
    assert "no questions" not in sheet_step.state.text()
    store.set_question_picks(sheet_step.profile_id, [])
    with qtbot.waitSignal(sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        sheet_step.enter()
    assert sheet_step.state.text().startswith("Preview: ")
    assert "This doctor copy has no questions" in sheet_step.state.text()
    with qtbot.waitSignal(sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        sheet_step.kind_buttons["checklist"].click()  # the checklist holds every question: nothing to say
    assert "no questions" not in sheet_step.state.text()


def test_the_clinic_choice_gives_one_clinics_doctor_copy(qtbot: QtBot, sheet_step: SheetStep, store: Store) -> None:
    store.add_clinic(sheet_step.profile_id, "Second Clinic (fictional)")
    with qtbot.waitSignal(sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        sheet_step.enter()
    every = sheet_step.document.pageCount()
    assert "It holds a copy for each of 2 clinics: give each clinic only its own pages." in sheet_step.state.text()
    assert sheet_step.clinic_box.count() >= 2
    with qtbot.waitSignal(sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        sheet_step.clinic_box.setCurrentIndex(1)
    assert sheet_step.options().clinic_id == sheet_step.clinic_box.itemData(1)
    assert sheet_step.document.pageCount() < every
    assert "copy for each" not in sheet_step.state.text()
