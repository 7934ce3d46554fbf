"""What goes on a question sheet, gathered from the patient's file and the question bank.

A sheet is decided here and drawn in `app.export`: this module picks the questions that
apply to the patient's condition (with the patient's own questions in their place), the
patient's picked questions in their order, the answers each clinic gave, the red flags
those answers raise (and which the patient set aside), the documents to bring (and which
are packed) and the sources cited, and hands the renderer one frozen `QuestionSheet`.
What is gathered depends on the kind of sheet: for the doctor copy, which is handed to a
clinic, nothing private is gathered at all (no answers, flags, prices or notes), so no
drawing mistake can print it. It knows nothing
about paper, fonts or reportlab, so the CLI, the GUI preview and the tests share it, and
a test can check exactly what will be printed before any PDF exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from app.domain.facilitator import FacilitatorDetails, facilitator_details
from app.domain.formatting import format_number
from app.domain.picks import my_question_ids
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
from app.domain.sheet_kinds import KINDS, SECTIONS, SHEET_KINDS, SheetKind  # noqa: F401 (declared there, cheap to import)
from db.errors import NotFound, UserError
from db.records import Answer, Clinic, CustomQuestion, FlagDismissal, Profile

if TYPE_CHECKING:
    from db.store import Store


PAPERS: tuple[str, ...] = ("a4", "letter")

class InvalidSheetOptions(UserError, ValueError):
    """Options that cannot make a sheet (an unknown kind, paper size or section)."""


class UnknownCondition(ValueError):
    """A blank sheet asked for a condition the question bank has no questions for."""


@dataclass(frozen=True)
class SheetOptions:
    """How to print a sheet: its kind, paper, print size, privacy, language and parts.

    `kind` is one of `SHEET_KINDS`: the doctor copy (the default), the patient's
    notebook or the full checklist. `clinic_id` None prints every clinic of the profile
    (for the doctor copy, one copy per clinic). `personal_details` False leaves out the
    name, birth year and contact, and every free-text note. `essential_only` (the full
    checklist) prints only the essential questions and the patient's own, keeping their
    numbers. `sections` narrows the parts the kind prints.
    """

    kind: str = "doctor"
    paper: str = "a4"
    large_print: bool = False
    personal_details: bool = True
    second_language: str = "ko"
    sections: tuple[str, ...] = SECTIONS
    clinic_id: int | None = None
    essential_only: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidSheetOptions(
                f"'{self.kind}' is not a kind of sheet; choose from {', '.join(KINDS)}."
            )
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
        """Whether this sheet prints `section`: chosen, and a part of its kind."""
        return section in self.sections and section in KINDS[self.kind].sections


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
    #: The raised flags the patient dismissed, by rule id, with their note.
    dismissed: Mapping[str, FlagDismissal] = field(default_factory=lambda: MappingProxyType({}))

    def answer(self, question_id: str) -> Answer | None:
        return self.answers.get(question_id)

    def flags_for(self, question_id: str) -> tuple[RaisedFlag, ...]:
        """The red flags this question's answer is part of."""
        return tuple(flag for flag in self.flags if question_id in flag.question_ids)

    def flags_serious_first(self) -> tuple[RaisedFlag, ...]:
        """The raised flags, serious ones first, each group in the rules' order."""
        return tuple(sorted(self.flags, key=lambda flag: flag.rule.severity != "serious"))

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
    kind: str = "checklist"
    #: The patient's picked questions in the order they chose, numbered 1, 2, 3… (the doctor copy).
    picked: tuple[SheetQuestion, ...] = field(default=())
    #: Ids of the documents the patient has ticked as ready.
    ticked_documents: frozenset[str] = field(default=frozenset())

    @property
    def is_blank(self) -> bool:
        return self.profile is None

    @property
    def doctor_copies(self) -> int:
        """How many clinics' doctor copies the sheet holds (0 for the patient's own kinds); more than one
        should go their separate ways, each clinic getting only its own pages."""
        return len(self.clinics) if self.kind == "doctor" else 0

    @property
    def asks_nothing(self) -> bool:
        """A doctor copy with no question picked: the patient should pick some before handing it over."""
        return self.kind == "doctor" and not self.picked

    @property
    def questions(self) -> tuple[SheetQuestion, ...]:
        """Every question on the sheet, in printed order."""
        return tuple(q for group in self.groups for q in group.questions)

    @property
    def sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

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
    profile = _printable_profile(store.profile(profile_id), options)
    if options.clinic_id is None:
        clinics = store.clinics_for(profile.id)
    else:
        clinic = store.clinic(options.clinic_id)
        if clinic.profile_id != profile.id:
            raise NotFound(f"Clinic {clinic.id} is not one of profile {profile.id}'s clinics.")
        clinics = [clinic]
    condition = _condition(bank, profile.condition)
    custom = store.custom_questions(profile.id)
    groups = _question_groups(bank, condition.id, custom)
    picked_ids = my_question_ids(bank, profile, custom, store.question_picks(profile.id))
    clinic_answers = []
    for clinic in clinics:
        if options.kind == "doctor":
            # Handed to the clinic: its name and the appointment, never what the patient recorded.
            clinic_answers.append(ClinicAnswers(_for_the_doctor(clinic), MappingProxyType({}), ()))
            continue
        if not options.personal_details:
            clinic = replace(clinic, notes="")
        answers = store.answers_for_clinic(clinic.id)
        flags = tuple(evaluate_red_flags(bank, clinic, answers.values()))
        dismissed = MappingProxyType(store.flag_dismissals(clinic.id))
        clinic_answers.append(ClinicAnswers(clinic, MappingProxyType(dict(answers)), flags, dismissed))
    return _sheet(
        bank,
        options,
        today,
        condition=condition,
        profile=profile,
        clinics=tuple(clinic_answers),
        groups=groups,
        facilitator=facilitator_details(store),
        picked=_picked(groups, picked_ids),
        ticked=frozenset(store.ticked_documents(profile.id)) if options.kind != "doctor" else frozenset(),
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
    picked = _picked(groups, [q.id for q in bank.default_pick(found.id)])
    return _sheet(
        bank, options, today, condition=found, profile=None, clinics=(), groups=groups, facilitator=facilitator,
        picked=picked, ticked=frozenset(),
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
    picked: tuple[SheetQuestion, ...],
    ticked: frozenset[str],
) -> QuestionSheet:
    if options.kind == "doctor":
        # The doctor copy cites nothing and lists no documents or warning signs.
        return QuestionSheet(
            date=today or date.today(), condition=condition, profile=profile, clinics=clinics, groups=(),
            documents=(), reference=bank.reference, sources=(), facilitator=facilitator, kind="doctor",
            picked=picked,
        )
    if options.essential_only:
        groups = _essential_only(groups)
    documents = tuple(bank.documents_for(condition.id))
    # With no answers to judge, the sheet lists the warning signs to listen for instead.
    warning_signs = tuple(bank.red_flags) if not clinics else ()
    cited = _cited_sources(bank, options, groups, clinics, documents, warning_signs)
    return QuestionSheet(
        kind=options.kind,
        picked=picked,
        ticked_documents=ticked,
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


def _picked(groups: tuple[QuestionGroup, ...], picked_ids: Iterable[str]) -> tuple[SheetQuestion, ...]:
    """The picked questions in the patient's order, numbered from 1 as the doctor copy prints them."""
    by_id = {q.id: q for group in groups for q in group.questions}
    chosen = [by_id[question_id] for question_id in picked_ids if question_id in by_id]
    return tuple(replace(q, number=number) for number, q in enumerate(chosen, start=1))


#: Profile fields the doctor copy never prints: money and the patient's own notes.
_NOT_FOR_THE_DOCTOR = {"budget": "", "notes": "", "travel_window": ""}


def _printable_profile(profile: Profile, options: SheetOptions) -> Profile:
    """The profile as this sheet may print it: without what the options leave out."""
    if options.kind == "doctor":
        profile = replace(profile, **_NOT_FOR_THE_DOCTOR)
    if not options.personal_details:
        # The notes are left out too: they name family, doctors and places.
        profile = replace(profile, name="", birth_year=None, contact="", notes="")
    return profile


def _for_the_doctor(clinic: Clinic) -> Clinic:
    """A clinic as its own doctor may see it: the name, city and the appointment, nothing recorded about it."""
    return Clinic(
        id=clinic.id, profile_id=clinic.profile_id, name=clinic.name, city=clinic.city,
        appointment=clinic.appointment, appointment_place=clinic.appointment_place,
        interpreter=clinic.interpreter, position=clinic.position,
    )


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
