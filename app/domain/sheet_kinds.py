"""The kinds of sheet StemPrep prints, named for who reads them; declared once for the CLI, GUI and batch.

A module of its own with no imports, so that `stemprep --help` and the window can list
the kinds without loading the question bank.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every part a sheet can have, in the order the full checklist prints them.
SECTIONS: tuple[str, ...] = ("summary", "questions", "red_flags", "documents", "comparison", "reference")


@dataclass(frozen=True)
class SheetKind:
    """A kind of sheet: its id (`--kind`), its name and what it holds, in English and Korean."""

    id: str
    title_en: str
    title_ko: str
    about_en: str
    about_ko: str
    #: The parts this kind can print.
    sections: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.title_ko if lang.startswith("ko") else self.title_en

    def about(self, lang: str) -> str:
        return self.about_ko if lang.startswith("ko") else self.about_en


SHEET_KINDS: tuple[SheetKind, ...] = (
    SheetKind(
        "doctor",
        "Doctor copy", "의사용 사본",
        "For one clinic, handed to the doctor: Korean first, a one-page summary of you, then your picked "
        "questions with room for the answers. Nothing private: no other clinic, prices, notes, worries or "
        "red flags.",
        "한 병원의 의사에게 건네는 사본입니다. 한국어가 먼저 나오고, 환자 요약 한 쪽과 고른 질문, 답변을 적을 칸이 "
        "있습니다. 다른 병원, 가격, 메모, 우려 표시, 위험 신호 같은 개인적인 내용은 넣지 않습니다.",
        ("summary", "questions"),
    ),
    SheetKind(
        "notebook",
        "My notebook", "제 기록",
        "Your own record: red flags, worries and the documents to bring first, then the clinics compared, "
        "the answers so far, your notes and the reference page.",
        "환자 본인의 기록입니다. 위험 신호, 우려 사항, 준비할 서류가 먼저 나오고, 병원 비교, 지금까지의 답변, 메모, "
        "참고 자료가 이어집니다.",
        ("red_flags", "documents", "comparison", "questions", "reference"),
    ),
    SheetKind(
        "checklist",
        "Full checklist", "전체 질문 목록",
        "Every question for your condition, for each clinic, with everything recorded so far.",
        "질환에 해당하는 모든 질문을 병원별로, 지금까지 기록된 내용과 함께 인쇄합니다.",
        SECTIONS,
    ),
)

KINDS: dict[str, SheetKind] = {kind.id: kind for kind in SHEET_KINDS}
