"""Saving a finished sheet: atomically, privately, under a readable name, with one clear sentence when it fails.

Kept apart from the renderer so that the window and the batch code can save and
report errors without importing reportlab at start-up (it costs about half a second
and 16 MiB); reportlab loads only when a sheet is drawn.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from db.errors import FileRefused, UserError
from db.files import read_regular_file, write_atomic

#: Every sheet StemPrep draws names itself in the PDF's Creator field.
PDF_CREATOR_PREFIX = "StemPrep "


class SheetExportError(UserError):
    """The sheet could not be written; `str(error)` is one sentence for the user."""


def save_pdf(data: bytes, path: Path) -> Path:
    """Write `data` to `path` atomically, readable by its owner only; returns the file written.

    The bytes go to a temporary file in the same folder, are flushed to disk, and the
    file is renamed over `path`: a crash or a full disk leaves either the old file or
    the new one, never half of one. Devices, pipes and folders are refused, and so is
    a link that leads out of the folder. Raises `SheetExportError` with a readable sentence.
    """
    try:
        return write_atomic(path, data, what="the sheet", example="sheet.pdf")
    except FileRefused as error:
        raise SheetExportError(str(error)) from error


def is_stemprep_pdf(path: Path) -> bool:
    """Whether the regular file at `path` is a sheet StemPrep wrote (so replacing it loses nothing of the user's).

    Reads at most the first 50 MB (a sheet is far smaller), so a huge file is simply not one.
    """
    try:
        data = read_regular_file(path, limit=50 * 1024 * 1024, start_only=True)
    except FileRefused:
        return False
    return data.startswith(b"%PDF-") and f"/Creator ({PDF_CREATOR_PREFIX}".encode() in data


#: Characters file systems refuse in a name (and control characters).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]+")


def sheet_file_name(profile_id: int, name: str, *, personal_details: bool = True) -> str:
    """A readable, safe file name: "Margaret Lee - 12.pdf", or "profile-12.pdf" without personal details.

    Keeps Korean and other scripts (they are readable), drops characters that file
    systems refuse, and stays short enough for every file system.
    """
    if not personal_details:
        return f"profile-{profile_id}.pdf"
    clean = _UNSAFE.sub(" ", unicodedata.normalize("NFC", name))
    clean = "".join(ch for ch in clean if unicodedata.category(ch)[0] != "C")
    clean = re.sub(r"\s+", " ", clean).strip(" .")[:60].strip(" .")
    return f"{clean} - {profile_id}.pdf" if clean else f"profile-{profile_id}.pdf"
