"""The schema, built only by numbered migrations.

A released migration is never edited: a change to the schema is a new function at
the end. Each runs in its own transaction (sqlite-utils `Migrations`), so a crash
half-way leaves the previous schema intact. A migration reads nothing from live code:
the lists, names and recipes it needs are written into it as they were when it was
released, so a later change elsewhere cannot change what an old migration does.

This module (and sqlite-utils with it) is imported only to migrate: whether a file
needs it is read with plain `sqlite3` against the names in `db.versions`, where a new
migration's name is added too.
"""

from __future__ import annotations

import re
import unicodedata

from sqlite_utils import Database, Migrations

from db.versions import MIGRATION_SET, VERSIONS

migrations = Migrations(MIGRATION_SET)


def apply_migrations(db: Database) -> list[str]:
    """Bring `db` to the newest schema; returns the names of the migrations applied."""
    registered = tuple(m.name for m in migrations.pending(Database(memory=True)))
    if registered != VERSIONS:  # a migration added here but not named in db.versions, or the other way
        raise RuntimeError(f"db.versions.VERSIONS {VERSIONS} does not match the migrations {registered}.")
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        migrations.apply(db)
    return pending


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
            languages TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            condition TEXT NOT NULL DEFAULT 'other' CHECK (condition IN ('knee-oa', 'stroke', 'parkinsons', 'heart', 'skin', 'other')),
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
        """
        CREATE TABLE answers (
            profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            clinic_id INTEGER NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'to-ask' CHECK (status IN ('to-ask', 'asked', 'answered', 'skipped')),
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


@migrations(name="m002_profile_search")
def m002_profile_search(db: Database) -> None:
    """Search as you type over names, conditions, clinics and cities, in English and Korean.

    `profile_search_text` holds one case-folded line per profile (kept up to date by
    the Store); an FTS5 trigram index over it answers substrings of three or more
    characters, and short Korean words such as 무릎 fall back to LIKE on the same text.
    """
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
            [profile_id, _m002_search_body(db, profile_id)],
        )


#: The condition names m002 indexed, as they were when it was released.
_M002_CONDITION_NAMES = {
    "knee-oa": "Knee osteoarthritis 무릎 골관절염",
    "stroke": "Stroke 뇌졸중",
    "parkinsons": "Parkinson's disease 파킨슨병",
    "heart": "Heart attack (myocardial infarction) 심근경색",
    "skin": "Skin, wounds and cosmetic use 피부·상처 및 미용 목적",
    "other": "Another condition 기타 질환",
}


def _m002_search_body(db: Database, profile_id: int) -> str:
    """One profile's search line by m002's recipe: its words joined by " | ", NFC, case-folded."""
    name, condition, diagnosis, languages, travel = db.execute(
        "SELECT name, condition, diagnosis, languages, travel_window FROM profiles WHERE id = ?", [profile_id]
    ).fetchone()
    parts = [name, condition, _M002_CONDITION_NAMES.get(condition, ""), diagnosis, languages, travel]
    for clinic in db.execute("SELECT name, city, treatment FROM clinics WHERE profile_id = ?", [profile_id]):
        parts += list(clinic)
    return unicodedata.normalize("NFC", " | ".join(p for p in parts if p)).casefold()


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


@migrations(name="m006_travel_months")
def m006_travel_months(db: Database) -> None:
    """When the patient can travel as a first and a last month ("YYYY-MM"), not free text.

    A month can be filtered and sorted on; "April–May 2027" typed as text could not.
    The old text becomes the two months where it reads as one month or a range of
    months, and is then cleared; where it does not ("after the harvest", "봄 2027"),
    it stays in `travel_window`, which is now the travel note. The reading of the old
    text is frozen here with the migration.
    """
    db.execute("ALTER TABLE profiles ADD COLUMN travel_start TEXT CHECK (travel_start IS NULL OR travel_start GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]')")
    db.execute("ALTER TABLE profiles ADD COLUMN travel_end TEXT CHECK (travel_end IS NULL OR travel_end GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]')")
    for profile_id, text in db.execute("SELECT id, travel_window FROM profiles WHERE travel_window != ''").fetchall():
        months = _m006_months(text)
        if months is not None:
            db.execute(
                "UPDATE profiles SET travel_start = ?, travel_end = ?, travel_window = '' WHERE id = ?",
                [months[0], months[1], profile_id],
            )
    db.execute("CREATE INDEX profiles_travel_start ON profiles (travel_start) WHERE travel_start IS NOT NULL")


_M006_MONTH_NAMES = (
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("sept", 9), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
)


def _m006_months(text: str) -> tuple[str, str] | None:
    """("YYYY-MM", "YYYY-MM") when all of `text` names one month or a range of months, else None.

    Reads "2027-04", "2027-04 – 2027-06", "April 2027", "Apr–May 2027", "December 2027 to
    January 2028", "2027년 4월", "2027년 4~5월". A season, a day or any other word is not read.
    """
    import re
    import unicodedata

    t = unicodedata.normalize("NFC", text).strip().casefold()
    t = re.sub(r"(\d{4})\s*[-/.]\s*(\d{1,2})(?!\d)", lambda m: f"{m[1]}y {int(m[2])}m", t)
    t = re.sub(r"(\d{4})\s*년", r"\1y ", t)
    t = re.sub(r"(\d{1,2})\s*[~–—-]\s*(\d{1,2})\s*월", lambda m: f"{int(m[1])}m ~ {int(m[2])}m", t)
    t = re.sub(r"(\d{1,2})\s*월", lambda m: f"{int(m[1])}m", t)
    for name, number in _M006_MONTH_NAMES:
        t = re.sub(rf"\b{name}\b\.?", f"{number}m", t)
    parts = [p for p in re.split(r"\s*(?:[~–—-]|\bto\b|\buntil\b|\bthrough\b|부터|까지)\s*", t) if p.strip()]
    if not 1 <= len(parts) <= 2:
        return None
    read: list[list[int | None]] = []
    for part in parts:
        match = re.fullmatch(r"(?:(\d{4})y\s*)?(\d{1,2})m(?:\s*,?\s*(\d{4}))?", part.strip())
        if match is None or not 1 <= int(match[2]) <= 12:
            return None
        year = match[1] or match[3]
        read.append([int(year) if year else None, int(match[2])])
    if len(read) == 1:
        read.append(list(read[0]))
    (start_year, start_month), (end_year, end_month) = read
    if start_year is None and end_year is None:
        return None
    borrowed = start_year is None
    start_year = end_year if start_year is None else start_year
    end_year = start_year if end_year is None else end_year
    assert start_year is not None and end_year is not None and start_month and end_month
    if (end_year, end_month) < (start_year, start_month):
        if not borrowed or start_month - end_month < 6:
            return None  # "May–April 2027" is more likely a slip than a year away
        start_year -= 1  # "December–January 2028" starts in December 2027
    return f"{start_year:04d}-{start_month:02d}", f"{end_year:04d}-{end_month:02d}"
@migrations(name="m007_condition_unset")
def m007_condition_unset(db: Database) -> None:
    """Whether the patient chose their condition, so a new profile does not start on "Another condition".

    The condition column keeps its default and check (rebuilding the profiles table would
    touch every row of every file); a new profile is stored with `condition_chosen` 0 until
    the patient picks one. Profiles saved before this kept the condition they showed.
    """
    db.execute("ALTER TABLE profiles ADD COLUMN condition_chosen INTEGER NOT NULL DEFAULT 1")
@migrations(name="m008_search_prefix")
def m008_search_prefix(db: Database) -> None:
    """Short search words ("ma", "무릎") from an index instead of reading every profile's text.

    `profile_word_start` holds, for each profile, the first one and two characters of
    every word of its search text, and every one and two syllables of a Korean word
    (`db.search.word_starts`); the Store keeps it up to date with the text.
    """
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
        for key in _m008_word_starts(body)
    )
    db.conn.executemany("INSERT INTO profile_word_start (prefix, profile_id) VALUES (?, ?)", rows)


def _m008_word_starts(body: str) -> set[str]:
    """m008's keys for one search line, as released: the first one and two characters of each
    word, and every one and two characters of a word with Korean letters in it."""
    keys: set[str] = set()
    for word in re.findall(r"\w+", body):
        korean = re.search(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]", word)
        for start in range(len(word)) if korean else (0,):
            keys.add(word[start:start + 1])
            if start + 2 <= len(word):
                keys.add(word[start:start + 2])
    return keys


@migrations(name="m009_profile_tallies")
def m009_profile_tallies(db: Database) -> None:
    """Each patient's counts for the worklist, kept so the list can be sorted by them in SQL.

    A tally is derived data: how many serious red flags the patient's clinics raised (not
    counting dismissed ones), and how many of the questions they picked every clinic has
    answered. It is fresh while `counted_for` equals the profile's `updated_at` and
    `content` is the digest of the questions and rules it was counted with; a missing or
    stale one is counted again. Deleting a profile deletes its tally.
    """
    db.execute(
        """
        CREATE TABLE profile_tallies (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
            counted_for TEXT NOT NULL,
            content TEXT NOT NULL,
            serious_flags INTEGER NOT NULL CHECK (serious_flags >= 0),
            answered INTEGER NOT NULL CHECK (answered >= 0),
            picked INTEGER NOT NULL CHECK (picked >= 0)
        )
        """
    )
