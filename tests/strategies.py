"""Hostile text for property tests: what a patient can paste, and what breaks naive code.

Patients paste from messaging apps, PDFs and web pages: text arrives with control
characters, NUL, lone combining marks, right-to-left overrides, emoji joined with
ZWJ, Hangul in decomposed (NFD) form from a Mac, and characters that mean something
to reportlab's paragraph markup (``<b>``, ``&``, ``<font>``). StemPrep must store it
exactly and print it without crashing.

Shared by ``tests/db/test_hostile_input.py`` (storage) and the PDF tests: import
``hostile_text`` for one field, or ``profile_texts()`` / ``clinic_texts()`` /
``answer_texts()`` / ``custom_question_texts()`` for every text field of a record,
as keyword arguments ready for `Store`.

Lone surrogates (U+D800–U+DFFF) are left out: they are not Unicode scalar values,
cannot be encoded as UTF-8, and are covered by their own test.
"""

from __future__ import annotations

import unicodedata
from dataclasses import fields

from hypothesis import strategies as st

from db.records import CLINIC_FIELDS, PROFILE_FIELDS, Clinic, Profile

#: Pieces chosen to break something specific; mixed with random text below.
NASTY_PIECES: tuple[str, ...] = (
    # control characters, NUL and line separators
    "\x00", "\x01", "\x07", "\x08", "\x1b[31m", "\t", "\r\n", "\r", "\x0b", "\x0c", "\x7f", "\x85",
    "\u2028", "\u2029",
    # lone and stacked combining marks
    "\u0301", "\u0308\u0308\u0308\u0308", "\u20dd", "\u0e49",
    # bidirectional controls and right-to-left text
    "\u202e", "\u202d", "\u202c", "\u2066", "\u2067", "\u2069", "\u200f", "\u061c", "مرحبا", "שלום",
    # emoji: ZWJ families, flags, skin tones, variation selectors
    "👩‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "🇰🇷", "❤️", "\ufe0f",
    # Korean: precomposed, decomposed (NFD, as macOS file names give it), bare jamo
    "한국어 줄기세포", unicodedata.normalize("NFD", "무릎 관절염"), "\u1100\u1161\u11a8", "ㅋㅋㅋ",
    # reportlab paragraph markup and XML
    "<b>", "</b>", "&", "&amp;", "&#0;", "<font color='red'>", "</font>", "<para>", "<br/>",
    "<img src='x'/>", "]]>", "<![CDATA[", "<",
    # SQL and LIKE
    "'; DROP TABLE profiles; --", '"', "%", "_", "\\", "\\%",
    # zero-width, BOM, odd spaces, non-characters, the highest code point
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u3000", "\u00a0", "\uffff", "\ufffe", "\U0010ffff",
    # long runs
    "가" * 3000, "W" * 500,
)

_ANY_CHARACTER = st.characters(exclude_categories=("Cs",))


def hostile_text(max_pieces: int = 6) -> st.SearchStrategy[str]:
    """Any text without lone surrogates, biased towards the pieces above."""
    piece = st.one_of(st.sampled_from(NASTY_PIECES), st.text(_ANY_CHARACTER, max_size=6))
    return st.one_of(
        st.lists(piece, max_size=max_pieces).map("".join),
        st.text(_ANY_CHARACTER, max_size=24),
    )


def is_blank(text: str) -> bool:
    """What the Store treats as empty for required fields (names, question text)."""
    return not text.strip()


def _text_fields(cls: type, editable: tuple[str, ...], exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(
        f.name for f in fields(cls) if f.name in editable and f.type == "str" and f.name not in exclude
    )


#: Free-text fields a patient types, per record (the condition is a choice, not text).
PROFILE_TEXT_FIELDS = _text_fields(Profile, PROFILE_FIELDS, exclude=("condition",))
CLINIC_TEXT_FIELDS = _text_fields(Clinic, CLINIC_FIELDS)
ANSWER_TEXT_FIELDS: tuple[str, ...] = ("value", "text")
CUSTOM_QUESTION_TEXT_FIELDS: tuple[str, ...] = ("text_en", "text_ko")


def profile_texts() -> st.SearchStrategy[dict[str, str]]:
    """Every text field of a Profile (including the name, which may come out blank)."""
    return st.fixed_dictionaries({name: hostile_text() for name in PROFILE_TEXT_FIELDS})


def clinic_texts() -> st.SearchStrategy[dict[str, str]]:
    """Every text field of a Clinic (including the name, which may come out blank)."""
    return st.fixed_dictionaries({name: hostile_text() for name in CLINIC_TEXT_FIELDS})


def answer_texts() -> st.SearchStrategy[dict[str, str]]:
    """An answer's question id, value and words."""
    return st.fixed_dictionaries(
        {"question_id": hostile_text(3), **{name: hostile_text() for name in ANSWER_TEXT_FIELDS}}
    )


def custom_question_texts() -> st.SearchStrategy[dict[str, str]]:
    """A custom question in English and Korean (the English may come out blank)."""
    return st.fixed_dictionaries({name: hostile_text() for name in CUSTOM_QUESTION_TEXT_FIELDS})
