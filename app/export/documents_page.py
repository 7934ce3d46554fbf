"""The documents to bring: a checklist to tick before leaving home.

The notebook prints the patient's own ticks (a document already packed is ticked), so
the list shows what is still missing; the full checklist prints empty boxes.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.domain.sheet_content import QuestionSheet
from app.export import labels
from app.export.drawing import SheetDrawing
from app.export.flowables import BoxedParagraph, SheetParagraph


def documents(d: SheetDrawing, sheet: QuestionSheet, *, with_ticks: bool, short_sources: bool) -> list[Flowable]:
    """Each document in both languages with a tick box, why it helps, and its sources."""
    s = d.styles
    if not sheet.documents:
        return []
    part: list[Flowable] = [SheetParagraph(d.both(labels.DOCUMENTS), s.heading)]
    if with_ticks and sheet.ticked_documents:
        part.append(SheetParagraph(f"\u2611 {d.both(labels.DOCUMENTS_READY)}", s.note))
    style = d.style(s.question, "document")
    for document in sheet.documents:
        box = BoxedParagraph(d.text.markup(document.text.en), style)
        box.box_size = s.tick_box
        box.ticked = with_ticks and document.id in sheet.ticked_documents
        item: list[Flowable] = [box]
        if d.second(document.text):
            item.append(SheetParagraph(d.text.markup(d.second(document.text)), s.question))
        if document.why is not None:
            cited = (d.short_sources(document.sources, sheet.sources_by_id) if short_sources
                     else d.sources(document.sources))
            item.append(SheetParagraph(d.text.markup(document.why.en) + cited, s.detail))
        item.append(Spacer(0, 5 * s.scale))
        part.append(KeepTogether(item))
    return part
