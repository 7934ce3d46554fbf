"""Each patient's counts for the worklist, kept beside the profile so the list sorts by them in SQL.

Counting a patient's serious red flags means running the red-flag rules over every
answer, which only the layer above knows how to do (about a millisecond a patient, ten
seconds at ten thousand). So the counts are kept in `profile_tallies`, one row a
patient, stamped with the profile's `updated_at` when they were counted (`counted_for`)
and with a digest of the questions and rules they were counted with (`content`). Every
change to what a patient prepared stamps the profile anew, so a tally whose stamp
differs is stale; new content makes every tally stale. Sorting the worklist by a count
is then an ORDER BY over the fresh tallies, stale ones last (`TALLY_SORTS`).

A tally is derived data: backups need not carry it (their digest leaves it out) and a
profile file never does; a missing or stale one is simply counted again. For the same
reason the quick check on opening leaves the table out, and damage SQLite meets in it
empties it (`db.connection.mends_derived_tables`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from sqlite3 import Connection
from typing import Any

from db.connection import mends_derived_tables
from db.records import Clinic, ProfileId
from db.rows import record

#: The patient's fresh tally, as an SQL expression over `profiles p` (NULL when missing or stale).
_FRESH = "FROM profile_tallies t WHERE t.profile_id = p.id AND t.counted_for = p.updated_at"
_FLAGS = f"(SELECT t.serious_flags {_FRESH})"
_READY = f"(SELECT CAST(t.answered AS REAL) / max(t.picked, 1) {_FRESH})"

#: The worklist's orders by a count: most serious red flags first, or the least ready first
#: (the share of picked questions answered); patients not counted yet come last either way.
TALLY_SORTS = {
    "flags": f"{_FLAGS} IS NULL ASC, {_FLAGS} DESC, p.name COLLATE NOCASE ASC, p.id ASC",
    "questions": f"{_READY} IS NULL ASC, {_READY} ASC, p.name COLLATE NOCASE ASC, p.id ASC",
}
REVERSED_TALLY_SORTS = {
    "flags": f"{_FLAGS} IS NULL ASC, {_FLAGS} ASC, p.name COLLATE NOCASE DESC, p.id DESC",
    "questions": f"{_READY} IS NULL ASC, {_READY} DESC, p.name COLLATE NOCASE DESC, p.id DESC",
}


@dataclass(frozen=True, slots=True)
class ProfileTally:
    """A patient's counts, and the profile's `updated_at` they were counted for."""

    profile_id: ProfileId
    counted_for: str
    serious_flags: int  # serious red flags raised and not dismissed, over all clinics
    answered: int  # picked questions every clinic has answered
    picked: int  # questions the patient chose to ask


class TallyQueries:
    """The Store's queries for tallies; see the module docstring."""

    # Provided by Store.
    def _rows(self, sql: str, params: Mapping[str, Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _writing(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def clinics_of(self, profile_ids: Sequence[int]) -> dict[ProfileId, list[Clinic]]:
        """The clinics of these patients, in their order, for the rows on screen beside the tallies
        (patients no longer saved are left out; one with no clinic has an empty list)."""
        found: dict[ProfileId, list[Clinic]] = {}
        ids = list(dict.fromkeys(int(i) for i in profile_ids))
        for start in range(0, len(ids), 500):
            chunk = tuple(ids[start:start + 500])
            marks = ", ".join("?" for _ in chunk)
            saved = {r["id"] for r in self._rows(f"SELECT id FROM profiles WHERE id IN ({marks})", chunk)}
            clinics: dict[int, list[Clinic]] = {}
            for r in self._rows(f"SELECT * FROM clinics WHERE profile_id IN ({marks}) ORDER BY position, id", chunk):
                clinics.setdefault(r["profile_id"], []).append(record(Clinic, r))
            found.update((ProfileId(i), clinics.get(i, [])) for i in chunk if i in saved)
        return found

    @mends_derived_tables
    def fresh_tallies(self, content: str, profile_ids: Sequence[int]) -> dict[ProfileId, ProfileTally]:
        """The tallies of these patients that are fresh for `content` (stale and missing ones are left out)."""
        found: dict[ProfileId, ProfileTally] = {}
        ids = list(dict.fromkeys(int(i) for i in profile_ids))
        for start in range(0, len(ids), 500):
            chunk = tuple(ids[start:start + 500])
            marks = ", ".join("?" for _ in chunk)
            for r in self._rows(
                "SELECT t.profile_id, t.counted_for, t.serious_flags, t.answered, t.picked "
                "FROM profile_tallies t JOIN profiles p ON p.id = t.profile_id "
                f"WHERE t.profile_id IN ({marks}) AND t.counted_for = p.updated_at AND t.content = ?",
                (*chunk, content),
            ):
                found[ProfileId(r["profile_id"])] = ProfileTally(
                    ProfileId(r["profile_id"]), r["counted_for"], r["serious_flags"], r["answered"], r["picked"]
                )
        return found

    @mends_derived_tables
    def stale_tallies(self, content: str, profile_ids: Sequence[int] | None = None) -> list[ProfileId]:
        """Patients (all, or these) whose tally is missing, or stale for `content`, newest change first."""
        rows = self._rows(
            "SELECT p.id FROM profiles p LEFT JOIN profile_tallies t ON t.profile_id = p.id "
            "WHERE t.profile_id IS NULL OR t.counted_for != p.updated_at OR t.content != ? "
            "ORDER BY p.updated_at DESC, p.id DESC",
            (content,),
        )
        stale = [ProfileId(r["id"]) for r in rows]
        if profile_ids is None:
            return stale
        wanted = {int(i) for i in profile_ids}
        return [i for i in stale if i in wanted]

    @mends_derived_tables
    def save_tallies(self, content: str, tallies: Sequence[ProfileTally], *, read_from: str) -> int:
        """Keep the tallies counted for `content` from data read at or after `read_from`; returns how many.

        A tally is kept only while its profile is unchanged since it was read, and only
        when the profile's stamp is older than `read_from`, the second the reading began:
        stamps count whole seconds, so a change made in that same second could otherwise
        carry the stamp the tally was counted for.
        """
        kept = 0
        with self._writing() as db:
            # Tallies for other content can never be fresh again: they would only sort wrongly.
            db.execute("DELETE FROM profile_tallies WHERE content != ?", [content])
            for tally in tallies:
                if tally.counted_for >= read_from:
                    continue
                cursor = db.execute(
                    "INSERT INTO profile_tallies (profile_id, counted_for, content, serious_flags, answered, picked) "
                    "SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS "
                    "(SELECT 1 FROM profiles WHERE id = ? AND updated_at = ?) "
                    "ON CONFLICT (profile_id) DO UPDATE SET counted_for = excluded.counted_for, "
                    "content = excluded.content, serious_flags = excluded.serious_flags, "
                    "answered = excluded.answered, picked = excluded.picked",
                    [tally.profile_id, tally.counted_for, content, tally.serious_flags, tally.answered,
                     tally.picked, tally.profile_id, tally.counted_for],
                )
                kept += cursor.rowcount
        return kept
