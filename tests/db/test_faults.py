"""The environment's faults: one clear sentence, nothing lost, never a traceback.

Each fault is met twice where it can be, through the `Store` and through the CLI as
a user runs it (``python main.py …`` in a subprocess). How real each one is:

* **Read-only folder or medium.** Real where the kernel allows an unprivileged user
  namespace: a tmpfs is mounted and remounted read-only, so SQLite meets a real
  EROFS (skipped elsewhere). The permission path (chmod) is real when not root; as
  root (CI) chmod stops nothing, so those tests rerun themselves inside
  ``unshare --user``, where the same uid has no root powers. The
  SQLite "attempt to write a readonly database" path is simulated by making the
  Store's own connection read-only (``mode=ro``): SQLite's refusal is real, the
  reason for it is not.
* **Full disk.** Real in the same namespace (a 512 KB tmpfs that fills up).
  Everywhere: SQLite's own SQLITE_FULL, by capping the file with ``PRAGMA
  max_page_count``; and ENOSPC from Python's ``os.write`` and from the log file,
  by monkeypatching (the export code's own ENOSPC belongs to the PDF tests).
* **A second running copy.** Real: another process holds the database open.
* **Not a database / an unwritable export path.** Real files and folders.
"""

from __future__ import annotations

import errno
import functools
import json
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import lock
from db.backup import backups_folder, write_backup
from db.errors import DatabaseInUse, DatabaseUnavailable, explain_sqlite_error
from db.store import Store

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("STEMPREP_DEBUG", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, env=full_env, timeout=60
    )


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stemprep: ")
    for words in expected:
        assert words in lines[0], lines[0]
    return lines[0]


def make_database(path: Path, names: tuple[str, ...] = ("Kim", "Lee")) -> None:
    with Store.open(path) as store:
        for name in names:
            profile = store.create_profile(name, notes="무릎 통증 " * 50)
            store.add_clinic(profile.id, f"{name}'s clinic")


def profile_names(path: Path) -> list[str]:
    with sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM profiles ORDER BY id")]


