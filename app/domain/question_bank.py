"""The question bank: StemPrep's content, read from TOML and checked before anyone uses it.

Questions, categories, conditions, red-flag rules, documents to bring, sources and the
reference facts are data in `resources/` (STYLE.md §8), so that a clinician or translator
can review them without reading Python. This module is the one place that reads them.

Loading happens in two passes. First each entry of each file is checked on its own against
a strict schema (pydantic, unknown keys forbidden), so one bad question does not hide the
others. Then the files are checked against each other: every category, condition, source,
choice and question that an entry names must exist, and ids must be unique. Every problem
found is reported at once in one `QuestionBankError`, each with its file and TOML path,
so whoever edits the content fixes a batch of mistakes in one pass.

Nothing here imports Qt or reportlab; the GUI, the sheet renderer and the CLI share it.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Generic, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from db.records import CONDITIONS
from resources import resource_path

Priority = Literal["essential", "recommended", "optional"]
AnswerKind = Literal["text", "yes-no", "number", "choice"]
#: How a yes/no answer is stored; "refused" means the clinic would not say.
YesNoValue = Literal["yes", "no", "not-sure", "refused"]
#: The severity measures, named as the `Profile` fields that hold them.
Measure = Literal["kl_grade", "mrs", "hoehn_yahr", "lvef"]
Severity = Literal["serious", "warning"]
MatchMode = Literal["all", "any"]
#: The facts recorded about a clinic that red-flag rules may search.
RuleClinicField = Literal["claimed_credentials", "treatment", "cell_source", "notes"]

PRIORITIES: tuple[str, ...] = get_args(Priority)
ANSWER_KINDS: tuple[str, ...] = get_args(AnswerKind)
YES_NO_VALUES: tuple[str, ...] = get_args(YesNoValue)
MEASURES: tuple[str, ...] = get_args(Measure)
SEVERITIES: tuple[str, ...] = get_args(Severity)
MATCH_MODES: tuple[str, ...] = get_args(MatchMode)
RULE_CLINIC_FIELDS: tuple[str, ...] = get_args(RuleClinicField)
#: The category for the patient's own questions; the bank puts none of its own there.
CUSTOM_CATEGORY = "custom"

_QUESTIONS_DIR = "questions"


# ---------------------------------------------------------------- public records


@dataclass(frozen=True, slots=True)
class Text:
    """The same words in English and Korean."""

    en: str
    ko: str

    def get(self, lang: str) -> str:
        """The text in `lang` ("en" or "ko"; "ko_KR" and "ko-KR" count as Korean); anything else gives English."""
        return self.ko if lang.replace("_", "-").split("-")[0].lower() == "ko" else self.en


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer a choice question offers; `id` is what an answer stores."""

    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class Question:
    """One question to ask a clinic, with why it matters and where that comes from."""

    id: str
    category: str
    priority: str
    answer_kind: str
    text: Text
    why: Text
    sources: tuple[str, ...]
    conditions: tuple[str, ...]  # empty: asked whatever the patient's condition
    choices: tuple[Choice, ...] = ()
    #: Place in the default pick a new patient starts with (1 first); None: not picked by default.
    pick: int | None = None
    #: A few words naming the question in a list ("Legal route"); None: the list shows the question.
    short: Text | None = None

    def applies_to(self, condition: str) -> bool:
        """Whether a patient with `condition` should be asked this question."""
        return not self.conditions or condition in self.conditions

    def choice(self, choice_id: str) -> Choice:
        """The choice with this id; KeyError if the question offers no such choice."""
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise KeyError(choice_id)


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: Text


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition module, and the severity measure a patient records for it (if any)."""

    id: str
    title: Text
    measure: str | None  # a Profile field name, e.g. "kl_grade"
    measure_title: Text | None
    measure_values: tuple[float, ...]  # the allowed values; empty for a free number (LVEF %)
    measure_help: Text | None


@dataclass(frozen=True, slots=True)
class Source:
    """A page or paper the content cites; `caution` marks a secondary or doubtful one."""

    id: str
    title: str
    url: str  # "" for a source known only by its journal reference
    compiled: str  # the month the fact sheet that cites it was compiled, "YYYY-MM"; not a re-check
    caution: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """Something to bring to the consultation."""

    id: str
    text: Text
    why: Text | None
    conditions: tuple[str, ...]  # empty: for everyone
    sources: tuple[str, ...]

    def applies_to(self, condition: str) -> bool:
        return not self.conditions or condition in self.conditions


@dataclass(frozen=True, slots=True)
class RuleCondition:
    """One test of a red-flag rule, on one question's answer or one fact about the clinic.

    Exactly one of `question` and `clinic_field` is set, and exactly one kind of test:
    `value_in`, `text_says`, `number_above` or `number_below`. `text_says` holds when the
    text asserts one of its phrases, not when it denies or hedges it (see `app.domain.claims`).
    """

    question: str | None
    clinic_field: str | None
    value_in: tuple[str, ...] = ()
    text_says: tuple[str, ...] = ()
    number_above: float | None = None
    number_below: float | None = None


@dataclass(frozen=True, slots=True)
class RedFlagRule:
    """A warning sign: raised when all (or any) of its conditions hold for a clinic."""

    id: str
    severity: str
    title: Text
    explanation: Text
    sources: tuple[str, ...]
    match: str  # "all" or "any"
    when: tuple[RuleCondition, ...]


@dataclass(frozen=True, slots=True)
class ApprovedProduct:
    """A stem cell product approved by Korea's MFDS, as the sources describe it."""

    name: Text  # as the maker spells it, e.g. Cartistem / 카티스템
    company: str
    approved: str  # "YYYY-MM", as precise as the sources are
    cell_source: Text
    indication: Text
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OfficialContact:
    """An official phone number or address for foreign patients."""

    name: Text
    value: str  # the number or address itself
    what: Text
    sources: tuple[str, ...]
    compiled: str  # the month the fact sheet that lists it was compiled, "YYYY-MM"


