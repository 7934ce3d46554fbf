"""Backups, the quick check on opening, and restoring: on real files, damaged on purpose.

Every test here guards one promise that nothing is lost: a backup is whole, checked
and private; old ones rotate out but nothing else is touched; a damaged file is
reported, named with its newest good backup, and never changed until the patient
chooses; recovering sets it aside whole; restoring keeps the file it replaces.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from db import backup, integrity
from db.backup import (
    backup_if_due,
    backups_folder,
    list_backups,
    restore_backup,
    write_backup,
)
from db.errors import (
    DatabaseDamaged,
    DatabaseInUse,
    DatabaseUnavailable,
    UnusableBackup,
)
from db.integrity import Verdict, set_aside, set_aside_damaged
from db.store import Store
from tests.damage import damage_middle, held_by_another_stemprep

FIXTURES = Path(__file__).parent / "fixtures"
T0 = datetime(2026, 3, 1, 9, 0, 0)


def fill(store: Store, clinics: int = 40) -> None:
    """Enough rows to span many pages, so damage in the middle hits real data."""
    profile = store.create_profile("김민지 Kim Min-ji", condition="knee-oa", notes="무릎 " * 500)
    for n in range(clinics):
        clinic = store.add_clinic(profile.id, f"Clinic {n}", city="서울", notes="n" * 1500)
        store.save_answer(clinic.id, "cred.registered", value="yes", text="등록되어 있습니다")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


# ------------------------------------------------------------------ writing


def test_a_backup_is_a_whole_checked_private_single_file(store: Store, db_path: Path) -> None:
    fill(store, clinics=3)
    written = write_backup(store, now=T0)
    assert written == db_path.parent / "backups" / "stemprep-20260301-090000.db"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in written.parent.iterdir()) == [written.name]  # no temp, no -wal
    with sqlite3.connect(written) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    query = "SELECT name, notes FROM profiles UNION ALL SELECT name, notes FROM clinics"
    assert rows(written, query) == rows(db_path, query)


def test_two_backups_in_one_second_do_not_overwrite(store: Store) -> None:
    first = write_backup(store, now=T0)
    store.create_profile("Later")
    second = write_backup(store, now=T0)
    assert first != second and first.exists() and second.exists()
    assert rows(second, "SELECT count(*) FROM profiles") == [(1,)]
    assert [b.path for b in list_backups(store.path)] == [second, first]


def test_rotation_keeps_the_newest_and_touches_nothing_else(store: Store, db_path: Path) -> None:
    store.set_setting(backup.KEEP_SETTING, "3")
    folder = backups_folder(db_path)
    folder.mkdir(mode=0o700)
    strangers = [folder / "notes.txt", folder / "other-20200101-000000.db", folder / "stemprep-old.db"]
    for path in strangers:
        path.write_text("not ours to delete")
    written = [write_backup(store, now=T0 + timedelta(hours=h)) for h in range(5)]
    assert [b.path for b in list_backups(db_path)] == written[:1:-1]
    assert all(p.exists() for p in strangers)


def test_a_copy_that_fails_its_check_is_not_kept(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(integrity, "quick_check", lambda conn: ["*** in database main ***"])
    with pytest.raises(DatabaseUnavailable, match="did not pass its check"):
        write_backup(store, now=T0)
    assert list(backups_folder(db_path).iterdir()) == []


def test_a_backup_interrupted_half_way_leaves_no_file_with_a_backups_name(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if StemPrep were killed after copying but before the rename: only a hidden temp remains."""

    def killed(conn: sqlite3.Connection) -> list[str]:
        raise KeyboardInterrupt  # not caught by the cleanup, like a real kill

    monkeypatch.setattr(integrity, "quick_check", killed)
    with pytest.raises(KeyboardInterrupt):
        write_backup(store, now=T0)
    monkeypatch.undo()
    left = [p.name for p in backups_folder(db_path).iterdir()]
    assert left and all(name.startswith(".") and ".partial" in name for name in left)
    assert list_backups(db_path) == []
    # A temporary copy left by a crash is cleared once it is old.
    stale = backups_folder(db_path) / left[0]
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    fresh = backups_folder(db_path) / ".stemprep-20990101-000000.db.1.partial"
    fresh.write_bytes(b"another copy being written right now")
    write_backup(store, now=T0)
    assert not stale.exists() and fresh.exists()


