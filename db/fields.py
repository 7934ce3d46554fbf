"""Every field a patient or facilitator edits on a profile or a clinic, declared once.

A field's type, its range, whether it may be empty, its labels in English and Korean and
the sheet section that shows it live here and nowhere else. The Store validates with
`clean_value`; the profile-file schema, the sheet's summary rows and the tests against
the schema's CHECK constraints are derived from the same declarations, so the rules
cannot drift apart.

Labels are plain strings (this layer knows nothing of the question bank's `Text`); the
sheet wraps them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from db.errors import InvalidValue
from db.records import (
    CLINIC_FIELDS,
    CONDITIONS,
    HOEHN_YAHR_STAGES,
    PROFILE_FIELDS,
    parse_month,
)

FieldKind = Literal["text", "whole-number", "number", "one-of", "condition", "appointment", "month"]

#: Where a field is printed: the patient summary card, the condition's measure row (printed
#: with the condition), the clinic's facts, the clinic's appointment block, or nowhere.
SheetSection = Literal["summary", "measure", "clinic", "appointment", "none"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One editable field: what it holds, what it may hold, and what it is called."""

    name: str
    kind: FieldKind
    label_en: str
    label_ko: str
    section: SheetSection = "summary"
    #: Whole numbers and numbers: the smallest and largest allowed. `high` None with
    #: `up_to_this_year` means "no later than the current year".
    low: float | None = None
    high: float | None = None
    up_to_this_year: bool = False
    #: one-of: the allowed values.
    values: tuple[float, ...] = ()
    #: Identifies the person; left off sheets that go to others.
    personal: bool = False
    #: Must not be empty (a profile's name, a clinic's name).
    required: bool = False

    def highest(self) -> float | None:
        """The largest value allowed today."""
        return float(datetime.now(UTC).year) if self.up_to_this_year else self.high

    def problem_ko(self) -> str:
        """What the field may hold, as the Korean sentence shown when a value does not fit."""
        label = self.label_ko
        if self.kind == "one-of":
            shown = [f"{v:g}" for v in self.values]
            return f"{label}: {', '.join(shown[:-1])} 또는 {shown[-1]} 중 하나로 입력해 주십시오."
        if self.kind == "whole-number":
            return f"{label}: {self.low:g}부터 {self.highest():g}까지의 정수로 입력해 주십시오."
        if self.kind == "number":
            if self.high is None:
                return f"{label}: 0 이상의 숫자로 입력해 주십시오(예: 12000000)."
            return f"{label}: {self.low:g}부터 {self.high:g}까지의 숫자로 입력해 주십시오."
        if self.kind == "appointment":
            return f"{label}: 2027-04-12처럼 날짜를 입력하고, 시간을 알면 2027-04-12 14:30처럼 입력해 주십시오."
        if self.kind == "month":
            return f"{label}: 2027-04처럼 YYYY-MM 형식으로 입력해 주십시오."
        return f"{label}: 글자로 입력해 주십시오."

    def describe_range(self) -> str:
        """The allowed values in words, for messages: "a whole number from 0 to 4"."""
        if self.kind == "one-of":
            shown = [f"{v:g}" for v in self.values]
            return "one of " + ", ".join(shown[:-1]) + f" or {shown[-1]}"
        if self.kind == "whole-number":
            return f"a whole number from {self.low:g} to {self.highest():g}"
        if self.kind == "number":
            return "a number of zero or more" if self.high is None else f"a number from {self.low:g} to {self.high:g}"
        if self.kind == "appointment":
            return "a date like 2027-04-12, with a time if known (2027-04-12 14:30)"
        if self.kind == "month":
            return "a month written as YYYY-MM, like 2027-04"
        return "text"


def _text(name: str, en: str, ko: str, **options: Any) -> FieldSpec:
    return FieldSpec(name=name, kind="text", label_en=en, label_ko=ko, **options)