# ------------------------------------------------------------ read-only


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions; see the namespace tests")
def test_read_only_folder_through_store_and_cli(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "stemprep.db"
    make_database(path)
    files_before = sorted(p.name for p in folder.iterdir())
    folder.chmod(0o500)
    path.chmod(0o400)
    try:
        with pytest.raises(DatabaseUnavailable):
            Store.open(path)
        listed = run("profiles", "--db", str(path))  # a command that only reads opens it read-only
        assert listed.returncode == 0 and "Kim" in listed.stdout, listed.stderr
        assert_one_clear_line(run("demo", "--db", str(path)), "read-only")
        assert sorted(p.name for p in folder.iterdir()) == files_before  # no -wal or -shm left
        with Store.open(path, read_only=True) as reader:  # reading is still possible
            assert reader.profile_count() == 2
    finally:
        folder.chmod(0o700)
        path.chmod(0o600)
    assert profile_names(path) == ["Kim", "Lee"]


@functools.cache
def _user_namespaces_work() -> bool:
    if sys.platform != "linux" or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--user", "true"], capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not IS_ROOT or not _user_namespaces_work(), reason="only needed as root, with user namespaces")
def test_permission_faults_as_an_ordinary_user() -> None:
    """As root chmod stops nothing; in a user namespace the same uid loses root's powers, so rerun there."""
    here = Path(__file__).relative_to(ROOT)
    tests = [
        f"{here}::test_read_only_folder_through_store_and_cli",
        f"{here}::test_export_paths_that_cannot_be_written_are_one_line",
        "tests/db/test_store.py::test_read_only_folder_is_explained",
    ]
    result = subprocess.run(
        ["unshare", "--user", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(tests)} passed" in result.stdout and "skipped" not in result.stdout, result.stdout


def test_sqlite_refusing_to_write_is_one_sentence_and_loses_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated cause, real SQLite refusal: the Store's connection is opened read-only."""
    make_database(db_path)
    real_connect = sqlite3.connect

    def read_only_connect(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if kwargs.get("uri"):
            return real_connect(database, *args, **kwargs)  # type: ignore[arg-type]
        uri = Path(str(database)).absolute().as_uri() + "?mode=ro"
        return real_connect(uri, *args, uri=True, **kwargs)  # type: ignore[arg-type, misc]

    monkeypatch.setattr(sqlite3, "connect", read_only_connect)
    with Store.open(db_path) as store:
        profile = store.list_profiles()[0]
        with pytest.raises(DatabaseUnavailable, match="read-only") as raised:
            store.update_profile(profile.id, notes="lost?")
        assert "\n" not in str(raised.value) and str(raised.value).endswith(".")
        with pytest.raises(DatabaseUnavailable, match="read-only"):
            store.create_profile("Park")
    monkeypatch.undo()
    assert profile_names(db_path) == ["Kim", "Lee"]


# --------------------------------------------------------------- full disk


def test_sqlite_full_is_one_sentence_keeps_earlier_edits_and_recovers(store: Store) -> None:
    kept = store.create_profile("Saved before the disk filled")
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(DatabaseUnavailable, match="disk is full") as raised:
        store.create_profile("Too big", notes="가" * 200_000)
    assert "nothing already saved was lost" in str(raised.value)
    assert [p.name for p in store.list_profiles()] == [kept.name]  # the failed edit left no trace
    with pytest.raises(DatabaseUnavailable, match="disk is full"):
        with store.batch():
            store.update_profile(kept.id, notes="changed")
            store.add_clinic(kept.id, "Big", notes="나" * 200_000)
    assert store.profile(kept.id).notes == ""  # the whole batch rolled back
    store.connection.execute("PRAGMA max_page_count = 1073741823")  # space freed
    assert store.create_profile("After space was freed", notes="가" * 200_000).id


def _full_on(suffix: str) -> dict[str, str]:
    """Environment for a subprocess whose SQLite files ending in `suffix` can hold 2 pages."""
    return {"STEMPREP_TEST_FULL_SUFFIX": suffix}


@pytest.fixture
def full_disk_site(tmp_path: Path) -> dict[str, str]:
    """A sitecustomize that caps SQLite files with a given suffix, as if the disk were full."""
    site = tmp_path / "site-full"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        textwrap.dedent(
            """
            import os, sqlite3
            _suffix = os.environ.get("STEMPREP_TEST_FULL_SUFFIX")
            _connect = sqlite3.connect
            def connect(database, *args, **kwargs):
                conn = _connect(database, *args, **kwargs)
                if _suffix and str(database).endswith(_suffix):
                    conn.execute("PRAGMA max_page_count = 2")
                return conn
            sqlite3.connect = connect
            """
        )
    )
    return {"PYTHONPATH": str(site)}


def test_a_backup_on_a_full_disk_is_one_line_and_leaves_nothing(
    tmp_path: Path, full_disk_site: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "stemprep.db"
    make_database(path)
    result = run("backup", "--db", str(path), env={**full_disk_site, **_full_on(".partial")})
    assert_one_clear_line(result, "disk is full")
    assert list(backups_folder(path).iterdir()) == []
    assert profile_names(path) == ["Kim", "Lee"]

    # The same in-process, through the API the GUI calls.
    real_connect = sqlite3.connect

    def capped(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(database, *args, **kwargs)  # type: ignore[arg-type]
        if str(database).endswith(".partial"):
            conn.execute("PRAGMA max_page_count = 2")
        return conn

    monkeypatch.setattr(sqlite3, "connect", capped)
    with Store.open(path) as store, pytest.raises(DatabaseUnavailable, match="disk is full"):
        write_backup(store)
    assert list(backups_folder(path).iterdir()) == []


def test_enospc_from_python_writes_does_not_stop_storage(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.write fails with ENOSPC (the lock file's owner note): the database still opens and saves."""

    def no_space(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    with Store.open(db_path) as store:
        store.create_profile("Kim")
    monkeypatch.undo()
    assert profile_names(db_path) == ["Kim"]


def test_a_full_disk_under_the_log_never_reaches_the_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app import logs

    path = logs.setup_logging(tmp_path / "logs")
    assert path is not None
    logger = logging.getLogger("stemprep")
    handler = next(h for h in logger.handlers if isinstance(h, logging.FileHandler))

    class FullStream:
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

    real_stream = handler.stream
    handler.stream = FullStream()  # type: ignore[assignment]
    try:
        logging.getLogger("stemprep.test").warning("this line cannot be written")
    finally:
        handler.stream = real_stream
        handler.close()
        logger.removeHandler(handler)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


# --------------------------------------------------- real mounts (namespaces)


@functools.cache
def _namespaces_work() -> bool:
    if not shutil.which("unshare") or not shutil.which("mount"):
        return False
    with tempfile.TemporaryDirectory() as where:
        probe = subprocess.run(
            ["unshare", "--user", "--map-root-user", "--mount", "mount", "-t", "tmpfs", "tmpfs", where],
            capture_output=True, timeout=30,
        )
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(
    sys.platform != "linux" or not _namespaces_work(),
    reason="needs unprivileged user and mount namespaces to mount a real tmpfs",
)

# Runs inside `unshare --user --map-root-user --mount`: mounts a tmpfs, then runs steps.
_DRIVER = r"""
import json, os, subprocess, sys
from pathlib import Path

root, mnt, outside, scenario = sys.argv[1:5]
py = sys.executable
db = f"{mnt}/stemprep.db"
results = {}

def sh(*cmd):
    subprocess.run(cmd, check=True)

def cli(name, *args):
    r = subprocess.run([py, f"{root}/main.py", *args], capture_output=True, text=True)
    results[name] = {"rc": r.returncode, "out": r.stdout, "err": r.stderr}

def store(name, code):
    r = subprocess.run([py, "-c", f"import sys; sys.path.insert(0, {root!r})\n" + code],
                       capture_output=True, text=True)
    results[name] = {"rc": r.returncode, "out": r.stdout, "err": r.stderr}

if scenario == "read-only":
    sh("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt)
    store("create", f"from db.store import Store\nwith Store.open({db!r}) as s: s.create_profile('Kim')")
    sh("mount", "-o", "remount,ro", mnt)
    cli("profiles", "profiles", "--db", db)
    store("open", f"from db.store import Store\ntry:\n  Store.open({db!r})\nexcept Exception as e: print(type(e).__name__, e)")
    store("read", f"from db.store import Store\nwith Store.open({db!r}, read_only=True) as s: print(s.profile_count())")
    cli("backup-here", "backup", "--db", db)
    cli("backup-out", "backup", "--db", db, "-o", f"{outside}/copy.db")
    cli("export-into-ro", "backup", "--db", f"{outside}/copy.db", "-o", f"{mnt}/x.db")
elif scenario == "full":
    sh("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt)
    store("fill", f'''
import json
from db.store import Store
from db.errors import StorageError
saved = 0
with Store.open({db!r}) as s:
    try:
        for n in range(1000):
            s.create_profile(f"P{{n}}", notes="가" * 6000)
            saved += 1
    except StorageError as e:
        print(json.dumps({{"saved": saved, "type": type(e).__name__, "message": str(e)}}))
''')
    cli("profiles", "profiles", "--json", "--db", db)
    cli("backup-here", "backup", "--db", db)
    results["backups-left"] = sorted(os.listdir(f"{mnt}/backups")) if os.path.isdir(f"{mnt}/backups") else []
    cli("backup-out", "backup", "--db", db, "-o", f"{outside}/copy.db")
print(json.dumps(results))
"""


def _in_namespace(tmp_path: Path, scenario: str) -> dict[str, dict[str, object]]:
    mnt = tmp_path / "mnt"
    outside = tmp_path / "outside"
    mnt.mkdir()
    outside.mkdir()
    result = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", sys.executable, "-c", _DRIVER,
         str(ROOT), str(mnt), str(outside), scenario],
        capture_output=True, text=True, timeout=120, env={**os.environ, "STEMPREP_DEBUG": ""},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _as_completed(step: dict[str, object]) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess([], int(step["rc"]), str(step["out"]), str(step["err"]))  # type: ignore[call-overload]


@needs_namespaces
def test_a_real_read_only_medium(tmp_path: Path) -> None:
    steps = _in_namespace(tmp_path, "read-only")
    assert steps["create"]["rc"] == 0, steps["create"]["err"]
    # A command that only reads opens the file read-only, and works.
    assert steps["profiles"]["rc"] == 0 and "Kim" in str(steps["profiles"]["out"]), steps["profiles"]["err"]
    assert str(steps["open"]["out"]).startswith("DatabaseReadOnly")
    assert steps["read"]["out"] == "1\n", steps["read"]["err"]  # read-only media can still be read
    assert_one_clear_line(_as_completed(steps["backup-here"]), "not allowed to write")
    assert steps["backup-out"]["rc"] == 0, steps["backup-out"]["err"]  # ... and copied off
    assert profile_names(tmp_path / "outside" / "copy.db") == ["Kim"]
    assert_one_clear_line(_as_completed(steps["export-into-ro"]), "not allowed to write")


@needs_namespaces
def test_a_real_full_disk(tmp_path: Path) -> None:
    steps = _in_namespace(tmp_path, "full")
    filled = json.loads(str(steps["fill"]["out"]))
    assert filled["type"] == "DatabaseUnavailable" and "disk is full" in filled["message"]
    assert filled["saved"] > 0
    assert steps["profiles"]["rc"] == 0, steps["profiles"]["err"]
    assert len(json.loads(str(steps["profiles"]["out"]))) == filled["saved"]  # every saved edit is there
    assert_one_clear_line(_as_completed(steps["backup-here"]), "disk is full")
    assert steps["backups-left"] == []  # no half-written backup
    assert steps["backup-out"]["rc"] == 0, steps["backup-out"]["err"]
    assert len(profile_names(tmp_path / "outside" / "copy.db")) == filled["saved"]


# ------------------------------------------------------ a second running copy


@pytest.fixture
def other_copy(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another StemPrep process with the database open for writing, as a second window would."""
    make_database(db_path)
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from db.store import Store\n"
        f"store = Store.open({str(db_path)!r})\n"
        "store.create_profile('Written by the other copy')\n"
        "print('ready', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n", process.stderr.read() if process.stderr else ""
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=30)


def test_a_second_copy_is_refused_writing_but_may_read(
    db_path: Path, tmp_path: Path, other_copy: subprocess.Popen[str]
) -> None:
    with pytest.raises(DatabaseInUse, match="already open in another window"):
        Store.open(db_path)
    with Store.open(db_path, read_only=True) as reader:
        assert "Written by the other copy" in [p.name for p in reader.list_profiles()]
    assert lock.is_locked_elsewhere(db_path)

    # CLI: reading commands fall back to reading beside the other copy; writing ones are refused.
    listing = run("profiles", "--db", str(db_path))
    assert listing.returncode == 0 and "Written by the other copy" in listing.stdout, listing.stderr
    assert_one_clear_line(run("sample", "--count", "1", "--db", str(db_path)), "already open in another window")
    backup = run("backup", "--db", str(db_path))
    assert backup.returncode == 0, backup.stderr
    before = profile_names(db_path)
    assert_one_clear_line(
        run("restore", str(backup.stdout.split()[-1]), "--db", str(db_path)), "already open in another window"
    )
    assert profile_names(db_path) == before


def test_the_lock_dies_with_the_process(db_path: Path, other_copy: subprocess.Popen[str]) -> None:
    other_copy.send_signal(signal.SIGKILL)
    other_copy.wait(timeout=30)
    with Store.open(db_path) as store:  # no stale lock after a crash
        assert "Written by the other copy" in [p.name for p in store.list_profiles()]


def test_one_process_may_open_many_stores_and_releases_the_lock(db_path: Path) -> None:
    first = Store.open(db_path)
    second = Store.open(db_path)  # the GUI opens one per thread
    second.create_profile("From the second")
    assert lock.is_held_here(db_path)
    first.close()
    assert lock.is_held_here(db_path)
    second.close()
    assert not lock.is_held_here(db_path)
    other = subprocess.run(
        [sys.executable, "-c", (
            f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            f"from db.store import Store\nStore.open({str(db_path)!r}).close()"
        )],
        capture_output=True, text=True, timeout=60,
    )
    assert other.returncode == 0, other.stderr
    assert (db_path.parent / "stemprep.db.lock").stat().st_mode & 0o777 == 0o600


# ------------------------------------------- not a database, bad export paths


def test_files_that_are_not_databases_are_one_line_and_untouched(tmp_path: Path) -> None:
    text = tmp_path / "shopping.db"
    text.write_bytes("eggs, 김치, rice\n".encode() * 400)
    before = text.read_bytes()
    assert_one_clear_line(run("profiles", "--db", str(text)), "not a StemPrep database")
    assert_one_clear_line(run("backup", "--db", str(text)), "not a StemPrep database")
    real = tmp_path / "stemprep.db"
    make_database(real)
    assert_one_clear_line(run("restore", str(text), "--db", str(real)), "not a StemPrep backup")
    assert text.read_bytes() == before
    assert profile_names(real) == ["Kim", "Lee"]
    assert_one_clear_line(run("backup", "--db", str(tmp_path / "nothing.db")), "no StemPrep file")
    assert not (tmp_path / "nothing.db").exists()


def test_export_paths_that_cannot_be_written_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "stemprep.db"
    make_database(path)
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"keep me")
    assert_one_clear_line(run("backup", "--db", str(path), "-o", str(existing)), "never overwrites")
    assert existing.read_bytes() == b"keep me"
    assert_one_clear_line(run("backup", "--db", str(path), "-o", str(tmp_path / "no" / "x.db")), "does not exist")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert_one_clear_line(run("backup", "--db", str(path), "-o", str(blocker / "x.db")), "does not exist")
    if not IS_ROOT:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        try:
            assert_one_clear_line(run("backup", "--db", str(path), "-o", str(locked / "x.db")), "not allowed")
        finally:
            locked.chmod(0o700)


@pytest.mark.parametrize("code", [errno.EACCES, errno.EPERM, errno.EROFS])
def test_a_refused_write_is_explained_for_the_window_and_the_command_line_alike(code: int) -> None:
    sentence = str(explain_sqlite_error(OSError(code, os.strerror(code)), Path("/media/usb/stemprep.db")))
    assert sentence.startswith("StemPrep is not allowed to write to /media/usb/stemprep.db.")
    assert "--" not in sentence  # a window user has no options to give


@pytest.mark.parametrize("error", [
    OSError(errno.ENOSPC, "No space left on device"), OSError(errno.EACCES, "Permission denied"),
    sqlite3.OperationalError("attempt to write a readonly database"), sqlite3.OperationalError("database is locked"),
    sqlite3.DatabaseError("file is not a database"), sqlite3.OperationalError("unable to open database file"),
    sqlite3.OperationalError("database or disk is full"),
], ids=lambda e: str(e)[:20])
def test_the_storage_problems_a_person_meets_are_explained_in_korean_too(error: BaseException) -> None:
    explained = explain_sqlite_error(error, Path("/media/usb/stemprep.db"))
    assert explained.korean is not None and "(/media/usb/stemprep.db)" in explained.korean
    assert "--" not in str(explained) and "--" not in explained.korean
