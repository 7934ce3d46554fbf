"""Migrations: a blank file reaches the newest schema, and migrating twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from db.migrations import all_versions, latest_version, migrations
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
    assert applied == all_versions()
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


def test_m002_indexes_with_the_recipe_it_was_released_with(store: Store) -> None:
    """m002 keeps its own copy of the search line's recipe, whatever the live search does later."""
    from db.migrations import _m002_search_body

    profile = store.create_profile("Kim Min-jun", condition="knee-oa", diagnosis="Worn cartilage 🦵")
    store.add_clinic(profile.id, "Gangnam Joint Clinic", city="서울", treatment="Cartistem")
    assert _m002_search_body(store.database, profile.id) == (
        "kim min-jun | knee-oa | knee osteoarthritis 무릎 골관절염 | worn cartilage 🦵 | "
        "gangnam joint clinic | 서울 | cartistem"
    )
