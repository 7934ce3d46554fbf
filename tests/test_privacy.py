"""Nothing leaked: no network, owner-only files, deletion that deletes, and a log without health data.

* Every CLI command (taken from the parser, so a new command is covered the day it
  is added) and the window's start-up run with Internet sockets booby-trapped by a
  ``sitecustomize`` on PYTHONPATH: any AF_INET/AF_INET6 connect, send or DNS lookup
  from Python writes a marker file and fails. The trap sees Python's socket module
  only; Qt's own networking (QNetworkAccessManager) would pass unseen, and StemPrep
  uses none.
* The database, its -wal/-shm, the lock, the backups and the logs are owner-only.
* A deleted profile's words are gone from the raw file bytes after a checkpoint
  (``secure_delete``), even on an SQLite built with it off by default.
* After a full CLI flow with distinctive patient strings, none appear in the log.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import build_parser
from db.store import Store

ROOT = Path(__file__).resolve().parents[1]

# Distinctive enough that finding one anywhere can only mean it leaked.
PATIENT = "Zorvath Quillembre 조르바스"
CLINIC = "Xylophant Regenerative 실로판트의원"
ANSWER = "Qwixotic answer about MSC doses 퀵소틱"
NOTES = "Vembrilish notes on my left knee 벰브릴리시"
QUESTION = "Jubbleworth question about aftercare 저블워스"
FOLDER = "Zorvath-files"  # a folder named after the patient, as people do
SECRETS = (PATIENT, CLINIC, ANSWER, NOTES, QUESTION, "Zorvath", "zorvath", "조르바스", "Xylophant",
           "Qwixotic", "Vembrilish", "Jubbleworth", FOLDER)

TRAP = '''
import os, socket

_MARKER = os.environ["STEMPREP_NET_MARKER"]
_INTERNET = (socket.AF_INET, socket.AF_INET6)


def _caught(what):
    with open(_MARKER, "a", encoding="utf-8") as marker:
        marker.write(what + "\\n")
    raise OSError("StemPrep's privacy test: no network allowed (" + what + ")")


def _guard(name):
    original = getattr(socket.socket, name)

    def guarded(self, *args, **kwargs):
        if self.family in _INTERNET:
            _caught(name + " " + repr(args[:1]))
        return original(self, *args, **kwargs)

    setattr(socket.socket, name, guarded)


for _name in ("connect", "connect_ex", "sendto", "sendmsg"):
    _guard(_name)
socket.create_connection = lambda address, *a, **k: _caught("create_connection " + repr(address))
socket.getaddrinfo = lambda host, *a, **k: _caught("getaddrinfo " + repr(host))
socket.gethostbyname = lambda host, *a, **k: _caught("gethostbyname " + repr(host))
'''


def _trapped_env(folder: Path) -> dict[str, str]:
    """An environment with the trap, a fresh marker and private data folders under `folder`."""
    site = folder / "site-no-network"
    site.mkdir()
    (site / "sitecustomize.py").write_text(TRAP, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("STEMPREP_DEBUG", "STEMPREP_DB")}
    env["PYTHONPATH"] = str(site)
    env["STEMPREP_NET_MARKER"] = str(folder / "network-attempts.txt")
    env["QT_QPA_PLATFORM"] = "offscreen"
    for kind in ("DATA", "CONFIG", "STATE", "CACHE"):
        env[f"XDG_{kind}_HOME"] = str(folder / "xdg" / kind.lower())
    return env


@pytest.fixture
def trapped_env(tmp_path: Path) -> dict[str, str]:
    return _trapped_env(tmp_path)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, env=env, timeout=120
    )


def attempts(env: dict[str, str]) -> str:
    marker = Path(env["STEMPREP_NET_MARKER"])
    return marker.read_text(encoding="utf-8") if marker.exists() else ""


def test_the_trap_catches_a_real_attempt(trapped_env: dict[str, str]) -> None:
    """Without this, a broken trap would make the next test pass for nothing."""
    code = "import urllib.request\ntry:\n urllib.request.urlopen('http://example.org', timeout=2)\nexcept OSError: pass"
    subprocess.run([sys.executable, "-c", code], env=trapped_env, timeout=60, check=True)
    assert "getaddrinfo" in attempts(trapped_env) or "connect" in attempts(trapped_env)


def _patient_database(path: Path) -> int:
    with Store.open(path) as store:
        profile = store.create_profile(PATIENT, condition="knee-oa", notes=NOTES, contact="zorvath@example.org")
        clinic = store.add_clinic(profile.id, CLINIC, city="서울", notes=NOTES, appointment="2027-04-20T10:30")
        store.save_answer(clinic.id, "cred.registered", value="no", text=ANSWER, flagged=True)
        store.add_custom_question(profile.id, QUESTION)
        return profile.id


#: Arguments that make each command do its real work; {placeholders} are filled in below.
#: Order matters (export before import, backup before restore). A command missing here
#: still runs, with no arguments.
COMMAND_ARGS: dict[str, list[str]] = {
    "profiles": ["--json"],
    "questions": ["--json"],
    "flags": ["--profile", "{profile}"],
    "pick": ["--profile", "{profile}", "cost.total"],
    "clinics": ["--profile", "{profile}", "--json"],
    "calendar": ["--clinic", "{clinic}", "-o", "{out}/consultation.ics"],
    "sheet": ["--profile", "{profile}", "-o", "{out}/sheet.pdf"],
    "export-profile": ["{profile}", "-o", "{out}/patient.stemprep"],
    "import": ["{out}/patient.stemprep", "--as-new"],
    "facilitator": ["--agency", "Seoul Medical Travel"],
    "demo": [],
    "sample": ["--count", "3"],
    "backup": [],
    "restore": ["{backup}"],
}


def _commands() -> list[str]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    names = list(subparsers.choices)  # type: ignore[attr-defined]
    ordered = [c for c in COMMAND_ARGS if c in names]
    return ordered + [c for c in names if c not in ordered]


@dataclass(frozen=True)
class Flow:
    """One run of every command on a patient's file (shared: it takes ~10 s)."""

    folder: Path
    env: dict[str, str]
    db: Path
    results: dict[str, subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory) -> Flow:
    """Every command, in an order where each has something to work on, then a few failures."""
    folder = tmp_path_factory.mktemp("privacy")
    env = _trapped_env(folder)
    db = folder / FOLDER / "stemprep.db"
    out = folder / "out"
    out.mkdir()
    profile_id = _patient_database(db)
    with Store.open(db, read_only=True) as store:
        clinic_id = store.clinics_for(profile_id)[0].id
    results: dict[str, subprocess.CompletedProcess[str]] = {}
    backup = ""
    for command in _commands():
        args = [a.format(profile=profile_id, clinic=clinic_id, out=out, backup=backup)
                for a in COMMAND_ARGS.get(command, [])]
        results[command] = run(env, command, *args, "--db", str(db))
        if command == "backup" and results[command].returncode == 0:
            backup = results[command].stdout.split("Backed up to ", 1)[1].strip()
    # Failures are logged too: an unknown id, a file that is not a database, a refused restore.
    results["flags-error"] = run(env, "flags", "--profile", "987654", "--db", str(db))
    broken = folder / "broken.db"
    broken.write_bytes(f"{PATIENT} {ANSWER}".encode() * 300)
    results["broken-error"] = run(env, "profiles", "--db", str(broken))
    results["restore-error"] = run(env, "restore", str(broken), "--db", str(db))
    return Flow(folder, env, db, results)


