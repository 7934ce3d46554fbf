"""Every word StemPrep itself prints can be drawn by the embedded NanumGothic.

User text may hold anything and degrades to "□" with a note; the bank's own content and
the sheet's labels must never do that. A character NanumGothic lacks (an "Ö", an "≥")
in a question fails here, naming the string, before it reaches a patient's sheet.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from app.domain.question_bank import QuestionBank, RuleCondition
from app.export import labels
from app.export.fonts import sheet_fonts
from app.export.sheet_text import MISSING_MARK


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every string reachable from `value`, skipping rule tests (never printed)."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, RuleCondition):
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if not field.name.startswith("_"):
                yield from _strings(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}[{key!r}]")
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            label = getattr(item, "id", index)
            yield from _strings(item, f"{where}[{label!r}]")


def _missing(text: str) -> list[str]:
    fonts = sheet_fonts()
    return sorted({f"U+{ord(c):04X} {c!r}" for c in text if not c.isspace() and not fonts.has_glyph(c)})


def test_the_walk_finds_the_bank_text(bank: QuestionBank) -> None:
    found = dict(_strings(bank, "bank"))
    assert bank.questions[0].text.ko in found.values()
    assert bank.reference.note.ko in found.values()
    assert len(found) > 5 * len(bank.questions)


def test_every_string_in_the_question_bank_has_glyphs(bank: QuestionBank) -> None:
    problems = [f"{where}: {', '.join(missing)} in {text!r}" for where, text in _strings(bank, "bank")
                if (missing := _missing(text))]
    assert not problems, "\n".join(problems)


def test_every_label_of_the_sheet_has_glyphs() -> None:
    values = {name: getattr(labels, name) for name in dir(labels) if name.isupper()}
    problems = [f"{where}: {', '.join(missing)} in {text!r}" for where, text in _strings(values, "labels")
                if (missing := _missing(text))]
    assert not problems, "\n".join(problems)
    assert not _missing(MISSING_MARK)
