"""The Store's connection to the file: its transactions, its reads, and the errors a user can meet.

A base class of `Store` in a module of its own, so that the Store's module holds its
queries. Every transaction is the Store's own ``BEGIN … COMMIT`` over plain `sqlite3`
(the driver in autocommit), a write nested in another one (`Store.batch`) being a
savepoint of its own; every SQLite or OS error becomes a readable `StorageError`.

When SQLite meets damage in a derived table (the search index or the worklist's counts,
worked out from the patient's own tables and left out of the quick check on opening; see
`db.integrity`), a method marked `mends_derived_tables` has it made again and runs once
more, so a damaged index costs the patient a pause, not the file. Making the index again takes seconds at ten thousand
patients, so it runs on a connection of its own, through `derived_tables_mending`: here
by default; the window runs it on its worker with input held and a sentence on screen,
and the command line says a sentence first.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Self, TypeVar, cast

from db import integrity, lock
from db.errors import StorageError, explain_sqlite_error

log = logging.getLogger("stemprep.store")

#: The savepoint a write nested in another (`Store.batch`) rolls back to on its own.
_NESTED = "store_nested_write"

Method = TypeVar("Method", bound=Callable[..., Any])

#: Runs the mending of damaged derived tables (given as a function returning whether it
#: mended) and returns what that returned.
Mending = Callable[[Callable[[], bool]], bool]


def mend_here(mend: Callable[[], bool]) -> bool:
    """The default `Mending`: on the calling thread."""
    return mend()


def mends_derived_tables(method: Method) -> Method:
    """Mark a Store method that reads or writes a derived table (see the module docstring)."""

    @functools.wraps(method)
    def running(self: StoreConnection, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except StorageError as error:
            if not self._mended_derived_tables(error):
                raise
        return method(self, *args, **kwargs)

    return cast(Method, running)


class StoreConnection:
    """An open connection to a StemPrep file; see the module docstring."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, writer_lock: lock.WriterLock | None = None) -> None:
        # Autocommit at the driver: every transaction is the Store's own BEGIN … COMMIT.
        conn.isolation_level = None
        self._conn = conn
        self.path = path
        self._writer_lock = writer_lock
        #: Where and how damaged derived tables are made again (see the module docstring).
        self.derived_tables_mending: Mending = mend_here

    @property
    def read_only(self) -> bool:
        """Whether this Store only reads (opened with `read_only=True`): every write is refused."""
        return self._writer_lock is None

    def close(self) -> None:
        try:
            self._conn.close()
        finally:
            if self._writer_lock is not None:
                self._writer_lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection, for other modules of `db/` (backups) and tests only."""
        return self._conn

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make several Store calls one transaction: all of them are saved, or none.

        For domain operations such as refreshing the demo or importing a profile;
        the GUI does not use it.
        """
        with self._writing():
            yield

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StorageError:
            raise
        except (OSError, sqlite3.Error) as error:
            raise explain_sqlite_error(error, self.path) from error

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction; environment errors become readable `StorageError`s."""
        with self._errors(), self._transaction():
            yield self._conn

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN … COMMIT, rolled back on any error; inside another, a savepoint of its own."""
        conn = self._conn
        if conn.in_transaction:
            conn.execute(f"SAVEPOINT {_NESTED}")
            try:
                yield
            except BaseException:
                if conn.in_transaction:  # an error can end the whole transaction, savepoints and all
                    conn.execute(f"ROLLBACK TO SAVEPOINT {_NESTED}")
                    conn.execute(f"RELEASE SAVEPOINT {_NESTED}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {_NESTED}")
            return
        conn.execute("BEGIN")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _rows(self, sql: str, params: Mapping[str, Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self._errors():
            cursor = self._conn.execute(sql, params)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]

    # ------------------------------------------------------------ damaged derived tables

    def _refill_search_index(self, conn: sqlite3.Connection) -> None:
        """Index every profile's search text into the emptied index (provided by `Store`)."""
        raise NotImplementedError

    def _mended_derived_tables(self, error: StorageError) -> bool:
        """If `error` came from damage in derived tables alone, make them again; whether it did."""
        cause = error.__cause__
        damaged = isinstance(cause, sqlite3.DatabaseError) and integrity.damage_in(cause)
        if not damaged or self.read_only or self._conn.in_transaction:
            return False  # a batch half-way cannot be rebuilt under; it fails and is tried again
        return self.derived_tables_mending(self._mend_derived_tables)

    def _mend_derived_tables(self) -> bool:
        """Check and make the derived tables again on a connection of its own (any thread); whether it did.

        The Store's own connection stays idle meanwhile (its caller waits for this), and
        reads the new schema when it is next used.
        """
        try:
            conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        except sqlite3.Error:
            log.exception("no connection to make damaged derived tables again")
            return False
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA secure_delete = ON")  # as the Store's: nothing deleted is left readable
            search_index = bool(integrity.search_index_problems(conn))
            tallies = bool(integrity.tally_problems(conn))
            if not (search_index or tallies) or integrity.quick_check(conn):
                return False  # they are whole, or the patient's own tables are damaged too
            integrity.make_derived_again(
                conn, search_index=search_index, tallies=tallies, refill=self._refill_search_index
            )
        except sqlite3.Error:
            log.exception("damaged derived tables could not be made again")
            return False
        finally:
            conn.close()
        return True
