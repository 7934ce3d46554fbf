"""The command line's answers must be true: filters that match nothing, months, the demo and --replace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from db.migrations import _m006_months
from db.store import Store


def stemprep(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_filter_that_matches_nothing_does_not_say_there_are_no_profiles(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        store.create_profile("Kim", condition="knee-oa", travel_start="2027-04", travel_end="2027-05")
    for filters in (["--condition", "stroke"], ["--travel-month", "2027-09"], ["--search", "nobody"]):
        code, out, _ = stemprep(capsys, "profiles", *filters, "--db", str(db_path))
        assert code == 0 and out.strip() == "No profiles match.", filters
    code, out, _ = stemprep(capsys, "profiles", "--travel-month", "2027-05", "--db", str(db_path))
    assert "Kim" in out
    listed = json.loads(stemprep(capsys, "profiles", "--json", "--db", str(db_path))[1])
    assert (listed[0]["travel_start"], listed[0]["travel_end"]) == ("2027-04", "2027-05")


def test_an_empty_file_still_says_no_profiles_yet(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Store.open(db_path).close()
    code, out, _ = stemprep(capsys, "profiles", "--db", str(db_path))
    assert code == 0 and out.startswith("No profiles yet")


@pytest.mark.parametrize("month", ["not a month", "2027-13", "2027-00", "27-04", "2027-4-1"])
def test_travel_month_must_be_a_month(month: str, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["profiles", "--travel-month", month, "--db", str(db_path)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a month; write it as YYYY-MM, like 2027-04" in err


@pytest.mark.parametrize(("text", "months"), [
    ("April–May 2027", ("2027-04", "2027-05")),
    ("April - May 2027", ("2027-04", "2027-05")),
    ("Apr 2027", ("2027-04", "2027-04")),
    ("2027-04", ("2027-04", "2027-04")),
    ("2026-04 ~ 2026-05", ("2026-04", "2026-05")),
    ("December 2027 to January 2028", ("2027-12", "2028-01")),
    ("December–January 2028", ("2027-12", "2028-01")),
    ("2027년 4월", ("2027-04", "2027-04")),
    ("2027년 4~5월", ("2027-04", "2027-05")),
    ("2027년 4월부터 6월까지", ("2027-04", "2027-06")),
    ("봄 2027", None),  # a season is not a month: kept as the note
    ("autumn 2026", None),
    ("April", None),  # no year
    ("2027-13", None),
    ("late April 2027", None),
    ("14 April 2027", None),
    ("after the harvest", None),
    ("May–April 2027", None),  # backwards
])
def test_the_old_travel_text_is_read_as_months_only_when_it_says_months(
    text: str, months: tuple[str, str] | None
) -> None:
    assert _m006_months(text) == months


def test_demo_after_replacing_the_demo_stays_one_demo(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = stemprep(capsys, "demo", "--db", str(db_path))
    demo_id = int(out.split()[-1])
    exported = tmp_path / "demo.stemprep"
    assert stemprep(capsys, "export-profile", str(demo_id), "-o", str(exported), "--db", str(db_path))[0] == 0
    code, out, err = stemprep(capsys, "import", "--replace", str(exported), "--db", str(db_path))
    assert code == 0, err
    assert int(out.split()[-1]) == demo_id  # --replace keeps the profile's id
    code, out, err = stemprep(capsys, "demo", "--db", str(db_path))
    assert int(out.split()[-1]) == demo_id
    listed = json.loads(stemprep(capsys, "profiles", "--json", "--db", str(db_path))[1])
    assert [p["id"] for p in listed] == [demo_id]


def test_an_import_that_leaves_things_out_says_so(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = stemprep(capsys, "demo", "--db", str(db_path))
    exported = tmp_path / "demo.stemprep"
    stemprep(capsys, "export-profile", out.split()[-1], "-o", str(exported), "--db", str(db_path))
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["clinics"][0]["answers"][0]["question_id"] = "retired.question"
    exported.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = stemprep(capsys, "import", "--as-new", str(exported), "--db", str(db_path))
    assert code == 0
    assert "left out" in err and "retired.question" in err and err.count("\n") == 1


@pytest.mark.parametrize("argv", [
    ["restore", "backup.db", "--db", ""],  # "$DB" with DB unset must not mean the user's own file
    ["--db", " ", "profiles"],
    ["demo", "--db", ""],
])
def test_an_empty_db_path_is_a_usage_error_not_the_users_own_file(
    argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the path is empty; give the StemPrep file's path, or leave --db out" in err
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("argv", [
    ["export-profile", "99999999999999999999999", "-o", "p.stemprep"],
    ["flags", "--profile", "-1"],
    ["sheet", "--profile", "1", "--clinic", "1e3", "-o", "s.pdf"],
    ["calendar", "--clinic", "0", "-o", "c.ics"],
])
def test_an_id_that_cannot_be_one_is_a_usage_error(
    argv: list[str], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([*argv, "--db", str(db_path)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not an id; ids are whole numbers from 1" in err


@pytest.mark.parametrize("command", [
    ["sheet", "--profile", "1", "-o"], ["export-profile", "1", "-o"], ["calendar", "--clinic", "1", "-o"],
])
@pytest.mark.parametrize("onto", ["the file", "its -wal", "its lock", "a link to it"])
def test_no_output_replaces_the_database_being_read_even_with_force(
    command: list[str], onto: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "patients.db"
    assert main(["demo", "--db", str(db)]) == 0
    target = {"the file": db, "its -wal": tmp_path / "patients.db-wal", "its lock": tmp_path / "patients.db.lock",
              "a link to it": tmp_path / "sheet.pdf"}[onto]
    if onto == "a link to it":
        target.symlink_to(db.name)
    before = db.read_bytes()
    capsys.readouterr()
    code, _, err = stemprep(capsys, *command, str(target), "--force", "--db", str(db))
    assert code == 1
    assert err == f"stemprep: {target} is where StemPrep keeps your patients; choose another name for the " + {
        "sheet": "sheet", "export-profile": "profile file", "calendar": "calendar file"}[command[0]] + ".\n"
    assert db.read_bytes() == before


def test_names_with_terminal_control_characters_are_printed_as_text(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A patient file from anyone may hold escape sequences; the terminal must show them, not obey them."""
    with Store.open(db_path) as store:
        profile = store.create_profile("Kim\x1b[2J\x1b[31m red\x07\x00", condition="knee-oa")
        store.add_clinic(profile.id, "Clinic\x1b]0;owned\x07\tSeoul")
    code, out, _ = stemprep(capsys, "profiles", "--db", str(db_path))
    assert code == 0
    assert out.strip().endswith("Kim\ufffd[2J\ufffd[31m red\ufffd\ufffd  [knee-oa] — Clinic\ufffd]0;owned\ufffd\tSeoul")
    listed = json.loads(stemprep(capsys, "profiles", "--json", "--db", str(db_path))[1])
    assert listed[0]["name"] == "Kim\x1b[2J\x1b[31m red\x07\x00"  # JSON keeps the text exactly, escaped


