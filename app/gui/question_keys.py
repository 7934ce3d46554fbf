"""The keys of the Questions step, in one place: the step binds them, tooltips and Help list them.

Every key uses Alt (or Ctrl with Page Up/Down) so that none of them types a letter or
moves the cursor in the answer box while the clinic's words are being typed.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

#: Next / previous question. Alt+arrows and Ctrl+Page Down/Up move no cursor in a text box.
NEXT_KEYS = ("Alt+Right", "Ctrl+PgDown")
PREVIOUS_KEYS = ("Alt+Left", "Ctrl+PgUp")
#: Status buttons, in the order of ANSWER_STATUSES (to ask, asked, answered, skipped).
STATUS_KEYS = ("Alt+1", "Alt+2", "Alt+3", "Alt+4")
#: Yes / no / not sure / refused, in the order of YES_NO_VALUES.
YES_NO_KEYS = ("Alt+Y", "Alt+N", "Alt+S", "Alt+R")
WORRY_KEY = "Alt+W"
ANSWER_KEY = "Alt+A"
#: Put the question on my list of questions to ask, or take it off.
ASK_THIS_KEY = "Alt+K"
#: Move the question one place earlier or later in my list.
MOVE_UP_KEY = "Alt+Up"
MOVE_DOWN_KEY = "Alt+Down"


def native(key: str) -> str:
    """A key as this system writes it ("Alt+Right", "⌥→")."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
