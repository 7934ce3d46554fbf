"""User text on its way to the page: escaped, kept within the font, cut into splittable pieces."""

from __future__ import annotations

import pytest

from app.domain.formatting import shortened
from app.export.fonts import LATIN_FALLBACK, sheet_fonts
from app.export.sheet_text import CHUNK_CHARS, MISSING_MARK, SheetText


@pytest.fixture
def text() -> SheetText:
    return SheetText(sheet_fonts())


def test_markup_characters_are_escaped(text: SheetText) -> None:
    assert text.markup("<b>&</b> <font x>") == "&lt;b&gt;&amp;&lt;/b&gt; &lt;font x&gt;"
    assert not text.lost


def test_korean_and_chinese_the_font_has_pass_unchanged(text: SheetText) -> None:
    assert text.markup("무릎 골관절염 中文") == "무릎 골관절염 中文"
    assert not text.lost


def test_korean_typed_as_separate_jamo_is_composed(text: SheetText) -> None:
    decomposed = "\u1112\u1161\u11ab"  # 한, as a Mac keyboard may store it
    assert text.markup(decomposed) == "한"


def test_emoji_and_right_to_left_scripts_become_a_visible_mark(text: SheetText) -> None:
    assert text.markup("ok 😀 שלום") == f"ok {MISSING_MARK} {MISSING_MARK * 4}"
    assert text.lost


def test_invisible_formatting_is_removed_and_noted(text: SheetText) -> None:
    assert text.markup("a\u200db\ufe0f") == "ab"
    assert text.lost


def test_control_characters_become_visible(text: SheetText) -> None:
    assert text.markup("a\x00b\x1bc") == f"a{MISSING_MARK}b{MISSING_MARK}c"
    assert text.lost


def test_western_letters_missing_from_nanum_use_the_latin_fallback(text: SheetText) -> None:
    assert not sheet_fonts().has_glyph("Ö")
    assert text.markup("Österreich") == f'<font face="{LATIN_FALLBACK}">Ö</font>sterreich'
    assert not text.lost


def test_line_breaks_are_kept_in_markup(text: SheetText) -> None:
    assert text.markup("one\r\ntwo\rthree") == "one<br/>two<br/>three"


def test_long_text_is_cut_into_pieces_at_spaces(text: SheetText) -> None:
    note = ("word " * 2000).strip()
    pieces = text.paragraphs(note)
    assert len(pieces) > 1
    assert all(len(piece) <= CHUNK_CHARS for piece in pieces)
    assert " ".join(pieces).split() == note.split()


def test_a_long_word_without_spaces_is_cut_too(text: SheetText) -> None:
    pieces = text.paragraphs("x" * (CHUNK_CHARS * 3))
    assert [len(p) for p in pieces] == [CHUNK_CHARS] * 3


def test_shortened_marks_the_cut() -> None:
    assert shortened("a  b\nc", 10) == "a b c"
    assert shortened("abcdefghij", 5) == "abcd\u2026"
