"""Red flags: warning signs in what a clinic said, found by rules that are data.

The rules live in `resources/red_flags.toml`, where a reviewer can read them next to their
sources; `question_bank` loads and checks them. This module only applies them to one
clinic: the facts recorded about it and the answers it gave. It gives no verdict beyond
"this answer matches a known warning sign, ask or check"; the rule's explanation says what.
A flag the patient dismissed ("not a concern: …") is kept with its note and marked, and
stops counting as a warning.

Answers are typed by people, in English or Korean, on any keyboard, so matching is
forgiving: text is compared after Unicode normalisation and case folding, and numbers are
read from "3", " 3.5 ", "3,000" or "about 12" alike. Nothing here raises on odd input.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.claims import asserts_any
from app.domain.question_bank import QuestionBank, RedFlagRule, RuleCondition
from db.records import Answer, Clinic, ClinicId, FlagDismissal

if TYPE_CHECKING:
    from db.store import Store

#: Answer statuses a rule looks at: the question was put to the clinic.
LIVE_STATUSES: tuple[str, ...] = ("answered", "asked")


@dataclass(frozen=True, slots=True)
class RaisedFlag:
    """A rule that holds for one clinic, and the questions whose answers raised it.

    `dismissal` is set when the patient has said this flag is not a concern for this clinic,
    with their note. A dismissed flag is still shown (marked as dismissed, with the note), but
    it no longer counts as a warning: see `counting_flags` and `serious_count`.
    """

    rule: RedFlagRule
    clinic_id: ClinicId
    question_ids: tuple[str, ...]  # empty when only facts about the clinic raised it
    dismissal: FlagDismissal | None = None

    @property
    def dismissed(self) -> bool:
        return self.dismissal is not None


def evaluate_red_flags(
    bank: QuestionBank,
    clinic: Clinic,
    answers: Iterable[Answer],
    dismissals: Mapping[str, FlagDismissal] | None = None,
) -> list[RaisedFlag]:
    """The bank's rules that hold for `clinic`, in the order of the rules file.

    `answers` should be this clinic's; answers of other clinics, the patient's own
    questions, and answers not yet put to the clinic ("to-ask", "skipped", or empty) are
    ignored. The patient's own `flagged` marks are not red flags and are not reported here.
    `dismissals` (from `Store.flag_dismissals(clinic.id)`) marks the flags the patient
    dismissed; a dismissal of a rule that does not hold now is simply not shown.
    """
    live = _live_answers(clinic.id, answers)
    dismissed = dismissals or {}
    raised: list[RaisedFlag] = []
    for rule in bank.red_flags:
        held = [condition for condition in rule.when if _holds(condition, clinic, live)]
        if not held or (rule.match == "all" and len(held) != len(rule.when)):
            continue
        question_ids = tuple(dict.fromkeys(c.question for c in held if c.question is not None))
        raised.append(RaisedFlag(rule, clinic.id, question_ids, _dismissal_for(dismissed, rule.id, clinic.id)))
    return raised


def clinic_flags(store: Store, bank: QuestionBank, clinic: Clinic) -> list[RaisedFlag]:
    """The red flags raised against `clinic` by its stored answers, with the patient's dismissals."""
    answers = store.answers_for_clinic(clinic.id).values()
    return evaluate_red_flags(bank, clinic, answers, store.flag_dismissals(clinic.id))


def counting_flags(flags: Iterable[RaisedFlag]) -> list[RaisedFlag]:
    """The flags that still count as warnings: those the patient has not dismissed."""
    return [flag for flag in flags if not flag.dismissed]


def serious_count(flags: Iterable[RaisedFlag]) -> int:
    """How many serious red flags count, leaving out the ones the patient dismissed."""
    return sum(1 for flag in counting_flags(flags) if flag.rule.severity == "serious")


def _dismissal_for(dismissals: Mapping[str, FlagDismissal], rule_id: str, clinic_id: ClinicId) -> FlagDismissal | None:
    dismissal = dismissals.get(rule_id)
    return dismissal if dismissal is not None and dismissal.clinic_id == clinic_id else None


def flags_by_question(flags: Iterable[RaisedFlag]) -> dict[str, list[RaisedFlag]]:
    """The raised flags each question's answer is part of, in the order given."""
    by_question: dict[str, list[RaisedFlag]] = {}
    for flag in flags:
        for question_id in flag.question_ids:
            by_question.setdefault(question_id, []).append(flag)
    return by_question


#: Hyphens and dashes as pasted from web pages and word processors, all read as "-".
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
#: Curly apostrophes, so that "can’t" reads as "can't".
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\uff07]")


def fold_text(text: str) -> str:
    """Text as compared by the rules: NFKC, case-folded, dashes as "-", apostrophes as "'", one space per run.

    NFKC includes NFC's composition (a Korean syllable typed as separate jamo matches the
    same syllable typed whole) and also folds compatibility forms, so full-width "１００％"
    from a Korean keyboard matches "100%".
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(_APOSTROPHES.sub("'", _DASHES.sub("-", folded)).split())


_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")


def parse_number(text: str) -> float | None:
    """The number in an answer, or None: "3", " 3.5 ", "3,000" (3000), "about 12 visits" (12).

    Commas are thousands separators. Text holding more than one number ("2 or 3") is
    ambiguous and gives None rather than a guess.
    """
    plain = unicodedata.normalize("NFKC", text).strip()
    try:
        number = float(plain.replace(",", ""))
    except ValueError:
        found = _NUMBER.findall(plain)
        if len(found) != 1:
            return None
        number = float(found[0].replace(",", ""))
    return number if math.isfinite(number) else None


def _live_answers(clinic_id: int, answers: Iterable[Answer]) -> dict[str, Answer]:
    live: dict[str, Answer] = {}
    for answer in answers:
        if answer.clinic_id != clinic_id or answer.is_custom or answer.status not in LIVE_STATUSES:
            continue
        if answer.value.strip() or answer.text.strip():
            live[answer.question_id] = answer
    return live


def _holds(condition: RuleCondition, clinic: Clinic, answers: Mapping[str, Answer]) -> bool:
    if condition.clinic_field is not None:
        recorded = getattr(clinic, condition.clinic_field, "")
        return isinstance(recorded, str) and _says_any(recorded, condition.text_says)
    answer = answers.get(condition.question or "")
    if answer is None:
        return False
    if condition.value_in:
        return fold_text(answer.value) in {fold_text(v) for v in condition.value_in}
    if condition.text_says:
        return _says_any(answer.text, condition.text_says)
    number = parse_number(answer.value)
    if number is None:
        number = parse_number(answer.text)
    if number is None:
        return False
    if condition.number_above is not None:
        return number > condition.number_above
    if condition.number_below is not None:
        return number < condition.number_below
    return False


def _says_any(text: str, phrases: Iterable[str]) -> bool:
    folded = fold_text(text)
    return bool(folded) and asserts_any(folded, (fold_text(phrase) for phrase in phrases))
