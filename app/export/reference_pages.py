"""The reference page: the approved stem cell products, official contacts, and the sources cited.

Printed last on the patient's own sheets so that a claim made in a consultation can be
checked against the official list. The sources cited anywhere on the sheet are listed
in full here, in number order.
"""

from __future__ import annotations

import re

from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from app.domain.question_bank import OfficialContact, Source
from app.domain.sheet_content import QuestionSheet
from app.export import labels
from app.export.drawing import SPACE, SheetDrawing
from app.export.flowables import SheetParagraph


def reference(d: SheetDrawing, sheet: QuestionSheet) -> list[Flowable]:
    s = d.styles
    ref = sheet.reference
    part: list[Flowable] = [
        SheetParagraph(d.both(labels.REFERENCE), s.heading),
        SheetParagraph(d.bilingual(ref.note, "<br/>"), s.note),
        SheetParagraph(d.both(labels.PRODUCTS), s.category),
        SheetParagraph(f"{d.both(labels.COMPILED)}: {d.text.markup(ref.compiled)}", s.note),
        _products_table(d, sheet),
    ]
    if ref.contacts:
        part.append(SheetParagraph(d.both(labels.CONTACTS), s.category))
        part += [KeepTogether(_contact(d, contact)) for contact in ref.contacts]
    if sheet.sources:
        part.append(SheetParagraph(d.both(labels.SOURCES), s.category))
        # In number order, so that "[S58]" on a question page is quick to find here.
        part += [_source_line(d, source) for source in sorted(sheet.sources, key=source_order)]
    return part


def _products_table(d: SheetDrawing, sheet: QuestionSheet) -> Flowable:
    s = d.styles
    rows: list[list[Flowable]] = [[SheetParagraph(d.bilingual(c, "<br/>"), s.cell_head)
                                   for c in labels.PRODUCT_COLUMNS]]
    for product in sheet.reference.products:
        name = f"<b>{d.bilingual(product.name, '<br/>')}</b>{d.sources(product.sources)}"
        rows.append([
            SheetParagraph(name, s.cell),
            SheetParagraph(d.text.markup(product.company), s.cell),
            SheetParagraph(d.text.markup(product.approved), s.cell),
            SheetParagraph(d.bilingual(product.cell_source, "<br/>"), s.cell),
            SheetParagraph(d.bilingual(product.indication, "<br/>"), s.cell),
        ])
    widths = [d.frame_width * w for w in (0.22, 0.15, 0.14, 0.23, 0.26)]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(d.grid()))
    return table


def _contact(d: SheetDrawing, contact: OfficialContact) -> list[Flowable]:
    s = d.styles
    line = f"<b>{d.bilingual(contact.name)}</b>: {d.text.markup(contact.value)}"
    details = d.bilingual(contact.what) + d.sources(contact.sources)
    if contact.compiled:
        details += f" \u00b7 {d.both(labels.COMPILED)}: {d.text.markup(contact.compiled)}"
    return [
        SheetParagraph(line, d.style(s.body, "contact", spaceAfter=0)),
        SheetParagraph(details, d.style(s.detail, "contact_detail", leftIndent=4 * s.scale, spaceAfter=4 * s.scale)),
    ]


def _source_line(d: SheetDrawing, source: Source) -> Flowable:
    s = d.styles
    line = f"<b>{d.text.markup(source.id)}</b>{SPACE}{d.text.markup(source.title)}"
    if source.url:
        url = d.text.markup(source.url)
        line += f' \u2014 <a href="{url}">{url}</a>'
    if source.compiled:
        line += f" ({d.both(labels.COMPILED)}: {d.text.markup(source.compiled)})"
    if source.caution:
        line += f" <b>[{d.both(labels.CAUTION)}]</b>"
    return SheetParagraph(line, d.style(s.detail, "source", leftIndent=0, spaceAfter=2 * s.scale))


def source_order(source: Source) -> tuple[int, str]:
    """S2 before S10 before S10b; ids without a number ("S-example") last."""
    match = re.match(r"S(\d+)(.*)", source.id)
    return (int(match.group(1)), match.group(2)) if match else (1 << 30, source.id)
