"""Profile files (`.stemprep`): one patient, carried between computers.

A facilitator prepares a profile and hands it to the patient, or receives one back
with the clinics' answers filled in. The file is one versioned JSON document
(documented in docs/profile-file.md). Reading it is strict, because it may come
from anywhere: only a regular file, never more than 50 MB; JSON no deeper than a
profile ever is, numbers no longer than a profile's; duplicate keys, NaN, unknown
fields, wrong types, values the Store would refuse and a newer format version are
all errors, reported together, each with its path and in plain words. Answers,
picks, dismissed red flags and ticked documents that name something this
StemPrep's question bank does not know are left out and reported. Text is
normalised to NFC so that Korean typed on a Mac matches Korean typed on Windows. An
import is one transaction, and a different profile already saved here is never
overwritten unless the user asks for it.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import MISSING, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from app import __version__
from app.domain.question_bank import Priority
from db.errors import FileRefused, StorageError
from db.fields import CLINIC_SPEC, PROFILE_SPEC, FieldSpec, clinic_value_problems, profile_value_problems
from db.files import read_regular_file, write_atomic
from db.records import (
    ANSWER_STATUSES,
    CLINIC_FIELDS,
    CONDITIONS,
    CUSTOM_PREFIX,
    PROFILE_FIELDS,
    Clinic,
    Profile,
    ProfileId,
)
from db.store import Store

if TYPE_CHECKING:
    from app.domain.question_bank import QuestionBank

FORMAT_NAME = "stemprep-profile"
FORMAT_VERSION = 2
FILE_SUFFIX = ".stemprep"
MAX_FILE_BYTES = 50 * 1024 * 1024  # a profile is kilobytes; anything this big is not one
MAX_NESTING = 32  # a profile file nests five levels deep
MAX_NUMBER_CHARACTERS = 40  # the longest number in a profile is a price


class ProfileFileError(StorageError):
    """A profile file that cannot be read or written; the message lists every problem."""

    def __init__(self, message: str, problems: list[str] | None = None, *, korean: str | None = None) -> None:
        super().__init__(message, korean=korean)
        self.problems = problems or []


# ------------------------------------------------------------------ the schema

_Text = Annotated[str, Field(max_length=200_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


_Month = Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")]
_Id = Annotated[str, Field(min_length=1, max_length=200)]


class AnswerDoc(_Strict):
    question_id: Annotated[str, Field(min_length=1, max_length=200)]
    status: Literal[ANSWER_STATUSES]  # type: ignore[valid-type]
    value: _Text = ""
    text: _Text = ""
    flagged: bool = False


class DismissedFlagDoc(_Strict):
    rule_id: _Id
    note: Annotated[str, Field(min_length=1, max_length=20_000)]


def _shape(spec: FieldSpec) -> Any:
    """The JSON type a registry field has in a profile file.

    Only the shape: which values the field may hold is the registry's to say, and
    `_store_problems` reports a value it refuses at its path, in its words.
    """
    if spec.kind == "text":
        return Annotated[str, Field(min_length=1, max_length=2_000)] if spec.required else _Text
    if spec.kind == "condition":
        return Literal[CONDITIONS]  # type: ignore[valid-type]
    if spec.kind == "whole-number":
        return int | None
    if spec.kind in ("number", "one-of"):
        return Annotated[float, Field(allow_inf_nan=False)] | None
    if spec.kind == "month":
        return _Month | None
    return Annotated[str, Field(max_length=20)] | None  # an appointment, "2027-04-12T14:30" at most


def _registry_fields(record: type, editable: tuple[str, ...], specs: Mapping[str, FieldSpec]) -> dict[str, Any]:
    """A record's editable fields as a pydantic model's fields: the registry's shape, the record's default."""
    fields: dict[str, Any] = {}
    for name in editable:
        default = record.__dataclass_fields__[name].default
        fields[name] = (_shape(specs[name]), ... if default is MISSING else default)
    return fields


class CustomQuestionDoc(_Strict):
    ref: Annotated[int, Field(ge=0)]
    text_en: Annotated[str, Field(min_length=1, max_length=20_000)]
    text_ko: _Text = ""
    priority: Priority = "recommended"


#: A profile as a file holds it: its identity, every registry field, whether it is a sample.
ProfileDoc = create_model(
    "ProfileDoc",
    __base__=_Strict,
    uid=(Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[0-9a-f]+$")], ...),
    **_registry_fields(Profile, PROFILE_FIELDS, PROFILE_SPEC),
    synthetic=(bool, False),
)

#: A clinic as a file holds it: every registry field, then its answers and dismissed red flags.
ClinicDoc = create_model(
    "ClinicDoc",
    __base__=_Strict,
    **_registry_fields(Clinic, CLINIC_FIELDS, CLINIC_SPEC),
    answers=(list[AnswerDoc], []),
    dismissed_flags=(list[DismissedFlagDoc], []),
)


class ProfileDocument(_Strict):
    format: Literal["stemprep-profile"]
    version: Literal[1, 2]
    exported_at: str
    app_version: str
    profile: ProfileDoc
    clinics: list[ClinicDoc] = []
    custom_questions: list[CustomQuestionDoc] = []
    my_questions: list[_Id] | None = None  # None: the profile follows the bank's default pick
    ticked_documents: list[_Id] = []


# --------------------------------------------------------------------- export


def profile_document(store: Store, profile_id: int) -> dict[str, Any]:
    """The profile with its clinics, answers, picks, ticks and own questions, as a JSON-ready dict."""
    profile = store.profile(profile_id)
    custom = store.custom_questions(profile_id)
    clinics = []
    for clinic in store.clinics_for(profile_id):
        answers = sorted(store.answers_for_clinic(clinic.id).values(), key=lambda a: a.question_id)
        values = {name: getattr(clinic, name) for name in ClinicDoc.model_fields if name not in _CLINIC_LISTS}
        clinics.append({
            **values,
            "answers": [
                {"question_id": a.question_id, "status": a.status, "value": a.value,
                 "text": a.text, "flagged": a.flagged}
                for a in answers
            ],
            "dismissed_flags": [
                {"rule_id": rule_id, "note": dismissal.note}
                for rule_id, dismissal in sorted(store.flag_dismissals(clinic.id).items())
            ],
        })
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "profile": {name: getattr(profile, name) for name in ProfileDoc.model_fields},
        "clinics": clinics,
        "custom_questions": [
            {"ref": q.id, "text_en": q.text_en, "text_ko": q.text_ko, "priority": q.priority}
            for q in custom
        ],
        "my_questions": store.question_picks(profile_id),
        "ticked_documents": sorted(store.ticked_documents(profile_id)),
    }


_CLINIC_LISTS = ("answers", "dismissed_flags")


def export_profile(store: Store, profile_id: int, path: Path) -> Path:
    """Write the profile file owner-only, atomically (a failure leaves no partial file); returns the file written."""
    text = json.dumps(profile_document(store, profile_id), ensure_ascii=False, indent=2, allow_nan=False)
    try:
        return write_atomic(Path(path), (text + "\n").encode("utf-8"), what="the profile file",
                            example=f"patient{FILE_SUFFIX}")
    except FileRefused as error:
        raise ProfileFileError(str(error)) from error


def is_profile_file(path: Path) -> bool:
    """Whether the regular file at `path` looks like a StemPrep profile file (replacing it loses nothing else)."""
    try:
        head = read_regular_file(path, limit=4096, start_only=True)
    except FileRefused:
        return False
    return re.search(rb'"format"\s*:\s*"' + FORMAT_NAME.encode() + rb'"', head) is not None


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


def _checked_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARACTERS:
        raise ValueError(f"it holds a number {len(text):,} digits long, longer than anything in a profile")
    return int(text)


def _checked_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARACTERS:
        raise ValueError(f"it holds a number {len(text):,} characters long, longer than anything in a profile")
    return float(text)


_JSON_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _too_deep(text: str) -> bool:
    """Whether brackets nest deeper than any profile file does (strings are skipped)."""
    depth = 0
    for match in _JSON_STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return True
        elif token in "]}":
            depth -= 1
    return False


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the whole file)"


_KIND_WORDS = {"dict": "a group of named fields", "list": "a list", "str": "text", "int": "a whole number",
               "float": "a number", "bool": "true or false", "NoneType": "null"}


def _in_words(error: Any) -> str:
    """One pydantic error as words a patient or a facilitator understands."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = type(error.get("input")).__name__
    given_words = _KIND_WORDS.get(given, given)
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not something a StemPrep profile file holds"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a group of named fields {{…}}, not {given_words}"
    if kind == "list_type":
        return f"must be a list […], not {given_words}"
    if kind == "string_type":
        return f"must be text in quotes, not {given_words}"
    if kind in ("int_type", "int_from_float", "int_parsing"):
        return f"must be a whole number, not {given_words}"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number, not {given_words}"
    if kind == "bool_type":
        return f"must be true or false, not {given_words}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', 'the listed values')}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (more than {ctx.get('max_length', 'the allowed number of')} characters)"
    if kind == "string_pattern_mismatch":
        return "is not written the way StemPrep writes it"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}"
    if kind == "finite_number":
        return "must be a finite number"
    return str(error.get("msg", "is not valid")).rstrip(".")


