"""Hostile text through storage: whatever a patient pastes is stored exactly, and nothing crashes.

Property-based (Hypothesis, derandomized so CI sees the same examples every run):
every text field of Profile, Clinic, Answer and CustomQuestion gets text built from
control characters, NUL, lone combining marks, bidi overrides, ZWJ emoji, NFD
Hangul and reportlab markup. The only refusal allowed is `InvalidValue` for a
required field that is blank; everything else must read back *identical*, from the
same connection and from a fresh one. StemPrep does not normalise on write: the
search index has its own normalised copy, the patient's words stay theirs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.errors import InvalidValue
from db.store import Store
from tests.strategies import (
    answer_texts,
    clinic_texts,
    custom_question_texts,
    hostile_text,
    is_blank,
    profile_texts,
)

EXAMPLES = 100


def test_every_text_field_round_trips_exactly(tmp_path: Path) -> None:
    saved: list[tuple[str, Any, dict[str, str]]] = []  # what to find again after reopening
    tried = 0

    with Store.open(tmp_path / "hostile.db") as store:
        # This test is about text, not durability: skip the fsync per commit to stay fast.
        store.connection.execute("PRAGMA synchronous = OFF")

        @settings(
            derandomize=True, max_examples=EXAMPLES, deadline=None, database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(
            profile=profile_texts(), clinic=clinic_texts(), answer=answer_texts(),
            question=custom_question_texts(), setting=hostile_text(),
        )
        def check(
            profile: dict[str, str], clinic: dict[str, str], answer: dict[str, str],
            question: dict[str, str], setting: str,
        ) -> None:
            nonlocal tried
            tried += 1
            values = dict(profile)
            name = values.pop("name")
            if is_blank(name):
                with pytest.raises(InvalidValue):
                    store.create_profile(name, **values)
                name = "x" + name
            created = store.create_profile(name, **values)
            assert {k: getattr(created, k) for k in profile} == {**profile, "name": name}
            profile_saved = {**profile, "name": name}
            saved.append(("profile", created.id, profile_saved))

            clinic_values = dict(clinic)
            clinic_name = clinic_values.pop("name")
            if is_blank(clinic_name):
                with pytest.raises(InvalidValue):
                    store.add_clinic(created.id, clinic_name, **clinic_values)
                clinic_name = "x" + clinic_name
            added = store.add_clinic(created.id, clinic_name, **clinic_values)
            assert {k: getattr(added, k) for k in clinic} == {**clinic, "name": clinic_name}
            saved.append(("clinic", added.id, {**clinic, "name": clinic_name}))

            question_id = answer["question_id"] or "q"
            recorded = store.save_answer(added.id, question_id, value=answer["value"], text=answer["text"])
            assert (recorded.question_id, recorded.value, recorded.text) == (
                question_id, answer["value"], answer["text"]
            )
            assert store.answers_for_clinic(added.id)[question_id] == recorded
            saved.append(("answer", (added.id, question_id), {"value": answer["value"], "text": answer["text"]}))

            if is_blank(question["text_en"]):
                with pytest.raises(InvalidValue):
                    store.add_custom_question(created.id, question["text_en"], text_ko=question["text_ko"])
            else:
                asked = store.add_custom_question(created.id, question["text_en"], text_ko=question["text_ko"])
                assert (asked.text_en, asked.text_ko) == (question["text_en"], question["text_ko"])
                saved.append(("question", asked.id, question))

            # Editing a field to hostile text, too, not only creating with it.
            store.update_profile(created.id, notes=setting)
            assert store.profile(created.id).notes == setting
            profile_saved["notes"] = setting
            store.set_setting(f"hostile.{tried}", setting)
            assert store.setting(f"hostile.{tried}") == setting

        check()

    with Store.open(tmp_path / "hostile.db") as reopened:
        for kind, key, expected in saved:
            if kind == "profile":
                record: Any = reopened.profile(key)
            elif kind == "clinic":
                record = reopened.clinic(key)
            elif kind == "answer":
                record = reopened.answer(*key)
            else:
                record = reopened.custom_question(key)
            assert {k: getattr(record, k) for k in expected} == expected, kind
        for n in range(1, tried + 1):
            assert reopened.setting(f"hostile.{n}", "<missing>") != "<missing>"
    assert tried >= EXAMPLES * 0.9
    print(f"\n{tried} hostile examples, {len(saved)} records read back exactly")


def test_a_lone_surrogate_is_refused_with_a_sentence(store: Store) -> None:
    with pytest.raises(InvalidValue, match="broken character"):
        store.create_profile("Kim \ud800")
    profile = store.create_profile("Kim")
    clinic = store.add_clinic(profile.id, "A")
    with pytest.raises(InvalidValue, match="broken character"):
        store.save_answer(clinic.id, "q", text="\udc80")
    with pytest.raises(InvalidValue, match="broken character"):
        store.update_clinic(clinic.id, notes="\ud800x")
    with pytest.raises(InvalidValue, match="broken character"):
        store.add_custom_question(profile.id, "Why \ud800?")


def test_nothing_is_normalised_on_write(store: Store) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "김민지 무릎")
    profile = store.create_profile(decomposed, notes=decomposed)
    assert profile.name == decomposed != unicodedata.normalize("NFC", decomposed)
    raw = store.connection.execute("SELECT name FROM profiles WHERE id = ?", [profile.id]).fetchone()[0]
    assert raw == decomposed


@given(st.just(None))
@settings(max_examples=1, database=None)
def test_the_strategies_module_imports_for_the_pdf_tests(_: None) -> None:
    from tests import strategies

    assert "name" in strategies.PROFILE_TEXT_FIELDS and "notes" in strategies.PROFILE_TEXT_FIELDS
    assert "condition" not in strategies.PROFILE_TEXT_FIELDS
    assert "price" not in strategies.CLINIC_TEXT_FIELDS
