"""The printed sheets: a gathered `QuestionSheet` drawn as a PDF of its kind, and saved safely.

Three kinds, named for who reads them (`app.domain.sheet_content.SHEET_KINDS`):

- the doctor copy, handed across the desk at one clinic: Korean first, a one-page
  summary card, then the patient's picked questions with room for the answers, and
  nothing private. Without a chosen clinic the PDF holds one copy per clinic, each
  starting on a new page and numbered on its own;
- my notebook, the patient's own: what needs attention first (red flags, worries, the
  documents to bring), then the clinics compared, the answers so far, the notes and the
  reference page;
- the full checklist: every question for the condition, per clinic.

Each part of a sheet is built by a module of its own from the gathered content
(`summary_card`, `question_pages`, `red_flag_pages`, `documents_page`,
`comparison_table`, `reference_pages`); `app.export.pages` lays the story out with
the page header, footer and numbers. Output is deterministic (reportlab's invariant
mode, a creation date taken from the sheet's date), so the same sheet gives the same
bytes. `save_pdf` never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Table, TableStyle

from app.domain.facilitator import FacilitatorDetails
from app.domain.formatting import shortened
from app.domain.sheet_content import (
    SECTIONS,
    QuestionSheet,
    SheetOptions,
    blank_sheet,
    gather_sheet,
)
from app.export import labels
from app.export.comparison_table import comparison
from app.export.documents_page import documents
from app.export.drawing import SheetDrawing
from app.export.files import SheetExportError, save_pdf  # noqa: F401  (re-exported: part of this module's API)
from app.export.flowables import PartMarker, SheetParagraph
from app.export.pages import HEADER_CHARS, PDF_SUBJECT, PDF_TITLE, CopyStart, SheetPages  # noqa: F401
from app.export.question_pages import (
    answers_so_far,
    checklist_questions,
    doctor_questions,
)
from app.export.red_flag_pages import attention, checklist_red_flags
from app.export.reference_pages import reference
from app.export.styles import MUTED, SHADE
from app.export.summary_card import (
    CARD_LABEL_MM,
    appointment_line,
    clinic_blank_rows,
    doctor_card,
    patient_summary,
)

if TYPE_CHECKING:
    from app.domain.question_bank import QuestionBank
    from db.store import Store

# reportlab keeps per-document font state on the shared font objects: one render at a time.
_render_lock = threading.Lock()


# ------------------------------------------------------------------ public API


def render_pdf(sheet: QuestionSheet, options: SheetOptions) -> bytes:
    """The sheet as PDF bytes; the same sheet and options always give the same bytes."""
    return render_counted(sheet, options)[0]


def render_counted(sheet: QuestionSheet, options: SheetOptions) -> tuple[bytes, int]:
    """The sheet as PDF bytes, and its number of pages."""
    with _render_lock, _reportlab_settings(invariant=1, useA85=0):
        renderer = SheetRenderer(sheet, options)
        return renderer.pages.build(renderer.story()), renderer.pages.page_count


def render_merged(sheets: Sequence[QuestionSheet], options: SheetOptions) -> tuple[bytes, int]:
    """Several sheets (one per patient) in one PDF, each copy starting a new page and numbered on its own."""
    if not sheets:
        raise ValueError("render_merged needs at least one sheet")
    with _render_lock, _reportlab_settings(invariant=1, useA85=0):
        story: list[Flowable] = []
        renderers = [SheetRenderer(sheet, options) for sheet in sheets]
        for renderer in renderers:
            if story:
                story.append(PageBreak())
            story += renderer.story()
        pages = renderers[0].pages
        return pages.build(story), pages.page_count


@contextlib.contextmanager
def _reportlab_settings(**settings: object) -> Iterator[None]:
    """reportlab settings for one render, put back afterwards.

    `invariant` keeps every byte reproducible; `useA85=0` stores streams as plain
    compressed binary rather than ASCII85 text, which is a quarter smaller and skips an
    encoder that runs in pure Python.
    """
    saved = {name: getattr(rl_config, name) for name in settings}
    for name, value in settings.items():
        setattr(rl_config, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(rl_config, name, value)


def export_sheet(
    store: Store,
    bank: QuestionBank,
    profile_id: int,
    path: Path,
    options: SheetOptions,
    today: date | None = None,
) -> QuestionSheet:
    """Gather, render and save a profile's sheet at `path`; returns what it printed."""
    sheet = gather_sheet(store, bank, profile_id, options, today)
    save_pdf(render_pdf(sheet, options), Path(path))
    return sheet