PROFILE_SPECS: tuple[FieldSpec, ...] = (
    _text("name", "Name or alias", "이름(별칭)", personal=True, required=True),
    FieldSpec("birth_year", "whole-number", "Year of birth", "출생 연도", low=1900, up_to_this_year=True,
              personal=True),
    _text("contact", "Contact", "연락처", personal=True),
    _text("languages", "Languages I speak", "사용 언어"),
    FieldSpec("condition", "condition", "Condition", "질환"),
    _text("diagnosis", "Diagnosis", "진단명"),
    _text("diagnosed", "When diagnosed", "진단 시기"),
    FieldSpec("kl_grade", "whole-number", "Kellgren–Lawrence grade", "Kellgren–Lawrence 등급", low=0, high=4,
              section="measure"),
    # A living patient's modified Rankin Scale score stops at 5 (6 means death).
    FieldSpec("mrs", "whole-number", "Modified Rankin Scale score", "수정 랭킨 척도(mRS)", low=0, high=5,
              section="measure"),
    FieldSpec("hoehn_yahr", "one-of", "Hoehn & Yahr stage", "Hoehn & Yahr 단계", values=HOEHN_YAHR_STAGES,
              section="measure"),
    FieldSpec("lvef", "whole-number", "Ejection fraction (LVEF, %)", "좌심실 박출률(LVEF, %)", low=1, high=100,
              section="measure"),
    _text("medicines", "Current medicines", "복용 중인 약"),
    _text("allergies", "Allergies", "알레르기"),
    _text("other_conditions", "Other conditions", "다른 질환"),
    _text("prior_treatments", "Prior treatments", "이전 치료"),
    _text("imaging", "Imaging available", "보유 영상 자료"),
    _text("goals", "What I hope for", "치료 목표"),
    _text("budget", "Budget", "예산", section="none"),
    # Printed as one line, the months and then the note (`Profile.travel`).
    _text("travel_window", "When I can travel", "방문 가능 시기"),
    FieldSpec("travel_start", "month", "The first month you could travel", "방문 가능한 첫 달", section="none"),
    FieldSpec("travel_end", "month", "The last month you could travel", "방문 가능한 마지막 달", section="none"),
    _text("notes", "Notes", "메모"),
)

CLINIC_SPECS: tuple[FieldSpec, ...] = (
    _text("name", "Clinic", "병원", required=True),
    _text("city", "City", "도시", section="clinic"),
    _text("contact", "Contact", "연락처", section="clinic"),
    _text("facilitator", "Facilitator", "유치업자", section="clinic"),
    _text("treatment", "Treatment offered", "제안받은 치료", section="clinic"),
    _text("cell_source", "Cell source", "세포 출처", section="clinic"),
    FieldSpec("price", "number", "Quoted price", "견적 금액", section="clinic", low=0),
    _text("currency", "Currency", "통화", section="none"),
    _text("claimed_credentials", "Credentials the clinic claims", "병원이 밝힌 자격", section="clinic"),
    _text("notes", "My notes", "메모", section="clinic"),
    FieldSpec("appointment", "appointment", "Consultation", "상담 일시", section="appointment"),
    _text("appointment_place", "Place", "장소", section="appointment"),
    _text("interpreter", "Interpreter", "통역", section="appointment"),
)

#: Fields that identify the person; left off sheets that go to others.
PERSONAL_FIELDS: tuple[str, ...] = tuple(spec.name for spec in PROFILE_SPECS if spec.personal)

PROFILE_SPEC: Mapping[str, FieldSpec] = {spec.name: spec for spec in PROFILE_SPECS}
CLINIC_SPEC: Mapping[str, FieldSpec] = {spec.name: spec for spec in CLINIC_SPECS}


def clean_value(spec: FieldSpec, value: Any, *, owner: str) -> Any:
    """`value` as the Store writes it, or InvalidValue naming the field and what it may hold.

    `owner` ("profile", "clinic") words the messages about a missing name. Text is kept
    exactly as given (it must round-trip); numbers may arrive as text from a form or a file.
    """
    what = spec.label_en
    if spec.kind == "text":
        text = "" if value is None else check_text(what, value, korean=spec.label_ko)
        if spec.required and not text.strip():
            raise _missing_name(owner)
        return text
    if spec.kind == "condition":
        if value not in CONDITIONS:
            raise InvalidValue(f"'{value}' is not a condition StemPrep knows; use one of {', '.join(CONDITIONS)}.")
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if spec.kind == "appointment":
        return _appointment(what, spec, value)
    if spec.kind == "month":
        try:
            return parse_month(value)
        except (TypeError, ValueError):
            raise InvalidValue(f"{what} must be {spec.describe_range()}.", korean=spec.problem_ko()) from None
    number = _number(value)
    if spec.kind == "whole-number":
        if number is None or number != int(number) or not spec.low <= number <= spec.highest():  # type: ignore[operator]
            raise InvalidValue(f"{what} must be {spec.describe_range()}.", korean=spec.problem_ko())
        return int(number)
    if spec.kind == "one-of":
        if number not in spec.values:
            raise InvalidValue(f"{what} must be {spec.describe_range()}.", korean=spec.problem_ko())
        return number
    if number is None or number < (spec.low or 0) or (spec.high is not None and number > spec.high):
        raise InvalidValue(f"{what} must be {spec.describe_range()}, like 12000000.", korean=spec.problem_ko())
    return number


