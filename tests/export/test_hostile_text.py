"""Whatever a user types into any field reaches the sheet: printed, or visibly marked, never lost.

Each hostile string goes into every text field of a profile, a clinic, two answers and a
custom question at once, each copy tagged with its field, so a field that stops being
printed (or a string that makes reportlab raise) fails here by name.
"""

from __future__ import annotations

import unicodedata

import pytest
from sheet_helpers import SHEET_DATE, body_text, pdf_text, squash

from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import SheetOptions, gather_sheet
from app.export import labels
from app.export.fonts import sheet_fonts
from app.export.question_sheet import render_pdf
from app.export.sheet_text import SheetText
from db.records import CLINIC_FIELDS, PROFILE_FIELDS
from db.store import Store

_NOTE = "\n".join(
    f"Line {n}: pain when climbing stairs, worse in the morning; ibuprofen helps a little." for n in range(130)
)[:10_000]

HOSTILE = {
    "korean": "왼쪽 무릎 통증, 계단 오를 때 심함 (김민수)",
    "chinese": "膝关节骨关节炎，疼痛三年，服用布洛芬",
    "emoji": "Feeling hopeful 😀👍🏽❤️ 👨‍👩‍👧",
    "rtl": "مرحبا بالعالم שלום עולם",
    "markup": "<b>bold</b> & <font color=red>red</font> &amp; <br/> <para> </b>",
    "long-word": "Pneumono" + "x" * 200 + "osis",
    "note": _NOTE,
    "controls": "tab\there\x00nul\x07bell\x1bescape\u200bzero-width\ufeffbom\r\nnext line",
    "latin": "Jürgen Österreich, Åsa Ångström, São Paulo, Łódź, Nguyễn",
}

_NOT_PRINTED = {"budget"}  # kept off a sheet that goes to clinics; see test_question_sheet


def _printable(text: str) -> str:
    """What the sheet should show for `text`: the same conversion the renderer makes."""
    return "".join(run for run, _ in SheetText(sheet_fonts()).runs(text, keep_newlines=True))


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_conversion_keeps_every_visible_character_or_marks_it(kind: str) -> None:
    """Only invisible formatting may vanish; everything else is printed or becomes "□"."""
    text = unicodedata.normalize("NFC", HOSTILE[kind])
    visible = [c for c in text if not c.isspace() and unicodedata.category(c) != "Cf"
               and not 0xFE00 <= ord(c) <= 0xFE0F]
    assert len(squash(_printable(HOSTILE[kind]))) == len(visible)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_text_in_every_field_is_printed_or_marked(kind: str, store: Store, bank: QuestionBank) -> None:
    hostile = HOSTILE[kind]

    def tagged(field: str) -> str:
        return f"[{field}] {hostile}"

    text_fields = [f for f in PROFILE_FIELDS if f not in ("birth_year", "condition", "kl_grade", "mrs", "hoehn_yahr", "lvef", "travel_start", "travel_end")]
    profile_values = {f: tagged(f"p.{f}") for f in text_fields}
    profile = store.create_profile(profile_values.pop("name"), condition="knee-oa", kl_grade=2, **profile_values)
    # The appointment is a date, and its place and interpreter belong to the appointment, not to this sheet.
    clinic_fields = [f for f in CLINIC_FIELDS if f not in ("price", "appointment", "appointment_place", "interpreter")]
    clinic_values = {f: tagged(f"c.{f}") for f in clinic_fields}
    clinic = store.add_clinic(profile.id, clinic_values.pop("name"), price=9_500_000, **clinic_values)
    questions = bank.questions_for("knee-oa")
    text_question = next(q for q in questions if q.answer_kind == "text" and q.priority == "essential")
    yes_no = next(q for q in questions if q.answer_kind == "yes-no" and q.priority == "essential")
    store.save_answer(clinic.id, text_question.id, value=tagged("a.value"), text=tagged("a.text"), flagged=True)
    store.save_answer(clinic.id, yes_no.id, value=tagged("y.value"), text=tagged("y.text"))
    custom = store.add_custom_question(profile.id, tagged("q.text_en"), text_ko=tagged("q.text_ko"), priority="essential")
    store.save_answer(clinic.id, custom.question_id, text=tagged("q.answer"))
    for key in ("agency", "registration", "contact"):
        store.set_setting(f"facilitator.{key}", tagged(f"f.{key}"))

    # Every section that prints user text; the documents and reference pages hold only the bank's.
    options = SheetOptions(sections=("summary", "questions", "red_flags", "comparison"))
    data = render_pdf(gather_sheet(store, bank, profile.id, options, SHEET_DATE), options)
    printed = squash(body_text(data))

    fields = (
        [f"p.{f}" for f in text_fields]
        + [f"c.{f}" for f in clinic_fields]
        + ["a.value", "a.text", "y.value", "y.text", "q.text_en", "q.text_ko", "q.answer"]
    )
    for field in fields:
        expected = squash(_printable(tagged(field)))
        if field.removeprefix("p.") in _NOT_PRINTED:
            assert expected not in printed, field
        else:
            assert expected in printed, field
    conversion = SheetText(sheet_fonts())
    conversion.runs(hostile)
    assert (labels.LOST_CHARACTERS.en in pdf_text(data)) == conversion.lost
