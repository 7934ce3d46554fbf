"""What every `stemprep` command shares: the one-sentence error, the exit codes, opening the database.

A module of its own so that the commands can live in more than one module without
importing the parser.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from db.errors import DatabaseInUse, DatabaseReadOnly, UserError
from db.location import ENV_VAR, database_path, named_database
from db.store import Store

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_USAGE", "UserError", "open_store", "output_file", "shown_as_text"]


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """The database named by --db / $STEMPREP_DB / the data folder.

    Commands that only read (`read_only`) fall back to reading the file without the
    writer's lock when the window has it open, so they still work beside it. They
    never make a file the user named that is not there (a mistyped --db): they say
    there is none. The data folder's own file is made on first use, by any command.
    """
    path = database_path(args.db)
    if read_only and named_database(args.db) is not None:
        if not os.path.lexists(path):
            raise UserError(f"There is no StemPrep file at {path}; check the name given with --db or {ENV_VAR}.")
        if path.is_file() and path.stat().st_size == 0:
            raise UserError(f"{path} is empty, so it holds no patients; check the name given with --db or {ENV_VAR}.")
    try:
        store = Store.open(path)
    except (DatabaseInUse, DatabaseReadOnly):
        if not read_only:
            raise
        return Store.open(path, read_only=True)
    store.derived_tables_mending = mend_saying_so
    if not read_only:  # a command that writes keeps the search text whole: the conditions' names in it
        from app.domain.question_bank import load_question_bank

        try:
            store.condition_names = load_question_bank().condition_names()
        except BaseException:
            store.close()
            raise
    return store


def mend_saying_so(mend: Callable[[], bool]) -> bool:
    """Make a damaged search index again (see `db.connection`), one sentence on stderr first."""
    print("StemPrep found damage in its search index and is repairing it from your profiles; "
          "this takes a few seconds.", file=sys.stderr, flush=True)
    return mend()


def output_file(
    given: str, recognised: Callable[[Path], bool], what: str, example: str, force: bool, database: Path
) -> Path:
    """The path to write, refused before any work when it must not be written or replaced.

    Devices, pipes, folders and links out of the folder are never written, nor, even
    with --force, the `database` being read or the files SQLite and StemPrep keep
    beside it. An existing file that StemPrep did not write (`recognised` says which
    are its own) is replaced only with --force, so a typo in -o cannot destroy someone's document.
    """
    from db.files import output_target, someone_elses_file
    from db.integrity import COMPANION_SUFFIXES
    from db.lock import lock_path

    path = Path(given).expanduser()
    target = output_target(path, example=example)
    kept = [database, lock_path(database), *(database.with_name(database.name + s) for s in COMPANION_SUFFIXES)]
    if any(_same_file(target, file) for file in kept):
        raise UserError(f"{path} is where StemPrep keeps your patients; choose another name for the {what}.")
    if not force and someone_elses_file(target, recognised):
        raise UserError(
            f"{path} already exists and is not a {what} StemPrep wrote, so it was left as it is. "
            "Choose another name, or add --force to replace it."
        )
    return path


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file: the same path, or links to the same file."""
    if os.path.abspath(one) == os.path.abspath(other):
        return True
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False  # one of them is not there


#: Control characters that would steer a terminal (escape sequences, bells, NULs) if a name
#: or a note held them, as an imported file may: shown as "\ufffd". Line ends and tabs stay.
_STEERING = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)], "\ufffd")


class _TextOnly:
    """A stream that writes what it is given as text: no control character reaches the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_STEERING))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def shown_as_text() -> Iterator[None]:
    """While open, standard output and error show names and notes as text, whatever they hold."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _TextOnly(out), _TextOnly(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
