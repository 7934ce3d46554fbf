"""The printed sheet, read back from real PDFs: what is on it, in what order, on what paper."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sheet_helpers import SHEET_DATE, PatientFile, make_patient, pdf_reader, pdf_text, squash

from app.domain.question_bank import QuestionBank
from app.domain.sheet_content import SheetOptions, blank_sheet
from db import files as safe_files
from app.export import labels, question_sheet
from app.export.fonts import sheet_fonts
from app.export.question_sheet import (
    PDF_TITLE,
    SheetExportError,
    export_blank_sheet,
    export_sheet,
    render_pdf,
    save_pdf,
)
from app.export.styles import build_styles
from db.store import Store

ROOT = Path(__file__).resolve().parents[2]

SECTION_HEADINGS = [
    labels.SUMMARY.en,
    labels.QUESTIONS_FOR.en.format(clinic="Gangnam Joint Clinic"),
    labels.QUESTIONS_FOR.en.format(clinic="Busan Regen Center"),
    labels.RED_FLAGS.en,
    labels.DOCUMENTS.en,
    labels.COMPARISON.en,
    labels.REFERENCE.en,
]


@pytest.fixture(scope="module")
def full_pdf(tmp_path_factory: pytest.TempPathFactory, bank: QuestionBank) -> bytes:
    """The default sheet of the standard patient, rendered once for the tests that only read it."""
    with Store.open(tmp_path_factory.mktemp("sheet") / "t.db") as store:
        return make_patient(store, bank).pdf(bank)


@pytest.fixture(scope="module")
def full_text(full_pdf: bytes) -> str:
    return pdf_text(full_pdf)


@pytest.fixture(scope="module")
def page_texts(full_pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pdf_reader(full_pdf).pages]


def test_sections_print_in_order(full_text: str) -> None:
    text = full_text
    positions = [text.find(heading) for heading in SECTION_HEADINGS]
    assert -1 not in positions, dict(zip(SECTION_HEADINGS, positions, strict=True))
    assert positions == sorted(positions)


def test_only_the_chosen_sections_print(patient: PatientFile, bank: QuestionBank) -> None:
    text = pdf_text(patient.pdf(bank, SheetOptions(kind="checklist", sections=("questions", "documents"))))
    assert labels.QUESTIONS_FOR.en.format(clinic="Gangnam Joint Clinic") in text
    assert labels.DOCUMENTS.en in text
    for absent in (labels.SUMMARY, labels.RED_FLAGS, labels.COMPARISON, labels.REFERENCE):
        assert absent.en not in text


def test_every_page_says_page_n_of_m(page_texts: list[str]) -> None:
    pages = page_texts
    assert 6 <= len(pages) <= 80
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"{len(pages)}쪽 중 {number}쪽" in text
        assert labels.NOT_ADVICE.en in text
        assert "Margaret Lee" in text
        assert SHEET_DATE.isoformat() in text


def test_the_header_names_the_clinic_of_the_question_pages(page_texts: list[str]) -> None:
    pages = page_texts
    busan = [t for t in pages if labels.QUESTIONS_FOR.en.format(clinic="Busan Regen Center") in t]
    assert busan and "Gangnam Joint Clinic" not in busan[0]  # not in the header either
    assert "Gangnam Joint Clinic, Busan Regen Center" in pages[0]  # the summary page is for both


def test_the_facilitator_is_on_every_page_when_set(patient: PatientFile, bank: QuestionBank) -> None:
    patient.store.set_setting("facilitator.agency", "Seoul Care Travel")
    patient.store.set_setting("facilitator.registration", "2024-0042")
    pages = [page.extract_text() for page in pdf_reader(patient.pdf(bank, SheetOptions(kind="checklist", sections=("summary", "documents")))).pages]
    assert all("Seoul Care Travel" in text and "2024-0042" in text for text in pages)


@pytest.mark.parametrize("large_print", [False, True])
def test_a_long_agency_name_gives_way_to_its_registration_number_and_contact(
    patient: PatientFile, bank: QuestionBank, large_print: bool
) -> None:
    agency = "Seoul Global Medical Tourism Consulting Co., Ltd. (서울글로벌메디컬투어컨설팅 주식회사)"
    contact = "coordinator.international@seoulglobalmedical.example / +82-2-1234-5678"
    patient.store.set_setting("facilitator.agency", agency)
    patient.store.set_setting("facilitator.registration", "제2024-서울강남-0123호")
    patient.store.set_setting("facilitator.contact", contact)
    options = SheetOptions(kind="doctor", large_print=large_print)
    pages = [squash(page.extract_text()) for page in pdf_reader(patient.pdf(bank, options)).pages]
    for text in pages:
        assert squash("제2024-서울강남-0123호") in text and squash(contact) in text
        assert squash("Seoul Global Medical Tourism") in text


def test_the_patients_summary_is_printed_with_bilingual_labels(full_text: str, page_texts: list[str]) -> None:
    text = full_text
    for expected in (
        "Margaret Lee", "1956", "margaret.lee@example.com", "Bilateral knee osteoarthritis", "2019",
        "Ibuprofen 400 mg as needed", "Penicillin", "High blood pressure", "Walk 2 km without pain",
        "Physiotherapy; two hyaluronic acid injections", "March 2027", "Prefers morning appointments",
        "Current medicines / 복용 중인 약", "Allergies / 알레르기", "Kellgren–Lawrence grade",
        "Knee osteoarthritis / 무릎 골관절염", "12,000,000 KRW",
    ):
        assert expected in text, expected
    assert labels.TITLE.en in page_texts[0] and labels.TITLE.ko in page_texts[0]
    assert "Clinics this sheet is for" in page_texts[0] + page_texts[1]


def test_the_budget_stays_off_a_sheet_that_goes_to_clinics(full_text: str) -> None:
    assert "20,000 USD" not in full_text


def test_every_question_is_printed_in_english_and_korean(patient: PatientFile, bank: QuestionBank, full_text: str) -> None:
    text = squash(full_text)
    for question in patient.sheet(bank).questions:
        assert squash(question.text.en) in text, question.id
        assert squash(question.text.ko) in text, question.id


def test_recorded_answers_are_printed(patient: PatientFile, full_text: str) -> None:
    text = full_text
    assert "Answer / 답변: Yes / 예" in text
    assert squash(patient.text_answer) in squash(text)
    assert "Skipped / 건너뜀" in text
    assert labels.PATIENT_FLAG.en in text
    assert labels.NOT_ASKED.en in text  # in the comparison


def test_raised_red_flags_are_printed_in_both_languages(patient: PatientFile, full_text: str) -> None:
    text = squash(full_text)
    red_flags = text[text.find(squash(labels.RED_FLAGS.en)):]
    for words in (patient.rule.title.en, patient.rule.title.ko, patient.rule.explanation.en, patient.rule.explanation.ko):
        assert squash(words) in red_flags
    assert all(source in red_flags for source in patient.rule.sources)
    assert squash(labels.NO_RED_FLAGS.en) in red_flags  # the clinic with no flags says so


def test_without_personal_details_name_birth_year_and_contact_are_nowhere(patient: PatientFile, bank: QuestionBank) -> None:
    data = patient.pdf(bank, SheetOptions(kind="checklist", personal_details=False))
    text = pdf_text(data)
    for personal in ("Margaret", "1956", "margaret.lee@example.com"):
        assert personal not in text
    assert b"Margaret" not in data and b"margaret.lee" not in data
    assert "Penicillin" in text  # the medical summary stays
    metadata = pdf_reader(data).metadata
    assert metadata.title == PDF_TITLE
    assert not metadata.author


def test_metadata_is_generic_even_with_personal_details(full_pdf: bytes) -> None:
    metadata = pdf_reader(full_pdf).metadata
    assert metadata.title == PDF_TITLE
    assert not metadata.author
    assert "Margaret" not in " ".join(str(v) for v in metadata.values())


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_size(patient: PatientFile, bank: QuestionBank, paper: str, size: tuple[int, int]) -> None:
    for page in pdf_reader(patient.pdf(bank, SheetOptions(kind="checklist", paper=paper, sections=("summary", "reference")))).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def _font_sizes(data: bytes) -> Counter[float]:
    """How often text is set in NanumGothic at each size (the canvas's unused default font aside)."""
    sizes: Counter[float] = Counter()
    for page in pdf_reader(data).pages:
        fonts = {name.lstrip("/"): str(font.get_object()["/BaseFont"]) for name, font in page["/Resources"]["/Font"].items()}
        content = page.get_contents().get_data().decode("latin-1")
        for name, size in re.findall(r"/(\S+) (\d+(?:\.\d+)?) Tf", content):
            if "NanumGothic" in fonts.get(name, ""):
                sizes[round(float(size), 2)] += 1
    return sizes


def test_large_print_makes_body_text_14_pt_and_scales_everything(patient: PatientFile, bank: QuestionBank) -> None:
    assert build_styles(sheet_fonts(), large_print=True).body.fontSize >= 14
    assert build_styles(sheet_fonts(), large_print=False).body.fontSize < 14
    normal = _font_sizes(patient.pdf(bank))
    large = _font_sizes(patient.pdf(bank, SheetOptions(kind="checklist", large_print=True)))
    assert 14 in large and 14 not in normal
    assert min(large) >= 1.39 * min(normal)
    assert {round(size * 1.4, 2) for size in normal} == set(large)


def test_the_korean_font_is_embedded(full_pdf: bytes) -> None:
    embedded = set()
    for page in pdf_reader(full_pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]))
    assert any("NanumGothic" in name for name in embedded)
    assert any("NanumGothicBold" in name for name in embedded)