def test_no_command_touches_the_network_and_files_stay_private(flow: Flow) -> None:
    db, results = flow.db, flow.results
    assert attempts(flow.env) == "", attempts(flow.env)
    for command, result in results.items():
        assert "Traceback" not in result.stderr, (command, result.stderr)
        if not command.endswith("-error"):
            assert result.returncode == 0, (command, result.stderr)

    for path in [db.parent, db.parent / "backups"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    private = [p for p in db.parent.rglob("*") if p.is_file()]
    assert any(p.name.endswith(".lock") for p in private) and any(p.parent.name == "backups" for p in private)
    for path in private:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.skipif(
    not (ROOT / "app" / "gui" / "application.py").exists(), reason="the window is not in this checkout yet"
)
def test_the_window_starts_without_the_network(tmp_path: Path, trapped_env: dict[str, str]) -> None:
    db = tmp_path / "stemprep.db"
    _patient_database(db)
    result = run(trapped_env, "--exit-after-startup", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert attempts(trapped_env) == "", attempts(trapped_env)


def test_the_default_data_folder_and_logs_are_owner_only(tmp_path: Path, trapped_env: dict[str, str]) -> None:
    data_home = Path(trapped_env["XDG_DATA_HOME"])
    env = trapped_env
    first = run(env, "sample", "--count", "1")
    assert first.returncode == 0, first.stderr
    assert run(env, "backup").returncode == 0
    folder = data_home / "StemPrep"
    for path in (folder, folder / "logs", folder / "backups"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    for path in folder.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_the_log_holds_events_but_no_health_data(flow: Flow) -> None:
    logs = sorted((Path(flow.env["XDG_DATA_HOME"]) / "StemPrep" / "logs").glob("stemprep.log*"))
    assert logs, "the CLI wrote no log"
    text = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    for needle in ("opened the database", "backup written", "restored a backup", "NotFound", "UnusableBackup"):
        assert needle in text, f"the log should record {needle!r}:\n{text}"
    leaked = [s for s in SECRETS if s in text or s.casefold() in text.casefold()]
    assert not leaked, f"health data in the log: {leaked}"
    assert str(flow.folder) not in text, "the log names a folder the user chose"


def test_logged_errors_keep_their_type_and_place_but_not_their_message(tmp_path: Path) -> None:
    """An exception message can quote what the patient typed; the log keeps only what helps debugging."""
    import logging

    from app import logs

    path = logs.setup_logging(tmp_path / "logs")
    assert path is not None
    try:
        try:
            raise ValueError(f"could not parse {ANSWER!r}")
        except ValueError:
            logging.getLogger("stemprep.test").exception("export failed")
    finally:
        for handler in list(logging.getLogger("stemprep").handlers):
            if isinstance(handler, logging.FileHandler):
                handler.close()
                logging.getLogger("stemprep").removeHandler(handler)
    text = path.read_text(encoding="utf-8")
    assert "export failed" in text and "ValueError" in text and "test_privacy.py" in text
    assert ANSWER not in text and "Qwixotic" not in text


def test_a_deleted_profile_is_gone_from_the_file_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Start every connection with secure_delete OFF, as SQLite builds without
    # SQLITE_SECURE_DELETE do (python.org's macOS and Windows builds), so this test
    # fails if Store.open stops turning it on, whatever this machine's default.
    real_connect = sqlite3.connect

    def insecure_by_default(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.execute("PRAGMA secure_delete = OFF")
        return conn

    monkeypatch.setattr(sqlite3, "connect", insecure_by_default)
    path = tmp_path / "stemprep.db"
    with Store.open(path) as store:
        keep = store.create_profile("Someone else", notes="stays")
        profile_id = _patient_database_in(store)
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert PATIENT.encode() in _raw(path)  # it really was written into the file
        store.delete_profile(profile_id)
        assert store.connection.execute("PRAGMA secure_delete").fetchone()[0] == 1
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert [p.id for p in store.list_profiles()] == [keep.id]
        raw = _raw(path)
    for secret in (PATIENT, CLINIC, ANSWER, NOTES, QUESTION, PATIENT.casefold()):
        assert secret.encode() not in raw, f"{secret!r} is still in the file after deleting"


def test_a_deleted_name_leaves_no_trigrams_in_the_search_index(tmp_path: Path) -> None:
    name = "Zqxvjk Wpfyhg"  # trigrams that nothing else contains
    path = tmp_path / "stemprep.db"
    with Store.open(path) as store:
        for n in range(20):
            store.create_profile(f"Other person {n}")
        profile = store.create_profile(name)
        store.delete_profile(profile.id)
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw = _raw(path)
    folded = name.casefold()
    left = [folded[i : i + 3] for i in range(len(folded) - 2) if folded[i : i + 3].encode() in raw]
    assert left == [], f"trigrams of a deleted name are still in the file: {left}"


def _patient_database_in(store: Store) -> int:
    profile = store.create_profile(PATIENT, condition="knee-oa", notes=NOTES)
    clinic = store.add_clinic(profile.id, CLINIC, notes=NOTES)
    store.save_answer(clinic.id, "cred.registered", text=ANSWER)
    store.add_custom_question(profile.id, QUESTION)
    return profile.id


def _raw(path: Path) -> bytes:
    data = path.read_bytes()
    wal = Path(f"{path}-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")
