"""Profile files (`.stemprep`): one patient, carried between computers.

A facilitator prepares a profile and hands it to the patient, or receives one back
with the clinics' answers filled in. The file is one versioned JSON document
(documented in docs/profile-file.md). Reading it is strict, because it may come
from anywhere: duplicate keys, NaN, unknown fields, wrong types and a newer format
version are all errors, reported together, each with its path. Text is normalised
to NFC so that Korean typed on a Mac matches Korean typed on Windows. An import is
one transaction, and a different profile already saved here is never overwritten
unless the user asks for it.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app import __version__
from db.errors import StorageError
from db.records import ANSWER_STATUSES, CONDITIONS, CUSTOM_PREFIX, HOEHN_YAHR_STAGES, Profile, ProfileId
from db.store import Store

FORMAT_NAME = "stemprep-profile"
FORMAT_VERSION = 1
FILE_SUFFIX = ".stemprep"
MAX_FILE_BYTES = 50 * 1024 * 1024  # a profile is kilobytes; anything this big is not one


class ProfileFileError(StorageError):
    """A profile file that cannot be read or written; the message lists every problem."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


# ------------------------------------------------------------------ the schema

_Text = Annotated[str, Field(max_length=200_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


class AnswerDoc(_Strict):
    question_id: Annotated[str, Field(min_length=1, max_length=200)]
    status: Literal["to-ask", "asked", "answered", "skipped"]
    value: _Text = ""
    text: _Text = ""
    flagged: bool = False


class ClinicDoc(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=2_000)]
    city: _Text = ""
    contact: _Text = ""
    facilitator: _Text = ""
    treatment: _Text = ""
    cell_source: _Text = ""
    price: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    currency: _Text = ""
    claimed_credentials: _Text = ""
    notes: _Text = ""
    answers: list[AnswerDoc] = []


class CustomQuestionDoc(_Strict):
    ref: Annotated[int, Field(ge=0)]
    text_en: Annotated[str, Field(min_length=1, max_length=20_000)]
    text_ko: _Text = ""
    priority: Literal["essential", "recommended", "optional"] = "recommended"


class ProfileDoc(_Strict):
    uid: Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[0-9a-f]+$")]
    name: Annotated[str, Field(min_length=1, max_length=2_000)]
    birth_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    languages: _Text = ""
    contact: _Text = ""
    condition: Literal["knee-oa", "stroke", "parkinsons", "heart", "skin", "other"] = "other"
    diagnosis: _Text = ""
    diagnosed: _Text = ""
    kl_grade: Annotated[int, Field(ge=0, le=4)] | None = None
    mrs: Annotated[int, Field(ge=0, le=6)] | None = None
    hoehn_yahr: float | None = None
    lvef: Annotated[int, Field(ge=1, le=100)] | None = None
    medicines: _Text = ""
    allergies: _Text = ""
    other_conditions: _Text = ""
    prior_treatments: _Text = ""
    imaging: _Text = ""
    goals: _Text = ""
    budget: _Text = ""
    travel_window: _Text = ""
    notes: _Text = ""
    synthetic: bool = False

    @field_validator("hoehn_yahr", mode="after")
    @classmethod
    def _stage(cls, value: float | None) -> float | None:
        if value is not None and value not in HOEHN_YAHR_STAGES:
            raise ValueError("must be one of 1, 1.5, 2, 2.5, 3, 4 or 5")
        return value


class ProfileDocument(_Strict):
    format: Literal["stemprep-profile"]
    version: Literal[1]
    exported_at: str
    app_version: str
    profile: ProfileDoc
    clinics: list[ClinicDoc] = []
    custom_questions: list[CustomQuestionDoc] = []


assert set(ANSWER_STATUSES) == {"to-ask", "asked", "answered", "skipped"}
assert set(CONDITIONS) == {"knee-oa", "stroke", "parkinsons", "heart", "skin", "other"}


# --------------------------------------------------------------------- export


def profile_document(store: Store, profile_id: int) -> dict[str, Any]:
    """The profile with its clinics, answers and custom questions, as a JSON-ready dict."""
    profile = store.profile(profile_id)
    custom = store.custom_questions(profile_id)
    clinics = []
    for clinic in store.clinics_for(profile_id):
        answers = sorted(store.answers_for_clinic(clinic.id).values(), key=lambda a: a.question_id)
        clinics.append({
            "name": clinic.name, "city": clinic.city, "contact": clinic.contact,
            "facilitator": clinic.facilitator, "treatment": clinic.treatment,
            "cell_source": clinic.cell_source, "price": clinic.price, "currency": clinic.currency,
            "claimed_credentials": clinic.claimed_credentials, "notes": clinic.notes,
            "answers": [
                {"question_id": a.question_id, "status": a.status, "value": a.value,
                 "text": a.text, "flagged": a.flagged}
                for a in answers
            ],
        })
    profile_fields = {
        name: getattr(profile, name)
        for name in ProfileDoc.model_fields
    }
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "profile": profile_fields,
        "clinics": clinics,
        "custom_questions": [
            {"ref": q.id, "text_en": q.text_en, "text_ko": q.text_ko, "priority": q.priority}
            for q in custom
        ],
    }


def export_profile(store: Store, profile_id: int, path: Path) -> Path:
    """Write the profile file owner-only, atomically (a failure leaves no partial file)."""
    text = json.dumps(profile_document(store, profile_id), ensure_ascii=False, indent=2, allow_nan=False)
    path = Path(path)
    if path.is_dir():
        raise ProfileFileError(f"{path} is a folder; give a file name such as patient{FILE_SUFFIX}.")
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".stemprep-", suffix=".tmp", dir=path.parent or ".")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o600)
        os.replace(temp_name, path)
        temp_name = None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ProfileFileError(f"StemPrep could not write {path}: {reason}.") from error
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return path


