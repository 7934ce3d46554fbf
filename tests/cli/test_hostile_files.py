"""Hostile files and folders given to `stemprep`: one sentence, a non-zero exit, nothing harmed.

Each case is built for real in a temporary folder: a pipe (FIFO), a device node
(``mknod``, only possible as root; skipped otherwise, with the reason), a link to a
device, a link that loops, a folder, a link out of the folder, someone's own file, a
read-only database, an unreadable one, and stale ``-shm``/``-wal`` files left by an
earlier attempt. Each is checked the way a user meets it, through the command line:
the exit code, a single ``stemprep: …`` line that says what the thing is, the device
or pipe still what it was, no temporary or side file left, and the database's rows
unchanged. File permissions bind no one as root, so the permission cases rerun
themselves inside ``unshare --user`` there (the same user without root's powers).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.domain.demo import create_demo
from app.domain.profile_file import export_profile
from db.store import Store

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ROOT_IGNORES_PERMISSIONS = "root ignores file permissions; rerun inside a user namespace below"


@pytest.fixture
def patient(tmp_path: Path) -> tuple[Path, int, Path]:
    """A database with the demo patient, and that patient's profile file, in their own folder."""
    home = tmp_path / "home"
    home.mkdir()
    db = home / "stemprep.db"
    with Store.open(db) as store:
        profile = create_demo(store)
        profile_file = export_profile(store, profile.id, home / "demo.stemprep")
    return db, profile.id, profile_file


