"""A facilitator's figures for one patient: who travels next, who is ready, who needs a word of caution.

The worklist shows one row per patient; the columns that need more than the profile row
(the next appointment, how many of the patient's own questions are answered, how many
serious red flags their clinics raised) are gathered here. The clinics and the next
appointment are read for the rows on screen. The two counts need the red-flag rules run
over every answer (about a millisecond a patient), so they are kept as a tally beside
the profile (`db.tallies`): counted once, read back while the profile and the content
are unchanged, and counted again when either changed. The list sorts by them in SQL.

A red flag the patient dismissed for a clinic (with their note) no longer counts. A picked
question counts as answered when every clinic considered has answered it: the patient is
ready for a question when no clinic is left to ask.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

from app import __version__
from app.domain.picks import my_question_ids
from app.domain.question_bank import QuestionBank
from app.domain.red_flags import evaluate_red_flags
from db.records import Clinic, PatientRecords, ProfileId
from db.rows import now_iso
from db.store import Store
from db.tallies import ProfileTally

#: Bump when the way a tally is counted changes: every saved tally is then counted again.
TALLY_RECIPE = 1

#: Patients counted per step when many are counted at once (one bulk read each).
TALLIES_PER_STEP = 200


@dataclass(frozen=True, slots=True)
class PatientFigures:
    """What the worklist shows about a patient beyond their profile."""

    clinics: int
    next_appointment: str | None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM": the earliest from today on
    # The tally's counts; None while it is being counted.
    picked: int | None  # questions the patient chose to ask
    answered: int | None  # of those, answered by every clinic
    serious_flags: int | None  # serious red flags raised and not dismissed, over all clinics


def next_appointment(clinics: list[Clinic], today: date) -> str | None:
    """The earliest appointment on or after `today`, as stored; None when none is booked."""
    upcoming = [c.appointment for c in clinics if c.appointment and c.appointment[:10] >= today.isoformat()]
    return min(upcoming, default=None)


@functools.lru_cache(maxsize=4)
def content_digest(bank: QuestionBank) -> str:
    """A digest of what a tally depends on besides the patient: the questions, conditions and rules,
    StemPrep's version (the rules' reading of answers lives in code) and the tally's recipe."""
    from app.domain.bank_cache import encode

    content = {"questions": encode(bank.questions), "conditions": encode(bank.conditions),
               "red_flags": encode(bank.red_flags)}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"StemPrep {__version__}\ntally {TALLY_RECIPE}\n{text}".encode()).hexdigest()


def tally_from(bank: QuestionBank, records: PatientRecords) -> ProfileTally:
    """Count one patient's picked questions, those answered, and the serious red flags raised."""
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
    return ProfileTally(records.profile.id, records.profile.updated_at, serious, answered, len(picks))


def count_tallies(store: Store, bank: QuestionBank, profile_ids: Sequence[int]) -> list[ProfileTally]:
    """Count these patients' tallies from what is saved now (ids no longer saved are left out)."""
    same_for_all = cast(QuestionBank, _PerConditionLists(bank))
    return [tally_from(same_for_all, r) for r in store.patient_records(profile_ids)]


@dataclass(frozen=True, slots=True)
class CountedStep:
    """Tallies counted in one step, how many were stale in all, and the `read_from` to save them with."""

    tallies: list[ProfileTally]
    stale: int
    read_from: str


def count_stale_tallies(
    store: Store, bank: QuestionBank, profile_ids: Sequence[int] | None = None
) -> Iterator[CountedStep]:
    """Count the stale tallies (of all patients, or of these), a step at a time. Reads only: the
    caller saves each step with `store.save_tallies(content_digest(bank), step.tallies,
    read_from=step.read_from)`.

    Stamps count whole seconds, and a tally counted in the second its profile last changed
    cannot be kept (a later change in that second would look the same). When the newest
    stale profile changed this very second, the reading waits for the next one, so what
    a facilitator just edited is kept and sorts in its place at once.
    """
    stale = store.stale_tallies(content_digest(bank), profile_ids)
    if not stale:
        return
    read_from = now_iso()
    if store.profile(stale[0]).updated_at >= read_from:
        time.sleep(max(0.0, 1.0 - datetime.now(UTC).microsecond / 1_000_000) + 0.01)
        read_from = now_iso()
    for start in range(0, len(stale), TALLIES_PER_STEP):
        yield CountedStep(count_tallies(store, bank, stale[start:start + TALLIES_PER_STEP]), len(stale), read_from)


def bring_tallies_up_to_date(store: Store, bank: QuestionBank) -> int:
    """Count and save every stale tally, so the list sorts by the counts rightly; returns how many
    are left stale (a file that may only be read keeps its tallies as they are: those sort last)."""
    if store.read_only:
        return len(store.stale_tallies(content_digest(bank)))
    for step in count_stale_tallies(store, bank):
        store.save_tallies(content_digest(bank), step.tallies, read_from=step.read_from)
    return 0


def current_tallies(store: Store, bank: QuestionBank, profile_ids: Sequence[int]) -> dict[ProfileId, ProfileTally]:
    """These patients' tallies, fresh: read where saved and current, counted (and saved, when the file
    may be written) where not."""
    content = content_digest(bank)
    read_from = now_iso()
    tallies = store.fresh_tallies(content, profile_ids)
    counted = count_tallies(store, bank, [i for i in profile_ids if ProfileId(int(i)) not in tallies])
    if counted and not store.read_only:
        store.save_tallies(content, counted, read_from=read_from)
    tallies.update((t.profile_id, t) for t in counted)
    return tallies


def patient_figures(
    store: Store, bank: QuestionBank, profile_ids: Sequence[int], today: date | None = None, *,
    count_stale: bool = True,
) -> dict[ProfileId, PatientFigures]:
    """The worklist's figures for these patients, read from the Store now (ids no longer saved are left out).

    With `count_stale=False` a patient whose tally is stale gets None for its counts
    (the caller counts it in the background).
    """
    today = today or date.today()
    if count_stale:
        tallies = current_tallies(store, bank, profile_ids)
    else:
        tallies = store.fresh_tallies(content_digest(bank), profile_ids)
    figures: dict[ProfileId, PatientFigures] = {}
    for profile_id, clinics in store.clinics_of(profile_ids).items():
        tally = tallies.get(profile_id)
        figures[profile_id] = PatientFigures(
            clinics=len(clinics),
            next_appointment=next_appointment(clinics, today),
            picked=tally.picked if tally else None,
            answered=tally.answered if tally else None,
            serious_flags=tally.serious_flags if tally else None,
        )
    return figures


class _PerConditionLists:
    """The bank, with each condition's question list and default pick worked out once, not per patient."""

    def __init__(self, bank: QuestionBank) -> None:
        self._bank = bank
        self.questions_for = functools.cache(bank.questions_for)
        self.default_pick = functools.cache(bank.default_pick)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._bank, name)
