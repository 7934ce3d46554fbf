"""What the patient prepares beyond answers, on a real file: my questions, dismissed red flags,
ticked documents and appointments survive a reopen, follow deletes, and refuse bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.errors import InvalidValue, NotFound
from db.store import Store


def test_a_new_profile_has_no_stored_pick(store: Store) -> None:
    profile = store.create_profile("Kim")
    assert store.question_picks(profile.id) is None


def test_picks_keep_their_order_across_a_reopen(store: Store, db_path: Path) -> None:
    profile = store.create_profile("Kim")
    store.set_question_picks(profile.id, ["risk.main", "legal.route", "risk.main", "cost.total"])
    store.close()
    with Store.open(db_path) as again:
        assert again.question_picks(profile.id) == ["risk.main", "legal.route", "cost.total"]


def test_an_empty_pick_is_a_choice_not_the_default(store: Store) -> None:
    profile = store.create_profile("Kim")
    store.set_question_picks(profile.id, [])
    assert store.question_picks(profile.id) == []
    store.reset_question_picks(profile.id)
    assert store.question_picks(profile.id) is None


def test_deleting_a_custom_question_unpicks_it(store: Store) -> None:
    profile = store.create_profile("Kim")
    own = store.add_custom_question(profile.id, "Can my daughter come in?")
    store.set_question_picks(profile.id, [own.question_id, "legal.route"])
    store.delete_custom_question(own.id)
    assert store.question_picks(profile.id) == ["legal.route"]


def test_picks_for_an_unknown_profile_are_refused(store: Store) -> None:
    with pytest.raises(NotFound):
        store.question_picks(999)
    with pytest.raises(NotFound):
        store.set_question_picks(999, ["legal.route"])


def test_a_dismissed_flag_keeps_its_note_and_can_be_restored(store: Store, db_path: Path) -> None:
    profile = store.create_profile("Kim")
    clinic = store.add_clinic(profile.id, "Seoul Clinic")
    store.dismiss_flag(clinic.id, "no-legal-basis", "They showed the MFDS approval letter <b>&</b> 승인서")
    store.close()
    with Store.open(db_path) as again:
        dismissals = again.flag_dismissals(clinic.id)
        assert dismissals["no-legal-basis"].note == "They showed the MFDS approval letter <b>&</b> 승인서"
        again.restore_flag(clinic.id, "no-legal-basis")
        assert again.flag_dismissals(clinic.id) == {}


def test_a_dismissal_needs_a_reason(store: Store) -> None:
    profile = store.create_profile("Kim")
    clinic = store.add_clinic(profile.id, "Seoul Clinic")
    with pytest.raises(InvalidValue):
        store.dismiss_flag(clinic.id, "no-legal-basis", "   ")


def test_deleting_a_clinic_deletes_its_dismissals(store: Store) -> None:
    profile = store.create_profile("Kim")
    clinic = store.add_clinic(profile.id, "Seoul Clinic")
    store.dismiss_flag(clinic.id, "no-legal-basis", "checked")
    store.delete_clinic(clinic.id)
    rows = store.connection.execute("SELECT count(*) FROM flag_dismissals").fetchone()[0]
    assert rows == 0


def test_documents_tick_and_untick(store: Store) -> None:
    profile = store.create_profile("Kim")
    store.tick_document(profile.id, "passport")
    store.tick_document(profile.id, "imaging")
    store.tick_document(profile.id, "imaging", ticked=False)
    assert store.ticked_documents(profile.id) == {"passport"}


@pytest.mark.parametrize(
    ("given", "stored"),
    [("2027-04-12", "2027-04-12"), ("2027-04-12 14:30", "2027-04-12T14:30"), ("", None), (None, None)],
)
def test_appointments_are_stored_in_one_format(store: Store, given: str | None, stored: str | None) -> None:
    profile = store.create_profile("Kim")
    clinic = store.add_clinic(profile.id, "Seoul Clinic", appointment=given, appointment_place="3F, Room 2")
    assert clinic.appointment == stored
    assert clinic.appointment_place == "3F, Room 2"


@pytest.mark.parametrize("given", ["next Tuesday", "2027-13-01", "2027-02-30", "2027-04-12 25:00"])
def test_an_appointment_that_is_not_a_date_is_refused(store: Store, given: str) -> None:
    profile = store.create_profile("Kim")
    clinic = store.add_clinic(profile.id, "Seoul Clinic")
    with pytest.raises(InvalidValue, match="date like 2027-04-12"):
        store.update_clinic(clinic.id, appointment=given)


def test_a_profile_made_without_a_condition_has_none_chosen_until_one_is_set(store: Store) -> None:
    new = store.create_profile("New patient")
    assert not new.condition_chosen
    assert store.update_profile(new.id, name="Olga").condition_chosen is False  # other edits leave it unchosen
    assert store.update_profile(new.id, condition="other").condition_chosen  # "Another condition", chosen
    assert store.create_profile("Ivan", condition="stroke").condition_chosen
