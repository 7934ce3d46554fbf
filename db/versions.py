"""The schema's versions: the names of the migrations, and which of them a file has.

Opening a file must know whether it needs migrating, but migrating is rare and the
library that migrates (sqlite-utils, with click, dateutil and pluggy) costs a window
a tenth of a second and several MiB at start. So the names are declared here, in
order, where plain `sqlite3` can compare them with the table sqlite-utils keeps of
what it applied;
`db.migrations` registers the migrations themselves under these names (a test checks
that the two agree) and is imported only when something is pending.
"""

from __future__ import annotations

import sqlite3

#: The migration set's name in sqlite-utils' table of applied migrations.
MIGRATION_SET = "stemprep"

#: The table sqlite-utils keeps of the migrations it applied.
MIGRATIONS_TABLE = "_sqlite_migrations"

#: Every migration's name, in the order they apply; a new one goes at the end.
VERSIONS: tuple[str, ...] = (
    "m001_initial",
    "m002_profile_search",
    "m003_profile_uid",
    "m004_recent_index",
    "m005_consultation",
    "m006_travel_months",
    "m007_condition_unset",
    "m008_search_prefix",
    "m009_profile_tallies",
)


def latest_version() -> str:
    """The name of the newest migration: the schema version this code writes."""
    return VERSIONS[-1]


def all_versions() -> list[str]:
    """Every migration's name, in the order they apply (all pending on an empty database)."""
    return list(VERSIONS)


def applied_versions(conn: sqlite3.Connection) -> list[str]:
    """The migrations applied to the file behind `conn`, in the order they were; read only."""
    known = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not known:
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
    ).fetchall()
    return [str(row[0]) for row in rows]


def pending_versions(conn: sqlite3.Connection) -> list[str]:
    """The migrations the file behind `conn` still needs, in order; read only."""
    applied = set(applied_versions(conn))
    return [name for name in VERSIONS if name not in applied]