def test_commands_that_fail_before_any_work_leave_no_database_where_none_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo" / "patients.db"
    code, _, err = stemprep(capsys, "import", str(tmp_path / "nothere.stemprep"), "--db", str(typo))
    assert code == 1 and err.startswith("stemprep: There is no file at")
    code, _, err = stemprep(capsys, "facilitator", "--db", str(typo))  # only shows the details: it reads
    assert code == 1 and err.startswith("stemprep: There is no StemPrep file at")
    assert list(tmp_path.iterdir()) == []


def test_a_reading_command_given_an_empty_file_says_so_and_leaves_it_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "notes.txt"
    empty.touch()
    code, _, err = stemprep(capsys, "profiles", "--db", str(empty))
    assert code == 1
    assert err == f"stemprep: {empty} is empty, so it holds no patients; check the name given with --db or STEMPREP_DB.\n"
    assert empty.stat().st_size == 0 and [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_registration_number_without_an_agency_is_refused_and_nothing_changes(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(db_path).close()
    for argv in (["--registration", "제2024-1호"], ["--agency", " ", "--contact", "+82 2 000 0000"]):
        code, _, err = stemprep(capsys, "facilitator", *argv, "--db", str(db_path))
        assert code == 1 and err.startswith("stemprep: A registration number or a contact goes with the agency's name")
    with Store.open(db_path) as store:
        assert store.setting("facilitator.registration") == store.setting("facilitator.contact") == ""
    assert stemprep(capsys, "facilitator", "--agency", "K-Care", "--db", str(db_path))[0] == 0
    code, out, _ = stemprep(capsys, "facilitator", "--registration", "제2024-1호", "--db", str(db_path))
    assert code == 0 and "Registration number: 제2024-1호" in out  # the agency is already set


def test_an_unknown_question_id_of_any_length_is_quoted_short(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path) as store:
        profile = store.create_profile("Kim", condition="knee-oa")
    code, _, err = stemprep(capsys, "pick", "--profile", str(profile.id), "x" * 10_000, "--db", str(db_path))
    assert code == 1 and err.count("\n") == 1 and len(err) < 200 and "is not a question for profile" in err
