"""`stemprep profiles --json` gives a facilitator's script each patient's serious red flags and next appointment."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from test_cli import run

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
