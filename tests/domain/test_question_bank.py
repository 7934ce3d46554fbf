"""The question bank loader: lookups, ordering, caching, and errors a content editor can make.

The error tests write a copy of the real resources to a temporary folder, break one thing
in the copy (as an editor might), and check that loading names the file and the TOML path.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from app.domain.question_bank import (
    PRIORITIES,
    QuestionBank,
    QuestionBankError,
    Text,
    load_question_bank,
)
from db.records import CONDITIONS, HOEHN_YAHR_STAGES
from resources import resource_path

RESOURCES = resource_path()
CONTENT_FILES = (
    "categories.toml",
    "conditions.toml",
    "sources.toml",
    "documents.toml",
    "red_flags.toml",
    "reference.toml",
)


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_question_bank()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the bundled content, safe to break."""
    root = tmp_path / "resources"
    root.mkdir()
    for name in CONTENT_FILES:
        shutil.copy(RESOURCES / name, root / name)
    shutil.copytree(RESOURCES / "questions", root / "questions")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the test expected {old!r} in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_error(root: Path) -> QuestionBankError:
    with pytest.raises(QuestionBankError) as raised:
        load_question_bank(root)
    return raised.value


# ------------------------------------------------------------------- the API


def test_text_gives_korean_for_ko_and_english_otherwise() -> None:
    text = Text(en="Cost", ko="비용")
    assert text.get("ko") == "비용"
    assert text.get("ko_KR") == "비용"
    assert text.get("en") == "Cost"
    assert text.get("fr") == "Cost"
    assert text.get("") == "Cost"


def test_default_load_is_cached_and_a_root_load_is_not(content: Path) -> None:
    assert load_question_bank() is load_question_bank()
    assert load_question_bank(content) is not load_question_bank(content)


def test_an_unchanged_copy_loads_like_the_bundle(content: Path, bank: QuestionBank) -> None:
    copy = load_question_bank(content)
    assert [q.id for q in copy.questions] == [q.id for q in bank.questions]
    assert [r.id for r in copy.red_flags] == [r.id for r in bank.red_flags]


def test_lookups_by_id(bank: QuestionBank) -> None:
    question = bank.question("cred.mfds-approved-product")
    assert question.category == "credentials" and question.answer_kind == "yes-no"
    assert bank.category("cost").title.en
    assert bank.condition("knee-oa").measure == "kl_grade"
    for lookup in (bank.question, bank.category, bank.condition):
        with pytest.raises(KeyError):
            lookup("no-such-id")


def test_question_choice_lookup(bank: QuestionBank) -> None:
    question = bank.question("treat.cell-source")
    assert question.choice("own").text.ko.startswith("자가")
    with pytest.raises(KeyError):
        question.choice("maybe")


def test_questions_are_stored_in_category_order(bank: QuestionBank) -> None:
    order = [c.id for c in bank.categories]
    ranks = [order.index(q.category) for q in bank.questions]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize("condition", CONDITIONS)
def test_questions_for_a_condition(bank: QuestionBank, condition: str) -> None:
    chosen = bank.questions_for(condition)
    assert {q.id for q in chosen} == {q.id for q in bank.questions if q.applies_to(condition)}
    # every general question, and only this condition's own
    assert all(not q.conditions or condition in q.conditions for q in chosen)
    assert {q.id for q in bank.questions if not q.conditions} <= {q.id for q in chosen}
    # by category, then essential before recommended before optional
    order = [c.id for c in bank.categories]
    keys = [(order.index(q.category), PRIORITIES.index(q.priority)) for q in chosen]
    assert keys == sorted(keys)


def test_questions_for_keeps_file_order_within_a_priority(bank: QuestionBank) -> None:
    file_order = []
    for path in sorted((RESOURCES / "questions").glob("*.toml")):
        with open(path, "rb") as handle:
            file_order += [q["id"] for q in tomllib.load(handle)["question"]]
    chosen = bank.questions_for("knee-oa")
    for category in {q.category for q in chosen}:
        for priority in PRIORITIES:
            ids = [q.id for q in chosen if q.category == category and q.priority == priority]
            assert ids == sorted(ids, key=file_order.index)


def test_applies_to(bank: QuestionBank) -> None:
    assert bank.question("cost.total").applies_to("stroke")
    assert bank.question("knee.kl-grade-fit").applies_to("knee-oa")
    assert not bank.question("knee.kl-grade-fit").applies_to("stroke")


def test_documents_for_a_condition(bank: QuestionBank) -> None:
    knee = bank.documents_for("knee-oa")
    assert knee == [d for d in bank.documents if not d.conditions or "knee-oa" in d.conditions]
    assert any(d.conditions == ("knee-oa",) for d in knee)
    assert not any("knee-oa" in d.conditions for d in bank.documents_for("stroke"))


def test_condition_measures(bank: QuestionBank) -> None:
    assert bank.condition("knee-oa").measure_values == (0, 1, 2, 3, 4)
    assert bank.condition("stroke").measure_values == (0, 1, 2, 3, 4, 5)
    assert bank.condition("parkinsons").measure_values == HOEHN_YAHR_STAGES
    heart = bank.condition("heart")
    assert heart.measure == "lvef" and heart.measure_values == () and heart.measure_title is not None
    for plain in ("skin", "other"):
        found = bank.condition(plain)
        assert (found.measure, found.measure_title, found.measure_values) == (None, None, ())


