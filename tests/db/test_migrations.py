"""Migrations: a blank file reaches the newest schema, and migrating twice changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from db import migrations as migrations_module
from db.migrations import migrations
from db.store import Store
from db.versions import VERSIONS, all_versions, applied_versions, latest_version, pending_versions


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
        applied = applied_versions(store.connection)
        assert applied == [m.name for m in migrations.applied(Database(store.connection))]
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
    assert _m002_search_body(store.connection, profile.id) == (
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
        assert store.connection.execute("SELECT count(*) FROM profile_tallies").fetchone()[0] == 0
        assert store.stale_tallies("any content") == [1]
        assert store.profile(1).name == "김영희"
        # The tally is derived data: the layer that knows the rules counts it.
        from app.domain.question_bank import load_question_bank
        from app.domain.worklist import current_tallies

        assert current_tallies(store, load_question_bank(), [1])[1].serious_flags == 1
        assert store.connection.execute("SELECT serious_flags FROM profile_tallies").fetchall() == [(1,)]


def test_the_names_opening_reads_are_the_migrations_registered() -> None:
    """`db.versions` names the migrations for opening without sqlite-utils: it must name each, in order."""
    assert [m.name for m in migrations.pending(Database(memory=True))] == list(VERSIONS)


def test_a_migration_without_its_name_in_the_versions_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(migrations_module, "VERSIONS", VERSIONS[:-1])
    with pytest.raises(RuntimeError, match="does not match"):
        migrations_module.apply_migrations(Database(tmp_path / "any.db"))


def test_pending_is_read_as_sqlite_utils_reads_it(db_path: Path) -> None:
    """Half-way migrated (as an older StemPrep left a file), both say the same migrations are pending."""
    conn = sqlite3.connect(db_path)
    db = Database(conn, execute_plugins=False)
    assert pending_versions(conn) == list(VERSIONS)
    migrations.apply(db, stop_before=VERSIONS[3])
    assert pending_versions(conn) == [m.name for m in migrations.pending(db)] == list(VERSIONS[3:])
    assert applied_versions(conn) == list(VERSIONS[:3])
    conn.close()
    with Store.open(db_path) as store:
        assert pending_versions(store.connection) == []


def test_opening_an_up_to_date_file_does_not_load_sqlite_utils(db_path: Path, tmp_path: Path) -> None:
    """In a fresh interpreter: the migrating library comes only when a migration is pending."""
    import json
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    program = f"""
import json, sys
from db.store import Store
with Store.open({str(db_path)!r}) as store:
    created = "sqlite_utils" in sys.modules
    store.create_profile("Kim")
with Store.open({str(db_path)!r}) as store:
    store.list_profiles()
with Store.open({str(db_path)!r}, read_only=True) as store:
    store.list_profiles()
print(json.dumps({{"created": created, "reopened": "sqlite_utils" in sys.modules}}))
"""
    env = {**os.environ, "PYTHONPATH": str(root)}
    first = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, env=env, capture_output=True,
                           text=True, timeout=60, check=True)
    assert json.loads(first.stdout) == {"created": True, "reopened": True}  # a new file is migrated
    again = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, env=env, capture_output=True,
                           text=True, timeout=60, check=True)
    assert json.loads(again.stdout) == {"created": False, "reopened": False}