@dataclass(frozen=True, slots=True)
class Reference:
    """Facts printed for reference: the approved products and the official contacts."""

    products: tuple[ApprovedProduct, ...]
    contacts: tuple[OfficialContact, ...]
    compiled: str
    note: Text  # that numbers change, and where to confirm them


class QuestionBankError(Exception):
    """The bundled content is broken; the message lists every problem, one per line."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        count = len(self.problems)
        heading = f"The question bank has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([heading, *(f"- {p}" for p in self.problems)]))


@dataclass(frozen=True, eq=False)
class QuestionBank:
    """All the content, checked and cross-referenced. Build it with `load_question_bank()`."""

    questions: tuple[Question, ...]  # in category order, then file order
    categories: tuple[Category, ...]
    conditions: tuple[Condition, ...]
    sources: dict[str, Source]
    documents: tuple[Document, ...]
    red_flags: tuple[RedFlagRule, ...]
    reference: Reference
    _questions: dict[str, Question] = field(init=False, repr=False)
    _categories: dict[str, Category] = field(init=False, repr=False)
    _conditions: dict[str, Condition] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_questions", {q.id: q for q in self.questions})
        object.__setattr__(self, "_categories", {c.id: c for c in self.categories})
        object.__setattr__(self, "_conditions", {c.id: c for c in self.conditions})

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError if there is none."""
        return self._questions[question_id]

    def category(self, category_id: str) -> Category:
        return self._categories[category_id]

    def condition(self, condition_id: str) -> Condition:
        return self._conditions[condition_id]

    def questions_for(self, condition: str) -> list[Question]:
        """The questions for a patient with `condition`: by category, essential first, then file order."""
        category_rank = {c.id: i for i, c in enumerate(self.categories)}
        applicable = [q for q in self.questions if q.applies_to(condition)]
        # sorted() is stable, so questions of equal rank keep their order in the files.
        return sorted(
            applicable,
            key=lambda q: (category_rank.get(q.category, len(category_rank)), PRIORITIES.index(q.priority)),
        )

    def default_pick(self, condition: str) -> list[Question]:
        """The short list a new patient with `condition` starts with, in the order to ask them."""
        applicable = self.questions_for(condition)
        order = {q.id: i for i, q in enumerate(applicable)}
        picked = [q for q in applicable if q.pick is not None]
        return sorted(picked, key=lambda q: (q.pick, order[q.id]))

    def documents_for(self, condition: str) -> list[Document]:
        """The documents a patient with `condition` should bring, in the order of the file."""
        return [d for d in self.documents if d.applies_to(condition)]


# ------------------------------------------------------------------------ loading


def load_question_bank(root: Path | None = None) -> QuestionBank:
    """Load and check the content under `root` (default: the bundled `resources/`).

    The bundled content is loaded once per process: start-up, every sheet and batch
    export ask for it. Raises `QuestionBankError` listing every problem found.
    """
    if root is None:
        return _load_bundled()
    return _Loader(Path(root)).load()


@functools.lru_cache(maxsize=1)
def _load_bundled() -> QuestionBank:
    return _Loader(resource_path()).load()


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

        _Checker(self.problems, self.source_ids, self.unparsed).check(
            categories, conditions, questions, documents, red_flags, products, contacts
        )
        if self.problems or head is None:
            raise QuestionBankError(self.problems)
        return _build(categories, conditions, sources, questions, documents, red_flags, products, contacts, head)

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


# -------------------------------------------------------------------- cross-checks


