"""Backups: automatic, rotating, verified copies of the patient's file, and restoring one.

A patient may spend weeks filling in a profile before a trip; one damaged disk sector
should not cost them that. So StemPrep copies the database:

* on start-up and every 30 minutes of editing (`backup_if_due`, called by the GUI;
  a copy is only made if something changed since the newest one),
* before every migration (`Store.open` calls `write_backup`), and
* when asked (``stemprep backup [-o FILE]``).

Copies go to a ``backups`` folder beside the database (owner-only: folder 0700, files
0600) as ``stemprep-YYYYmmdd-HHMMSS.db``, named in local time so a patient can pick
one by date. Each copy is made with SQLite's online backup API (a consistent
snapshot even while another connection writes), written under a temporary name,
checked with ``PRAGMA quick_check``, and only then renamed into place, so a file
with a backup's name is always a whole, checked backup. The newest `backup.keep`
(a setting, default 10) are kept.

Restoring validates the file first (a database, intact, made by StemPrep, not by a
newer version), then sets the current file aside (never deleting it) and puts a
checked copy of the backup in its place.

Backups keep what was deleted after they were taken; that is their purpose, and the
reason they are as private as the database itself.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from db import files, integrity, lock
from db.errors import (
    DatabaseUnavailable,
    FileRefused,
    StorageError,
    UnusableBackup,
    explain_sqlite_error,
)
from db.integrity import Verdict
from db.opening import check_usable
from db.versions import VERSIONS, applied_versions

if TYPE_CHECKING:
    from db.store import Store

log = logging.getLogger("stemprep.backup")

BACKUP_FOLDER = "backups"
KEEP_SETTING = "backup.keep"
DEFAULT_KEEP = 10
DEFAULT_EVERY = timedelta(minutes=30)
_STAMP = "%Y%m%d-%H%M%S"
_PARTIAL = ".partial"
#: A temporary copy older than this was left by a copy that crashed; it is removed.
_STALE_PARTIAL_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file and when it was taken (local time, from its name)."""

    path: Path
    taken: datetime


def backups_folder(database: Path) -> Path:
    """The folder that holds `database`'s backups: ``backups`` beside it."""
    return Path(database).parent / BACKUP_FOLDER


def _prefix(database: Path) -> str:
    # "stemprep.db" -> "stemprep", so files read stemprep-YYYYmmdd-HHMMSS.db; another
    # database in the same folder gets its own prefix and never mixes with these.
    return Path(database).stem or Path(database).name


def _name_pattern(database: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(_prefix(database))}-(\d{{8}}-\d{{6}})(?:-(\d+))?\.db$")


def list_backups(database: Path) -> list[Backup]:
    """`database`'s backups, newest first (unchecked; see `newest_good_backup`)."""
    folder = backups_folder(database)
    pattern = _name_pattern(database)
    found: list[tuple[datetime, int, Path]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            taken = datetime.strptime(match.group(1), _STAMP)
        except ValueError:
            continue
        found.append((taken, int(match.group(2) or 1), Path(entry.path)))
    found.sort(reverse=True)
    return [Backup(path, taken) for taken, _, path in found]


def newest_good_backup(database: Path) -> Path | None:
    """The newest backup of `database` that passes the quick check and is StemPrep's."""
    for backup in list_backups(database):
        try:
            validate_backup(backup.path)
        except StorageError:
            continue
        return backup.path
    return None


# ------------------------------------------------------------------- writing


def write_backup(store: Store, destination: Path | None = None, *, now: datetime | None = None) -> Path:
    """Copy `store`'s database to a new, checked file; returns its path.

    With no `destination` the copy goes to the backups folder and old copies beyond
    `backup.keep` are removed. A `destination` is a file to create (never one that
    exists) or a folder to put the usual name in; it is not rotated.
    """
    moment = now or datetime.now()
    if destination is None:
        folder = backups_folder(store.path)
        _private_folder(folder)
        target = _free_name(folder, store.path, moment)
    else:
        target = Path(destination).expanduser()
        if target.is_dir():
            target = _free_name(target, store.path, moment)
        elif target.exists():
            raise DatabaseUnavailable(f"{target} already exists; StemPrep never overwrites a file, so choose a new name.")
        elif not target.parent.is_dir():
            raise DatabaseUnavailable(f"The folder {target.parent} does not exist; choose a folder that does.")
    _copy_checked(store.connection, target)
    log.info("backup written: %s", target.name if destination is None else "to a chosen file")
    if destination is None:
        rotate(store.path, keep=_keep_setting(store))
    return target


def backup_if_due(store: Store, every: timedelta = DEFAULT_EVERY, *, now: datetime | None = None) -> Path | None:
    """Back up if the newest backup is older than `every` and the data changed since.

    The GUI calls this on start-up and then, while the patient edits, at least every
    `every`; it is cheap when nothing is due. "Changed" is decided by comparing the
    content with the newest backup, so an idle window left open all night does not
    push the useful backups out of the rotation with identical copies.
    Returns the new backup, or None when none was needed.

    Run it off the GUI thread with a Store opened in that thread (a Store is not
    shared between threads); ``Store.open(path, read_only=True)`` is enough.
    """
    moment = now or datetime.now()
    backups = list_backups(store.path)
    if backups:
        newest = backups[0]
        # A backup "from the future" means the clock moved back; do not trust its age.
        if newest.taken <= moment < newest.taken + every:
            return None
        if _same_content(store.connection, newest.path):
            return None
    return write_backup(store, now=moment)


def rotate(database: Path, keep: int = DEFAULT_KEEP) -> list[Path]:
    """Remove all but the newest `keep` backups of `database`; returns what was removed.

    Only files with this database's backup names are touched, plus temporary copies
    left by a backup that crashed more than an hour ago.
    """
    keep = max(1, keep)
    removed: list[Path] = []
    for backup in list_backups(database)[keep:]:
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
            removed.append(backup.path)
    folder = backups_folder(database)
    prefix = _prefix(database)
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            ours = entry.name.startswith(f".{prefix}-") and _PARTIAL in entry.name
            if ours and time.time() - entry.stat().st_mtime > _STALE_PARTIAL_SECONDS:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    if removed:
        log.info("removed %d old backup(s), keeping %d", len(removed), keep)
    return removed


def _keep_setting(store: Store) -> int:
    try:
        return max(1, int(store.setting(KEEP_SETTING, str(DEFAULT_KEEP))))
    except (StorageError, ValueError):
        return DEFAULT_KEEP


def _free_name(folder: Path, database: Path, moment: datetime) -> Path:
    stem = f"{_prefix(database)}-{moment.strftime(_STAMP)}"
    for attempt in range(1, 1000):
        candidate = folder / (f"{stem}.db" if attempt == 1 else f"{stem}-{attempt}.db")
        if not candidate.exists():
            return candidate
    raise DatabaseUnavailable(f"StemPrep could not find a free name for a backup in {folder}.")


def _private_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)
    except OSError as error:
        raise explain_sqlite_error(error, folder) from error


