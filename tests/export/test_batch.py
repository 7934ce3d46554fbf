"""Printing for many patients: a folder that takes no sheet is one sentence, not one line per patient."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import SheetOptions
from app.export import batch
from app.export.files import SheetExportError, save_pdf
from db.store import Store

FULL = "The disk is full, so StemPrep could not save the sheet. Free some space and try again."


def _patients(store: Store, count: int) -> list[int]:
    return [store.create_profile(f"Patient {n}", condition="knee-oa").id for n in range(count)]


def test_a_folder_that_takes_not_even_the_first_sheet_stops_the_batch_in_one_sentence(
    store: Store, bank: QuestionBank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[Path] = []

    def full(data: bytes, path: Path) -> Path:
        tried.append(path)
        raise SheetExportError(FULL)

    monkeypatch.setattr(batch, "save_pdf", full)
    with pytest.raises(SheetExportError, match="^The disk is full"):
        batch.export_batch(store, bank, _patients(store, 5), tmp_path / "sheets", SheetOptions(kind="doctor"))
    assert len(tried) == 1  # the other four were not even drawn


def test_a_disk_that_fills_half_way_keeps_the_sheets_written_and_lists_the_rest(
    store: Store, bank: QuestionBank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[Path] = []

    def filling(data: bytes, path: Path) -> Path:
        if len(saved) == 2:
            raise SheetExportError(FULL)
        saved.append(save_pdf(data, path))
        return path

    monkeypatch.setattr(batch, "save_pdf", filling)
    ids = _patients(store, 4)
    result = batch.export_batch(store, bank, ids, tmp_path / "sheets", SheetOptions(kind="doctor"))
    assert result.written == saved and all(path.is_file() for path in saved)
    assert result.failed == [(ids[2], FULL), (ids[3], FULL)]
