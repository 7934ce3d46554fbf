"""The questions: the doctor's short list, the full checklist, and the notebook's answers so far.

- The doctor copy prints the patient's picked questions in their order, each in Korean
  (bold) with the English smaller under it and room for the doctor's answer. Nothing
  else: no priority, no "why ask", no recorded answers, no marks.
- The full checklist prints every question for the condition, per clinic, with its
  priority, why to ask it, its sources and the answer recorded so far.
- The notebook prints, per clinic, the questions answered so far with why they matter.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.domain.formatting import shortened
from app.domain.question_bank import YES_NO_VALUES
from app.domain.sheet_content import ClinicAnswers, QuestionSheet, SheetQuestion
from app.export import labels
from app.export.drawing import SPACE, WIDE_SPACE, SheetDrawing, hex_colour
from app.export.flowables import (
    BoxedParagraph,
    PartMarker,
    RuledLines,
    RuledParagraph,
    SheetParagraph,
)
from app.export.pages import HEADER_CHARS
from app.export.styles import MUTED, RULE
from app.export.summary_card import clinic_blank_rows
from db.records import Answer

#: A recorded value longer than this is printed like the clinic's own words, not in bold.
SHORT_VALUE_CHARS = 60

#: Choices that describe the clinic's reply rather than answer the question: left off the doctor copy.
NOT_FOR_THE_DOCTOR = ("not-sure", "refused", "none")

#: The doctor's answer space, in ruled lines, by kind of answer.
DOCTOR_LINES = {"text": 3, "number": 1, "yes-no": 1, "choice": 1}


# ------------------------------------------------------------------ doctor copy


def doctor_questions(d: SheetDrawing, sheet: QuestionSheet) -> list[Flowable]:
    """The picked questions for one clinic, Korean first, each with room for the answer."""
    s = d.styles
    part: list[Flowable] = [SheetParagraph(d.both(labels.MY_QUESTIONS), s.heading)]
    intro = labels.NO_QUESTIONS if sheet.asks_nothing else labels.DOCTOR_INTRO  # never "write under each one" of none
    part.append(SheetParagraph(d.both(intro, "<br/>"), s.note))
    for question in sheet.picked:
        part.append(KeepTogether(_doctor_block(d, question)))
    return part


def _doctor_block(d: SheetDrawing, question: SheetQuestion) -> list[Flowable]:
    s = d.styles
    korean = d.second(question.text)
    # A question the patient wrote without Korean says so under it, so the doctor knows why.
    first, under = (korean, question.text.en) if korean else (question.text.en, d.plain_both(labels.ENGLISH_ONLY))
    # The Korean (bold) and the English under it share one paragraph: one to lay out, not two.
    head = f'<font size="{s.size(11.5)}"><b>{question.number}.{SPACE}{d.text.markup(first)}</b></font>'
    if under:
        head += (f'<br/><font size="{s.detail.fontSize}" color="{hex_colour(MUTED)}">'
                 f"{d.text.markup(under)}</font>")
    boxed = BoxedParagraph(head, d.style(s.question, "doctor_question", leading=s.size(14.5)))
    boxed.box_size = s.tick_box
    block: list[Flowable] = [boxed]
    if question.answer_kind == "yes-no":
        block.append(d.tick_boxes([d.text.plain(d.plain_both(labels.YES_NO[v])) for v in YES_NO_VALUES[:3]]))
    elif question.answer_kind == "choice":
        choices = [c for c in question.choices if c.id not in NOT_FOR_THE_DOCTOR]
        block.append(d.tick_boxes([d.text.plain(d.plain_bilingual(c.text)) for c in choices]))
    lines = DOCTOR_LINES.get(question.answer_kind, 2)
    block.append(RuledLines(lines, s.answer.leading, s.answer.leftIndent, RULE,
                            label=f"{d.plain_both(labels.ANSWER)}:", font=d.fonts.bold, size=s.detail.fontSize))
    block.append(Spacer(0, 7 * s.scale))
    return block


# ------------------------------------------------------------------ full checklist


def checklist_questions(d: SheetDrawing, sheet: QuestionSheet, all_clinics: str) -> list[list[Flowable]]:
    """One part per clinic (each begins a new page), or one part with a blank clinic line."""
    entries: list[ClinicAnswers | None] = list(sheet.clinics) or [None]
    by_id = {q.id: q for q in sheet.questions}
    parts = []
    for entry in entries:
        label = shortened(entry.clinic.name, HEADER_CHARS) if entry else all_clinics
        parts.append([PartMarker(label), *_checklist_pages(d, sheet, entry, by_id)])
    return parts


def _checklist_pages(
    d: SheetDrawing, sheet: QuestionSheet, entry: ClinicAnswers | None, by_id: dict[str, SheetQuestion]
) -> list[Flowable]:
    s = d.styles
    part: list[Flowable] = []
    if entry is None:
        part.append(SheetParagraph(d.both(labels.QUESTIONS), s.heading))
        part += d.label_rows(clinic_blank_rows(d))
    elif len(entry.clinic.name) <= HEADER_CHARS:
        heading = d.both(labels.QUESTIONS_FOR, joiner="<br/>", clinic=entry.clinic.name)
        part.append(SheetParagraph(heading, s.heading))
    else:
        part.append(SheetParagraph(d.both(labels.QUESTIONS), s.heading))
        part += d.user_paragraphs(entry.clinic.name, s.clinic)
    part.append(SheetParagraph(_legend(d), s.note))
    for group in sheet.groups:
        heading = SheetParagraph(d.bilingual(group.category.title), s.category)
        for index, question in enumerate(group.questions):
            block = _checklist_block(d, question, entry)
            # The heading travels with its first question, never alone at a page's foot.
            part.append(KeepTogether([heading, *block] if index == 0 else block))
    return part


def _legend(d: SheetDrawing) -> str:
    return WIDE_SPACE.join(f"{labels.PRIORITY_MARK[p]} {d.both(labels.PRIORITY[p])}" for p in labels.PRIORITY)


def question_text(d: SheetDrawing, question: SheetQuestion) -> list[Flowable]:
    """A question's head (number, priority), English (bold) and second language, with its tick box."""
    s = d.styles
    priority = labels.PRIORITY.get(question.priority)
    head = f"{question.number}.{SPACE}{labels.PRIORITY_MARK.get(question.priority, '')} "
    head += d.both(priority) if priority else d.text.markup(question.priority)
    if question.is_custom:
        head += f" \u00b7 {d.both(labels.MY_QUESTION)}"
    english = [f'<b><font size="{s.size(s.QUESTION_EN_PT)}">{piece}</font></b>'
               for piece in d.text.paragraphs(question.text.en)]
    second = d.text.paragraphs(d.second(question.text))
    # Head, English and Korean share one paragraph (one to lay out, not three) when they are short.
    lines = [f'<font size="{s.size(s.QUESTION_HEAD_PT)}" color="{hex_colour(MUTED)}"><b>{head}</b></font>']
    lines.append(english.pop(0) if english else "")
    if not english and second:
        lines.append(second.pop(0))
    boxed = BoxedParagraph("<br/>".join(lines), s.question)
    boxed.box_size = s.tick_box
    block: list[Flowable] = [boxed]
    block += [SheetParagraph(piece, s.question) for piece in english]
    block += [SheetParagraph(piece, s.question) for piece in second]
    return block


