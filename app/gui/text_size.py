"""Seeing the interface well: the text size setting and the keyboard focus ring.

Many StemPrep users are older and read on a laptop. View → Text size makes everything
larger (Normal, Large, Extra large; the Store setting ``ui.text_size``) at once, while the
window is open: the application font is scaled, and the few widgets that size themselves
from the font (a heading one and a half times the body text, a notes box three lines
high) say so with `scale_font` and `fit_lines`, so that `apply_text_size` can size them
again. Nothing else in the app sets a point size.

The focus ring is a clear outline, in the palette's highlight colour, around whatever
has the keyboard focus, so a user who moves with Tab always sees where they are; it is
drawn outside the widget (a `QFocusFrame`), so no widget's own look changes, and it
follows the palette in light and dark mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFocusFrame,
    QMenu,
    QMenuBar,
    QWidget,
)

from db.errors import StorageError
from db.store import Store

if TYPE_CHECKING:  # for type hints only: PySide6 makes a class's Python type when it is first imported
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

#: The Store setting that remembers the user's text size.
TEXT_SIZE_SETTING = "ui.text_size"

#: How much larger than the base font each size is. Extra large is 16.5 pt on the 11 pt base.
TEXT_SIZES: dict[str, float] = {"normal": 1.0, "large": 1.25, "extra-large": 1.5}
DEFAULT_TEXT_SIZE = "normal"

#: Keys as in browsers and office programs: Ctrl+0 back to normal, Ctrl++ larger, Ctrl+- smaller.
NORMAL_SIZE_KEY = "Ctrl+0"
LARGER_KEYS = ("Ctrl++", "Ctrl+=")
SMALLER_KEY = "Ctrl+-"

_BASE_PROPERTY = "stemprep_base_point_size"
_SIZE_PROPERTY = "stemprep_text_size"
_SCALE_PROPERTY = "stemprep_font_scale"
_BOLD_PROPERTY = "stemprep_font_bold"
_LINES_PROPERTY = "stemprep_text_lines"
_WIDTH_PROPERTY = "stemprep_max_width"

#: Room a multi-line box needs beyond its lines of text (frame and document margins).
TEXT_BOX_PADDING = 16


def text_size_label(size: str) -> str:
    """The menu's words for a size."""
    return {
        "normal": QCoreApplication.translate("TextSize", "&Normal"),
        "large": QCoreApplication.translate("TextSize", "&Large"),
        "extra-large": QCoreApplication.translate("TextSize", "&Extra large"),
    }.get(size, size)


def normalise_text_size(value: str | None) -> str:
    return value if value in TEXT_SIZES else DEFAULT_TEXT_SIZE


def current_text_size(app: QCoreApplication | None = None) -> str:
    app = app or QCoreApplication.instance()
    return normalise_text_size(app.property(_SIZE_PROPERTY) if app is not None else None)


def base_point_size(app: QGuiApplication) -> float:
    """The Normal size: the application font as it was before the first `apply_text_size`."""
    known = app.property(_BASE_PROPERTY)
    if known:
        return float(known)
    size = QGuiApplication.font().pointSizeF()
    app.setProperty(_BASE_PROPERTY, size)
    return size


def apply_text_size(app: QGuiApplication, size: str) -> None:
    """Scale the whole interface to `size` ("normal", "large", "extra-large"), now."""
    size = normalise_text_size(size)
    base = base_point_size(app)
    if size != DEFAULT_TEXT_SIZE and isinstance(app, QApplication):
        from app.gui.scaling_style import use_scaling_style  # only larger text needs the style

        use_scaling_style(app)  # before the font, so that widgets are measured once, in both
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(base * TEXT_SIZES[size])
    app.setProperty(_SIZE_PROPERTY, size)
    QApplication.setFont(font)
    # Qt posts the change to each widget; deliver it now, so sizes below are measured in the new font.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
    # Fonts set on a widget are not touched by the application font; these asked to follow it.
    for widget in QApplication.allWidgets():
        if widget.property(_SCALE_PROPERTY) is not None:
            _set_scaled_font(widget)
        if widget.property(_LINES_PROPERTY) is not None:
            _set_line_height(widget)
        if widget.property(_WIDTH_PROPERTY) is not None:
            _set_max_width(widget)


def scale_font(widget: QWidget, factor: float = 1.0, *, bold: bool = False) -> QWidget:
    """Give `widget` a font `factor` times the body text (bold if asked), following the text size."""
    widget.setProperty(_SCALE_PROPERTY, float(factor))
    widget.setProperty(_BOLD_PROPERTY, bool(bold))
    _set_scaled_font(widget)
    return widget


def fit_lines(edit: QPlainTextEdit | QTextEdit, lines: int) -> QPlainTextEdit | QTextEdit:
    """Make a text box exactly `lines` lines of its font high, following the text size."""
    edit.setProperty(_LINES_PROPERTY, int(lines))
    _set_line_height(edit)
    return edit


def scale_max_width(widget: QWidget, width: int) -> QWidget:
    """Cap `widget` at `width` pixels at Normal size, and as much wider as the text is larger.

    Long lines are hard to read, so forms stop growing; but a form of larger text needs the
    room, or its labels squeeze the fields.
    """
    widget.setProperty(_WIDTH_PROPERTY, int(width))
    _set_max_width(widget)
    return widget


