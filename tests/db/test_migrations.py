"""Migrations: a blank file reaches the newest schema, and migrating twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from db.migrations import latest_version, migrations
from db.store import Store


def _schema(path: Path) -> list[tuple[str, str]]:
    db = Database(path)
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE '_sqlite_migrations%' "
        "ORDER BY name"
    ).fetchall()
    db.close()
    return rows


def test_blank_database_gets_every_migration(db_path: Path) -> None:
    with Store.open(db_path) as store:
        applied = [m.name for m in migrations.applied(store.database)]
    assert applied == [m.name for m in migrations._migrations]
    assert applied[-1] == latest_version()
    tables = {name for name, _ in _schema(db_path)}
    assert {"profiles", "clinics", "answers", "custom_questions", "settings"} <= tables


def test_reopening_applies_nothing_and_keeps_data(db_path: Path) -> None:
    with Store.open(db_path) as store:
        profile = store.create_profile("Kim", condition="stroke", mrs=3)
    before = _schema(db_path)
    with Store.open(db_path) as store:
        assert store.migrate() == []
        assert store.profile(profile.id).mrs == 3
    assert _schema(db_path) == before
