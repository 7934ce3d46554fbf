"""`stemprep sheet` for the doctor copy loads only what printing needs, and reads no font file's tables.

A facilitator prints sheet after sheet from the command line, each a process of its own,
so what the process loads is paid on every sheet: not the library that migrates the
schema (sqlite-utils and what it brings), not the content checker (pydantic), not Qt;
and with the fonts' tables in the user's cache, no TrueType file is read table by table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from app.domain.demo import create_demo
from db.store import Store

ROOT = Path(__file__).resolve().parents[2]

#: Never loaded by the doctor copy's process.
NOT_FOR_A_SHEET = {"sqlite_utils", "click", "dateutil", "pluggy", "pydantic", "pydantic_core", "PySide6", "shiboken6"}

PROGRAM = """
import json, sys
from reportlab.pdfbase import ttfonts
parsed = []
original = ttfonts.TTFontParser.__init__
def counted(self, *args, **kwargs):
    parsed.append(1)
    original(self, *args, **kwargs)
ttfonts.TTFontParser.__init__ = counted
from app.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "parsed": len(parsed), "packages": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def _embedded_fonts(pdf: Path) -> set[str]:
    embedded = set()
    for font in PdfReader(pdf).pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and "/FontFile2" in descriptor.get_object():
            embedded.add(str(font["/BaseFont"]))
    return embedded


def test_the_doctor_copy_process_loads_only_what_printing_needs(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        profile = create_demo(store)
        clinic = store.clinics_for(profile.id)[0]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    runs = []
    for number in (1, 2):  # the first writes the question bank's and the fonts' caches; the second is usual
        out = tmp_path / f"sheet-{number}.pdf"
        result = subprocess.run(
            [sys.executable, "-c", PROGRAM, "sheet", "--db", str(db_path), "--profile", str(profile.id),
             "--clinic", str(clinic.id), "--kind", "doctor", "-o", str(out)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
        assert any("NanumGothic" in name for name in _embedded_fonts(out))  # the Korean font, embedded
    first, usual = runs
    assert usual["code"] == 0
    assert set(usual["packages"]) & NOT_FOR_A_SHEET == set()
    assert "reportlab" in usual["packages"]
    assert (first["parsed"], usual["parsed"]) == (2, 0)
    assert (tmp_path / "sheet-1.pdf").read_bytes() == (tmp_path / "sheet-2.pdf").read_bytes()