def test_reference_contacts_and_note(bank: QuestionBank) -> None:
    reference = bank.reference
    assert reference.compiled == "2026-11"
    assert "confirm" in reference.note.en.casefold()
    values = {c.value for c in reference.contacts}
    assert {"1577-7129", "1670-2545", "forcc@k-medi.or.kr", "+82-2-6210-0099"} <= values
    assert all(c.compiled == "2026-11" for c in reference.contacts)


# ------------------------------------------------------- errors an editor can make


# (file, text to replace, replacement, what the message must say)
BROKEN_EDITS = [
    pytest.param(
        "questions/cost.toml", 'id = "cost.total"', 'id = "cost.total"\ncolour = "red"',
        'questions/cost.toml: question[0].colour: Extra inputs are not permitted (in "cost.total")',
        id="unknown-key",
    ),
    pytest.param(
        "questions/cost.toml", 'ko = "모든 비용을 포함한 총 금액은 얼마입니까?"\n', "",
        "questions/cost.toml: question[0].ko: Field required",
        id="missing-korean",
    ),
    pytest.param(
        "categories.toml", 'ko = "비용 및 결제"', 'ko = "Cost and payment"',
        "categories.toml: category[5].ko: the Korean text has no Korean (Hangul) letters",
        id="english-in-a-korean-field",
    ),
    pytest.param(
        "questions/cost.toml", 'sources = ["S56", "S36", "S10"]', 'sources = ["S999", "S10"]',
        'questions/cost.toml: question[0].sources[0]: unknown source "S999"',
        id="unknown-source",
    ),
    pytest.param(
        "red_flags.toml", 'value_in = ["none", "refused"]', 'value_in = ["none", "perhaps"]',
        'red_flags.toml: red_flag[0].when[0].value_in[1]: "perhaps" is not an answer "cred.legal-route" can have',
        id="bad-red-flag-value",
    ),
    pytest.param(
        "red_flags.toml", 'question = "treat.many-illnesses"\nnumber_above = 3',
        'question = "treat.cell-source"\nnumber_above = 3',
        '"treat.cell-source" is a choice question; number_above/number_below are for number questions',
        id="number-test-on-a-choice-question",
    ),
    pytest.param(
        "red_flags.toml", 'question = "cred.plan-number-in-writing"', 'question = "cred.no-such"',
        'red_flags.toml: red_flag[3].when[0].question: unknown question "cred.no-such"',
        id="unknown-question-in-a-rule",
    ),
    pytest.param(
        "red_flags.toml", 'question = "cred.legal-route"\nvalue_in = ["none", "refused"]',
        'question = "cred.legal-route"\nvalue_in = ["none"]\ntext_says = ["x"]',
        "red_flags.toml: red_flag[0].when[0]: give exactly one of value_in, text_says",
        id="two-tests-in-one-condition",
    ),
    pytest.param(
        "questions/travel.toml", 'id = "travel.visa"', 'id = "cost.total"',
        'questions/travel.toml: question[0]: the question id "cost.total" is already used at',
        id="duplicate-id-across-files",
    ),
    pytest.param(
        "questions/cost.toml", 'category = "cost"', 'category = "money"',
        'questions/cost.toml: question[0].category: unknown category "money"',
        id="unknown-category",
    ),
    pytest.param(
        "questions/condition-stroke.toml", 'conditions = ["stroke"]', 'conditions = ["strok"]',
        'questions/condition-stroke.toml: question[0].conditions[0]: unknown condition "strok"',
        id="unknown-condition",
    ),
    pytest.param(
        "questions/cost.toml", 'answer_kind = "number"',
        'answer_kind = "number"\nchoices = [{ id = "a", en = "A", ko = "가" }]',
        "questions/cost.toml: question[0]: choices are only for choice questions, not number",
        id="choices-on-a-number-question",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), BROKEN_EDITS)
def test_a_broken_edit_is_reported_with_file_and_path(
    content: Path, file: str, old: str, new: str, expected: str
) -> None:
    edit(content / file, old, new)
    assert expected in str(load_error(content))


def test_invalid_toml_and_missing_file(content: Path) -> None:
    (content / "documents.toml").write_text("[[document]\nid = ", encoding="utf-8")
    (content / "reference.toml").unlink()
    message = str(load_error(content))
    assert "documents.toml: not valid TOML" in message
    assert "reference.toml: the file is missing" in message


def test_every_problem_is_reported_at_once(content: Path) -> None:
    edit(content / "questions" / "cost.toml", 'priority = "essential"', 'priority = "urgent"')
    edit(content / "questions" / "travel.toml", 'sources = ["S49", "S44b", "S50"]', 'sources = ["S0"]')
    edit(content / "sources.toml", 'compiled = "2026-11"', 'compiled = "November"')
    error = load_error(content)
    assert len(error.problems) == 3
    assert str(error).startswith("The question bank has 3 problems:")
    assert "questions/cost.toml: question[0].priority: Input should be 'essential'" in str(error)
    assert "sources.toml: S1.compiled: expected a month like \"2026-11\", not 'November'" in str(error)


def test_a_broken_entry_does_not_hide_its_neighbours(content: Path) -> None:
    # The first question is broken; a red flag naming the second must still resolve, and the
    # broken question's own id must not be reported as unknown by the rules that use it.
    edit(
        content / "questions" / "credentials.toml",
        'category = "credentials"\npriority = "essential"',  # the first question's, cred.legal-route
        'category = "credentials"\npriority = "vital"',
    )
    error = load_error(content)
    assert len(error.problems) == 1, error.problems
