"""Red flags: warning signs in what a clinic said, found by rules that are data.

The rules live in `resources/red_flags.toml`, where a reviewer can read them next to their
sources; `question_bank` loads and checks them. This module only applies them to one
clinic: the facts recorded about it and the answers it gave. It gives no verdict beyond
"this answer matches a known warning sign, ask or check"; the rule's explanation says what.

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

from app.domain.claims import asserts_any
from app.domain.question_bank import QuestionBank, RedFlagRule, RuleCondition
from db.records import Answer, Clinic, ClinicId

#: Answer statuses a rule looks at: the question was put to the clinic.
LIVE_STATUSES: tuple[str, ...] = ("answered", "asked")


@dataclass(frozen=True, slots=True)
class RaisedFlag:
    """A rule that holds for one clinic, and the questions whose answers raised it."""

    rule: RedFlagRule
    clinic_id: ClinicId
    question_ids: tuple[str, ...]  # empty when only facts about the clinic raised it


def evaluate_red_flags(bank: QuestionBank, clinic: Clinic, answers: Iterable[Answer]) -> list[RaisedFlag]:
    """The bank's rules that hold for `clinic`, in the order of the rules file.

    `answers` should be this clinic's; answers of other clinics, the patient's own
    questions, and answers not yet put to the clinic ("to-ask", "skipped", or empty) are
    ignored. The patient's own `flagged` marks are not red flags and are not reported here.
    """
    live = _live_answers(clinic.id, answers)
    raised: list[RaisedFlag] = []
    for rule in bank.red_flags:
        held = [condition for condition in rule.when if _holds(condition, clinic, live)]
        if not held or (rule.match == "all" and len(held) != len(rule.when)):
            continue
        question_ids = tuple(dict.fromkeys(c.question for c in held if c.question is not None))
        raised.append(RaisedFlag(rule=rule, clinic_id=clinic.id, question_ids=question_ids))
    return raised


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
