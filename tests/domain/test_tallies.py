"""The worklist's tallies on real files: sorting by serious red flags in SQL, and a tally that follows every change.

A tally is counted by the rules (`app.domain.worklist`), kept by the Store (`db.tallies`) and
read back by SQL only while the profile and the content are what it was counted for.
"""

from __future__ import annotations

import dataclasses
import itertools
from datetime import datetime, timedelta

import pytest

from app.domain.question_bank import QuestionBank, load_question_bank
from app.domain.worklist import content_digest, count_stale_tallies, current_tallies, patient_figures
from db.records import ProfileId
from db.search import ProfileQuery
from db.store import Store

#: A stamp long before the test: the patient was last changed "yesterday", as in real use.
EARLIER = "2026-01-01T09:00:00+00:00"
_MINUTES = itertools.count(1)


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_question_bank()


def _patient(store: Store, name: str, refusals: int) -> ProfileId:
    """A patient with two clinics, `refusals` of which said there is no legal route (a serious red flag)."""
    profile = store.create_profile(name, condition="knee-oa")
    for number in range(2):
        clinic = store.add_clinic(profile.id, f"{name}'s clinic {number + 1}")
        store.save_answer(clinic.id, "cred.legal-route", value="none" if number < refusals else "approved-product")
    return profile.id


def _as_if_earlier(store: Store) -> None:
    """Stamp every profile as last changed a while ago, so a tally counted now may be kept (see
    `save_tallies`). Each call's stamp is later than the previous one's: stamps only grow, as in real use."""
    stamp = datetime.fromisoformat(EARLIER) + timedelta(minutes=next(_MINUTES))
    with store.batch():
        store.connection.execute("UPDATE profiles SET updated_at = ?", [stamp.isoformat(timespec="seconds")])


def _count_and_keep(store: Store, bank: QuestionBank) -> int:
    kept = 0
    for step in count_stale_tallies(store, bank):
        kept += store.save_tallies(content_digest(bank), step.tallies, read_from=step.read_from)
    return kept


def _names(store: Store, sort: str, descending: bool = False) -> list[str]:
    return [s.name for s in store.list_profiles(ProfileQuery(sort=sort, descending=descending))]


def test_sorting_by_serious_red_flags_orders_the_patients_in_sql(store: Store, bank: QuestionBank) -> None:
    for name, refusals in (("Bora", 1), ("Ahn", 0), ("Cho", 2), ("Dae", 1)):
        _patient(store, name, refusals)
    _as_if_earlier(store)
    assert _count_and_keep(store, bank) == 4
    assert store.stale_tallies(content_digest(bank)) == []

    assert _names(store, "flags") == ["Cho", "Bora", "Dae", "Ahn"]  # most first, then by name
    assert _names(store, "flags", descending=True) == ["Ahn", "Dae", "Bora", "Cho"]
    figures = patient_figures(store, bank, [s.id for s in store.list_profiles()])
    assert sorted(f.serious_flags for f in figures.values()) == [0, 1, 1, 2]


def test_an_answer_that_raises_a_flag_and_a_dismissal_each_refresh_the_tally(store: Store, bank: QuestionBank) -> None:
    quiet = _patient(store, "Quiet", 0)
    other = _patient(store, "Other", 1)
    _as_if_earlier(store)
    _count_and_keep(store, bank)
    content = content_digest(bank)
    assert _names(store, "flags") == ["Other", "Quiet"]

    clinic = store.clinics_for(quiet)[0]
    store.save_answer(clinic.id, "cred.plan-number-in-writing", value="refused")
    store.save_answer(store.clinics_for(quiet)[1].id, "cred.legal-route", value="none")
    assert store.stale_tallies(content) == [quiet]  # the change made its tally stale
    assert quiet not in store.fresh_tallies(content, [quiet, other])
    assert _names(store, "flags") == ["Other", "Quiet"]  # not counted yet: last, never a wrong number
    assert current_tallies(store, bank, [quiet])[quiet].serious_flags == 2

    _as_if_earlier(store)
    _count_and_keep(store, bank)
    assert _names(store, "flags") == ["Quiet", "Other"]

    store.dismiss_flag(clinic.id, "plan-number-refused", "They sent the plan number by e-mail afterwards.")
    assert store.stale_tallies(content) == [quiet]
    assert current_tallies(store, bank, [quiet])[quiet].serious_flags == 1
    _as_if_earlier(store)
    _count_and_keep(store, bank)
    assert _names(store, "flags") == ["Other", "Quiet"]  # one each now: by name


def test_new_questions_or_rules_make_every_tally_stale(store: Store, bank: QuestionBank) -> None:
    refused = _patient(store, "Refused", 2)
    _as_if_earlier(store)
    _count_and_keep(store, bank)
    without_rule = dataclasses.replace(
        bank, red_flags=tuple(r for r in bank.red_flags if r.id != "no-legal-route")
    )
    assert content_digest(without_rule) != content_digest(bank)
    assert store.fresh_tallies(content_digest(without_rule), [refused]) == {}
    assert store.stale_tallies(content_digest(without_rule)) == [refused]
    assert current_tallies(store, without_rule, [refused])[refused].serious_flags == 0
    # Saving under the new content drops the old content's tallies: they can never sort again.
    _count_and_keep(store, without_rule)
    assert store.fresh_tallies(content_digest(bank), [refused]) == {}
    assert store.fresh_tallies(content_digest(without_rule), [refused])[refused].serious_flags == 0


def test_a_tally_counted_in_the_second_its_profile_changed_is_not_kept(store: Store, bank: QuestionBank) -> None:
    """Stamps count whole seconds: a change later in that same second would carry the same stamp."""
    profile = _patient(store, "Now", 1)
    stamp = store.profile(profile).updated_at
    tallies = [t for step in count_stale_tallies(store, bank) for t in step.tallies]
    assert store.save_tallies(content_digest(bank), tallies, read_from=stamp) == 0
    assert store.stale_tallies(content_digest(bank)) == [profile]
    # Counted from a reading that began after the change, it is kept.
    assert store.save_tallies(content_digest(bank), tallies, read_from="9999") == 1
    # A tally counted before a change is refused even when the reading began later.
    store.update_profile(profile, name="Renamed")
    store.connection.execute("UPDATE profiles SET updated_at = ? WHERE id = ?", [EARLIER, profile])
    store.connection.commit()
    assert store.save_tallies(content_digest(bank), tallies, read_from="9999") == 0


def test_a_deleted_patients_tally_goes_with_them(store: Store, bank: QuestionBank) -> None:
    profile = _patient(store, "Gone", 1)
    _as_if_earlier(store)
    _count_and_keep(store, bank)
    store.delete_profile(profile)
    assert store.connection.execute("SELECT count(*) FROM profile_tallies").fetchone()[0] == 0
