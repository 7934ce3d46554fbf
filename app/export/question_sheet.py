"""The printed question sheet: a `QuestionSheet` drawn as a bilingual PDF, and saved safely.

A patient takes this sheet into a consultation in Korea, and a facilitator prints it by
the dozen, so it must read well to both sides of the desk: every question and label in
English with the Korean under it, a tick box and ruled space for each answer, the red
flags raised so far, and on every page who it is for, the date and "page N of M".

The layout follows pretix's invoice renderer: page geometry and styles live in
`app.export.styles`, and `SheetRenderer` builds the document, the page furniture and the
story in separate methods and returns bytes. Output is deterministic (reportlab's
invariant mode, a creation date taken from the sheet's date), so the same sheet gives the
same bytes. `save_pdf` never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app import __version__
from app.domain.question_bank import YES_NO_VALUES, OfficialContact, RedFlagRule, Source, Text
from app.domain.sheet_content import (
    SECTIONS,
    ClinicAnswers,
    FacilitatorDetails,
    QuestionSheet,
    SheetOptions,
    SheetQuestion,
    blank_sheet,
    format_number,
    gather_sheet,
)
from app.export import labels
from app.export.flowables import (
    BoxedParagraph,
    PartMarker,
    RuledLines,
    RuledParagraph,
    SheetParagraph,
    TickBoxes,
)
from app.export.fonts import LATIN_FALLBACK, sheet_fonts
from app.export.sheet_text import SheetText, shortened
from app.export.styles import (
    FLAG,
    FLAG_FILL,
    FOOTER_BASELINE_MM,
    HEADER_BASELINE_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MUTED,
    PAGE_SIZES,
    RULE,
    SHADE,
    SUMMARY_LABEL_MM,
    SheetStyles,
    build_styles,
)
from app.export.files import PDF_CREATOR_PREFIX, SheetExportError, save_pdf  # noqa: F401  (re-exported: part of this module's API)
from db.records import PERSONAL_FIELDS, Answer

if TYPE_CHECKING:
    from app.domain.question_bank import QuestionBank
    from app.domain.red_flags import RaisedFlag
    from db.store import Store

#: The PDF's title; the same for every sheet so that no personal data is in the metadata.
PDF_TITLE = "StemPrep question sheet"
PDF_SUBJECT = "Questions for a stem cell therapy consultation"

#: Longest texts put in table cells and page headers; the full text is printed elsewhere.
CELL_CHARS = 90
HEADER_CHARS = 80

#: Gaps that paragraphs keep (reportlab collapses runs of ordinary and em spaces into one).
SPACE = "\u00a0\u00a0"
WIDE_SPACE = "\u00a0" * 5

#: A recorded value longer than this is printed like the clinic's own words, not in bold.
SHORT_VALUE_CHARS = 60

#: Ruled lines on a blank sheet's summary for the fields people write most in.
BLANK_LINES = {"medicines": 3, "prior_treatments": 2, "other_conditions": 2, "imaging": 2, "goals": 2, "notes": 2}

#: A long value in the patient summary is printed below its label instead of beside it.
SUMMARY_INLINE_CHARS = 400

# reportlab keeps per-document font state on the shared font objects: one render at a time.
_render_lock = threading.Lock()


# ------------------------------------------------------------------ public API


def render_pdf(sheet: QuestionSheet, options: SheetOptions) -> bytes:
    """The sheet as PDF bytes; the same sheet and options always give the same bytes."""
    with _render_lock, _reportlab_settings(invariant=1, useA85=0):
        return SheetRenderer(sheet, options).render()


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
) -> Path:
    """Gather, render and save a profile's sheet; returns the path written."""
    sheet = gather_sheet(store, bank, profile_id, options, today)
    save_pdf(render_pdf(sheet, options), Path(path))
    return Path(path)


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


# ------------------------------------------------------------------ the canvas


