"""Make StemPrep's icon PNGs from the one drawing, resources/icons/stemprep.svg.

The window, the taskbar, the Linux menu entry, About, and the Windows and macOS icons
(which PyInstaller converts from a PNG) all use these files, so the SVG is the only
drawing to edit. Run `scripts/make-icons` after changing it and commit the PNGs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.gui.app_icon import ICON_FOLDER, ICON_SIZES, icon_file  # noqa: E402


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICON_FOLDER / "stemprep.svg"))
    if not renderer.isValid():
        print("make_icons: resources/icons/stemprep.svg could not be read", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        path = icon_file(size)
        if not render(renderer, size).save(str(path)):
            print(f"make_icons: could not write {path}", file=sys.stderr)
            return 1
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
