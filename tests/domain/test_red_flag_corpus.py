"""The red-flag corpus: careful answers stay quiet, alarming answers raise, in English and Korean.

`red_flag_corpus.toml` holds answers as a clinic might give them. Every text rule in the bank
has careful and alarming answers there in both languages. The tally of false alarms and misses
is printed at the end of the test run (see `conftest.py` beside this file); both must be 0.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.domain.question_bank import load_question_bank
from app.domain.red_flags import evaluate_red_flags
from db.records import Answer, Clinic, ClinicId, ProfileId

BANK = load_question_bank()
CLINIC = Clinic(id=ClinicId(3), profile_id=ProfileId(1), name="Corpus clinic (fictional)")
CORPUS_FILE = Path(__file__).with_name("red_flag_corpus.toml")
_HANGUL = re.compile("[가-힣]")


def load_corpus() -> dict[str, list[dict[str, Any]]]:
    with open(CORPUS_FILE, "rb") as handle:
        data = tomllib.load(handle)
    return {"quiet": data["quiet"], "raises": data["raises"]}


CORPUS = load_corpus()


def raised_by(entry: dict[str, Any]) -> list[str]:
    """The rule ids raised for one clinic whose only answer or fact is this entry."""
    answers = [
        Answer(profile_id=ProfileId(1), clinic_id=CLINIC.id, question_id=question, status="answered", value=value)
        for question, value in entry.get("also", {}).items()
    ]
    clinic = CLINIC
    if "clinic_field" in entry:
        clinic = replace(CLINIC, **{entry["clinic_field"]: entry["text"]})
    else:
        answers.append(
            Answer(
                profile_id=ProfileId(1), clinic_id=CLINIC.id, question_id=entry["question"], status="answered",
                text=entry["text"],
            )
        )
    return [flag.rule.id for flag in evaluate_red_flags(BANK, clinic, answers)]


def language(entry: dict[str, Any]) -> str:
    return "ko" if _HANGUL.search(entry["text"]) else "en"


def text_rules() -> set[str]:
    return {rule.id for rule in BANK.red_flags if any(c.text_says for c in rule.when)}


def test_the_corpus_raises_no_false_alarm_and_misses_nothing(record_property: Any) -> None:
    false_alarms = [(e, raised) for e in CORPUS["quiet"] if (raised := raised_by(e))]
    misses = [e for e in CORPUS["raises"] if e["rule"] not in raised_by(e)]
    record_property(
        "red_flag_corpus",
        {
            "careful": len(CORPUS["quiet"]),
            "alarming": len(CORPUS["raises"]),
            "false_alarms": len(false_alarms),
            "misses": len(misses),
        },
    )
    report = [f"false alarm ({', '.join(raised)}): {e['text']}" for e, raised in false_alarms]
    report += [f"missed ({e['rule']}): {e['text']}" for e in misses]
    print(
        f"\nred-flag corpus: {len(CORPUS['quiet'])} careful answers, {len(false_alarms)} false alarms; "
        f"{len(CORPUS['raises'])} alarming answers, {len(misses)} misses"
    )
    assert not report, "\n".join(report)


def test_the_corpus_is_large_enough_and_covers_every_text_rule_in_both_languages() -> None:
    assert len(CORPUS["quiet"]) >= 40 and len(CORPUS["raises"]) >= 40
    for kind in ("quiet", "raises"):
        covered = {(e["rule"], language(e)) for e in CORPUS[kind]}
        missing = sorted((rule, lang) for rule in text_rules() for lang in ("en", "ko") if (rule, lang) not in covered)
        assert not missing, f"[[{kind}]] has no answer for {missing}"


def test_every_corpus_entry_names_a_text_rule_and_a_real_place() -> None:
    questions = {q.id for q in BANK.questions}
    for entry in CORPUS["quiet"] + CORPUS["raises"]:
        assert entry["rule"] in text_rules(), entry
        assert entry.get("question") in questions or entry.get("clinic_field") in {"claimed_credentials", "treatment", "cell_source", "notes"}, entry
        assert set(entry.get("also", {})) <= questions, entry
