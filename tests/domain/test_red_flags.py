"""Red flags: every rule in the bank fires on a case built for it, and only then.

Cases are built from each rule's own conditions, so a new rule is tested the moment it is
added to `resources/red_flags.toml`, and a rule that can never fire fails here.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import replace
from typing import Any

import pytest

from app.domain.question_bank import QuestionBank, RedFlagRule, RuleCondition, load_question_bank
from app.domain.red_flags import (
    RaisedFlag,
    clinic_flags,
    counting_flags,
    evaluate_red_flags,
    flags_by_question,
    fold_text,
    parse_number,
    serious_count,
)
from db.records import Answer, Clinic, ClinicId, ProfileId
from resources import resource_path

BANK = load_question_bank()
CLINIC = Clinic(id=ClinicId(7), profile_id=ProfileId(1), name="Test clinic (fictional)")


def answer(question_id: str, value: str = "", text: str = "", status: str = "answered") -> Answer:
    return Answer(
        profile_id=ProfileId(1), clinic_id=CLINIC.id, question_id=question_id, status=status, value=value, text=text
    )


def said(phrase: str) -> str:
    """A phrase as someone would say it: a gap ("부작용…없") filled with a word."""
    return phrase.replace("…", " 정말 " if re.search("[가-힣]", phrase) else " really ")


def satisfy(condition: RuleCondition) -> tuple[dict[str, str], list[Answer]]:
    """Clinic facts and answers that make `condition` hold, written the way people type."""
    if condition.clinic_field is not None:
        return {condition.clinic_field: f"They told us: {said(condition.text_says[0]).upper()}!"}, []
    assert condition.question is not None
    if condition.value_in:
        return {}, [answer(condition.question, value=condition.value_in[-1])]
    if condition.text_says:
        return {}, [answer(condition.question, text=f"Well… {said(condition.text_says[-1]).upper()} — they said")]
    if condition.number_above is not None:
        return {}, [answer(condition.question, value=f" {condition.number_above + 1:,.0f} ")]
    assert condition.number_below is not None
    return {}, [answer(condition.question, value=str(condition.number_below - 0.5))]


def build(conditions: tuple[RuleCondition, ...]) -> tuple[Clinic, list[Answer]]:
    facts: dict[str, str] = {}
    answers: list[Answer] = []
    for condition in conditions:
        more_facts, more_answers = satisfy(condition)
        facts.update(more_facts)
        answers += more_answers
    return replace(CLINIC, **facts), answers


def cases() -> list[Any]:
    """One case per rule for "all" rules; one per condition for "any" rules."""
    found = []
    for rule in BANK.red_flags:
        if rule.match == "all":
            found.append(pytest.param(rule, rule.when, id=rule.id))
        else:
            found += [pytest.param(rule, (c,), id=f"{rule.id}[{i}]") for i, c in enumerate(rule.when)]
    return found


def raised_ids(bank: QuestionBank, clinic: Clinic, answers: list[Answer]) -> list[str]:
    return [flag.rule.id for flag in evaluate_red_flags(bank, clinic, answers)]


# ------------------------------------------------------------------ every rule


@pytest.mark.parametrize(("rule", "conditions"), cases())
def test_rule_fires_on_its_case(rule: RedFlagRule, conditions: tuple[RuleCondition, ...]) -> None:
    clinic, answers = build(conditions)
    flags = [f for f in evaluate_red_flags(BANK, clinic, answers) if f.rule.id == rule.id]
    assert len(flags) == 1
    expected = tuple(dict.fromkeys(c.question for c in conditions if c.question))
    assert flags[0].question_ids == expected
    assert flags[0].clinic_id == CLINIC.id and flags[0].rule is rule


@pytest.mark.parametrize(
    ("rule", "conditions"), [case for case in cases() if not any(c.clinic_field for c in case.values[1])]
)
@pytest.mark.parametrize("status", ["to-ask", "skipped"])
def test_rule_ignores_answers_not_put_to_the_clinic(
    rule: RedFlagRule, conditions: tuple[RuleCondition, ...], status: str
) -> None:
    _, answers = build(conditions)
    assert raised_ids(BANK, CLINIC, [replace(a, status=status) for a in answers]) == []


@pytest.mark.parametrize("rule", [r for r in BANK.red_flags if r.match == "all"], ids=lambda r: r.id)
def test_all_rules_need_every_condition(rule: RedFlagRule) -> None:
    for left_out in range(len(rule.when)):
        clinic, answers = build(rule.when[:left_out] + rule.when[left_out + 1 :])
        assert rule.id not in raised_ids(BANK, clinic, answers)


def test_nothing_is_raised_before_anything_is_asked() -> None:
    assert evaluate_red_flags(BANK, CLINIC, []) == []
    to_ask = [answer(q.id, status="to-ask") for q in BANK.questions]
    assert evaluate_red_flags(BANK, CLINIC, to_ask) == []


def test_asked_without_a_reply_raises_nothing() -> None:
    answers = [answer(q.id, status="asked") for q in BANK.questions]
    assert evaluate_red_flags(BANK, CLINIC, answers) == []


def test_reassuring_answers_raise_nothing() -> None:
    answers = [
        answer("cred.legal-route", "approved-product"),
        answer("cred.foreign-patient-registration", "yes"),
        answer("cred.malpractice-insurance", "yes"),
        answer("risk.side-effects", text="Swelling for a few days; infection is rare but possible."),
        answer("evid.published-results", text="Two randomised trials in journals; a systematic review."),
        answer("treat.many-illnesses", "1"),
        answer("after.follow-up-count", "3"),
        answer("cost.deadline", "no"),
    ]
    assert evaluate_red_flags(BANK, CLINIC, answers) == []


# ------------------------------------------------------------ matching details


def test_status_asked_with_a_reply_counts() -> None:
    assert "clinic-not-registered" in raised_ids(
        BANK, CLINIC, [answer("cred.foreign-patient-registration", "no", status="asked")]
    )


def test_answers_of_other_clinics_and_own_questions_are_ignored() -> None:
    elsewhere = replace(answer("cred.foreign-patient-registration", "no"), clinic_id=ClinicId(8))
    own = answer("custom:1", text="no risk at all")
    assert evaluate_red_flags(BANK, CLINIC, [elsewhere, own]) == []


def test_the_latest_answer_to_a_question_wins() -> None:
    answers = [answer("cred.malpractice-insurance", "no"), answer("cred.malpractice-insurance", "yes")]
    assert "no-malpractice-insurance" not in raised_ids(BANK, CLINIC, answers)


def test_text_matching_folds_case_width_and_unicode_forms() -> None:
    decomposed = unicodedata.normalize("NFD", "그 치료는 위험이 없습니다")
    assert decomposed != "그 치료는 위험이 없습니다"
    for said in ("NO  RISK whatsoever", "ｎｏ ｒｉｓｋ", decomposed, "Risk\u00a0FREE", "risk\u2011free"):
        flags = raised_ids(BANK, CLINIC, [answer("risk.side-effects", text=said)])
        assert "no-risk-claim" in flags, said


def test_value_matching_ignores_case_and_spaces() -> None:
    assert "clinic-not-registered" in raised_ids(BANK, CLINIC, [answer("cred.foreign-patient-registration", " No ")])


def test_clinic_facts_raise_flags_without_answers() -> None:
    clinic = replace(CLINIC, claimed_credentials="Our lab is FDA-Registered and approved")
    flags = evaluate_red_flags(BANK, clinic, [])
    assert [f.rule.id for f in flags] == ["registered-presented-as-approved"]
    assert flags[0].question_ids == ()


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("3", 3.0),
        (" 3.5 ", 3.5),
        ("3,000", 3000.0),
        ("１２", 12.0),
        ("about 12 illnesses", 12.0),
        ("-2", -2.0),
        ("2 or 3", None),
        ("many", None),
        ("", None),
        ("nan", None),
        ("inf", None),
        ("1e400", None),
    ],
)
def test_parse_number(typed: str, number: float | None) -> None:
    assert parse_number(typed) == number


def test_numbers_are_read_from_the_text_when_the_value_is_empty() -> None:
    answers = [answer("treat.many-illnesses", text="They listed 12 different illnesses")]
    assert "one-treatment-many-illnesses" in raised_ids(BANK, CLINIC, answers)
    junk = [answer("treat.many-illnesses", value="lots", text="many, many")]
    assert raised_ids(BANK, CLINIC, junk) == []


def test_fold_text() -> None:
    assert fold_text("  Risk\u2011Free\tNOW ") == "risk-free now"
    assert fold_text("１００％") == "100%"


def test_flags_by_question() -> None:
    answers = [
        answer("risk.side-effects", text="No risk: they are your own cells, so it is safe."),
        answer("cost.deadline", "yes"),
    ]
    flags = evaluate_red_flags(BANK, CLINIC, answers)
    grouped = flags_by_question(flags)
    assert [f.rule.id for f in grouped["risk.side-effects"]] == ["no-risk-claim", "own-cells-as-proof-of-safety"]
    assert [f.rule.id for f in grouped["cost.deadline"]] == ["pressure-to-decide"]
    assert flags_by_question([RaisedFlag(BANK.red_flags[0], CLINIC.id, ())]) == {}


def test_flags_come_in_the_order_of_the_rules_file() -> None:
    clinic, answers = build(tuple(c for rule in BANK.red_flags for c in rule.when))
    order = [rule.id for rule in BANK.red_flags]
    raised = raised_ids(BANK, clinic, answers)
    assert raised == sorted(raised, key=order.index)


# -------------------------------------------------------------------- the demo


def demo_clinics() -> list[tuple[Clinic, list[Answer]]]:
    with open(resource_path("demo.toml"), "rb") as handle:
        demo = tomllib.load(handle)
    built = []
    for number, data in enumerate(demo["clinic"], start=1):
        facts = {k: v for k, v in data.items() if k != "answer"}
        clinic = Clinic(id=ClinicId(number), profile_id=ProfileId(1), **facts)
        answers = [
            Answer(
                profile_id=ProfileId(1), clinic_id=clinic.id, question_id=a["question"], status=a["status"],
                value=a["value"], text=a["text"], flagged=a["flagged"],
            )
            for a in data["answer"]
        ]
        built.append((clinic, answers))
    return built


def test_demo_has_a_careful_clinic_and_one_with_several_red_flags() -> None:
    careful, worrying = demo_clinics()
    assert raised_ids(BANK, *careful) == []
    raised = raised_ids(BANK, *worrying)
    assert len(set(raised)) >= 2
    assert {"registered-presented-as-approved", "no-risk-claim", "pressure-to-decide"} <= set(raised)


# ------------------------------------------------------------------ dismissals


def test_a_dismissed_flag_is_kept_marked_with_its_note_and_stops_counting(store: Any) -> None:
    profile = store.create_profile(name="Test patient (fictional)", condition="knee-oa")
    clinic = store.add_clinic(profile.id, name="Clinic A (fictional)")
    other = store.add_clinic(profile.id, name="Clinic B (fictional)")
    for where in (clinic, other):
        store.save_answer(where.id, "cred.malpractice-insurance", status="answered", value="no")
        store.save_answer(where.id, "cost.deadline", status="answered", value="yes")
    store.dismiss_flag(clinic.id, "no-malpractice-insurance", "Not a concern: they showed the policy by e-mail.")

    flags = clinic_flags(store, BANK, store.clinic(clinic.id))
    by_id = {flag.rule.id: flag for flag in flags}
    assert set(by_id) == {"no-malpractice-insurance", "pressure-to-decide"}
    dismissed = by_id["no-malpractice-insurance"]
    assert dismissed.dismissed and dismissed.dismissal is not None
    assert dismissed.dismissal.note == "Not a concern: they showed the policy by e-mail."
    assert not by_id["pressure-to-decide"].dismissed
    assert [f.rule.id for f in counting_flags(flags)] == ["pressure-to-decide"]
    assert serious_count(flags) == 0

    # The other clinic's same flag is untouched, and restoring makes it count again.
    assert serious_count(clinic_flags(store, BANK, store.clinic(other.id))) == 1
    store.restore_flag(clinic.id, "no-malpractice-insurance")
    assert serious_count(clinic_flags(store, BANK, store.clinic(clinic.id))) == 1


def test_a_dismissal_for_a_rule_that_no_longer_holds_shows_nothing() -> None:
    from db.records import FlagDismissal

    dismissals = {"no-malpractice-insurance": FlagDismissal(CLINIC.id, "no-malpractice-insurance", "fine")}
    assert evaluate_red_flags(BANK, CLINIC, [answer("cred.malpractice-insurance", "yes")], dismissals) == []
    raised = evaluate_red_flags(BANK, CLINIC, [answer("cred.malpractice-insurance", "no")], dismissals)
    assert [f.dismissed for f in raised] == [True]
    elsewhere = {"no-malpractice-insurance": FlagDismissal(ClinicId(99), "no-malpractice-insurance", "fine")}
    raised = evaluate_red_flags(BANK, CLINIC, [answer("cred.malpractice-insurance", "no")], elsewhere)
    assert [f.dismissed for f in raised] == [False]


# ------------------------------------------------------------------ wording


@pytest.mark.parametrize("rule", BANK.red_flags, ids=lambda r: r.id)
def test_every_rule_says_what_to_ask_or_check_in_both_languages(rule: RedFlagRule) -> None:
    assert re.search(r"\b(?:ask|check)\b", rule.explanation.en, re.IGNORECASE), rule.explanation.en
    assert re.search("문의|확인|요청", rule.explanation.ko), rule.explanation.ko
