"""The fonts a question sheet is printed in, registered with reportlab once per process.

The sheet is bilingual, so it needs one font that has both Latin letters and Hangul:
the bundled NanumGothic (regular and bold, OFL). reportlab embeds only the glyphs a
sheet uses, but to know them it reads each 4.6 MB TrueType file's tables of characters,
widths and glyph places, in Python: nearly as long as importing reportlab itself, which
a `stemprep sheet` process would pay on every sheet. So the tables read are kept in
the user's cache folder (`FONT_CACHE_FILE`), keyed by a digest of the font files and
reportlab's version and checked by a digest of their own; anything else (another key,
a damaged or unreadable file) is never trusted: the fonts are read again and the cache
rewritten. A process reads the fonts once, on its first sheet, either way.

This module also answers "can this character be printed?" for `app.export.sheet_text`,
which turns what a user typed into text the font can show.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.files import write_cache_file
from resources import resource_path

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFontFace

log = logging.getLogger("stemprep.fonts")

#: The names the sheet's styles use; they are reportlab font names, not file names.
REGULAR = "StemPrepSans"
BOLD = "StemPrepSans-Bold"

#: A standard PDF font (not embedded; every viewer has it) that covers the Western
#: European letters NanumGothic lacks, such as "Ä", "Ö", "Å" and "ã".
LATIN_FALLBACK = "Helvetica"

_FONT_FILES = {
    REGULAR: ("fonts", "NanumGothic.ttf"),
    BOLD: ("fonts", "NanumGothicBold.ttf"),
}

_lock = threading.Lock()

#: The cache file of the fonts' tables, in the user's cache folder.
FONT_CACHE_FILE = "sheet-fonts.marshal"

#: Changes when what the cache holds, or how, changes.
_CACHE_FORMAT = 1

#: The face's attributes not kept in the cache: the file's bytes (read from the font
#: file itself), where it was read from, and a function (made again from unitsPerEm).
_NOT_CACHED = frozenset({"_ttf_data", "filename", "_pdfScale"})


@dataclass(frozen=True)
class SheetFonts:
    """The registered font names and the characters all of them can draw."""

    regular: str
    bold: str
    covered: frozenset[int]

    printable: frozenset[str]  # covered characters that print as themselves (no controls)

    def has_glyph(self, char: str) -> bool:
        """Whether the sheet's own font can draw `char` (one code point)."""
        return ord(char) in self.covered

    def plain_text(self, text: str) -> bool:
        """Whether all of `text` prints as it is: in the font, one line, nothing to convert."""
        return self.printable.issuperset(text) and unicodedata.is_normalized("NFC", text)


#: Words measured per font before the width cache starts again (a few MB at most).
_WIDTH_CACHE_LIMIT = 200_000


@cache
def _registered() -> SheetFonts:
    # reportlab's imports are deferred so that importing app.export stays cheap.
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

    class MeasuredTTFont(TTFont):
        """A TrueType font that remembers how wide each word is.

        Breaking lines measures every word, and without reportlab's optional C
        accelerator each measurement is a Python loop; a sheet prints the same labels
        and bank words on every clinic's pages, so most measurements repeat.
        """

        def __init__(self, name: str, face: TTFontFace) -> None:
            # What TTFont.__init__ does, with a face already read instead of reading the file again.
            self.fontName = name
            self.face = face
            self.encoding = TTEncoding()
            self.state = WeakKeyDictionary()
            self._asciiReadable = rl_config.ttfAsciiReadable
            self.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)
            self._widths: dict[tuple[str, float], float] = {}

        def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
            key = (text, size)
            width = self._widths.get(key)
            if width is None:
                if len(self._widths) >= _WIDTH_CACHE_LIMIT:
                    self._widths.clear()
                width = self._widths[key] = super().stringWidth(text, size, encoding)
            return width

    faces: list[set[int]] = []
    for name, face in read_faces().items():
        font = MeasuredTTFont(name, face)
        pdfmetrics.registerFont(font)
        faces.append(set(face.charToGlyph))
    # Bold text uses the same characters as regular text, so only what both can draw counts.
    covered = frozenset(set.intersection(*faces))
    printable = frozenset(
        chr(code) for code in covered if code == 0x20 or unicodedata.category(chr(code))[0] not in "CZ"
    )
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return SheetFonts(regular=REGULAR, bold=BOLD, covered=covered, printable=printable)


