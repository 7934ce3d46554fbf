"""How warning signs and unanswered questions look, the same on every screen.

A red flag is said in words ("Serious", "Warning") as well as in colour, and the
colours set both text and background, so a mark reads the same in a light or dark
palette and for people who cannot tell red from green. "Not asked" is italic text in
the palette's own placeholder colour, which each palette keeps readable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from app.domain.red_flags import RaisedFlag

#: (text, background) for each severity; dark on light, readable whatever the palette.
SEVERITY_COLOURS: dict[str, tuple[str, str]] = {
    "serious": ("#6e1410", "#fbd5d2"),
    "warning": ("#4f3600", "#fde7ae"),
}

#: Marks in the question list, all in NanumGothic (KS X 1001), so they never show as boxes.
STATUS_MARKS = {"to-ask": "○", "asked": "◎", "answered": "●", "skipped": "×"}
FLAG_MARK = "▲"


#: A chosen answer or status must be obvious at a glance: the palette's highlight, light or dark.
CHECKED_BUTTON_STYLE = """
QPushButton { padding: 5px 12px; }
QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);
                      border: 1px solid palette(dark); border-radius: 4px; }
"""


def severity_label(severity: str) -> str:
    return {
        "serious": QCoreApplication.translate("Marks", "Serious red flag"),
        "warning": QCoreApplication.translate("Marks", "Warning"),
    }.get(severity, severity)


def worst_severity(flags: Iterable[RaisedFlag]) -> str | None:
    severities = {flag.rule.severity for flag in flags}
    if "serious" in severities:
        return "serious"
    return "warning" if severities else None


def flag_colours(severity: str) -> tuple[QColor, QColor]:
    text, background = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["warning"])
    return QColor(text), QColor(background)


def flag_style(severity: str, selector: str = "QFrame") -> str:
    """A style sheet for a frame that shows a red flag."""
    text, background = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["warning"])
    return (
        f"{selector} {{ background: {background}; border: 1px solid {text}; border-radius: 4px; }}"
        f" QLabel {{ color: {text}; background: transparent; border: none; }}"
    )
