"""The question bank: StemPrep's content, as the frozen records the rest of the app reads.

Questions, categories, conditions, red-flag rules, documents to bring, sources and the
reference facts are data in `resources/`, so that a clinician or translator can review
them without reading Python. `load_question_bank` is the one way to get them:
`app.domain.bank_schema` reads the TOML files and checks every entry (pydantic), and
`app.domain.bank_cache` keeps the checked bank in the user's cache folder, so that the
window and the sheet start without reading or checking anything while the content and
StemPrep are unchanged.

Nothing here imports Qt, reportlab or pydantic; the GUI, the sheet renderer and the CLI share it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

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
YES_NO_VALUES: tuple[str, ...] = get_args(YesNoValue)
MEASURES: tuple[str, ...] = get_args(Measure)
#: The category for the patient's own questions; the bank puts none of its own there.
CUSTOM_CATEGORY = "custom"

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
    compiled: str  # the month the facts taken from it were compiled, "YYYY-MM"; not a re-check
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
    compiled: str  # the month the facts about it were compiled, "YYYY-MM"


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

    def condition_names(self) -> dict[str, str]:
        """Each condition id with its English and Korean titles: the words that find its patients.

        Give them to a Store that writes (`Store.condition_names`), so that its search
        text lets "무릎" or "knee" find a patient with knee osteoarthritis.
        """
        return {c.id: f"{c.title.en} {c.title.ko}" for c in self.conditions}

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
    from app.domain.bank_schema import read_content

    return read_content(Path(root))


@functools.lru_cache(maxsize=1)
def _load_bundled() -> QuestionBank:
    from app.domain.bank_cache import cached_bank

    return cached_bank(resource_path())
