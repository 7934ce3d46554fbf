"""Profile files: a faithful round trip, and a strict, all-at-once refusal of bad files."""

from __future__ import annotations

import json
import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from app.domain.profile_file import (
    ProfileFileError,
    export_profile,
    import_profile,
    parse_profile_file,
    preview_import,
    profile_document,
)
from db.errors import DatabaseUnavailable
from db.records import ProfileId
from db.store import Store


def _full_profile(store: Store) -> ProfileId:
    profile = store.create_profile(
        "Margaret 이", condition="knee-oa", kl_grade=3, birth_year=1951, languages="English",
        medicines="Paracetamol 500 mg", notes="<b>& 🦵 " + "long " * 2000,
    )
    question = store.add_custom_question(profile.id, "Can my daughter stay?", text_ko="딸이 함께 있을 수 있습니까?")
    for name, city in (("Hangang Joint Clinic", "서울"), ("Busan Regenerative", "Busan")):
        clinic = store.add_clinic(profile.id, name, city=city, price=15_000_000, currency="KRW")
        store.save_answer(clinic.id, "cred.mfds-approved-product", value="no", text="They said 'registered'", flagged=True)
        store.save_answer(clinic.id, "risk.side-effects", status="asked")
        store.save_answer(clinic.id, question.question_id, text="Yes")
    return profile.id


def _without_volatile(document: dict[str, Any]) -> dict[str, Any]:
    document = dict(document)
    document.pop("exported_at")
    document["custom_questions"] = [{k: v for k, v in q.items() if k != "ref"} for q in document["custom_questions"]]
    for clinic in document["clinics"]:
        for answer in clinic["answers"]:
            if answer["question_id"].startswith("custom:"):
                answer["question_id"] = "custom:*"
    return document


def test_export_import_export_is_the_same_document(tmp_path: Path, store: Store) -> None:
    profile_id = _full_profile(store)
    first = tmp_path / "a.stemprep"
    export_profile(store, profile_id, first)
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o600

    with Store.open(tmp_path / "other.db") as other:
        imported = import_profile(other, preview_import(other, first))
        second = tmp_path / "b.stemprep"
        export_profile(other, imported.id, second)
    a = json.loads(first.read_text(encoding="utf-8"))
    b = json.loads(second.read_text(encoding="utf-8"))
    assert _without_volatile(a) == _without_volatile(b)
    assert a["profile"]["uid"] == b["profile"]["uid"]


def test_importing_the_same_profile_twice_asks(tmp_path: Path, store: Store) -> None:
    profile_id = _full_profile(store)
    path = export_profile(store, profile_id, tmp_path / "a.stemprep")
    store.update_profile(profile_id, notes="edited here after export")
    preview = preview_import(store, path)
    assert preview.existing is not None and preview.existing.id == profile_id
    with pytest.raises(ProfileFileError, match="already saved here"):
        import_profile(store, preview)
    assert store.profile(profile_id).notes == "edited here after export"  # untouched

    copy = import_profile(store, preview, mode="new")
    assert copy.id != profile_id and copy.uid != store.profile(profile_id).uid
    assert store.profile(profile_id).notes == "edited here after export"

    replaced = import_profile(store, preview, mode="replace")
    assert replaced.uid == preview.document.profile.uid
    assert replaced.notes.startswith("<b>& 🦵")
    assert store.profile_count() == 2


def test_text_is_normalised_to_nfc(tmp_path: Path, store: Store) -> None:
    profile_id = _full_profile(store)
    document = profile_document(store, profile_id)
    document["profile"]["name"] = unicodedata.normalize("NFD", "김영희")
    path = tmp_path / "nfd.stemprep"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert parse_profile_file(path).profile.name == "김영희"


def _valid(store: Store) -> dict[str, Any]:
    return profile_document(store, _full_profile(store))