class _Checker:
    """Checks that the files agree with each other; appends to the loader's problems."""

    def __init__(self, problems: list[str], sources: set[str], unparsed: Mapping[str, set[str]]) -> None:
        self.problems = problems
        self.sources = sources
        self.unparsed = unparsed

    def check(
        self,
        categories: list[_Parsed[_CategoryEntry]],
        conditions: list[_Parsed[_ConditionEntry]],
        questions: list[_Parsed[_QuestionEntry]],
        documents: list[_Parsed[_DocumentEntry]],
        red_flags: list[_Parsed[_RedFlagEntry]],
        products: list[_Parsed[_ProductEntry]],
        contacts: list[_Parsed[_ContactEntry]],
    ) -> None:
        category_ids = self._unique(categories, "category", lambda e: e.id) | self.unparsed.get("category", set())
        condition_ids = self._unique(conditions, "condition", lambda e: e.id) | self.unparsed.get("condition", set())
        question_ids = self._unique(questions, "question", lambda e: e.id) | self.unparsed.get("question", set())
        self._unique(documents, "document", lambda e: e.id)
        self._unique(red_flags, "red flag", lambda e: e.id)
        self._unique(products, "product", lambda e: e.name)

        if categories and CUSTOM_CATEGORY not in category_ids:
            self.problems.append(
                f'categories.toml: category: "{CUSTOM_CATEGORY}" is missing (the patient\'s own questions go there)'
            )
        if conditions:
            for item in conditions:
                if item.entry.id not in CONDITIONS:
                    self.problems.append(
                        f'{item.where}.id: "{item.entry.id}" is not a condition the app knows '
                        f"({', '.join(CONDITIONS)})"
                    )
            for missing in (c for c in CONDITIONS if c not in condition_ids):
                self.problems.append(f'conditions.toml: condition: "{missing}" is missing')

        for item in questions:
            q = item.entry
            if category_ids and q.category not in category_ids:
                self.problems.append(f'{item.where}.category: unknown category "{q.category}"{_in(q.id)}')
            elif q.category == CUSTOM_CATEGORY:
                self.problems.append(
                    f'{item.where}.category: "{CUSTOM_CATEGORY}" is for the patient\'s own questions{_in(q.id)}'
                )
            self._known_conditions(item.where, q.conditions, condition_ids, q.id)
            self._known_sources(item.where, q.sources, q.id)
        for d in documents:
            self._known_conditions(d.where, d.entry.conditions, condition_ids, d.entry.id)
            self._known_sources(d.where, d.entry.sources, d.entry.id)
        for p in products:
            self._known_sources(p.where, p.entry.sources, p.entry.name)
        for c in contacts:
            self._known_sources(c.where, c.entry.sources, c.entry.name_en)

        by_id = {item.entry.id: item.entry for item in questions}
        for rule in red_flags:
            self._known_sources(rule.where, rule.entry.sources, rule.entry.id)
            for index, when in enumerate(rule.entry.when):
                self._check_when(f"{rule.where}.when[{index}]", when, by_id, question_ids, rule.entry.id)

    def _unique(self, items: Iterable[_Parsed[Any]], what: str, key: Callable[[Any], str]) -> set[str]:
        seen: dict[str, str] = {}
        for item in items:
            value = key(item.entry)
            if value in seen:
                self.problems.append(f'{item.where}: the {what} id "{value}" is already used at {seen[value]}')
            else:
                seen[value] = item.where
        return set(seen)

    def _known_conditions(self, where: str, given: Iterable[str], known: set[str], owner: str) -> None:
        if not known:
            return  # conditions.toml is broken; that problem is already reported
        for index, condition in enumerate(given):
            if condition not in known:
                self.problems.append(f'{where}.conditions[{index}]: unknown condition "{condition}"{_in(owner)}')

    def _known_sources(self, where: str, given: Iterable[str], owner: str) -> None:
        for index, source in enumerate(given):
            if source not in self.sources:
                self.problems.append(
                    f'{where}.sources[{index}]: unknown source "{source}" (not in sources.toml){_in(owner)}'
                )

    def _check_when(
        self,
        where: str,
        when: _WhenEntry,
        questions: Mapping[str, _QuestionEntry],
        question_ids: set[str],
        rule_id: str,
    ) -> None:
        if when.question is None:
            return
        if when.question not in question_ids:
            self.problems.append(f'{where}.question: unknown question "{when.question}"{_in(rule_id)}')
            return
        question = questions.get(when.question)
        if question is None:
            return  # its entry failed its schema; that problem is already reported
        kind = question.answer_kind
        if when.value_in is not None:
            if kind == "yes-no":
                allowed: tuple[str, ...] = YES_NO_VALUES
            elif kind == "choice":
                allowed = tuple(c.id for c in question.choices)
            else:
                self.problems.append(
                    f'{where}.value_in: "{question.id}" is a {kind} question; value_in is for '
                    f"yes-no and choice questions{_in(rule_id)}"
                )
                return
            for index, value in enumerate(when.value_in):
                if value not in allowed:
                    self.problems.append(
                        f'{where}.value_in[{index}]: "{value}" is not an answer "{question.id}" can have '
                        f"({', '.join(allowed)}){_in(rule_id)}"
                    )
        if (when.number_above is not None or when.number_below is not None) and kind != "number":
            self.problems.append(
                f'{where}: "{question.id}" is a {kind} question; number_above/number_below are for '
                f"number questions{_in(rule_id)}"
            )