class _PageCountingCanvas(Canvas):
    """A canvas that holds its pages until the end, so each can say "page N of M"."""

    def __init__(
        self,
        *args: Any,
        page_count_painter: Callable[[Canvas, int, int], None],
        creation_date: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._page_count_painter = page_count_painter
        self.setDateFormatter(lambda *_: creation_date)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self._page_count_painter(self, number, total)
            super().showPage()
        super().save()


class _SheetDocument(BaseDocTemplate):
    """The document template; it remembers which part of the sheet each page belongs to."""

    part_label = ""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        if isinstance(flowable, PartMarker):
            self.part_label = flowable.label


# ------------------------------------------------------------------ the renderer


@dataclass(frozen=True)
class _Row:
    """One line of the patient or clinic summary: a label beside its value.

    `value` None is an empty ruled line to fill in by hand; `is_markup` says the value
    was built by the renderer (bank text, a measure) rather than typed by a user.
    """

    label: str
    value: str | None
    is_markup: bool = False
    lines: int = 1  # ruled lines for an empty value


class SheetRenderer:
    """Draws one `QuestionSheet`: the document, its page furniture and its story."""

    def __init__(self, sheet: QuestionSheet, options: SheetOptions) -> None:
        self.sheet = sheet
        self.options = options
        self.fonts = sheet_fonts()
        self.text = SheetText(self.fonts)
        self.styles: SheetStyles = build_styles(self.fonts, large_print=options.large_print)
        self.lang = options.second_language
        self.page_size = PAGE_SIZES[options.paper]
        self.questions_by_id = {q.id: q for q in sheet.questions}

    # ------------------------------------------------------------ document

    def render(self) -> bytes:
        buffer = BytesIO()
        document = self._document(buffer)
        document.build(self._story(), canvasmaker=self._canvas_maker)
        return buffer.getvalue()

    def _document(self, buffer: BytesIO) -> _SheetDocument:
        document = _SheetDocument(
            buffer,
            pagesize=self.page_size,
            leftMargin=MARGIN_LEFT_MM * mm,
            rightMargin=MARGIN_RIGHT_MM * mm,
            topMargin=self.styles.top_margin,
            bottomMargin=self.styles.bottom_margin,
            title=PDF_TITLE,
            author="",
            subject=PDF_SUBJECT,
            creator=f"{PDF_CREATOR_PREFIX}{__version__}",
            keywords="",
            invariant=1,
            lang="en",
        )
        frame = Frame(
            document.leftMargin, document.bottomMargin, document.width, document.height,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
        )
        document.addPageTemplates([PageTemplate(id="sheet", frames=[frame], onPageEnd=self._draw_furniture)])
        return document

    def _canvas_maker(self, *args: Any, **kwargs: Any) -> Canvas:
        return _PageCountingCanvas(
            *args,
            page_count_painter=self._draw_page_count,
            creation_date=f"D:{self.sheet.date:%Y%m%d}000000+00'00'",
            **kwargs,
        )

    @property
    def _frame_width(self) -> float:
        return self.page_size[0] - (MARGIN_LEFT_MM + MARGIN_RIGHT_MM) * mm

    # ------------------------------------------------------- page furniture

    def _draw_furniture(self, canvas: Canvas, document: _SheetDocument) -> None:
        """The header and footer of a page, all but its page count (drawn once the count is known)."""
        width, height = self.page_size
        left, right = MARGIN_LEFT_MM * mm, width - MARGIN_RIGHT_MM * mm
        size, leading = self.styles.furniture_pt, self.styles.furniture_leading
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)

        top = height - HEADER_BASELINE_MM * mm
        day = self.sheet.date.isoformat()
        day_width = stringWidth(day, self.fonts.regular, size)
        header = " \u00b7 ".join(part for part in (self._patient_label(), document.part_label) if part)
        self._draw_line(canvas, left, top, header, size, right - left - day_width - 6 * mm)
        self._draw_line(canvas, right - day_width, top, day, size, day_width + 1)
        canvas.line(left, top - 0.45 * leading, right, top - 0.45 * leading)

        # From the bottom up: page count (drawn at the end), facilitator beside it or on
        # its own line when it does not fit, then the not-medical-advice line(s).
        lines = self._advice_lines(right - left, size)
        facilitator = self._facilitator_line()
        beside_count = right - left - stringWidth(self._page_label(999, 999), self.fonts.regular, size) - 6 * mm
        bottom = FOOTER_BASELINE_MM * mm
        if facilitator and self._runs_width(self.text.runs(facilitator), size) <= beside_count:
            self._draw_line(canvas, left, bottom, facilitator, size, beside_count)
        elif facilitator:
            lines.append(facilitator)
        for index, line in enumerate(reversed(lines), start=1):
            self._draw_line(canvas, left, bottom + index * leading, line, size, right - left)
        rule_y = bottom + (len(lines) + 1) * leading - 0.3 * leading
        canvas.line(left, rule_y, right, rule_y)
        canvas.restoreState()

    def _draw_page_count(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(self.fonts.regular, self.styles.furniture_pt)
        x = self.page_size[0] - MARGIN_RIGHT_MM * mm
        canvas.drawRightString(x, FOOTER_BASELINE_MM * mm, self._page_label(page, pages))
        canvas.restoreState()

    def _page_label(self, page: int, pages: int) -> str:
        return self._plain_both(labels.PAGE, page=page, pages=pages)

    def _advice_lines(self, width: float, size: float) -> list[str]:
        """The not-medical-advice line; on two lines when both languages do not fit on one."""
        both = self._plain_both(labels.NOT_ADVICE)
        if stringWidth(both, self.fonts.regular, size) <= width:
            return [both]
        return [labels.NOT_ADVICE.en] + ([self._second(labels.NOT_ADVICE)] if self._second(labels.NOT_ADVICE) else [])

    def _draw_line(self, canvas: Canvas, x: float, y: float, text: str, size: float, room: float) -> None:
        """One line of text on the canvas, shortened with "…" to fit in `room` points."""
        runs = self.text.runs(text)
        if self._runs_width(runs, size) > room:
            # The longest shortened form that fits, found by halving: a name can be 10,000 characters.
            flat = "".join(run for run, _ in runs)
            low, high = 1, min(len(flat), int(room / (size * 0.2)) + 1)
            while low < high:
                middle = (low + high + 1) // 2
                if self._runs_width(self.text.runs(shortened(flat, middle)), size) <= room:
                    low = middle
                else:
                    high = middle - 1
            runs = self.text.runs(shortened(flat, low))
        for run, fallback in runs:
            font = LATIN_FALLBACK if fallback else self.fonts.regular
            canvas.setFont(font, size)
            canvas.drawString(x, y, run)
            x += stringWidth(run, font, size)

    def _runs_width(self, runs: list[tuple[str, bool]], size: float) -> float:
        return sum(stringWidth(run, LATIN_FALLBACK if fb else self.fonts.regular, size) for run, fb in runs)

    def _patient_label(self) -> str:
        profile = self.sheet.profile
        if profile is None or not self.options.personal_details:
            return ""
        return shortened(profile.name, HEADER_CHARS // 2)

    def _all_clinics_label(self) -> str:
        return shortened(", ".join(c.clinic.name for c in self.sheet.clinics), HEADER_CHARS)

    def _facilitator_line(self) -> str:
        details = self.sheet.facilitator
        if details is None:
            return ""
        parts = [f"{self._plain_both(labels.FACILITATOR)}: {details.agency}"]
        if details.registration:
            parts.append(f"{self._plain_both(labels.FACILITATOR_REGISTRATION)} {details.registration}")
        if details.contact:
            parts.append(details.contact)
        return " \u00b7 ".join(parts)

    # ---------------------------------------------------------- text helpers

    def _second(self, text: Text) -> str:
        """`text` in the second language, or "" where that would only repeat the English."""
        second = text.get(self.lang)
        return second if second.strip() and second != text.en else ""

    def _plain_both(self, label: Text, **values: object) -> str:
        """An interface label as plain text, "English / 한국어", with `values` filled in."""
        second = self._second(label)
        first = label.en.format(**values)
        return f"{first} / {second.format(**values)}" if second else first

    def _both(self, label: Text, joiner: str = " / ", **values: str) -> str:
        """An interface label as markup, "English / 한국어"; `values` are user text, escaped here."""
        escaped = {key: self.text.markup(value) for key, value in values.items()}
        first = self.text.markup(label.en).format(**escaped)
        second = self._second(label)
        return f"{first}{joiner}{self.text.markup(second).format(**escaped)}" if second else first

    def _bilingual(self, text: Text, joiner: str = " / ") -> str:
        """Bank text as markup: the English, then the second language after `joiner`."""
        second = self._second(text)
        first = self.text.markup(text.en)
        return f"{first}{joiner}{self.text.markup(second)}" if second else first

    def _plain_bilingual(self, text: Text) -> str:
        """Bank text as plain text, "English / 한국어"."""
        second = self._second(text)
        return f"{text.en} / {second}" if second else text.en

    def _sources(self, ids: Iterable[str]) -> str:
        ids = list(ids)
        return f" [{self.text.markup(', '.join(ids))}]" if ids else ""

    def _user_paragraphs(
        self, text: str, style: ParagraphStyle, kind: type[SheetParagraph] = SheetParagraph
    ) -> list[SheetParagraph]:
        """User text as paragraphs, cut into pieces reportlab can split across pages.

        The pieces of one text sit as close as the lines of one paragraph: the style's
        space before goes on the first, its space after on the last.
        """
        pieces = self.text.paragraphs(text)
        if len(pieces) <= 1:
            return [kind(piece, style) for piece in pieces]
        first = style.clone(f"{style.name}_first", spaceAfter=0)
        middle = style.clone(f"{style.name}_middle", spaceBefore=0, spaceAfter=0)
        last = style.clone(f"{style.name}_last", spaceBefore=0)
        return [
            kind(piece, first if index == 0 else last if index == len(pieces) - 1 else middle)
            for index, piece in enumerate(pieces)
        ]

    # ---------------------------------------------------------------- story

    def _story(self) -> list[Flowable]:
        """Title block, then the chosen sections in their fixed order.

        Each clinic's questions and the reference start on a new page (they are handed
        out or read on their own); the first section after the clinic pages does too,
        so that its header names every clinic again. The other sections follow on.
        """
        title = self._title_block()
        story: list[Flowable] = [PartMarker(self._all_clinics_label()), *title]
        builders: dict[str, Callable[[], list[list[Flowable]]]] = {
            "summary": lambda: [self._summary()],
            "questions": self._questions,
            "red_flags": lambda: [self._red_flags()],
            "documents": lambda: [self._documents()],
            "comparison": lambda: [self._comparison()],
            "reference": lambda: [self._reference()],
        }
        previous: str | None = None
        for name in SECTIONS:
            if not self.options.includes(name):
                continue
            parts = [part for part in builders[name]() if part]
            for part in parts:
                if previous is not None and (name in ("questions", "reference") or previous == "questions"):
                    story.append(PageBreak())
                    if not isinstance(part[0], PartMarker):
                        story.append(PartMarker(self._all_clinics_label()))
                elif previous is not None:
                    story.append(CondPageBreak(50 * mm * self.styles.scale))
                story += part
                previous = name
        self.text.runs(self._facilitator_line())  # printed only in the footer, drawn later
        if self.text.lost:
            # Known only once every text has been through SheetText; printed on the first page.
            story.insert(1 + len(title), self._lost_characters_note())
        return story

    def _title_block(self) -> list[Flowable]:
        s = self.styles
        block: list[Flowable] = [SheetParagraph(self._bilingual(labels.TITLE, "<br/>"), s.title)]
        subtitle = f"{self._both(labels.SUBTITLE)} \u00b7 {self._bilingual(self.sheet.condition.title)}"
        block.append(SheetParagraph(subtitle, s.subtitle))
        prepared = f"{self._both(labels.PREPARED)}: {self.sheet.date.isoformat()}"
        block.append(SheetParagraph(f"{prepared}<br/>{self._both(labels.NOT_ADVICE)}", s.note))
        return block

    def _lost_characters_note(self) -> Flowable:
        s = self.styles
        return Table(
            [[SheetParagraph(self._both(labels.LOST_CHARACTERS), s.body)]],
            colWidths=[self._frame_width],
            style=TableStyle([
                ("BOX", (0, 0), (-1, -1), 0.8, MUTED),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * s.scale),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * s.scale),
            ]),
        )

    # ---------------------------------------------------------------- summary

    def _summary(self) -> list[Flowable]:
        s = self.styles
        part: list[Flowable] = [SheetParagraph(self._both(labels.SUMMARY), s.heading)]
        part += self._label_rows(self._patient_rows())
        if self.sheet.clinics:
            part.append(SheetParagraph(self._both(labels.FOR_CLINICS), s.heading))
            for entry in self.sheet.clinics:
                part += self._clinic_summary(entry)
        elif not self.options.includes("questions"):
            # Otherwise the question pages carry the clinic's name line.
            part.append(SheetParagraph(self._both(labels.FOR_CLINICS), s.heading))
            part += self._label_rows(self._clinic_blank_rows())
        return part

    def _patient_rows(self) -> list[_Row]:
        """The patient's details, or labelled empty lines on a blank sheet."""
        profile = self.sheet.profile
        condition = self.sheet.condition
        rows: list[_Row] = []
        for key, label in labels.PATIENT_FIELDS.items():
            if key in PERSONAL_FIELDS and not self.options.personal_details:
                continue
            if key == "condition":
                rows.append(_Row(self._both(label), self._bilingual(condition.title), is_markup=True))
                rows += self._measure_rows()
                continue
            if profile is None:
                rows.append(_Row(self._both(label), None, lines=BLANK_LINES.get(key, 1)))
                continue
            value = getattr(profile, key)
            if value is not None and str(value).strip():
                rows.append(_Row(self._both(label), str(value)))
        return rows

    def _measure_rows(self) -> list[_Row]:
        """The condition's measure: the patient's value, or on a blank sheet the scale to circle
        and how to read it."""
        condition = self.sheet.condition
        if condition.measure_title is None:
            return []
        label = self._bilingual(condition.measure_title)
        if self.sheet.profile is not None:
            measure = self.sheet.measure
            return [_Row(label, self.text.markup(measure[1]), is_markup=True)] if measure else []
        if condition.measure_values:
            values = WIDE_SPACE.join(format_number(v) for v in condition.measure_values)
            rows = [_Row(label, f"{self._both(labels.CIRCLE_ONE)}:{WIDE_SPACE}<b>{values}</b>", is_markup=True)]
        else:
            rows = [_Row(label, None)]
        if condition.measure_help is not None:
            style = self.styles.detail
            help_text = self._bilingual(condition.measure_help, "<br/>")
            rows.append(_Row("", f'<font size="{style.fontSize}" color="{_hex(MUTED)}">{help_text}</font>',
                             is_markup=True))
        return rows

    def _clinic_blank_rows(self) -> list[_Row]:
        return [_Row(self._both(labels.CLINIC), None), _Row(self._both(labels.DOCTOR), None),
                _Row(self._both(labels.DATE), None)]

    def _clinic_summary(self, entry: ClinicAnswers) -> list[Flowable]:
        clinic = entry.clinic
        rows: list[_Row] = []
        for key, label in labels.CLINIC_FIELDS.items():
            if key == "price":
                value = " ".join(part for part in (_format_price(clinic.price), clinic.currency.strip()) if part)
            else:
                value = getattr(clinic, key)
            if value.strip():
                rows.append(_Row(self._both(label), value))
        return self._user_paragraphs(clinic.name, self.styles.clinic) + self._label_rows(rows)

    def _label_rows(self, rows: list[_Row]) -> list[Flowable]:
        """Labels beside their values, a row at a time.

        Each row is its own small table, so a heading stays with the first row only and
        the rows flow onto the next page; a long value goes below its label instead, as
        plain paragraphs, because a table row cannot continue on the next page and a
        10,000-character note must.
        """
        s = self.styles
        label_width = SUMMARY_LABEL_MM * mm * s.scale
        widths = [label_width, self._frame_width - label_width]
        flowables: list[Flowable] = []
        for row in rows:
            label = SheetParagraph(row.label, s.label)
            if row.value is None:
                value: Flowable = RuledLines(row.lines, s.body.leading * 1.4, colour=RULE)
            elif row.is_markup:
                value = SheetParagraph(row.value, s.body)
            elif len(row.value) <= SUMMARY_INLINE_CHARS and "\n" not in row.value.strip():
                value = SheetParagraph(self.text.markup(row.value), s.body)
            else:
                flowables.append(SheetParagraph(row.label, s.label.clone("label_above", spaceBefore=3 * s.scale,
                                                                         keepWithNext=1)))
                flowables += self._user_paragraphs(row.value, s.body)
                continue
            flowables.append(Table([[label, value]], colWidths=widths, hAlign="LEFT", style=self._row_style))
        return flowables

    @functools.cached_property
    def _row_style(self) -> TableStyle:
        s = self.styles
        return TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), 4 * s.scale),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5 * s.scale),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * s.scale),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, SHADE),
        ])

    # -------------------------------------------------------------- questions

    def _questions(self) -> list[list[Flowable]]:
        """One part per clinic (each begins a new page), or one part with a blank clinic line."""
        entries: list[ClinicAnswers | None] = list(self.sheet.clinics) or [None]
        parts = []
        for entry in entries:
            label = shortened(entry.clinic.name, HEADER_CHARS) if entry else self._all_clinics_label()
            parts.append([PartMarker(label), *self._question_pages(entry)])
        return parts

    def _question_pages(self, entry: ClinicAnswers | None) -> list[Flowable]:
        s = self.styles
        part: list[Flowable] = []
        if entry is None:
            part.append(SheetParagraph(self._both(labels.QUESTIONS), s.heading))
            part += self._label_rows(self._clinic_blank_rows())
        elif len(entry.clinic.name) <= HEADER_CHARS:
            heading = self._both(labels.QUESTIONS_FOR, joiner="<br/>", clinic=entry.clinic.name)
            part.append(SheetParagraph(heading, s.heading))
        else:
            part.append(SheetParagraph(self._both(labels.QUESTIONS), s.heading))
            part += self._user_paragraphs(entry.clinic.name, s.clinic)
        part.append(SheetParagraph(self._legend(), s.note))
        for group in self.sheet.groups:
            heading = SheetParagraph(self._bilingual(group.category.title), s.category)
            for index, question in enumerate(group.questions):
                block = self._question_block(question, entry)
                # The heading travels with its first question, never alone at a page's foot.
                part.append(KeepTogether([heading, *block] if index == 0 else block))
        return part

    def _legend(self) -> str:
        return WIDE_SPACE.join(
            f"{labels.PRIORITY_MARK[p]} {self._both(labels.PRIORITY[p])}" for p in labels.PRIORITY
        )

    def _question_block(self, question: SheetQuestion, entry: ClinicAnswers | None) -> list[Flowable]:
        """Tick box, number and priority, the question in both languages, why to ask, the answer space."""
        s = self.styles
        priority = labels.PRIORITY.get(question.priority)
        head = f"{question.number}.{SPACE}{labels.PRIORITY_MARK.get(question.priority, '')} "
        head += self._both(priority) if priority else self.text.markup(question.priority)
        if question.is_custom:
            head += f" \u00b7 {self._both(labels.MY_QUESTION)}"
        english = [f'<b><font size="{s.size(s.QUESTION_EN_PT)}">{piece}</font></b>'
                   for piece in self.text.paragraphs(question.text.en)]
        second = self.text.paragraphs(self._second(question.text))
        # Head, English and Korean share one paragraph (one to lay out, not three) when they are short.
        lines = [f'<font size="{s.size(s.QUESTION_HEAD_PT)}" color="{_hex(MUTED)}"><b>{head}</b></font>']
        lines.append(english.pop(0) if english else "")
        if not english and second:
            lines.append(second.pop(0))
        boxed = BoxedParagraph("<br/>".join(lines), s.question)
        boxed.box_size = s.tick_box
        block: list[Flowable] = [boxed]
        block += [SheetParagraph(piece, s.question) for piece in english]
        block += [SheetParagraph(piece, s.question) for piece in second]
        if question.why is not None:
            why = f"<b>{self._both(labels.WHY)}:</b> {self.text.markup(question.why.en)}"
            block.append(SheetParagraph(why + self._sources(question.sources), s.detail))
        block += self._answer_area(question, entry)
        block.append(Spacer(0, 6 * s.scale))
        return block

    def _answer_area(self, question: SheetQuestion, entry: ClinicAnswers | None) -> list[Flowable]:
        """The ruled space for the answer, with the recorded answer written on it when there is one."""
        s = self.styles
        answer = entry.answer(question.id) if entry else None
        recorded = self._recorded_answer(question, answer)
        area: list[Flowable] = []
        if recorded is None:
            area += self._empty_answer(question)
        else:
            value, words = recorded
            pieces = self.text.paragraphs(words)
            first = f"<b>{self._both(labels.ANSWER)}:</b> {value}"
            if pieces:
                first += (" \u2014 " if value else "") + pieces.pop(0)
            area += [self._ruled(first), *(self._ruled(piece) for piece in pieces)]
        for flag in entry.flags_for(question.id) if entry else ():
            area.append(SheetParagraph(
                f"{labels.RED_FLAG_MARK} {self._both(labels.RED_FLAG)}: {self._bilingual(flag.rule.title)}", s.flag
            ))
        if answer is not None and answer.flagged:
            area.append(SheetParagraph(f"{labels.PATIENT_MARK} {self._both(labels.PATIENT_FLAG)}", s.flag))
        if recorded is not None:
            # A spare line for what the clinic adds when the answer is read back.
            area.append(RuledLines(1, s.answer.leading, s.answer.leftIndent, RULE))
        return area

    def _ruled(self, markup: str) -> RuledParagraph:
        paragraph = RuledParagraph(markup, self.styles.answer)
        paragraph.rule_colour = RULE
        return paragraph

    def _empty_answer(self, question: SheetQuestion) -> list[Flowable]:
        s = self.styles
        area: list[Flowable] = []
        if question.answer_kind == "yes-no":
            area.append(self._tick_boxes([self.text.plain(self._plain_both(labels.YES_NO[v])) for v in YES_NO_VALUES]))
        elif question.answer_kind == "choice":
            area.append(self._tick_boxes([self.text.plain(self._plain_bilingual(c.text)) for c in question.choices]))
        lines = 1
        if question.answer_kind == "text":
            lines = 3 if question.priority == "essential" else 2
        label = f"{self._plain_both(labels.ANSWER)}:"
        area.append(RuledLines(lines, s.answer.leading, s.answer.leftIndent, RULE, label=label,
                               font=self.fonts.bold, size=s.answer.fontSize))
        return area

    def _tick_boxes(self, options: list[str]) -> Flowable:
        """Tick boxes for a yes/no or choice answer, drawn beside their labels."""
        s = self.styles
        return TickBoxes(options, self.fonts.regular, s.body.fontSize, s.body.leading * 1.25, s.tick_box,
                         s.question_indent)

    def _recorded_answer(self, question: SheetQuestion, answer: Answer | None) -> tuple[str, str] | None:
        """(the answer in words the sheet knows, as markup; the rest as typed), or None when nothing is recorded.

        A value the sheet cannot name (a long number, text where a choice was expected)
        is printed with the clinic's own words, so that it flows like them.
        """
        if answer is None:
            return None
        value, words = answer.value.strip(), answer.text.strip()
        known = self._answer_value(question, value)
        typed = "\n".join(part for part in (value if known is None else "", words) if part)
        if answer.status == "skipped":
            return " ".join(part for part in (f"<b>{self._both(labels.SKIPPED)}</b>", known) if part), typed
        if known or typed:
            return known or "", typed
        if answer.status == "asked":
            return self._both(labels.ASKED_NO_ANSWER), ""
        return None

    def _answer_value(self, question: SheetQuestion, value: str) -> str | None:
        """A structured answer in words: "Yes / 예", a choice in both languages, or a short value as given."""
        if not value:
            return ""
        if question.answer_kind == "yes-no" and value in labels.YES_NO:
            return f"<b>{self._both(labels.YES_NO[value])}</b>"
        for choice in question.choices:
            if choice.id == value:
                return f"<b>{self._bilingual(choice.text)}</b>"
        if len(value) <= SHORT_VALUE_CHARS and "\n" not in value:
            return f"<b>{self.text.markup(value)}</b>"
        return None

    # -------------------------------------------------------------- red flags

    def _red_flags(self) -> list[Flowable]:
        s = self.styles
        part: list[Flowable] = [
            SheetParagraph(self._both(labels.RED_FLAGS), s.heading),
            SheetParagraph(self._both(labels.RED_FLAGS_INTRO), s.note),
        ]
        if not self.sheet.clinics:
            part.append(SheetParagraph(self._both(labels.WARNING_SIGNS), s.category))
            part += [KeepTogether(self._warning_sign(rule)) for rule in self.sheet.warning_signs]
            return part
        for entry in self.sheet.clinics:
            part += self._user_paragraphs(entry.clinic.name, s.category)
            if not entry.flags:
                part.append(SheetParagraph(self._both(labels.NO_RED_FLAGS), s.body))
            part += [self._flag_box(flag) for flag in entry.flags]
            flagged = [self.questions_by_id[qid] for qid in entry.patient_flagged() if qid in self.questions_by_id]
            if flagged:
                part.append(SheetParagraph(self._both(labels.PATIENT_FLAGGED), s.clinic))
            for question in sorted(flagged, key=lambda q: q.number):
                number = self._both(labels.QUESTION_NUMBER, number=str(question.number))
                text = self.text.markup(shortened(question.text.en, CELL_CHARS * 2))
                part.append(SheetParagraph(f"{labels.PATIENT_MARK} <b>{number}</b>: {text}", s.body))
        return part

    def _flag_box(self, flag: RaisedFlag) -> Flowable:
        s = self.styles
        rule = flag.rule
        severity = labels.SEVERITY.get(rule.severity)
        title_style = s.body.clone("flag_title", fontName=self.fonts.bold, textColor=FLAG, spaceAfter=1)
        title = f"{labels.RED_FLAG_MARK} {self._both(severity) + ': ' if severity else ''}{self.text.markup(rule.title.en)}"
        content: list[Flowable] = [SheetParagraph(title, title_style)]
        if self._second(rule.title):
            content.append(SheetParagraph(self.text.markup(self._second(rule.title)), title_style))
        content.append(SheetParagraph(self.text.markup(rule.explanation.en), s.body))
        if self._second(rule.explanation):
            content.append(SheetParagraph(self.text.markup(self._second(rule.explanation)), s.body))
        meta = []
        asked = [str(self.questions_by_id[q].number) for q in flag.question_ids if q in self.questions_by_id]
        if asked:
            meta.append(f"{self._both(labels.QUESTION)}: {', '.join(asked)}")
        if rule.sources:
            meta.append(f"{self._both(labels.SOURCES_SHORT)}: {self.text.markup(', '.join(rule.sources))}")
        if meta:
            content.append(SheetParagraph(" \u00b7 ".join(meta), s.detail.clone("flag_meta", leftIndent=0)))
        box = Table([[content]], colWidths=[self._frame_width])
        box.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 1.2, FLAG),
            ("BACKGROUND", (0, 0), (-1, -1), FLAG_FILL),
            ("LEFTPADDING", (0, 0), (-1, -1), 6 * s.scale),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6 * s.scale),
            ("TOPPADDING", (0, 0), (-1, -1), 4 * s.scale),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5 * s.scale),
        ]))
        return KeepTogether([box, Spacer(0, 5 * s.scale)])

    def _warning_sign(self, rule: RedFlagRule) -> list[Flowable]:
        s = self.styles
        title_style = s.body.clone("sign", fontName=self.fonts.bold, spaceAfter=0, leftIndent=4 * s.scale,
                                   firstLineIndent=-4 * s.scale)
        return [
            SheetParagraph(f"{labels.RED_FLAG_MARK} {self._bilingual(rule.title)}", title_style),
            SheetParagraph(
                self.text.markup(rule.explanation.en) + self._sources(rule.sources),
                s.detail.clone("sign_detail", leftIndent=4 * s.scale, spaceAfter=5 * s.scale),
            ),
        ]

    # -------------------------------------------------------------- documents

    def _documents(self) -> list[Flowable]:
        s = self.styles
        if not self.sheet.documents:
            return []
        part: list[Flowable] = [SheetParagraph(self._both(labels.DOCUMENTS), s.heading)]
        style = s.question.clone("document")
        for document in self.sheet.documents:
            box = BoxedParagraph(self.text.markup(document.text.en), style)
            box.box_size = s.tick_box
            item: list[Flowable] = [box]
            if self._second(document.text):
                item.append(SheetParagraph(self.text.markup(self._second(document.text)), s.question))
            if document.why is not None:
                item.append(SheetParagraph(self.text.markup(document.why.en) + self._sources(document.sources), s.detail))
            item.append(Spacer(0, 5 * s.scale))
            part.append(KeepTogether(item))
        return part

    # ------------------------------------------------------------- comparison

    def _comparison(self) -> list[Flowable]:
        s = self.styles
        clinics = self.sheet.clinics
        questions = self.sheet.essential_questions
        if not clinics or not questions:
            return []
        header = [SheetParagraph(self._bilingual(labels.QUESTION, "<br/>"), s.cell_head)] + [
            SheetParagraph(self.text.markup(shortened(c.clinic.name, CELL_CHARS // 2)), s.cell_head) for c in clinics
        ]
        rows: list[list[Flowable]] = [header]
        flagged_cells: list[tuple[int, int]] = []
        for row, question in enumerate(questions, start=1):
            text = self.text.markup(shortened(question.text.en, CELL_CHARS))
            cells = [SheetParagraph(f"<b>{question.number}.</b> {text}", s.cell)]
            for column, entry in enumerate(clinics, start=1):
                markup, flagged = self._comparison_cell(question, entry)
                cells.append(SheetParagraph(markup, s.cell))
                if flagged:
                    flagged_cells.append((column, row))
            rows.append(cells)
        first = self._frame_width * (0.4 if len(clinics) <= 3 else 0.28)
        rest = (self._frame_width - first) / len(clinics)
        table = Table(rows, colWidths=[first] + [rest] * len(clinics), repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(self._grid() + [("BACKGROUND", c, c, FLAG_FILL) for c in flagged_cells]))
        return [
            SheetParagraph(self._both(labels.COMPARISON), s.heading),
            SheetParagraph(self._both(labels.COMPARISON_INTRO), s.note),
            table,
        ]

    def _comparison_cell(self, question: SheetQuestion, entry: ClinicAnswers) -> tuple[str, bool]:
        """A short answer for the comparison table, and whether it raised a red flag."""
        answer = entry.answer(question.id)
        recorded = self._recorded_answer(question, answer)
        if recorded is None:
            words = f'<font color="{_hex(MUTED)}">{self._both(labels.NOT_ASKED)}</font>'
        else:
            value, said = recorded
            short = self.text.markup(shortened(said, CELL_CHARS // 2 if value else CELL_CHARS)) if said.strip() else ""
            words = " \u2014 ".join(part for part in (value, short) if part)
        flags = entry.flags_for(question.id)
        marks = ""
        if flags:
            marks += f'<font color="{_hex(FLAG)}"><b>{labels.RED_FLAG_MARK} {self._both(labels.RED_FLAG)}</b></font><br/>'
        if answer is not None and answer.flagged:
            marks += f"{labels.PATIENT_MARK} "
        return marks + words, bool(flags)

    def _grid(self) -> list[tuple[Any, ...]]:
        s = self.styles
        return [
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * s.scale),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 * s.scale),
        ]

    # -------------------------------------------------------------- reference

    def _reference(self) -> list[Flowable]:
        s = self.styles
        reference = self.sheet.reference
        part: list[Flowable] = [
            SheetParagraph(self._both(labels.REFERENCE), s.heading),
            SheetParagraph(self._bilingual(reference.note, "<br/>"), s.note),
            SheetParagraph(self._both(labels.PRODUCTS), s.category),
            SheetParagraph(f"{self._both(labels.CHECKED)}: {self.text.markup(reference.checked)}", s.note),
            self._products_table(),
        ]
        if reference.contacts:
            part.append(SheetParagraph(self._both(labels.CONTACTS), s.category))
            part += [KeepTogether(self._contact(contact)) for contact in reference.contacts]
        if self.sheet.sources:
            part.append(SheetParagraph(self._both(labels.SOURCES), s.category))
            # In number order, so that "[S58]" on a question page is quick to find here.
            part += [self._source_line(source) for source in sorted(self.sheet.sources, key=_source_order)]
        return part

    def _products_table(self) -> Flowable:
        s = self.styles
        rows: list[list[Flowable]] = [[SheetParagraph(self._bilingual(c, "<br/>"), s.cell_head)
                                       for c in labels.PRODUCT_COLUMNS]]
        for product in self.sheet.reference.products:
            name = f"<b>{self._bilingual(product.name, '<br/>')}</b>{self._sources(product.sources)}"
            rows.append([
                SheetParagraph(name, s.cell),
                SheetParagraph(self.text.markup(product.company), s.cell),
                SheetParagraph(self.text.markup(product.approved), s.cell),
                SheetParagraph(self._bilingual(product.cell_source, "<br/>"), s.cell),
                SheetParagraph(self._bilingual(product.indication, "<br/>"), s.cell),
            ])
        widths = [self._frame_width * w for w in (0.22, 0.15, 0.14, 0.23, 0.26)]
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(self._grid()))
        return table

    def _contact(self, contact: OfficialContact) -> list[Flowable]:
        s = self.styles
        line = f"<b>{self._bilingual(contact.name)}</b>: {self.text.markup(contact.value)}"
        details = self._bilingual(contact.what) + self._sources(contact.sources)
        if contact.checked:
            details += f" \u00b7 {self._both(labels.CHECKED)}: {self.text.markup(contact.checked)}"
        return [
            SheetParagraph(line, s.body.clone("contact", spaceAfter=0)),
            SheetParagraph(details, s.detail.clone("contact_detail", leftIndent=4 * s.scale, spaceAfter=4 * s.scale)),
        ]

    def _source_line(self, source: Source) -> Flowable:
        s = self.styles
        line = f"<b>{self.text.markup(source.id)}</b>{SPACE}{self.text.markup(source.title)}"
        if source.url:
            url = self.text.markup(source.url)
            line += f' \u2014 <a href="{url}">{url}</a>'
        if source.checked:
            line += f" ({self._both(labels.CHECKED)}: {self.text.markup(source.checked)})"
        if source.caution:
            line += f" <b>[{self._both(labels.CAUTION)}]</b>"
        return SheetParagraph(line, s.detail.clone("source", leftIndent=0, spaceAfter=2 * s.scale))


def _format_price(price: float | None) -> str:
    if price is None:
        return ""
    return f"{price:,.0f}" if float(price).is_integer() else f"{price:,.2f}"


def _hex(colour: Any) -> str:
    return "#" + colour.hexval()[2:]


def _source_order(source: Source) -> tuple[int, str]:
    """S2 before S10 before S10b; ids without a number ("S-example") last."""
    match = re.match(r"S(\d+)(.*)", source.id)
    return (int(match.group(1)), match.group(2)) if match else (1 << 30, source.id)