def _checklist_block(d: SheetDrawing, question: SheetQuestion, entry: ClinicAnswers | None) -> list[Flowable]:
    """Tick box, number and priority, the question in both languages, why to ask, the answer space."""
    s = d.styles
    block = question_text(d, question)
    if question.why is not None:
        why = f"<b>{d.both(labels.WHY)}:</b> {d.text.markup(question.why.en)}"
        block.append(SheetParagraph(why + d.sources(question.sources), s.detail))
    block += _answer_area(d, question, entry)
    block.append(Spacer(0, 6 * s.scale))
    return block


def _answer_area(d: SheetDrawing, question: SheetQuestion, entry: ClinicAnswers | None) -> list[Flowable]:
    """The ruled space for the answer, with the recorded answer written on it when there is one."""
    s = d.styles
    answer = entry.answer(question.id) if entry else None
    recorded = recorded_answer(d, question, answer)
    area: list[Flowable] = []
    if recorded is None:
        area += _empty_answer(d, question)
    else:
        area += _written_answer(d, recorded)
    for flag in entry.flags_for(question.id) if entry else ():
        area.append(SheetParagraph(
            f"{labels.RED_FLAG_MARK} {d.both(labels.RED_FLAG)}: {d.bilingual(flag.rule.title)}", s.flag
        ))
    if answer is not None and answer.flagged:
        area.append(SheetParagraph(f"{labels.PATIENT_MARK} {d.both(labels.PATIENT_FLAG)}", s.flag))
    if recorded is not None:
        # A spare line for what the clinic adds when the answer is read back.
        area.append(RuledLines(1, s.answer.leading, s.answer.leftIndent, RULE))
    return area


