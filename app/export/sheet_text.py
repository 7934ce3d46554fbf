"""What a user typed, made safe to print: escaped, within the font, in pieces that can break.

Profiles, clinics and answers hold whatever a patient or facilitator typed or pasted:
Korean, Chinese, emoji, Arabic, `<b>` or `&`, a 200-letter "word", a 10,000-character
note. reportlab's paragraphs read their text as markup, and a character missing from
the embedded font would print as nothing or an empty box that no one notices. So every
piece of user text goes through `SheetText` on its way to the page:

- markup characters are escaped, so `<b>` prints as `<b>`;
- characters NanumGothic has are printed with it; Western European letters it lacks
  ("Ä", "Ö", "Å", "ã") are printed in the viewer's Helvetica instead;
- anything else (emoji, Arabic, Hebrew, control characters) becomes a visible "□", and
  the sheet then says that some characters could not be shown (`SheetText.lost`);
- long text is cut into paragraphs that reportlab can split across pages.

Nothing is silently dropped except invisible formatting marks (zero-width joiners,
variation selectors), and those also set `lost` so the note appears.
"""

from __future__ import annotations

import unicodedata
from html import escape as _html_escape

from app.export.fonts import LATIN_FALLBACK, SheetFonts


def escape(text: str) -> str:
    """Escape &, < and > for reportlab's paragraph markup (xml.sax is slow to import)."""
    return _html_escape(text, quote=False)

#: Printed in place of a character the fonts cannot draw; NanumGothic has it.
MISSING_MARK = "\u25a1"  # □

#: Long paragraphs are cut near this many characters: reportlab splits a paragraph
#: across pages, but splitting one enormous paragraph is slow, and smaller pieces
#: keep each page's layout quick.
CHUNK_CHARS = 1200

_SPACE_LIKE = {"Zs"}
_LINE_BREAKS = {"\n", "\u2028", "\u2029", "\x85"}


def _fallback_can_draw(char: str) -> bool:
    """Whether the standard Helvetica (WinAnsi encoding) has `char`."""
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return unicodedata.category(char)[0] != "C"


class SheetText:
    """Turns user text into printable text for one sheet, remembering what it had to replace."""

    def __init__(self, fonts: SheetFonts) -> None:
        self._fonts = fonts
        self._markup: dict[str, str] = {}
        self._runs: dict[tuple[str, bool], tuple[list[tuple[str, bool]], bool]] = {}
        self.lost = False  # True once any character was replaced or removed

    # ------------------------------------------------------------------ runs

    def runs(self, text: str, *, keep_newlines: bool = False) -> list[tuple[str, bool]]:
        """`text` as printable runs: (run, True when it needs the Latin fallback font)."""
        # Every page draws the same header and footer lines: convert each text once.
        known = self._runs.get((text, keep_newlines))
        if known is None:
            was_lost, self.lost = self.lost, False
            known = self._runs[(text, keep_newlines)] = (self._runs_of(text, keep_newlines), self.lost)
            self.lost = was_lost
        self.lost = self.lost or known[1]
        return list(known[0])

    def _runs_of(self, text: str, keep_newlines: bool) -> list[tuple[str, bool]]:
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        runs: list[tuple[str, bool]] = []
        current: list[str] = []
        current_fallback = False
        for char in text:
            printed, fallback = self._printable(char, keep_newlines)
            if not printed:
                continue
            if fallback != current_fallback and current:
                runs.append(("".join(current), current_fallback))
                current = []
            current_fallback = fallback
            current.append(printed)
        if current:
            runs.append(("".join(current), current_fallback))
        return runs

    def _printable(self, char: str, keep_newlines: bool) -> tuple[str, bool]:
        if char in _LINE_BREAKS:
            return ("\n" if keep_newlines else " "), False
        if char == "\t":
            return " ", False
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn"):
            # Control characters, lone surrogates, private-use and unassigned code points.
            self.lost = True
            return MISSING_MARK, False
        if category in _SPACE_LIKE:
            return (char if self._fonts.has_glyph(char) else " "), False
        if self._fonts.has_glyph(char):
            return char, False
        if category == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF:
            # Invisible formatting: zero-width joiners, direction marks, variation selectors.
            self.lost = True
            return "", False
        if _fallback_can_draw(char):
            return char, True
        self.lost = True
        return MISSING_MARK, False

    # --------------------------------------------------------------- outputs

    def plain(self, text: str) -> str:
        """One line for drawing straight on the canvas in NanumGothic: what it lacks becomes "□"."""
        runs = self.runs(text)
        if any(fallback for _, fallback in runs):
            self.lost = True
        return "".join(MISSING_MARK * len(run) if fallback else run for run, fallback in runs)

    def markup(self, text: str) -> str:
        """Paragraph markup for `text`: escaped, line breaks kept, fallback letters in Helvetica."""
        known = self._markup.get(text)
        if known is None:
            # A sheet prints the same labels and bank texts once per clinic; convert each once.
            known = self._markup[text] = self._convert(text)
        return known

    def _convert(self, text: str) -> str:
        if self._fonts.plain_text(text):
            return escape(text)
        parts = []
        for run, fallback in self.runs(text, keep_newlines=True):
            escaped = escape(run).replace("\n", "<br/>")
            parts.append(f'<font face="{LATIN_FALLBACK}">{escaped}</font>' if fallback else escaped)
        return "".join(parts)

    def paragraphs(self, text: str) -> list[str]:
        """`text` as markup pieces, one per line and none much longer than `CHUNK_CHARS`."""
        pieces: list[str] = []
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            for chunk in _chunks(line, CHUNK_CHARS):
                if chunk.strip():
                    pieces.append(self.markup(chunk))
        return pieces


def _chunks(line: str, limit: int) -> list[str]:
    """`line` cut into pieces of at most about `limit` characters, at a space where there is one."""
    chunks = []
    while len(line) > limit:
        cut = line.rfind(" ", limit // 2, limit)
        if cut <= 0:
            cut = limit
        chunks.append(line[:cut])
        line = line[cut:].lstrip(" ")
    chunks.append(line)
    return chunks
