"""Whether StemPrep's window can open here, asked before Qt is loaded.

On Linux the window needs a desktop session (an X11 or Wayland display). Without one,
Qt aborts the whole process with a message about a missing xcb library that sends a user
looking for the wrong fix. The commands need no display, so the window is the only thing
that checks, and it says so in one sentence instead. Windows and macOS always have a
desktop when a user can start a program, so they are not checked.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

#: Qt platforms that draw without a desktop session (tests, kiosks, remote viewers).
NO_DESKTOP_NEEDED = frozenset({"offscreen", "minimal", "minimalegl", "linuxfb", "eglfs", "vnc", "vkkhrdisplay"})

#: What each desktop platform needs in the environment to find its display.
DISPLAY_VARIABLE = {"xcb": "DISPLAY", "wayland": "WAYLAND_DISPLAY", "wayland-egl": "WAYLAND_DISPLAY"}


def has_display(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will find somewhere to show a window, judged from the environment alone.

    ``QT_QPA_PLATFORM`` may name one platform or several to try in turn ("wayland;xcb"),
    each with options after a colon ("vnc:size=800x600"); without it Qt picks Wayland or
    X11, which need ``WAYLAND_DISPLAY`` or ``DISPLAY``.
    """
    if platform in ("win32", "darwin", "cygwin"):
        return True
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if not chosen:
        return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    for entry in chosen.split(";"):
        name = entry.split(":", 1)[0].strip().lower()
        if name in NO_DESKTOP_NEEDED:
            return True
        variable = DISPLAY_VARIABLE.get(name)
        if variable is None or environ.get(variable):
            return True  # a platform this check does not know: let Qt try it
    return False


def no_display_sentence(commands: list[str]) -> str:
    """The one sentence shown when the window cannot open, naming the commands that still work."""
    return (
        "StemPrep's window needs a desktop session (no display was found); without one, these "
        f"commands work: {', '.join(commands)} (see 'stemprep --help')."
    )
