"""What goes on a sheet, checked before any PDF exists: questions, answers, flags, sources."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sheet_helpers import SHEET_DATE, PatientFile

from app.domain.facilitator import facilitator_details
from app.domain.question_bank import PRIORITIES, QuestionBank
from app.domain.sheet_content import (
    SECTIONS,
    InvalidSheetOptions,
    SheetOptions,
    UnknownCondition,
    blank_sheet,
    gather_sheet,
)
from db.errors import NotFound
from db.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_importing_sheet_content_loads_neither_reportlab_nor_qt() -> None:
    code = (
        "import sys\n"
        "import app.domain.sheet_content\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_sheet_asks_the_conditions_questions_then_the_patients_own(patient: PatientFile, bank: QuestionBank) -> None:
    sheet = patient.sheet(bank)
    bank_ids = [q.id for q in sheet.questions if not q.is_custom]
    assert sorted(bank_ids) == sorted(q.id for q in bank.questions_for("knee-oa"))
    assert [q.number for q in sheet.questions] == list(range(1, len(sheet.questions) + 1))
    custom = [q for q in sheet.questions if q.is_custom]
    assert [(q.id, q.text.en, q.text.ko) for q in custom] == [
        (patient.custom.question_id, patient.custom.text_en, patient.custom.text_ko)
    ]


def test_questions_follow_the_category_order_and_essential_first(patient: PatientFile, bank: QuestionBank) -> None:
    sheet = patient.sheet(bank)
    order = [c.id for c in bank.categories]
    assert [order.index(g.category.id) for g in sheet.groups] == sorted(order.index(g.category.id) for g in sheet.groups)
    for group in sheet.groups:
        ranks = [PRIORITIES.index(q.priority) for q in group.questions]
        assert ranks == sorted(ranks), group.category.id
        assert all(q.category == group.category.id for q in group.questions)


def test_each_clinic_brings_its_answers_and_raised_flags(patient: PatientFile, bank: QuestionBank) -> None:
    sheet = patient.sheet(bank)
    answered, started = sheet.clinics
    assert answered.clinic.id == patient.answered.id
    assert answered.answer(patient.yes_no.id).value == "yes"
    assert answered.patient_flagged() == (patient.text.id,)
    assert [flag.rule.id for flag in answered.flags] == [patient.rule.id]
    assert answered.flags_for(patient.rule.when[0].question) == answered.flags
    assert started.flags == ()
    assert started.answer(patient.skipped.id).status == "skipped"


def test_one_clinic_only(patient: PatientFile, bank: QuestionBank) -> None:
    sheet = patient.sheet(bank, SheetOptions(kind="checklist", clinic_id=patient.started.id))
    assert [c.clinic.id for c in sheet.clinics] == [patient.started.id]


def test_unknown_profile_or_clinic_is_not_found(patient: PatientFile, bank: QuestionBank) -> None:
    with pytest.raises(NotFound):
        gather_sheet(patient.store, bank, 9999, SheetOptions(kind="checklist"))
    with pytest.raises(NotFound):
        patient.sheet(bank, SheetOptions(kind="checklist", clinic_id=9999))


def test_a_clinic_of_another_profile_is_not_found(patient: PatientFile, bank: QuestionBank) -> None:
    other = patient.store.create_profile("Someone else", condition="stroke")
    theirs = patient.store.add_clinic(other.id, "Their clinic")
    with pytest.raises(NotFound, match="not one of"):
        patient.sheet(bank, SheetOptions(kind="checklist", clinic_id=theirs.id))


def test_the_measure_is_read_from_the_profile(patient: PatientFile, bank: QuestionBank) -> None:
    measure = patient.sheet(bank).measure
    assert measure is not None
    assert measure[0].en == "Kellgren–Lawrence grade"
    assert measure[1] == "3"


def test_cited_sources_follow_the_printed_sections(patient: PatientFile, bank: QuestionBank) -> None:
    everything = {s.id for s in patient.sheet(bank).sources}
    cited_by_questions = {s for q in bank.questions_for("knee-oa") for s in q.sources}
    assert cited_by_questions <= everything
    assert set(patient.rule.sources) <= everything
    only_reference = patient.sheet(bank, SheetOptions(kind="checklist", sections=("reference",)))
    expected = {s for p in bank.reference.products for s in p.sources} | {
        s for c in bank.reference.contacts for s in c.sources
    }
    assert {s.id for s in only_reference.sources} == expected


def test_facilitator_details_come_from_settings(store: Store) -> None:
    assert facilitator_details(store) is None
    store.set_setting("facilitator.registration", "2024-0001")
    assert facilitator_details(store) is None  # no agency, nothing printed
    store.set_setting("facilitator.agency", "Seoul Care Travel")
    store.set_setting("facilitator.contact", "+82 2 0000 0000")
    details = facilitator_details(store)
    assert details is not None
    assert (details.agency, details.registration, details.contact) == (
        "Seoul Care Travel", "2024-0001", "+82 2 0000 0000"
    )


def test_a_blank_sheet_has_the_conditions_questions_and_no_one_in_it(bank: QuestionBank) -> None:
    sheet = blank_sheet(bank, "stroke", SheetOptions(kind="checklist"), SHEET_DATE)
    assert sheet.is_blank and sheet.profile is None and sheet.clinics == ()
    assert [q.id for q in sheet.questions] == [q.id for q in bank.questions_for("stroke")]
    assert sheet.warning_signs == bank.red_flags
    assert sheet.date == SHEET_DATE


def test_a_blank_sheet_for_an_unknown_condition_says_which_exist(bank: QuestionBank) -> None:
    with pytest.raises(UnknownCondition, match="knee-oa") as caught:
        blank_sheet(bank, "gout", SheetOptions(kind="checklist"))
    assert isinstance(caught.value, ValueError)
    assert "gout" in str(caught.value)


@pytest.mark.parametrize(
    "changes",
    [{"paper": "a3"}, {"sections": ("summary", "appendix")}, {"sections": ()}, {"second_language": ""}],
)
def test_options_that_cannot_make_a_sheet_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidSheetOptions):
        replace(SheetOptions(kind="checklist"), **changes)


def test_default_options_print_every_section() -> None:
    assert SheetOptions(kind="checklist").sections == SECTIONS
