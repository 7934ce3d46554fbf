"""Is the file whole? The quick check on opening, and setting a damaged file aside.

A disk that fails, a sync tool that copies half a file, or a USB stick pulled out
can damage a database in ways SQLite only notices later, page by page. Checking
when the file opens turns that into one clear moment: StemPrep says the file is
damaged, names the newest good backup, and changes nothing. The check uses its own
read-only connection, so even closing it never writes (a read-write connection
would checkpoint the WAL into the damaged file on close).

Nothing here deletes or overwrites a patient's file: a damaged one is renamed to
``stemprep.db.damaged-YYYYmmdd-HHMMSS`` (with its -wal and -shm), and kept.

The check reads the patient's own tables (and their indexes), not the tables derived
from them: the search index (`SEARCH_INDEX_TABLES`, two thirds of the pages at ten
thousand patients) and the worklist's counts (`TALLY_TABLES`, see `db.tallies`). Those are
worked out from the patient's tables, so when SQLite meets damage in them the Store
makes them again (`make_derived_again`: the index refilled, the counts left empty to be
counted again) rather than refusing the file.
"""

from __future__ import annotations

import enum
import errno
import logging
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from db.errors import DatabaseDamaged, DatabaseUnavailable, explain_sqlite_error
from db.files import sync_folder

log = logging.getLogger("stemprep.integrity")
# The library idiom: without `app.logs` set up, StemPrep's log lines go nowhere rather
# than to stderr, where they would break the CLI's one-line errors.
logging.getLogger("stemprep").addHandler(logging.NullHandler())

#: The companions SQLite keeps beside a database, moved together with it.
COMPANION_SUFFIXES: tuple[str, ...] = ("-wal", "-shm", "-journal")

#: The page cache of the quick check's connection, in KiB (SQLite's default is 2,000).
CHECK_CACHE_KIB = 256

#: The search index: tables made from the patient's own, kept up to date by the Store
#: (`db.search`). The full-text table keeps its index in shadow tables named after it.
SEARCH_INDEX_TABLES: tuple[str, ...] = ("profile_search_text", "profile_fts", "profile_word_start")
_FULL_TEXT_SHADOW_PREFIX = "profile_fts_"

#: The worklist's counts per patient (`db.tallies`), counted again from the rest whenever missing.
TALLY_TABLES: tuple[str, ...] = ("profile_tallies",)


class Verdict(enum.Enum):
    """What the quick check found."""

    INTACT = "intact"
    DAMAGED = "damaged"
    NOT_A_DATABASE = "not-a-database"


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that can never change `path` (nor checkpoint its WAL on close).

    A WAL database needs a -shm file even to be read, and SQLite creates it (with a
    -wal) beside the database, with the database's permissions. For a file StemPrep
    may not write (its permissions, a read-only folder, a locked USB stick) that would
    leave read-only -shm/-wal files behind that later stop every write. Nothing can be
    writing such a file through StemPrep, so it is opened as immutable instead, which
    creates nothing, as long as there is no WAL content that would then be skipped.
    A file that may be written is opened read-only in the usual way, so it sees what
    a running StemPrep window commits.
    """
    path = Path(path)
    uri = path.absolute().as_uri()
    folder = path.parent if str(path.parent) else Path(".")
    wal = Path(f"{path}-wal")
    wal_is_empty = not wal.exists() or wal.stat().st_size == 0
    writable = os.access(path, os.W_OK) and os.access(folder, os.W_OK)
    if not writable and wal_is_empty:
        return sqlite3.connect(uri + "?immutable=1", uri=True, timeout=5.0)
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=5.0)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError as error:
        name = getattr(error, "sqlite_errorname", "") or ""
        cannot_open = name.startswith("SQLITE_CANTOPEN") or name == "SQLITE_READONLY_DIRECTORY"
        if cannot_open and wal_is_empty:
            conn.close()
            return sqlite3.connect(uri + "?immutable=1", uri=True, timeout=5.0)
    except sqlite3.DatabaseError:
        pass  # not a database, or damaged: the caller's own query meets it and says which
    return conn


def is_search_index(table: str) -> bool:
    """Whether `table` belongs to the search index (see `SEARCH_INDEX_TABLES`)."""
    return table in SEARCH_INDEX_TABLES or table.startswith(_FULL_TEXT_SHADOW_PREFIX)


def is_tally(table: str) -> bool:
    """Whether `table` holds the worklist's counts (see `TALLY_TABLES`)."""
    return table in TALLY_TABLES


