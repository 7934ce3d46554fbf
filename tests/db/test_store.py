"""The Store on real SQLite files: what is written is what is read back, and bad values are refused."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from db.errors import DatabaseUnavailable, InvalidValue, NotFound
from db.records import CONDITIONS, PROFILE_FIELDS, Answer, Profile
from db.store import Store


def test_new_file_is_owner_only_with_safe_journal(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create_profile("Kim")
        db = store.connection
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        for name in os.listdir(db_path.parent):
            if name.startswith(db_path.name):
                mode = stat.S_IMODE(os.stat(db_path.parent / name).st_mode)
                assert mode == 0o600, (name, oct(mode))


def test_creates_missing_folders_privately(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "stemprep.db"
    Store.open(path).close()
    assert path.exists()
    assert stat.S_IMODE(os.stat(path.parent).st_mode) & 0o077 == 0


def test_profile_round_trip_every_field(store: Store, db_path: Path) -> None:
    values = {
        "birth_year": 1952, "languages": "English, 한국어", "contact": "m@example.org",
        "condition": "knee-oa", "diagnosis": "Worn cartilage in the right knee 🦵", "diagnosed": "2019",
        "kl_grade": 3, "medicines": "Paracetamol 500 mg", "allergies": "Penicillin",
        "other_conditions": "High blood pressure", "prior_treatments": "Physiotherapy 2020",
        "imaging": "X-ray 2024 on CD", "goals": "Walk to the shops", "budget": "20,000 USD",
        "travel_window": "if my daughter can come", "travel_start": "2027-04", "travel_end": "2027-06",
        "notes": "<b>&amp; 10k " + "x" * 10_000,
    }
    created = store.create_profile("Margaret 이", **values)
    with Store.open(db_path) as second:
        read = second.profile(created.id)
    assert read == created
    for key, value in values.items():
        assert getattr(read, key) == value
    assert set(values) | {"name", "mrs", "hoehn_yahr", "lvef"} == set(PROFILE_FIELDS)


@pytest.mark.parametrize(
    ("field", "value"),
    [("kl_grade", 5), ("kl_grade", "two"), ("mrs", 6), ("hoehn_yahr", 2.2), ("lvef", 0),
     ("birth_year", 1800), ("condition", "cancer"), ("name", "  "), ("colour", "red"), ("notes", 42)],
)
def test_bad_values_are_refused_with_a_sentence(store: Store, field: str, value: object) -> None:
    profile = store.create_profile("Kim")
    with pytest.raises(InvalidValue) as error:
        store.update_profile(profile.id, **{field: value})
    assert str(error.value).endswith(".")
    assert store.profile(profile.id) == profile


def test_measures_accept_text_from_forms(store: Store) -> None:
    profile = store.create_profile("Kim", condition="parkinsons", hoehn_yahr="2.5", birth_year=" 1950 ")
    assert profile.hoehn_yahr == 2.5 and profile.birth_year == 1950
    assert store.update_profile(profile.id, hoehn_yahr="").hoehn_yahr is None


def test_unknown_ids_are_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no profile with id 99"):
        store.profile(99)
    with pytest.raises(NotFound):
        store.update_profile(99, name="x")
    with pytest.raises(NotFound):
        store.add_clinic(99, "A")
    with pytest.raises(NotFound):
        store.save_answer(99, "q")


def test_clinics_keep_their_order_and_price(store: Store) -> None:
    profile = store.create_profile("Kim")
    a = store.add_clinic(profile.id, "A clinic", city="Seoul", price="12,500,000", currency="KRW")
    b = store.add_clinic(profile.id, "B clinic", city="부산")
    assert [c.name for c in store.clinics_for(profile.id)] == ["A clinic", "B clinic"]
    assert a.price == 12_500_000.0 and b.position == a.position + 1
    with pytest.raises(InvalidValue):
        store.update_clinic(a.id, price="-1")
    with pytest.raises(InvalidValue):
        store.update_clinic(a.id, price="nan")


def test_answers_upsert_and_infer_answered(store: Store) -> None:
    profile = store.create_profile("Kim")
    clinic = store.add_clinic(profile.id, "A")
    empty = store.answer(clinic.id, "cred.x")
    assert empty == Answer(profile_id=profile.id, clinic_id=clinic.id, question_id="cred.x")
    first = store.save_answer(clinic.id, "cred.x", value="no")
    assert first.status == "answered" and first.value == "no"
    second = store.save_answer(clinic.id, "cred.x", text="They said it is registered", flagged=True)
    assert (second.value, second.flagged, second.status) == ("no", True, "answered")
    skipped = store.save_answer(clinic.id, "cred.x", status="skipped")
    assert skipped.text == "They said it is registered"
    assert store.answers_for_clinic(clinic.id)["cred.x"] == skipped
    with pytest.raises(InvalidValue):
        store.save_answer(clinic.id, "cred.x", status="maybe")


def test_deleting_a_profile_deletes_everything_of_it(store: Store) -> None:
    keep = store.create_profile("Keep")
    gone = store.create_profile("Gone")
    for profile in (keep, gone):
        clinic = store.add_clinic(profile.id, "A")
        store.save_answer(clinic.id, "q", value="yes")
        store.add_custom_question(profile.id, "Can my daughter come in?")
    store.delete_profile(gone.id)
    db = store.connection
    for table in ("clinics", "answers", "custom_questions"):
        owners = {r[0] for r in db.execute(f"SELECT profile_id FROM {table}")}
        assert owners == {keep.id}, table
    with pytest.raises(NotFound):
        store.delete_profile(gone.id)


def test_custom_questions_and_their_answers(store: Store) -> None:
    profile = store.create_profile("Kim")
    clinic = store.add_clinic(profile.id, "A")
    question = store.add_custom_question(profile.id, "Is there parking?", text_ko="주차가 가능합니까?")
    store.save_answer(clinic.id, question.question_id, text="Yes, free")
    assert store.answers_for_clinic(clinic.id)[question.question_id].is_custom
    edited = store.update_custom_question(question.id, priority="essential")
    assert edited.priority == "essential" and edited.text_ko == "주차가 가능합니까?"
    store.delete_custom_question(question.id)
    assert store.answers_for_clinic(clinic.id) == {}
    with pytest.raises(InvalidValue):
        store.add_custom_question(profile.id, "   ")


def test_list_profiles_summarises_newest_first(store: Store) -> None:
    old = store.create_profile("Old", condition="stroke")
    new = store.create_profile("New", condition="knee-oa", travel_window="May")
    clinic = store.add_clinic(new.id, "Gangnam Joint", city="Seoul")
    store.save_answer(clinic.id, "q1", value="yes")
    store.save_answer(clinic.id, "q2", status="asked")
    rows = store.list_profiles()
    assert [r.id for r in rows] == [new.id, old.id]
    assert (rows[0].clinic_names, rows[0].cities, rows[0].answered) == ("Gangnam Joint", "Seoul", 1)
    assert [r.id for r in store.list_profiles(condition="stroke")] == [old.id]
    assert [r.id for r in store.list_profiles(limit=1, offset=1)] == [old.id]


def test_batch_is_all_or_nothing(store: Store) -> None:
    with pytest.raises(InvalidValue):
        with store.batch():
            store.create_profile("First")
            store.create_profile("Second", kl_grade=9)
    assert store.profile_count() == 0


def test_a_write_that_fails_inside_a_batch_undoes_only_itself(store: Store) -> None:
    """A write nested in a batch is a savepoint: caught, it leaves nothing; the batch still commits."""
    with store.batch():
        store.create_profile("First")
        with pytest.raises(RuntimeError), store._writing() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('half', 'written')")
            raise RuntimeError("stopped half-way")
        store.set_setting("after", "yes")
    assert [p.name for p in store.list_profiles()] == ["First"]
    assert (store.setting("half", "none"), store.setting("after")) == ("none", "yes")
    assert not store.connection.in_transaction


def test_settings(store: Store) -> None:
    assert store.setting("facilitator.agency", "none") == "none"
    store.set_setting("facilitator.agency", "서울 메디컬 트래블")
    assert store.setting("facilitator.agency") == "서울 메디컬 트래블"


def test_a_file_that_is_not_a_database_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"This is my shopping list, not a database." * 100)
    with pytest.raises(DatabaseUnavailable, match="not a StemPrep database"):
        Store.open(path)
    assert path.read_bytes().startswith(b"This is my shopping list")


def test_a_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="is a folder"):
        Store.open(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_is_explained(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseUnavailable):
            Store.open(folder / "stemprep.db")
    finally:
        folder.chmod(0o700)


def test_conditions_are_enforced_by_the_schema_too(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.connection.execute(
            "INSERT INTO profiles (name, condition, created_at, updated_at) VALUES ('x', 'flu', '', '')"
        )
    assert "flu" not in CONDITIONS


def test_profile_record_is_frozen(store: Store) -> None:
    profile = store.create_profile("Kim")
    with pytest.raises(AttributeError):
        profile.name = "Lee"  # type: ignore[misc]
    assert isinstance(profile, Profile)
