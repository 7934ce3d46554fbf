"""The fonts' tables kept in the user's cache: the same faces, and a bad cache never trusted.

Reading NanumGothic's tables costs a `stemprep sheet` process nearly as much as importing
reportlab, so they are cached; a face made from the cache must be the face reportlab
reads from the file. (That a sheet printed with it is the same PDF, read in a process
of its own, is tested with the `stemprep sheet` process in `tests/cli`.)
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from reportlab.pdfbase import ttfonts

from app.export import fonts
from app.export.fonts import FONT_CACHE_FILE, read_faces


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
    assert stat.S_IMODE((tmp_path / FONT_CACHE_FILE).stat().st_mode) == 0o600  # the owner's only
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
