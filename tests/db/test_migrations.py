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


def test_m009_adds_empty_tallies_to_a_file_with_patients_which_are_then_counted(db_path: Path) -> None:
    """A file from before tallies keeps its patients; their tallies are missing, so all are counted."""
    db = Database(db_path)
    migrations.apply(db, stop_before="m009_profile_tallies")
    stamp = "2026-05-01T10:00:00+00:00"
    db.execute(
        "INSERT INTO profiles (id, name, condition, uid, created_at, updated_at) VALUES (1, '김영희', 'stroke', 'u1', ?, ?)",
        [stamp, stamp],
    )
    db.execute("INSERT INTO clinics (id, profile_id, name, created_at, updated_at) VALUES (1, 1, 'A', ?, ?)", [stamp, stamp])
    db.execute(
        "INSERT INTO answers (profile_id, clinic_id, question_id, status, value, created_at, updated_at) "
        "VALUES (1, 1, 'cred.legal-route', 'answered', 'none', ?, ?)",
        [stamp, stamp],
    )
    db.conn.commit()
    db.close()

    with Store.open(db_path) as store:
        assert store.database.execute("SELECT count(*) FROM profile_tallies").fetchone()[0] == 0
        assert store.stale_tallies("any content") == [1]
        assert store.profile(1).name == "김영희"
        # The tally is derived data: the layer that knows the rules counts it.
        from app.domain.question_bank import load_question_bank
        from app.domain.worklist import current_tallies

        assert current_tallies(store, load_question_bank(), [1])[1].serious_flags == 1
        assert store.database.execute("SELECT serious_flags FROM profile_tallies").fetchall() == [(1,)]
