"""The question bank's second pass: the content files checked against each other, then built into records.

`app.domain.bank_schema` has checked each entry on its own; here every category,
condition, source, choice and question an entry names must exist, ids must be unique,
and red-flag rules must test answers their questions can have. Then the entries become
the frozen records of `app.domain.question_bank`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from app.domain.question_bank import (
    CUSTOM_CATEGORY,
    YES_NO_VALUES,
    ApprovedProduct,
    Category,
    Choice,
    Condition,
    Document,
    OfficialContact,
    Question,
    QuestionBank,
    RedFlagRule,
    Reference,
    RuleCondition,
    Source,
    Text,
)
from db.records import CONDITIONS

if TYPE_CHECKING:
    from app.domain.bank_schema import (
        _CategoryEntry,
        _ConditionEntry,
        _ContactEntry,
        _DocumentEntry,
        _Parsed,
        _ProductEntry,
        _QuestionEntry,
        _RedFlagEntry,
        _ReferenceHead,
        _SourceEntry,
        _WhenEntry,
    )


class Checker:
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


def build_bank(
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