def is_derived(table: str) -> bool:
    """Whether `table` is worked out from the patient's own tables (the search index, the counts)."""
    return is_search_index(table) or is_tally(table)


def _table_names(conn: sqlite3.Connection) -> list[str]:
    return [str(row[0]) for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid")]


def _tables(conn: sqlite3.Connection, *, search_index: bool) -> list[str]:
    names = _table_names(conn)
    if search_index:  # the full-text table itself is virtual: its pages are its shadow tables'
        return [n for n in names if is_search_index(n) and n != "profile_fts"]
    return ["sqlite_schema", *(n for n in names if not is_derived(n))]


def _check_tables(conn: sqlite3.Connection, tables: list[str]) -> list[str]:
    problems: list[str] = []
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        rows = [str(row[0]) for row in conn.execute(f"PRAGMA quick_check({quoted})").fetchall()]
        if rows != ["ok"]:
            problems += rows
    return problems


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """The problems `PRAGMA quick_check` reports in the patient's own tables on `conn` ([] when intact).

    Each table is checked with its indexes (`quick_check(TABLE)`), the schema first; the
    derived tables are left out (see the module docstring). quick_check reads every page of
    a table but skips matching indexes to their tables, so it costs milliseconds on a
    patient's file; ``integrity_check`` is for tests. Damage SQLite cannot read past
    raises `sqlite3.DatabaseError`.
    """
    return _check_tables(conn, _tables(conn, search_index=False))


def _problems(conn: sqlite3.Connection, tables: list[str]) -> list[str]:
    try:
        return _check_tables(conn, tables)
    except sqlite3.DatabaseError as error:
        if _verdict_of(error) is None:
            raise
        return [str(error)]


def search_index_problems(conn: sqlite3.Connection) -> list[str]:
    """What `PRAGMA quick_check` finds in the search index's tables ([] when they are whole)."""
    return _problems(conn, _tables(conn, search_index=True))


def tally_problems(conn: sqlite3.Connection) -> list[str]:
    """What `PRAGMA quick_check` finds in the worklist's counts ([] when they are whole)."""
    return _problems(conn, [n for n in _table_names(conn) if is_tally(n)])


def make_derived_again(
    conn: sqlite3.Connection, *, search_index: bool, tallies: bool, refill: Callable[[sqlite3.Connection], None]
) -> None:
    """Make derived tables again: empty, as the schema has them; the search index then `refill(conn)`-ed.

    The counts are left empty: each patient's is counted again when the worklist needs it.
    A damaged table cannot be dropped (SQLite reads its pages to free them), so its
    entries are taken out of the schema and the same statements run again, in one
    transaction with the refilling; VACUUM then rewrites the file without the pages no
    table owns any more. `conn` must write, outside a transaction, holding the writer lock.
    """

    def again(table: str) -> bool:
        return (search_index and is_search_index(table)) or (tallies and is_tally(table))

    entries = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid").fetchall()
    index = [(kind, name, sql) for kind, name, table, sql in entries if again(str(table))]
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(conn.execute("PRAGMA schema_version").fetchone()[0])
        conn.execute("PRAGMA writable_schema = ON")
        try:
            conn.executemany("DELETE FROM sqlite_schema WHERE name = ?", [(name,) for _, name, _ in index])
            conn.execute(f"PRAGMA schema_version = {version + 1}")  # every connection reads the schema again
        finally:
            conn.execute("PRAGMA writable_schema = OFF")
        conn.execute("PRAGMA writable_schema = RESET")
        for kind, name, sql in index:
            if sql and not (kind == "table" and str(name).startswith(_FULL_TEXT_SHADOW_PREFIX)):
                conn.execute(sql)  # the full-text table makes its own shadow tables again
        if search_index:
            refill(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute("PRAGMA writable_schema = RESET")
        raise
    try:
        conn.execute("VACUUM")
    except sqlite3.OperationalError as error:  # busy: another StemPrep reading; the old pages stay, owned by nothing
        log.warning("the file could not be compacted after making derived tables again (%s)", error)
    log.warning("derived tables were damaged and have been made again (search index: %s, counts: %s)",
                search_index, tallies)


def examine(path: Path) -> Verdict:
    """Check the file at `path` without changing it.

    Raises `DatabaseUnavailable` when the file cannot even be opened for reading
    (missing folder, no permission): that is the environment, not damage.
    """
    try:
        conn = read_only_connection(path)
    except sqlite3.Error as error:
        raise explain_sqlite_error(error, path) from error
    try:
        # The check reads each page once: a small page cache does it as fast, holding
        # ~2 MiB less while it runs.
        conn.execute(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")
        problems = quick_check(conn)
    except sqlite3.DatabaseError as error:
        verdict = _verdict_of(error)
        if verdict is None:
            raise explain_sqlite_error(error, path) from error
        return verdict
    finally:
        conn.close()
    if problems:
        log.warning("quick check found %d problem(s)", len(problems))
        return Verdict.DAMAGED
    return Verdict.INTACT


def ensure_intact(path: Path, newest_good_backup: Callable[[Path], Path | None]) -> None:
    """Raise unless the existing file at `path` passes the quick check; never changes it.

    A damaged file raises `DatabaseDamaged` naming `newest_good_backup(path)`. A file
    that is not a database at all raises `DatabaseUnavailable` ("not a StemPrep
    database": perhaps the wrong file was chosen), unless it has StemPrep backups
    beside it, in which case it was ours and its first page is damaged.
    """
    verdict = examine(path)
    if verdict is Verdict.INTACT:
        return
    backup = newest_good_backup(path)
    if verdict is Verdict.NOT_A_DATABASE and backup is None:
        raise DatabaseUnavailable(
            f"{path} is not a StemPrep database or it is damaged. Open another file, or restore a backup."
        )
    log.warning("the database is damaged (%s); a good backup %s", verdict.value,
                "exists" if backup else "does not exist")
    raise DatabaseDamaged(path, backup)


def damage_in(error: sqlite3.DatabaseError) -> bool:
    """Whether SQLite raised `error` because the file is damaged where it read."""
    return _verdict_of(error) is Verdict.DAMAGED


def _verdict_of(error: sqlite3.DatabaseError) -> Verdict | None:
    name = getattr(error, "sqlite_errorname", "") or ""
    message = str(error).lower()
    if name.startswith("SQLITE_NOTADB") or "not a database" in message:
        return Verdict.NOT_A_DATABASE
    if name.startswith("SQLITE_CORRUPT") or "malformed" in message:
        return Verdict.DAMAGED
    return None


def set_aside_damaged(path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) out of the way; returns its new path.

    The new name is ``<name>.damaged-YYYYmmdd-HHMMSS`` beside it; an existing file
    is never overwritten and nothing is deleted, so it can still be sent for recovery.
    The caller must hold the writer lock (see `db.lock`) or know nothing has it open.
    """
    return set_aside(path, "damaged")


def set_aside(path: Path, label: str, *, now: datetime | None = None) -> Path:
    """Rename `path` and its companions to ``<name>.<label>-YYYYmmdd-HHMMSS[-N]``.

    The main file moves first: if StemPrep stops half-way the data is all under the
    new name, and the companions that stayed behind only hold what was also checkpointed.
    """
    path = Path(path)
    if not path.is_file():
        raise DatabaseUnavailable(f"There is no file at {path} to set aside.")
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    for attempt in range(1, 1000):
        base = f"{path.name}.{label}-{stamp}" + ("" if attempt == 1 else f"-{attempt}")
        targets = [path.with_name(base + suffix) for suffix in ("", *COMPANION_SUFFIXES)]
        if any(t.exists() for t in targets):
            continue
        try:
            rename_without_replacing(path, targets[0])
        except FileExistsError:
            continue
        except OSError as error:
            raise explain_sqlite_error(error, path) from error
        for suffix, target in zip(COMPANION_SUFFIXES, targets[1:], strict=True):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                try:
                    rename_without_replacing(companion, target)
                except OSError as error:
                    raise explain_sqlite_error(error, companion) from error
        sync_folder(path.parent)
        log.info("set a database aside as %s", targets[0].name)
        return targets[0]
    raise DatabaseUnavailable(f"StemPrep could not find a free name to set {path} aside.")


def rename_without_replacing(source: Path, target: Path) -> None:
    """Rename `source` to `target`, raising FileExistsError rather than overwriting.

    POSIX rename() silently replaces; link() then unlink() does not. Windows' rename
    already refuses. Filesystems without hard links (FAT on a USB stick) fall back to
    check-then-rename, which is only racy against ourselves.
    """
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        os.rename(source, target)
        return
    try:
        os.link(source, target)
    except OSError as error:
        if error.errno in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            if target.exists():
                raise FileExistsError(errno.EEXIST, "File exists", str(target)) from error
            os.rename(source, target)
            return
        raise
    os.unlink(source)
