"""The field registry: one declaration per field, and everything that checks a value agrees with it.

The Store validates with the registry; the schema's CHECK constraints were written by hand
in released migrations, so these tests prove that every value the registry allows is one
the database accepts, and that the Store refuses the values just outside each range.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime

import pytest

from db.errors import InvalidValue
from db.fields import CLINIC_SPECS, PERSONAL_FIELDS, PROFILE_SPECS, FieldSpec
from db.records import CLINIC_FIELDS, PROFILE_FIELDS
from db.store import Store

NUMERIC = [s for s in PROFILE_SPECS + CLINIC_SPECS if s.kind in ("whole-number", "number", "one-of")]


def test_the_registry_declares_every_editable_field_once() -> None:
    assert sorted(s.name for s in PROFILE_SPECS) == sorted(PROFILE_FIELDS)
    assert sorted(s.name for s in CLINIC_SPECS) == sorted(CLINIC_FIELDS)


@pytest.mark.parametrize("spec", PROFILE_SPECS + CLINIC_SPECS, ids=lambda s: s.name)
def test_every_field_is_labelled_in_english_and_korean(spec: FieldSpec) -> None:
    assert spec.label_en.strip()
    assert re.search(r"[\uac00-\ud7a3]", spec.label_ko), spec.label_ko


def test_personal_fields_are_the_ones_that_identify_the_person() -> None:
    assert PERSONAL_FIELDS == ("name", "birth_year", "contact")


def _edges(spec: FieldSpec) -> tuple[list[float], list[float]]:
    """Values the registry allows at its edges, and values just outside them."""
    if spec.kind == "one-of":
        return [min(spec.values), max(spec.values)], [min(spec.values) - 0.5, max(spec.values) + 0.5]
    high = spec.highest()
    inside = [spec.low] + ([high] if high is not None else [1e12])
    outside = [spec.low - 1] + ([high + 1] if high is not None else [])
    return inside, outside


@pytest.mark.parametrize("spec", NUMERIC, ids=lambda s: s.name)
def test_the_database_accepts_every_value_the_registry_allows(spec: FieldSpec, store: Store) -> None:
    table = "profiles" if spec in PROFILE_SPECS else "clinics"
    inside, _ = _edges(spec)
    profile = store.create_profile("Kim")
    clinic = store.add_clinic(profile.id, "Seoul")
    row_id = profile.id if table == "profiles" else clinic.id
    for value in inside:
        # Straight into SQLite: only the schema's own CHECK constraints judge it.
        store.connection.execute(f"UPDATE {table} SET {spec.name} = ? WHERE id = ?", [value, row_id])


@pytest.mark.parametrize("spec", NUMERIC, ids=lambda s: s.name)
def test_the_store_refuses_values_just_outside_the_registry(spec: FieldSpec, store: Store) -> None:
    _, outside = _edges(spec)
    profile = store.create_profile("Kim")
    clinic = store.add_clinic(profile.id, "Seoul")
    for value in outside:
        with pytest.raises(InvalidValue, match=re.escape(spec.label_en)):
            if spec in PROFILE_SPECS:
                store.update_profile(profile.id, **{spec.name: value})
            else:
                store.update_clinic(clinic.id, **{spec.name: value})


def test_a_birth_year_in_the_future_is_refused(store: Store) -> None:
    profile = store.create_profile("Kim")
    with pytest.raises(InvalidValue, match=f"from 1900 to {datetime.now(UTC).year}"):
        store.update_profile(profile.id, birth_year=2090)


def test_a_living_patients_rankin_score_stops_at_five(store: Store) -> None:
    profile = store.create_profile("Kim")
    assert store.update_profile(profile.id, mrs=5).mrs == 5
    with pytest.raises(InvalidValue):
        store.update_profile(profile.id, mrs=6)


def test_a_number_with_thousands_of_digits_is_refused_in_one_sentence(store: Store) -> None:
    profile = store.create_profile("Kim")
    with pytest.raises(InvalidValue, match="Year of birth must be a whole number"):
        store.update_profile(profile.id, birth_year="9" * 5000)


def test_the_schema_refuses_what_the_check_constraints_refuse(store: Store) -> None:
    profile = store.create_profile("Kim")
    with pytest.raises(sqlite3.IntegrityError):
        store.connection.execute("UPDATE profiles SET kl_grade = 5 WHERE id = ?", [profile.id])


@pytest.mark.parametrize("given", ["2027-13", "not a month", "April 2027"])
def test_a_travel_month_that_is_not_a_month_is_refused_saying_what_a_month_looks_like(
    given: str, store: Store
) -> None:
    profile = store.create_profile("Kim")
    with pytest.raises(InvalidValue, match="must be a month written as YYYY-MM"):
        store.update_profile(profile.id, travel_start=given)


@pytest.mark.parametrize("spec", [s for s in (*PROFILE_SPECS, *CLINIC_SPECS) if s.kind not in ("text", "condition")],
                         ids=lambda s: s.name)
def test_every_value_that_does_not_fit_is_refused_in_english_and_in_korean(spec: FieldSpec) -> None:
    from db.fields import clean_value

    with pytest.raises(InvalidValue) as refused:
        clean_value(spec, "no such value 99999999", owner="profile")
    assert str(refused.value).startswith(spec.label_en)
    assert refused.value.korean is not None and refused.value.korean.startswith(f"{spec.label_ko}: ")
    assert refused.value.korean.endswith("입력해 주십시오.") or refused.value.korean.endswith("입력해 주십시오(예: 12000000).")
    assert not re.search(r"\b(?!YYYY|MM|LVEF|mRS|Hoehn|Yahr|Kellgren|Lawrence|K|L)[A-Za-z]{2,}\b", refused.value.korean)


def test_a_missing_name_and_a_reversed_travel_window_are_refused_in_korean_too(store: Store) -> None:
    with pytest.raises(InvalidValue) as refused:
        store.create_profile("  ")
    assert refused.value.korean == "이름 또는 별칭을 입력해 주십시오."
    profile = store.create_profile("Kim", travel_start="2027-05")
    with pytest.raises(InvalidValue) as reversed_window:
        store.update_profile(profile.id, travel_end="2027-01")
    assert reversed_window.value.korean == "여행할 수 있는 마지막 달이 첫 달보다 앞섭니다. 둘 중 하나를 고쳐 주십시오."
