"""What the main window expects of each of the four steps (Profile, Clinics, Questions, Sheet).

The window owns the patient that is open; a step is told which one (`set_profile`),
reloads what it shows when it comes on screen (`enter`, since another step may have
changed the data), and writes pending edits when asked (`flush`). Steps report to
the window through signals, never by reaching for it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.gui.autosave import Autosave, Saver
from app.gui.i18n import said
from db.errors import StorageError
from db.records import Clinic, ProfileId
from db.store import Store


class StepPage(QWidget):
    """Base of the four step pages."""

    #: An edit was written (the window says "Saved" and clears an old save error).
    saved = Signal()
    #: Something the user should know, as one sentence (a failed save, a failed export).
    problem = Signal(str)
    #: A short, passing confirmation for the status bar ("Saved the sheet to …").
    notice = Signal(str)
    #: The profile's name, condition or clinics changed, so the patient list shows something new.
    profile_touched = Signal()
    #: Ask the window to show another step (0 Profile, 1 Clinics, 2 Questions, 3 Sheet).
    step_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile_id: ProfileId | None = None
        self.autosave: Autosave | None = None

    def _autosave_with(self, save: Saver) -> Autosave:
        """Give the step an Autosave whose writes and failures are reported like every step's."""
        self.autosave = Autosave(save, self)
        self.autosave.saved.connect(lambda _key: self.saved.emit())
        self.autosave.failed.connect(self.problem)
        return self.autosave

    def _patient_clinics(self, store: Store) -> list[Clinic]:
        """The open patient's clinics, in their order; none without a patient, or when reading fails (reported)."""
        if self.profile_id is None:
            return []
        try:
            return store.clinics_for(self.profile_id)
        except StorageError as error:
            self.problem.emit(said(error))
            return []

    def set_profile(self, profile_id: ProfileId | None) -> None:
        """Show this patient from now on; the step reloads on its next `enter`."""
        self.profile_id = profile_id

    def enter(self) -> None:
        """The step comes on screen: load what it shows from the database."""

    def focus_start(self) -> None:
        """The user came to this step: put the keyboard focus where work starts."""

    def flush(self) -> bool:
        """Write pending edits now; False if something could not be saved (already reported)."""
        return self.autosave.flush() if self.autosave else True

    def discard(self) -> None:
        """Forget edits that could not be saved (the user chose to close anyway)."""
        if self.autosave:
            self.autosave.discard()

    def shutdown(self) -> None:
        """The window is closing: stop background work."""
