"""The pieces of the self-contained program that can be tried without building it.

scripts/bundle --check (run by CI) builds the program and runs it; these are the parts
it relies on: the check that a sheet embeds NanumGothic, and the script that puts
StemPrep in the Linux application menu and takes it out again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from reportlab.pdfgen import canvas

from app.domain.question_bank import load_question_bank
from app.domain.sheet_content import SheetOptions
from app.export.question_sheet import export_blank_sheet

ROOT = Path(__file__).resolve().parents[1]
CHECK_FONTS = ROOT / "packaging" / "check_sheet_fonts.py"


def _check_fonts(pdf: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECK_FONTS), str(pdf)], capture_output=True, text=True, timeout=60)


def test_the_font_check_passes_a_real_sheet_and_fails_one_without_nanumgothic(tmp_path: Path) -> None:
    sheet = export_blank_sheet(load_question_bank(), "knee-oa", tmp_path / "blank.pdf", SheetOptions())
    assert _check_fonts(sheet).returncode == 0

    plain = tmp_path / "plain.pdf"
    page = canvas.Canvas(str(plain))
    page.setFont("Helvetica", 12)
    page.drawString(72, 720, "No Korean font here")
    page.save()
    result = _check_fonts(plain)
    assert result.returncode == 1
    assert "not NanumGothic" in result.stderr


def test_the_menu_entry_is_added_with_this_folders_path_and_removed_again(tmp_path: Path) -> None:
    folder = tmp_path / "unpacked here" / "StemPrep"
    folder.mkdir(parents=True)
    for name in ("stemprep.desktop", "add-to-menu.sh"):
        shutil.copy(ROOT / "packaging" / "linux" / name, folder / name)
    shutil.copy(ROOT / "resources" / "icons" / "stemprep-256.png", folder / "stemprep.png")
    data = tmp_path / "data"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}

    added = subprocess.run(["sh", str(folder / "add-to-menu.sh")], env=env, capture_output=True, text=True, timeout=30)
    assert added.returncode == 0, added.stderr
    entry = (data / "applications" / "stemprep.desktop").read_text(encoding="utf-8")
    assert f'Exec="{folder}/StemPrep"\n' in entry
    assert "Icon=stemprep\n" in entry
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "stemprep.png").is_file()

    removed = subprocess.run(
        ["sh", str(folder / "add-to-menu.sh"), "--remove"], env=env, capture_output=True, text=True, timeout=30
    )
    assert removed.returncode == 0
    assert not (data / "applications" / "stemprep.desktop").exists()
    assert not (data / "icons" / "hicolor" / "256x256" / "apps" / "stemprep.png").exists()


def test_scripts_bundle_refuses_an_unknown_option_before_building_anything() -> None:
    result = subprocess.run([str(ROOT / "scripts" / "bundle"), "--chek"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "unknown option '--chek'" in result.stderr
