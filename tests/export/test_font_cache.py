"""The fonts' tables kept in the user's cache: the same faces and the same PDF, and a bad cache never trusted.

Reading NanumGothic's tables costs a `stemprep sheet` process about as much as importing
reportlab, so they are cached; a face made from the cache must be the face reportlab
reads from the file, and a sheet printed with it the same bytes, Korean embedded.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import ttfonts

from app.export import fonts
from app.export.fonts import FONT_CACHE_FILE, read_faces

ROOT = Path(__file__).resolve().parents[2]

#: Prints the digest of a blank checklist and of a demo patient's doctor copy, and how many font files it parsed.
SHEET_PROGRAM = """
import datetime, hashlib, sys, tempfile
from pathlib import Path
from reportlab.pdfbase import ttfonts
parsed = []
original = ttfonts.TTFontParser.__init__
def counted(self, *args, **kwargs):
    parsed.append(1)
    original(self, *args, **kwargs)
ttfonts.TTFontParser.__init__ = counted
from app.domain.demo import create_demo
from app.domain.question_bank import load_question_bank
from app.domain.sheet_content import SheetOptions, blank_sheet, gather_sheet
from app.export.question_sheet import render_pdf
from db.store import Store
bank = load_question_bank()
day = datetime.date(2026, 11, 28)
checklist = SheetOptions(kind='checklist')
digests = [hashlib.sha256(render_pdf(blank_sheet(bank, 'knee-oa', checklist, day), checklist)).hexdigest()]
with Store.open(Path(tempfile.mkdtemp()) / 'stemprep.db') as store:
    profile = create_demo(store)
    doctor = SheetOptions(kind='doctor')
    digests.append(hashlib.sha256(render_pdf(gather_sheet(store, bank, profile.id, doctor, day), doctor)).hexdigest())
print(*digests, len(parsed))
"""


def _sheets(cache: Path) -> tuple[list[str], int]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", SHEET_PROGRAM], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True, timeout=120).stdout.split()
    return out[:-1], int(out[-1])


def test_a_sheet_printed_with_the_cached_tables_is_the_same_pdf(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    read_fresh, parsed_fresh = _sheets(cache)
    cached_file = cache / "StemPrep" / FONT_CACHE_FILE
    assert cached_file.is_file() and stat.S_IMODE(cached_file.stat().st_mode) == 0o600
    from_cache, parsed_cached = _sheets(cache)
    assert (parsed_fresh, parsed_cached) == (2, 0)  # the second process read no font file's tables
    assert from_cache == read_fresh


def _faces_alike(left: ttfonts.TTFontFace, right: ttfonts.TTFontFace) -> None:
    assert set(vars(left)) == set(vars(right))
    for attribute, value in vars(left).items():
        other = getattr(right, attribute)
        if attribute == "_pdfScale":
            assert value(1234) == other(1234)
        else:
            assert other == value, attribute
            assert type(other) is type(value), attribute


def test_a_face_from_the_cache_is_the_face_read_from_the_file(tmp_path: Path) -> None:
    fresh = read_faces(tmp_path)
    cached = read_faces(tmp_path)
    assert set(fresh) == set(cached) == {fonts.REGULAR, fonts.BOLD}
    for name in fresh:
        assert cached[name] is not fresh[name]
        _faces_alike(fresh[name], cached[name])
        assert str(cached[name].name) and cached[name].name.ustr == fresh[name].name.ustr


@pytest.mark.parametrize("spoil", ["scribbled", "cut short", "other key", "not marshal", "empty"])
def test_a_damaged_or_stale_cache_is_read_again_and_rewritten(tmp_path: Path, spoil: str) -> None:
    reference = read_faces(tmp_path)
    path = tmp_path / FONT_CACHE_FILE
    raw = path.read_bytes()
    header, _, payload = raw.partition(b"\n")
    spoiled = {
        "scribbled": raw[: len(raw) // 2] + bytes(b ^ 0x5A for b in raw[len(raw) // 2: len(raw) // 2 + 64])
        + raw[len(raw) // 2 + 64:],
        "cut short": raw[: len(raw) - 1000],
        "other key": b"0" * 64 + header[64:] + b"\n" + payload,
        "not marshal": header[:65] + hashlib.sha256(b"junk").hexdigest().encode() + b"\njunk",
        "empty": b"",
    }[spoil]
    path.write_bytes(spoiled)
    parsed: list[int] = []
    original = ttfonts.TTFontParser.__init__

    def counted(self: ttfonts.TTFontParser, *args: object, **kwargs: object) -> None:
        parsed.append(1)
        original(self, *args, **kwargs)

    ttfonts.TTFontParser.__init__ = counted  # type: ignore[method-assign]
    try:
        again = read_faces(tmp_path)
    finally:
        ttfonts.TTFontParser.__init__ = original  # type: ignore[method-assign]
    assert len(parsed) == 2  # never trusted: both files read again
    for name in reference:
        _faces_alike(reference[name], again[name])
    assert path.read_bytes() == raw  # and the cache written whole again


def test_a_cache_folder_that_cannot_be_written_still_gives_the_faces(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    faces = read_faces(blocked)
    assert set(faces) == {fonts.REGULAR, fonts.BOLD}
    assert blocked.read_text() == "a file where the cache folder would be"
