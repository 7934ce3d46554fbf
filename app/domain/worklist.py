"""A facilitator's figures for one patient: who travels next, who is ready, who needs a word of caution.

The worklist shows one row per patient; the columns that need more than the profile row
(the next appointment, how many of the patient's own questions are answered, how many
serious red flags their clinics raised) are gathered here, for the rows on screen only,
so a list of ten thousand patients costs a screenful of work, not ten thousand.

A red flag the patient dismissed for a clinic (with their note) no longer counts. A picked
question counts as answered when every clinic considered has answered it: the patient is
ready for a question when no clinic is left to ask.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from app.domain.picks import my_question_ids
from app.domain.question_bank import QuestionBank
from app.domain.red_flags import evaluate_red_flags
from db.records import Clinic, PatientRecords, ProfileId
from db.store import Store


@dataclass(frozen=True, slots=True)
class PatientFigures:
    """What the worklist shows about a patient beyond their profile."""

    clinics: int
    next_appointment: str | None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM": the earliest from today on
    picked: int  # questions the patient chose to ask
    answered: int  # of those, answered by every clinic
    serious_flags: int  # serious red flags raised and not dismissed, over all clinics


def next_appointment(clinics: list[Clinic], today: date) -> str | None:
    """The earliest appointment on or after `today`, as stored; None when none is booked."""
    upcoming = [c.appointment for c in clinics if c.appointment and c.appointment[:10] >= today.isoformat()]
    return min(upcoming, default=None)


def figures_from(bank: QuestionBank, records: PatientRecords, today: date) -> PatientFigures:
    """The worklist's figures for one patient from what is saved about them."""
    picks = my_question_ids(bank, records.profile, records.custom_questions, records.picks)
    answered_at: dict[str, set[int]] = {}
    for answer in records.answers:
        if answer.status == "answered":
            answered_at.setdefault(answer.question_id, set()).add(answer.clinic_id)
    clinic_ids = {c.id for c in records.clinics}
    answered = sum(1 for q in picks if clinic_ids and clinic_ids <= answered_at.get(q, set()))
    serious = 0
    for clinic in records.clinics:
        dismissed = records.dismissed.get(clinic.id, frozenset())
        serious += sum(
            1
            for flag in evaluate_red_flags(bank, clinic, records.answers)
            if flag.rule.severity == "serious" and flag.rule.id not in dismissed
        )
    return PatientFigures(
        clinics=len(records.clinics),
        next_appointment=next_appointment(list(records.clinics), today),
        picked=len(picks),
        answered=answered,
        serious_flags=serious,
    )


def patient_figures(
    store: Store, bank: QuestionBank, profile_ids: Sequence[int], today: date | None = None
) -> dict[ProfileId, PatientFigures]:
    """The worklist's figures for these patients, read from the Store now (ids no longer saved are left out)."""
    today = today or date.today()
    same_for_all = cast(QuestionBank, _PerConditionLists(bank))
    return {r.profile.id: figures_from(same_for_all, r, today) for r in store.patient_records(profile_ids)}


class _PerConditionLists:
    """The bank, with each condition's question list and default pick worked out once, not per patient."""

    def __init__(self, bank: QuestionBank) -> None:
        self._bank = bank
        self.questions_for = functools.cache(bank.questions_for)
        self.default_pick = functools.cache(bank.default_pick)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._bank, name)
