"""StemPrep files damaged on purpose, and another StemPrep holding one open.

Shared by the storage, start-up and recovery tests, which all need the same two
situations a real user meets: pages of the file overwritten (as a failing disk or a
pulled cable leaves them) and a second StemPrep that already holds the writer's lock.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from db.lock import lock_path

#: StemPrep's SQLite page size.
PAGE = 4096


def scribble(path: Path, pages: Iterable[int]) -> None:
    """Overwrite whole pages (numbered from 1, as SQLite numbers them) with a pattern no page holds."""
    data = bytearray(path.read_bytes())
    for page in pages:
        for i in range((page - 1) * PAGE, page * PAGE):
            data[i] = (i * 131 + 7) & 0xFF
    path.write_bytes(bytes(data))


def damage_middle(path: Path) -> None:
    """Scribble over pages 5 to 9, in the middle of a file of some size, as a failing disk would."""
    assert path.stat().st_size > 12 * PAGE, "the file is too small to damage realistically"
    scribble(path, range(5, 10))


def pages_of(path: Path, table: str) -> list[int]:
    """The pages of `table` in the order SQLite walks its tree: the root first."""
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", [table])]


@contextmanager
def held_by_another_stemprep(db_path: Path) -> Iterator[None]:
    """Another process holds StemPrep's writer's lock on `db_path` while the block runs."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('ready', flush=True); sys.stdin.read()",
         str(lock_path(db_path))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield
    finally:
        holder.communicate("")
