"""StemPrep's icon, for the window, the taskbar and About.

The drawing is resources/icons/stemprep.svg; the PNGs beside it, one per size, are made
from it by scripts/make-icons. Qt picks the size that fits best from the PNGs, so the icon
needs no SVG support at run time and looks the same wherever StemPrep runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon, QPixmap

from resources import resource_path

ICON_FOLDER: Path = resource_path("icons")

#: The PNG sizes made from the SVG: the small ones for title bars and menus, 256 and 512
#: for docks and for the Windows and macOS icon files.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

#: The name of the icon and of the Linux menu entry (stemprep.desktop).
DESKTOP_NAME = "stemprep"


def icon_file(size: int) -> Path:
    """The PNG of the icon at `size` pixels."""
    return ICON_FOLDER / f"{DESKTOP_NAME}-{size}.png"


def app_icon() -> QIcon:
    """The icon at every size there is a PNG for."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_file(size)
        if path.is_file():
            icon.addFile(str(path))
    return icon


def icon_pixmap(size: int) -> QPixmap:
    """The icon drawn at `size` logical pixels (sharp on high-density screens too)."""
    return app_icon().pixmap(size, size)
