"""Finding a patient among thousands: the search text behind the profile list, and its query.

A facilitator types part of a name, a condition, a clinic or a city, in English or
Korean, and expects the list to follow each keystroke, at 100,000 patients too. Each
profile has one case-folded line of searchable text. A word of three or more characters
is found anywhere in it through an FTS5 trigram index. A shorter word is found where a
word of the text starts ("ma" finds Margaret, not Emma), or anywhere inside a Korean
word, whose names and terms are written without spaces ("영희" finds 김영희): the
`profile_word_start` index holds the first one and two characters of every word, and
every one and two syllables of a Korean word (`word_starts`).

Each keystroke first asks the indexes how many profiles each word matches, up to a
bound (a look of a few milliseconds). A word that matches few leads the query: its
profiles are read and the other words tested on them, at a cost that grows with its
matches. When every word matches many, the profiles are read in the list's own order
and each tested, at a cost that shrinks as matches get denser: the list's count stops
at `COUNTED` + 1 ("more than 1,000"), which takes about COUNTED × profiles / matches
rows. The two cost the same at matches = √(COUNTED × profiles), about 10,000 of
100,000; that is where the plan changes (`lead_limit`), so neither ever reads more.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from db.tallies import REVERSED_TALLY_SORTS, TALLY_SORTS

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
    **TALLY_SORTS,
}
#: The same orders the other way round (a click on a worklist column's header); empty values stay last.
REVERSED_SORTS = {
    "updated": "p.updated_at ASC, p.id ASC",
    "name": "p.name COLLATE NOCASE DESC, p.id DESC",
    "condition": "p.condition DESC, p.updated_at DESC, p.id DESC",
    "travel": "p.travel_start IS NULL ASC, p.travel_start DESC, p.travel_window = '' ASC, p.travel_window DESC, p.id DESC",
    "appointment": f"{NEXT_APPOINTMENT_SQL} IS NULL ASC, {NEXT_APPOINTMENT_SQL} DESC, p.id DESC",
    "clinics": f"{_CLINIC_COUNT} DESC, p.id DESC",
    **REVERSED_TALLY_SORTS,
}

#: A word matching at most this many profiles always leads the query (see the module docstring).
LEAD_LIMIT = 2000

#: The list counts up to this many matches (`Store.count_profiles(at_most=…)`), and shows a page.
COUNTED = 1000

_WORD = re.compile(r"\w+")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


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


def search_body(conn: sqlite3.Connection, profile_id: int, condition_names: Mapping[str, str]) -> str:
    """The searchable line for one profile, built from what is saved now (see `compose_search_body`)."""
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
        condition_names,
    )


def compose_search_body(
    profile: Mapping[str, Any], clinics: Iterable[Mapping[str, Any]], condition_names: Mapping[str, str]
) -> str:
    """The searchable line from a profile's values and its clinics' values.

    `condition_names` gives each condition id the words that find it ("knee
    osteoarthritis 무릎 골관절염" for knee-oa); the question bank knows them, so the
    layers above hand them to the Store (`Store.condition_names`).
    """
    condition = profile.get("condition") or "other"
    parts = [profile.get("name", ""), condition, condition_names.get(condition, ""),
             profile.get("diagnosis", ""), profile.get("languages", ""), profile.get("travel_window", "")]
    for clinic in clinics:
        parts += [clinic.get("name", ""), clinic.get("city", ""), clinic.get("treatment", "")]
    return normalise(" | ".join(p for p in parts if p))


def word_starts(body: str) -> set[str]:
    """The keys under which short search words find `body`: the first one and two characters
    of each word, and every one and two characters of a word with Korean letters in it.

    Changing this needs a migration that rebuilds `profile_word_start`: the Store removes a
    profile's old keys by computing them again from its old text.
    """
    keys: set[str] = set()
    for word in _WORD.findall(body):
        for start in range(len(word)) if _HANGUL.search(word) else (0,):
            keys.add(word[start:start + 1])
            if start + 2 <= len(word):
                keys.add(word[start:start + 2])
    return keys


def index_word_starts(conn: sqlite3.Connection, profile_id: int, old_body: str, new_body: str) -> None:
    """Bring a profile's keys in `profile_word_start` from `old_body`'s to `new_body`'s."""
    old, new = word_starts(old_body), word_starts(new_body)
    conn.executemany("DELETE FROM profile_word_start WHERE prefix = ? AND profile_id = ?",
                     [(key, profile_id) for key in old - new])
    conn.executemany("INSERT OR IGNORE INTO profile_word_start (prefix, profile_id) VALUES (?, ?)",
                     [(key, profile_id) for key in new - old])


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


@dataclass(frozen=True)
class _Term:
    """One search word, and the two ways of asking for it: leading the query, or tested per profile."""

    lead: str  # "p.id IN (…)": the profiles the index has for it
    count: str  # how many profiles the index has for it, up to a limit
    key: str  # what the index is asked
    test: str  # the same condition, on one profile p
    value: str  # what the test is given


def _terms(text: str) -> list[_Term] | None:
    """The search words of `text` as terms; None when a word can match nothing (only punctuation)."""
    terms: list[_Term] = []
    for word in normalise(text).split():
        if len(word) >= 3:
            terms.append(_Term(
                lead="p.id IN (SELECT rowid FROM profile_fts WHERE profile_fts MATCH ?)",
                count="SELECT count(*) FROM (SELECT 1 FROM profile_fts WHERE profile_fts MATCH ? LIMIT ?)",
                key=_fts_phrase(word),
                # Both sides are case-folded already: a substring test finds what the trigram index finds.
                test="EXISTS (SELECT 1 FROM profile_search_text t WHERE t.profile_id = p.id AND instr(t.body, ?) > 0)",
                value=word,
            ))
            continue
        parts = _WORD.findall(word)
        if not parts:
            return None
        for part in parts:
            terms.append(_Term(
                lead="p.id IN (SELECT profile_id FROM profile_word_start WHERE prefix = ?)",
                count="SELECT count(*) FROM (SELECT 1 FROM profile_word_start WHERE prefix = ? LIMIT ?)",
                key=part,
                test="EXISTS (SELECT 1 FROM profile_word_start s WHERE s.prefix = ? AND s.profile_id = p.id)",
                value=part,
            ))
    return terms


def where_clause(conn: sqlite3.Connection, query: ProfileQuery, *, wanted: int = COUNTED) -> tuple[str, list[Any]]:
    """SQL conditions on `profiles p` for `query`, with their parameters, to find `wanted` matches.

    Asks the indexes how many profiles each search word matches (a bounded look) to
    choose which word leads (see the module docstring).
    """
    clauses: list[str] = []
    params: list[Any] = []
    terms = _terms(query.text)
    if terms is None:
        clauses.append("0")
        terms = []
    lead = lead_term(conn, terms, lead_limit(conn, wanted)) if terms else None
    for term in terms:
        if term is lead:
            clauses.append(term.lead)
            params.append(term.key)
        else:
            clauses.append(term.test)
            params.append(term.value)
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


def lead_limit(conn: sqlite3.Connection, wanted: int) -> int:
    """The most matches a leading word may have to find `wanted`: √(wanted × profiles), at least `LEAD_LIMIT`."""
    if LEAD_LIMIT < 0:
        return LEAD_LIMIT  # no word leads (the tests compare both plans)
    newest = conn.execute("SELECT max(id) FROM profiles").fetchone()[0] or 0  # about the profile count, at once
    return max(LEAD_LIMIT, math.isqrt(wanted * newest))


def index_count(query: ProfileQuery) -> tuple[str, list[Any]] | None:
    """For one search word and nothing else: how to count its profiles from its index alone."""
    terms = _terms(query.text)
    if not terms or len(terms) != 1 or query.condition or query.travel_month or query.progress:
        return None
    # The indexes hold only existing profiles: the Store removes a deleted one's rows.
    return terms[0].count, [terms[0].key]


def lead_term(conn: sqlite3.Connection, terms: list[_Term], limit: int) -> _Term | None:
    """The term matching the fewest profiles, if it matches at most `limit`."""
    best: tuple[int, _Term] | None = None
    for term in terms:
        found = int(conn.execute(term.count, [term.key, limit + 1]).fetchone()[0])
        if found <= limit and (best is None or found < best[0]):
            best = (found, term)
    return best[1] if best else None


def order_clause(query: ProfileQuery) -> str:
    orders = REVERSED_SORTS if query.descending else SORTS
    return f"ORDER BY {orders.get(query.sort, orders['updated'])}"
