"""Before SQLite touches a database path: is it a file StemPrep may use, and how?

`Store.open` asks these questions first, so that a wrong path given with ``--db``
changes nothing: a device or a pipe is never chmod-ed and gets no -journal or .lock
file beside it; a file that may be read but not written is refused for writing
(`DatabaseReadOnly`) before the lock file or SQLite's -wal and -shm exist, so the
caller can open it read-only instead; and -wal/-shm files left read-only by an
earlier attempt are made writable again once the file is.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from pathlib import Path

from db.errors import DatabaseReadOnly, DatabaseUnavailable, explain_sqlite_error
from db.files import kind_of

log = logging.getLogger("stemprep.store")


def check_usable(path: Path) -> bool:
    """Refuse a database path that is not a regular file we may read; True if the file exists.

    Runs before anything is opened or created, so a device, a pipe or a folder given
    with --db is never changed (no chmod, no -journal or .lock file beside it).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise DatabaseUnavailable(f"{path} is a link to a file that does not exist.") from None
        return False
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise DatabaseUnavailable(f"{path} is a link that leads round in a circle, not a StemPrep file.") from None
        if error.errno in (errno.EACCES, errno.EPERM):
            raise DatabaseUnavailable(
                f"StemPrep is not allowed to look inside the folder of {path}. Check the folder's permissions."
            ) from None
        raise explain_sqlite_error(error, path) from error
    if stat.S_ISDIR(info.st_mode):
        raise DatabaseUnavailable(f"{path} is a folder; give the path of a StemPrep file instead.")
    kind = kind_of(info.st_mode)
    if kind is not None:
        raise DatabaseUnavailable(f"{path} is {kind}, not a StemPrep file; give the path of a StemPrep file instead.")
    if not os.access(path, os.R_OK):
        raise DatabaseUnavailable(
            f"StemPrep is not allowed to read {path}. Check the file's permissions: "
            "it should be readable and writable by you."
        )
    return True


def check_writable(path: Path) -> None:
    """Raise `DatabaseReadOnly` if the existing file at `path`, or its folder, cannot be written.

    Checked before the lock file or SQLite's -wal and -shm are created, so trying to
    write a read-only file leaves nothing behind.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(path, os.W_OK):
        raise DatabaseReadOnly(
            f"The StemPrep file {path} is read-only (its permissions, or the disk it is on, do not allow "
            "changes), so it can be looked at but not changed."
        )
    if not os.access(folder, os.W_OK):
        raise DatabaseReadOnly(
            f"The folder {folder} is read-only, so the StemPrep file in it can be looked at but not changed."
        )


def repair_companions(path: Path) -> None:
    """Make stale -wal/-shm files left by an earlier read-only attempt writable again.

    SQLite gives them the main file's permissions; made while the file was read-only,
    they stay read-only after the file is made writable, and every later write would
    fail. The caller holds the writer lock, so no other StemPrep is writing them.
    """
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.is_file() and not os.access(companion, os.W_OK):
            try:
                os.chmod(companion, 0o600)
            except OSError:
                raise DatabaseReadOnly(
                    f"{companion} is left over from an earlier attempt and cannot be changed. "
                    "Close StemPrep, delete that file, and try again."
                ) from None
            log.info("made a stale %s file writable again", suffix)


def make_private_file(path: Path) -> None:
    """Create `path` (and its folder) readable by its owner only, before SQLite touches it.

    SQLite gives its -wal and -shm files the same permissions as the main file, so
    this keeps all three private.
    """
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)