def parse_profile_file(path: Path) -> ProfileDocument:
    """Read and validate a profile file; `ProfileFileError` lists every problem found.

    Only a regular file is read (a device, a pipe or a folder is named in one
    sentence), without blocking, and never more than `MAX_FILE_BYTES`.
    """
    path = Path(path)
    try:
        raw = read_regular_file(path, limit=MAX_FILE_BYTES, what="a StemPrep profile file")
    except FileRefused as error:
        raise ProfileFileError(str(error)) from error
    return parse_profile_bytes(raw, name=path.name)


def _unusable(name: str, message: str, problems: list[str] | None = None) -> ProfileFileError:
    """A file that is not a profile StemPrep can import, said in English in detail and in Korean plainly."""
    return ProfileFileError(
        message, problems, korean=f"‘{name}’ 파일은 StemPrep 환자 파일이 아니거나 손상되어 가져올 수 없습니다."
    )


def parse_profile_bytes(raw: bytes, *, name: str = "This file") -> ProfileDocument:
    if not raw.strip():
        raise _unusable(name, f"{name} is empty; it is not a StemPrep profile file.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _unusable(name, f"{name} is not a StemPrep profile file (it is not text).") from None
    if _too_deep(text):
        raise _unusable(
            name, f"{name} is not a StemPrep profile file: its contents nest more than {MAX_NESTING} levels deep."
        )
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant,
                          parse_int=_checked_int, parse_float=_checked_float)
    except json.JSONDecodeError as error:
        raise _unusable(
            name, f"{name} is not a StemPrep profile file: it is not valid JSON "
            f"(line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except (ValueError, RecursionError) as error:
        raise _unusable(name, f"{name} cannot be imported: {error}.") from None
    if not isinstance(data, dict):
        kind = _KIND_WORDS.get(type(data).__name__, "something else")
        raise _unusable(name, f"{name} is not a StemPrep profile file (it holds {kind}, not a profile).")
    if data.get("format") != FORMAT_NAME:
        raise _unusable(name, f"{name} is not a StemPrep profile file (its 'format' is not '{FORMAT_NAME}').")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ProfileFileError(
            f"{name} was made by a newer StemPrep (profile format {version}); "
            f"this version reads format {FORMAT_VERSION}. Update StemPrep to import it.",
            korean=f"‘{name}’ 파일은 더 새로운 StemPrep에서 만든 파일입니다. StemPrep을 업데이트한 뒤 가져오십시오.",
        )
    _reject_non_finite(data)
    problems: dict[str, str] = {}
    document: ProfileDocument | None = None
    try:
        document = ProfileDocument.model_validate(data)
    except ValidationError as error:
        for e in error.errors():
            problems.setdefault(_where(e["loc"]), _in_words(e))
    problems.update({k: v for k, v in _store_problems(data).items() if k not in problems})
    if problems:
        lines = [f"{where}: {words}" for where, words in problems.items()]
        counted = f"{len(lines)} problem{'s' if len(lines) != 1 else ''}"
        raise _unusable(name, f"{name} cannot be imported; {counted}: " + "; ".join(lines), lines)
    assert document is not None
    _check_references(document, name)
    return document


def _store_problems(data: dict[str, Any]) -> dict[str, str]:
    """The values the Store would refuse (a birth year still to come), by path, in the Store's own words."""
    problems: dict[str, str] = {}
    profile = data.get("profile")
    if isinstance(profile, dict):
        for key, sentence in profile_value_problems(profile).items():
            problems[f"profile.{key}"] = sentence.rstrip(".")
    clinics = data.get("clinics")
    if isinstance(clinics, list):
        for index, clinic in enumerate(clinics):
            if isinstance(clinic, dict):
                for key, sentence in clinic_value_problems(clinic).items():
                    problems[f"clinics[{index}].{key}"] = sentence.rstrip(".")
    return problems


def _check_references(document: ProfileDocument, name: str) -> None:
    refs = [q.ref for q in document.custom_questions]
    if len(set(refs)) != len(refs):
        raise _unusable(name, f"{name} cannot be imported: two custom questions share one 'ref'.")
    known = {f"{CUSTOM_PREFIX}{r}" for r in refs}
    for i, clinic in enumerate(document.clinics):
        for j, answer in enumerate(clinic.answers):
            if answer.question_id.startswith(CUSTOM_PREFIX) and answer.question_id not in known:
                raise _unusable(
                    name, f"{name} cannot be imported: clinics[{i}].answers[{j}] answers a custom question "
                    "the file does not contain."
                )
        ids = [a.question_id for a in clinic.answers]
        if len(set(ids)) != len(ids):
            raise _unusable(name, f"{name} cannot be imported: clinics[{i}] answers one question twice.")
    for j, question_id in enumerate(document.my_questions or []):
        if question_id.startswith(CUSTOM_PREFIX) and question_id not in known:
            raise _unusable(
                name, f"{name} cannot be imported: my_questions[{j}] picks a custom question the file does not contain."
            )


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
    """What an import will do, for the user to confirm before anything is written.

    `left_out` names, by path, what the file refers to that this StemPrep's question
    bank does not know (a question, a red-flag rule, a document): it is not imported.
    """

    document: ProfileDocument
    existing: Profile | None  # a profile here with the same identity
    left_out: tuple[str, ...] = ()

    @property
    def clinic_count(self) -> int:
        return len(self.document.clinics)

    @property
    def answer_count(self) -> int:
        return sum(len(c.answers) for c in self.document.clinics) - self._left_out_answers

    @property
    def _left_out_answers(self) -> int:
        return sum(1 for where in self.left_out if ".answers[" in where)

    def left_out_sentence(self) -> str:
        """One sentence about what is left out, or "" when nothing is."""
        if not self.left_out:
            return ""
        shown = "; ".join(self.left_out[:5]) + ("; …" if len(self.left_out) > 5 else "")
        return (f"{len(self.left_out)} item{'s' if len(self.left_out) != 1 else ''} in the file name "
                f"something this StemPrep does not know, so {'they were' if len(self.left_out) != 1 else 'it was'} "
                f"left out: {shown}.")


def preview_import(store: Store, path: Path, bank: QuestionBank | None = None) -> ImportPreview:
    """Read and check the file at `path`, and say what importing it would do (nothing is written)."""
    return preview_document(store, parse_profile_file(path), bank)


def preview_document(store: Store, document: ProfileDocument, bank: QuestionBank | None = None) -> ImportPreview:
    """What importing a read and checked file (`parse_profile_file`) would do (nothing is written)."""
    if bank is None:
        from app.domain.question_bank import load_question_bank

        bank = load_question_bank()
    return ImportPreview(document, store.profile_by_uid(document.profile.uid), _unknown(document, bank))


def _answer_left_out(clinic: int, index: int, question_id: str) -> str:
    return f"clinics[{clinic}].answers[{index}] (question '{question_id}')"


def _flag_left_out(clinic: int, index: int, rule_id: str) -> str:
    return f"clinics[{clinic}].dismissed_flags[{index}] (red flag '{rule_id}')"


def _pick_left_out(index: int, question_id: str) -> str:
    return f"my_questions[{index}] (question '{question_id}')"


def _tick_left_out(index: int, document_id: str) -> str:
    return f"ticked_documents[{index}] (document '{document_id}')"


def _unknown(document: ProfileDocument, bank: QuestionBank) -> tuple[str, ...]:
    questions = {q.id for q in bank.questions}
    rules = {r.id for r in bank.red_flags}
    documents = {d.id for d in bank.documents}
    left_out: list[str] = []
    for i, clinic in enumerate(document.clinics):
        for j, answer in enumerate(clinic.answers):
            if not answer.question_id.startswith(CUSTOM_PREFIX) and answer.question_id not in questions:
                left_out.append(_answer_left_out(i, j, answer.question_id))
        for j, flag in enumerate(clinic.dismissed_flags):
            if flag.rule_id not in rules:
                left_out.append(_flag_left_out(i, j, flag.rule_id))
    for j, question_id in enumerate(document.my_questions or []):
        if not question_id.startswith(CUSTOM_PREFIX) and question_id not in questions:
            left_out.append(_pick_left_out(j, question_id))
    for j, document_id in enumerate(document.ticked_documents):
        if document_id not in documents:
            left_out.append(_tick_left_out(j, document_id))
    return tuple(left_out)


ImportMode = Literal["new", "replace"]


def import_profile(store: Store, preview: ImportPreview, *, mode: ImportMode | None = None) -> Profile:
    """Write the previewed profile in one transaction; returns it.

    If a profile with the same identity exists, `mode` must say what to do: "new"
    imports a copy beside it, "replace" replaces that profile's contents in place, so
    it keeps its id (and a sheet, a script or the demo that refers to it still finds
    it). Without an existing profile, the file's identity is kept. What the preview
    left out is not written.
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
    left_out = set(preview.left_out)
    with store.batch():
        if existing is not None and mode == "replace":
            profile = _emptied(store, existing.id, name, values)
        else:
            profile = store.create_profile(name, synthetic=synthetic, uid=None if existing else uid, **values)
        ref_to_id = {}
        for question in document.custom_questions:
            created = store.add_custom_question(
                profile.id, question.text_en, text_ko=question.text_ko, priority=question.priority
            )
            ref_to_id[f"{CUSTOM_PREFIX}{question.ref}"] = created.question_id
        for i, clinic_doc in enumerate(document.clinics):
            clinic_values = clinic_doc.model_dump(exclude={"name", *_CLINIC_LISTS})
            clinic = store.add_clinic(profile.id, clinic_doc.name, **clinic_values)
            for j, answer in enumerate(clinic_doc.answers):
                if _answer_left_out(i, j, answer.question_id) in left_out:
                    continue
                store.save_answer(
                    clinic.id,
                    ref_to_id.get(answer.question_id, answer.question_id),
                    status=answer.status,
                    value=answer.value,
                    text=answer.text,
                    flagged=answer.flagged,
                )
            for j, flag in enumerate(clinic_doc.dismissed_flags):
                if _flag_left_out(i, j, flag.rule_id) not in left_out:
                    store.dismiss_flag(clinic.id, flag.rule_id, flag.note)
        if document.my_questions is not None:
            store.set_question_picks(profile.id, [
                ref_to_id.get(question_id, question_id)
                for j, question_id in enumerate(document.my_questions)
                if _pick_left_out(j, question_id) not in left_out
            ])
        for j, document_id in enumerate(document.ticked_documents):
            if _tick_left_out(j, document_id) not in left_out:
                store.tick_document(profile.id, document_id)
    return store.profile(ProfileId(profile.id))


def _emptied(store: Store, profile_id: ProfileId, name: str, values: dict[str, Any]) -> Profile:
    """The saved profile with the file's values and nothing else: no clinics, own questions, picks or ticks."""
    for clinic in store.clinics_for(profile_id):
        store.delete_clinic(clinic.id)
    for question in store.custom_questions(profile_id):
        store.delete_custom_question(question.id)
    store.reset_question_picks(profile_id)
    for document_id in store.ticked_documents(profile_id):
        store.tick_document(profile_id, document_id, ticked=False)
    return store.update_profile(profile_id, name=name, **values)
