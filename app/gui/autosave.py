"""Every edit saves itself: the debounce and flush behind all of StemPrep's forms.

There is no Save button anywhere. A form tells its `Autosave` what changed; the
change is written half a second after typing stops, and at once when the field
loses focus, when the user changes step or patient, and when the window closes.
A write that fails (disk full, file read-only, a birth year of 19) stays pending:
the user's text remains in the widget and the failure is reported as one sentence,
and the next flush tries again.

Keys carry the ids they belong to (e.g. ``(profile_id, "goals")``), so a pending
edit can never be written to the wrong patient or clinic.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.gui.i18n import said
from app.gui.text_size import fit_lines
from db.errors import StorageError

#: How long after the last keystroke an edit is written.
DEBOUNCE_MS = 500

Saver = Callable[[Hashable, object], None]


class Autosave(QObject):
    """Pending edits of one form, written by `save(key, value)` (which may raise StorageError)."""

    #: A key was written.
    saved = Signal(object)
    #: A write failed; the argument is the one sentence to show.
    failed = Signal(str)

    def __init__(self, save: Saver, parent: QObject | None = None, *, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._save = save
        self._pending: dict[Hashable, object] = {}
        self._loading = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        """While a form fills its widgets from the database, their signals are not edits."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    def change(self, key: Hashable, value: object, *, immediate: bool = False) -> None:
        """Record an edit; write it after the debounce, or now if `immediate`."""
        if self._loading:
            return
        self._pending.pop(key, None)  # keep the order of the latest edits
        self._pending[key] = value
        if immediate:
            self.flush()
        else:
            self._timer.start()  # restarted on every keystroke

    def flush(self) -> bool:
        """Write everything pending now; False (and `failed` emitted) if something could not be written.

        Keys are written one by one, so one bad value does not hold back the others.
        """
        self._timer.stop()
        first_error: str | None = None
        for key, value in list(self._pending.items()):
            try:
                self._save(key, value)
            except StorageError as error:
                if first_error is None:
                    first_error = said(error)
                continue
            if self._pending.get(key) is value:
                del self._pending[key]
            self.saved.emit(key)
        if first_error is not None:
            self.failed.emit(first_error)
            return False
        return True

    def discard(self) -> None:
        """Forget pending edits (after the user agreed to lose them)."""
        self._timer.stop()
        self._pending.clear()

    # --------------------------------------------------------------- widgets

    def line_edit(self, name: str, accessible: str, key: Callable[[], Hashable]) -> QLineEdit:
        """A one-line form field that saves itself under `key()`."""
        edit = QLineEdit()
        edit.setAccessibleName(accessible)
        edit.setObjectName(name)
        self.watch_line(edit, key)
        return edit

    def text_edit(self, name: str, accessible: str, key: Callable[[], Hashable]) -> QPlainTextEdit:
        """A multi-line form field, three lines high, that saves itself under `key()`."""
        edit = QPlainTextEdit()
        edit.setAccessibleName(accessible)
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)  # Tab moves on, as in the one-line fields
        fit_lines(edit, 3)
        self.watch_text(edit, key)
        return edit

    def watch_line(self, widget: QLineEdit, key: Callable[[], Hashable]) -> None:
        """Save a one-line field's text as it is typed."""
        widget.textEdited.connect(lambda text: self.change(key(), text))
        self.flush_on_focus_out(widget)

    def watch_text(self, widget: QPlainTextEdit, key: Callable[[], Hashable]) -> None:
        """Save a multi-line field's text as it is typed."""
        widget.textChanged.connect(lambda: self.change(key(), widget.toPlainText()))
        self.flush_on_focus_out(widget)

    def watch_editable_combo(self, widget: QComboBox, key: Callable[[], Hashable]) -> None:
        """Save an editable combo's text, typed or picked."""
        widget.currentTextChanged.connect(lambda text: self.change(key(), text))
        self.flush_on_focus_out(widget)

    def flush_on_focus_out(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FocusOut and self._pending:
            self.flush()
        return False
