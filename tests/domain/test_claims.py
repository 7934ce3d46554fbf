"""How a phrase is read in its clause: asserted, denied, hedged or asked (`app.domain.claims`).

The corpus test checks the rules as shipped; these pin the reading itself, one behaviour each,
with made-up phrases so that a change to the rules file cannot hide a change here.
"""

from __future__ import annotations

import pytest

from app.domain.claims import asserts_any
from app.domain.red_flags import fold_text


def says(text: str, *phrases: str) -> bool:
    return asserts_any(fold_text(text), [fold_text(p) for p in phrases])


@pytest.mark.parametrize(
    ("text", "phrase", "asserted"),
    [
        ("It is risk-free.", "risk-free", True),
        ("It is not risk-free.", "risk-free", False),
        ("No treatment is risk-free.", "risk-free", False),
        ("Is it risk-free?", "risk-free", False),
        ("I asked whether it is risk-free.", "risk-free", False),
        ("It's not surgery, so it is risk-free.", "risk-free", True),  # the "not" is in another clause
        ("There is no pain and no risk.", "no risk", True),  # "no" before a denial does not undo it
        ("I can't say there is no risk.", "no risk", False),
        ("There is no risk-free treatment.", "no risk", False),  # a hyphenated compound is another word
        ("A guarantee is not possible.", "guarantee", False),
        ("This is a secure clinic.", "cure", False),  # phrases start at a word's start
        ("We aim for relief rather than a cure.", "cure", False),
        ("부작용은 전혀 없습니다.", "부작용…없", True),
        ("부작용이 없는 것은 아닙니다.", "부작용…없", False),
        ("부작용이 없는 치료는 없습니다.", "부작용…없", False),
        ("부작용이 없지는 않습니다.", "부작용…없", False),
        ("부작용이 없었던 환자도 있습니다.", "부작용…없", False),
        ("부작용이 없다고 말씀드릴 수는 없습니다.", "부작용…없", False),
        ("부작용은 드물지만 효과가 없을 수도 있습니다.", "부작용…없", False),  # a gap does not cross 지만
        ("100% 안전한 치료는 없습니다.", "100% 안전", False),
        ("100% 안전합니다.", "100% 안전", True),
        ("효과를 보장할 수는 없습니다.", "효과…보장", False),
        ("후기보다는 논문을 보십시오.", "후기", False),
        ("100% 안전하고 통증도 없습니다.", "100% 안전", True),  # …고 starts a new statement
        ("It is 100% safe as we don't use chemicals.", "100% safe", True),  # "don't" only right after
        ("A totally safe treatment that is not painful.", "totally safe", True),  # not across "that"
        ("A guarantee of results is not possible.", "guarantee", False),
        ("FDA registration does not mean approval.", "fda registration", False),
    ],
)
def test_a_phrase_counts_only_where_it_is_asserted(text: str, phrase: str, asserted: bool) -> None:
    assert says(text, phrase) is asserted


def test_one_asserted_occurrence_is_enough() -> None:
    assert says("It is not risk-free, they said; later the agent said it is risk-free.", "risk-free")


def test_empty_text_asserts_nothing() -> None:
    assert not says("", "risk-free")
