"""What every part of a sheet draws with: fonts, styles, bilingual labels and safe user text.

Each section of a sheet (summary card, questions, red flags, documents, comparison,
reference) lives in a module of its own and builds its flowables from the gathered
`QuestionSheet`. They share one `SheetDrawing` per render, which knows the fonts and
styles, turns typed text into printable markup (`SheetText`), and writes labels in both
languages in the order the sheet's reader needs: English first on the patient's own
sheets, Korean first on the copy handed to a Korean doctor.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from app.domain.question_bank import Source, Text
from app.export.flowables import RuledLines, SheetParagraph, TickBoxes
from app.export.fonts import sheet_fonts
from app.export.sheet_text import SheetText
from app.export.styles import (
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    PAGE_SIZES,
    RULE,
    SHADE,
    SUMMARY_LABEL_MM,
    SheetStyles,
    build_styles,
)

#: Gaps that paragraphs keep (reportlab collapses runs of ordinary and em spaces into one).
SPACE = "\u00a0\u00a0"
WIDE_SPACE = "\u00a0" * 5

#: A long value in a summary is printed below its label instead of beside it.
SUMMARY_INLINE_CHARS = 400


@dataclass(frozen=True)
class Row:
    """One line of a summary: a label beside its value.

    `value` None is an empty ruled line to fill in by hand; `is_markup` says the value
    was built by the renderer (bank text, a measure) rather than typed by a user.
    """

    label: str
    value: str | None
    is_markup: bool = False
    lines: int = 1  # ruled lines for an empty value


class SheetDrawing:
    """The fonts, styles and text helpers of one sheet being drawn."""

    def __init__(self, *, paper: str, large_print: bool, second_language: str, korean_first: bool) -> None:
        self.fonts = sheet_fonts()
        self.text = SheetText(self.fonts)
        self.styles: SheetStyles = build_styles(self.fonts, large_print=large_print)
        self.lang = second_language
        self.korean_first = korean_first
        self.page_size = PAGE_SIZES[paper]
        self._styles: dict[str, ParagraphStyle] = {}

    def style(self, base: ParagraphStyle, name: str, **changes: object) -> ParagraphStyle:
        """`base` with `changes`, made once per sheet under `name` (cloning a style is a deep copy)."""
        made = self._styles.get(name)
        if made is None:
            made = self._styles[name] = base.clone(name, **changes)
        return made

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - (MARGIN_LEFT_MM + MARGIN_RIGHT_MM) * mm

    # ------------------------------------------------------------ languages

    def second(self, text: Text) -> str:
        """`text` in the second language, or "" where that would only repeat the English."""
        second = text.get(self.lang)
        return second if second.strip() and second != text.en else ""

    def _ordered(self, first: str, second: str, joiner: str) -> str:
        if not second:
            return first
        return f"{second}{joiner}{first}" if self.korean_first else f"{first}{joiner}{second}"

    def plain_both(self, label: Text, **values: object) -> str:
        """An interface label as plain text in both languages, with `values` filled in."""
        return self._ordered(label.en.format(**values), self.second(label).format(**values), " / ")

    def both(self, label: Text, joiner: str = " / ", **values: str) -> str:
        """An interface label as markup in both languages; `values` are user text, escaped here."""
        escaped = {key: self.text.markup(value) for key, value in values.items()}
        first = self.text.markup(label.en).format(**escaped)
        second = self.text.markup(self.second(label)).format(**escaped) if self.second(label) else ""
        return self._ordered(first, second, joiner)

    def bilingual(self, text: Text, joiner: str = " / ") -> str:
        """Bank text as markup in both languages, joined by `joiner`."""
        second = self.second(text)
        return self._ordered(self.text.markup(text.en), self.text.markup(second) if second else "", joiner)

    def plain_bilingual(self, text: Text) -> str:
        return self._ordered(text.en, self.second(text), " / ")

    # ------------------------------------------------------------ citations

    def sources(self, ids: Iterable[str]) -> str:
        """Source ids in brackets, as the full checklist cites them: " [S7, S58]"."""
        ids = list(ids)
        return f" [{self.text.markup(', '.join(ids))}]" if ids else ""

    def short_sources(self, ids: Iterable[str], known: dict[str, Source]) -> str:
        """Sources in running text, short: " (Title — site; …)"; the full list comes last."""
        parts = [short_source(known[i]) for i in ids if i in known]
        return f" ({self.text.markup('; '.join(parts))})" if parts else ""

    # ------------------------------------------------------------ user text

    def user_paragraphs(
        self, text: str, style: ParagraphStyle, kind: type[SheetParagraph] = SheetParagraph
    ) -> list[SheetParagraph]:
        """User text as paragraphs, cut into pieces reportlab can split across pages.

        The pieces of one text sit as close as the lines of one paragraph: the style's
        space before goes on the first, its space after on the last. Only the last keeps
        with what follows (a heading's style): a chain of pieces that all keep together
        can be taller than a page, which reportlab cannot lay out.
        """
        pieces = self.text.paragraphs(text)
        if len(pieces) <= 1:
            return [kind(piece, style) for piece in pieces]
        first = style.clone(f"{style.name}_first", spaceAfter=0, keepWithNext=0)
        middle = style.clone(f"{style.name}_middle", spaceBefore=0, spaceAfter=0, keepWithNext=0)
        last = style.clone(f"{style.name}_last", spaceBefore=0)
        return [
            kind(piece, first if index == 0 else last if index == len(pieces) - 1 else middle)
            for index, piece in enumerate(pieces)
        ]

    # ------------------------------------------------------------ shapes

    def tick_boxes(self, options: list[str]) -> Flowable:
        """Tick boxes for a yes/no or choice answer, drawn beside their labels."""
        s = self.styles
        return TickBoxes(options, self.fonts.regular, s.body.fontSize, s.body.leading * 1.25, s.tick_box,
                         s.question_indent)

    def label_rows(self, rows: list[Row], label_mm: float = SUMMARY_LABEL_MM) -> list[Flowable]:
        """Labels beside their values, a row at a time.

        Each row is its own small table, so a heading stays with the first row only and
        the rows flow onto the next page; a long value goes below its label instead, as
        plain paragraphs, because a table row cannot continue on the next page and a
        10,000-character note must.
        """
        s = self.styles
        label_width = label_mm * mm * s.scale
        widths = [label_width, self.frame_width - label_width]
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
                flowables.append(SheetParagraph(row.label, self.style(s.label, "label_above", spaceBefore=3 * s.scale,
                                                                         keepWithNext=1)))
                flowables += self.user_paragraphs(row.value, s.body)
                continue
            flowables.append(Table([[label, value]], colWidths=widths, hAlign="LEFT", style=self.row_style))
        return flowables

    @functools.cached_property
    def row_style(self) -> TableStyle:
        s = self.styles
        return TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), 4 * s.scale),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5 * s.scale),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * s.scale),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, SHADE),
        ])

    def grid(self) -> list[tuple[Any, ...]]:
        s = self.styles
        return [
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * s.scale),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 * s.scale),
        ]


#: A source title longer than this is cited in running text by its part before the first colon.
SHORT_TITLE_CHARS = 60


def short_source(source: Source) -> str:
    """A source as running text cites it: its title (its head, if long) and the site it is on."""
    title = source.title
    if len(title) > SHORT_TITLE_CHARS and ":" in title:
        title = title.split(":", 1)[0]
    site = ""
    if source.url:
        site = source.url.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
    return f"{title} \u2014 {site}" if site else title


def hex_colour(colour: Any) -> str:
    return "#" + colour.hexval()[2:]
