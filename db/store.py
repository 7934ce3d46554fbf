"""The patient's file: profiles, clinics, answers and custom questions in one SQLite database.

`Store` is the only door to the data. It opens the file owner-only, in WAL mode with
synchronous=FULL (so an edit that returned is on disk even if the power goes), brings
the schema up to date through numbered migrations, validates what is written, and
hands back frozen records. Every write is one transaction.

It works over plain `sqlite3`: sqlite-utils, which runs the migrations, is imported
only when a file has one pending (see `db.versions`), so the window and the commands
that read start without it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from db import backup, integrity, lock
from db.connection import StoreConnection, mends_derived_tables
from db.errors import (
    DatabaseUnavailable,
    InvalidValue,
    NotFound,
    explain_sqlite_error,
)
from db.fields import check_text, clean_clinic_values, clean_profile_values, travel_window_reversed
from db.opening import (
    check_usable,
    check_writable,
    make_private_file,
    repair_companions,
)
from db.preparation import PreparationQueries
from db.records import (
    ANSWER_STATUSES,
    Answer,
    Clinic,
    ClinicId,
    NewProfile,
    Profile,
    ProfileId,
    ProfileSummary,
)
from db.rows import answer_from_row, now_iso, profile_from_row, record
from db.search import (
    ProfileQuery,
    compose_search_body,
    index_count,
    index_word_starts,
    order_clause,
    search_body,
    where_clause,
)
from db.tallies import TallyQueries
from db.versions import pending_versions

log = logging.getLogger("stemprep.store")

def _would_migrate(path: Path) -> bool:
    """Whether opening `path` would migrate it, read without changing it; True when it cannot be read."""
    try:
        conn = integrity.read_only_connection(path)
        try:
            return bool(pending_versions(conn))
        finally:
            conn.close()
    except sqlite3.Error:
        return True  # the quick check then says what is wrong



def _new_uid() -> str:
    """A profile's lasting identity, unique across computers (for profile files)."""
    import uuid  # here: it brings `platform` and its regular expressions, which nothing at start needs

    return uuid.uuid4().hex

