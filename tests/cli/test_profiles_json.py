"""`stemprep profiles --json` gives a facilitator's script each patient's serious red flags and next appointment."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from test_cli import assert_one_clear_line, run

from app.domain.demo import create_demo
from app.domain.question_bank import load_question_bank
from app.domain.red_flags import evaluate_red_flags
from db.store import Store


def test_profiles_json_carries_serious_flags_and_the_next_appointment(tmp_path: Path) -> None:
    db = tmp_path / "stemprep.db"
    soon = (date.today() + timedelta(days=3)).isoformat() + "T09:30"
    with Store.open(db) as store:
        demo = create_demo(store)
        clinic = store.clinics_for(demo.id)[0]
        store.update_clinic(clinic.id, appointment=soon)  # sooner than the demo's other appointment
        quiet = store.create_profile("No clinics yet", condition="stroke")
        bank = load_question_bank()
        serious = sum(
            flag.rule.severity == "serious"
            for each in store.clinics_for(demo.id)
            for flag in evaluate_red_flags(bank, each, store.answers_for_profile(demo.id))
        )
    assert serious > 0
    result = run("profiles", "--json", db=db)
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows[demo.id]["serious_flags"] == serious
    assert rows[demo.id]["next_appointment"] == soon
    assert rows[quiet.id]["serious_flags"] == 0
    assert rows[quiet.id]["next_appointment"] is None


def test_profiles_sorted_by_serious_red_flags_and_the_json_follows_a_dismissal(tmp_path: Path) -> None:
    db = tmp_path / "stemprep.db"
    with Store.open(db) as store:
        ids = {}
        for name, refusals in (("Bora", 1), ("Ahn", 0), ("Cho", 2)):
            profile = store.create_profile(name, condition="knee-oa")
            ids[name] = profile.id
            for number in range(2):
                clinic = store.add_clinic(profile.id, f"Clinic {number + 1}")
                store.save_answer(clinic.id, "cred.legal-route", value="none" if number < refusals else "approved-product")
    result = run("profiles", "--sort", "flags", "--json", db=db)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["name"], r["serious_flags"]) for r in rows] == [("Cho", 2), ("Bora", 1), ("Ahn", 0)]

    with Store.open(db) as store:
        clinic = store.clinics_for(ids["Cho"])[0]
        store.dismiss_flag(clinic.id, "no-legal-route", "They showed the approval letter.")
    rows = json.loads(run("profiles", "--sort", "flags", "--json", db=db).stdout)
    assert [(r["name"], r["serious_flags"]) for r in rows] == [("Bora", 1), ("Cho", 1), ("Ahn", 0)]


def test_calendar_writes_the_consultation_and_refuses_a_clinic_with_none(tmp_path: Path) -> None:
    from icalendar import Calendar

    db = tmp_path / "stemprep.db"
    with Store.open(db) as store:
        demo = create_demo(store)
        booked = store.clinics_for(demo.id)[0]
        unbooked = store.add_clinic(demo.id, "Not booked")
    output = tmp_path / "consultation.ics"
    result = run("calendar", "--clinic", str(booked.id), "-o", str(output), db=db)
    assert result.returncode == 0, result.stderr
    event = Calendar.from_ical(output.read_bytes()).walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert event.decoded("DTSTART").isoformat().startswith(booked.appointment)
    assert demo.name not in output.read_text()
    assert (output.stat().st_mode & 0o777) == 0o600

    assert run("calendar", "--clinic", str(booked.id), "-o", str(output), db=db).returncode == 0  # its own file
    mine = tmp_path / "notes.txt"
    mine.write_text("my own notes")
    refused = run("calendar", "--clinic", str(booked.id), "-o", str(mine), db=db)
    assert_one_clear_line(refused)
    assert mine.read_text() == "my own notes"
    assert run("calendar", "--clinic", str(booked.id), "-o", str(mine), "--force", db=db).returncode == 0

    none = run("calendar", "--clinic", str(unbooked.id), "-o", str(tmp_path / "none.ics"), db=db)
    assert_one_clear_line(none)
    assert "No consultation is booked with Not booked yet" in none.stderr
    assert not (tmp_path / "none.ics").exists()

    long_name = "<b>&</b> 서울 😀 " + "x" * 10_000
    with Store.open(db) as store:
        store.update_clinic(booked.id, name=long_name)
        store.update_clinic(unbooked.id, name=long_name)
    for clinic, ok in ((booked, True), (unbooked, False)):
        said = run("calendar", "--clinic", str(clinic.id), "-o", str(tmp_path / "long.ics"), "--force", db=db)
        assert (said.returncode == 0) is ok
        line = said.stdout if ok else said.stderr
        assert len(line) < 300 and "<b>&</b> 서울 😀 x" in line  # the name, shortened, never 10,000 characters
    assert long_name in Calendar.from_ical((tmp_path / "long.ics").read_bytes()).walk("VEVENT")[0]["SUMMARY"]


def test_sorting_by_flags_while_the_window_is_open_says_who_could_not_be_sorted(tmp_path: Path) -> None:
    db = tmp_path / "stemprep.db"
    with Store.open(db) as window_store:  # the window holds the file: the command may only read it
        profile = window_store.create_profile("Changed just now", condition="knee-oa")
        clinic = window_store.add_clinic(profile.id, "Clinic")
        window_store.save_answer(clinic.id, "cred.legal-route", value="none")
        result = run("profiles", "--sort", "flags", "--json", db=db)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["serious_flags"] == 1  # counted all the same
    assert "patients changed since their counts were last saved (1) come last" in result.stderr
