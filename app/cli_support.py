"""What every `stemprep` command shares: the one-sentence error, the exit codes, opening the database.

A module of its own so that the commands can live in more than one module without
importing the parser.
"""

from __future__ import annotations

import argparse

from db.errors import DatabaseInUse
from db.location import database_path
from db.store import Store

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A problem the user can fix; the message is printed as it is."""


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """The database named by --db / $STEMPREP_DB / the data folder.

    Commands that only read (`read_only`) fall back to reading the file without the
    writer's lock when the window has it open, so they still work beside it.
    """
    path = database_path(args.db)
    try:
        return Store.open(path)
    except DatabaseInUse:
        if not read_only:
            raise
        return Store.open(path, read_only=True)
