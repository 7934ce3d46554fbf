"""The patient's summary: who they are and their condition, as a card for the doctor or a full record.

The doctor copy opens with a one-page card a clinician can take in at a glance,
Korean first: the condition and its measure, the diagnosis, medicines, allergies, other
conditions, prior treatments, imaging and the goal. The full checklist prints every
field the patient filled in, and each clinic's details. A blank sheet prints the same
labels with ruled lines to fill in by hand.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.domain.formatting import format_number, format_price
from app.domain.sheet_content import ClinicAnswers, QuestionSheet, SheetOptions
from app.export import labels
from app.export.drawing import WIDE_SPACE, Row, SheetDrawing, hex_colour
from app.export.flowables import SheetParagraph
from app.export.styles import MUTED
from db.fields import PERSONAL_FIELDS

#: Ruled lines on a blank summary for the fields people write most in.
BLANK_LINES = {"medicines": 3, "prior_treatments": 2, "other_conditions": 2, "imaging": 2, "goals": 2, "notes": 2}

#: The doctor's card: who, then the condition and what a clinician needs before treating.
CARD_FIELDS: tuple[str, ...] = (
    "name", "birth_year", "languages", "condition", "diagnosis", "diagnosed", "medicines", "allergies",
    "other_conditions", "prior_treatments", "imaging", "goals",
)

#: The label column of the doctor's card (mm): the Korean and English labels on two lines.
CARD_LABEL_MM = 38.0


def patient_summary(d: SheetDrawing, sheet: QuestionSheet, options: SheetOptions) -> list[Flowable]:
    """The full checklist's "About me" and the clinics the sheet is for."""
    s = d.styles
    part: list[Flowable] = [SheetParagraph(d.both(labels.SUMMARY), s.heading)]
    part += d.label_rows(_patient_rows(d, sheet, options, tuple(labels.PATIENT_FIELDS)))
    if sheet.clinics:
        part.append(SheetParagraph(d.both(labels.FOR_CLINICS), s.heading))
        for entry in sheet.clinics:
            part += clinic_summary(d, entry)
    elif not options.includes("questions"):
        # Otherwise the question pages carry the clinic's name line.
        part.append(SheetParagraph(d.both(labels.FOR_CLINICS), s.heading))
        part += d.label_rows(clinic_blank_rows(d))
    return part


def doctor_card(d: SheetDrawing, sheet: QuestionSheet, options: SheetOptions) -> list[Flowable]:
    """The one-page card for the doctor, Korean first; ruled lines to fill in on a blank sheet."""
    s = d.styles
    part: list[Flowable] = [SheetParagraph(d.both(labels.SUMMARY), s.heading)]
    rows = _patient_rows(d, sheet, options, CARD_FIELDS)
    part += d.label_rows(rows, label_mm=CARD_LABEL_MM)
    return part


def _patient_rows(d: SheetDrawing, sheet: QuestionSheet, options: SheetOptions, fields: tuple[str, ...]) -> list[Row]:
    """The patient's details, or labelled empty lines on a blank sheet."""
    profile = sheet.profile
    rows: list[Row] = []
    joiner = "<br/>" if d.korean_first else " / "
    for key in fields:
        label = labels.PATIENT_FIELDS[key]
        if key in PERSONAL_FIELDS and not options.personal_details:
            continue
        if key == "condition":
            rows.append(Row(d.both(label, joiner), d.bilingual(sheet.condition.title), is_markup=True))
            rows += _measure_rows(d, sheet)
            continue
        if profile is None:
            rows.append(Row(d.both(label, joiner), None, lines=BLANK_LINES.get(key, 1)))
            continue
        value = getattr(profile, key)
        if value is not None and str(value).strip():
            rows.append(Row(d.both(label, joiner), str(value)))
    return rows


def _measure_rows(d: SheetDrawing, sheet: QuestionSheet) -> list[Row]:
    """The condition's measure: the patient's value, or on a blank sheet the scale to circle and how to read it."""
    condition = sheet.condition
    if condition.measure_title is None:
        return []
    label = d.bilingual(condition.measure_title, "<br/>" if d.korean_first else " / ")
    if sheet.profile is not None:
        measure = sheet.measure
        return [Row(label, d.text.markup(measure[1]), is_markup=True)] if measure else []
    if condition.measure_values:
        values = WIDE_SPACE.join(format_number(v) for v in condition.measure_values)
        rows = [Row(label, f"{d.both(labels.CIRCLE_ONE)}:{WIDE_SPACE}<b>{values}</b>", is_markup=True)]
    else:
        rows = [Row(label, None)]
    if condition.measure_help is not None:
        style = d.styles.detail
        help_text = d.bilingual(condition.measure_help, "<br/>")
        rows.append(Row("", f'<font size="{style.fontSize}" color="{hex_colour(MUTED)}">{help_text}</font>',
                        is_markup=True))
    return rows


def clinic_blank_rows(d: SheetDrawing) -> list[Row]:
    return [Row(d.both(labels.CLINIC), None), Row(d.both(labels.DOCTOR), None), Row(d.both(labels.DATE), None)]


def clinic_summary(d: SheetDrawing, entry: ClinicAnswers) -> list[Flowable]:
    clinic = entry.clinic
    rows: list[Row] = []
    for key, label in labels.CLINIC_FIELDS.items():
        if key == "price":
            value = " ".join(part for part in (format_price(clinic.price), clinic.currency.strip()) if part)
        else:
            value = getattr(clinic, key)
        if value.strip():
            rows.append(Row(d.both(label), value))
    booked = {labels.APPOINTMENT: (clinic.appointment or "").replace("T", " "), labels.PLACE: clinic.appointment_place,
              labels.INTERPRETER: clinic.interpreter}
    rows += [Row(d.both(label), value) for label, value in booked.items() if value.strip()]
    return d.user_paragraphs(clinic.name, d.styles.clinic) + d.label_rows(rows)


def appointment_line(d: SheetDrawing, entry: ClinicAnswers) -> str:
    """The clinic's appointment as plain text for a page header: when, where, and the interpreter."""
    clinic = entry.clinic
    parts = []
    if clinic.appointment:
        parts.append(f"{d.plain_both(labels.APPOINTMENT)}: {clinic.appointment.replace('T', ' ')}")
    if clinic.appointment_place.strip():
        parts.append(f"{d.plain_both(labels.PLACE)}: {' '.join(clinic.appointment_place.split())}")
    if clinic.interpreter.strip():
        parts.append(f"{d.plain_both(labels.INTERPRETER)}: {' '.join(clinic.interpreter.split())}")
    return " \u00b7 ".join(parts)
