"""The worklist's figures: next appointment, my questions answered, serious red flags less the dismissed ones."""

from __future__ import annotations

from datetime import date

from app.domain.demo import create_demo
from app.domain.question_bank import load_question_bank
from app.domain.red_flags import evaluate_red_flags
from app.domain.worklist import next_appointment, patient_figures
from db.store import Store


def test_the_demo_counts_its_serious_red_flags_and_a_dismissed_one_stops_counting(store: Store) -> None:
    bank = load_question_bank()
    demo = create_demo(store)
    figures = patient_figures(store, bank, [demo.id], today=date(2027, 1, 1))[demo.id]
    assert figures.clinics == 2
    serious = [
        flag
        for clinic in store.clinics_for(demo.id)
        for flag in evaluate_red_flags(bank, clinic, store.answers_for_profile(demo.id))
        if flag.rule.severity == "serious"
    ]
    assert len(serious) > 1
    assert figures.serious_flags == len(serious)  # the warnings do not count
    assert figures.next_appointment == "2027-04-20T10:30"

    store.dismiss_flag(serious[0].clinic_id, serious[0].rule.id, "They explained the risks in writing afterwards.")
    assert patient_figures(store, bank, [demo.id], today=date(2027, 1, 1))[demo.id].serious_flags == len(serious) - 1


def test_next_appointment_is_the_earliest_from_today_on(store: Store) -> None:
    profile = store.create_profile("Olga", condition="stroke")
    store.add_clinic(profile.id, "Past", appointment="2027-01-05T09:00")
    store.add_clinic(profile.id, "Later", appointment="2027-03-01")
    store.add_clinic(profile.id, "Sooner", appointment="2027-02-10T14:30")
    store.add_clinic(profile.id, "Not booked")
    clinics = store.clinics_for(profile.id)
    assert next_appointment(clinics, date(2027, 1, 6)) == "2027-02-10T14:30"
    assert next_appointment(clinics, date(2027, 1, 5)) == "2027-01-05T09:00"  # today still counts
    assert next_appointment(clinics, date(2027, 3, 2)) is None


def test_a_picked_question_is_answered_when_every_clinic_answered_it(store: Store) -> None:
    bank = load_question_bank()
    profile = store.create_profile("Ivan", condition="knee-oa")
    first, second = (store.add_clinic(profile.id, name) for name in ("A", "B"))
    picked = [q.id for q in bank.questions_for("knee-oa")[:3]]
    store.set_question_picks(profile.id, picked)
    store.save_answer(first.id, picked[0], status="answered", value="yes")
    store.save_answer(second.id, picked[0], status="answered", value="no")
    store.save_answer(first.id, picked[1], status="answered", value="yes")  # one clinic of two
    store.save_answer(second.id, picked[2], status="asked")  # asked, not answered
    figures = patient_figures(store, bank, [profile.id])[profile.id]
    assert (figures.answered, figures.picked) == (1, 3)


def test_ids_no_longer_saved_are_left_out(store: Store) -> None:
    profile = store.create_profile("Gone")
    store.delete_profile(profile.id)
    assert patient_figures(store, load_question_bank(), [profile.id]) == {}
