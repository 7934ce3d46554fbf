"""My questions: the default pick from the bank, the patient's own order, and what is dropped."""

from __future__ import annotations

import pytest

from app.domain.picks import load_my_questions, moved, with_pick, without_pick
from app.domain.question_bank import QuestionBank, load_question_bank
from db.records import CONDITIONS
from db.store import Store


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_question_bank()


def test_a_new_profile_follows_the_default_pick_of_its_condition(store: Store, bank: QuestionBank) -> None:
    profile = store.create_profile("Kim")
    store.update_profile(profile.id, condition="knee-oa")
    assert load_my_questions(store, bank, profile.id) == [q.id for q in bank.default_pick("knee-oa")]


def test_the_default_pick_only_holds_questions_for_the_condition(bank: QuestionBank) -> None:
    for condition in CONDITIONS:
        for question in bank.default_pick(condition):
            assert question.applies_to(condition)


def test_own_questions_are_picked_when_the_default_is_followed(store: Store, bank: QuestionBank) -> None:
    profile = store.create_profile("Kim")
    own = store.add_custom_question(profile.id, "Can my daughter come in?")
    assert load_my_questions(store, bank, profile.id)[-1] == own.question_id


def test_a_stored_pick_drops_ids_that_no_longer_apply(store: Store, bank: QuestionBank) -> None:
    profile = store.create_profile("Kim")
    store.update_profile(profile.id, condition="stroke")
    general = bank.questions_for("stroke")[0].id
    knee_only = next(q.id for q in bank.questions if q.conditions == ("knee-oa",))
    store.set_question_picks(profile.id, [knee_only, "no.such-question", general])
    assert load_my_questions(store, bank, profile.id) == [general]


def test_pick_unpick_and_move_return_new_lists() -> None:
    picks = ["a", "b", "c"]
    assert with_pick(picks, "d") == ["a", "b", "c", "d"]
    assert with_pick(picks, "d", at=1) == ["a", "d", "b", "c"]
    assert with_pick(picks, "c", at=0) == ["c", "a", "b"]
    assert without_pick(picks, "b") == ["a", "c"]
    assert moved(picks, "c", -1) == ["a", "c", "b"]
    assert moved(picks, "a", -1) == ["a", "b", "c"]
    assert moved(picks, "a", 5) == ["b", "c", "a"]
    assert picks == ["a", "b", "c"]
