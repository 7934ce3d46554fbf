"""Saving a finished sheet: atomically, privately, with one clear sentence when it fails.

Kept apart from the renderer so that the window and the batch code can save and
report errors without importing reportlab at start-up (it costs about half a second
and 16 MiB); reportlab loads only when a sheet is drawn.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from db.integrity import sync_folder


class SheetExportError(Exception):
    """The sheet could not be written; `str(error)` is one sentence for the user."""


def save_pdf(data: bytes, path: Path) -> None:
    """Write `data` to `path` atomically, readable by its owner only.

    The bytes go to a temporary file in the same folder, are flushed to disk, and the
    file is renamed over `path`: a crash or a full disk leaves either the old file or
    the new one, never half of one. Raises `SheetExportError` with a readable sentence.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise SheetExportError(f"{path} is a folder; give a file name for the sheet, such as sheet.pdf.")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(handle, "wb") as output:
            output.write(data)
            output.flush()
            os.fsync(output.fileno())
        if os.name == "posix":
            os.chmod(temporary, 0o600)
        os.replace(temporary, path)
        temporary = None
        sync_folder(folder)
    except OSError as error:
        raise SheetExportError(_explain_os_error(error, path)) from error
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _explain_os_error(error: OSError, path: Path) -> str:
    if error.errno == errno.ENOSPC:
        return f"The disk is full, so the sheet could not be saved as {path}. Free some space and try again."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"StemPrep is not allowed to write {path}. Choose a folder you can write to."
    if error.errno == errno.ENOENT:
        return f"The folder {path.parent} does not exist. Choose a folder that exists."
    if error.errno == errno.ENAMETOOLONG:
        return f"The file name {path.name} is too long. Choose a shorter name."
    return f"StemPrep could not save the sheet as {path}: {error.strerror or error}."