def export_blank_sheet(
    bank: QuestionBank,
    condition: str,
    path: Path,
    options: SheetOptions,
    today: date | None = None,
    *,
    facilitator: FacilitatorDetails | None = None,
) -> Path:
    """Render and save a blank sheet for `condition`; returns the path written."""
    sheet = blank_sheet(bank, condition, options, today, facilitator=facilitator)
    save_pdf(render_pdf(sheet, options), Path(path))
    return Path(path)


# ------------------------------------------------------------------ the renderer


class SheetRenderer:
    """Draws one `QuestionSheet`: the story of its kind, laid out on the sheet's pages."""

    def __init__(self, sheet: QuestionSheet, options: SheetOptions) -> None:
        self.sheet = sheet
        self.options = options
        self.d = SheetDrawing(
            paper=options.paper, large_print=options.large_print, second_language=options.second_language,
            korean_first=options.kind == "doctor",
        )
        self.pages = SheetPages(sheet, options, self.d)

    def story(self) -> list[Flowable]:
        """Everything the sheet says, as flowables; each copy opens with a `CopyStart`."""
        stories: dict[str, Callable[[], list[Flowable]]] = {
            "doctor": self._doctor_story, "notebook": self._notebook_story, "checklist": self._checklist_story,
        }
        return stories[self.options.kind]()

    # ------------------------------------------------------------ doctor copy

    def _doctor_story(self) -> list[Flowable]:
        """One copy per clinic (or one with a blank clinic line), each from a new page."""
        sheet, d = self.sheet, self.d
        story: list[Flowable] = []
        for entry in sheet.clinics or (None,):
            if story:
                story.append(PageBreak())
            name = shortened(entry.clinic.name, HEADER_CHARS) if entry else ""
            story.append(CopyStart(name, appointment_line(d, entry) if entry else "", self.pages.patient_label()))
            story += self._title_block(labels.DOCTOR_TITLE, entry.clinic.name if entry else "")
            if entry is not None and appointment_line(d, entry):
                # In full here: the page header shortens it to one line.
                story.append(SheetParagraph(d.text.markup(appointment_line(d, entry)), d.styles.body))
            if entry is None:
                # A blank copy: the clinic, doctor and date are written in by hand, on the first page.
                story += d.label_rows(clinic_blank_rows(d), label_mm=CARD_LABEL_MM)
            parts = []
            if self.options.includes("summary"):
                parts.append(doctor_card(d, sheet, self.options))
            if self.options.includes("questions"):
                parts.append(doctor_questions(d, sheet))
            for index, part in enumerate(parts):
                if index:
                    # The questions start a new page, unless the card ran over onto this one.
                    story.append(CondPageBreak(self.pages.frame_height * 0.7))
                story += part
        return self._with_lost_note(story, position=1)

    # ------------------------------------------------------------ notebook

    def _notebook_story(self) -> list[Flowable]:
        """Attention first (flags, worries, documents), then the comparison, the answers, notes, reference."""
        sheet, d, options = self.sheet, self.d, self.options
        all_clinics = self.pages.all_clinics_label()
        story: list[Flowable] = [CopyStart(all_clinics, patient=self.pages.patient_label()),
                                 *self._title_block(labels.NOTEBOOK_TITLE, "", own_copy=True)]
        if options.includes("red_flags"):
            story += attention(d, sheet)
        if options.includes("documents"):
            story += [CondPageBreak(40 * mm * d.styles.scale),
                      *documents(d, sheet, with_ticks=True, short_sources=True)]
        if options.includes("comparison"):
            table = comparison(d, sheet, answered_rows=True)
            if table:
                story += [PageBreak(), PartMarker(all_clinics), *table]
        if options.includes("questions"):
            for part in answers_so_far(d, sheet):
                story += [PageBreak(), *part]
            story += self._notes()
        if options.includes("reference"):
            story += [PageBreak(), PartMarker(all_clinics), *reference(d, sheet)]
        return self._with_lost_note(story, position=1)

    def _notes(self) -> list[Flowable]:
        """The patient's notes and their notes on each clinic (left out with the personal details)."""
        d, s = self.d, self.d.styles
        notes: list[Flowable] = []
        profile = self.sheet.profile
        if profile is not None and profile.notes.strip():
            notes += d.user_paragraphs(profile.notes, s.body)
        for entry in self.sheet.clinics:
            if entry.clinic.notes.strip():
                notes += d.user_paragraphs(entry.clinic.name, s.clinic)
                notes += d.user_paragraphs(entry.clinic.notes, s.body)
        if not notes:
            return []
        return [CondPageBreak(60 * mm * s.scale), SheetParagraph(d.both(labels.MY_NOTES), s.heading), *notes]

    # ------------------------------------------------------------ full checklist

    def _checklist_story(self) -> list[Flowable]:
        """Title block, then the chosen sections in their fixed order.

        Each clinic's questions and the reference start on a new page (they are handed
        out or read on their own); the first section after the clinic pages does too,
        so that its header names every clinic again. The other sections follow on.
        """
        sheet, d, options = self.sheet, self.d, self.options
        all_clinics = self.pages.all_clinics_label()
        title = self._title_block(labels.TITLE, "", own_copy=not sheet.is_blank)
        story: list[Flowable] = [CopyStart(all_clinics, patient=self.pages.patient_label()), *title]
        builders: dict[str, Callable[[], list[list[Flowable]]]] = {
            "summary": lambda: [patient_summary(d, sheet, options)],
            "questions": lambda: checklist_questions(d, sheet, all_clinics),
            "red_flags": lambda: [checklist_red_flags(d, sheet)],
            "documents": lambda: [documents(d, sheet, with_ticks=False, short_sources=False)],
            "comparison": lambda: [comparison(d, sheet, answered_rows=False)],
            "reference": lambda: [reference(d, sheet)],
        }
        previous: str | None = None
        for name in SECTIONS:
            if not options.includes(name):
                continue
            for part in (part for part in builders[name]() if part):
                if previous is not None and (name in ("questions", "reference") or previous == "questions"):
                    story.append(PageBreak())
                    if not isinstance(part[0], PartMarker):
                        story.append(PartMarker(all_clinics))
                elif previous is not None:
                    story.append(CondPageBreak(50 * mm * d.styles.scale))
                story += part
                previous = name
        return self._with_lost_note(story, position=1 + len(title))

    # ------------------------------------------------------------ shared

    def _title_block(self, title: object, clinic: str, *, own_copy: bool = False) -> list[Flowable]:
        """The sheet's title, its condition, the clinic it is for, the date; `own_copy` adds that it stays with
        the patient (a sheet with a patient's answers, prices and notes looks much like one to hand over)."""
        d, s = self.d, self.d.styles
        block: list[Flowable] = [SheetParagraph(d.bilingual(title, "<br/>"), s.title)]  # type: ignore[arg-type]
        subtitle = f"{d.both(labels.SUBTITLE)} \u00b7 {d.bilingual(self.sheet.condition.title)}"
        block.append(SheetParagraph(subtitle, s.subtitle))
        if clinic:
            block += d.user_paragraphs(clinic, d.style(s.clinic, "copy_clinic", spaceBefore=0))
        prepared = f"{d.both(labels.PREPARED)}: {self.sheet.date.isoformat()}"
        block.append(SheetParagraph(f"{prepared}<br/>{d.both(labels.NOT_ADVICE)}", s.note))
        if own_copy:
            block.append(SheetParagraph(f"<b>{d.both(labels.OWN_COPY, '<br/>')}</b>", s.note))
        return block

    def _with_lost_note(self, story: list[Flowable], position: int) -> list[Flowable]:
        """The note that some characters could not be printed, once every text has been converted."""
        self.d.text.runs(self.pages.facilitator_line())  # printed only in the footer, drawn later
        if self.d.text.lost:
            story.insert(position, self._lost_characters_note())
        return story

    def _lost_characters_note(self) -> Flowable:
        d, s = self.d, self.d.styles
        return Table(
            [[SheetParagraph(d.both(labels.LOST_CHARACTERS), s.body)]],
            colWidths=[d.frame_width],
            style=TableStyle([
                ("BOX", (0, 0), (-1, -1), 0.8, MUTED),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * s.scale),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * s.scale),
            ]),
        )
