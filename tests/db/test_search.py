"""Search as you type: English and Korean, long and short words, filters and sorting."""

from __future__ import annotations

import pytest

from db.search import ProfileQuery
from db.store import Store


#: The names the question bank gives the conditions (the layers above hand them to the Store).
CONDITION_NAMES = {
    "knee-oa": "Knee osteoarthritis 무릎 골관절염",
    "stroke": "Stroke recovery 뇌졸중 회복",
    "parkinsons": "Parkinson's disease 파킨슨병",
}


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    store.condition_names = CONDITION_NAMES
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


# ---------------------------------------------------------------- short words from the index


def _index_keys(store: Store, profile_id: int) -> set[str]:
    rows = store.connection.execute(
        "SELECT prefix FROM profile_word_start WHERE profile_id = ?", [profile_id]
    ).fetchall()
    return {row[0] for row in rows}


def test_a_short_word_finds_where_words_start_and_anywhere_in_a_korean_word(
    store: Store, people: dict[str, int]
) -> None:
    emma = store.create_profile("Emma Ma", condition="skin")
    assert ids(store, text="ol") == {people["olga"]}  # Olga
    assert ids(store, text="lg") == set()  # inside a word of Latin letters: not a start
    assert ids(store, text="ma") == {emma.id}  # "Ma", not "Emma"'s middle
    assert ids(store, text="영") == {people["kim"]}  # inside 김영희
    assert ids(store, text="희") == {people["kim"]}
    assert ids(store, text="i,") == ids(store, text="i") != set()  # punctuation around a short word is ignored


def test_the_word_index_follows_every_change_and_keeps_nothing_of_a_deleted_profile(
    store: Store, people: dict[str, int]
) -> None:
    kim = people["kim"]
    from db.search import search_body, word_starts

    assert _index_keys(store, kim) == word_starts(search_body(store.connection, kim, CONDITION_NAMES))
    store.update_profile(kim, name="Park Ji-woo")
    assert _index_keys(store, kim) == word_starts(search_body(store.connection, kim, CONDITION_NAMES))
    assert ids(store, text="김") == set() and ids(store, text="ji") == {kim}
    clinic = store.add_clinic(kim, "Zeta Clinic", city="Daegu")
    assert ids(store, text="ze") == {kim}
    store.delete_clinic(clinic.id)
    assert ids(store, text="ze") == set()
    store.delete_profile(kim)
    assert _index_keys(store, kim) == set()


def test_a_leading_word_and_a_tested_word_find_the_same_profiles(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whichever word leads the query (few matches) or is tested per profile (many), the answer is the same."""
    from app.domain.question_bank import load_question_bank
    from app.domain.sample import add_sample_profiles
    from db import search

    add_sample_profiles(store, 300, seed=3, bank=load_question_bank())
    queries = [ProfileQuery(text=t) for t in ("k", "ma", "knee", "무", "무릎", "se kn", "busan m", "zz", "서울 a")]
    queries += [ProfileQuery(text="m", condition="stroke"), ProfileQuery(text="ar", sort="name")]

    def answers() -> list[tuple[int, list[int]]]:
        return [(store.count_profiles(q), [p.id for p in store.list_profiles(q)]) for q in queries]

    monkeypatch.setattr(search, "LEAD_LIMIT", 10**9)  # every word leads when it can
    led = answers()
    monkeypatch.setattr(search, "LEAD_LIMIT", -1)  # no word leads: every one tested per profile
    tested = answers()
    assert led == tested
    assert any(count > 100 for count, _ in led) and any(count == 0 for count, _ in led)


def test_counting_can_stop_at_a_limit(store: Store, people: dict[str, int]) -> None:
    query = ProfileQuery(text="o")
    found = store.count_profiles(query)
    assert found == len(store.list_profiles(query)) >= 2
    assert store.count_profiles(query, at_most=1) == 1
    assert store.count_profiles(query, at_most=found + 5) == found
    assert store.count_profiles(ProfileQuery(), at_most=2) == 2