def _copy_checked(source: sqlite3.Connection, target: Path) -> None:
    """Copy `source` to `target` via a temporary file, check the copy, then rename it in.

    Raises `DatabaseUnavailable` (disk full, no permission, a copy that fails its
    check) and leaves no temporary file behind.
    """
    partial = target.with_name(f".{target.name}.{os.getpid()}{_PARTIAL}")
    # One with our process id can only be left by a crash (no live process shares our id).
    _remove_partial(partial)
    try:
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            # A copy of a WAL database is in WAL mode; a backup should be one plain file.
            copy.execute("PRAGMA journal_mode = DELETE").fetchone()
            problems = integrity.quick_check(copy)
        finally:
            copy.close()
        if problems:
            raise DatabaseUnavailable(
                f"The copy StemPrep made at {target} did not pass its check, so it was not kept. "
                "The disk may be failing; try another disk."
            )
        _fsync(partial)
        integrity.rename_without_replacing(partial, target)
        integrity.sync_folder(target.parent)
    except StorageError:
        _remove_partial(partial)
        raise
    except (OSError, sqlite3.Error) as error:
        _remove_partial(partial)
        raise explain_sqlite_error(error, target) from error


def _remove_partial(partial: Path) -> None:
    for suffix in ("", *integrity.COMPANION_SUFFIXES):
        with contextlib.suppress(OSError):
            os.unlink(f"{partial}{suffix}")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _same_content(conn: sqlite3.Connection, backup: Path) -> bool:
    """Whether the live database holds exactly what `backup` holds (schema and rows)."""
    try:
        other = integrity.read_only_connection(backup)
    except sqlite3.Error:
        return False
    try:
        return _content_digest(conn) == _content_digest(other)
    except sqlite3.Error:
        return False
    finally:
        other.close()