def sheet_fonts() -> SheetFonts:
    """Register NanumGothic with reportlab (the first time only) and describe it.

    Safe to call from several threads: the first caller registers, the others wait.
    """
    with _lock:
        return _registered()


# ------------------------------------------------------------------ the fonts' tables, cached


def read_faces(folder: Path | None = None) -> dict[str, TTFontFace]:
    """Each sheet font's face, its tables from the cache in `folder` when they match, else read and cached."""
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFontFace

    paths = {name: Path(resource_path(*parts)) for name, parts in _FONT_FILES.items()}
    data = {name: path.read_bytes() for name, path in paths.items()}
    digest = hashlib.sha256(f"format {_CACHE_FORMAT}\nreportlab {Version}\n".encode())
    for name in sorted(data):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data[name]).digest())
    key = digest.hexdigest()
    cache_path = (folder if folder is not None else _cache_folder()) / FONT_CACHE_FILE
    states = _read_cache(cache_path, key)
    if states is not None:
        try:
            return {name: _face_from_state(paths[name], data[name], states[name]) for name in paths}
        except (KeyError, TypeError, ValueError) as error:
            log.warning("the font cache does not hold what a face needs (%s); reading the fonts", error)
    faces = {name: TTFontFace(str(path)) for name, path in paths.items()}
    _write_cache(cache_path, key, {name: _state_of(face) for name, face in faces.items()})
    return faces


def _cache_folder() -> Path:
    from app.domain.bank_cache import default_folder

    return default_folder()


def _state_of(face: TTFontFace) -> dict[str, Any]:
    """What the face read from its file, as values `marshal` can write."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    state: dict[str, Any] = {}
    for attribute, value in vars(face).items():
        if attribute in _NOT_CACHED:
            continue
        state[attribute] = ("name", value.ustr) if isinstance(value, TTFNameBytes) else value
    return state


def _face_from_state(path: Path, data: bytes, state: dict[str, Any]) -> TTFontFace:
    """A face as `TTFontFace(path)` makes it, from the tables it read before."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

    for needed, kind in (("charToGlyph", dict), ("charWidths", dict), ("glyphPos", list), ("hmetrics", list),
                         ("table", dict), ("unitsPerEm", int)):
        if not isinstance(state[needed], kind):
            raise TypeError(f"{needed} is a {type(state[needed]).__name__}")
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    for attribute, value in state.items():
        if isinstance(value, tuple) and len(value) == 2 and value[0] == "name":
            value = TTFNameBytes(value[1].encode("utf-8"))
        setattr(face, attribute, value)
    face._ttf_data = data
    face.filename = str(path)
    per_em = 1000 / face.unitsPerEm
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * per_em)
    return face


def _read_cache(path: Path, key: str) -> dict[str, dict[str, Any]] | None:
    """The faces' states in the cache file at `path` if it is whole and was written under `key`."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        log.info("the font cache cannot be read (%s); reading the fonts", type(error).__name__)
        return None
    header, _, payload = raw.partition(b"\n")
    if header != f"{key} {hashlib.sha256(payload).hexdigest()}".encode():
        log.info("the font cache is for other fonts or damaged; reading the fonts")
        return None
    # Reading makes ~200,000 small objects; the garbage collector would pass over the
    # process's objects again and again while they are made, half as long again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        states = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(states, dict) or not all(isinstance(v, dict) for v in states.values()):
        return None
    return states


def _write_cache(path: Path, key: str, states: dict[str, dict[str, Any]]) -> None:
    """Write the states under `key`, owner-only and whole or not at all; nothing when it cannot."""
    try:
        payload = marshal.dumps(states)
    except ValueError as error:  # a value marshal cannot write: a reportlab whose faces hold more
        log.info("the fonts' tables cannot be cached (%s)", error)
        return
    header = f"{key} {hashlib.sha256(payload).hexdigest()}\n".encode()
    if not write_cache_file(path, header + payload):
        log.info("the font cache cannot be written to %s", path.parent)
