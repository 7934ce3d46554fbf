"""Search as you type: English and Korean, long and short words, filters and sorting."""

from __future__ import annotations

import pytest

from db.search import ProfileQuery
from db.store import Store


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    kim = store.create_profile("김영희", condition="knee-oa", travel_start="2027-03", travel_end="2027-05")
    store.add_clinic(kim.id, "Hangang Joint Clinic", city="서울", treatment="Cartistem implantation")
    smith = store.create_profile("John Smith", condition="stroke", travel_start="2027-09",
                                   travel_window="after the harvest")
    clinic = store.add_clinic(smith.id, "Haeundae Neuro Center", city="Busan")
    store.save_answer(clinic.id, "q", value="yes")
    olga = store.create_profile("Olga Ivanova", condition="parkinsons", diagnosis="Tremor since 2020")
    return {"kim": kim.id, "smith": smith.id, "olga": olga.id}


def ids(store: Store, **query: object) -> set[int]:
    found = store.list_profiles(ProfileQuery(**query))  # type: ignore[arg-type]
    assert store.count_profiles(ProfileQuery(**query)) == len(found)  # type: ignore[arg-type]
    return {p.id for p in found}


def test_finds_by_name_in_either_script(store: Store, people: dict[str, int]) -> None:
    assert ids(store, text="smi") == {people["smith"]}
    assert ids(store, text="SMITH") == {people["smith"]}
    assert ids(store, text="영희") == {people["kim"]}  # two syllables: the LIKE fallback
    assert ids(store, text="김") == {people["kim"]}  # one syllable


def test_finds_by_condition_name_in_english_and_korean(store: Store, people: dict[str, int]) -> None:
    assert ids(store, text="knee") == {people["kim"]}
    assert ids(store, text="무릎") == {people["kim"]}
    assert ids(store, text="파킨슨") == {people["olga"]}
    assert ids(store, text="tremor") == {people["olga"]}


def test_finds_by_clinic_and_city(store: Store, people: dict[str, int]) -> None:
    assert ids(store, text="haeundae") == {people["smith"]}
    assert ids(store, text="서울") == {people["kim"]}
    assert ids(store, text="busan neuro") == {people["smith"]}  # every word must match
    assert ids(store, text="busan knee") == set()


def test_index_follows_edits_and_deletes(store: Store, people: dict[str, int]) -> None:
    clinic = store.clinics_for(people["kim"])[0]
    store.update_clinic(clinic.id, city="Jeju")
    assert ids(store, text="jeju") == {people["kim"]}
    assert ids(store, text="서울") == set()
    store.update_profile(people["olga"], name="Olga Petrova")
    assert ids(store, text="petrova") == {people["olga"]}
    store.delete_profile(people["olga"])
    assert ids(store, text="petrova") == set()
    store.delete_clinic(clinic.id)
    assert ids(store, text="jeju") == set()


def test_hostile_search_text_is_just_text(store: Store, people: dict[str, int]) -> None:
    for text in ['"', "' OR 1=1 --", "%", "_", "\\", "NEAR(", "a* OR b", "<b>&", "🦵🦵🦵"]:
        assert ids(store, text=text) == set(), text


def test_filters_and_sorts(store: Store, people: dict[str, int]) -> None:
    assert ids(store, condition="stroke") == {people["smith"]}
    assert ids(store, travel_month="2027-04") == {people["kim"]}  # inside March–May
    assert ids(store, travel_month="2027-05") == {people["kim"]}
    assert ids(store, travel_month="2027-06") == set()
    assert ids(store, travel_month="2027-09") == {people["smith"]}  # one month: start without end
    assert ids(store, progress="in-progress") == {people["smith"]}
    assert ids(store, progress="not-started") == {people["kim"], people["olga"]}
    by_name = [p.name for p in store.list_profiles(ProfileQuery(sort="name"))]
    assert by_name == ["John Smith", "Olga Ivanova", "김영희"]
    by_travel = [p.id for p in store.list_profiles(ProfileQuery(sort="travel"))]
    assert by_travel == [people["kim"], people["smith"], people["olga"]]