class Store(StoreConnection, PreparationQueries, TallyQueries):
    """An open StemPrep database. Not shared between threads: open one per thread."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, writer_lock: lock.WriterLock | None = None) -> None:
        super().__init__(conn, path, writer_lock=writer_lock)
        #: Each condition id's names in both languages, so that searching "무릎" finds knee OA;
        #: given by the layer that knows the conditions (the question bank).
        self.condition_names: Mapping[str, str] = {}

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, migrate: bool = True, read_only: bool = False, check: bool = True
    ) -> Store:
        """Open (creating if needed) the database at `path`, ready to use.

        Raises `DatabaseUnavailable` with a readable sentence when the file cannot be
        used: a folder, a device or a pipe, a file it may not read, a file that is not
        a database, a full disk; `DatabaseReadOnly` when the file may be read but not
        written (before anything is created beside it: open it with `read_only=True`);
        `DatabaseDamaged` (naming the newest good backup) when the patient's own tables
        in an existing file fail SQLite's quick check, leaving it untouched (damage in the
        search index is mended when met: see `db.connection`); `DatabaseInUse` when another running
        StemPrep has it open for writing (one writer per file, see `db.lock`).

        Deleted content is overwritten with zeros (``secure_delete``), and an existing
        file is backed up before any migration changes it. `read_only=True` takes no
        lock and never creates, migrates or writes, nor leaves -wal/-shm files beside a
        file it may not write: for commands that only read, which may then run beside an
        open StemPrep window, and for a file StemPrep may only read.

        `check=False` leaves the quick check to the caller (the window
        runs it on a worker after its first paint), unless the file is about to be
        migrated: a damaged file is never migrated.
        """
        path = Path(path)
        exists = check_usable(path)
        if read_only:
            if not exists:
                raise DatabaseUnavailable(f"There is no StemPrep file at {path} yet.")
            return cls._open_read_only(path)
        if exists:
            check_writable(path)
        try:
            if not path.parent.exists():
                path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        except OSError as error:
            raise explain_sqlite_error(error, path) from error
        writer = lock.acquire(path)
        try:
            existed = path.is_file() and path.stat().st_size > 0
            repair_companions(path)
            if existed and (check or (migrate and _would_migrate(path))):
                integrity.ensure_intact(path, backup.newest_good_backup)
            make_private_file(path)
            conn = sqlite3.connect(path, timeout=5.0)
        except BaseException as error:
            writer.release()
            if isinstance(error, (OSError, sqlite3.Error)):
                raise explain_sqlite_error(error, path) from error
            raise
        try:
            conn.execute("PRAGMA schema_version").fetchone()  # fails fast on a non-database
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA secure_delete = ON")
            if str(mode).lower() != "wal":
                raise DatabaseUnavailable(f"StemPrep could not switch {path} to its safe writing mode.")
            store = cls(conn, path, writer_lock=writer)
            applied: list[str] = []
            if migrate and pending_versions(conn):
                has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
                if existed and has_tables:
                    backup.write_backup(store)  # a failed backup stops the migration
                applied = store.migrate()
            log.info("opened the database for writing%s", f"; migrated {', '.join(applied)}" if applied else "")
            return store
        except BaseException as error:
            conn.close()
            writer.release()
            if isinstance(error, (OSError, sqlite3.Error)):
                raise explain_sqlite_error(error, path) from error
            raise

    @classmethod
    def _open_read_only(cls, path: Path) -> Store:
        integrity.ensure_intact(path, backup.newest_good_backup)
        try:
            conn = integrity.read_only_connection(path)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
            outdated = has_tables and bool(pending_versions(conn))
        except sqlite3.Error as error:
            raise explain_sqlite_error(error, path) from error
        if outdated:
            conn.close()
            raise DatabaseUnavailable(
                f"{path} was saved by an older StemPrep and must be brought up to date before it can be "
                "read, which needs permission to write it. Make the file writable and try again."
            )
        log.info("opened the database for reading")
        return cls(conn, path)

    def migrate(self) -> list[str]:
        """Apply pending migrations; returns their names.

        sqlite-utils, which runs them, is imported only when one is pending.
        """
        with self._errors():
            if not pending_versions(self._conn):
                return []
            from sqlite_utils import Database

            from db.migrations import apply_migrations

            return apply_migrations(Database(self._conn, execute_plugins=False))

    # --------------------------------------------------------------- profiles

    @mends_derived_tables
    def create_profile(self, name: str, *, synthetic: bool = False, uid: str | None = None,
                       **values: Any) -> Profile:
        """A new profile; `uid` is kept when a profile file brings one, else made fresh."""
        clean = clean_profile_values({"name": name, **values}, creating=True)
        uid = uid or _new_uid()
        stamp = now_iso()
        with self._writing() as db:
            if db.execute("SELECT 1 FROM profiles WHERE uid = ?", [uid]).fetchone():
                raise InvalidValue("A profile with the same identity is already saved on this computer.")
            cursor = db.execute(
                f"INSERT INTO profiles ({', '.join(clean)}, synthetic, condition_chosen, uid, created_at, "
                f"updated_at) VALUES ({', '.join('?' for _ in clean)}, ?, ?, ?, ?, ?)",
                [*clean.values(), int(synthetic), int("condition" in clean), uid, stamp, stamp],
            )
            profile_id = ProfileId(cursor.lastrowid or 0)
            self._reindex(db, profile_id)
        return self.profile(profile_id)

    @mends_derived_tables
    def update_profile(self, profile_id: ProfileId, **values: Any) -> Profile:
        clean = clean_profile_values(values, creating=False)
        if not clean:
            return self.profile(profile_id)
        if "travel_start" in clean or "travel_end" in clean:
            saved = self.profile(profile_id)
            start = clean.get("travel_start", saved.travel_start)
            end = clean.get("travel_end", saved.travel_end)
            if start and end and end < start:
                raise travel_window_reversed()
        chosen = ", condition_chosen = 1" if "condition" in clean else ""
        with self._writing() as db:
            cursor = db.execute(
                f"UPDATE profiles SET {', '.join(f'{k} = ?' for k in clean)}{chosen}, updated_at = ? WHERE id = ?",
                [*clean.values(), now_iso(), profile_id],
            )
            if cursor.rowcount == 0:
                raise NotFound(f"There is no profile with id {profile_id}.")
            self._reindex(db, profile_id)
        return self.profile(profile_id)

    def profile(self, profile_id: int) -> Profile:
        rows = self._rows("SELECT * FROM profiles WHERE id = ?", (profile_id,))
        if not rows:
            raise NotFound(f"There is no profile with id {profile_id}.")
        return profile_from_row(rows[0])

    @mends_derived_tables
    def add_profiles_bulk(self, profiles: Sequence[NewProfile]) -> list[ProfileId]:
        """Add many profiles with their clinics and answers in one transaction, quickly.

        Validates like `create_profile`, `add_clinic` and `save_answer`, but writes with
        a few batched statements: ten thousand sample profiles take seconds, not minutes.
        """
        stamp = now_iso()
        made: list[ProfileId] = []
        with self._writing() as db:
            conn = db
            for new in profiles:
                values = clean_profile_values(new.values, creating=True)
                cursor = conn.execute(
                    f"INSERT INTO profiles ({', '.join(values)}, synthetic, condition_chosen, uid, created_at, "
                    f"updated_at) VALUES ({', '.join('?' for _ in values)}, ?, ?, ?, ?, ?)",
                    [*values.values(), int(new.synthetic), int("condition" in values), _new_uid(), stamp, stamp],
                )
                profile_id = ProfileId(cursor.lastrowid or 0)
                made.append(profile_id)
                clinic_values = []
                for position, new_clinic in enumerate(new.clinics):
                    clean = clean_clinic_values(new_clinic.values, creating=True)
                    clinic_values.append(clean)
                    cursor = conn.execute(
                        f"INSERT INTO clinics (profile_id, {', '.join(clean)}, position, created_at, updated_at) "
                        f"VALUES (?, {', '.join('?' for _ in clean)}, ?, ?, ?)",
                        [profile_id, *clean.values(), position, stamp, stamp],
                    )
                    clinic_id = cursor.lastrowid
                    rows = []
                    for answer in new_clinic.answers:
                        status = answer.get("status", "answered")
                        if status not in ANSWER_STATUSES:
                            raise InvalidValue(f"'{status}' is not an answer status.")
                        rows.append([profile_id, clinic_id, answer["question_id"], status,
                                     str(answer.get("value", "")), str(answer.get("text", "")),
                                     int(bool(answer.get("flagged", False))), stamp, stamp])
                    conn.executemany(
                        "INSERT INTO answers (profile_id, clinic_id, question_id, status, value, text, flagged, "
                        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows,
                    )
                body = compose_search_body(values, clinic_values, self.condition_names)
                conn.execute("INSERT INTO profile_search_text (profile_id, body) VALUES (?, ?)", [profile_id, body])
                index_word_starts(conn, profile_id, "", body)
        return made

    def profile_by_uid(self, uid: str) -> Profile | None:
        """The profile with this stable identity, if it is saved here."""
        rows = self._rows("SELECT * FROM profiles WHERE uid = ?", (uid,))
        return profile_from_row(rows[0]) if rows else None

    def profile_count(self) -> int:
        return int(self._rows("SELECT count(*) AS n FROM profiles")[0]["n"])

    @mends_derived_tables
    def list_profiles(
        self,
        query: ProfileQuery | None = None,
        *,
        condition: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ProfileSummary]:
        """Profiles matching `query` (all, newest first, by default), as the list shows them."""
        query = query or ProfileQuery(condition=condition)
        with self._errors():
            where, params = where_clause(self._conn, query, wanted=offset + (limit or 10**9))
        paging = ""
        if limit is not None:
            paging = "LIMIT ? OFFSET ?"
            params += [limit, offset]
        order = order_clause(query)
        # Pick the page first, then summarise only its rows: a keystroke in the search box
        # costs one page of summaries, not one per match.
        rows = self._rows(
            f"""
            WITH page AS (SELECT p.id FROM profiles p {where} {order} {paging})
            SELECT p.id, p.name, p.condition, p.condition_chosen, p.travel_window, p.travel_start, p.travel_end,
                   p.updated_at, p.synthetic,
                   (SELECT group_concat(c.name, ', ') FROM clinics c WHERE c.profile_id = p.id) AS clinic_names,
                   (SELECT group_concat(DISTINCT c.city) FROM clinics c WHERE c.profile_id = p.id AND c.city != '') AS cities,
                   (SELECT count(*) FROM answers a WHERE a.profile_id = p.id AND a.status = 'answered') AS answered
            FROM page JOIN profiles p ON p.id = page.id
            {order}
            """,
            tuple(params),
        )
        return [
            ProfileSummary(
                id=ProfileId(r["id"]),
                name=r["name"],
                condition=r["condition"],
                clinic_names=r["clinic_names"] or "",
                cities=r["cities"] or "",
                travel_window=r["travel_window"],
                travel_start=r["travel_start"],
                travel_end=r["travel_end"],
                answered=r["answered"],
                updated_at=r["updated_at"],
                synthetic=bool(r["synthetic"]),
                condition_chosen=bool(r["condition_chosen"]),
            )
            for r in rows
        ]

    @mends_derived_tables
    def count_profiles(self, query: ProfileQuery | None = None, *, at_most: int | None = None) -> int:
        """How many profiles match `query` (all by default); with `at_most`, counting stops there.

        A search word that matches tens of thousands of profiles is counted in
        milliseconds up to a limit, and in tens of milliseconds to the end.
        """
        query = query or ProfileQuery()
        by_index = index_count(query)
        if by_index is not None and at_most is not None:
            sql, params = by_index
            return int(self._rows(f"SELECT ({sql}) AS n", (*params, at_most))[0]["n"])
        with self._errors():
            where, params = where_clause(self._conn, query, wanted=at_most or 10**9)
        if at_most is None:
            return int(self._rows(f"SELECT count(*) AS n FROM profiles p {where}", tuple(params))[0]["n"])
        return int(self._rows(
            f"SELECT count(*) AS n FROM (SELECT 1 FROM profiles p {where} LIMIT ?)", (*params, at_most)
        )[0]["n"])

    @mends_derived_tables
    def delete_profile(self, profile_id: ProfileId) -> None:
        """Delete a profile with its clinics, answers and custom questions (backups aside)."""
        with self._writing() as db:
            old = db.execute("SELECT body FROM profile_search_text WHERE profile_id = ?", [profile_id]).fetchone()
            index_word_starts(db, profile_id, old[0] if old else "", "")
            cursor = db.execute("DELETE FROM profiles WHERE id = ?", [profile_id])
            if cursor.rowcount == 0:
                raise NotFound(f"There is no profile with id {profile_id}.")
            # Merge the search index so the deleted words leave its pages too (with
            # secure_delete on, the freed pages are zeroed).
            db.execute("INSERT INTO profile_fts (profile_fts) VALUES ('optimize')")

    def _touch_profile(self, db: sqlite3.Connection, profile_id: int, *, reindex: bool = False) -> None:
        db.execute("UPDATE profiles SET updated_at = ? WHERE id = ?", [now_iso(), profile_id])
        if reindex:
            self._reindex(db, profile_id)

    def _refill_search_index(self, conn: sqlite3.Connection) -> None:
        for (profile_id,) in conn.execute("SELECT id FROM profiles ORDER BY id").fetchall():
            self._reindex(conn, profile_id)

    def _reindex(self, db: sqlite3.Connection, profile_id: int) -> None:
        """Refresh the profile's search text after its name, condition or clinics changed."""
        old = db.execute("SELECT body FROM profile_search_text WHERE profile_id = ?", [profile_id]).fetchone()
        body = search_body(db, profile_id, self.condition_names)
        db.execute(
            "INSERT INTO profile_search_text (profile_id, body) VALUES (?, ?) "
            "ON CONFLICT (profile_id) DO UPDATE SET body = excluded.body",
            [profile_id, body],
        )
        index_word_starts(db, profile_id, old[0] if old else "", body)

    # ---------------------------------------------------------------- clinics

    @mends_derived_tables
    def add_clinic(self, profile_id: ProfileId, name: str, **values: Any) -> Clinic:
        self.profile(profile_id)
        clean = clean_clinic_values({"name": name, **values}, creating=True)
        stamp = now_iso()
        with self._writing() as db:
            position = db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM clinics WHERE profile_id = ?", [profile_id]
            ).fetchone()[0]
            cursor = db.execute(
                f"INSERT INTO clinics (profile_id, {', '.join(clean)}, position, created_at, updated_at) "
                f"VALUES (?, {', '.join('?' for _ in clean)}, ?, ?, ?)",
                [profile_id, *clean.values(), position, stamp, stamp],
            )
            clinic_id = ClinicId(cursor.lastrowid or 0)
            self._touch_profile(db, profile_id, reindex=True)
        return self.clinic(clinic_id)

    @mends_derived_tables
    def update_clinic(self, clinic_id: ClinicId, **values: Any) -> Clinic:
        clean = clean_clinic_values(values, creating=False)
        clinic = self.clinic(clinic_id)
        if not clean:
            return clinic
        with self._writing() as db:
            db.execute(
                f"UPDATE clinics SET {', '.join(f'{k} = ?' for k in clean)}, updated_at = ? WHERE id = ?",
                [*clean.values(), now_iso(), clinic_id],
            )
            self._touch_profile(db, clinic.profile_id, reindex=True)
        return self.clinic(clinic_id)

    def clinic(self, clinic_id: int) -> Clinic:
        rows = self._rows("SELECT * FROM clinics WHERE id = ?", (clinic_id,))
        if not rows:
            raise NotFound(f"There is no clinic with id {clinic_id}.")
        return record(Clinic, rows[0])

    def clinics_for(self, profile_id: int) -> list[Clinic]:
        rows = self._rows(
            "SELECT * FROM clinics WHERE profile_id = ? ORDER BY position, id", (profile_id,)
        )
        return [record(Clinic, r) for r in rows]

    @mends_derived_tables
    def delete_clinic(self, clinic_id: ClinicId) -> None:
        clinic = self.clinic(clinic_id)
        with self._writing() as db:
            db.execute("DELETE FROM clinics WHERE id = ?", [clinic_id])
            self._touch_profile(db, clinic.profile_id, reindex=True)

    # ---------------------------------------------------------------- answers

    def save_answer(
        self,
        clinic_id: ClinicId,
        question_id: str,
        *,
        status: str | None = None,
        value: str | None = None,
        text: str | None = None,
        flagged: bool | None = None,
    ) -> Answer:
        """Record (part of) what a clinic answered; fields left as None keep their value.

        Writing an answer's value or text without a status marks it "answered".
        """
        if not question_id or not isinstance(question_id, str):
            raise InvalidValue("An answer needs the id of its question.")
        if status is not None and status not in ANSWER_STATUSES:
            raise InvalidValue(f"'{status}' is not an answer status; use one of {', '.join(ANSWER_STATUSES)}.")
        for label, given in (("value", value), ("text", text)):
            if given is not None:
                check_text(f"The answer's {label}", given)
        clinic = self.clinic(clinic_id)
        stamp = now_iso()
        with self._writing() as db:
            row = db.execute(
                "SELECT status, value, text, flagged FROM answers WHERE clinic_id = ? AND question_id = ?",
                [clinic_id, question_id],
            ).fetchone()
            old_status, old_value, old_text, old_flagged = row or ("to-ask", "", "", 0)
            new_value = old_value if value is None else value
            new_text = old_text if text is None else text
            new_status = status
            if new_status is None:
                changed_content = (value is not None and value != old_value) or (
                    text is not None and text != old_text
                )
                has_content = bool(new_value.strip() or new_text.strip())
                new_status = "answered" if changed_content and has_content else old_status
            new_flagged = int(old_flagged if flagged is None else bool(flagged))
            db.execute(
                """
                INSERT INTO answers (profile_id, clinic_id, question_id, status, value, text, flagged,
                                     created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (clinic_id, question_id) DO UPDATE SET
                    status = excluded.status, value = excluded.value, text = excluded.text,
                    flagged = excluded.flagged, updated_at = excluded.updated_at
                """,
                [clinic.profile_id, clinic_id, question_id, new_status, new_value, new_text,
                 new_flagged, stamp, stamp],
            )
            self._touch_profile(db, clinic.profile_id)
        return self.answer(clinic_id, question_id)

    def answer(self, clinic_id: int, question_id: str) -> Answer:
        """The answer recorded, or an empty "to ask" answer if there is none yet."""
        rows = self._rows(
            "SELECT * FROM answers WHERE clinic_id = ? AND question_id = ?", (clinic_id, question_id)
        )
        if rows:
            return answer_from_row(rows[0])
        clinic = self.clinic(clinic_id)
        return Answer(profile_id=clinic.profile_id, clinic_id=ClinicId(clinic_id), question_id=question_id)

    def answers_for_clinic(self, clinic_id: int) -> dict[str, Answer]:
        rows = self._rows("SELECT * FROM answers WHERE clinic_id = ?", (clinic_id,))
        return {r["question_id"]: answer_from_row(r) for r in rows}

    def answers_for_profile(self, profile_id: int) -> list[Answer]:
        rows = self._rows(
            "SELECT * FROM answers WHERE profile_id = ? ORDER BY clinic_id, question_id", (profile_id,)
        )
        return [answer_from_row(r) for r in rows]

    # --------------------------------------------------------------- settings

    def setting(self, key: str, default: str = "") -> str:
        rows = self._rows("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0]["value"] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self._writing() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
