"""The clinics side by side: what each said to the questions, in a table that never cuts text.

Only in the patient's own sheets, and only with two clinics or more. A row is a
question at least one clinic has answered (the essential ones, on the full
checklist); each cell holds the whole answer and wraps, and a long row continues
on the next page. The quoted prices come first, each in its own currency.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.domain.formatting import format_price
from app.domain.sheet_content import ClinicAnswers, QuestionSheet, SheetQuestion
from app.export import labels
from app.export.drawing import SheetDrawing, hex_colour
from app.export.flowables import SheetParagraph
from app.export.question_pages import recorded_answer
from app.export.styles import FLAG, FLAG_FILL, MUTED

#: Longest clinic name printed at the head of the table's columns (it repeats on every page).
HEAD_NAME_CHARS = 120

#: Most clinics side by side in one table; the others follow in tables of their own below it,
#: so that no column is too narrow for its words.
CLINICS_PER_TABLE = 4


def comparison(d: SheetDrawing, sheet: QuestionSheet, *, answered_rows: bool) -> list[Flowable]:
    """The table; `answered_rows` keeps the questions any clinic answered, else the essential ones."""
    s = d.styles
    clinics = sheet.clinics
    if len(clinics) < 2:
        return []
    if answered_rows:
        questions = [q for q in sheet.questions
                     if any(recorded_answer(d, q, entry.answer(q.id)) is not None for entry in clinics)]
    else:
        questions = list(sheet.essential_questions)
    # A name too long to repeat at the head of every page is numbered there and given whole above the table.
    numbered = any(len(c.clinic.name) > HEAD_NAME_CHARS for c in clinics)
    prices = [" ".join(p for p in (format_price(c.clinic.price), c.clinic.currency.strip()) if p) for c in clinics]
    if not questions and not any(prices):
        return []
    tables: list[Flowable] = []
    for start in range(0, len(clinics), CLINICS_PER_TABLE):
        if tables:
            tables.append(Spacer(0, 10 * s.scale))
        tables.append(_table(d, questions, clinics, range(start, min(start + CLINICS_PER_TABLE, len(clinics))),
                             prices if any(prices) else None, numbered))
    intro = labels.COMPARISON_ANSWERED if answered_rows else labels.COMPARISON_INTRO
    names: list[Flowable] = []
    if numbered:
        for n, entry in enumerate(clinics, start=1):
            names += d.user_paragraphs(f"{labels.CLINIC.en} {n}: {entry.clinic.name}", s.body)
    return [
        SheetParagraph(d.both(labels.COMPARISON), s.heading),
        SheetParagraph(d.both(intro), s.note),
        *names,
        *tables,
    ]


def _table(
    d: SheetDrawing, questions: list[SheetQuestion], clinics: tuple[ClinicAnswers, ...], columns: range,
    prices: list[str] | None, numbered: bool,
) -> Table:
    """The questions against the clinics numbered `columns` (from 0), with their prices when any has one."""
    s = d.styles
    heads = [f"{d.both(labels.CLINIC)} {n + 1}" if numbered else d.text.markup(clinics[n].clinic.name)
             for n in columns]
    header = [SheetParagraph(d.bilingual(labels.QUESTION, "<br/>"), s.cell_head)] + [
        SheetParagraph(head, s.cell_head) for head in heads
    ]
    rows: list[list[Flowable]] = [header]
    if prices is not None:
        rows.append([SheetParagraph(f"<b>{d.both(labels.CLINIC_FIELDS['price'])}</b>", s.cell)]
                    + [SheetParagraph(d.text.markup(prices[n]), s.cell) for n in columns])
    flagged_cells: list[tuple[int, int]] = []
    for question in questions:
        row = len(rows)
        cells = [SheetParagraph(f"<b>{question.number}.</b> {d.text.markup(question.text.en)}", s.cell)]
        for column, n in enumerate(columns, start=1):
            markup, flagged = _cell(d, question, clinics[n])
            cells.append(SheetParagraph(markup, s.cell))
            if flagged:
                flagged_cells.append((column, row))
        rows.append(cells)
    first = d.frame_width * (0.34 if len(columns) <= 3 else 0.24)
    rest = (d.frame_width - first) / len(columns)
    table = Table(rows, colWidths=[first] + [rest] * len(columns), repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle(d.grid() + [("BACKGROUND", c, c, FLAG_FILL) for c in flagged_cells]))
    return table


def _cell(d: SheetDrawing, question: SheetQuestion, entry: ClinicAnswers) -> tuple[str, bool]:
    """The whole answer for the table, and whether it raised a red flag."""
    answer = entry.answer(question.id)
    recorded = recorded_answer(d, question, answer)
    if recorded is None:
        words = f'<font color="{hex_colour(MUTED)}">{d.both(labels.NOT_ASKED)}</font>'
    else:
        value, said = recorded
        typed = "<br/>".join(d.text.paragraphs(said))
        words = " \u2014 ".join(part for part in (value, typed) if part)
    flags = entry.flags_for(question.id)
    marks = ""
    if flags:
        marks += f'<font color="{hex_colour(FLAG)}"><b>{labels.RED_FLAG_MARK} {d.both(labels.RED_FLAG)}</b></font><br/>'
    if answer is not None and answer.flagged:
        marks += f"{labels.PATIENT_MARK} "
    return marks + words, bool(flags)