def clean_values(specs: Mapping[str, FieldSpec], values: Mapping[str, Any], *, owner: str,
                 creating: bool) -> dict[str, Any]:
    """Every value in `values` cleaned by its field; unknown fields and a missing name refused."""
    unknown = set(values) - set(specs)
    if unknown:
        raise InvalidValue(f"{owner.capitalize()}s have no field called {', '.join(sorted(unknown))}.")
    clean = {key: clean_value(specs[key], value, owner=owner) for key, value in values.items()}
    required = [spec.name for spec in specs.values() if spec.required]
    if creating and any(name not in clean for name in required):
        raise _missing_name(owner)
    return clean


def _missing_name(owner: str) -> InvalidValue:
    if owner == "profile":
        return InvalidValue("Please give a name or an alias for the profile.", korean="이름 또는 별칭을 입력해 주십시오.")
    return InvalidValue("Please give the clinic a name.", korean="병원 이름을 입력해 주십시오.")


#: A number typed by a person has at most this many characters ("12,000,000.50" has 13);
#: longer text is refused before it is converted, however many digits it has.
_MAX_NUMBER_CHARACTERS = 32


def _number(value: Any) -> float | None:
    """A finite number from an int, a float or text like " 3 ", "12,000,000"; None if it is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and len(value) <= _MAX_NUMBER_CHARACTERS:
        try:
            number = float(value.replace(",", "").strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _appointment(what: str, spec: FieldSpec, value: Any) -> str:
    text = str(value).strip().replace(" ", "T", 1)
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).strftime(pattern)
        except ValueError:
            continue
    raise InvalidValue(f"{what} must be {spec.describe_range()}.", korean=spec.problem_ko())


def check_text(label: str, value: Any, *, korean: str | None = None) -> str:
    """Text as given (never normalised: it must round-trip exactly), if SQLite can store it.

    `label` names the field in the message; `korean`, its Korean name, adds the Korean message.
    """
    if not isinstance(value, str):
        raise InvalidValue(f"{label} must be text.", korean=korean and f"{korean}: 글자로 입력해 주십시오.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValue(
            f"{label} contains a broken character that cannot be saved; retype it.",
            korean=korean and f"{korean}: 저장할 수 없는 깨진 문자가 있습니다. 다시 입력해 주십시오.",
        ) from None
    return value


def travel_window_reversed() -> InvalidValue:
    """The refusal of a last month to travel that comes before the first."""
    return InvalidValue(
        "The last month you could travel comes before the first; change one of them.",
        korean="여행할 수 있는 마지막 달이 첫 달보다 앞섭니다. 둘 중 하나를 고쳐 주십시오.",
    )


def clean_profile_values(values: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    clean = clean_values(PROFILE_SPEC, values, owner="profile", creating=creating)
    start, end = clean.get("travel_start"), clean.get("travel_end")
    if start and end and end < start:
        raise travel_window_reversed()
    return clean


def profile_value_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """Each profile field in `values` the Store would refuse, with its one-sentence reason.

    For checking data from outside (a profile file) before anything is written, so
    that every problem can be reported together, each at its field.
    """
    problems: dict[str, str] = {}
    for key, value in values.items():
        if key not in PROFILE_FIELDS:
            continue
        try:
            clean_profile_values({key: value}, creating=False)
        except InvalidValue as error:
            problems[key] = str(error)
    if not problems:
        try:
            clean_profile_values({k: v for k, v in values.items() if k in PROFILE_FIELDS}, creating=False)
        except InvalidValue as error:
            problems["travel_end"] = str(error)
    return problems


def clinic_value_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """Each clinic field in `values` the Store would refuse, with its one-sentence reason."""
    problems: dict[str, str] = {}
    for key, value in values.items():
        if key not in CLINIC_FIELDS:
            continue
        try:
            clean_clinic_values({key: value}, creating=False)
        except InvalidValue as error:
            problems[key] = str(error)
    return problems


def clean_clinic_values(values: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    return clean_values(CLINIC_SPEC, values, owner="clinic", creating=creating)


def _check_registry() -> None:
    """The registry covers exactly the records' editable fields (checked at import, cheaply)."""
    if set(PROFILE_SPEC) != set(PROFILE_FIELDS) or set(CLINIC_SPEC) != set(CLINIC_FIELDS):
        missing = (set(PROFILE_FIELDS) ^ set(PROFILE_SPEC)) | (set(CLINIC_FIELDS) ^ set(CLINIC_SPEC))
        raise RuntimeError(f"db/fields.py and db/records.py disagree about: {', '.join(sorted(missing))}")


_check_registry()
