"""One writer per database: the lock that stops two running StemPrep copies editing one file.

SQLite alone would let two copies write in turn, each silently overwriting what the
other showed on screen ("last save wins"). So the process that opens a database for
writing holds an exclusive advisory lock on ``stemprep.db.lock`` beside it
(``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows). The operating system
drops the lock when the process ends, however it ends, so a crash never leaves a
stale lock behind and the file is never deleted.

The policy:

* One *process* writes. A second process asking to write gets `DatabaseInUse`.
* Inside that process any number of `Store`s may be open on the file (the GUI opens
  one per thread), so the lock is counted per process and released when the last
  one closes.
* Reading needs no lock: ``Store.open(path, read_only=True)`` (and so
  ``stemprep backup``) works while the GUI is open, because WAL lets readers see
  the last committed state while another process writes.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from db.errors import DatabaseInUse, explain_sqlite_error

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

log = logging.getLogger("stemprep.lock")

LOCK_SUFFIX = ".lock"


def lock_path(database: Path) -> Path:
    """The lock file that guards `database` (``stemprep.db`` → ``stemprep.db.lock``)."""
    return database.with_name(database.name + LOCK_SUFFIX)


@dataclass
class _Held:
    fd: int
    count: int = 0


# Process-wide by necessity, not convenience: the OS lock belongs to the process, and
# a second flock() on a fresh descriptor in the same process would conflict with our
# own lock. So every Store in this process shares one descriptor per lock file.
_HELD: dict[Path, _Held] = {}
_GUARD = threading.Lock()


@dataclass
class WriterLock:
    """This process's claim to write one database; `release()` once when done."""

    path: Path
    _released: bool = field(default=False, repr=False)

    def release(self) -> None:
        """Give up this claim; the OS lock goes when the last claim in the process does."""
        with _GUARD:
            if self._released:
                return
            self._released = True
            held = _HELD.get(self.path)
            if held is None:
                return
            held.count -= 1
            if held.count == 0:
                del _HELD[self.path]
                _unlock(held.fd)
                os.close(held.fd)

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire(database: Path) -> WriterLock:
    """Claim `database` for writing by this process.

    Raises `DatabaseInUse` if another process holds it, or `DatabaseUnavailable` with
    a readable sentence if the lock file cannot be created (a read-only folder).
    """
    path = lock_path(database).absolute()
    with _GUARD:
        held = _HELD.get(path)
        if held is None:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as error:
                raise explain_sqlite_error(error, database) from error
            try:
                if os.name == "posix":
                    os.fchmod(fd, 0o600)
                if not _try_lock(fd):
                    raise DatabaseInUse(database)
            except BaseException:
                os.close(fd)
                raise
            _note_owner(fd)
            held = _HELD[path] = _Held(fd)
        held.count += 1
    return WriterLock(path)


def is_held_here(database: Path) -> bool:
    """Whether this process holds `database` for writing (some Store on it is open)."""
    with _GUARD:
        return lock_path(database).absolute() in _HELD


def is_locked_elsewhere(database: Path) -> bool:
    """Whether another process holds `database` for writing right now."""
    path = lock_path(database).absolute()
    with _GUARD:
        if path in _HELD:
            return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


def _note_owner(fd: int) -> None:
    """Write our process id into the lock file, to help someone diagnose "already open".

    Best effort only: the lock is the flock, not the contents, so a full disk here
    must not stop StemPrep from opening.
    """
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
    except OSError:
        pass


if os.name == "nt":  # pragma: no cover - exercised on Windows only

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as error:
            # Some network filesystems cannot lock at all. Refusing to open would lock
            # the patient out of their own file, so carry on without the guard.
            log.warning("the database folder cannot hold a lock (%s)", type(error).__name__)
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
