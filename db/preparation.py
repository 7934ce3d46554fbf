"""What the patient prepares for each consultation beyond the answers, as Store queries.

The patient's own questions, my questions (the ordered pick), red flags the patient judged not a concern, the
documents ticked off, and the bulk read the facilitator's worklist needs. A group of
the Store's methods in a module of its own (`Store` inherits it), so that the Store
stays readable; it uses the Store's own reading and writing helpers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from sqlite3 import Connection
from typing import Any

from db.errors import InvalidValue, NotFound
from db.fields import check_text
from db.records import (
    CUSTOM_PREFIX,
    Answer,
    Clinic,
    ClinicId,
    CustomQuestion,
    CustomQuestionId,
    FlagDismissal,
    PatientRecords,
    Profile,
    ProfileId,
)
from db.rows import answer_from_row, now_iso, profile_from_row, record

#: How important the patient's own question is, as the bank says it of its questions.
_PRIORITIES = ("essential", "recommended", "optional")

#: Profiles read per query when many are read at once (well under SQLite's limit on parameters).
BULK_CHUNK = 500


class PreparationQueries:
    """The Store's queries for a consultation's preparation; see the module docstring."""

    # Provided by Store.
    def _rows(self, sql: str, params: Mapping[str, Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _writing(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def _touch_profile(self, db: Connection, profile_id: int, *, reindex: bool = False) -> None:
        raise NotImplementedError

    def profile(self, profile_id: int) -> Profile:
        raise NotImplementedError

    def clinic(self, clinic_id: int) -> Clinic:
        raise NotImplementedError

    def patient_records(self, profile_ids: Sequence[int]) -> list[PatientRecords]:
        """Profiles with their clinics, answers, own questions, picks and dismissed flags, a few queries per
        hundreds of patients; in the order asked, leaving out ids that are not (or no longer) saved."""
        records: list[PatientRecords] = []
        ids = list(dict.fromkeys(int(i) for i in profile_ids))
        for start in range(0, len(ids), BULK_CHUNK):
            chunk = tuple(ids[start:start + BULK_CHUNK])
            marks = ", ".join("?" for _ in chunk)
            profiles = {r["id"]: r for r in self._rows(f"SELECT * FROM profiles WHERE id IN ({marks})", chunk)}
            clinics: dict[int, list[Clinic]] = {}
            for r in self._rows(
                f"SELECT * FROM clinics WHERE profile_id IN ({marks}) ORDER BY position, id", chunk
            ):
                clinics.setdefault(r["profile_id"], []).append(record(Clinic, r))
            answers: dict[int, list[Answer]] = {}
            for r in self._rows(
                f"SELECT * FROM answers WHERE profile_id IN ({marks}) ORDER BY clinic_id, question_id", chunk
            ):
                answers.setdefault(r["profile_id"], []).append(answer_from_row(r))
            custom: dict[int, list[CustomQuestion]] = {}
            for r in self._rows(
                f"SELECT * FROM custom_questions WHERE profile_id IN ({marks}) ORDER BY position, id", chunk
            ):
                custom.setdefault(r["profile_id"], []).append(record(CustomQuestion, r))
            picks: dict[int, list[str]] = {}
            for r in self._rows(
                f"SELECT profile_id, question_id FROM question_picks WHERE profile_id IN ({marks}) "
                "ORDER BY profile_id, position",
                chunk,
            ):
                picks.setdefault(r["profile_id"], []).append(r["question_id"])
            dismissed: dict[int, dict[ClinicId, set[str]]] = {}
            for r in self._rows(
                f"SELECT c.profile_id, d.clinic_id, d.rule_id FROM flag_dismissals d "
                f"JOIN clinics c ON c.id = d.clinic_id WHERE c.profile_id IN ({marks})",
                chunk,
            ):
                dismissed.setdefault(r["profile_id"], {}).setdefault(ClinicId(r["clinic_id"]), set()).add(r["rule_id"])
            for profile_id in chunk:
                row = profiles.get(profile_id)
                if row is None:
                    continue
                records.append(PatientRecords(
                    profile=profile_from_row(row),
                    clinics=tuple(clinics.get(profile_id, ())),
                    answers=tuple(answers.get(profile_id, ())),
                    custom_questions=tuple(custom.get(profile_id, ())),
                    picks=tuple(picks.get(profile_id, ())) if row["picks_chosen"] else None,
                    dismissed={k: frozenset(v) for k, v in dismissed.get(profile_id, {}).items()},
                ))
        return records

    # ------------------------------------------------------------ my questions

    def question_picks(self, profile_id: int) -> list[str] | None:
        """The ids of the questions the patient chose to ask, in their order.

        None when the patient has never changed the pick: the profile then follows the
        question bank's default pick for its condition (the bank lives above this layer).
        """
        rows = self._rows("SELECT picks_chosen FROM profiles WHERE id = ?", (profile_id,))
        if not rows:
            raise NotFound(f"There is no profile with id {profile_id}.")
        if not rows[0]["picks_chosen"]:
            return None
        picks = self._rows(
            "SELECT question_id FROM question_picks WHERE profile_id = ? ORDER BY position", (profile_id,)
        )
        return [r["question_id"] for r in picks]

    def set_question_picks(self, profile_id: ProfileId, question_ids: Sequence[str]) -> list[str]:
        """Store the whole ordered list of picked questions (duplicates keep their first place)."""
        self.profile(profile_id)
        ordered = list(dict.fromkeys(question_ids))
        for question_id in ordered:
            if not isinstance(question_id, str) or not question_id.strip():
                raise InvalidValue("A picked question needs its id.")
        with self._writing() as db:
            db.execute("DELETE FROM question_picks WHERE profile_id = ?", [profile_id])
            db.executemany(
                "INSERT INTO question_picks (profile_id, question_id, position) VALUES (?, ?, ?)",
                [(profile_id, question_id, position) for position, question_id in enumerate(ordered)],
            )
            db.execute("UPDATE profiles SET picks_chosen = 1 WHERE id = ?", [profile_id])
            self._touch_profile(db, profile_id)
        return ordered

    def reset_question_picks(self, profile_id: ProfileId) -> None:
        """Forget the patient's own pick: the profile follows the default pick again."""
        self.profile(profile_id)
        with self._writing() as db:
            db.execute("DELETE FROM question_picks WHERE profile_id = ?", [profile_id])
            db.execute("UPDATE profiles SET picks_chosen = 0 WHERE id = ?", [profile_id])
            self._touch_profile(db, profile_id)

    # ---------------------------------------------------------- red-flag notes

    def dismiss_flag(self, clinic_id: ClinicId, rule_id: str, note: str) -> FlagDismissal:
        """Record that the red flag `rule_id` raised against this clinic is not a concern, and why."""
        clinic = self.clinic(clinic_id)
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise InvalidValue("A dismissed red flag needs the id of its rule.")
        check_text("The note", note)
        if not note.strip():
            raise InvalidValue("Say in a few words why this red flag is not a concern.")
        with self._writing() as db:
            db.execute(
                "INSERT INTO flag_dismissals (clinic_id, rule_id, note, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (clinic_id, rule_id) DO UPDATE SET note = excluded.note",
                [clinic_id, rule_id, note, now_iso()],
            )
            self._touch_profile(db, clinic.profile_id)
        return self.flag_dismissals(clinic_id)[rule_id]

    def restore_flag(self, clinic_id: ClinicId, rule_id: str) -> None:
        """Take back a dismissal: the red flag counts again."""
        clinic = self.clinic(clinic_id)
        with self._writing() as db:
            db.execute("DELETE FROM flag_dismissals WHERE clinic_id = ? AND rule_id = ?", [clinic_id, rule_id])
            self._touch_profile(db, clinic.profile_id)

    def flag_dismissals(self, clinic_id: int) -> dict[str, FlagDismissal]:
        """The clinic's dismissed red flags, by rule id."""
        rows = self._rows("SELECT * FROM flag_dismissals WHERE clinic_id = ? ORDER BY rule_id", (clinic_id,))
        return {r["rule_id"]: record(FlagDismissal, r) for r in rows}

    # ------------------------------------------------------- documents to bring

    def ticked_documents(self, profile_id: int) -> set[str]:
        """The ids of the documents to bring that the patient has ticked off."""
        rows = self._rows("SELECT document_id FROM document_ticks WHERE profile_id = ?", (profile_id,))
        return {r["document_id"] for r in rows}

    def tick_document(self, profile_id: ProfileId, document_id: str, ticked: bool = True) -> None:
        """Tick a document off the list to bring (or untick it)."""
        self.profile(profile_id)
        if not isinstance(document_id, str) or not document_id.strip():
            raise InvalidValue("A document needs its id.")
        with self._writing() as db:
            if ticked:
                db.execute(
                    "INSERT OR IGNORE INTO document_ticks (profile_id, document_id) VALUES (?, ?)",
                    [profile_id, document_id],
                )
            else:
                db.execute(
                    "DELETE FROM document_ticks WHERE profile_id = ? AND document_id = ?", [profile_id, document_id]
                )
            self._touch_profile(db, profile_id)

    # ------------------------------------------------------- custom questions

    def add_custom_question(
        self,
        profile_id: ProfileId,
        text_en: str,
        *,
        text_ko: str = "",
        priority: str = "recommended",
    ) -> CustomQuestion:
        self.profile(profile_id)
        if not isinstance(text_en, str) or not text_en.strip():
            raise InvalidValue("Write the question before adding it.")
        check_text("The question", text_en)
        check_text("The question in Korean", text_ko or "")
        if priority not in _PRIORITIES:
            raise InvalidValue(f"'{priority}' is not a priority; use one of {', '.join(_PRIORITIES)}.")
        with self._writing() as db:
            position = db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM custom_questions WHERE profile_id = ?",
                [profile_id],
            ).fetchone()[0]
            cursor = db.execute(
                "INSERT INTO custom_questions (profile_id, text_en, text_ko, priority, position, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [profile_id, text_en, text_ko or "", priority, position, now_iso()],
            )
            question_id = CustomQuestionId(cursor.lastrowid or 0)
            self._touch_profile(db, profile_id)
        return self.custom_question(question_id)

    def update_custom_question(
        self, question_id: CustomQuestionId, *, text_en: str | None = None, text_ko: str | None = None,
        priority: str | None = None,
    ) -> CustomQuestion:
        question = self.custom_question(question_id)
        if text_en is not None and not text_en.strip():
            raise InvalidValue("A question cannot be empty; delete it instead.")
        for label, given in (("The question", text_en), ("The question in Korean", text_ko)):
            if given is not None:
                check_text(label, given)
        if priority is not None and priority not in _PRIORITIES:
            raise InvalidValue(f"'{priority}' is not a priority; use one of {', '.join(_PRIORITIES)}.")
        with self._writing() as db:
            db.execute(
                "UPDATE custom_questions SET text_en = ?, text_ko = ?, priority = ? WHERE id = ?",
                [
                    question.text_en if text_en is None else text_en,
                    question.text_ko if text_ko is None else text_ko,
                    question.priority if priority is None else priority,
                    question_id,
                ],
            )
            self._touch_profile(db, question.profile_id)
        return self.custom_question(question_id)

    def custom_question(self, question_id: int) -> CustomQuestion:
        rows = self._rows("SELECT * FROM custom_questions WHERE id = ?", (question_id,))
        if not rows:
            raise NotFound(f"There is no custom question with id {question_id}.")
        return record(CustomQuestion, rows[0])

    def custom_questions(self, profile_id: int) -> list[CustomQuestion]:
        rows = self._rows(
            "SELECT * FROM custom_questions WHERE profile_id = ? ORDER BY position, id", (profile_id,)
        )
        return [record(CustomQuestion, r) for r in rows]

    def delete_custom_question(self, question_id: CustomQuestionId) -> None:
        question = self.custom_question(question_id)
        with self._writing() as db:
            db.execute(
                "DELETE FROM answers WHERE profile_id = ? AND question_id = ?",
                [question.profile_id, f"{CUSTOM_PREFIX}{question_id}"],
            )
            db.execute(
                "DELETE FROM question_picks WHERE profile_id = ? AND question_id = ?",
                [question.profile_id, f"{CUSTOM_PREFIX}{question_id}"],
            )
            db.execute("DELETE FROM custom_questions WHERE id = ?", [question_id])
            self._touch_profile(db, question.profile_id)
