"""Rows of buttons and columns of parts, the way every screen lays out its pieces.

Screens and dialogs put their buttons in a row pushed to one side, and their parts one
under another in a page without margins of its own. Written out by hand, each of them
repeated the same half-dozen `addWidget` lines; `row` and `column` take the parts in
order instead, so a screen says what goes where and the spacing is decided here.

A part is a widget, a layout, `STRETCH` (the free space, so that what follows is pushed
to the far side), a number (that many pixels of space), or a `(widget, stretch)` pair
for a widget that takes the room left.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget

#: The free space in a row or column: the parts after it go to the far side.
STRETCH = None

Part = QWidget | QLayout | tuple[QWidget, int] | int | None


def add_parts(layout: QBoxLayout, parts: Iterable[Part]) -> QBoxLayout:
    """Add `parts` to `layout` in order (see the module for what a part is)."""
    for part in parts:
        if part is STRETCH:
            layout.addStretch(1)
        elif isinstance(part, int):
            layout.addSpacing(part)
        elif isinstance(part, QLayout):
            layout.addLayout(part)
        elif isinstance(part, tuple):
            widget, stretch = part
            layout.addWidget(widget, stretch)
        else:
            layout.addWidget(part)
    return layout


def row(*parts: Part) -> QHBoxLayout:
    """Parts side by side: `row(STRETCH, ok, cancel)` puts two buttons at the right."""
    layout = QHBoxLayout()
    add_parts(layout, parts)
    return layout


def column(
    *parts: Part,
    on: QWidget | None = None,
    margins: tuple[int, int, int, int] | None = (0, 0, 0, 0),
    spacing: int | None = None,
) -> QWidget:
    """`on` (or a new widget) with `parts` one under another, inside `margins`; returns the widget.

    `margins=None` keeps the style's own, as a dialog's edge wants; `spacing` is the
    space between parts (the style's when None).
    """
    widget = on if on is not None else QWidget()
    layout = QVBoxLayout(widget)
    if margins is not None:
        layout.setContentsMargins(*margins)
    if spacing is not None:
        layout.setSpacing(spacing)
    add_parts(layout, parts)
    return widget
