"""How a question sheet looks: page geometry, type sizes and colours, all in one place.

Geometry is in millimetres, as a printer measures it. Every type size is a normal-print
size multiplied by `SheetStyles.scale`, so large print (body text 14 pt) scales the
headings, tables, tick boxes, answer lines and page furniture with it, and nothing is
left at a size an older reader cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from app.export.fonts import SheetFonts

PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

# Page geometry (mm). The top and bottom margins leave room for the page furniture.
MARGIN_LEFT_MM = 18.0
MARGIN_RIGHT_MM = 18.0
MARGIN_TOP_MM = 20.0
HEADER_BASELINE_MM = 11.0  # from the top edge
FOOTER_BASELINE_MM = 9.0  # the lowest footer line, from the bottom edge
FOOTER_LINES = 4  # at least: not-medical-advice (one or two), the agency (one; more when long), page
FOOTER_GAP_MM = 4.0  # between the text block and the footer
QUESTION_INDENT_MM = 8.0  # room for the tick box left of each question
SUMMARY_LABEL_MM = 52.0  # width of the label column in the patient summary

# Normal print sizes (pt); large print multiplies all of them.
BODY_PT = 10.0
LARGE_BODY_PT = 14.0
FURNITURE_PT = 7.5

INK = colors.black
MUTED = colors.HexColor("#474747")  # dark enough to read on a cheap printer
RULE = colors.HexColor("#8c8c8c")
FLAG = colors.HexColor("#9b1c1c")
FLAG_FILL = colors.HexColor("#fbeaea")
SHADE = colors.HexColor("#eeeeee")


@dataclass(frozen=True)
class SheetStyles:
    """The paragraph styles and sizes of one sheet (normal or large print)."""

    scale: float
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    category: ParagraphStyle
    clinic: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    question: ParagraphStyle  # the numbered head, the English (bold, a little larger) and the Korean
    detail: ParagraphStyle
    answer: ParagraphStyle
    flag: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    furniture_pt: float
    furniture_leading: float

    #: Inline sizes inside a question's paragraph (normal print; scaled by `size()`).
    QUESTION_EN_PT = 10.5
    QUESTION_HEAD_PT = 8.5

    def size(self, points: float) -> float:
        """A normal-print size in points, scaled for this sheet."""
        return points * self.scale

    @property
    def tick_box(self) -> float:
        """The side of a tick box, in points."""
        return self.size(9.0)

    @property
    def question_indent(self) -> float:
        return QUESTION_INDENT_MM * mm * self.scale

    @property
    def bottom_margin(self) -> float:
        return FOOTER_BASELINE_MM * mm + FOOTER_LINES * self.furniture_leading + FOOTER_GAP_MM * mm

    @property
    def top_margin(self) -> float:
        return MARGIN_TOP_MM * mm + (self.scale - 1) * self.furniture_leading


def build_styles(fonts: SheetFonts, *, large_print: bool) -> SheetStyles:
    """The stylesheet for a sheet; large print makes body text 14 pt and scales the rest."""
    scale = LARGE_BODY_PT / BODY_PT if large_print else 1.0

    def style(name: str, size: float, leading: float, *, bold: bool = False, **more: object) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=fonts.bold if bold else fonts.regular,
            fontSize=size * scale,
            leading=leading * scale,
            alignment=TA_LEFT,
            textColor=more.pop("textColor", INK),
            splitLongWords=1,
            allowWidows=0,
            **{k: (v * scale if k.startswith("space") or k.endswith("Indent") else v) for k, v in more.items()},
        )

    indent = QUESTION_INDENT_MM * mm
    return SheetStyles(
        scale=scale,
        title=style("title", 20, 25, bold=True, spaceAfter=1),
        subtitle=style("subtitle", 11, 15, textColor=MUTED, spaceAfter=4),
        heading=style("heading", 15, 19, bold=True, spaceBefore=4, spaceAfter=6, keepWithNext=1),
        category=style("category", 12, 15, bold=True, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        clinic=style("clinic", 11, 14, bold=True, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        body=style("body", BODY_PT, 14, spaceAfter=3),
        label=style("label", 8.5, 11, bold=True, textColor=MUTED),
        question=style("question", BODY_PT, 14.5, leftIndent=indent),
        detail=style("detail", 8.5, 11, textColor=MUTED, leftIndent=indent, spaceBefore=2),
        answer=style("answer", BODY_PT, 17, leftIndent=indent),
        flag=style("flag", 9.5, 13, bold=True, textColor=FLAG, leftIndent=indent, spaceBefore=2),
        note=style("note", 9, 12, textColor=MUTED, spaceAfter=4),
        cell=style("cell", 8.5, 11),
        cell_head=style("cell_head", 8.5, 11, bold=True),
        furniture_pt=FURNITURE_PT * scale,
        furniture_leading=(FURNITURE_PT + 2) * scale,
    )
