"""StemPrep's own log: what happened to the file, never what is in it.

When something goes wrong on a patient's computer, a helper needs to know what
StemPrep did (opened the database, migrated it, wrote a backup, met a full disk) —
but the log sits unencrypted in the data folder and may be attached to an email, so
it must never hold health data. The rule for every log call in StemPrep: fixed
messages, ids and counts, file *names* StemPrep chose, and error *type* names. No
patient or clinic names, no answers, no notes, no user-chosen paths, no
``str(error)`` (an `InvalidValue` message can quote what was typed).

Two guards back the rule up here: exceptions are logged as their type and the code
locations of their traceback, without their message; and a full or read-only disk
never turns a log line into a traceback on the screen.

The log is ``<data folder>/logs/stemprep.log``, owner-only (folder 0700, files 0600)
like the database. Once it has passed about 1 MB it is rotated, three old files kept,
when StemPrep next starts: a session writes a few dozen lines, so it cannot fill one
itself, and the standard library's rotating handler (whose module brings `socket` and
`pickle`, 1.1 MiB at every start) is loaded only on the start that rotates.
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path
from types import TracebackType

from db.location import data_folder

LOGGER_NAME = "stemprep"
LOG_FILE = "stemprep.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3

_ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def logs_folder() -> Path:
    """Where the log files live: ``logs`` in the per-user data folder."""
    return data_folder() / "logs"


class _PrivateLogFile(logging.FileHandler):
    """A log file created owner-only, that stays silent when the disk fails it."""

    def _open(self):  # type: ignore[no-untyped-def]  # logging's own signature
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:  # logging's own (camelCase) name
        # The default prints "--- Logging error ---" and a traceback to stderr. A full
        # disk is met (and explained) by the code that writes the patient's data; the
        # log just loses a line.
        return


def _rotate_when_full(path: Path) -> None:
    """Move a log that has passed `MAX_BYTES` aside (keeping `BACKUP_COUNT` old ones), as logging rotates."""
    try:
        if path.stat().st_size < MAX_BYTES:
            return
    except FileNotFoundError:
        return
    import logging.handlers  # only on the start that rotates (see the module)

    rotating = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, delay=True)
    try:
        rotating.doRollover()
    finally:
        rotating.close()


class _PrivateFormatter(logging.Formatter):
    """Formats exceptions as type and code locations only, never their message."""

    def format(self, record: logging.LogRecord) -> str:
        # logging caches the formatted traceback on the record (exc_text), so a handler
        # that ran before ours (pytest's, a debugger's) would hand us the message too.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: _ExcInfo) -> str:  # logging's own (camelCase) name
        kind, _, tb = ei
        lines = [
            f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}'
            for frame in traceback.extract_tb(tb)
        ]
        return "\n".join(["Traceback (most recent call last):", *lines, kind.__name__ if kind else "?"])


def setup_logging(folder: Path | None = None, *, level: int = logging.INFO) -> Path | None:
    """Send StemPrep's log lines to the log file in `folder` (default `logs_folder()`).

    Safe to call again (it replaces its own handler). Returns the log file, or None
    when the folder cannot be written: StemPrep then runs without a log rather than
    not at all.
    """
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if isinstance(handler, _PrivateLogFile):
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)
    logger.propagate = False  # nothing of ours reaches a handler someone else configured
    folder = folder or logs_folder()
    path = folder / LOG_FILE
    try:
        # The data folder above may not exist yet either; it will hold the database,
        # so it is created owner-only too (mkdir's parents=True would not).
        folder.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)
        _rotate_when_full(path)
        handler = _PrivateLogFile(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(_PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    return path


def error_kind(error: BaseException) -> str:
    """What to log about an error: its type name, never its message."""
    return type(error).__name__
