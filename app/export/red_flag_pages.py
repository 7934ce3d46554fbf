"""Red flags and worries: the patient's own warning signs, never on the copy handed to a clinic.

The notebook opens with them ("what needs attention"): each clinic's flags, serious
first, a flag the patient set aside printed as set aside with their note, and the
answers the patient marked as a worry. The full checklist prints each flag in a box
with its explanation in both languages. A sheet with no answers lists the warning
signs to listen for instead.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.domain.formatting import shortened
from app.domain.question_bank import RedFlagRule
from app.domain.red_flags import RaisedFlag
from app.domain.sheet_content import ClinicAnswers, QuestionSheet, SheetQuestion
from app.export import labels
from app.export.drawing import SheetDrawing, hex_colour
from app.export.flowables import SheetParagraph
from app.export.styles import FLAG, FLAG_FILL, MUTED

#: Longest question text quoted in a list of worries; the question is printed in full later.
QUOTE_CHARS = 180


def checklist_red_flags(d: SheetDrawing, sheet: QuestionSheet) -> list[Flowable]:
    s = d.styles
    by_id = {q.id: q for q in sheet.questions}
    part: list[Flowable] = [
        SheetParagraph(d.both(labels.RED_FLAGS), s.heading),
        SheetParagraph(d.both(labels.RED_FLAGS_INTRO), s.note),
    ]
    if not sheet.clinics:
        part.append(SheetParagraph(d.both(labels.WARNING_SIGNS), s.category))
        part += [KeepTogether(_warning_sign(d, rule)) for rule in sheet.warning_signs]
        return part
    for entry in sheet.clinics:
        part += d.user_paragraphs(entry.clinic.name, s.category)
        if not entry.flags:
            part.append(SheetParagraph(d.both(labels.NO_RED_FLAGS), s.body))
        part += [_flag_box(d, flag, by_id) for flag in entry.flags]
        part += _worries(d, entry, by_id)
    return part


def attention(d: SheetDrawing, sheet: QuestionSheet) -> list[Flowable]:
    """The notebook's first page: each clinic's red flags (serious first) and the patient's worries."""
    s = d.styles
    by_id = {q.id: q for q in sheet.questions}
    part: list[Flowable] = [SheetParagraph(d.both(labels.ATTENTION), s.heading)]
    if not sheet.clinics:
        part.append(SheetParagraph(d.both(labels.WARNING_SIGNS), s.category))
        part += [KeepTogether(_warning_sign(d, rule)) for rule in sheet.warning_signs]
        return part
    part.append(SheetParagraph(d.both(labels.RED_FLAGS_INTRO), s.note))
    for entry in sheet.clinics:
        part += d.user_paragraphs(entry.clinic.name, s.category)
        if not entry.flags:
            part.append(SheetParagraph(d.both(labels.NO_RED_FLAGS), s.body))
        part += [KeepTogether(_flag_line(d, entry, flag, by_id)) for flag in entry.flags_serious_first()]
        part += _worries(d, entry, by_id)
    return part


def _flag_line(d: SheetDrawing, entry: ClinicAnswers, flag: RaisedFlag, by_id: dict[str, SheetQuestion]) -> list[Flowable]:
    """One flag, compact: mark, severity and title in both languages, the explanation, and any dismissal."""
    s = d.styles
    rule = flag.rule
    dismissal = entry.dismissed.get(rule.id)
    colour = hex_colour(MUTED if dismissal else FLAG)
    severity = labels.SEVERITY.get(rule.severity)
    title = f"{labels.RED_FLAG_MARK} {d.both(severity) + ': ' if severity else ''}{d.bilingual(rule.title)}"
    style = d.style(s.body, f"flag_line_{'dismissed' if dismissal else 'raised'}", fontName=d.fonts.bold,
                    textColor=colour, spaceAfter=0,
                         leftIndent=4 * s.scale, firstLineIndent=-4 * s.scale)
    explanation = d.text.markup(rule.explanation.en)
    asked = [str(by_id[q].number) for q in flag.question_ids if q in by_id]
    if asked:
        explanation += f" ({d.both(labels.QUESTION)} {', '.join(asked)})"
    block: list[Flowable] = [
        SheetParagraph(title, style),
        SheetParagraph(explanation, d.style(s.detail, "flag_explanation", leftIndent=4 * s.scale, spaceBefore=0)),
    ]
    if dismissal is not None:
        note = f"<b>{d.both(labels.DISMISSED)}</b>"
        if dismissal.note.strip():
            note += f": {d.text.markup(dismissal.note)}"
        block.append(SheetParagraph(note, d.style(s.detail, "flag_dismissed", leftIndent=4 * s.scale, spaceBefore=0)))
    block.append(Spacer(0, 3 * s.scale))
    return block