def rows(db: Path) -> str:
    """A digest of every row of every table, read without changing anything."""
    digest = hashlib.sha256()
    with sqlite3.connect(db.absolute().as_uri() + "?immutable=1", uri=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'profile_fts%' ORDER BY name")]
        for table in tables:
            # Sorted here: some tables (the search index's) have no rowid to order by.
            for row in sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{table}"')):
                digest.update(row.encode())
    return digest.hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def stemprep(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(code: int, err: str, *words: str) -> str:
    assert code != 0
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("stemprep: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def device_node(path: Path) -> Path:
    """A character device like /dev/null at `path`; skips the test when this user cannot make one."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o644, os.makedev(1, 3))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here ({error.strerror}); mknod needs root on a filesystem that allows devices")
    return path


def attempt(case: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run `stemprep ARGS`: in this process, or for a pipe in a separate one, since a regression would hang."""
    if case != "fifo":
        code, _, err = stemprep(capsys, *args)
        return code, err
    result = in_separate_process(*args, timeout=60)
    return result.returncode, result.stderr


def in_separate_process(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """For the pipe cases: a StemPrep that hangs would hang this test too, so it runs apart, with a timeout."""
    env = {k: v for k, v in os.environ.items() if k != "STEMPREP_DEBUG"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


# ------------------------------------------------------------------ reading a file


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe")
    return folder / "pipe"


def _device(folder: Path) -> Path:
    return device_node(folder / "device")


def _link_to_device(folder: Path) -> Path:
    (folder / "zero-link").symlink_to("/dev/zero")
    return folder / "zero-link"


def _loop(folder: Path) -> Path:
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    return folder / "loop-a"


def _folder(folder: Path) -> Path:
    (folder / "a-folder.stemprep").mkdir()
    return folder / "a-folder.stemprep"


INPUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (_fifo, "is a pipe, not a file"),
    "device": (_device, "is a device, not a file"),
    "link to a device": (_link_to_device, "leads to a device, not a file"),
    "link loop": (_loop, "leads round in a circle"),
    "folder": (_folder, "is a folder, not a file"),
}


@pytest.mark.parametrize("case", sorted(INPUTS))
def test_import_reads_only_regular_files(case: str, patient: tuple[Path, int, Path], tmp_path: Path) -> None:
    db, _, _ = patient
    make, words = INPUTS[case]
    hostile = make(tmp_path)
    before = rows(db)
    # A separate process with a timeout: reading a pipe or /dev/zero used to hang or eat all memory.
    result = in_separate_process("import", str(hostile), "--db", str(db))
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("stemprep: ") and words in lines[0], result.stderr
    assert rows(db) == before


def test_import_of_dev_zero_stops_at_once(patient: tuple[Path, int, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db, _, _ = patient
    before = rows(db)
    code, _, err = stemprep(capsys, "import", "/dev/zero", "--db", str(db))
    one_sentence(code, err, "/dev/zero is a device, not a file")
    assert rows(db) == before


def test_an_oversized_file_is_refused_by_bytes_read_not_by_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from db.errors import FileRefused
    from db.files import read_regular_file

    big = tmp_path / "big.stemprep"
    big.write_bytes(b"{" + b" " * 5000 + b"}")
    real_stat = os.stat
    monkeypatch.setattr(os, "fstat", lambda fd: real_stat(big))  # the check on the descriptor still sees a file
    with pytest.raises(FileRefused, match="too large"):
        read_regular_file(big, limit=1000)
    assert read_regular_file(big, limit=10_000).startswith(b"{")


# ------------------------------------------------------------------ writing a file


def _device_out(folder: Path) -> Path:
    return device_node(folder / "device.pdf")


def _link_out_of_folder(folder: Path) -> Path:
    elsewhere = folder / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "target.pdf").write_bytes(b"someone else's")
    (folder / "link.pdf").symlink_to(elsewhere / "target.pdf")
    return folder / "link.pdf"


OUTPUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (_fifo, "is a pipe, not a file"),
    "device": (_device_out, "is a device, not a file"),
    "link to a device": (lambda f: (f / "null.pdf").symlink_to("/dev/null") or f / "null.pdf", "/dev/null, in another folder"),
    "link loop": (_loop, "leads round in a circle"),
    "folder": (_folder, "is a folder; give a file name"),
    "link out of the folder": (_link_out_of_folder, "in another folder"),
}


def _unchanged(path: Path, before: os.stat_result) -> None:
    after = os.lstat(path)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    assert stat.S_IMODE(after.st_mode) == stat.S_IMODE(before.st_mode)
    assert after.st_ino == before.st_ino


@pytest.mark.parametrize("command", ["sheet", "export-profile"])
@pytest.mark.parametrize("case", sorted(OUTPUTS))
def test_outputs_are_only_files(
    case: str, command: str, patient: tuple[Path, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, profile_id, _ = patient
    out = tmp_path / "out"
    out.mkdir()
    make, words = OUTPUTS[case]
    target = make(out)
    before = os.lstat(target)
    files_before = listing(out)
    args = (["sheet", "--profile", str(profile_id)] if command == "sheet" else ["export-profile", str(profile_id)])
    code, err = attempt(case, capsys, *args, "-o", str(target), "--db", str(db))
    one_sentence(code, err, words)
    _unchanged(target, before)
    assert listing(out) == files_before  # no temporary file left behind
    if case == "link out of the folder":
        assert (out / "elsewhere" / "target.pdf").read_bytes() == b"someone else's"


def test_someones_own_file_is_replaced_only_with_force(
    patient: tuple[Path, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, profile_id, profile_file = patient
    precious = tmp_path / "precious.txt"
    precious.write_text("my letter to the clinic")
    for args in (["sheet", "--profile", str(profile_id)], ["export-profile", str(profile_id)]):
        code, _, err = stemprep(capsys, *args, "-o", str(precious), "--db", str(db))
        one_sentence(code, err, "precious.txt already exists", "--force")
        assert precious.read_text() == "my letter to the clinic"
    # StemPrep's own files are replaced without asking: that is how a sheet is brought up to date.
    sheet = tmp_path / "sheet.pdf"
    for _ in range(2):
        code, _, err = stemprep(capsys, "sheet", "--profile", str(profile_id), "-o", str(sheet), "--db", str(db))
        assert code == 0, err
    code, _, err = stemprep(capsys, "export-profile", str(profile_id), "-o", str(profile_file), "--db", str(db))
    assert code == 0, err
    code, _, err = stemprep(capsys, "sheet", "--profile", str(profile_id), "-o", str(profile_file), "--db", str(db))
    one_sentence(code, err, "is not a sheet StemPrep wrote")  # a profile file is not a sheet
    code, _, err = stemprep(capsys, "export-profile", str(profile_id), "-o", str(precious), "--force", "--db", str(db))
    assert code == 0, err
    assert '"stemprep-profile"' in precious.read_text()


def test_a_link_to_a_file_in_the_same_folder_is_written_through(
    patient: tuple[Path, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, profile_id, _ = patient
    real = tmp_path / "real.stemprep"
    link = tmp_path / "latest.stemprep"
    link.symlink_to(real.name)
    for _ in range(2):  # first to a name not made yet, then over the file the first run made
        code, _, err = stemprep(capsys, "export-profile", str(profile_id), "-o", str(link), "--db", str(db))
        assert code == 0, err
        assert link.is_symlink() and '"stemprep-profile"' in real.read_text()


def test_a_folder_that_holds_no_files_is_named_truthfully(
    patient: tuple[Path, int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/proc/self").exists():
        pytest.skip("no /proc on this system")
    db, profile_id, _ = patient
    code, _, err = stemprep(capsys, "sheet", "--profile", str(profile_id), "-o", "/proc/e.pdf", "--db", str(db))
    line = one_sentence(code, err, "/proc does not hold ordinary files")
    assert "does not exist" not in line


# ------------------------------------------------------------------ the database itself


DATABASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (_fifo, "is a pipe, not a StemPrep file"),
    "device": (_device, "is a device, not a StemPrep file"),
    "link to a device": (_link_to_device, "is a device, not a StemPrep file"),
    "link loop": (_loop, "leads round in a circle"),
    "folder": (_folder, "is a folder"),
}


@pytest.mark.parametrize("command", [["profiles"], ["demo"]])
@pytest.mark.parametrize("case", sorted(DATABASES))
def test_db_that_is_not_a_file_is_refused_without_touching_it(
    case: str, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, words = DATABASES[case]
    target = make(tmp_path)
    before = os.lstat(target)
    files_before = listing(tmp_path)
    code, err = attempt(case, capsys, *command, "--db", str(target))
    one_sentence(code, err, words)
    _unchanged(target, before)  # never chmod-ed to 0600 nor replaced
    assert listing(tmp_path) == files_before  # no -journal, -wal, -shm or .lock beside it


READING_COMMANDS = {
    "profiles": lambda pid, out: ["profiles"],
    "profiles --json": lambda pid, out: ["profiles", "--json"],
    "flags": lambda pid, out: ["flags", "--profile", str(pid)],
    "sheet": lambda pid, out: ["sheet", "--profile", str(pid), "-o", str(out / "s.pdf")],
    "export-profile": lambda pid, out: ["export-profile", str(pid), "-o", str(out / "p.stemprep")],
    "questions": lambda pid, out: ["questions", "--json"],
}


@pytest.mark.skipif(IS_ROOT, reason=ROOT_IGNORES_PERMISSIONS)
def test_a_read_only_database_is_read_and_never_written(
    patient: tuple[Path, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, profile_id, _ = patient
    folder = db.parent
    out = tmp_path / "out"
    out.mkdir()
    before, files_before = rows(db), listing(folder)
    db.chmod(0o444)
    try:
        for name, command in READING_COMMANDS.items():
            code, _, err = stemprep(capsys, *command(profile_id, out), "--db", str(db))
            assert code == 0, (name, err)
            assert listing(folder) == files_before, name  # no -shm or -wal left beside it
        for command in (["demo"], ["import", "--as-new", str(out / "p.stemprep")], ["facilitator", "--agency", "X"]):
            code, _, err = stemprep(capsys, *command, "--db", str(db))
            one_sentence(code, err, "is read-only", "looked at but not changed")
        assert listing(folder) == files_before
        assert stat.S_IMODE(db.stat().st_mode) == 0o444
    finally:
        db.chmod(0o600)
    assert rows(db) == before


@pytest.mark.skipif(IS_ROOT, reason=ROOT_IGNORES_PERMISSIONS)
def test_a_database_that_may_not_be_read_says_so(
    patient: tuple[Path, int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, _ = patient
    before, files_before = rows(db), listing(db.parent)
    db.chmod(0o000)
    try:
        for command in (["profiles"], ["demo"]):
            code, _, err = stemprep(capsys, *command, "--db", str(db))
            line = one_sentence(code, err, "not allowed to read")
            assert "folder exists" not in line
        assert listing(db.parent) == files_before
    finally:
        db.chmod(0o600)
    assert rows(db) == before


@pytest.mark.skipif(IS_ROOT, reason=ROOT_IGNORES_PERMISSIONS)
def test_stale_read_only_side_files_from_an_earlier_attempt_are_recovered(
    patient: tuple[Path, int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, _ = patient
    db.chmod(0o444)
    # What an earlier StemPrep (or any SQLite reader) left: -shm and -wal as read-only as the file was.
    with sqlite3.connect(db.absolute().as_uri() + "?mode=ro", uri=True) as conn:
        conn.execute("SELECT count(*) FROM profiles").fetchone()
    conn.close()
    stale = [db.with_name(db.name + s) for s in ("-shm", "-wal")]
    assert all(p.exists() and not os.access(p, os.W_OK) for p in stale)
    db.chmod(0o644)  # the user made the file writable again
    code, _, err = stemprep(capsys, "facilitator", "--agency", "Seoul Care Travel", "--db", str(db))
    assert code == 0, err
    code, out, err = stemprep(capsys, "facilitator", "--db", str(db))
    assert "Seoul Care Travel" in out, err
    with Store.open(db) as store:  # and every later write works too
        store.set_setting("facilitator.contact", "02-000-0000")


@pytest.mark.skipif(IS_ROOT, reason=ROOT_IGNORES_PERMISSIONS)
def test_a_read_only_wal_database_with_unsaved_pages_is_read_whole(tmp_path: Path) -> None:
    """WAL content not yet in the main file must not be skipped by reading the file as immutable."""
    db = tmp_path / "stemprep.db"
    with Store.open(db) as store:
        store.create_profile("Kim")
    writer = sqlite3.connect(db)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE profiles SET name = 'Kim, in the WAL only'")
    writer.commit()
    db.chmod(0o444)
    try:
        with Store.open(db, read_only=True) as reader:
            assert [p.name for p in reader.list_profiles()] == ["Kim, in the WAL only"]
    finally:
        writer.close()
        db.chmod(0o600)


@functools.cache
def _user_namespaces_work() -> bool:
    if sys.platform != "linux" or not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "--user", "true"], capture_output=True, timeout=30).returncode == 0


@pytest.mark.skipif(not IS_ROOT or not _user_namespaces_work(), reason="only needed as root, with user namespaces")
def test_permission_cases_as_an_ordinary_user() -> None:
    """As root chmod stops nothing; in a user namespace the same uid loses root's powers, so rerun there."""
    here = Path(__file__).relative_to(ROOT)
    tests = [
        "test_a_read_only_database_is_read_and_never_written",
        "test_a_database_that_may_not_be_read_says_so",
        "test_stale_read_only_side_files_from_an_earlier_attempt_are_recovered",
        "test_a_read_only_wal_database_with_unsaved_pages_is_read_whole",
    ]
    result = subprocess.run(
        ["unshare", "--user", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         *[f"{here}::{name}" for name in tests]],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(tests)} passed" in result.stdout and "skipped" not in result.stdout, result.stdout
