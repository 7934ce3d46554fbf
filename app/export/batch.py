"""Printing by the dozen: one PDF per profile into a folder, or all of them in one PDF, for facilitators.

Each patient gets the chosen kind of sheet; the doctor copy holds one copy per clinic,
each numbered on its own. The batch is cancellable between sheets and reports progress, so the GUI can run it
on a worker thread and the CLI can print a counter. Each sheet is written through
`save_pdf` (temp file, then rename), so cancelling or failing never leaves a partial
PDF. One bad profile does not stop the batch: it is listed with its reason. A folder
that cannot take the first sheet (read-only, full) stops it, in one sentence, since it
would refuse every other sheet too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import SheetOptions, gather_sheet
from app.export.files import (
    SheetExportError,
    is_stemprep_pdf,
    save_pdf,
    sheet_file_name,
)
from db.errors import StorageError, UserError
from db.files import someone_elses_file
from db.store import Store


@dataclass
class BatchResult:
    """What a batch did: the files written, the profiles that failed and why."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)  # (profile id, reason)
    cancelled: bool = False
    pages: int = 0  # pages written, in all files

    def summary(self) -> str:
        parts = [f"{len(self.written)} sheet{'s' if len(self.written) != 1 else ''} written"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.cancelled:
            parts.append("cancelled before the end")
        return ", ".join(parts) + "."


#: The one file a merged batch writes, in the batch's folder.
MERGED_FILE = "all-sheets.pdf"


def count_pages(
    store: Store,
    bank: QuestionBank,
    profile_ids: Sequence[int],
    options: SheetOptions,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> int | None:
    """How many pages the batch will print (each sheet is laid out once); None if cancelled."""
    from app.export.question_sheet import render_counted

    options = replace(options, clinic_id=None)
    total = 0
    for profile_id in profile_ids:
        if cancelled and cancelled():
            return None
        try:
            total += render_counted(gather_sheet(store, bank, profile_id, options), options)[1]
        except StorageError:
            continue  # the batch lists it as failed, with the reason
    return total


def export_batch(
    store: Store,
    bank: QuestionBank,
    profile_ids: Sequence[int],
    folder: Path,
    options: SheetOptions,
    *,
    merged: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BatchResult:
    """Write one sheet per profile into `folder` (created if needed), or with `merged` all in one file."""
    from app.export.question_sheet import (  # reportlab loads only when drawing
        render_counted,
        render_merged,
    )

    folder = Path(folder)
    try:
        for missing in reversed([f for f in (folder, *folder.parents) if not os.path.lexists(f)]):
            missing.mkdir(mode=0o700)  # owner-only: the files in it are named after patients
    except OSError as error:
        raise SheetExportError(f"StemPrep could not create the folder {folder}: {error.strerror or error}.") from error
    if not folder.is_dir():
        raise SheetExportError(f"{folder} is not a folder; give a folder for the sheets.")
    if merged:
        _refuse_someone_elses(folder / MERGED_FILE)
    options = replace(options, clinic_id=None)
    result = BatchResult()
    total = len(profile_ids)
    sheets = []
    unusable_folder: SheetExportError | None = None
    for done, profile_id in enumerate(profile_ids):
        if cancelled and cancelled():
            result.cancelled = True
            break
        try:
            sheet = gather_sheet(store, bank, profile_id, options)
            if merged:
                sheets.append(sheet)
            else:
                data, pages = render_counted(sheet, options)
                name = store.profile(profile_id).name
                path = folder / sheet_file_name(profile_id, name, personal_details=options.personal_details)
                _refuse_someone_elses(path)
                try:
                    save_pdf(data, path)
                except SheetExportError as error:
                    if result.written:
                        raise  # listed with this patient; the sheets before it were saved
                    unusable_folder = error  # the first sheet could not be saved: nor will any other
                    break
                result.written.append(path)
                result.pages += pages
        except UserError as error:
            result.failed.append((profile_id, str(error)))
        if progress:
            progress(done + 1, total)
    if unusable_folder is not None:
        raise unusable_folder
    if merged and sheets and not result.cancelled:
        _refuse_someone_elses(folder / MERGED_FILE)  # again: a file may have come while the sheets were drawn
        data, result.pages = render_merged(sheets, options)
        path = folder / MERGED_FILE
        save_pdf(data, path)
        result.written.append(path)
    return result


def _refuse_someone_elses(path: Path) -> None:
    """Raise `SheetExportError` when `path` holds a file StemPrep did not write: a batch replaces only its own sheets."""
    if os.path.lexists(path) and (not path.is_file() or someone_elses_file(path, is_stemprep_pdf)):
        raise SheetExportError(
            f"{path.name} is already in {path.parent} and is not a sheet StemPrep wrote, so it was left as it is; "
            "move it, or choose another folder."
        )