def _in(owner: str) -> str:
    return f' (in "{owner}")'


# ------------------------------------------------------------------- building


def _build(
    categories: list[_Parsed[_CategoryEntry]],
    conditions: list[_Parsed[_ConditionEntry]],
    sources: Mapping[str, _Parsed[_SourceEntry]],
    questions: list[_Parsed[_QuestionEntry]],
    documents: list[_Parsed[_DocumentEntry]],
    red_flags: list[_Parsed[_RedFlagEntry]],
    products: list[_Parsed[_ProductEntry]],
    contacts: list[_Parsed[_ContactEntry]],
    head: _ReferenceHead,
) -> QuestionBank:
    built_categories = tuple(Category(c.entry.id, Text(c.entry.en, c.entry.ko)) for c in categories)
    category_rank = {c.id: i for i, c in enumerate(built_categories)}
    built_questions = sorted((_question(q.entry) for q in questions), key=lambda q: category_rank[q.category])
    return QuestionBank(
        questions=tuple(built_questions),
        categories=built_categories,
        conditions=tuple(_condition(c.entry) for c in conditions),
        sources={
            source_id: Source(source_id, s.entry.title, s.entry.url, s.entry.compiled, s.entry.caution)
            for source_id, s in sources.items()
        },
        documents=tuple(
            Document(
                id=d.entry.id,
                text=Text(d.entry.en, d.entry.ko),
                why=_optional_text(d.entry.why_en, d.entry.why_ko),
                conditions=tuple(d.entry.conditions),
                sources=tuple(d.entry.sources),
            )
            for d in documents
        ),
        red_flags=tuple(_rule(r.entry) for r in red_flags),
        reference=Reference(
            products=tuple(
                ApprovedProduct(
                    name=Text(p.entry.name, p.entry.name_ko),
                    company=p.entry.company,
                    approved=p.entry.approved,
                    cell_source=Text(p.entry.cell_source_en, p.entry.cell_source_ko),
                    indication=Text(p.entry.indication_en, p.entry.indication_ko),
                    sources=tuple(p.entry.sources),
                )
                for p in products
            ),
            contacts=tuple(
                OfficialContact(
                    name=Text(c.entry.name_en, c.entry.name_ko),
                    value=c.entry.value,
                    what=Text(c.entry.what_en, c.entry.what_ko),
                    sources=tuple(c.entry.sources),
                    compiled=c.entry.compiled,
                )
                for c in contacts
            ),
            compiled=head.compiled,
            note=Text(head.note_en, head.note_ko),
        ),
    )


def _question(q: _QuestionEntry) -> Question:
    return Question(
        id=q.id,
        category=q.category,
        priority=q.priority,
        answer_kind=q.answer_kind,
        text=Text(q.en, q.ko),
        why=Text(q.why_en, q.why_ko),
        sources=tuple(q.sources),
        conditions=tuple(q.conditions),
        choices=tuple(Choice(c.id, Text(c.en, c.ko)) for c in q.choices),
        pick=q.pick,
        short=_optional_text(q.short_en, q.short_ko),
    )


def _condition(c: _ConditionEntry) -> Condition:
    return Condition(
        id=c.id,
        title=Text(c.en, c.ko),
        measure=c.measure,
        measure_title=_optional_text(c.measure_en, c.measure_ko),
        measure_values=tuple(c.measure_values),
        measure_help=_optional_text(c.measure_help_en, c.measure_help_ko),
    )


def _rule(r: _RedFlagEntry) -> RedFlagRule:
    return RedFlagRule(
        id=r.id,
        severity=r.severity,
        title=Text(r.title_en, r.title_ko),
        explanation=Text(r.explain_en, r.explain_ko),
        sources=tuple(r.sources),
        match=r.match,
        when=tuple(
            RuleCondition(
                question=w.question,
                clinic_field=w.clinic_field,
                value_in=tuple(w.value_in or ()),
                text_says=tuple(w.text_says or ()),
                number_above=w.number_above,
                number_below=w.number_below,
            )
            for w in r.when
        ),
    )


def _optional_text(en: str | None, ko: str | None) -> Text | None:
    return Text(en, ko) if en is not None and ko is not None else None