def test_backup_to_a_chosen_file_never_overwrites(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "kim.db"
    target.parent.mkdir()
    assert write_backup(store, target) == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    before = digest(target)
    with pytest.raises(DatabaseUnavailable, match="never overwrites"):
        write_backup(store, target)
    assert digest(target) == before
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        write_backup(store, tmp_path / "no" / "such" / "folder.db")
    into_folder = write_backup(store, target.parent, now=T0)
    assert into_folder == target.parent / "stemprep-20260301-090000.db"


def test_backup_if_due_on_start_up_and_after_half_an_hour_of_editing(store: Store) -> None:
    first = backup_if_due(store, now=T0)  # start-up with no backup yet
    assert first is not None
    assert backup_if_due(store, now=T0 + timedelta(minutes=5)) is None
    store.create_profile("Edited")
    assert backup_if_due(store, now=T0 + timedelta(minutes=29)) is None  # not yet due
    second = backup_if_due(store, now=T0 + timedelta(minutes=31))
    assert second is not None and second != first
    # Left open all night with no edits: no identical copies pushing out the real ones.
    assert backup_if_due(store, now=T0 + timedelta(hours=9)) is None
    assert len(list_backups(store.path)) == 2


def test_backup_if_due_does_not_trust_a_backup_from_the_future(store: Store) -> None:
    assert backup_if_due(store, now=T0 + timedelta(days=1)) is not None
    store.create_profile("After the clock went back")
    assert backup_if_due(store, now=T0) is not None


# --------------------------------------------------------- migration backup


def _copy_fixture(tmp_path: Path, name: str = "schema-m001.db") -> Path:
    path = tmp_path / "stemprep.db"
    shutil.copyfile(FIXTURES / name, path)
    return path


def test_an_existing_file_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    path = _copy_fixture(tmp_path)
    old_tables = {r[0] for r in rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    with Store.open(path) as store:
        assert store.profile_count() > 0
    [taken] = list_backups(path)
    tables = {r[0] for r in rows(taken.path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == old_tables  # the backup holds the schema from before the migration
    assert rows(taken.path, "SELECT name FROM profiles ORDER BY id") == rows(path, "SELECT name FROM profiles ORDER BY id")
    with Store.open(path):
        pass
    assert len(list_backups(path)) == 1  # nothing pending the second time, so no backup


def test_no_migration_without_its_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy_fixture(tmp_path)
    before = rows(path, "SELECT name FROM _sqlite_migrations")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise DatabaseUnavailable("The disk is full, so StemPrep could not save to the backups folder.")

    monkeypatch.setattr(backup, "_copy_checked", disk_full)
    with pytest.raises(DatabaseUnavailable, match="disk is full"):
        Store.open(path)
    assert rows(path, "SELECT name FROM _sqlite_migrations") == before


def test_a_new_file_is_not_backed_up(db_path: Path) -> None:
    Store.open(db_path).close()
    assert list_backups(db_path) == []


# ---------------------------------------------------------------- damage


def test_a_damaged_file_names_the_newest_good_backup_and_is_not_changed(db_path: Path) -> None:
    with Store.open(db_path) as store:
        fill(store)
        good = write_backup(store, now=T0)
        bad = write_backup(store, now=T0 + timedelta(hours=1))
    damage_middle(bad)  # the newest backup is damaged too: it must be skipped
    damage_middle(db_path)
    before = digest(db_path)
    with pytest.raises(DatabaseDamaged) as raised:
        Store.open(db_path)
    assert raised.value.path == db_path and raised.value.backup == good
    assert str(good) in str(raised.value)
    assert digest(db_path) == before
    assert integrity.examine(db_path) is Verdict.DAMAGED
    with pytest.raises(DatabaseDamaged):  # reading it is refused the same way
        Store.open(db_path, read_only=True)


def test_a_damaged_file_without_backups_says_so(db_path: Path) -> None:
    with Store.open(db_path) as store:
        fill(store)
    damage_middle(db_path)
    with pytest.raises(DatabaseDamaged) as raised:
        Store.open(db_path)
    assert raised.value.backup is None
    assert "no good backup" in str(raised.value)


def test_a_file_whose_first_page_is_gone_is_damaged_if_it_had_backups(db_path: Path) -> None:
    with Store.open(db_path) as store:
        fill(store, clinics=2)
        good = write_backup(store, now=T0)
    data = bytearray(db_path.read_bytes())
    data[:100] = b"\0" * 100
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged) as raised:
        Store.open(db_path)
    assert raised.value.backup == good


def test_set_aside_renames_with_companions_and_never_overwrites(db_path: Path, tmp_path: Path) -> None:
    crashed = tmp_path / "crashed.db"
    with Store.open(db_path) as store:
        fill(store, clinics=2)
        # As a crash leaves it: the latest commits are only in the WAL, which must move too.
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{db_path}{suffix}", f"{crashed}{suffix}")
    moment = datetime(2026, 5, 4, 3, 2, 1)
    first = set_aside(crashed, "damaged", now=moment)
    assert first.name == "crashed.db.damaged-20260504-030201"
    assert (first.parent / (first.name + "-wal")).exists()
    assert not crashed.exists() and not Path(f"{crashed}-wal").exists()
    assert rows(first, "SELECT count(*) FROM clinics") == [(2,)]
    crashed.write_bytes(b"second")
    second = set_aside(crashed, "damaged", now=moment)
    assert second.name == "crashed.db.damaged-20260504-030201-2"
    assert first.exists() and second.read_bytes() == b"second"
    assert set_aside_damaged(second).name.startswith("crashed.db.damaged-20260504-030201-2.damaged-")


# ------------------------------------------------------------------ restore


def test_restore_puts_the_backup_back_and_keeps_the_current_file(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create_profile("Before")
        taken = write_backup(store, now=T0)
        store.create_profile("After the backup")
    kept = restore_backup(taken, db_path)
    assert kept is not None and kept.name.startswith("stemprep.db.before-restore-")
    assert rows(kept, "SELECT name FROM profiles ORDER BY id") == [("Before",), ("After the backup",)]
    with Store.open(db_path) as store:
        assert [p.name for p in store.list_profiles()] == ["Before"]
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert taken.exists()  # restoring copies; the backup stays


def test_restore_over_a_damaged_file_and_into_an_empty_folder(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        fill(store)
        taken = write_backup(store, now=T0)
    damage_middle(db_path)
    damaged = digest(db_path)
    kept = restore_backup(taken, db_path)
    assert kept is not None and digest(kept) == damaged
    with Store.open(db_path) as store:
        assert store.profile_count() == 1
    fresh = tmp_path / "new" / "place" / "stemprep.db"
    assert restore_backup(taken, fresh) is None
    with Store.open(fresh) as store:
        assert store.profile_count() == 1


def _foreign_database(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    return path


def _newer_version(tmp_path: Path, source: Path) -> Path:
    path = tmp_path / "newer.db"
    shutil.copyfile(source, path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('stemprep', 'm999_future', '')"
        )
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp, good: tmp / "missing.db", "There is no file"),
        (lambda tmp, good: tmp, "is a folder"),
        (lambda tmp, good: (tmp / "list.txt", (tmp / "list.txt").write_text("eggs " * 900))[0], "not a database"),
        (lambda tmp, good: _foreign_database(tmp / "recipes.db"), "not one StemPrep made"),
        (lambda tmp, good: (damage_middle(good), good)[1], "is damaged"),
        (_newer_version, "newer version"),
    ],
    ids=["missing", "folder", "text-file", "foreign-db", "damaged", "newer"],
)
def test_restore_refuses_unusable_files_and_changes_nothing(
    db_path: Path, tmp_path: Path, make: object, message: str
) -> None:
    with Store.open(db_path) as store:
        fill(store)
        good = write_backup(store, tmp_path / "good.db")
    offered = make(tmp_path, good)  # type: ignore[operator]
    before = digest(db_path)
    with pytest.raises(UnusableBackup, match=message):
        restore_backup(offered, db_path)
    assert digest(db_path) == before
    assert not [p for p in db_path.parent.iterdir() if "before-restore" in p.name or "restoring" in p.name]


def test_restore_refuses_the_live_file_itself(db_path: Path) -> None:
    Store.open(db_path).close()
    with pytest.raises(UnusableBackup, match="using now"):
        restore_backup(db_path, db_path)


@pytest.mark.parametrize("where", [".", "folder"])
def test_restore_over_a_folder_says_so_and_changes_nothing(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    with Store.open(db_path) as store:
        taken = write_backup(store, tmp_path / "b.db")
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DatabaseUnavailable, match=f"^{where} is a folder; give the path of a StemPrep file instead"):
        restore_backup(taken, Path(where))
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_restore_refuses_while_this_process_has_it_open(store: Store, tmp_path: Path) -> None:
    taken = write_backup(store, tmp_path / "b.db")
    with pytest.raises(RuntimeError, match="Close every Store"):
        restore_backup(taken, store.path)


def test_read_only_open_never_creates_or_writes(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    with pytest.raises(DatabaseUnavailable, match="no StemPrep file"):
        Store.open(missing, read_only=True)
    assert not missing.exists()
    path = tmp_path / "stemprep.db"
    with Store.open(path) as store:
        store.create_profile("Kim")
    with Store.open(path, read_only=True) as reader:
        assert reader.profile_count() == 1
        with pytest.raises(DatabaseUnavailable, match="read-only"):
            reader.create_profile("Lee")


# ------------------------------------------------------------------ recovering a damaged file


def _damaged_with_a_backup(db_path: Path) -> Path:
    """Kim in a backup, Lee added after it, then the live file damaged: returns the backup."""
    with Store.open(db_path) as store:
        fill(store)
        taken = write_backup(store, now=T0)
        store.create_profile("Lee, added after the backup")
    damage_middle(db_path)
    return taken


def test_recovering_with_the_backup_sets_the_damaged_file_aside_whole_and_restores(db_path: Path) -> None:
    taken = _damaged_with_a_backup(db_path)
    damaged = digest(db_path)
    aside = backup.recover_damaged(db_path, taken, restore=True)
    assert aside.name.startswith("stemprep.db.damaged-") and digest(aside) == damaged  # renamed, not deleted
    with Store.open(db_path) as store:
        assert [p.name for p in store.list_profiles()] == ["김민지 Kim Min-ji"]
    assert taken.exists()


def test_recovering_without_restoring_leaves_the_place_empty_for_a_new_file(db_path: Path) -> None:
    taken = _damaged_with_a_backup(db_path)
    damaged = digest(db_path)
    aside = backup.recover_damaged(db_path, taken, restore=False)
    assert digest(aside) == damaged and not db_path.exists()
    assert backup.recover_damaged(aside, None, restore=True).name.startswith(f"{aside.name}.damaged-")
    with Store.open(db_path) as store:
        assert store.profile_count() == 0


def test_recovering_moves_nothing_while_another_stemprep_holds_the_file(db_path: Path) -> None:
    taken = _damaged_with_a_backup(db_path)
    damaged = digest(db_path)
    with held_by_another_stemprep(db_path), pytest.raises(DatabaseInUse):
        backup.recover_damaged(db_path, taken, restore=True)
    assert digest(db_path) == damaged
    assert not [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]


def test_a_backup_is_dated_by_its_name_and_another_file_by_its_time(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        listed = write_backup(store, now=T0)
        elsewhere = write_backup(store, tmp_path / "usb stick.db")
    os.utime(elsewhere, (T0.timestamp() + 3600, T0.timestamp() + 3600))
    assert backup.taken_at(db_path, listed) == T0
    assert backup.taken_at(db_path, elsewhere) == T0 + timedelta(hours=1)


def test_closing_without_writing_leaves_the_write_ahead_log_beside_the_file(db_path: Path, tmp_path: Path) -> None:
    store = Store.open(db_path)
    store.create_profile("Only in the log so far")
    before = digest(db_path)
    backup.close_without_writing(store)
    wal = Path(f"{db_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # not folded into the file
    assert digest(db_path) == before
    other = tmp_path / "other.db"
    with Store.open(other) as plain:
        plain.create_profile("Folded in on closing")
    assert not Path(f"{other}-wal").exists() or Path(f"{other}-wal").stat().st_size == 0