def _worries(d: SheetDrawing, entry: ClinicAnswers, by_id: dict[str, SheetQuestion]) -> list[Flowable]:
    s = d.styles
    flagged = [by_id[qid] for qid in entry.patient_flagged() if qid in by_id]
    if not flagged:
        return []
    part: list[Flowable] = [SheetParagraph(d.both(labels.PATIENT_FLAGGED), s.clinic)]
    for question in sorted(flagged, key=lambda q: q.number):
        number = d.both(labels.QUESTION_NUMBER, number=str(question.number))
        text = d.text.markup(shortened(question.text.en, QUOTE_CHARS))
        part.append(SheetParagraph(f"{labels.PATIENT_MARK} <b>{number}</b>: {text}", s.body))
    return part


def _flag_box(d: SheetDrawing, flag: RaisedFlag, by_id: dict[str, SheetQuestion]) -> Flowable:
    s = d.styles
    rule = flag.rule
    severity = labels.SEVERITY.get(rule.severity)
    title_style = d.style(s.body, "flag_title", fontName=d.fonts.bold, textColor=FLAG, spaceAfter=1)
    title = f"{labels.RED_FLAG_MARK} {d.both(severity) + ': ' if severity else ''}{d.text.markup(rule.title.en)}"
    content: list[Flowable] = [SheetParagraph(title, title_style)]
    if d.second(rule.title):
        content.append(SheetParagraph(d.text.markup(d.second(rule.title)), title_style))
    content.append(SheetParagraph(d.text.markup(rule.explanation.en), s.body))
    if d.second(rule.explanation):
        content.append(SheetParagraph(d.text.markup(d.second(rule.explanation)), s.body))
    meta = []
    asked = [str(by_id[q].number) for q in flag.question_ids if q in by_id]
    if asked:
        meta.append(f"{d.both(labels.QUESTION)}: {', '.join(asked)}")
    if rule.sources:
        meta.append(f"{d.both(labels.SOURCES_SHORT)}: {d.text.markup(', '.join(rule.sources))}")
    if meta:
        content.append(SheetParagraph(" \u00b7 ".join(meta), d.style(s.detail, "flag_meta", leftIndent=0)))
    box = Table([[content]], colWidths=[d.frame_width])
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, FLAG),
        ("BACKGROUND", (0, 0), (-1, -1), FLAG_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), 6 * s.scale),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6 * s.scale),
        ("TOPPADDING", (0, 0), (-1, -1), 4 * s.scale),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5 * s.scale),
    ]))
    return KeepTogether([box, Spacer(0, 5 * s.scale)])


def _warning_sign(d: SheetDrawing, rule: RedFlagRule) -> list[Flowable]:
    s = d.styles
    title_style = d.style(s.body, "sign", fontName=d.fonts.bold, spaceAfter=0, leftIndent=4 * s.scale,
                               firstLineIndent=-4 * s.scale)
    return [
        SheetParagraph(f"{labels.RED_FLAG_MARK} {d.bilingual(rule.title)}", title_style),
        SheetParagraph(
            d.text.markup(rule.explanation.en) + d.sources(rule.sources),
            d.style(s.detail, "sign_detail", leftIndent=4 * s.scale, spaceAfter=5 * s.scale),
        ),
    ]
