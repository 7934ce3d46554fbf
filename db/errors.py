"""Errors a user can cause or meet, and the storage layer's own.

Each carries one clear sentence meant for a person (shown as-is in the GUI and the
CLI), and those a person meets most (a value that does not fit, a file that is not a
profile) the same sentence in Korean too, which the Korean window shows. `UserError` is the one base both of them catch; every layer's user-facing
error derives from it. Anything else is a bug and should stay loud.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class UserError(Exception):
    """A problem the user can cause or fix; `str(error)` is one readable sentence.

    `korean`, where StemPrep has it, is the same sentence in Korean: the window shows it
    when its language is Korean (the command line speaks English).
    """

    def __init__(self, *args: object, korean: str | None = None) -> None:
        super().__init__(*args)
        self.korean = korean


class StorageError(UserError):
    """A problem with the patient's saved data or its files; `str(error)` is one readable sentence."""


class NotFound(StorageError):
    """An id that does not exist (any more)."""


class InvalidValue(StorageError):
    """A value that does not fit its field (a birth year of 3000, an unknown condition)."""


class DatabaseUnavailable(StorageError):
    """The file cannot be opened or written: read-only, full disk, locked, not a database."""


class DatabaseReadOnly(DatabaseUnavailable):
    """The file can be read but not changed (its permissions, its folder's, or the medium).

    Commands that only read, and the window, then open it read-only instead.
    """


class FileRefused(StorageError):
    """A path StemPrep will not read or write: a device, a pipe, a folder, a link out of its folder."""


class DatabaseDamaged(DatabaseUnavailable):
    """The file is a database, but SQLite's check found damage; nothing was changed in it.

    `backup` is the newest backup that passed the same check, or None. The GUI offers
    to restore it; the CLI prints the `stemprep restore` command.
    """

    def __init__(self, path: Path, backup: Path | None) -> None:
        self.path = path
        self.backup = backup
        if backup is None:
            advice = "There is no good backup of it; keep the file, and move it aside to start a new one."
        else:
            advice = f"The newest good backup is {backup}; restore it to carry on."
        super().__init__(f"The StemPrep file {path} is damaged and was left as it is. {advice}")


class DatabaseInUse(DatabaseUnavailable):
    """Another running StemPrep holds the file for writing (see `db.lock`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"StemPrep is already open in another window (or another program) with {path}. "
            "Close that copy first; only one copy at a time can change it."
        )


class UnusableBackup(StorageError):
    """A file offered for restoring is not a StemPrep database this version can use."""


def _disk_full(path: object) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        f"The disk is full, so StemPrep could not save to {path}. "
        "Free some space and try again; nothing already saved was lost.",
        korean=f"디스크가 가득 차서 파일({path})에 저장하지 못했습니다. 공간을 확보한 뒤 다시 시도하십시오. "
        "이미 저장된 내용은 그대로 있습니다.",
    )


def explain_sqlite_error(error: BaseException, path: object) -> StorageError:
    """Turn a sqlite3 or OS error into a sentence a patient can act on (in Korean too where it is common)."""
    message = str(error).lower()
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return _disk_full(path)
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return DatabaseUnavailable(
                f"StemPrep is not allowed to write to {path}. "
                "Choose a folder you can write to, or ask whoever manages this computer for permission.",
                korean=f"파일({path})에 쓸 권한이 없습니다. 쓸 수 있는 폴더를 고르거나, 이 컴퓨터를 관리하는 분께 "
                "권한을 요청하십시오.",
            )
        return DatabaseUnavailable(f"StemPrep could not use {path}: {error.strerror or error}.")
    if "disk is full" in message or "database or disk is full" in message:
        return _disk_full(path)
    if "readonly" in message or "read-only" in message:
        return DatabaseUnavailable(
            f"The StemPrep file {path} is read-only, so changes cannot be saved. "
            "Check the file's permissions, or open another file.",
            korean=f"StemPrep 파일({path})이 읽기 전용이라 변경 내용을 저장할 수 없습니다. 파일 권한을 확인하거나 "
            "다른 파일을 여십시오.",
        )
    if "locked" in message or "busy" in message:
        return DatabaseUnavailable(
            f"The StemPrep file {path} is busy in another program or another copy of StemPrep. "
            "Close the other copy and try again.",
            korean=f"StemPrep 파일({path})을 다른 프로그램이나 다른 StemPrep 창에서 쓰고 있습니다. "
            "다른 창을 닫고 다시 시도하십시오.",
        )
    if "not a database" in message or "malformed" in message or "file is encrypted" in message:
        return DatabaseUnavailable(
            f"{path} is not a StemPrep database or it is damaged. "
            "Open another file, or restore a backup.",
            korean=f"이 파일({path})은 StemPrep 데이터 파일이 아니거나 손상되었습니다. 다른 파일을 열거나 백업을 "
            "복원하십시오.",
        )
    if "unable to open" in message:
        return DatabaseUnavailable(
            f"StemPrep could not open {path}. Check that the folder exists and that you may write to it.",
            korean=f"StemPrep이 파일({path})을 열지 못했습니다. 폴더가 있는지, 그 폴더에 쓸 권한이 있는지 "
            "확인하십시오.",
        )
    if isinstance(error, sqlite3.IntegrityError):
        return InvalidValue(f"That change does not fit the saved data ({error}).")
    return DatabaseUnavailable(f"StemPrep could not use its file {path} ({error}).")
