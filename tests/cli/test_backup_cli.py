"""`stemprep backup` and `stemprep restore` as a patient's helper types them, on real files.

The damaged-database path is the one that matters most: the message must name the
newest good backup and give a restore command that, pasted back as it is, works.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from db.backup import list_backups
from db.store import Store

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("STEMPREP_DEBUG", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, env=full_env, timeout=60
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stemprep: ")
    return lines[0]


def names(path: Path) -> list[str]:
    with Store.open(path, read_only=True) as store:
        return sorted(p.name for p in store.list_profiles())


def make(path: Path, *people: str) -> None:
    with Store.open(path) as store:
        for person in people:
            profile = store.create_profile(person, notes="양측 무릎 " * 400)
            for n in range(12):
                store.add_clinic(profile.id, f"Clinic {n}", notes="상담 메모 " * 200)


def test_backup_writes_a_private_checked_copy_in_the_backups_folder(tmp_path: Path) -> None:
    db = tmp_path / "stemprep.db"
    make(db, "Kim")
    result = run("backup", "--db", str(db))
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.split("Backed up to ", 1)[1].strip())
    assert written.parent == tmp_path / "backups" and written.name.startswith("stemprep-")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert [b.path for b in list_backups(db)] == [written]
    assert names(written) == ["Kim"]


def test_backup_to_a_chosen_file_then_restore_it(tmp_path: Path) -> None:
    db = tmp_path / "stemprep.db"
    make(db, "Kim")
    copy = tmp_path / "usb" / "before-trip.db"
    copy.parent.mkdir()
    assert run("backup", "-o", str(copy), "--db", str(db)).returncode == 0
    with Store.open(db) as store:
        store.create_profile("Added after the backup")

    restored = run("restore", str(copy), "--db", str(db))
    assert restored.returncode == 0, restored.stderr
    assert "kept as" in restored.stdout
    kept = Path(restored.stdout.split("kept as ", 1)[1].strip().rstrip("."))
    assert names(db) == ["Kim"]
    assert names(kept) == ["Added after the backup", "Kim"]  # nothing lost by restoring


def test_restore_uses_the_environment_database_like_every_command(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    make(db, "Kim")
    copy = tmp_path / "copy.db"
    assert run("backup", "-o", str(copy), env={"STEMPREP_DB": str(db)}).returncode == 0
    assert run("restore", str(copy), env={"STEMPREP_DB": str(db)}).returncode == 0
    assert names(db) == ["Kim"]


def test_a_damaged_database_names_the_backup_and_the_command_that_restores_it(tmp_path: Path) -> None:
    db = tmp_path / "my files" / "stemprep.db"  # a space, to prove the command is quoted
    db.parent.mkdir()
    make(db, "Kim", "Lee")
    assert run("backup", "--db", str(db)).returncode == 0
    [good] = list_backups(db)
    data = bytearray(db.read_bytes())
    data[5 * 4096 : 10 * 4096] = bytes((i * 37) & 0xFF for i in range(5 * 4096))
    db.write_bytes(bytes(data))
    damaged = db.read_bytes()

    line = one_line(run("profiles", "--db", str(db)))
    assert "is damaged" in line and good.path.name in line
    command = shlex.split(line.split("restore it with: ", 1)[1])
    assert command[:2] == ["stemprep", "restore"] and Path(command[2]) == good.path
    assert db.read_bytes() == damaged  # reporting it changed nothing

    restored = run(*command[1:])  # exactly what the message said, minus the program name
    assert restored.returncode == 0, restored.stderr
    assert names(db) == ["Kim", "Lee"]
    kept = [
        p for p in db.parent.iterdir()
        if p.name.startswith("stemprep.db.before-restore-") and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file is kept, not deleted


def test_a_damaged_database_without_backups_says_so_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "stemprep.db"
    make(db, "Kim")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    data[5 * 4096 : 10 * 4096] = b"\xff" * (5 * 4096)
    db.write_bytes(bytes(data))
    line = one_line(run("profiles", "--db", str(db)))
    assert "damaged" in line and "no good backup" in line


def test_restore_problems_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "stemprep.db"
    make(db, "Kim")
    assert "There is no file" in one_line(run("restore", str(tmp_path / "missing.db"), "--db", str(db)))
    assert "using now" in one_line(run("restore", str(db), "--db", str(db)))
    assert "stemprep: the following arguments are required" in one_line(run("restore", "--db", str(db)))
    assert names(db) == ["Kim"]
