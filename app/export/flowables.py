"""The drawn parts of a sheet: tick boxes, ruled answer lines, and page-part markers.

A printed sheet is written on with a pen, so its tick boxes and answer lines are drawn
shapes, not characters or PDF form fields (form fields cannot hold Korean reliably, and
a "☐" glyph is not in every font). Both paragraph kinds here stay splittable: a recorded
answer of 10,000 characters flows onto the next page with its ruling, and a question's
tick box is drawn only on the part that holds its first line.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph


class SheetParagraph(Paragraph):
    """A paragraph that remembers its line breaks for a width.

    reportlab wraps a paragraph once to see whether a block fits (KeepTogether) and again
    to place it; breaking lines is most of a sheet's render time, and the result depends
    only on the width, so the second wrap reuses the first.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        cached = self.__dict__.get("_wrapped")
        if cached is not None and cached[0] == availWidth and hasattr(self, "blPara"):
            self.width, self.height = cached[1], cached[2]
            return cached[1], cached[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height)
        return width, height


class BoxedParagraph(SheetParagraph):
    """A paragraph with a tick box drawn in its left indent, beside its first line."""

    box_size: float = 9.0
    continued: bool = False  # True for the part after a page break: no second box
    ticked: bool = False  # a tick drawn in the box: done (a document packed)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 - reportlab's names
        parts = super().split(availWidth, availHeight)
        for index, part in enumerate(parts):
            part.box_size = self.box_size
            part.ticked = self.ticked
            part.continued = self.continued or index > 0
        return parts

    def draw(self) -> None:
        super().draw()
        if self.continued:
            return
        size = self.box_size
        font_size = self.style.fontSize
        # Sit the box on the first line's baseline, a little below it like a capital's descent.
        baseline = self.height - font_size
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(max(0.8, size / 11))
        bottom = baseline - font_size * 0.12
        canvas.rect(0, bottom, size, size, stroke=1, fill=0)
        if self.ticked:
            canvas.setLineWidth(max(1.2, size / 7))
            canvas.lines([(size * 0.18, bottom + size * 0.5, size * 0.42, bottom + size * 0.2),
                          (size * 0.42, bottom + size * 0.2, size * 0.85, bottom + size * 0.85)])
        canvas.restoreState()


class RuledParagraph(SheetParagraph):
    """A paragraph written on ruled lines, like an answer written on lined paper."""

    rule_colour: Color | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.rule_colour = self.rule_colour
        return parts

    def draw(self) -> None:
        super().draw()
        lines = len(getattr(self.blPara, "lines", ())) or 1
        _draw_rules(self, lines, self.style.leading, self.style.leftIndent, self.style.rightIndent, self.rule_colour)


class RuledLines(Flowable):
    """Empty ruled lines to write on by hand, the first one maybe starting with a label
    ("Answer / 답변:", drawn in `font` at `size`)."""

    def __init__(
        self,
        lines: int,
        leading: float,
        indent: float = 0.0,
        colour: Color | None = None,
        *,
        label: str = "",
        font: str = "",
        size: float = 0.0,
    ) -> None:
        super().__init__()
        self.lines, self.leading, self.indent, self.colour = lines, leading, indent, colour
        self.label, self.font, self.size = label, font, size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self.lines * self.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        fits = int(availHeight // self.leading)
        if fits <= 0 or fits >= self.lines:
            return []
        first = RuledLines(fits, self.leading, self.indent, self.colour, label=self.label, font=self.font,
                           size=self.size)
        return [first, RuledLines(self.lines - fits, self.leading, self.indent, self.colour)]

    def draw(self) -> None:
        if self.label:
            self.canv.setFont(self.font, self.size)
            self.canv.drawString(self.indent, self.height - 0.65 * self.leading, self.label)
        _draw_rules(self, self.lines, self.leading, self.indent, 0.0, self.colour)


def _draw_rules(
    flowable: Flowable, lines: int, leading: float, left: float, right: float, colour: Color | None
) -> None:
    canvas = flowable.canv
    canvas.saveState()
    canvas.setLineWidth(0.5)
    if colour is not None:
        canvas.setStrokeColor(colour)
    for line in range(1, lines + 1):
        y = flowable.height - line * leading + 1.5
        canvas.line(left, y, flowable.width - right, y)
    canvas.restoreState()


class TickBoxes(Flowable):
    """Tick boxes with their labels ("□ Yes / 예  □ No / 아니요").

    Side by side when all fit on one line; else in as many even columns as fit (large
    print); else one to a line, a long label wrapping beside its box.
    """

    def __init__(
        self, labels: list[str], font: str, size: float, leading: float, box: float, indent: float
    ) -> None:
        super().__init__()
        self.labels, self.font, self.size, self.leading = labels, font, size, leading
        self.box, self.indent = box, indent
        self._rows: list[list[tuple[float, list[str]]]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        gap, spacing = self.box * 0.5, self.box * 1.6
        room = availWidth - self.indent
        widths = [self.box + gap + stringWidth(label, self.font, self.size) for label in self.labels]
        columns = int((room + spacing) // (max(widths) + spacing)) if widths else 1
        if sum(widths) + spacing * (len(widths) - 1) <= room:
            x, row = self.indent, []
            for width, label in zip(widths, self.labels, strict=True):
                row.append((x, [label]))
                x += width + spacing
            self._rows = [row]
        elif columns >= 2:
            step = max(widths) + spacing
            self._rows = [
                [(self.indent + column * step, [label]) for column, label in enumerate(self.labels[start:start + columns])]
                for start in range(0, len(self.labels), columns)
            ]
        else:
            text_room = room - self.box - gap
            self._rows = [[(self.indent, simpleSplit(label, self.font, self.size, text_room) or [""])]
                          for label in self.labels]
        self.width = availWidth
        self.height = sum(max(len(lines) for _, lines in row) for row in self._rows) * self.leading
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(self.font, self.size)
        canvas.setLineWidth(max(0.8, self.box / 11))
        top = self.height
        for row in self._rows:
            baseline = top - self.leading + (self.leading - self.size) / 2 + 0.15 * self.size
            for x, lines in row:
                canvas.rect(x, baseline - 0.12 * self.size, self.box, self.box, stroke=1, fill=0)
                for index, line in enumerate(lines):
                    canvas.drawString(x + self.box * 1.5, baseline - index * self.leading, line)
            top -= max(len(lines) for _, lines in row) * self.leading
        canvas.restoreState()


class PartMarker(Flowable):
    """An invisible mark at the start of a part of the sheet, naming what its pages are about.

    The page header shows the clinic the pages are for; the document template reads
    these marks as they are laid out.
    """

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        pass
