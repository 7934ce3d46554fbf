"""Check boxes and radio buttons that grow with the text and show on a dark palette.

A platform style draws these indicators at a fixed size in pixels: beside Extra-large text
a 13-pixel box is hard to see and to hit, and a radio button's ring all but disappears on
a dark palette. `TextSizeStyle` sits over the platform's style for larger text and dark
palettes only; at Normal size in a light palette the platform style draws them well, and
a proxy style answers Qt in Python, thousands of times for one screen. So this module is
imported only when the style is needed (`app.gui.text_size`, `app.gui.application`).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from app.gui.text_size import TEXT_SIZES, current_text_size


class TextSizeStyle(QProxyStyle):
    """The platform's style, with check boxes and radio buttons as much larger as the text, and radio
    buttons that show in a dark palette.

    A style draws these at a fixed size in pixels; beside Extra-large text a 13-pixel box is
    hard to see and to hit.
    """

    SCALED = (
        QStyle.PixelMetric.PM_IndicatorWidth,
        QStyle.PixelMetric.PM_IndicatorHeight,
        QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
        QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
    )

    def drawPrimitive(  # noqa: N802 (Qt's name)
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            draw_radio_indicator(option, painter)
            return
        super().drawPrimitive(element, option, painter, widget)

    def pixelMetric(  # noqa: N802 (Qt's name)
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric in self.SCALED:
            return round(value * TEXT_SIZES[current_text_size()])
        return value


def draw_radio_indicator(option: QStyleOption, painter: QPainter) -> None:
    """A radio button drawn in the text colour on the field colour, so it shows in light and dark palettes.

    Styles draw the ring in a shade of the window colour, which all but disappears on a
    dark palette; the answer choices must be as easy to see as their words.
    """
    palette = option.palette
    ink = palette.color(QPalette.ColorRole.Text)
    side = min(option.rect.width(), option.rect.height())
    width = max(1.5, side / 9)
    ring = QRectF(option.rect.x(), option.rect.y(), side, side).adjusted(width / 2, width / 2, -width / 2, -width / 2)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(ink, width))
    painter.setBrush(palette.color(QPalette.ColorRole.Base))
    painter.drawEllipse(ring)
    if option.state & QStyle.StateFlag.State_On:
        dot = ring.width() * 0.26
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        painter.drawEllipse(ring.adjusted(dot, dot, -dot, -dot))
    painter.restore()


def scaling_style(key: str) -> QStyle:
    """The style called `key` ("Fusion", "Windows"…), with indicators that follow the text size."""
    return TextSizeStyle(key)


def use_scaling_style(app: QApplication) -> None:
    """Put `TextSizeStyle` over the application's style (once), for larger text or a dark palette.

    At Normal size in a light palette the platform's own style draws check boxes and radio
    buttons as they should be, so the window starts without it: the proxy answers Qt in
    Python, thousands of times for one screen.
    """
    if not isinstance(app.style(), TextSizeStyle):
        app.setStyle(scaling_style(app.style().name()))
