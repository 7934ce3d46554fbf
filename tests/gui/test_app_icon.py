"""StemPrep's icon is drawn once (an SVG) and shows on the window, the taskbar and About.

The PNGs are made from the SVG by scripts/make-icons and committed; a PNG left behind
after the drawing changed fails here. The self-contained program carries the compiled
Korean catalogue beside the .ts (it has no lrelease), and must find it there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from app.gui import i18n
from app.gui.app_icon import DESKTOP_NAME, ICON_FOLDER, ICON_SIZES, icon_file
from app.gui.application import run_gui
from app.gui.help import ABOUT_ICON_SIZE, AboutDialog
from app.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def _render_svg(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(ICON_FOLDER / "stemprep.svg")).render(painter)
    painter.end()
    return image


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_is_the_svg_drawn_at_its_size(qapp: QApplication, size: int) -> None:
    png = QImage(str(icon_file(size))).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    assert (png.width(), png.height()) == (size, size)
    assert png.pixelColor(0, 0).alpha() == 0  # rounded corners: see-through
    assert png.pixelColor(size // 2, size // 2).alpha() == 255
    drawn = _render_svg(size)
    worst = max(
        abs(QColor(png.pixel(x, y)).red() - QColor(drawn.pixel(x, y)).red())
        + abs(QColor(png.pixel(x, y)).green() - QColor(drawn.pixel(x, y)).green())
        + abs(QColor(png.pixel(x, y)).blue() - QColor(drawn.pixel(x, y)).blue())
        for x in range(0, size, max(1, size // 32))
        for y in range(0, size, max(1, size // 32))
    )
    assert worst <= 12, "the PNGs are older than stemprep.svg: run scripts/make-icons"


def test_the_window_and_taskbar_use_the_icon(qapp: QApplication, db_path: Path) -> None:
    assert run_gui(db_path, exit_after_startup=True) == 0
    assert {s.width() for s in qapp.windowIcon().availableSizes()} >= {16, 32, 48, 256}
    assert qapp.desktopFileName() == DESKTOP_NAME


def test_about_shows_the_icon(window: MainWindow) -> None:
    about = AboutDialog(window)
    pixmap = about.icon.pixmap()
    assert not pixmap.isNull()
    assert pixmap.deviceIndependentSize().width() == ABOUT_ICON_SIZE
    about.deleteLater()


def test_the_linux_menu_entry_names_the_icon_and_the_program() -> None:
    entry = (ROOT / "packaging" / "linux" / "stemprep.desktop").read_text(encoding="utf-8")
    assert f"Icon={DESKTOP_NAME}\n" in entry
    assert "Exec=StemPrep\n" in entry
    assert "Terminal=false" in entry


def test_a_catalogue_compiled_at_build_time_is_used_without_lrelease(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "i18n" / "stemprep_ko.ts"
    source.parent.mkdir()
    shutil.copy(i18n.catalogue_source("ko"), source)
    monkeypatch.setattr(i18n, "catalogue_source", lambda language: source)
    built = i18n.compiled_catalogue("ko", tmp_path / "build")  # what the bundle's build does
    assert built is not None
    shipped = source.with_name(built.name)
    shutil.move(built, shipped)

    monkeypatch.setattr(i18n, "qt_tool_command", lambda tool: None)  # the bundle has no lrelease
    empty_cache = tmp_path / "cache"
    assert i18n.compiled_catalogue("ko", empty_cache) == shipped
    translator = i18n.load_translator("ko", qapp, empty_cache)
    assert translator is not None and translator.translate("MainWindow", "&File") == "파일(&F)"
    assert not empty_cache.exists()  # nothing written to the user's cache

    # An edited catalogue never loads the older compiled one.
    source.write_text(source.read_text(encoding="utf-8").replace("파일(&amp;F)", "파일 메뉴(&amp;F)"), encoding="utf-8")
    assert i18n.compiled_catalogue("ko", empty_cache) is None
