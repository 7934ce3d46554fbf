"""My questions: the short list the patient chose to ask, in the order they want to ask it.

A consultation lasts about half an hour, so the patient brings a short list (research on
question prompt lists uses 10–20 questions), not the whole bank. A profile starts with
the bank's default pick for its condition and follows it until the patient changes
anything; from then on the Store keeps the patient's own ordered list. The patient's own
questions are picked when written.

Every function here returns a new list; the caller stores it with
`Store.set_question_picks`. Ids that no longer exist (a question removed from the bank,
a custom question deleted) or that do not apply to the patient's condition are dropped
when the list is read, never shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.domain.question_bank import QuestionBank
from db.records import CustomQuestion, Profile
from db.store import Store


def question_condition(profile: Profile) -> str:
    """The condition whose questions apply: none ("", the questions for everyone) until the patient chose one."""
    return profile.condition if profile.condition_chosen else ""


def known_question_ids(bank: QuestionBank, condition: str, custom: Iterable[CustomQuestion]) -> list[str]:
    """Every question this patient could pick: the bank's for the condition, then their own."""
    return [q.id for q in bank.questions_for(condition)] + [c.question_id for c in custom]


def my_question_ids(
    bank: QuestionBank, profile: Profile, custom: Sequence[CustomQuestion], stored: Sequence[str] | None
) -> list[str]:
    """The picked question ids in order, from the stored list or (None) the default pick."""
    condition = question_condition(profile)
    known = set(known_question_ids(bank, condition, custom))
    if stored is None:
        default = [q.id for q in bank.default_pick(condition)]
        return default + [c.question_id for c in custom]
    return [question_id for question_id in dict.fromkeys(stored) if question_id in known]


def load_my_questions(store: Store, bank: QuestionBank, profile_id: int) -> list[str]:
    """The profile's picked question ids, in order."""
    profile = store.profile(profile_id)
    return my_question_ids(bank, profile, store.custom_questions(profile_id), store.question_picks(profile_id))


def with_pick(picks: Sequence[str], question_id: str, *, at: int | None = None) -> list[str]:
    """`picks` with `question_id` added (at position `at`, else last); already picked: moved there."""
    rest = [q for q in picks if q != question_id]
    place = len(rest) if at is None else max(0, min(at, len(rest)))
    return rest[:place] + [question_id] + rest[place:]


def without_pick(picks: Sequence[str], question_id: str) -> list[str]:
    """`picks` without `question_id`."""
    return [q for q in picks if q != question_id]


def moved(picks: Sequence[str], question_id: str, steps: int) -> list[str]:
    """`picks` with `question_id` moved `steps` places (negative: up, towards the start)."""
    if question_id not in picks:
        return list(picks)
    place = list(picks).index(question_id)
    return with_pick(picks, question_id, at=max(0, place + steps))
