"""The quick check reads the patient's own tables; damage in the search index is rebuilt, not refused.

On real files damaged on purpose: the pages of one table are scribbled over, as a
failing disk would, and the file is opened as StemPrep opens it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from db import integrity
from db.errors import DatabaseDamaged, StorageError
from db.integrity import Verdict
from db.search import ProfileQuery
from db.store import Store
from tests.damage import pages_of, scribble


def _fill(db_path: Path) -> None:
    with Store.open(db_path) as store:
        for n in range(300):
            profile = store.create_profile(f"Patient {n} 김민지 Margaret", condition="knee-oa", notes="무릎 " * 60)
            store.add_clinic(profile.id, f"Clinic {n} 서울", city="서울")
        store.create_profile("Tomasz Nowak", condition="stroke")
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("table", ["profile_word_start", "profile_fts_data", "profile_search_text"])
def test_a_damaged_search_index_is_made_again_and_the_file_kept(db_path: Path, table: str) -> None:
    _fill(db_path)
    pages = pages_of(db_path, table)
    assert len(pages) > 3, "the table must span several pages"
    scribble(db_path, pages[:3])  # its root among them: every use of the table meets the damage
    with sqlite3.connect(db_path) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("PRAGMA quick_check").fetchall()  # the whole file is damaged…
    assert integrity.examine(db_path) is Verdict.INTACT  # …but not the patient's own tables

    with Store.open(db_path) as store:  # not refused
        found = store.list_profiles(ProfileQuery(text="nowak"))
        assert [p.name for p in found] == ["Tomasz Nowak"]  # the search works again
        assert store.count_profiles(ProfileQuery(text="ma")) == 300
        assert store.profile_count() == 301
        tomasz = found[0].id
        store.update_profile(tomasz, name="Tomasz Kowalski")
        assert [p.id for p in store.list_profiles(ProfileQuery(text="kowalski"))] == [tomasz]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]  # no page left damaged or unowned


def test_an_edit_that_meets_a_damaged_index_is_saved_after_the_rebuild(db_path: Path) -> None:
    _fill(db_path)
    scribble(db_path, pages_of(db_path, "profile_word_start")[:3])
    with Store.open(db_path) as store:
        [patient] = [p for p in store.list_profiles() if p.name == "Tomasz Nowak"]
        store.update_profile(patient.id, name="Tomasz Nowak-Lee")  # writes the index: meets the damage first
    with Store.open(db_path, read_only=True) as store:
        assert [p.name for p in store.list_profiles(ProfileQuery(text="nowak-lee"))] == ["Tomasz Nowak-Lee"]


@pytest.mark.parametrize("table", ["profiles", "clinics"])
def test_a_damaged_patient_table_is_still_refused_and_left_as_it_was(db_path: Path, table: str) -> None:
    _fill(db_path)
    scribble(db_path, pages_of(db_path, table)[1:3])
    before = _digest(db_path)
    assert integrity.examine(db_path) is Verdict.DAMAGED
    with pytest.raises(DatabaseDamaged):
        Store.open(db_path)
    with pytest.raises(DatabaseDamaged):
        Store.open(db_path, read_only=True)
    assert _digest(db_path) == before


def test_damage_in_both_is_not_hidden_by_a_rebuild(db_path: Path) -> None:
    """With the patient's tables damaged too, meeting the index's damage is not a reason to rebuild."""
    _fill(db_path)
    with Store.open(db_path, check=False) as store:
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        scribble(db_path, pages_of(db_path, "profile_word_start")[:3] + pages_of(db_path, "clinics")[:2])
        with pytest.raises(StorageError):
            store.count_profiles(ProfileQuery(text="ma"))
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'profile_word_start'").fetchone() == (1,)


def test_the_mending_runs_where_it_is_given_on_a_connection_of_its_own(db_path: Path) -> None:
    """The window hands the mending to a worker thread: it must not need the Store's own connection."""
    import threading

    _fill(db_path)
    scribble(db_path, pages_of(db_path, "profile_fts_data")[:3])
    threads: list[str] = []

    def on_another_thread(mend):  # type: ignore[no-untyped-def]
        result: list[bool] = []

        def run() -> None:
            threads.append(threading.current_thread().name)
            result.append(mend())

        thread = threading.Thread(target=run, name="mender")
        thread.start()
        thread.join()
        return result[0]

    with Store.open(db_path) as store:
        store.derived_tables_mending = on_another_thread
        assert [p.name for p in store.list_profiles(ProfileQuery(text="nowak"))] == ["Tomasz Nowak"]
        assert threads == ["mender"]  # once, and not on the thread that met the damage
        assert store.count_profiles(ProfileQuery(text="margaret")) == 300
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_the_command_line_says_one_sentence_while_it_mends(db_path: Path) -> None:
    import os
    import subprocess
    import sys

    _fill(db_path)
    scribble(db_path, pages_of(db_path, "profile_fts_data")[:3])
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "profiles", "--search", "nowak"],
        cwd=root, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Tomasz Nowak" in result.stdout
    [sentence] = result.stderr.strip().splitlines()
    assert sentence.startswith("StemPrep found damage in its search index and is repairing it")


def test_damaged_counts_are_left_out_of_the_check_and_emptied_when_met(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The worklist's counts are derived too: damage in them empties them (they are counted again)."""
    from db.tallies import ProfileTally

    _fill(db_path)
    with Store.open(db_path) as store:
        tallies = [ProfileTally(p.id, p.updated_at, 2, 1, 3) for p in store.list_profiles()]
        assert store.save_tallies("content-1", tallies, read_from="9999") == 301
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = pages_of(db_path, "profile_tallies")
    assert len(pages) > 2, "the table must span several pages"
    scribble(db_path, pages[:2])
    with sqlite3.connect(db_path) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT sum(picked) FROM profile_tallies").fetchall()
    assert integrity.examine(db_path) is Verdict.INTACT  # the counts are not the patient's own

    with Store.open(db_path) as store:
        ids = [p.id for p in store.list_profiles()]
        assert len(store.stale_tallies("content-1")) == 301  # met the damage: emptied, every count is due again
        assert store.fresh_tallies("content-1", ids) == {}
        patient = store.profile(ids[0])
        assert store.save_tallies("content-1", [ProfileTally(patient.id, patient.updated_at, 1, 0, 0)],
                                  read_from="9999") == 1
        assert [p.id for p in store.list_profiles(ProfileQuery(sort="flags"))][0] == patient.id
        [tomasz] = store.list_profiles(ProfileQuery(text="nowak"))
        store.delete_profile(tomasz.id)  # its count goes with it
        assert store.list_profiles(ProfileQuery(text="nowak")) == []
    assert "search index: False, counts: True" in caplog.text  # the search index was not made again for it
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