def test_the_same_sheet_gives_the_same_bytes(patient: PatientFile, bank: QuestionBank) -> None:
    assert patient.pdf(bank) == patient.pdf(bank)
    assert pdf_reader(patient.pdf(bank)).metadata.creation_date.date() == SHEET_DATE


def test_the_same_sheet_gives_the_same_bytes_in_another_process(bank: QuestionBank) -> None:
    code = (
        "import datetime, hashlib\n"
        "from app.domain.question_bank import load_question_bank\n"
        "from app.domain.sheet_content import SheetOptions, blank_sheet\n"
        "from app.export.question_sheet import render_pdf\n"
        "o = SheetOptions(kind='checklist')\n"
        "s = blank_sheet(load_question_bank(), 'knee-oa', o, datetime.date(2026, 11, 28))\n"
        "print(hashlib.sha256(render_pdf(s, o)).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    options = SheetOptions(kind="checklist")
    here = hashlib.sha256(render_pdf(blank_sheet(bank, "knee-oa", options, SHEET_DATE), options)).hexdigest()
    assert digests == {here}


def test_a_blank_sheet_has_empty_space_and_a_form_to_fill_in(bank: QuestionBank) -> None:
    options = SheetOptions(kind="checklist")
    data = render_pdf(blank_sheet(bank, "knee-oa", options, SHEET_DATE), options)
    text = pdf_text(data)
    assert "Clinic / 병원" in text and "Doctor / 담당 의사" in text
    assert "Current medicines / 복용 중인 약" in text and "Name or alias / 이름(별칭)" in text
    assert "Answer / 답변:" in text
    assert "Yes / 예" in text  # tick boxes for yes/no questions
    assert labels.WARNING_SIGNS.en in text
    assert labels.COMPARISON.en not in text  # nothing to compare
    for question in bank.questions_for("knee-oa"):
        assert squash(question.text.en) in squash(text)


def test_a_sheet_for_one_clinic_has_only_its_pages(patient: PatientFile, bank: QuestionBank) -> None:
    text = pdf_text(patient.pdf(bank, SheetOptions(kind="checklist", clinic_id=patient.started.id)))
    assert "Busan Regen Center" in text
    assert "Gangnam Joint Clinic" not in text


def test_characters_the_font_lacks_are_marked_and_noted(
    patient: PatientFile, bank: QuestionBank, full_text: str
) -> None:
    assert labels.LOST_CHARACTERS.en not in full_text
    patient.store.update_profile(patient.profile.id, goals="Dance again 💃")
    data = patient.pdf(bank, SheetOptions(kind="checklist", sections=("summary",)))
    assert "Dance again □" in pdf_text(data)
    assert labels.LOST_CHARACTERS.en in pdf_reader(data).pages[0].extract_text()


def test_a_facilitator_name_the_font_lacks_is_noted_too(patient: PatientFile, bank: QuestionBank) -> None:
    patient.store.set_setting("facilitator.agency", "Care 🌸 Travel")
    data = patient.pdf(bank, SheetOptions(kind="checklist", sections=("summary",)))
    assert "Care □ Travel" in pdf_text(data)
    assert labels.LOST_CHARACTERS.en in pdf_reader(data).pages[0].extract_text()


def test_the_second_language_is_a_parameter(bank: QuestionBank) -> None:
    options = SheetOptions(kind="checklist", second_language="en", sections=("summary", "questions"))
    text = pdf_text(render_pdf(blank_sheet(bank, "knee-oa", options, SHEET_DATE), options))
    assert labels.TITLE.en in text and labels.SUMMARY.en in text
    assert not re.search("[\uac00-\ud7a3]", text)


# ------------------------------------------------------------------ saving


def test_save_pdf_writes_a_private_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    save_pdf(b"%PDF-1.4 test", target)
    assert target.read_bytes() == b"%PDF-1.4 test"
    assert os.listdir(tmp_path) == ["sheet.pdf"]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_save_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old sheet")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_files.os, failing, disk_full)
    with pytest.raises(SheetExportError, match="disk is full"):
        save_pdf(b"new sheet", target)
    assert target.read_bytes() == b"old sheet"
    assert os.listdir(tmp_path) == ["sheet.pdf"]


def test_a_failed_render_does_not_touch_the_existing_file(
    patient: PatientFile, bank: QuestionBank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    target = folder / "sheet.pdf"
    target.write_bytes(b"old sheet")

    def broken(*args: object) -> bytes:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(question_sheet, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        export_sheet(patient.store, bank, patient.profile.id, target, SheetOptions(kind="checklist"), SHEET_DATE)
    assert target.read_bytes() == b"old sheet"
    assert os.listdir(folder) == ["sheet.pdf"]


def test_a_folder_that_does_not_exist_is_one_clear_sentence(tmp_path: Path) -> None:
    with pytest.raises(SheetExportError, match="does not exist"):
        save_pdf(b"x", tmp_path / "missing" / "sheet.pdf")


def test_a_folder_given_as_the_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SheetExportError, match="is a folder"):
        save_pdf(b"x", tmp_path)


def test_a_folder_that_cannot_be_written_is_one_clear_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(safe_files.tempfile, "mkstemp", refused)
    with pytest.raises(SheetExportError, match="not allowed to write"):
        save_pdf(b"x", tmp_path / "sheet.pdf")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a user that folder permissions bind")
def test_a_read_only_folder_is_one_clear_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(SheetExportError, match="not allowed to write"):
            save_pdf(b"x", folder / "sheet.pdf")
    finally:
        folder.chmod(0o700)


def _user_namespaces_work() -> bool:
    if sys.platform != "linux" or not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "--user", "true"], capture_output=True, timeout=30).returncode == 0


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0 or not _user_namespaces_work(),
                    reason="only needed as root, with user namespaces")
def test_a_read_only_folder_as_an_ordinary_user() -> None:
    """As root chmod stops nothing; in a user namespace the same uid loses root's powers, so rerun there."""
    test = f"{Path(__file__).relative_to(ROOT)}::test_a_read_only_folder_is_one_clear_sentence"
    result = subprocess.run(
        ["unshare", "--user", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0 and "1 passed" in result.stdout, result.stdout + result.stderr


def test_export_writes_readable_pdfs(patient: PatientFile, bank: QuestionBank, tmp_path: Path) -> None:
    options = SheetOptions(kind="checklist", sections=("summary",))
    export_sheet(patient.store, bank, patient.profile.id, tmp_path / "p.pdf", options, SHEET_DATE)
    blank = export_blank_sheet(bank, "heart", tmp_path / "b.pdf", options, SHEET_DATE)
    assert "Margaret Lee" in pdf_text((tmp_path / "p.pdf").read_bytes())
    assert "Heart" in pdf_text(blank.read_bytes())
