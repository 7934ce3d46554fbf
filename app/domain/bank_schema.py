"""Reading the question bank's TOML files and checking each entry on its own (pydantic).

Every entry of every file is checked against a strict schema (unknown keys forbidden),
so one bad question does not hide the others; `app.domain.bank_checks` then checks the
files against each other and builds the records. Every problem found is reported at once
in one `QuestionBankError`, each with its file and TOML path, so whoever edits the content
fixes a batch of mistakes in one pass.

This is the only module that imports pydantic for the bank: the window and the sheet
get the checked bank from `app.domain.bank_cache` and load it only when the content or
StemPrep changed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from app.domain.bank_checks import Checker, build_bank
from app.domain.question_bank import (
    AnswerKind,
    MatchMode,
    Measure,
    Priority,
    QuestionBank,
    QuestionBankError,
    RuleClinicField,
    Severity,
)

_QUESTIONS_DIR = "questions"


def read_content(root: Path) -> QuestionBank:
    """Read and check every content file under `root`; raises `QuestionBankError` listing every problem."""
    return _Loader(root).load()


# ----------------------------------------------------------------- the file schema


_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def _has_hangul(value: str) -> str:
    if not _HANGUL.search(value):
        raise ValueError("the Korean text has no Korean (Hangul) letters")
    return value


_ID_PATTERN = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"
_SOURCE_ID_PATTERN = r"^S[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$"
_MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
_YEAR_MONTH_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2]))?$"
_URL_PATTERN = r"^https?://\S+$"
#: What each pattern asks for, in words, for the error message.
_PATTERN_EXAMPLES = {
    _ID_PATTERN: 'lowercase letters, digits, "." and "-", like "cost.total"',
    _SOURCE_ID_PATTERN: "a source id like S7, S9b or S60b-sbm",
    _MONTH_PATTERN: 'a month like "2026-11"',
    _YEAR_MONTH_PATTERN: 'a year or a month, like "2012" or "2012-01"',
    _URL_PATTERN: "a web address starting with http:// or https://",
}

_Id = Annotated[str, StringConstraints(pattern=_ID_PATTERN)]
_SourceId = Annotated[str, StringConstraints(pattern=_SOURCE_ID_PATTERN)]
_En = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Ko = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_has_hangul)]
_Month = Annotated[str, StringConstraints(pattern=_MONTH_PATTERN)]
_Sources = Annotated[list[_SourceId], Field(min_length=1)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _CategoryEntry(_Entry):
    id: _Id
    en: _En
    ko: _Ko


class _ConditionEntry(_Entry):
    id: _Id
    en: _En
    ko: _Ko
    measure: Measure | None = None
    measure_en: _En | None = None
    measure_ko: _Ko | None = None
    measure_values: list[float] = []
    measure_help_en: _En | None = None
    measure_help_ko: _Ko | None = None

    @model_validator(mode="after")
    def _measure_parts_agree(self) -> _ConditionEntry:
        if self.measure is None:
            extra = [
                name
                for name in ("measure_en", "measure_ko", "measure_values", "measure_help_en", "measure_help_ko")
                if getattr(self, name)
            ]
            if extra:
                raise ValueError(f"{', '.join(extra)} given without a measure")
        elif self.measure_en is None or self.measure_ko is None:
            raise ValueError("a measure needs measure_en and measure_ko")
        if (self.measure_help_en is None) != (self.measure_help_ko is None):
            raise ValueError("measure_help_en and measure_help_ko go together")
        if list(self.measure_values) != sorted(set(self.measure_values)):
            raise ValueError("measure_values must be ascending, each value once")
        return self


class _ChoiceEntry(_Entry):
    id: _Id
    en: _En
    ko: _Ko


class _QuestionEntry(_Entry):
    id: _Id
    category: _Id
    priority: Priority
    answer_kind: AnswerKind
    choices: list[_ChoiceEntry] = []
    conditions: list[_Id]
    sources: _Sources
    en: _En
    ko: _Ko
    why_en: _En
    why_ko: _Ko
    pick: Annotated[int, Field(ge=1)] | None = None
    short_en: _En | None = None
    short_ko: _Ko | None = None

    @model_validator(mode="after")
    def _choices_fit_kind(self) -> _QuestionEntry:
        if self.answer_kind == "choice" and len(self.choices) < 2:
            raise ValueError("a choice question needs at least two choices")
        if self.answer_kind != "choice" and self.choices:
            raise ValueError(f"choices are only for choice questions, not {self.answer_kind}")
        ids = [c.id for c in self.choices]
        if len(ids) != len(set(ids)):
            raise ValueError("choice ids must be unique within the question")
        if (self.short_en is None) != (self.short_ko is None):
            raise ValueError("a short title needs both short_en and short_ko")
        return self


class _SourceEntry(_Entry):
    title: _En
    url: Annotated[str, StringConstraints(pattern=_URL_PATTERN)] = ""  # none for a journal reference only
    compiled: _Month
    caution: bool = False


class _DocumentEntry(_Entry):
    id: _Id
    conditions: list[_Id]
    en: _En
    ko: _Ko
    why_en: _En | None = None
    why_ko: _Ko | None = None
    sources: _Sources

    @model_validator(mode="after")
    def _why_in_both_languages(self) -> _DocumentEntry:
        if (self.why_en is None) != (self.why_ko is None):
            raise ValueError("why_en and why_ko go together")
        return self


class _WhenEntry(_Entry):
    question: _Id | None = None
    clinic_field: RuleClinicField | None = None
    value_in: Annotated[list[_Id], Field(min_length=1)] | None = None
    text_says: Annotated[list[_En], Field(min_length=1)] | None = None
    number_above: float | None = None
    number_below: float | None = None

    @model_validator(mode="after")
    def _one_subject_one_test(self) -> _WhenEntry:
        if (self.question is None) == (self.clinic_field is None):
            raise ValueError("give exactly one of question and clinic_field")
        tests = [
            name
            for name in ("value_in", "text_says", "number_above", "number_below")
            if getattr(self, name) is not None
        ]
        if len(tests) != 1:
            raise ValueError("give exactly one of value_in, text_says, number_above and number_below")
        if self.clinic_field is not None and tests != ["text_says"]:
            raise ValueError("a clinic_field can only be tested with text_says")
        return self


class _RedFlagEntry(_Entry):
    id: _Id
    severity: Severity
    title_en: _En
    title_ko: _Ko
    explain_en: _En
    explain_ko: _Ko
    sources: _Sources
    match: MatchMode
    when: Annotated[list[_WhenEntry], Field(min_length=1)]


class _ProductEntry(_Entry):
    name: _En
    name_ko: _Ko
    company: _En
    approved: Annotated[str, StringConstraints(pattern=_YEAR_MONTH_PATTERN)]
    cell_source_en: _En
    cell_source_ko: _Ko
    indication_en: _En
    indication_ko: _Ko
    sources: _Sources


class _ContactEntry(_Entry):
    name_en: _En
    name_ko: _Ko
    value: _En
    what_en: _En
    what_ko: _Ko
    sources: _Sources
    compiled: _Month


class _ReferenceHead(_Entry):
    compiled: _Month
    note_en: _En
    note_ko: _Ko
    product: list[Any] = []
    contact: list[Any] = []


_M = TypeVar("_M", bound=BaseModel)
_T = TypeVar("_T")


@dataclass(frozen=True)
class _Parsed(Generic[_T]):
    """One entry that passed its schema, and where it came from (for later messages)."""

    where: str  # "questions/cost.toml: question[3]"
    entry: _T


# ------------------------------------------------------------------- the loader


class _Loader:
    """Reads every file under `root`, collecting problems instead of stopping at the first."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[str] = []
        # Ids of entries that failed their schema, by TOML key. They still count as existing
        # when other entries refer to them, so one typo is reported once, not once per reference.
        self.unparsed: dict[str, set[str]] = {}
        self.source_ids: set[str] = set()

    def load(self) -> QuestionBank:
        categories = self._list_file("categories.toml", "category", _CategoryEntry)
        conditions = self._list_file("conditions.toml", "condition", _ConditionEntry)
        sources = self._sources()
        questions = self._questions()
        documents = self._list_file("documents.toml", "document", _DocumentEntry)
        red_flags = self._list_file("red_flags.toml", "red_flag", _RedFlagEntry)
        products, contacts, head = self._reference()

        Checker(self.problems, self.source_ids, self.unparsed).check(
            categories, conditions, questions, documents, red_flags, products, contacts
        )
        if self.problems or head is None:
            raise QuestionBankError(self.problems)
        return build_bank(categories, conditions, sources, questions, documents, red_flags, products, contacts, head)

    # ----------------------------------------------------------- reading files

    def _read(self, relative: str) -> dict[str, Any] | None:
        path = self.root / relative
        try:
            with open(path, "rb") as handle:
                return tomllib.load(handle)
        except FileNotFoundError:
            self.problems.append(f"{relative}: the file is missing (looked in {self.root})")
        except tomllib.TOMLDecodeError as error:
            self.problems.append(f"{relative}: not valid TOML: {error}")
        except (OSError, UnicodeDecodeError) as error:
            self.problems.append(f"{relative}: cannot be read: {error}")
        return None

    def _list_file(self, relative: str, key: str, model: type[_M]) -> list[_Parsed[_M]]:
        data = self._read(relative)
        if data is None:
            return []
        unknown = sorted(set(data) - {key})
        for name in unknown:
            self.problems.append(f"{relative}: {name}: unknown key (this file holds [[{key}]] entries only)")
        return self._entries(relative, data, key, model)

    def _entries(self, relative: str, data: Mapping[str, Any], key: str, model: type[_M]) -> list[_Parsed[_M]]:
        items = data.get(key)
        if not isinstance(items, list) or not items:
            self.problems.append(f"{relative}: {key}: expected at least one [[{key}]] entry")
            return []
        parsed: list[_Parsed[_M]] = []
        for index, item in enumerate(items):
            where = f"{relative}: {key}[{index}]"
            entry = self._validate(model, item, where)
            if entry is not None:
                parsed.append(_Parsed(where, entry))
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                self.unparsed.setdefault(key, set()).add(item["id"])
        return parsed

    def _validate(self, model: type[_M], item: Any, where: str) -> _M | None:
        try:
            return model.model_validate(item)
        except ValidationError as error:
            label = _label(item)
            for detail in error.errors():
                path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in detail["loc"])
                if where.endswith(":"):  # a key at the top of a file has no parent to dot from
                    path = " " + path.removeprefix(".")
                message = str(detail["msg"]).removeprefix("Value error, ")
                if detail["type"] == "string_pattern_mismatch":
                    pattern = detail.get("ctx", {}).get("pattern", "")
                    message = f"expected {_PATTERN_EXAMPLES.get(pattern, message)}, not {detail['input']!r}"
                self.problems.append(f"{where}{path}: {message}{label}")
            return None

    def _sources(self) -> dict[str, _Parsed[_SourceEntry]]:
        data = self._read("sources.toml")
        if data is None:
            return {}
        if not data:
            self.problems.append("sources.toml: no sources")
        parsed: dict[str, _Parsed[_SourceEntry]] = {}
        self.source_ids = set(data)
        for source_id, item in data.items():
            where = f"sources.toml: {source_id}"
            if not re.fullmatch(_SOURCE_ID_PATTERN, source_id):
                self.problems.append(f"{where}: expected {_PATTERN_EXAMPLES[_SOURCE_ID_PATTERN]}")
                continue
            entry = self._validate(_SourceEntry, item, where)
            if entry is not None:
                parsed[source_id] = _Parsed(where, entry)
        return parsed

    def _questions(self) -> list[_Parsed[_QuestionEntry]]:
        folder = self.root / _QUESTIONS_DIR
        files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        if not files:
            self.problems.append(f"{_QUESTIONS_DIR}/: no question files (*.toml) found in {folder}")
        parsed: list[_Parsed[_QuestionEntry]] = []
        for path in files:
            parsed += self._list_file(f"{_QUESTIONS_DIR}/{path.name}", "question", _QuestionEntry)
        return parsed

    def _reference(
        self,
    ) -> tuple[list[_Parsed[_ProductEntry]], list[_Parsed[_ContactEntry]], _ReferenceHead | None]:
        data = self._read("reference.toml")
        if data is None:
            return [], [], None
        head = self._validate(_ReferenceHead, data, "reference.toml:")  # compiled, note_en, note_ko
        products = self._entries("reference.toml", data, "product", _ProductEntry)
        contacts = self._entries("reference.toml", data, "contact", _ContactEntry)
        return products, contacts, head


def _label(item: Any) -> str:
    """' (in "cost.total")' for an entry with an id, so a reader finds it without counting."""
    if isinstance(item, dict):
        for key in ("id", "name", "name_en"):
            if isinstance(item.get(key), str):
                return f' (in "{item[key]}")'
    return ""
