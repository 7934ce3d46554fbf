"""The `stemprep` command as a facilitator's script uses it: real processes, real files.

Errors must be one clear line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.export.batch import MERGED_FILE
from app.export.files import is_stemprep_pdf
from db.store import Store

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str, db: Path | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python main.py ARGS` as a separate process, as a user would."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("STEMPREP_DEBUG", None)
    argv = [sys.executable, str(ROOT / "main.py"), *args]
    if db is not None:
        argv += ["--db", str(db)]
    return subprocess.run(argv, capture_output=True, text=True, env=full_env, timeout=120, cwd=cwd)


def assert_one_clear_line(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stemprep: ")


def test_demo_then_sheet_then_flags(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    demo = run("demo", db=db)
    assert demo.returncode == 0, demo.stderr
    profile_id = int(demo.stdout.strip().splitlines()[-1])

    again = run("demo", db=db)
    assert int(again.stdout.strip().splitlines()[-1]) == profile_id  # refreshed, not duplicated
    listed = json.loads(run("profiles", "--json", db=db).stdout)
    assert [p["id"] for p in listed] == [profile_id]
    assert {"id", "name", "condition"} <= set(listed[0])
    assert listed[0]["condition"] == "knee-oa"
    # The condition's names from the question bank are in the search text the command wrote.
    found = json.loads(run("profiles", "--json", "--search", "무릎 골관절염", db=db).stdout)
    assert [p["id"] for p in found] == [profile_id]

    pdf = tmp_path / "demo.pdf"
    sheet = run("sheet", "--profile", str(profile_id), "-o", str(pdf), db=db)
    assert sheet.returncode == 0, sheet.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    with Store.open(db) as store:
        profile = store.profile(profile_id)
        clinics = store.clinics_for(profile_id)
    assert profile.name in text
    assert all(c.name in text for c in clinics)

    flags = json.loads(run("flags", "--profile", str(profile_id), "--json", db=db).stdout)
    assert len({f["id"] for f in flags}) >= 2
    assert all({"id", "title"} <= set(f) for f in flags)


def test_db_option_after_the_command_and_env_var(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    assert main(["demo", "--db", str(db)]) == 0
    result = run("profiles", "--json", env={"STEMPREP_DB": str(db)})
    assert len(json.loads(result.stdout)) == 1
    other = tmp_path / "other.db"
    Store.open(other).close()
    result = run("profiles", "--json", db=other, env={"STEMPREP_DB": str(db)})
    assert json.loads(result.stdout) == []  # --db wins over the variable


@pytest.mark.parametrize("command", [
    ["profiles"], ["flags", "--profile", "1"], ["sheet", "--profile", "1", "-o", "sheet.pdf"],
    ["export-profile", "1", "-o", "patient.stemprep"],
])
@pytest.mark.parametrize("named_by", ["--db", "STEMPREP_DB"])
def test_a_reading_command_given_a_file_that_is_not_there_says_so_and_makes_nothing(
    tmp_path: Path, command: list[str], named_by: str
) -> None:
    missing = tmp_path / "무릎 환자" / "typo.db"
    given = {"db": missing} if named_by == "--db" else {"env": {"STEMPREP_DB": str(missing)}}
    result = run(*command, cwd=tmp_path, **given)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"stemprep: There is no StemPrep file at {missing}; check the name given with --db or STEMPREP_DB."
    )
    assert list(tmp_path.iterdir()) == []  # no folder, no database, no sheet


def test_a_reading_command_on_a_new_computer_finds_no_profiles_yet(tmp_path: Path) -> None:
    result = run("profiles", env={"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert result.returncode == 0 and result.stdout.startswith("No profiles yet"), result.stderr


def test_default_location_is_the_private_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "xdg"
    result = run("demo", env={"XDG_DATA_HOME": str(data)})
    assert result.returncode == 0, result.stderr
    created = list(data.rglob("stemprep.db"))
    assert len(created) == 1
    assert oct(created[0].stat().st_mode & 0o777) == "0o600"


def test_questions_json_has_the_documented_shape() -> None:
    result = run("questions", "--json")
    assert result.returncode == 0, result.stderr
    bank = json.loads(result.stdout)
    assert {"questions", "red_flags", "documents", "sources"} <= set(bank)
    assert len(bank["questions"]) >= 100 and len(bank["red_flags"]) >= 15
    for q in bank["questions"]:
        assert {"id", "category", "conditions", "priority", "sources"} <= set(q)
        assert q["text"]["en"] and q["text"]["ko"]


def test_blank_sheet(tmp_path: Path) -> None:
    pdf = tmp_path / "blank.pdf"
    result = run("sheet", "--blank", "knee-oa", "-o", str(pdf), "--paper", "letter")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(pdf)
    assert round(float(reader.pages[0].mediabox.width)) == 612


@pytest.mark.parametrize(
    "args",
    [
        ("sheet", "--profile", "999", "-o", "{tmp}/x.pdf"),
        ("sheet", "--profile", "{id}", "--clinic", "999", "-o", "{tmp}/x.pdf"),
        ("sheet", "--profile", "{id}", "-o", "{tmp}/no/such/folder/x.pdf"),
        ("sheet", "--profile", "{id}", "-o", "{tmp}"),
        ("sheet", "--profile", "{id}", "-o", "{tmp}/x.pdf", "--sections", "summary,gossip"),
        ("sheet", "--blank", "flu", "-o", "{tmp}/x.pdf"),
        ("sheet", "--blank", "stroke", "--clinic", "1", "-o", "{tmp}/x.pdf"),
        ("flags", "--profile", "12345"),
        ("profiles", "--colour"),
        ("sheet", "--profile", "abc", "-o", "x.pdf"),
    ],
)
def test_user_errors_are_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    db = tmp_path / "s.db"
    assert main(["demo", "--db", str(db)]) == 0
    with Store.open(db) as store:
        profile_id = store.list_profiles()[0].id
    filled = [a.format(tmp=tmp_path, id=profile_id) for a in args]
    result = run(*filled, db=db)
    assert_one_clear_line(result)
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_broken_database_file_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"\x00garbage" * 500)
    result = run("profiles", db=broken)
    assert_one_clear_line(result)
    assert "not a StemPrep database" in result.stderr
    assert broken.read_bytes() == b"\x00garbage" * 500


def test_reading_commands_work_while_the_window_holds_the_file(tmp_path: Path) -> None:
    from db import lock

    db = tmp_path / "s.db"
    assert main(["demo", "--db", str(db)]) == 0
    with lock.acquire(db):  # as the open window does
        listed = run("profiles", "--json", db=db)
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == 1
        writing = run("sample", "--count", "1", db=db)
        assert_one_clear_line(writing)
        assert "already open" in writing.stderr


# ------------------------------------------------------------------ picks, clinics, kinds


def _demo(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "picks.db"
    return db, int(run("demo", db=db).stdout.strip().splitlines()[-1])


def test_questions_for_a_profile_say_which_are_picked_and_where(tmp_path: Path) -> None:
    db, profile_id = _demo(tmp_path)
    result = run("questions", "--profile", str(profile_id), "--json", db=db)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    picked = sorted((q for q in document["questions"] if q["picked"]), key=lambda q: q["place"])
    assert 12 <= len(picked) <= 16
    assert [q["place"] for q in picked] == list(range(1, len(picked) + 1))
    assert all(q["place"] is None for q in document["questions"] if not q["picked"])
    assert any(q["own"] and q["picked"] for q in document["questions"])  # the patient's own question
    text = run("questions", db=db).stdout
    assert "Red flags / 위험 신호" in text and "Documents to bring" in text and "Sources / 출처" in text


def test_pick_and_remove_change_the_list_and_the_doctor_copy(tmp_path: Path) -> None:
    db, profile_id = _demo(tmp_path)
    added = run("pick", "--profile", str(profile_id), "cost.deposit", db=db)
    assert added.returncode == 0, added.stderr
    places = {q["id"]: q["place"] for q in json.loads(
        run("questions", "--profile", str(profile_id), "--json", db=db).stdout)["questions"]}
    assert places["cost.deposit"] == max(p for p in places.values() if p)
    pdf = tmp_path / "doctor.pdf"
    assert run("sheet", "--profile", str(profile_id), "-o", str(pdf), db=db).returncode == 0
    assert "예약금(선금)" in "".join(page.extract_text() for page in PdfReader(pdf).pages)
    removed = run("pick", "--profile", str(profile_id), "cost.deposit", "--remove", db=db)
    assert removed.returncode == 0
    assert run("sheet", "--profile", str(profile_id), "-o", str(pdf), db=db).returncode == 0
    assert "예약금(선금)" not in "".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_a_doctor_copy_with_no_question_picked_says_so_on_paper_and_on_the_command_line(tmp_path: Path) -> None:
    db, profile_id = _demo(tmp_path)
    picked = [q["id"] for q in json.loads(
        run("questions", "--profile", str(profile_id), "--json", db=db).stdout)["questions"] if q["picked"]]
    assert run("pick", "--profile", str(profile_id), *picked, "--remove", db=db).returncode == 0
    pdf = tmp_path / "doctor.pdf"
    result = run("sheet", "--profile", str(profile_id), "-o", str(pdf), db=db)
    assert result.returncode == 0 and result.stdout.startswith("Wrote ")
    assert result.stderr.splitlines() == [
        "stemprep: the doctor copy holds no questions, as none is picked for this patient; "
        "pick some with 'stemprep pick' or in the Questions step.",
        f"stemprep: {pdf} holds a doctor copy for each of 2 clinics; give each clinic only its own pages, "
        "or write one clinic's copy with --clinic.",
    ]
    clinic = json.loads(run("clinics", "--profile", str(profile_id), "--json", db=db).stdout)[0]["id"]
    one = run("sheet", "--profile", str(profile_id), "--clinic", str(clinic), "-o", str(pdf), "--force", db=db)
    assert "for each of" not in one.stderr  # one clinic's copy: nothing to separate
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "이 질문지에 고른 질문이 없습니다" in text and "Please write the answer under each one" not in text
    assert run("pick", "--profile", str(profile_id), picked[0], db=db).returncode == 0
    assert run("sheet", "--profile", str(profile_id), "--clinic", str(clinic), "-o", str(pdf), "--force",
               db=db).stderr == ""


def test_picking_an_unknown_question_is_one_clear_line(tmp_path: Path) -> None:
    db, profile_id = _demo(tmp_path)
    result = run("pick", "--profile", str(profile_id), "cost.deposit", "no.such-question", db=db)
    assert_one_clear_line(result)
    assert "no.such-question" in result.stderr
    # Nothing was changed by the half that was known.
    places = {q["id"]: q["place"] for q in json.loads(
        run("questions", "--profile", str(profile_id), "--json", db=db).stdout)["questions"]}
    assert places["cost.deposit"] is None


def test_clinics_json_lists_ids_names_facts_and_appointments(tmp_path: Path) -> None:
    db, profile_id = _demo(tmp_path)
    with Store.open(db) as store:
        first, second = store.clinics_for(profile_id)[:2]
        store.update_clinic(first.id, appointment="2027-04-12T10:30")
        store.update_clinic(second.id, appointment=None)
    clinics = json.loads(run("clinics", "--profile", str(profile_id), "--json", db=db).stdout)
    assert [c["id"] for c in clinics] == [first.id, clinics[1]["id"]]
    assert clinics[0]["appointment"] == "2027-04-12T10:30" and clinics[1]["appointment"] is None
    assert {"name", "city", "price", "currency", "treatment", "notes"} <= set(clinics[0])
    assert clinics[1]["currency"] == "USD" and clinics[1]["price"] == 14000


def test_sheet_kinds_and_their_errors(tmp_path: Path) -> None:
    db, profile_id = _demo(tmp_path)
    for kind in ("doctor", "notebook", "checklist"):
        result = run("sheet", "--profile", str(profile_id), "--kind", kind, "-o", str(tmp_path / f"{kind}.pdf"), db=db)
        assert result.returncode == 0, result.stderr
    pages = {kind: len(PdfReader(tmp_path / f"{kind}.pdf").pages) for kind in ("doctor", "notebook", "checklist")}
    assert pages["doctor"] < pages["notebook"] < pages["checklist"]
    assert_one_clear_line(run("sheet", "--profile", str(profile_id), "--sections", "", "-o", str(tmp_path / "x.pdf"),
                              db=db))
    assert_one_clear_line(run("sheet", "--blank", "stroke", "--kind", "notebook", "-o", str(tmp_path / "x.pdf")))
    assert "free-text note" in run("sheet", "--help").stdout
    blank = run("sheet", "--blank", "stroke", "-o", str(tmp_path / "blank.pdf"))
    assert blank.returncode == 0 and len(PdfReader(tmp_path / "blank.pdf").pages) <= 4


def test_flags_shows_a_dismissed_flag_as_dismissed_with_the_note(tmp_path: Path) -> None:
    db, profile_id = _demo(tmp_path)
    before = json.loads(run("flags", "--profile", str(profile_id), "--json", db=db).stdout)
    assert before and all(f["dismissed"] is None for f in before)
    with Store.open(db) as store:
        store.dismiss_flag(before[0]["clinic_id"], before[0]["id"], "They showed the approval letter")
    after = json.loads(run("flags", "--profile", str(profile_id), "--json", db=db).stdout)
    assert after[0]["dismissed"] == "They showed the approval letter"
    text = run("flags", "--profile", str(profile_id), db=db).stdout
    assert "[dismissed: They showed the approval letter]" in text


def test_sheets_for_every_patient_go_into_a_private_folder_and_replace_only_stemprep_sheets(tmp_path: Path) -> None:
    db, _ = _demo(tmp_path)
    run("sample", "--count", "2", db=db)
    folder = tmp_path / "agency" / "april"
    first = run("sheet", "--all", "-o", str(folder), db=db)
    assert first.returncode == 0 and first.stdout.startswith("3 sheets written"), first.stderr
    assert {oct(f.stat().st_mode & 0o777) for f in (folder, folder.parent)} == {"0o700"}  # names of patients inside
    sheets = sorted(folder.iterdir())
    assert len(sheets) == 3 and all(is_stemprep_pdf(sheet) for sheet in sheets)

    sheets[0].write_text("the agency's own notes")
    (folder / MERGED_FILE).write_text("last month's merged file, edited")
    again = run("sheet", "--all", "-o", str(folder), db=db)
    assert again.returncode == 1 and again.stdout.startswith("2 sheets written, 1 failed")
    assert f"{sheets[0].name} is already in {folder} and is not a sheet StemPrep wrote" in again.stderr
    assert sheets[0].read_text() == "the agency's own notes"
    merged = run("sheet", "--all", "--merged", "-o", str(folder), db=db)
    assert merged.returncode == 1 and merged.stderr.startswith(f"stemprep: {MERGED_FILE} is already in {folder}")
    assert (folder / MERGED_FILE).read_text() == "last month's merged file, edited"
    (folder / MERGED_FILE).unlink()
    merged = run("sheet", "--all", "--merged", "-o", str(folder), db=db)
    assert merged.returncode == 0
    assert merged.stdout.startswith(f"The sheets of 3 patients written into {folder / MERGED_FILE} (")
    assert run("sheet", "--all", "--merged", "-o", str(folder), db=db).returncode == 0  # its own: replaced