def _set_max_width(widget: QWidget) -> None:
    widget.setMaximumWidth(round(int(widget.property(_WIDTH_PROPERTY)) * TEXT_SIZES[current_text_size()]))


def _set_scaled_font(widget: QWidget) -> None:
    font = QFont(QApplication.font(widget))
    font.setPointSizeF(font.pointSizeF() * float(widget.property(_SCALE_PROPERTY)))
    if widget.property(_BOLD_PROPERTY):
        font.setBold(True)
    widget.setFont(font)


def _set_line_height(widget: QWidget) -> None:
    if not isinstance(widget, QAbstractScrollArea):
        return
    lines = int(widget.property(_LINES_PROPERTY))
    widget.setFixedHeight(widget.fontMetrics().lineSpacing() * lines + TEXT_BOX_PADDING)


def palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class TextSizeMenu(QObject):
    """View → Text size: three choices, one checked; a choice applies at once and is remembered."""

    def __init__(self, menu: QMenu, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent or menu)
        self._store = store
        self.menu = menu.addMenu(QCoreApplication.translate("TextSize", "&Text size"))
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        current = current_text_size()
        self.actions: dict[str, QAction] = {}
        for size in TEXT_SIZES:
            action = self.menu.addAction(text_size_label(size))
            action.setCheckable(True)
            action.setChecked(size == current)
            action.setData(size)
            if size == DEFAULT_TEXT_SIZE:
                action.setShortcut(QKeySequence(NORMAL_SIZE_KEY))
            self.group.addAction(action)
            self.actions[size] = action
        self.menu.addSeparator()
        self.larger = self.menu.addAction(QCoreApplication.translate("TextSize", "La&rger text"))
        self.larger.setShortcuts([QKeySequence(key) for key in LARGER_KEYS])
        self.larger.triggered.connect(lambda: self.step(+1))
        self.smaller = self.menu.addAction(QCoreApplication.translate("TextSize", "&Smaller text"))
        self.smaller.setShortcut(QKeySequence(SMALLER_KEY))
        self.smaller.triggered.connect(lambda: self.step(-1))
        self.group.triggered.connect(lambda action: self.choose(str(action.data())))

    def step(self, direction: int) -> None:
        """One size larger (+1) or smaller (-1), staying within the three."""
        sizes = list(TEXT_SIZES)
        at = sizes.index(current_text_size()) + direction
        self.choose(sizes[max(0, min(at, len(sizes) - 1))])

    @Slot(str)
    def choose(self, size: str) -> None:
        """Apply `size` now and remember it for next time."""
        size = normalise_text_size(size)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            apply_text_size(app, size)
        self.actions[size].setChecked(True)
        try:
            self._store.set_setting(TEXT_SIZE_SETTING, size)
        except StorageError:
            pass  # the size is applied; remembering it is a convenience for next time


def stored_text_size(store: Store) -> str:
    try:
        return normalise_text_size(store.setting(TEXT_SIZE_SETTING, DEFAULT_TEXT_SIZE))
    except StorageError:
        return DEFAULT_TEXT_SIZE


# ====================================================================== focus ring


#: Width of the focus ring in pixels, drawn outside the widget.
RING_WIDTH = 3


class FocusRing(QFocusFrame):
    """A thick outline around the widget that has the keyboard focus (one per application)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("FocusRing")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        watched = self.widget()
        if watched is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        palette = watched.palette()
        ring = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        # A thin line in the window's own colour keeps the ring apart from a widget of the same hue.
        halo = QColor(palette.color(QPalette.ColorRole.Window))
        outer = QRectF(self.rect()).adjusted(RING_WIDTH / 2, RING_WIDTH / 2, -RING_WIDTH / 2, -RING_WIDTH / 2)
        painter.setPen(QPen(ring, RING_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(outer, 4, 4)
        painter.setPen(QPen(halo, 1))
        inner = outer.adjusted(RING_WIDTH / 2 + 0.5, RING_WIDTH / 2 + 0.5, -RING_WIDTH / 2 - 0.5, -RING_WIDTH / 2 - 0.5)
        painter.drawRoundedRect(inner, 3, 3)
        painter.end()


class FocusRingFollower(QObject):
    """Moves the focus ring to each widget that gets the keyboard focus."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)

    @property
    def ring(self) -> FocusRing:
        # The ring lives beside the focused widget, so it goes when that widget's parent goes.
        if self._ring is None or not shiboken6.isValid(self._ring):
            self._ring = FocusRing()
        return self._ring

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        ring = self.ring
        if new is None or new.isWindow() or isinstance(new, QMenu | QMenuBar) or new.parentWidget() is None:
            ring.setWidget(None)
            ring.hide()
            return
        ring.setWidget(new)
        ring.show()


def show_focus_ring(app: QApplication) -> FocusRingFollower:
    """Install the focus ring for the whole application (once)."""
    existing = app.findChild(FocusRingFollower)
    return existing if existing is not None else FocusRingFollower(app)
