"""Finding a patient among thousands: the search text behind the profile list, and its query.

A facilitator types part of a name, a condition, a clinic or a city, in English or
Korean, and expects the list to follow each keystroke. Each profile has one
case-folded line of searchable text; words of three or more characters go through
an FTS5 trigram index, and shorter ones (one- and two-syllable Korean words such as
무릎 "knee") fall back to LIKE on the same text.
"""

from __future__ import annotations

import functools
import sqlite3
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from resources import resource_path

#: A patient's next consultation: the earliest appointment from today on (None if none is booked).
NEXT_APPOINTMENT_SQL = (
    "(SELECT min(c.appointment) FROM clinics c"
    " WHERE c.profile_id = p.id AND c.appointment >= date('now', 'localtime'))"
)
_CLINIC_COUNT = "(SELECT count(*) FROM clinics c WHERE c.profile_id = p.id)"

SORTS = {
    "updated": "p.updated_at DESC, p.id DESC",
    "name": "p.name COLLATE NOCASE ASC, p.id ASC",
    "condition": "p.condition ASC, p.updated_at DESC, p.id DESC",
    "travel": "p.travel_start IS NULL ASC, p.travel_start ASC, p.travel_window = '' ASC, p.travel_window ASC, p.id ASC",
    "appointment": f"{NEXT_APPOINTMENT_SQL} IS NULL ASC, {NEXT_APPOINTMENT_SQL} ASC, p.id ASC",
    "clinics": f"{_CLINIC_COUNT} ASC, p.id ASC",
}
#: The same orders the other way round (a click on a worklist column's header); empty values stay last.
REVERSED_SORTS = {
    "updated": "p.updated_at ASC, p.id ASC",
    "name": "p.name COLLATE NOCASE DESC, p.id DESC",
    "condition": "p.condition DESC, p.updated_at DESC, p.id DESC",
    "travel": "p.travel_start IS NULL ASC, p.travel_start DESC, p.travel_window = '' ASC, p.travel_window DESC, p.id DESC",
    "appointment": f"{NEXT_APPOINTMENT_SQL} IS NULL ASC, {NEXT_APPOINTMENT_SQL} DESC, p.id DESC",
    "clinics": f"{_CLINIC_COUNT} DESC, p.id DESC",
}


@dataclass(frozen=True, slots=True)
class ProfileQuery:
    """What the profile list is showing: search text, filters and sort order.

    `travel_month` is "YYYY-MM" and matches profiles whose travel months include it;
    `progress` is "not-started" (no answers yet) or "in-progress" (some answered).
    """

    text: str = ""
    condition: str | None = None
    travel_month: str | None = None
    progress: str | None = None
    sort: str = "updated"
    descending: bool = False  # `sort` the other way round


def normalise(text: str) -> str:
    """The form both the index and the query are compared in: NFC, case-folded."""
    return unicodedata.normalize("NFC", text).casefold()


@functools.cache
def _condition_names() -> dict[str, str]:
    """Each condition id with its English and Korean names, so "무릎" finds knee OA."""
    try:
        with open(resource_path("conditions.toml"), "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {
        c["id"]: f"{c.get('en', '')} {c.get('ko', '')}" for c in data.get("condition", []) if "id" in c
    }


def search_body(conn: sqlite3.Connection, profile_id: int) -> str:
    """The searchable line for one profile, built from what is saved now."""
    row = conn.execute(
        "SELECT name, condition, diagnosis, languages, travel_window FROM profiles WHERE id = ?",
        [profile_id],
    ).fetchone()
    if row is None:
        return ""
    name, condition, diagnosis, languages, travel = row
    clinics = conn.execute(
        "SELECT name, city, treatment FROM clinics WHERE profile_id = ?", [profile_id]
    ).fetchall()
    return compose_search_body(
        {"name": name, "condition": condition, "diagnosis": diagnosis, "languages": languages,
         "travel_window": travel},
        [{"name": n, "city": c, "treatment": t} for n, c, t in clinics],
    )


def compose_search_body(profile: Mapping[str, Any], clinics: Iterable[Mapping[str, Any]]) -> str:
    """The searchable line from a profile's values and its clinics' values."""
    condition = profile.get("condition") or "other"
    parts = [profile.get("name", ""), condition, _condition_names().get(condition, ""),
             profile.get("diagnosis", ""), profile.get("languages", ""), profile.get("travel_window", "")]
    for clinic in clinics:
        parts += [clinic.get("name", ""), clinic.get("city", ""), clinic.get("treatment", "")]
    return normalise(" | ".join(p for p in parts if p))


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def where_clause(query: ProfileQuery) -> tuple[str, list[Any]]:
    """SQL conditions on `profiles p` for `query`, with their parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    words = normalise(query.text).split()
    long_words = [w for w in words if len(w) >= 3]
    short_words = [w for w in words if len(w) < 3]
    if long_words:
        clauses.append("p.id IN (SELECT rowid FROM profile_fts WHERE profile_fts MATCH ?)")
        params.append(" AND ".join(_fts_phrase(w) for w in long_words))
    for word in short_words:
        # Both sides are already case-folded, so a plain substring test finds the same rows as LIKE, faster.
        clauses.append(
            "EXISTS (SELECT 1 FROM profile_search_text t WHERE t.profile_id = p.id AND instr(t.body, ?) > 0)"
        )
        params.append(word)
    if query.condition:
        clauses.append("p.condition = ?")
        params.append(query.condition)
    if query.travel_month:
        clauses.append("p.travel_start <= ? AND coalesce(p.travel_end, p.travel_start) >= ?")
        params += [query.travel_month, query.travel_month]
    if query.progress == "not-started":
        clauses.append("NOT EXISTS (SELECT 1 FROM answers a WHERE a.profile_id = p.id AND a.status = 'answered')")
    elif query.progress == "in-progress":
        clauses.append("EXISTS (SELECT 1 FROM answers a WHERE a.profile_id = p.id AND a.status = 'answered')")
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return where, params


def order_clause(query: ProfileQuery) -> str:
    orders = REVERSED_SORTS if query.descending else SORTS
    return f"ORDER BY {orders.get(query.sort, orders['updated'])}"
