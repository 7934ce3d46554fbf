"""Typed records that the storage layer hands to the rest of StemPrep.

Everything above `db/` works with these frozen dataclasses, never with SQLite rows
or dicts, so a column rename is a change in one place and the GUI, the sheet and
the red-flag rules can rely on the types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NewType, get_args

ProfileId = NewType("ProfileId", int)
ClinicId = NewType("ClinicId", int)
CustomQuestionId = NewType("CustomQuestionId", int)

ConditionId = Literal["knee-oa", "stroke", "parkinsons", "heart", "skin", "other"]
CONDITIONS: tuple[str, ...] = get_args(ConditionId)

AnswerStatus = Literal["to-ask", "asked", "answered", "skipped"]
ANSWER_STATUSES: tuple[str, ...] = get_args(AnswerStatus)

#: Hoehn & Yahr stages as used in the modified scale (1.5 and 2.5 included).
HOEHN_YAHR_STAGES: tuple[float, ...] = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0)

#: Prefix that marks an answer as belonging to a profile's own question.
CUSTOM_PREFIX = "custom:"

_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_month(text: str) -> str:
    """A calendar month as StemPrep stores it ("2027-04"); ValueError for anything else ("2027-13")."""
    match = _MONTH.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]) <= 2200:
        raise ValueError(f"{text!r} is not a month written as YYYY-MM, like 2027-04")
    return match[0]


def travel_period(start: str | None, end: str | None, note: str = "") -> str:
    """When the patient can travel, as one line: "2027-04 – 2027-05", then the note if any."""
    months = ""
    if start and end and end != start:
        months = f"{start} – {end}"
    elif start or end:
        months = start or end or ""
    return "; ".join(part for part in (months, note.strip()) if part)


@dataclass(frozen=True, slots=True)
class Profile:
    """One patient: who they are, their condition, and what they hope for."""

    id: ProfileId
    name: str
    birth_year: int | None = None
    languages: str = ""
    contact: str = ""
    condition: str = "other"
    diagnosis: str = ""
    diagnosed: str = ""
    kl_grade: int | None = None  # Kellgren–Lawrence 0–4 (knee OA)
    mrs: int | None = None  # modified Rankin Scale 0–5 (stroke); 6, death, is no living patient's score
    hoehn_yahr: float | None = None  # Hoehn & Yahr stage (Parkinson's)
    lvef: int | None = None  # left ventricular ejection fraction, % (heart)
    medicines: str = ""
    allergies: str = ""
    other_conditions: str = ""
    prior_treatments: str = ""
    imaging: str = ""
    goals: str = ""
    budget: str = ""
    travel_window: str = ""  # the travel note: what the months below do not say
    travel_start: str | None = None  # the first month the patient could travel, "YYYY-MM"
    travel_end: str | None = None  # the last such month, "YYYY-MM"
    notes: str = ""
    synthetic: bool = False
    #: False for a new profile until the patient picks a condition (`condition` then holds the default).
    condition_chosen: bool = True
    uid: str = ""  # stable across computers: recognises a profile file imported again
    created_at: str = ""
    updated_at: str = ""

    @property
    def travel(self) -> str:
        """When the patient can travel: the months, then the note."""
        return travel_period(self.travel_start, self.travel_end, self.travel_window)


def editable_fields(record: type, *bookkeeping: str) -> tuple[str, ...]:
    """The fields of `record` a user edits: all but its identity and `bookkeeping`, in declaration order."""
    return tuple(f for f in record.__dataclass_fields__ if f not in {"id", "created_at", "updated_at", *bookkeeping})


#: Profile fields a user edits (everything except identity and bookkeeping).
PROFILE_FIELDS = editable_fields(Profile, "synthetic", "condition_chosen", "uid")


@dataclass(frozen=True, slots=True)
class Clinic:
    """A clinic or hospital the patient is considering, and what it told them."""

    id: ClinicId
    profile_id: ProfileId
    name: str
    city: str = ""
    contact: str = ""
    facilitator: str = ""
    treatment: str = ""
    cell_source: str = ""
    price: float | None = None
    currency: str = ""
    claimed_credentials: str = ""
    notes: str = ""
    #: The consultation booked with this clinic: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (local time in Korea), or None.
    appointment: str | None = None
    appointment_place: str = ""
    interpreter: str = ""
    position: int = 0
    created_at: str = ""
    updated_at: str = ""


#: Clinic fields a user edits.
CLINIC_FIELDS = editable_fields(Clinic, "profile_id", "position")


@dataclass(frozen=True, slots=True)
class Answer:
    """What one clinic said to one question.

    `value` holds the structured answer for yes/no, choice and number questions
    ("yes", "no", "not-sure", a choice id, or the number as text); `text` holds
    what was said in the clinic's own words. `flagged` is the patient's own mark
    that something about the answer worried them.
    """

    profile_id: ProfileId
    clinic_id: ClinicId
    question_id: str
    status: str = "to-ask"
    value: str = ""
    text: str = ""
    flagged: bool = False
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_custom(self) -> bool:
        return self.question_id.startswith(CUSTOM_PREFIX)


@dataclass(frozen=True, slots=True)
class CustomQuestion:
    """A question the patient added themselves, asked at every clinic."""

    id: CustomQuestionId
    profile_id: ProfileId
    text_en: str
    text_ko: str = ""
    category: str = "custom"
    priority: str = "recommended"
    position: int = 0
    created_at: str = ""

    @property
    def question_id(self) -> str:
        """The id its answers are stored under."""
        return f"{CUSTOM_PREFIX}{self.id}"


@dataclass(frozen=True, slots=True)
class FlagDismissal:
    """The patient's word that a red flag raised against one clinic is not a concern, and why."""

    clinic_id: ClinicId
    rule_id: str
    note: str
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class ProfileSummary:
    """One row of the profile list: enough to find and pick a patient."""

    id: ProfileId
    name: str
    condition: str
    clinic_names: str
    cities: str
    travel_window: str
    answered: int
    updated_at: str
    synthetic: bool = False
    travel_start: str | None = None
    travel_end: str | None = None

    @property
    def travel(self) -> str:
        """When the patient can travel: the months, then the note."""
        return travel_period(self.travel_start, self.travel_end, self.travel_window)
    condition_chosen: bool = True


@dataclass(frozen=True, slots=True)
class PatientRecords:
    """What is saved about one patient, read in bulk for figures over many patients (the worklist)."""

    profile: Profile
    clinics: tuple[Clinic, ...]
    answers: tuple[Answer, ...]
    custom_questions: tuple[CustomQuestion, ...]
    picks: tuple[str, ...] | None  # None: the patient never changed the default pick
    dismissed: dict[ClinicId, frozenset[str]]  # rule ids of red flags dismissed, per clinic


@dataclass(frozen=True, slots=True)
class NewClinic:
    """A clinic to add in bulk: its field values and its answers (question_id, status, value, text, flagged)."""

    values: dict[str, object]
    answers: tuple[dict[str, object], ...] = ()


@dataclass(frozen=True, slots=True)
class NewProfile:
    """A profile to add in bulk (sample data, benchmarks) with its clinics."""

    values: dict[str, object]
    clinics: tuple[NewClinic, ...] = ()
    synthetic: bool = False
