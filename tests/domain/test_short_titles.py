"""The short titles the question list shows: one for every question, a few words, in both languages.

The Questions step lists each question by its short title, so that a dozen fit on a laptop
screen; the full question is shown when it is chosen. A question without one would show
its whole text in the list again, so every question must have both languages.
"""

from __future__ import annotations

import re

import pytest

from app.domain.question_bank import QuestionBank, load_question_bank

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_question_bank()


def test_every_question_has_a_short_title_in_english_and_korean(bank: QuestionBank) -> None:
    missing = [q.id for q in bank.questions if q.short is None or not q.short.en.strip() or not q.short.ko.strip()]
    assert missing == []
    for question in bank.questions:
        assert not HANGUL.search(question.short.en), question.id
        assert HANGUL.search(question.short.ko), question.id


def test_short_titles_are_a_few_words(bank: QuestionBank) -> None:
    for question in bank.questions:
        assert len(question.short.en.split()) <= 6, f"{question.id}: {question.short.en}"
        assert len(question.short.en) <= 34, f"{question.id}: {question.short.en}"
        assert len(question.short.ko) <= 32, f"{question.id}: {question.short.ko}"
        assert len(question.short.en) < len(question.text.en), question.id


def test_short_titles_keep_the_makers_spelling_and_no_informal_korean(bank: QuestionBank) -> None:
    products = {p.name.ko: p.name.en for p in bank.reference.products}
    for question in bank.questions:
        ko = question.short.ko
        assert not re.search(r"요[.?!]|[니냐][?]", ko), f"{question.id}: {ko}"
        for korean, english in products.items():
            if korean in ko:
                assert english in ko, f"{question.id}: write {korean}({english})"