def _content_digest(conn: sqlite3.Connection) -> str:
    """A digest of the patient's own tables, schema and rows, independent of page layout.

    The derived tables (the search index, the counts) are left out: they follow from the rest.

    Reads the whole file: a patient's database is a few megabytes at most, and this
    runs at most once per `backup_if_due` interval.
    """
    import hashlib  # here, not at start: it loads OpenSSL, 3.5 MiB

    digest = hashlib.sha256()
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    for name, sql in tables:
        if integrity.is_derived(name):
            continue  # worked out again from the rest (search index, counts): not a change worth a backup
        digest.update(f"{name}\0{sql}\0".encode())
        if str(sql or "").upper().startswith("CREATE VIRTUAL"):
            continue  # its rows live in its shadow tables, which are hashed themselves
        quoted = '"' + str(name).replace('"', '""') + '"'
        for row in sorted(repr(r) for r in conn.execute(f"SELECT * FROM {quoted}")):
            digest.update(row.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
    return digest.hexdigest()


# ----------------------------------------------------------------- restoring


def validate_backup(path: Path) -> None:
    """Raise `UnusableBackup` with one sentence unless `path` is a StemPrep database we can use."""
    path = Path(path)
    if path.is_dir():
        raise UnusableBackup(f"{path} is a folder; give the backup file inside it.")
    try:
        files.refuse_non_file(path)
    except FileRefused as error:
        raise UnusableBackup(str(error)) from error
    if not path.is_file():
        raise UnusableBackup(f"There is no file at {path}.")
    try:
        verdict = integrity.examine(path)
    except StorageError as error:
        raise UnusableBackup(str(error)) from error
    if verdict is Verdict.NOT_A_DATABASE:
        raise UnusableBackup(f"{path} is not a StemPrep backup; it is not a database at all.")
    if verdict is Verdict.DAMAGED:
        raise UnusableBackup(f"{path} is damaged, so it cannot be restored; try an older backup.")
    try:
        with contextlib.closing(integrity.read_only_connection(path)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            applied = set(applied_versions(conn))
    except sqlite3.Error as error:
        raise UnusableBackup(f"{path} cannot be read as a StemPrep backup ({error}).") from error
    if "profiles" not in tables or not applied:
        raise UnusableBackup(f"{path} is a database, but not one StemPrep made.")
    if applied - set(VERSIONS):
        raise UnusableBackup(f"{path} was made by a newer version of StemPrep; update StemPrep to restore it.")


def restore_backup(backup: Path, path: Path) -> Path | None:
    """Put a checked copy of `backup` in place of the database at `path`.

    The current file (if any) is first set aside as ``<name>.before-restore-…`` and
    returned, so restoring the wrong backup loses nothing. Raises `UnusableBackup`
    if `backup` is not usable (nothing is changed then) and `DatabaseInUse` if
    another running StemPrep has `path` open. Close every Store on `path` in this
    process first.
    """
    backup, path = Path(backup).expanduser(), Path(path).expanduser()
    check_usable(path)  # a folder, a device or a pipe is never set aside or replaced
    if path.exists() and backup.exists() and os.path.samefile(backup, path):
        raise UnusableBackup(f"{backup} is the file StemPrep is using now; choose a backup to restore.")
    validate_backup(backup)
    if lock.is_held_here(path):
        raise RuntimeError("Close every Store on the database before restoring a backup over it.")
    folder = path.parent
    if not folder.exists():
        _private_folder(folder)
    with lock.acquire(path):
        staged = folder / f".{path.name}.restoring"
        _remove_partial(staged)  # left by a restore that was interrupted
        try:
            with contextlib.closing(integrity.read_only_connection(backup)) as source:
                _copy_checked(source, staged)
        except sqlite3.Error as error:
            raise explain_sqlite_error(error, backup) from error
        set_aside: Path | None = None
        try:
            if path.exists():
                _checkpoint_if_intact(path)
                set_aside = integrity.set_aside(path, "before-restore")
            integrity.rename_without_replacing(staged, path)
            integrity.sync_folder(folder)
        except OSError as error:
            raise explain_sqlite_error(error, path) from error
        finally:
            _remove_partial(staged)
    log.info("restored a backup%s", " (previous file set aside)" if set_aside else "")
    return set_aside


def _checkpoint_if_intact(path: Path) -> None:
    """Fold a healthy file's WAL into it, so setting it aside moves one complete file.

    A damaged file is left exactly as it is.
    """
    try:
        if integrity.examine(path) is not Verdict.INTACT:
            return
        with contextlib.closing(sqlite3.connect(path, timeout=5.0)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except (StorageError, sqlite3.Error):
        return


# ----------------------------------------------------------------- recovering


def close_without_writing(store: Store) -> None:
    """Close `store` without folding its write-ahead log into the file: a damaged file is set aside as it is.

    SQLite copies the log into the file when its last connection closes; while another
    connection (read-only, opened here) still has the file open, it cannot, so the file
    and its -wal move aside together, unchanged, for whoever tries to recover them.
    """
    holder = integrity.read_only_connection(store.path)
    try:
        store.close()
    finally:
        holder.close()


def recover_damaged(database: Path, newest: Path | None, *, restore: bool) -> Path:
    """Set the damaged file at `database` aside and, with `restore`, put `newest` (a backup) in its place.

    The damaged file and its -wal/-shm are renamed, never deleted, while this process
    holds the writer's lock, so no other StemPrep can have it open as it moves. Without
    `restore` (or without a backup) the place is left empty, and the next opening
    starts a new file. Returns where the damaged file now is. Raises `DatabaseInUse`
    when another StemPrep holds the file (nothing moves then) and `StorageError` when
    the backup cannot be restored (the damaged file is set aside all the same).
    """
    with lock.acquire(database):
        aside = integrity.set_aside_damaged(database)
    if restore and newest is not None:
        restore_backup(newest, database)
    return aside


def taken_at(database: Path, chosen: Path) -> datetime:
    """When `chosen` was taken: from its name when it is one of `database`'s backups, else its file's time."""
    for found in list_backups(database):
        if found.path == chosen:
            return found.taken
    try:
        return datetime.fromtimestamp(chosen.stat().st_mtime)
    except OSError:
        return datetime.now()