# --------------------------------------------------------------------- import


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key '{key}' appears twice")
        seen[key] = value
    return seen


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed")


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the whole file)"


def parse_profile_file(path: Path) -> ProfileDocument:
    """Read and validate a profile file; `ProfileFileError` lists every problem found."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProfileFileError(f"{path.name} is too large to be a StemPrep profile file.")
        raw = path.read_bytes()
    except ProfileFileError:
        raise
    except OSError as error:
        raise ProfileFileError(f"StemPrep could not read {path}: {error.strerror or error}.") from error
    return parse_profile_bytes(raw, name=path.name)


def parse_profile_bytes(raw: bytes, *, name: str = "This file") -> ProfileDocument:
    if not raw.strip():
        raise ProfileFileError(f"{name} is empty; it is not a StemPrep profile file.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileFileError(f"{name} is not a StemPrep profile file (it is not text).") from None
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ProfileFileError(
            f"{name} is not a StemPrep profile file: it is not valid JSON "
            f"(line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except ValueError as error:
        raise ProfileFileError(f"{name} cannot be imported: {error}.") from None
    if not isinstance(data, dict):
        raise ProfileFileError(f"{name} is not a StemPrep profile file (it holds a {type(data).__name__}, not a profile).")
    if data.get("format") != FORMAT_NAME:
        raise ProfileFileError(f"{name} is not a StemPrep profile file (its 'format' is not '{FORMAT_NAME}').")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ProfileFileError(
            f"{name} was made by a newer StemPrep (profile format {version}); "
            f"this version reads format {FORMAT_VERSION}. Update StemPrep to import it."
        )
    _reject_non_finite(data)
    try:
        document = ProfileDocument.model_validate(data)
    except ValidationError as error:
        problems = [f"{_where(e['loc'])}: {e['msg']}" for e in error.errors()]
        raise ProfileFileError(
            f"{name} cannot be imported; {len(problems)} problem{'s' if len(problems) != 1 else ''}: "
            + "; ".join(problems),
            problems,
        ) from None
    refs = [q.ref for q in document.custom_questions]
    if len(set(refs)) != len(refs):
        raise ProfileFileError(f"{name} cannot be imported: two custom questions share one 'ref'.")
    known = {f"{CUSTOM_PREFIX}{r}" for r in refs}
    for i, clinic in enumerate(document.clinics):
        for j, answer in enumerate(clinic.answers):
            if answer.question_id.startswith(CUSTOM_PREFIX) and answer.question_id not in known:
                raise ProfileFileError(
                    f"{name} cannot be imported: clinics[{i}].answers[{j}] answers a custom question "
                    "the file does not contain."
                )
        ids = [a.question_id for a in clinic.answers]
        if len(set(ids)) != len(ids):
            raise ProfileFileError(f"{name} cannot be imported: clinics[{i}] answers one question twice.")
    return document


def _reject_non_finite(value: Any, where: str = "") -> None:
    """json.loads already refuses NaN literals; this also catches 1e999 (infinity)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ProfileFileError(f"The file cannot be imported: {where or 'a number'} is not a finite number.")
    if isinstance(value, dict):
        for key, item in value.items():
            _reject_non_finite(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _reject_non_finite(item, f"{where}[{index}]")


@dataclass(frozen=True)
class ImportPreview:
    """What an import will do, for the user to confirm before anything is written."""

    document: ProfileDocument
    existing: Profile | None  # a profile here with the same identity

    @property
    def clinic_count(self) -> int:
        return len(self.document.clinics)

    @property
    def answer_count(self) -> int:
        return sum(len(c.answers) for c in self.document.clinics)


def preview_import(store: Store, path: Path) -> ImportPreview:
    document = parse_profile_file(path)
    return ImportPreview(document, store.profile_by_uid(document.profile.uid))


ImportMode = Literal["new", "replace"]


def import_profile(store: Store, preview: ImportPreview, *, mode: ImportMode | None = None) -> Profile:
    """Write the previewed profile in one transaction.

    If a profile with the same identity exists, `mode` must say what to do: "new"
    imports a copy beside it, "replace" replaces that profile. Without an existing
    profile, the file's identity is kept.
    """
    document = preview.document
    existing = store.profile_by_uid(document.profile.uid)
    if existing is not None and mode is None:
        raise ProfileFileError(
            f"'{existing.name}' is already saved here. Import it as a new profile, or replace the saved one."
        )
    values = document.profile.model_dump()
    uid = values.pop("uid")
    synthetic = values.pop("synthetic")
    name = values.pop("name")
    with store.batch():
        if existing is not None and mode == "replace":
            store.delete_profile(existing.id)
        elif existing is not None:
            uid = None  # a copy gets an identity of its own
        profile = store.create_profile(name, synthetic=synthetic, uid=uid, **values)
        ref_to_id = {}
        for question in document.custom_questions:
            created = store.add_custom_question(
                profile.id, question.text_en, text_ko=question.text_ko, priority=question.priority
            )
            ref_to_id[f"{CUSTOM_PREFIX}{question.ref}"] = created.question_id
        for clinic_doc in document.clinics:
            clinic_values = clinic_doc.model_dump(exclude={"answers", "name"})
            clinic = store.add_clinic(profile.id, clinic_doc.name, **clinic_values)
            for answer in clinic_doc.answers:
                store.save_answer(
                    clinic.id,
                    ref_to_id.get(answer.question_id, answer.question_id),
                    status=answer.status,
                    value=answer.value,
                    text=answer.text,
                    flagged=answer.flagged,
                )
    return store.profile(ProfileId(profile.id))
