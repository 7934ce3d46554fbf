"""The schema, built only by numbered migrations.

A released migration is never edited: a change to the schema is a new function at
the end. Each runs in its own transaction (sqlite-utils `Migrations`), so a crash
half-way leaves the previous schema intact.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from db.records import ANSWER_STATUSES, CONDITIONS

migrations = Migrations("stemprep")


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
            languages TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            condition TEXT NOT NULL DEFAULT 'other' CHECK (condition IN ({_sql_list(CONDITIONS)})),
            diagnosis TEXT NOT NULL DEFAULT '',
            diagnosed TEXT NOT NULL DEFAULT '',
            kl_grade INTEGER CHECK (kl_grade IS NULL OR kl_grade BETWEEN 0 AND 4),
            mrs INTEGER CHECK (mrs IS NULL OR mrs BETWEEN 0 AND 6),
            hoehn_yahr REAL CHECK (hoehn_yahr IS NULL OR hoehn_yahr BETWEEN 1 AND 5),
            lvef INTEGER CHECK (lvef IS NULL OR lvef BETWEEN 1 AND 100),
            medicines TEXT NOT NULL DEFAULT '',
            allergies TEXT NOT NULL DEFAULT '',
            other_conditions TEXT NOT NULL DEFAULT '',
            prior_treatments TEXT NOT NULL DEFAULT '',
            imaging TEXT NOT NULL DEFAULT '',
            goals TEXT NOT NULL DEFAULT '',
            budget TEXT NOT NULL DEFAULT '',
            travel_window TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            synthetic INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX profiles_updated ON profiles (updated_at DESC)")
    db.execute("CREATE INDEX profiles_condition ON profiles (condition)")
    db.execute(
        """
        CREATE TABLE clinics (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            city TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            facilitator TEXT NOT NULL DEFAULT '',
            treatment TEXT NOT NULL DEFAULT '',
            cell_source TEXT NOT NULL DEFAULT '',
            price REAL CHECK (price IS NULL OR price >= 0),
            currency TEXT NOT NULL DEFAULT '',
            claimed_credentials TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX clinics_profile ON clinics (profile_id, position)")
    db.execute(
        """
        CREATE TABLE custom_questions (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            text_en TEXT NOT NULL,
            text_ko TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT 'custom',
            priority TEXT NOT NULL DEFAULT 'recommended'
                CHECK (priority IN ('essential', 'recommended', 'optional')),
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX custom_questions_profile ON custom_questions (profile_id, position)")
    db.execute(
        f"""
        CREATE TABLE answers (
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            clinic_id INTEGER NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'to-ask' CHECK (status IN ({_sql_list(ANSWER_STATUSES)})),
            value TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            flagged INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (clinic_id, question_id)
        )
        """
    )
    db.execute("CREATE INDEX answers_profile ON answers (profile_id)")
    db.execute(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """
    )


def latest_version() -> str:
    """The name of the newest migration: the schema version this code writes."""
    return migrations._migrations[-1].name


def apply_migrations(db: Database) -> list[str]:
    """Bring `db` to the newest schema; returns the names of the migrations applied."""
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        migrations.apply(db)
    return pending


@migrations(name="m002_profile_search")
def m002_profile_search(db: Database) -> None:
    """Search as you type over names, conditions, clinics and cities, in English and Korean.

    `profile_search_text` holds one case-folded line per profile (kept up to date by
    the Store); an FTS5 trigram index over it answers substrings of three or more
    characters, and short Korean words such as 무릎 fall back to LIKE on the same text.
    """
    from db.search import search_body  # the body's recipe lives with the queries

    db.execute(
        """
        CREATE TABLE profile_search_text (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
            body TEXT NOT NULL
        )
        """
    )
    db.execute(
        "CREATE VIRTUAL TABLE profile_fts USING fts5("
        "body, content='profile_search_text', content_rowid='profile_id', tokenize='trigram')"
    )
    db.execute(
        """
        CREATE TRIGGER profile_search_ai AFTER INSERT ON profile_search_text BEGIN
            INSERT INTO profile_fts (rowid, body) VALUES (new.profile_id, new.body);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER profile_search_ad AFTER DELETE ON profile_search_text BEGIN
            INSERT INTO profile_fts (profile_fts, rowid, body) VALUES ('delete', old.profile_id, old.body);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER profile_search_au AFTER UPDATE ON profile_search_text BEGIN
            INSERT INTO profile_fts (profile_fts, rowid, body) VALUES ('delete', old.profile_id, old.body);
            INSERT INTO profile_fts (rowid, body) VALUES (new.profile_id, new.body);
        END
        """
    )
    db.execute("CREATE INDEX profiles_name ON profiles (name COLLATE NOCASE)")
    db.execute("CREATE INDEX profiles_travel ON profiles (travel_window)")
    for (profile_id,) in db.execute("SELECT id FROM profiles").fetchall():
        db.execute(
            "INSERT INTO profile_search_text (profile_id, body) VALUES (?, ?)",
            [profile_id, search_body(db.conn, profile_id)],
        )


@migrations(name="m003_profile_uid")
def m003_profile_uid(db: Database) -> None:
    """A stable identity for each profile, so a profile file imported twice is recognised."""
    import uuid

    db.execute("ALTER TABLE profiles ADD COLUMN uid TEXT")
    for (profile_id,) in db.execute("SELECT id FROM profiles").fetchall():
        db.execute("UPDATE profiles SET uid = ? WHERE id = ?", [uuid.uuid4().hex, profile_id])
    db.execute("CREATE UNIQUE INDEX profiles_uid ON profiles (uid)")


@migrations(name="m004_recent_index")
def m004_recent_index(db: Database) -> None:
    """The profile list's default order (most recently changed first) read straight from an index."""
    db.execute("CREATE INDEX profiles_recent ON profiles (updated_at DESC, id DESC)")


@migrations(name="m005_consultation")
def m005_consultation(db: Database) -> None:
    """What the patient prepares for each consultation, beyond the answers.

    - `question_picks`: the questions the patient chose to ask, in their order. A profile
      whose `picks_chosen` is 0 has never changed the pick and follows the bank's default
      for its condition; once the patient picks or unpicks, the whole list is stored.
    - `flag_dismissals`: red flags the patient judged not a concern for one clinic, with
      the patient's note (kept, and printed as dismissed in their notebook).
    - `document_ticks`: the documents to bring that the patient has ticked off.
    - each clinic's consultation appointment, its place and the interpreter.
    """
    db.execute("ALTER TABLE profiles ADD COLUMN picks_chosen INTEGER NOT NULL DEFAULT 0")
    db.execute(
        """
        CREATE TABLE question_picks (
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (profile_id, question_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE flag_dismissals (
            clinic_id INTEGER NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
            rule_id TEXT NOT NULL,
            note TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (clinic_id, rule_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE document_ticks (
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            document_id TEXT NOT NULL,
            PRIMARY KEY (profile_id, document_id)
        )
        """
    )
    db.execute("ALTER TABLE clinics ADD COLUMN appointment TEXT")
    db.execute("ALTER TABLE clinics ADD COLUMN appointment_place TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE clinics ADD COLUMN interpreter TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX clinics_appointment ON clinics (appointment) WHERE appointment IS NOT NULL")


@migrations(name="m009_search_prefix")
def m009_search_prefix(db: Database) -> None:
    """Short search words ("ma", "무릎") from an index instead of reading every profile's text.

    `profile_word_start` holds, for each profile, the first one and two characters of
    every word of its search text, and every one and two syllables of a Korean word
    (`db.search.word_starts`); the Store keeps it up to date with the text.
    """
    from db.search import word_starts  # the keys' recipe lives with the queries

    db.execute(
        """
        CREATE TABLE profile_word_start (
            prefix TEXT NOT NULL,
            profile_id INTEGER NOT NULL,
            PRIMARY KEY (prefix, profile_id)
        ) WITHOUT ROWID
        """
    )
    rows = sorted(
        (key, profile_id)
        for profile_id, body in db.execute("SELECT profile_id, body FROM profile_search_text").fetchall()
        for key in word_starts(body)
    )
    db.conn.executemany("INSERT INTO profile_word_start (prefix, profile_id) VALUES (?, ?)", rows)
