"""Profile files carry everything, and refuse what the Store would refuse, in words, with the path.

The round trip here sets every profile and clinic field to a value that is not its
default, so a field that both export and import forget (and that a plain
export→import→export comparison cannot see) fails the test.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from app.domain.profile_file import (
    FORMAT_VERSION,
    ProfileFileError,
    export_profile,
    import_profile,
    parse_profile_bytes,
    parse_profile_file,
    preview_import,
    profile_document,
)
from app.domain.question_bank import QuestionBank, load_question_bank
from db.records import CLINIC_FIELDS, PROFILE_FIELDS, Clinic, Profile
from db.store import Store

#: A value unlike the default for every field a user edits; a new field must be added here.
PROFILE_VALUES: dict[str, Any] = {
    "name": "Margaret 이", "birth_year": 1951, "languages": "English, 한국어", "contact": "m@example.org",
    "condition": "parkinsons", "diagnosis": "Parkinson's disease", "diagnosed": "2019", "kl_grade": 2,
    "mrs": 3, "hoehn_yahr": 2.5, "lvef": 55, "medicines": "Levodopa 100 mg", "allergies": "Latex",
    "other_conditions": "Asthma", "prior_treatments": "Physiotherapy", "imaging": "MRI 2025 on CD",
    "goals": "Walk to the market", "budget": "20,000 USD", "travel_window": "if my son can come",
    "travel_start": "2027-04", "travel_end": "2027-06", "notes": "Prefers mornings",
}
CLINIC_VALUES: dict[str, Any] = {
    "name": "Hangang Joint Clinic", "city": "서울", "contact": "02-555-0100", "facilitator": "Medi Tour",
    "treatment": "Injection", "cell_source": "autologous adipose", "price": 15_000_000.0, "currency": "KRW",
    "claimed_credentials": "Registered", "notes": "Friendly", "appointment": "2027-04-12T14:30",
    "appointment_place": "3rd floor, room 301", "interpreter": "Ms Park (clinic's own)",
}


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_question_bank()


def test_the_tables_above_name_every_field() -> None:
    assert set(PROFILE_VALUES) == set(PROFILE_FIELDS)
    assert set(CLINIC_VALUES) == set(CLINIC_FIELDS)
    for record, values in ((Profile, PROFILE_VALUES), (Clinic, CLINIC_VALUES)):
        defaults = {f.name: f.default for f in fields(record)}
        assert all(values[name] != defaults[name] for name in values), record


def _everything(store: Store, bank: QuestionBank) -> int:
    values = dict(PROFILE_VALUES)
    profile = store.create_profile(values.pop("name"), **values)
    own = store.add_custom_question(profile.id, "Can my son stay with me?", text_ko="아들이 함께 있을 수 있습니까?")
    clinic_values = dict(CLINIC_VALUES)
    clinic = store.add_clinic(profile.id, clinic_values.pop("name"), **clinic_values)
    questions = bank.questions_for("parkinsons")
    store.save_answer(clinic.id, questions[0].id, value="no", text="They said so", flagged=True)
    store.save_answer(clinic.id, own.question_id, text="Yes")
    store.dismiss_flag(clinic.id, bank.red_flags[0].id, "The doctor showed me the approval letter.")
    store.set_question_picks(profile.id, [questions[2].id, own.question_id, questions[0].id])
    store.tick_document(profile.id, bank.documents[0].id)
    return profile.id


def test_every_field_survives_export_import_export(tmp_path: Path, store: Store, bank: QuestionBank) -> None:
    first = export_profile(store, _everything(store, bank), tmp_path / "a.stemprep")
    with Store.open(tmp_path / "other.db") as other:
        preview = preview_import(other, first, bank)
        assert preview.left_out == ()
        imported = import_profile(other, preview)
        for name, value in PROFILE_VALUES.items():
            assert getattr(imported, name) == value, name
        [clinic] = other.clinics_for(imported.id)
        for name, value in CLINIC_VALUES.items():
            assert getattr(clinic, name) == value, name
        own = other.custom_questions(imported.id)[0]
        questions = bank.questions_for("parkinsons")
        assert other.question_picks(imported.id) == [questions[2].id, own.question_id, questions[0].id]
        assert other.ticked_documents(imported.id) == {bank.documents[0].id}
        dismissal = other.flag_dismissals(clinic.id)[bank.red_flags[0].id]
        assert dismissal.note == "The doctor showed me the approval letter."
        assert other.answer(clinic.id, own.question_id).text == "Yes"
        second = export_profile(other, imported.id, tmp_path / "b.stemprep")
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    for document in (a, b):
        document.pop("exported_at")
        document["custom_questions"][0].pop("ref")
        document["my_questions"][1] = "custom:*"
        for answer in document["clinics"][0]["answers"]:
            if answer["question_id"].startswith("custom:"):
                answer["question_id"] = "custom:*"
    assert a == b


def test_a_profile_that_never_chose_its_questions_stays_on_the_default(
    tmp_path: Path, store: Store, bank: QuestionBank
) -> None:
    profile = store.create_profile("Kim", condition="stroke")
    document = profile_document(store, profile.id)
    assert document["my_questions"] is None  # None, not []: "follow the bank's default"
    path = export_profile(store, profile.id, tmp_path / "k.stemprep")
    with Store.open(tmp_path / "other.db") as other:
        imported = import_profile(other, preview_import(other, path, bank))
        assert other.question_picks(imported.id) is None
    store.set_question_picks(profile.id, [])
    assert profile_document(store, profile.id)["my_questions"] == []  # chose to ask nothing: kept apart


def test_a_version_1_file_still_imports(tmp_path: Path, store: Store, bank: QuestionBank) -> None:
    document = profile_document(store, _everything(store, bank))
    document["version"] = 1
    for key in ("my_questions", "ticked_documents"):
        document.pop(key)
    for key in ("travel_start", "travel_end"):
        document["profile"].pop(key)
    for clinic in document["clinics"]:
        for key in ("appointment", "appointment_place", "interpreter", "dismissed_flags"):
            clinic.pop(key)
    document["profile"]["uid"] = "0123456789abcdef"
    path = tmp_path / "v1.stemprep"
    path.write_text(json.dumps(document), encoding="utf-8")
    imported = import_profile(store, preview_import(store, path, bank))
    assert imported.travel_window == "if my son can come" and imported.travel_start is None
    assert store.question_picks(imported.id) is None
    assert FORMAT_VERSION == 2


def _file(store: Store, bank: QuestionBank, change: Any) -> bytes:
    document = profile_document(store, _everything(store, bank))
    change(document)
    return json.dumps(document).encode()


def test_a_birth_year_still_to_come_is_refused_on_reading_naming_the_field(store: Store, bank: QuestionBank) -> None:
    def changes(document: dict[str, Any]) -> None:
        document["profile"]["birth_year"] = 2090
        document["profile"]["travel_end"] = "2027-13"
        document["clinics"][0]["appointment"] = "next Tuesday"
        document["clinics"][0]["price"] = "a lot"

    with pytest.raises(ProfileFileError) as error:
        parse_profile_bytes(_file(store, bank, changes))
    problems = dict(p.split(": ", 1) for p in error.value.problems)
    assert set(problems) == {"profile.birth_year", "profile.travel_end", "clinics[0].appointment", "clinics[0].price"}
    assert "Year of birth must be a whole number from 1900" in problems["profile.birth_year"]
    assert problems["clinics[0].price"] == "must be a number, not text"
    assert "4 problems" in str(error.value)


@pytest.mark.parametrize(("raw", "words"), [
    (b"[" * 100_000 + b"]" * 100_000, "nest more than"),
    (b'{"format": "stemprep-profile", "version": ' + b"9" * 5000 + b"}", "5,000 digits long"),
    (b'{"format": "stemprep-profile", "version": 2, "price": 1.' + b"5" * 5000 + b"}", "characters long"),
])
def test_deep_nesting_and_long_numbers_are_one_sentence(raw: bytes, words: str) -> None:
    with pytest.raises(ProfileFileError, match=words) as error:
        parse_profile_bytes(raw)
    assert "RecursionError" not in str(error.value) and "set_int_max_str_digits" not in str(error.value)


def test_validation_errors_are_in_words(store: Store, bank: QuestionBank) -> None:
    def changes(document: dict[str, Any]) -> None:
        document["profile"] = [1, 2]
        document["clinics"][0]["answers"][0]["flagged"] = "yes"
        document["clinics"][0]["colour"] = "red"

    with pytest.raises(ProfileFileError) as error:
        parse_profile_bytes(_file(store, bank, changes))
    problems = dict(p.split(": ", 1) for p in error.value.problems)
    assert problems == {
        "profile": "must be a group of named fields {…}, not a list",
        "clinics[0].answers[0].flagged": "must be true or false, not text",
        "clinics[0].colour": "is not something a StemPrep profile file holds",
    }
    assert "Input should be" not in str(error.value) and "ProfileDoc" not in str(error.value)


def test_what_this_stemprep_does_not_know_is_left_out_and_reported(
    tmp_path: Path, store: Store, bank: QuestionBank
) -> None:
    def changes(document: dict[str, Any]) -> None:
        document["profile"]["uid"] = "feedface" * 2
        document["clinics"][0]["answers"][0]["question_id"] = "made.up-question"
        document["clinics"][0]["dismissed_flags"][0]["rule_id"] = "no-such-rule"
        document["my_questions"][0] = "another.unknown"
        document["ticked_documents"] = ["no-such-document"]

    path = tmp_path / "unknown.stemprep"
    path.write_bytes(_file(store, bank, changes))
    preview = preview_import(store, path, bank)
    assert preview.left_out == (
        "clinics[0].answers[0] (question 'made.up-question')",
        "clinics[0].dismissed_flags[0] (red flag 'no-such-rule')",
        "my_questions[0] (question 'another.unknown')",
        "ticked_documents[0] (document 'no-such-document')",
    )
    assert "4 items" in preview.left_out_sentence() and "made.up-question" in preview.left_out_sentence()
    imported = import_profile(store, preview)
    [clinic] = store.clinics_for(imported.id)
    assert "made.up-question" not in store.answers_for_clinic(clinic.id)
    assert store.flag_dismissals(clinic.id) == {}
    assert "another.unknown" not in (store.question_picks(imported.id) or [])
    assert store.ticked_documents(imported.id) == set()
    assert preview.answer_count == 1  # the one the file holds that this StemPrep knows


def test_replacing_keeps_the_id_and_drops_what_the_file_does_not_hold(
    tmp_path: Path, store: Store, bank: QuestionBank
) -> None:
    profile_id = _everything(store, bank)
    path = export_profile(store, profile_id, tmp_path / "a.stemprep")
    store.add_clinic(profile_id, "Added after the export")
    store.add_custom_question(profile_id, "Also added later")
    store.tick_document(profile_id, bank.documents[1].id)
    replaced = import_profile(store, preview_import(store, path, bank), mode="replace")
    assert replaced.id == profile_id
    assert [c.name for c in store.clinics_for(profile_id)] == ["Hangang Joint Clinic"]
    assert [q.text_en for q in store.custom_questions(profile_id)] == ["Can my son stay with me?"]
    assert store.ticked_documents(profile_id) == {bank.documents[0].id}
    assert store.profile_count() == 1


def test_reading_a_file_that_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileFileError, match="is a folder, not a file"):
        parse_profile_file(tmp_path)
