"""Crash safety, proved by crashing: a writer killed with SIGKILL at random moments loses nothing it reported.

A separate Python process edits the database through `Store` in a loop (new profiles,
clinics, answers with long Korean text, profile notes, and three-profile batches),
printing each edit's id on stdout only after the call returned, that is after
the commit. The test kills it with SIGKILL after a random 5–80 ms (sometimes while
it is still opening or migrating the file), starts a new writer, and after every kill
opens the file and checks that:

* it opens and ``PRAGMA integrity_check`` says "ok" (and no foreign key dangles);
* every edit the writer reported is there (an edit may also be there unreported:
  it committed and the kill came before the print);
* each batch is all there or not there at all.

SIGKILL stops the process but not the operating system, so this proves that every
write is one transaction and that WAL recovery works after any interruption; it
cannot prove durability through a power cut, which rests on ``synchronous=FULL``
(checked in ``test_store.py``) and on the disk honouring fsync.

``STEMPREP_CRASH_KILLS=1000`` runs a longer soak; the default keeps the test to
about fifteen seconds on two cores. Checked to fail when the protection goes: without
the transaction in `Store._writing` a batch is found saved in part, and with
``journal_mode=OFF`` instead of WAL the file is found damaged.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from db.store import Store

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("STEMPREP_CRASH_KILLS", "60"))
SEED = 20260601

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

WRITER = r"""
import random, sys
sys.path.insert(0, sys.argv[4])
from db.store import Store

path, seed, gen = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if sys.stdin.readline().strip() != "go":
    raise SystemExit(0)
store = Store.open(path)
rng = random.Random(seed)
profiles = [r[0] for r in store.connection.execute("SELECT id FROM profiles")]
clinics = [r[0] for r in store.connection.execute("SELECT id FROM clinics")]
print("ready", flush=True)

def report(*parts):
    print(*parts, flush=True)

n = 0
while True:
    n += 1
    tag = f"{gen}.{n}"
    long = "가나다 " * rng.choice((0, 1, 10, 400, 2500))  # up to ~25 KB: transactions over many pages
    roll = rng.random()
    if not profiles or roll < 0.15:
        profile = store.create_profile(f"P{tag}", notes=long)
        profiles.append(profile.id)
        report("profile", profile.id, tag)
    elif not clinics or roll < 0.35:
        clinic = store.add_clinic(rng.choice(profiles), f"C{tag}", notes=long)
        clinics.append(clinic.id)
        report("clinic", clinic.id, tag)
    elif roll < 0.75:
        clinic_id = rng.choice(clinics)
        store.save_answer(clinic_id, f"q{tag}", text=f"A{tag} {long}")
        report("answer", clinic_id, tag)
    elif roll < 0.9:
        profile_id = rng.choice(profiles)
        store.update_profile(profile_id, notes=f"N{tag} {long}")
        report("notes", profile_id, tag)
    else:
        # ~360 KB in one transaction: long enough that kills land while its pages are
        # being written, which is what catches a missing journal.
        with store.batch():
            for part in "abc":
                store.create_profile(f"B{tag}{part}", notes="라" * 40000)
        report("batch", 0, tag)
"""


@dataclass
class Reported:
    """What the writers said they committed, as the test must find it."""

    profiles: set[str] = field(default_factory=set)
    clinics: set[str] = field(default_factory=set)
    answers: set[tuple[int, str]] = field(default_factory=set)
    notes: dict[int, tuple[int, int]] = field(default_factory=dict)  # profile id -> newest (gen, n)
    batches: set[str] = field(default_factory=set)
    edits: int = 0

    def take(self, lines: list[str]) -> None:
        for line in lines:
            parts = line.split()
            if len(parts) != 3:
                continue  # "ready", or a line cut short by the kill
            kind, ident, tag = parts[0], int(parts[1]), parts[2]
            self.edits += 1
            if kind == "profile":
                self.profiles.add(f"P{tag}")
            elif kind == "clinic":
                self.clinics.add(f"C{tag}")
            elif kind == "answer":
                self.answers.add((ident, f"q{tag}"))
            elif kind == "notes":
                self.notes[ident] = max(self.notes.get(ident, (0, 0)), _order(tag))
            elif kind == "batch":
                self.batches.add(tag)


def _order(tag: str) -> tuple[int, int]:
    gen, n = tag.split(".")
    return int(gen), int(n)


def _spawn(path: Path, seed: int, gen: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(seed), str(gen), str(ROOT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _check(path: Path, reported: Reported, *, read_only: bool) -> None:
    """Open the file as the next StemPrep would, and find everything reported."""
    if read_only:  # leaves a hot WAL for the next writer to recover
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    else:  # recovers and checkpoints the WAL itself
        conn = sqlite3.connect(path)
    with contextlib.closing(conn):
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'profiles'").fetchone():
            assert reported.edits == 0  # killed while creating the file: nothing was promised yet
            return
        names = {r[0] for r in conn.execute("SELECT name FROM profiles")}
        assert reported.profiles <= names, sorted(reported.profiles - names)[:5]
        clinic_names = {r[0] for r in conn.execute("SELECT name FROM clinics")}
        assert reported.clinics <= clinic_names, sorted(reported.clinics - clinic_names)[:5]
        answers = set(conn.execute("SELECT clinic_id, question_id FROM answers").fetchall())
        assert reported.answers <= answers, sorted(reported.answers - answers)[:5]
        notes = dict(conn.execute("SELECT id, substr(notes, 1, 24) FROM profiles WHERE notes LIKE 'N%'").fetchall())
        for profile_id, newest in reported.notes.items():
            saved = notes.get(profile_id, "N0.0").split()[0][1:]
            assert _order(saved) >= newest, (profile_id, saved, newest)
        groups: dict[str, int] = defaultdict(int)
        for name in names:
            if name.startswith("B"):
                groups[name[1:-1]] += 1
        assert all(size == 3 for size in groups.values()), "a batch was saved in part"
        assert reported.batches <= set(groups)


def test_killed_writers_lose_nothing_they_reported(tmp_path: Path) -> None:
    path = tmp_path / "stemprep.db"
    rng = random.Random(SEED)
    reported = Reported()
    started = time.monotonic()
    writer = _spawn(path, rng.randrange(2**31), 1)
    mid_open_kills = 0
    for gen in range(1, KILLS + 1):
        assert writer.stdin is not None and writer.stdout is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
        upcoming = _spawn(path, rng.randrange(2**31), gen + 1)  # imports while this one writes
        if rng.random() < 0.2:
            # Sometimes while it is still opening, migrating or making its first edits.
            mid_open_kills += 1
            time.sleep(rng.uniform(0.0, 0.15))
        else:
            ready = writer.stdout.readline()
            assert ready == "ready\n", ready + (writer.stderr.read() if writer.stderr else "")
            time.sleep(rng.uniform(0.005, 0.080))
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, f"the writer failed on its own:\n{err}"
        reported.take(out.splitlines())
        _check(path, reported, read_only=gen % 2 == 0)
        writer = upcoming
    writer.stdin.close()  # type: ignore[union-attr]
    writer.wait(timeout=30)

    with Store.open(path) as store:  # and the app itself still opens it cleanly
        assert store.profile_count() >= len(reported.profiles)
    print(
        f"\n{KILLS} kills ({mid_open_kills} while opening), {reported.edits} reported edits all present, "
        f"{time.monotonic() - started:.1f} s"
    )
    assert reported.edits > KILLS, "the writers hardly wrote anything; the kills proved little"