MALFORMED: dict[str, Any] = {
    "empty": b"",
    "whitespace": b"   \n",
    "not json": b"Dear clinic, ...",
    "binary": b"\xff\xfe\x00\x01garbage",
    "truncated": lambda valid: json.dumps(valid).encode()[:200],
    "a list": b"[1, 2, 3]",
    "a number": b"42",
    "NaN": lambda valid: json.dumps(valid).replace('"price": 15000000.0', '"price": NaN', 1).encode(),
    "infinity": lambda valid: json.dumps(valid).replace('"price": 15000000.0', '"price": 1e999', 1).encode(),
    "duplicate keys": lambda valid: json.dumps(valid).replace('"name": ', '"name": "x", "name": ', 1).encode(),
    "wrong types": lambda valid: json.dumps({**valid, "profile": {**valid["profile"], "kl_grade": "three", "birth_year": 19.5}}).encode(),
    "unknown field": lambda valid: json.dumps({**valid, "profile": {**valid["profile"], "blood_type": "A"}}).encode(),
    "future version": lambda valid: json.dumps({**valid, "version": 3}).encode(),
    "other format": lambda valid: json.dumps({**valid, "format": "something-else"}).encode(),
    "bad status": lambda valid: json.dumps(valid).replace('"status": "answered"', '"status": "done"', 1).encode(),
    "orphan custom answer": lambda valid: json.dumps(valid).replace('"custom:', '"custom:999', 1).encode(),
    "missing profile": lambda valid: json.dumps({k: v for k, v in valid.items() if k != "profile"}).encode(),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_files_give_one_clear_error_and_change_nothing(tmp_path: Path, store: Store, case: str) -> None:
    valid = _valid(store)
    content = MALFORMED[case]
    raw = content(valid) if callable(content) else content
    path = tmp_path / "bad.stemprep"
    path.write_bytes(raw)
    before = [store.profile_count(), store.connection.execute("SELECT count(*) FROM answers").fetchone()[0]]
    with pytest.raises(ProfileFileError) as error:
        import_profile(store, preview_import(store, path), mode="new")
    message = str(error.value)
    assert message and "\n" not in message and "Traceback" not in message
    assert [store.profile_count(), store.connection.execute("SELECT count(*) FROM answers").fetchone()[0]] == before


def test_all_problems_are_reported_at_once_with_paths(tmp_path: Path, store: Store) -> None:
    valid = _valid(store)
    valid["profile"]["kl_grade"] = 9
    valid["profile"]["colour"] = "red"
    valid["clinics"][1]["answers"][0]["flagged"] = "yes"
    path = tmp_path / "bad.stemprep"
    path.write_text(json.dumps(valid), encoding="utf-8")
    with pytest.raises(ProfileFileError) as error:
        parse_profile_file(path)
    assert "3 problems" in str(error.value)
    assert {p.split(":")[0] for p in error.value.problems} == {
        "profile.kl_grade", "profile.colour", "clinics[1].answers[0].flagged"
    }


def test_a_failure_half_way_writes_nothing(tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    path = export_profile(store, _full_profile(store), tmp_path / "a.stemprep")
    other = Store.open(tmp_path / "other.db")
    calls = {"n": 0}
    original = other.save_answer

    def failing_save_answer(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return original(*args, **kwargs)

    monkeypatch.setattr(other, "save_answer", failing_save_answer)
    with pytest.raises(DatabaseUnavailable, match="disk is full"):
        import_profile(other, preview_import(other, path))
    assert other.profile_count() == 0
    assert other.connection.execute("SELECT count(*) FROM clinics").fetchone()[0] == 0
    other.close()


def test_export_to_a_folder_or_missing_folder_is_explained(tmp_path: Path, store: Store) -> None:
    profile_id = _full_profile(store)
    with pytest.raises(ProfileFileError, match="is a folder"):
        export_profile(store, profile_id, tmp_path)
    with pytest.raises(ProfileFileError, match="does not exist"):
        export_profile(store, profile_id, tmp_path / "missing" / "a.stemprep")
    assert not list(tmp_path.glob("**/*.part"))


@pytest.mark.parametrize("raw", [b"not json at all", b"[1, 2]", b'{"format": "something-else"}', b"\xff\xfe\x00"])
def test_a_file_that_is_not_a_profile_is_said_plainly_in_korean_too(raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "환자.stemprep"
    path.write_bytes(raw)
    with pytest.raises(ProfileFileError) as refused:
        parse_profile_file(path)
    assert str(refused.value).startswith("환자.stemprep ")
    assert refused.value.korean == "‘환자.stemprep’ 파일은 StemPrep 환자 파일이 아니거나 손상되어 가져올 수 없습니다."
