"""What goes on a question sheet, gathered from the patient's file and the question bank.

A sheet is decided here and drawn in `app.export`: this module picks the questions that
apply to the patient's condition (with the patient's own questions in their place), the
answers each clinic gave, the red flags those answers raise, the documents to bring and
the sources cited, and hands the renderer one frozen `QuestionSheet`. It knows nothing
about paper, fonts or reportlab, so the CLI, the GUI preview and the tests share it, and
a test can check exactly what will be printed before any PDF exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from app.domain.question_bank import (
    CUSTOM_CATEGORY,
    PRIORITIES,
    Category,
    Choice,
    Condition,
    Document,
    QuestionBank,
    RedFlagRule,
    Reference,
    Source,
    Text,
)
from app.domain.red_flags import RaisedFlag, evaluate_red_flags
from db.errors import NotFound, UserError
from db.records import Answer, Clinic, CustomQuestion, Profile

if TYPE_CHECKING:
    from db.store import Store

#: Every part a sheet can have, in the order they are printed.
SECTIONS: tuple[str, ...] = ("summary", "questions", "red_flags", "documents", "comparison", "reference")

PAPERS: tuple[str, ...] = ("a4", "letter")

#: Settings keys where the facilitator's agency details are kept.
FACILITATOR_SETTINGS = {
    "agency": "facilitator.agency",
    "registration": "facilitator.registration",
    "contact": "facilitator.contact",
}


class InvalidSheetOptions(UserError, ValueError):
    """Options that cannot make a sheet (an unknown paper size or section)."""


class UnknownCondition(ValueError):
    """A blank sheet asked for a condition the question bank has no questions for."""


@dataclass(frozen=True)
class SheetOptions:
    """How to print a sheet: paper, print size, privacy, language and parts.

    `clinic_id` None prints every clinic of the profile. `essential_only` prints only
    the essential questions (and the patient's own), keeping their numbers, for a
    shorter sheet: about half the pages.
    """

    paper: str = "a4"
    large_print: bool = False
    personal_details: bool = True
    second_language: str = "ko"
    sections: tuple[str, ...] = SECTIONS
    clinic_id: int | None = None
    essential_only: bool = False

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise InvalidSheetOptions(f"'{self.paper}' is not a paper size StemPrep prints on; use a4 or letter.")
        unknown = [s for s in self.sections if s not in SECTIONS]
        if unknown:
            raise InvalidSheetOptions(
                f"'{unknown[0]}' is not a part of the sheet; choose from {', '.join(SECTIONS)}."
            )
        if not self.sections:
            raise InvalidSheetOptions("Choose at least one part of the sheet to print.")
        if not isinstance(self.second_language, str) or not self.second_language:
            raise InvalidSheetOptions("Say which second language to print, for example ko.")

    def includes(self, section: str) -> bool:
        return section in self.sections


@dataclass(frozen=True)
class FacilitatorDetails:
    """The medical-travel agency that prints the sheet, shown on every page when set."""

    agency: str
    registration: str
    contact: str


@dataclass(frozen=True)
class SheetQuestion:
    """One question as it is printed: numbered, in both languages, bank or the patient's own."""

    id: str  # the id answers are stored under: a bank id, or "custom:<n>"
    number: int
    category: str
    priority: str
    answer_kind: str
    text: Text
    why: Text | None
    sources: tuple[str, ...]
    choices: tuple[Choice, ...]
    is_custom: bool = False


@dataclass(frozen=True)
class QuestionGroup:
    """The questions of one category, in the order they are asked."""

    category: Category
    questions: tuple[SheetQuestion, ...]


@dataclass(frozen=True)
class ClinicAnswers:
    """One clinic, what it answered so far, and the red flags those answers raise."""

    clinic: Clinic
    answers: Mapping[str, Answer]
    flags: tuple[RaisedFlag, ...]

    def answer(self, question_id: str) -> Answer | None:
        return self.answers.get(question_id)

    def flags_for(self, question_id: str) -> tuple[RaisedFlag, ...]:
        """The red flags this question's answer is part of."""
        return tuple(flag for flag in self.flags if question_id in flag.question_ids)

    def patient_flagged(self) -> tuple[str, ...]:
        """Ids of the questions whose answers the patient marked as worrying."""
        return tuple(qid for qid, answer in self.answers.items() if answer.flagged)


@dataclass(frozen=True)
class QuestionSheet:
    """Everything one printed sheet says, decided before any drawing.

    `profile` is None for a blank sheet, to be filled in by hand. `clinics` is empty for
    a blank sheet or a profile with no clinics yet; the questions are then printed once,
    with a line for the clinic's name.
    """

    date: date
    condition: Condition
    profile: Profile | None
    clinics: tuple[ClinicAnswers, ...]
    groups: tuple[QuestionGroup, ...]
    documents: tuple[Document, ...]
    reference: Reference
    sources: tuple[Source, ...]  # every source cited by the printed parts, first citation first
    facilitator: FacilitatorDetails | None
    warning_signs: tuple[RedFlagRule, ...] = field(default=())  # listed when there are no answers to judge

    @property
    def is_blank(self) -> bool:
        return self.profile is None

    @property
    def questions(self) -> tuple[SheetQuestion, ...]:
        """Every question on the sheet, in printed order."""
        return tuple(q for group in self.groups for q in group.questions)

    @property
    def essential_questions(self) -> tuple[SheetQuestion, ...]:
        return tuple(q for q in self.questions if q.priority == "essential")

    @property
    def measure(self) -> tuple[Text, str] | None:
        """The condition's measure and the patient's value, e.g. (K-L grade, "3"), if recorded."""
        if self.profile is None or not self.condition.measure or self.condition.measure_title is None:
            return None
        value = getattr(self.profile, self.condition.measure, None)
        if value is None:
            return None
        return self.condition.measure_title, format_number(value)


# ----------------------------------------------------------------- gathering


def facilitator_details(store: Store) -> FacilitatorDetails | None:
    """The agency details saved in settings, or None when no agency name is set."""
    values = {key: store.setting(setting).strip() for key, setting in FACILITATOR_SETTINGS.items()}
    if not values["agency"]:
        return None
    return FacilitatorDetails(**values)


def gather_sheet(
    store: Store,
    bank: QuestionBank,
    profile_id: int,
    options: SheetOptions,
    today: date | None = None,
) -> QuestionSheet:
    """The sheet for a profile: its questions, and its clinics' answers and red flags.

    Raises `db.errors.NotFound` for an unknown profile or clinic, and for a clinic that
    belongs to another profile.
    """
    profile = store.profile(profile_id)
    if options.clinic_id is None:
        clinics = store.clinics_for(profile.id)
    else:
        clinic = store.clinic(options.clinic_id)
        if clinic.profile_id != profile.id:
            raise NotFound(f"Clinic {clinic.id} is not one of profile {profile.id}'s clinics.")
        clinics = [clinic]
    condition = _condition(bank, profile.condition)
    groups = _question_groups(bank, condition.id, store.custom_questions(profile.id))
    clinic_answers = []
    for clinic in clinics:
        answers = store.answers_for_clinic(clinic.id)
        flags = tuple(evaluate_red_flags(bank, clinic, answers.values()))
        clinic_answers.append(ClinicAnswers(clinic, MappingProxyType(dict(answers)), flags))
    return _sheet(
        bank,
        options,
        today,
        condition=condition,
        profile=profile,
        clinics=tuple(clinic_answers),
        groups=groups,
        facilitator=facilitator_details(store),
    )


def blank_sheet(
    bank: QuestionBank,
    condition: str,
    options: SheetOptions,
    today: date | None = None,
    *,
    facilitator: FacilitatorDetails | None = None,
) -> QuestionSheet:
    """A sheet to fill in by hand: the condition's questions, empty answer space, empty summary.

    Raises `UnknownCondition` (a ValueError) for a condition the bank does not know.
    """
    found = _condition(bank, condition)
    groups = _question_groups(bank, found.id, ())
    return _sheet(
        bank, options, today, condition=found, profile=None, clinics=(), groups=groups, facilitator=facilitator
    )


def _sheet(
    bank: QuestionBank,
    options: SheetOptions,
    today: date | None,
    *,
    condition: Condition,
    profile: Profile | None,
    clinics: tuple[ClinicAnswers, ...],
    groups: tuple[QuestionGroup, ...],
    facilitator: FacilitatorDetails | None,
) -> QuestionSheet:
    if options.essential_only:
        groups = _essential_only(groups)
    documents = tuple(bank.documents_for(condition.id))
    # With no answers to judge, the sheet lists the warning signs to listen for instead.
    warning_signs = tuple(bank.red_flags) if not clinics else ()
    cited = _cited_sources(bank, options, groups, clinics, documents, warning_signs)
    return QuestionSheet(
        date=today or date.today(),
        condition=condition,
        profile=profile,
        clinics=clinics,
        groups=groups,
        documents=documents,
        reference=bank.reference,
        sources=cited,
        facilitator=facilitator,
        warning_signs=warning_signs,
    )


def _condition(bank: QuestionBank, condition_id: str) -> Condition:
    try:
        return bank.condition(condition_id)
    except KeyError:
        known = ", ".join(c.id for c in bank.conditions)
        raise UnknownCondition(
            f"StemPrep has no questions for the condition '{condition_id}'; use one of {known}."
        ) from None


def _question_groups(
    bank: QuestionBank, condition_id: str, custom: Iterable[CustomQuestion]
) -> tuple[QuestionGroup, ...]:
    """The bank's questions for the condition and the patient's own, grouped and numbered.

    Within a category, essential questions come first; the patient's questions follow
    the bank's of the same priority, in the order the patient added them.
    """
    # (priority rank, order added, question) per category, in the bank's category order
    by_category: dict[str, list[tuple[int, int, SheetQuestion]]] = {c.id: [] for c in bank.categories}
    for order, q in enumerate(bank.questions_for(condition_id)):
        entry = SheetQuestion(
            id=q.id, number=0, category=q.category, priority=q.priority, answer_kind=q.answer_kind,
            text=q.text, why=q.why, sources=tuple(q.sources), choices=tuple(q.choices),
        )
        by_category[q.category].append((_priority_rank(q.priority), order, entry))
    for order, c in enumerate(custom, start=len(bank.questions)):
        category = c.category if c.category in by_category else CUSTOM_CATEGORY
        entry = SheetQuestion(
            id=c.question_id, number=0, category=category, priority=c.priority, answer_kind="text",
            text=Text(en=c.text_en, ko=c.text_ko), why=None, sources=(), choices=(), is_custom=True,
        )
        by_category[category].append((_priority_rank(c.priority), order, entry))

    groups = []
    number = 0
    for category in bank.categories:
        numbered = []
        for _, _, entry in sorted(by_category[category.id], key=lambda e: e[:2]):
            number += 1
            numbered.append(replace(entry, number=number))
        if numbered:
            groups.append(QuestionGroup(category, tuple(numbered)))
    return tuple(groups)


def _essential_only(groups: tuple[QuestionGroup, ...]) -> tuple[QuestionGroup, ...]:
    """Keep the essential questions and the patient's own; numbers stay as on screen."""
    kept = []
    for group in groups:
        questions = tuple(q for q in group.questions if q.priority == "essential" or q.is_custom)
        if questions:
            kept.append(QuestionGroup(group.category, questions))
    return tuple(kept)


def _priority_rank(priority: str) -> int:
    return PRIORITIES.index(priority) if priority in PRIORITIES else len(PRIORITIES)


def _cited_sources(
    bank: QuestionBank,
    options: SheetOptions,
    groups: tuple[QuestionGroup, ...],
    clinics: tuple[ClinicAnswers, ...],
    documents: tuple[Document, ...],
    warning_signs: tuple[RedFlagRule, ...],
) -> tuple[Source, ...]:
    """The sources the printed parts cite, in order of first citation, each once."""
    ids: list[str] = []
    if options.includes("questions"):
        ids += [s for group in groups for q in group.questions for s in q.sources]
    if options.includes("red_flags"):
        ids += [s for c in clinics for flag in c.flags for s in flag.rule.sources]
        ids += [s for rule in warning_signs for s in rule.sources]
    if options.includes("documents"):
        ids += [s for d in documents for s in d.sources]
    if options.includes("reference"):
        ids += [s for p in bank.reference.products for s in p.sources]
        ids += [s for c in bank.reference.contacts for s in c.sources]
    seen: dict[str, Source] = {}
    for source_id in ids:
        if source_id not in seen and source_id in bank.sources:
            seen[source_id] = bank.sources[source_id]
    return tuple(seen.values())


def format_number(value: float | int) -> str:
    """A measure as people write it: 3, 2.5, 45 (no trailing ".0")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
