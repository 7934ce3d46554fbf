"""Settings → Agency details…: saved under the same settings as the command line and printed in the preview's footer."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from gui_helpers import profile_with_clinic
from pypdf import PdfReader
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.facilitator import FACILITATOR_SETTINGS, FacilitatorDetails
from app.domain.question_bank import QuestionBank
from app.gui.facilitator_dialog import FacilitatorDialog
from app.gui.main_window import MainWindow
from db.store import Store

RENDER_TIMEOUT_MS = 20_000

AGENCY = FacilitatorDetails(agency="Seoul Care Travel", registration="2026-서울-0417", contact="+82 2 555 0101")


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _agency_action(window: MainWindow) -> QAction:
    action = window.findChild(QAction, "agencyDetailsAction")
    assert action is not None and action in window.settings_menu.actions()
    return action


def test_agency_details_are_saved_and_printed_in_the_preview(
    qtbot: QtBot,
    store: Store,
    bank: QuestionBank,
    make_window: Callable[[], MainWindow],
    reopen: Callable[[], Store],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile_with_clinic(store, bank)
    window = make_window()
    with qtbot.waitSignal(window.sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        window.go_to_step(MainWindow.SHEET)
    assert AGENCY.agency not in _pdf_text(window.sheet_step.pdf_bytes or b"")

    offered: list[FacilitatorDetails] = []

    def edit(cls: type, parent: QWidget | None, details: FacilitatorDetails) -> FacilitatorDetails:
        offered.append(details)
        return AGENCY

    monkeypatch.setattr(FacilitatorDialog, "edit", classmethod(edit))
    # Saving while the sheet is on screen draws the preview again, with the footer.
    with qtbot.waitSignal(window.sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        _agency_action(window).trigger()

    assert offered == [FacilitatorDetails("", "", "")]
    with reopen() as disk:  # the same keys `stemprep facilitator` writes
        assert {key: disk.setting(setting) for key, setting in FACILITATOR_SETTINGS.items()} == {
            "agency": AGENCY.agency, "registration": AGENCY.registration, "contact": AGENCY.contact,
        }
    text = _pdf_text(window.sheet_step.pdf_bytes or b"")
    assert AGENCY.agency in text and AGENCY.registration in text
    assert "Seoul Care Travel" in window.statusBar().currentMessage()

    # The dialog opens with what is saved; an empty agency name prints none.
    cleared = FacilitatorDetails("", AGENCY.registration, AGENCY.contact)
    monkeypatch.setattr(
        FacilitatorDialog, "edit", classmethod(lambda cls, parent, details: offered.append(details) or cleared)
    )
    with qtbot.waitSignal(window.sheet_step.preview_ready, timeout=RENDER_TIMEOUT_MS):
        _agency_action(window).trigger()
    assert offered[-1] == AGENCY
    assert AGENCY.registration not in _pdf_text(window.sheet_step.pdf_bytes or b"")


def test_cancelling_the_dialog_changes_nothing(
    store: Store, window: MainWindow, monkeypatch: pytest.MonkeyPatch, reopen: Callable[[], Store]
) -> None:
    store.set_setting(FACILITATOR_SETTINGS["agency"], "Kept Agency")
    monkeypatch.setattr(FacilitatorDialog, "edit", classmethod(lambda cls, parent, details: None))
    _agency_action(window).trigger()
    with reopen() as disk:
        assert disk.setting(FACILITATOR_SETTINGS["agency"]) == "Kept Agency"


def test_the_dialog_shows_the_saved_details_and_returns_them_trimmed(qtbot: QtBot) -> None:
    dialog = FacilitatorDialog(AGENCY)
    qtbot.addWidget(dialog)
    assert (dialog.agency.text(), dialog.registration.text(), dialog.contact.text()) == (
        AGENCY.agency, AGENCY.registration, AGENCY.contact,
    )
    dialog.agency.setText("  New Agency  ")
    assert dialog.details() == FacilitatorDetails("New Agency", AGENCY.registration, AGENCY.contact)
    for field in (dialog.agency, dialog.registration, dialog.contact):
        assert field.accessibleName()