def _written_answer(d: SheetDrawing, recorded: tuple[str, str]) -> list[Flowable]:
    value, words = recorded
    pieces = d.text.paragraphs(words)
    first = f"<b>{d.both(labels.ANSWER)}:</b> {value}"
    if pieces:
        first += (" \u2014 " if value else "") + pieces.pop(0)
    return [_ruled(d, first), *(_ruled(d, piece) for piece in pieces)]


def _ruled(d: SheetDrawing, markup: str) -> RuledParagraph:
    paragraph = RuledParagraph(markup, d.styles.answer)
    paragraph.rule_colour = RULE
    return paragraph


def _empty_answer(d: SheetDrawing, question: SheetQuestion) -> list[Flowable]:
    s = d.styles
    area: list[Flowable] = []
    if question.answer_kind == "yes-no":
        area.append(d.tick_boxes([d.text.plain(d.plain_both(labels.YES_NO[v])) for v in YES_NO_VALUES]))
    elif question.answer_kind == "choice":
        area.append(d.tick_boxes([d.text.plain(d.plain_bilingual(c.text)) for c in question.choices]))
    lines = 1
    if question.answer_kind == "text":
        lines = 3 if question.priority == "essential" else 2
    label = f"{d.plain_both(labels.ANSWER)}:"
    area.append(RuledLines(lines, s.answer.leading, s.answer.leftIndent, RULE, label=label,
                           font=d.fonts.bold, size=s.answer.fontSize))
    return area


def recorded_answer(d: SheetDrawing, question: SheetQuestion, answer: Answer | None) -> tuple[str, str] | None:
    """(the answer in words the sheet knows, as markup; the rest as typed), or None when nothing is recorded.

    A value the sheet cannot name (a long number, text where a choice was expected)
    is printed with the clinic's own words, so that it flows like them.
    """
    if answer is None:
        return None
    value, words = answer.value.strip(), answer.text.strip()
    known = _answer_value(d, question, value)
    typed = "\n".join(part for part in (value if known is None else "", words) if part)
    if answer.status == "skipped":
        return " ".join(part for part in (f"<b>{d.both(labels.SKIPPED)}</b>", known) if part), typed
    if known or typed:
        return known or "", typed
    if answer.status == "asked":
        return d.both(labels.ASKED_NO_ANSWER), ""
    return None


def _answer_value(d: SheetDrawing, question: SheetQuestion, value: str) -> str | None:
    """A structured answer in words: "Yes / 예", a choice in both languages, or a short value as given."""
    if not value:
        return ""
    if question.answer_kind == "yes-no" and value in labels.YES_NO:
        return f"<b>{d.both(labels.YES_NO[value])}</b>"
    for choice in question.choices:
        if choice.id == value:
            return f"<b>{d.bilingual(choice.text)}</b>"
    if len(value) <= SHORT_VALUE_CHARS and "\n" not in value:
        return f"<b>{d.text.markup(value)}</b>"
    return None


# ------------------------------------------------------------------ notebook


def answers_so_far(d: SheetDrawing, sheet: QuestionSheet) -> list[list[Flowable]]:
    """Per clinic, the questions it has answered, with why each matters (short sources)."""
    s = d.styles
    parts = []
    for entry in sheet.clinics:
        name = entry.clinic.name
        if len(name) <= HEADER_CHARS:
            heading = [SheetParagraph(d.both(labels.ANSWERS_SO_FAR, "<br/>", clinic=name), s.heading)]
        else:
            heading = [SheetParagraph(d.both(labels.ANSWERS), s.heading),
                       *d.user_paragraphs(name, s.clinic)]
        part: list[Flowable] = [PartMarker(shortened(name, HEADER_CHARS))]
        answered = [q for q in sheet.questions if recorded_answer(d, q, entry.answer(q.id)) is not None]
        if not answered:
            part += [*heading, SheetParagraph(d.both(labels.NO_ANSWERS_YET), s.body)]
        for index, question in enumerate(answered):
            block = question_text(d, question)
            if question.why is not None:
                why = f"<b>{d.both(labels.WHY)}:</b> {d.text.markup(question.why.en)}"
                block.append(SheetParagraph(why + d.short_sources(question.sources, sheet.sources_by_id), s.detail))
            block += _answer_area(d, question, entry)
            block.append(Spacer(0, 6 * s.scale))
            # The heading travels inside its first question's block: nested keep-togethers cannot split.
            part.append(KeepTogether([*heading, *block] if index == 0 else block))
        parts.append(part)
    return parts
