"""The three kinds of sheet, read back from real PDFs of the demo patient.

The doctor copy is handed across the desk: it must be short, Korean first, and carry
nothing the patient would not show that clinic. The notebook is the patient's own:
what needs attention comes first, and its comparison never cuts what a clinic said.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sheet_helpers import SHEET_DATE, body_text, pdf_reader, pdf_text, squash

from app.domain.demo import create_demo
from app.domain.picks import load_my_questions, with_pick, without_pick
from app.domain.question_bank import QuestionBank, Text
from app.domain.sheet_content import (
    SHEET_KINDS,
    InvalidSheetOptions,
    SheetOptions,
    blank_sheet,
    facilitator_details,
    gather_sheet,
)
from app.export import labels
from app.export.question_sheet import render_counted, render_merged, render_pdf
from db.records import CONDITIONS, Clinic, Profile
from db.store import Store

DOCTOR = SheetOptions(kind="doctor")
NOTEBOOK = SheetOptions(kind="notebook")


@pytest.fixture
def demo(store: Store) -> tuple[Profile, Clinic, Clinic]:
    profile = create_demo(store)
    careful, pushy = store.clinics_for(profile.id)
    careful = store.update_clinic(careful.id, appointment="2027-04-12T10:30", appointment_place="Joint Centre, 3F",
                                  interpreter="Ms Park")
    return profile, careful, pushy


def _pdf(store: Store, bank: QuestionBank, profile: Profile, options: SheetOptions) -> bytes:
    return render_pdf(gather_sheet(store, bank, profile.id, options, SHEET_DATE), options)


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pdf_reader(data).pages]


# ------------------------------------------------------------------ doctor copy


@pytest.mark.parametrize(("paper", "large_print", "budget"), [("a4", False, 4), ("letter", True, 8)])
def test_the_demo_doctor_copy_fits_its_page_budget(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic], paper: str, large_print: bool, budget: int
) -> None:
    profile, careful, pushy = demo
    for clinic in (careful, pushy):
        options = SheetOptions(kind="doctor", clinic_id=clinic.id, paper=paper, large_print=large_print)
        pages = len(pdf_reader(_pdf(store, bank, profile, options)).pages)
        assert pages <= budget, (clinic.name, pages)


@pytest.mark.parametrize("condition", CONDITIONS)
def test_a_blank_doctor_copy_fits_four_pages(bank: QuestionBank, condition: str) -> None:
    sheet = blank_sheet(bank, condition, DOCTOR, SHEET_DATE)
    data, pages = render_counted(sheet, DOCTOR)
    assert pages <= 4
    assert len(sheet.picked) >= 12
    # A form to fill in: the summary's labels with nothing typed after them.
    assert "복용 중인 약" in pdf_text(data) and "Current medicines" in pdf_text(data)


def test_a_blank_checklist_is_the_whole_bank(bank: QuestionBank) -> None:
    options = SheetOptions(kind="checklist")
    sheet = blank_sheet(bank, "knee-oa", options, SHEET_DATE)
    assert len(sheet.questions) == len(bank.questions_for("knee-oa"))
    assert render_counted(sheet, options)[1] > 4


def test_each_picked_question_is_in_korean_before_its_english(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, careful, _ = demo
    options = replace(DOCTOR, clinic_id=careful.id)
    sheet = gather_sheet(store, bank, profile.id, options, SHEET_DATE)
    text = squash(body_text(render_pdf(sheet, options)))
    assert len(sheet.picked) >= 12
    for question in sheet.picked:
        korean, english = squash(question.text.ko)[:25], squash(question.text.en)[:25]
        assert korean in text and english in text, question.id
        assert text.index(korean) < text.index(english), question.id
    # The labels too: Korean first.
    assert squash(f"{labels.SUMMARY.ko} / {labels.SUMMARY.en}") in text


def test_the_doctor_copy_holds_nothing_private(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, careful, pushy = demo
    text = squash(pdf_text(_pdf(store, bank, profile, replace(DOCTOR, clinic_id=careful.id))))
    assert squash(careful.name) in text
    private = [
        pushy.name,  # the other clinic
        "9,500,000", "9500000", "14,000", "USD",  # prices
        "Helen", "Dr Patel", "Ms Park, answered",  # the patient's notes, the notes on the clinic
        "15,000",  # the budget
        labels.PATIENT_MARK, labels.RED_FLAG_MARK,  # worry marks, red flags
        labels.RED_FLAG.en, labels.RED_FLAG.ko, labels.PATIENT_FLAG.en,
        labels.COMPARISON.en, labels.COMPARISON.ko, labels.WHY.en, labels.WHY.ko,
        "special offer",
    ]
    for item in private:
        assert squash(item) not in text, item


def test_without_a_clinic_each_clinic_gets_its_own_copy_numbered_on_its_own(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, careful, pushy = demo
    pages = _pages(_pdf(store, bank, profile, DOCTOR))
    starts = [i for i, page in enumerate(pages) if "Page 1 of" in page]
    assert len(starts) == 2 and starts[0] == 0
    first, second = pages[: starts[1]], pages[starts[1]:]
    assert f"Page {len(first)} of {len(first)}" in first[-1]
    assert f"Page {len(second)} of {len(second)}" in second[-1]
    # Each copy names only its own clinic, and carries its own appointment.
    assert all(squash(careful.name) in squash(p) and squash(pushy.name) not in squash(p) for p in first)
    assert all(squash(pushy.name) in squash(p) and squash(careful.name) not in squash(p) for p in second)
    assert "2027-04-12 10:30" in first[0] and "Ms Park" in first[0]
    assert "2027-04-12" not in "".join(second)


def test_picking_and_unpicking_change_the_doctor_copy(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, careful, _ = demo
    options = replace(DOCTOR, clinic_id=careful.id)
    added, removed = bank.question("cost.deposit"), bank.question("cred.legal-route")
    before = squash(pdf_text(_pdf(store, bank, profile, options)))
    assert squash(added.text.ko) not in before and squash(removed.text.ko)[:30] in before
    picks = load_my_questions(store, bank, profile.id)
    store.set_question_picks(profile.id, without_pick(with_pick(picks, added.id, at=0), removed.id))
    after = squash(pdf_text(_pdf(store, bank, profile, options)))
    assert squash(f"1. {added.text.ko}")[:30] in after
    assert squash(removed.text.ko)[:30] not in after


def test_no_personal_details_leaves_out_the_name_and_every_note(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, _, _ = demo
    for kind in ("doctor", "notebook", "checklist"):
        text = squash(pdf_text(_pdf(store, bank, profile, SheetOptions(kind=kind, personal_details=False))))
        for item in ("Margaret", "margaret.lee@example.com", "1955", "Helen", "wants to see whatever", "special offer"):
            assert squash(item) not in text, (kind, item)


def test_the_agency_footer_is_on_every_page_of_every_kind(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, _, _ = demo
    store.set_setting("facilitator.agency", "Seoul Care Travel")
    for kind in SHEET_KINDS:
        options = SheetOptions(kind=kind.id)
        assert all("Seoul Care Travel" in page for page in _pages(_pdf(store, bank, profile, options))), kind.id
    blank = blank_sheet(bank, "stroke", DOCTOR, SHEET_DATE, facilitator=facilitator_details(store))
    assert all("Seoul Care Travel" in page for page in _pages(render_pdf(blank, DOCTOR)))


def test_a_merged_pdf_holds_every_patients_copies(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, _, _ = demo
    other = store.create_profile("Second patient", condition="stroke")
    store.add_clinic(other.id, "Busan Clinic (fictional)")
    sheets = [gather_sheet(store, bank, p.id, DOCTOR, SHEET_DATE) for p in (profile, other)]
    data, pages = render_merged(sheets, DOCTOR)
    texts = _pages(data)
    assert len(texts) == pages == sum(render_counted(s, DOCTOR)[1] for s in sheets)
    assert sum("Page 1 of" in page for page in texts) == 3  # two copies for the demo, one for the other
    assert "Second patient" in texts[-1] and "Margaret" not in texts[-1]


# ------------------------------------------------------------------ notebook


def test_every_serious_flag_is_on_the_notebooks_first_two_pages(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, _, _ = demo
    sheet = gather_sheet(store, bank, profile.id, NOTEBOOK, SHEET_DATE)
    serious = [f for entry in sheet.clinics for f in entry.flags if f.rule.severity == "serious"]
    assert serious
    first_pages = squash("".join(_pages(render_pdf(sheet, NOTEBOOK))[:2]))
    for flag in serious:
        assert squash(flag.rule.title.en) in first_pages, flag.rule.id
        assert squash(flag.rule.title.ko) in first_pages, flag.rule.id


def test_a_dismissed_flag_is_printed_as_dismissed_with_its_note(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, _, pushy = demo
    sheet = gather_sheet(store, bank, profile.id, NOTEBOOK, SHEET_DATE)
    flag = next(entry for entry in sheet.clinics if entry.clinic.id == pushy.id).flags[0]
    store.dismiss_flag(pushy.id, flag.rule.id, "My GP checked this; fine.")
    text = squash("".join(_pages(_pdf(store, bank, profile, NOTEBOOK))[:2]))
    assert squash(flag.rule.title.en) in text
    assert squash(f"{labels.DISMISSED.en} / {labels.DISMISSED.ko}: My GP checked this; fine.") in text


def test_the_notebook_ticks_the_documents_already_packed(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, _, _ = demo
    document = bank.documents_for(profile.condition)[0]
    store.tick_document(profile.id, document.id)
    sheet = gather_sheet(store, bank, profile.id, NOTEBOOK, SHEET_DATE)
    assert sheet.ticked_documents == {document.id}
    assert labels.DOCUMENTS_READY.en in pdf_text(render_pdf(sheet, NOTEBOOK))


def test_the_comparison_never_cuts_text_and_drops_unasked_rows(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, careful, pushy = demo
    long_name = "Very Long Clinic Name Hospital and Regenerative Medicine Centre of Gangnam-gu Seoul (fictional)"
    store.update_clinic(pushy.id, name=long_name)
    said = " ".join(f"word{n}" for n in range(250))
    store.save_answer(careful.id, "after.long-term", status="answered", text=said)
    options = replace(NOTEBOOK, sections=("comparison",))
    text = body_text(_pdf(store, bank, profile, options))
    assert "\u2026" not in text
    # All of it, although it runs onto the next page under the repeated column heads.
    assert squash(said)[:200] in squash(text)
    assert all(f"word{n}" in text.split() for n in range(250))
    assert squash(long_name) in squash(text)
    never_asked = bank.question("after.activity-limits")
    assert squash(never_asked.text.en)[:30] not in squash(text)
    # Prices each in their own currency.
    assert "9,500,000 KRW" in text and "14,000 USD" in text


def test_the_comparison_is_left_out_with_one_clinic(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, careful, _ = demo
    text = pdf_text(_pdf(store, bank, profile, replace(NOTEBOOK, clinic_id=careful.id)))
    assert labels.COMPARISON.en not in text


def test_notebook_sources_are_short_in_the_text_and_full_at_the_end(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, _, _ = demo
    text = body_text(_pdf(store, bank, profile, NOTEBOOK))
    heading = f"{labels.REFERENCE.en} / {labels.REFERENCE.ko}"
    running, reference = text.split(heading, 1)
    assert "https://" not in running  # the site, not the address, in the running text
    assert "KLRI English law viewer — elaw.klri.re.kr" in " ".join(running.split())
    assert "https://" in reference.split(labels.SOURCES.en, 1)[1]


# ------------------------------------------------------------------ options


def test_an_unknown_kind_or_no_parts_is_refused() -> None:
    with pytest.raises(InvalidSheetOptions, match="kind of sheet"):
        SheetOptions(kind="poster")
    with pytest.raises(InvalidSheetOptions):
        SheetOptions(kind="doctor", sections=())


def test_nothing_private_is_even_gathered_for_the_doctor_copy(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, careful, _ = demo
    sheet = gather_sheet(store, bank, profile.id, DOCTOR, SHEET_DATE)
    assert sheet.profile is not None and not sheet.profile.notes and not sheet.profile.budget
    assert sheet.documents == () and sheet.sources == () and sheet.groups == ()
    for entry in sheet.clinics:
        assert not entry.answers and not entry.flags and not entry.dismissed
        assert entry.clinic.price is None and not entry.clinic.notes and not entry.clinic.treatment
    assert next(e for e in sheet.clinics if e.clinic.id == careful.id).clinic.appointment == "2027-04-12T10:30"


def test_a_profile_without_clinics_gets_one_doctor_copy_with_a_clinic_line(store: Store, bank: QuestionBank) -> None:
    profile = store.create_profile("No Clinic Yet", condition="heart")
    data, pages = render_counted(gather_sheet(store, bank, profile.id, DOCTOR, SHEET_DATE), DOCTOR)
    texts = _pages(data)
    assert sum("Page 1 of" in page for page in texts) == 1 and pages <= 4
    assert f"{labels.CLINIC.ko} / {labels.CLINIC.en}" in texts[0]


@pytest.mark.parametrize("kind", [k.id for k in SHEET_KINDS])
def test_long_and_strange_text_prints_in_every_kind(store: Store, bank: QuestionBank, kind: str) -> None:
    long = "무릎 " + "x" * 2000 + " <b>&amp; 😀 " + "word " * 1500
    profile = store.create_profile(long, condition="knee-oa", medicines=long, goals="Walk 😀", notes=long)
    first = store.add_clinic(profile.id, long, appointment="2027-04-12", appointment_place=long, interpreter=long,
                             notes=long, price=1234.5, currency="EUR")
    store.add_clinic(profile.id, "Second (fictional)")
    store.save_answer(first.id, "cost.total", status="answered", value="1234.5", text=long, flagged=True)
    store.add_custom_question(profile.id, long, text_ko=long, priority="essential")
    options = SheetOptions(kind=kind)
    data, pages = render_counted(gather_sheet(store, bank, profile.id, options, SHEET_DATE), options)
    text = squash(body_text(data))
    assert pages >= 1
    assert squash("word " * 50) in text  # long text flows on, whole
    assert "<b>&amp;" in pdf_text(data)  # markup printed as typed
    assert (squash(labels.LOST_CHARACTERS.en) in squash(pdf_text(data)))  # the emoji became □, and it says so


def test_the_sheet_speaks_of_the_patient_humbly_in_korean() -> None:
    """Beside humble titles such as 여쭤볼 질문 the patient is 제/제가, never 나의/내가."""
    korean = {name: value.ko for name, value in vars(labels).items() if isinstance(value, Text)}
    assert len(korean) > 30
    plain = {name: text for name, text in korean.items() if "내가" in text or "나의" in text}
    assert plain == {}


def test_the_doctor_copy_says_when_a_question_of_the_patients_own_is_in_english_only(
    store: Store, bank: QuestionBank
) -> None:
    profile = store.create_profile("Kim", condition="knee-oa")
    store.add_clinic(profile.id, "Clinic (fictional)")
    store.add_custom_question(profile.id, "Can my daughter join the consultation by video?", priority="essential")
    store.add_custom_question(profile.id, "Is parking free?", text_ko="주차는 무료입니까?", priority="essential")
    text = squash(pdf_text(_pdf(store, bank, profile, DOCTOR)))
    english_only = squash(f"Can my daughter join the consultation by video? {labels.ENGLISH_ONLY.ko}")
    assert english_only in text
    assert text.count(squash(labels.ENGLISH_ONLY.ko)) == 1  # not under the one written in Korean too


def test_the_patients_own_copies_say_on_their_first_page_that_they_stay_with_the_patient(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, _, _ = demo
    own = squash(labels.OWN_COPY.en), squash(labels.OWN_COPY.ko)
    for kind in ("notebook", "checklist"):
        first = squash(_pages(_pdf(store, bank, profile, SheetOptions(kind=kind)))[0])
        assert all(part in first for part in own), kind
    doctor = squash(pdf_text(_pdf(store, bank, profile, DOCTOR)))
    blank = squash(pdf_text(render_pdf(blank_sheet(bank, "knee-oa", SheetOptions(kind="checklist"), SHEET_DATE),
                                       SheetOptions(kind="checklist"))))
    assert not any(part in doctor or part in blank for part in own)  # what goes to a clinic, and a form to fill


def test_many_clinics_are_compared_in_tables_of_a_few_so_no_word_is_broken(
    store: Store, bank: QuestionBank, demo: tuple[Profile, Clinic, Clinic]
) -> None:
    profile, careful, _ = demo
    said = "Uncultured concentrated marrow; confidential government registration"
    store.save_answer(careful.id, "cred.legal-route", status="answered", text=said)
    for n in range(5):
        clinic = store.add_clinic(profile.id, f"Clinic {n} (fictional)", price=1000 + n, currency="USD")
        store.save_answer(clinic.id, "cred.legal-route", status="answered", text=said)
    text = pdf_text(_pdf(store, bank, profile, SheetOptions(kind="notebook", sections=("comparison",))))
    lines = [line.strip() for line in text.splitlines()]
    for word in ("Uncultured", "concentrated", "confidential", "government", "registration"):
        assert sum(word in line for line in lines) >= 6, word  # whole in each cell that holds it
    assert all(f"Clinic {n} (fictional)" in text for n in range(5))
