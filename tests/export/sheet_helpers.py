"""Helpers for the sheet tests: the real question bank, a patient file on a real Store, PDF readers.

A module of its own (not conftest) so test files import it by a name no other test folder uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from app.domain.question_bank import QuestionBank, Question, RedFlagRule, load_question_bank
from app.domain.sheet_content import QuestionSheet, SheetOptions, gather_sheet
from app.export.question_sheet import render_pdf
from app.export.fonts import sheet_fonts
from app.export.styles import HEADER_BASELINE_MM, build_styles
from db.records import Clinic, CustomQuestion, Profile
from db.store import Store

SHEET_DATE = date(2026, 11, 28)


@pytest.fixture(scope="session")
def bank() -> QuestionBank:
    return load_question_bank()


@dataclass(frozen=True)
class PatientFile:
    """A knee-OA patient with two clinics: one answered (with a red flag), one barely started."""

    store: Store
    profile: Profile
    answered: Clinic
    started: Clinic
    custom: CustomQuestion
    yes_no: Question  # answered "yes" at `answered`
    text: Question  # answered in words at `answered`, and flagged by the patient
    skipped: Question  # skipped at `started`
    rule: RedFlagRule  # raised at `answered`
    text_answer: str

    def sheet(self, bank: QuestionBank, options: SheetOptions | None = None) -> QuestionSheet:
        return gather_sheet(self.store, bank, self.profile.id, options or SheetOptions(kind="checklist"), SHEET_DATE)

    def pdf(self, bank: QuestionBank, options: SheetOptions | None = None) -> bytes:
        options = options or SheetOptions(kind="checklist")
        return render_pdf(self.sheet(bank, options), options)


def raisable_rule(bank: QuestionBank, condition: str) -> RedFlagRule:
    """A rule raised by answers alone, to questions the condition's sheet asks."""
    asked = {q.id for q in bank.questions_for(condition)}
    for rule in bank.red_flags:
        if rule.match == "all" and all(w.question in asked and w.value_in for w in rule.when):
            return rule
    raise AssertionError("the bank has no rule that answers alone can raise")


@pytest.fixture
def patient(store: Store, bank: QuestionBank) -> PatientFile:
    return make_patient(store, bank)


def make_patient(store: Store, bank: QuestionBank) -> PatientFile:
    """The standard patient of these tests, written into `store`."""
    profile = store.create_profile(
        "Margaret Lee",
        birth_year=1956,
        contact="margaret.lee@example.com",
        languages="English",
        condition="knee-oa",
        kl_grade=3,
        diagnosis="Bilateral knee osteoarthritis",
        diagnosed="2019",
        medicines="Ibuprofen 400 mg as needed",
        allergies="Penicillin",
        other_conditions="High blood pressure",
        prior_treatments="Physiotherapy; two hyaluronic acid injections",
        imaging="Standing X-ray (2026-09) and MRI (2026-10) on CD",
        goals="Walk 2 km without pain",
        budget="20,000 USD",
        travel_window="March 2027",
        notes="Prefers morning appointments",
    )
    answered = store.add_clinic(
        profile.id, "Gangnam Joint Clinic", city="Seoul", price=12_000_000, currency="KRW",
        treatment="Stem cell injection", claimed_credentials="Designated institution",
    )
    started = store.add_clinic(profile.id, "Busan Regen Center", city="Busan")
    questions = bank.questions_for("knee-oa")
    rule = raisable_rule(bank, "knee-oa")
    for when in rule.when:
        assert when.question is not None
        store.save_answer(answered.id, when.question, value=when.value_in[0])
    in_rule = {w.question for w in rule.when}
    yes_no = next(q for q in questions if q.answer_kind == "yes-no" and q.id not in in_rule)
    text = next(q for q in questions if q.answer_kind == "text" and q.priority == "essential" and q.id not in in_rule)
    skipped = next(q for q in questions if q.priority == "essential")
    text_answer = "Dr Kim said the cells come from the patient's own fat tissue"
    store.save_answer(answered.id, yes_no.id, value="yes")
    store.save_answer(answered.id, text.id, text=text_answer, flagged=True)
    store.save_answer(started.id, skipped.id, status="skipped")
    custom = store.add_custom_question(
        profile.id, "Can my daughter stay with me during the injection?",
        text_ko="시술 중에 딸이 옆에 있어도 됩니까?", priority="essential",
    )
    return PatientFile(
        store=store, profile=store.profile(profile.id), answered=answered, started=started, custom=custom,
        yes_no=yes_no, text=text, skipped=skipped, rule=rule, text_answer=text_answer,
    )


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in pdf_reader(data).pages)


def body_text(data: bytes) -> str:
    """The text of every page without its header and footer, so that a paragraph running
    onto the next page reads on without "Page 3 of 9" in the middle of it."""
    parts: list[str] = []
    for page in pdf_reader(data).pages:
        height = float(page.mediabox.height)

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if FOOTER_TOP < y < height - HEADER_BOTTOM:
                parts.append(text)

        page.extract_text(visitor_text=visit)
    return "".join(parts)


# Furniture lies above the header's baseline and below the body's bottom margin (normal print).
HEADER_BOTTOM = (HEADER_BASELINE_MM + 1) * mm
FOOTER_TOP = build_styles(sheet_fonts(), large_print=False).bottom_margin - 2


def squash(text: str) -> str:
    """Text without any whitespace, to compare across the line breaks of wrapped paragraphs."""
    return "".join(text.split())
