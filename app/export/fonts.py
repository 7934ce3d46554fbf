"""The fonts a question sheet is printed in, registered with reportlab once per process.

The sheet is bilingual, so it needs one font that has both Latin letters and Hangul:
the bundled NanumGothic (regular and bold, OFL). Reading the 4.6 MB TrueType file takes
about a tenth of a second, so it happens once, on the first sheet, and every later
sheet reuses the registered font; reportlab embeds only the glyphs a sheet uses.

This module also answers "can this character be printed?" for `app.export.sheet_text`,
which turns what a user typed into text the font can show.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

from resources import resource_path

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
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    class MeasuredTTFont(TTFont):
        """A TrueType font that remembers how wide each word is.

        Breaking lines measures every word, and without reportlab's optional C
        accelerator each measurement is a Python loop; a sheet prints the same labels
        and bank words on every clinic's pages, so most measurements repeat.
        """

        def __init__(self, name: str, filename: str) -> None:
            super().__init__(name, filename)
            self._widths: dict[tuple[str, float], float] = {}

        def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802
            key = (text, size)
            width = self._widths.get(key)
            if width is None:
                if len(self._widths) >= _WIDTH_CACHE_LIMIT:
                    self._widths.clear()
                width = self._widths[key] = super().stringWidth(text, size, encoding)
            return width

    faces: list[set[int]] = []
    for name, parts in _FONT_FILES.items():
        font = MeasuredTTFont(name, str(resource_path(*parts)))
        pdfmetrics.registerFont(font)
        faces.append(set(font.face.charToGlyph))
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
