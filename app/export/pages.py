"""The paper around a sheet's content: the document, its page header and footer, and page numbers.

Every page says who and what it is for, the date, that it is not medical advice, the
agency that prepared it (when one is set) and its number. Page numbers are drawn once
all pages are laid out, so a page can say "1/3". A PDF can hold several copies (the
doctor copy for each clinic): each copy starts on a new page with a `CopyStart` mark
and is numbered on its own, so the copies can be separated and handed out.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from io import BytesIO
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app import __version__
from app.domain.formatting import shortened
from app.domain.sheet_content import QuestionSheet, SheetOptions
from app.export import labels
from app.export.drawing import SheetDrawing
from app.export.files import PDF_CREATOR_PREFIX
from app.export.flowables import PartMarker
from app.export.fonts import LATIN_FALLBACK
from app.export.styles import (
    FOOTER_BASELINE_MM,
    FOOTER_GAP_MM,
    HEADER_BASELINE_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MUTED,
    RULE,
)

#: The PDF's title; the same for every sheet so that no personal data is in the metadata.
PDF_TITLE = "StemPrep question sheet"
PDF_SUBJECT = "Questions for a stem cell therapy consultation"

#: Between the agency's name, its registration number and its contact in the footer.
FACILITATOR_SEPARATOR = " \u00b7 "

#: Longest texts put in page headers; the full text is printed elsewhere.
HEADER_CHARS = 80


class CopyStart(PartMarker):
    """The start of one copy in a PDF of several: its pages are numbered on their own.

    `detail` is a second header line for the copy's pages (the clinic's appointment);
    `patient` names whom the copy is for (several patients share a merged PDF).
    """

    def __init__(self, label: str, detail: str = "", patient: str = "") -> None:
        super().__init__(label)
        self.detail = detail
        self.patient = patient


class _PageCountingCanvas(Canvas):
    """A canvas that holds its pages until the end, so each can say "page N of M"."""

    def __init__(
        self,
        *args: Any,
        page_count_painter: Callable[[Canvas, int], None],
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
        for index, page in enumerate(self._pages):
            self.__dict__.update(page)
            self._page_count_painter(self, index)
            super().showPage()
        super().save()


class _SheetDocument(BaseDocTemplate):
    """The document template; it remembers which part and copy each page belongs to."""

    part_label = ""
    copy_detail = ""
    copy_patient = ""
    copy_number = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        if isinstance(flowable, CopyStart):
            self.copy_number += 1
            self.copy_detail = flowable.detail
            self.copy_patient = flowable.patient
        if isinstance(flowable, PartMarker):
            self.part_label = flowable.label


class SheetPages:
    """Lays a story out on pages with the sheet's header, footer and page numbers."""

    def __init__(self, sheet: QuestionSheet, options: SheetOptions, drawing: SheetDrawing) -> None:
        self.sheet = sheet
        self.options = options
        self.d = drawing
        self._copy_of_page: list[int] = []  # the copy each laid-out page belongs to

    def build(self, story: list[Flowable]) -> bytes:
        buffer = BytesIO()
        document = self._document(buffer)
        document.build(story, canvasmaker=self._canvas_maker)
        return buffer.getvalue()

    @property
    def frame_height(self) -> float:
        """The height the content has on a page, in points."""
        s = self.d.styles
        return self.d.page_size[1] - s.top_margin - self.bottom_margin

    @property
    def page_count(self) -> int:
        """The pages laid out by the last `build`."""
        return len(self._copy_of_page)

    def _document(self, buffer: BytesIO) -> _SheetDocument:
        s = self.d.styles
        document = _SheetDocument(
            buffer,
            pagesize=self.d.page_size,
            leftMargin=MARGIN_LEFT_MM * mm,
            rightMargin=MARGIN_RIGHT_MM * mm,
            topMargin=s.top_margin,
            bottomMargin=self.bottom_margin,
            title=PDF_TITLE,
            author="",
            subject=PDF_SUBJECT,
            creator=f"{PDF_CREATOR_PREFIX}{__version__}",
            keywords="",
            invariant=1,
            lang="ko" if self.d.korean_first else "en",
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

    # ------------------------------------------------------------ furniture

    def _draw_furniture(self, canvas: Canvas, document: _SheetDocument) -> None:
        """The header and footer of a page, all but its page number (drawn once the count is known)."""
        self._copy_of_page.append(document.copy_number)
        d = self.d
        width, height = d.page_size
        left, right = MARGIN_LEFT_MM * mm, width - MARGIN_RIGHT_MM * mm
        size, leading = d.styles.furniture_pt, d.styles.furniture_leading
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)

        top = height - HEADER_BASELINE_MM * mm
        day = self.sheet.date.isoformat()
        day_width = stringWidth(day, d.fonts.regular, size)
        header = " \u00b7 ".join(part for part in (document.copy_patient, document.part_label) if part)
        if document.copy_detail:
            # The appointment sits under the clinic's name, both above the rule.
            self._draw_line(canvas, left, top + leading, header, size, right - left - day_width - 6 * mm)
            self._draw_line(canvas, left, top, document.copy_detail, size, right - left)
            self._draw_line(canvas, right - day_width, top + leading, day, size, day_width + 1)
        else:
            self._draw_line(canvas, left, top, header, size, right - left - day_width - 6 * mm)
            self._draw_line(canvas, right - day_width, top, day, size, day_width + 1)
        canvas.line(left, top - 0.45 * leading, right, top - 0.45 * leading)

        lines, beside_page_number = self._footer_lines
        bottom = FOOTER_BASELINE_MM * mm
        if beside_page_number:
            self._draw_line(canvas, left, bottom, beside_page_number, size, right - left - self._page_count_room)
        for index, line in enumerate(reversed(lines), start=1):
            self._draw_line(canvas, left, bottom + index * leading, line, size, right - left)
        rule_y = bottom + (len(lines) + 1) * leading - 0.3 * leading
        canvas.line(left, rule_y, right, rule_y)
        canvas.restoreState()

    @cached_property
    def _page_count_room(self) -> float:
        """The width kept for the page number at the footer's right, in points."""
        return stringWidth(self._page_label(999, 999), self.d.fonts.regular, self.d.styles.furniture_pt) + 6 * mm

    @cached_property
    def _footer_lines(self) -> tuple[list[str], str]:
        """The footer's lines above the page number, top first, and the text beside it ("" for none).

        The not-medical-advice line(s), then the agency: beside the page number when it
        fits there, else on lines of its own, its parts (name, registration number,
        contact) kept whole as far as each fits the width: the number and the contact
        are what a clinic checks and calls.
        """
        d = self.d
        size = d.styles.furniture_pt
        room = d.page_size[0] - MARGIN_LEFT_MM * mm - MARGIN_RIGHT_MM * mm
        lines = self._advice_lines(room, size)
        parts = self._facilitator_parts()
        whole = FACILITATOR_SEPARATOR.join(parts)
        if not whole or self._runs_width(d.text.runs(whole), size) <= room - self._page_count_room:
            return lines, whole
        agency = [parts[0]]
        for part in parts[1:]:
            joined = agency[-1] + FACILITATOR_SEPARATOR + part
            if self._runs_width(d.text.runs(joined), size) <= room:
                agency[-1] = joined
            else:
                agency.append(part)
        return [*lines, *agency], ""

    @property
    def bottom_margin(self) -> float:
        """The space under the content: the footer's lines, with room for at least the usual four."""
        s = self.d.styles
        needed = FOOTER_BASELINE_MM * mm + (len(self._footer_lines[0]) + 1) * s.furniture_leading + FOOTER_GAP_MM * mm
        return max(s.bottom_margin, needed)

    def _draw_page_count(self, canvas: Canvas, index: int) -> None:
        copies = self._copy_of_page
        copy = copies[index] if index < len(copies) else 0
        page = copies[: index + 1].count(copy)
        pages = copies.count(copy) or 1
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(self.d.fonts.regular, self.d.styles.furniture_pt)
        x = self.d.page_size[0] - MARGIN_RIGHT_MM * mm
        canvas.drawRightString(x, FOOTER_BASELINE_MM * mm, self._page_label(page, pages))
        canvas.restoreState()

    def _page_label(self, page: int, pages: int) -> str:
        return self.d.plain_both(labels.PAGE, page=page, pages=pages)

    def _advice_lines(self, width: float, size: float) -> list[str]:
        """The not-medical-advice line; on two lines when both languages do not fit on one."""
        d = self.d
        both = d.plain_both(labels.NOT_ADVICE)
        if stringWidth(both, d.fonts.regular, size) <= width:
            return [both]
        second = d.second(labels.NOT_ADVICE)
        lines = [labels.NOT_ADVICE.en] + ([second] if second else [])
        return lines[::-1] if d.korean_first else lines

    def _draw_line(self, canvas: Canvas, x: float, y: float, text: str, size: float, room: float) -> None:
        """One line of text on the canvas, shortened with "…" to fit in `room` points."""
        d = self.d
        runs = d.text.runs(text)
        if self._runs_width(runs, size) > room:
            # The longest shortened form that fits, found by halving: a name can be 10,000 characters.
            flat = "".join(run for run, _ in runs)
            low, high = 1, min(len(flat), int(room / (size * 0.2)) + 1)
            while low < high:
                middle = (low + high + 1) // 2
                if self._runs_width(d.text.runs(shortened(flat, middle)), size) <= room:
                    low = middle
                else:
                    high = middle - 1
            runs = d.text.runs(shortened(flat, low))
        for run, fallback in runs:
            font = LATIN_FALLBACK if fallback else d.fonts.regular
            canvas.setFont(font, size)
            canvas.drawString(x, y, run)
            x += stringWidth(run, font, size)

    def _runs_width(self, runs: list[tuple[str, bool]], size: float) -> float:
        regular = self.d.fonts.regular
        return sum(stringWidth(run, LATIN_FALLBACK if fb else regular, size) for run, fb in runs)

    def patient_label(self) -> str:
        profile = self.sheet.profile
        if profile is None or not self.options.personal_details:
            return ""
        return shortened(profile.name, HEADER_CHARS // 2)

    def all_clinics_label(self) -> str:
        return shortened(", ".join(c.clinic.name for c in self.sheet.clinics), HEADER_CHARS)

    def facilitator_line(self) -> str:
        """The agency, its registration number and its contact, as one line ("" when none is set)."""
        return FACILITATOR_SEPARATOR.join(self._facilitator_parts())

    def _facilitator_parts(self) -> list[str]:
        details = self.sheet.facilitator
        if details is None:
            return []
        d = self.d
        parts = [f"{d.plain_both(labels.FACILITATOR)}: {details.agency}"]
        if details.registration:
            parts.append(f"{d.plain_both(labels.FACILITATOR_REGISTRATION)} {details.registration}")
        if details.contact:
            parts.append(details.contact)
        return parts
