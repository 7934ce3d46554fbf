"""The shorter sheet: only the essential questions and the patient's own, with their numbers kept."""

from __future__ import annotations

from app.domain.demo import create_demo
from app.domain.question_bank import load_question_bank
from app.domain.sheet_content import SheetOptions, blank_sheet, gather_sheet
from db.store import Store


def test_essential_only_keeps_numbers_and_own_questions(store: Store) -> None:
    bank = load_question_bank()
    profile = create_demo(store)
    own = store.add_custom_question(profile.id, "Is there a lift?", priority="optional")
    full = gather_sheet(store, bank, profile.id, SheetOptions(kind="checklist"))
    short = gather_sheet(store, bank, profile.id, SheetOptions(kind="checklist", essential_only=True))
    numbers = {q.id: q.number for q in full.questions}
    assert short.questions and len(short.questions) < len(full.questions)
    assert all(q.priority == "essential" or q.is_custom for q in short.questions)
    assert all(numbers[q.id] == q.number for q in short.questions)
    assert own.question_id in {q.id for q in short.questions}
    essential = {q.id for q in full.questions if q.priority == "essential"}
    assert essential <= {q.id for q in short.questions}


def test_essential_only_blank_sheet() -> None:
    bank = load_question_bank()
    short = blank_sheet(bank, "stroke", SheetOptions(kind="checklist", essential_only=True))
    assert {q.priority for q in short.questions} == {"essential"}
