"""The sheet's own words: headings, field labels and notes, in English and Korean.

These are the printed sheet's interface text (like a screen's labels), not content: the
questions, red flags, documents and sources come from the question bank in `resources/`.
The Korean uses the terms a Korean clinician expects on an official form. Field labels
come from the field registry (`db/fields.py`), so a field is named the same everywhere.
Each label is a bank `Text`, so the sheet asks every label for its second language the
same way it asks a question.
"""

from __future__ import annotations

from app.domain.question_bank import Text
from db.fields import CLINIC_SPECS, PROFILE_SPECS

TITLE = Text(en="Questions for my consultation", ko="상담 때 여쭤볼 질문")
SUBTITLE = Text(en="Stem cell therapy in South Korea", ko="한국 줄기세포 치료 상담")
NOT_ADVICE = Text(
    en="This sheet is a list of questions to ask. It is not medical advice.",
    ko="이 질문지는 상담 때 물어볼 질문 목록이며 의학적 조언이 아닙니다.",
)
LOST_CHARACTERS = Text(
    en="Some characters could not be printed with this sheet's font and are shown as □.",
    ko="일부 문자는 글꼴에 없어 □로 표시했습니다.",
)
PREPARED = Text(en="Prepared", ko="작성일")
PAGE = Text(en="Page {page} of {pages}", ko="{pages}쪽 중 {page}쪽")
FACILITATOR = Text(en="Prepared by", ko="작성")
FACILITATOR_REGISTRATION = Text(en="Facilitator reg. no.", ko="유치업자 등록번호")

# ------------------------------------------------------------------ summary

SUMMARY = Text(en="About me", ko="환자 정보")
FOR_CLINICS = Text(en="Clinics this sheet is for", ko="상담 병원")
PATIENT_FIELDS: dict[str, Text] = {
    # The travel note and months print together as one line (`Profile.travel`).
    ("travel" if spec.name == "travel_window" else spec.name): Text(en=spec.label_en, ko=spec.label_ko)
    for spec in PROFILE_SPECS
    if spec.section == "summary"
}
CLINIC_FIELDS: dict[str, Text] = {
    spec.name: Text(en=spec.label_en, ko=spec.label_ko) for spec in CLINIC_SPECS if spec.section == "clinic"
}
CLINIC = Text(en="Clinic", ko="병원")
DOCTOR = Text(en="Doctor", ko="담당 의사")
DATE = Text(en="Date", ko="날짜")
CIRCLE_ONE = Text(en="Circle one", ko="하나에 동그라미")

# ---------------------------------------------------------------- questions

QUESTIONS = Text(en="Questions", ko="질문")
QUESTIONS_FOR = Text(en="Questions for {clinic}", ko="{clinic} 상담 질문")
PRIORITY: dict[str, Text] = {
    "essential": Text(en="Essential", ko="필수"),
    "recommended": Text(en="Recommended", ko="권장"),
    "optional": Text(en="Optional", ko="선택"),
}
PRIORITY_MARK: dict[str, str] = {"essential": "\u25cf", "recommended": "\u25d0", "optional": "\u25cb"}  # ● ◐ ○
MY_QUESTION = Text(en="My question", ko="제 질문")
WHY = Text(en="Why ask", ko="질문 이유")
SOURCES_SHORT = Text(en="Sources", ko="출처")
ANSWER = Text(en="Answer", ko="답변")
NOT_ASKED = Text(en="Not asked", ko="묻지 않음")
SKIPPED = Text(en="Skipped", ko="건너뜀")
ASKED_NO_ANSWER = Text(en="Asked; no answer written down", ko="질문함, 답변 기록 없음")
YES_NO: dict[str, Text] = {
    "yes": Text(en="Yes", ko="예"),
    "no": Text(en="No", ko="아니요"),
    "not-sure": Text(en="Not sure", ko="잘 모름"),
    "refused": Text(en="Would not answer", ko="답변 거부"),
}
RED_FLAG = Text(en="Red flag", ko="위험 신호")
RED_FLAG_MARK = "\u25b2"  # ▲
PATIENT_MARK = "\u25b3"  # △
PATIENT_FLAG = Text(en="I marked this answer as a worry", ko="우려되는 답변으로 표시함")

# ---------------------------------------------------------------- red flags

RED_FLAGS = Text(en="Red flags so far", ko="지금까지의 위험 신호")
RED_FLAGS_INTRO = Text(
    en="A red flag is an answer that regulators or experts warn about. Ask the clinic to explain, "
    "check it with the sources, or get a second opinion.",
    ko="위험 신호는 규제기관이나 전문가가 주의를 당부하는 답변입니다. 병원에 설명을 요청하거나 "
    "출처를 확인하거나 다른 의사의 의견을 들어 보십시오.",
)
NO_RED_FLAGS = Text(
    en="No red flags in the answers recorded so far.",
    ko="지금까지 기록된 답변에서는 위험 신호가 없습니다.",
)
SEVERITY: dict[str, Text] = {
    "serious": Text(en="Serious", ko="심각"),
    "warning": Text(en="Warning", ko="주의"),
}
PATIENT_FLAGGED = Text(en="Answers I marked as a worry", ko="제가 우려 표시한 답변")
WARNING_SIGNS = Text(en="Warning signs to listen for", ko="주의해야 할 답변")
QUESTION_NUMBER = Text(en="Question {number}", ko="질문 {number}")

# ----------------------------------------------------- documents, comparison

DOCUMENTS = Text(en="Documents to bring", ko="준비할 서류")
COMPARISON = Text(en="Clinic comparison", ko="병원 비교")
COMPARISON_INTRO = Text(
    en="The essential questions, clinic by clinic. ▲ marks an answer that raised a red flag; "
    "△ an answer I marked as a worry.",
    ko="필수 질문에 대한 병원별 답변입니다. ▲는 위험 신호가 나온 답변, △는 제가 우려 표시한 답변입니다.",
)
QUESTION = Text(en="Question", ko="질문")

# ---------------------------------------------------------------- reference

REFERENCE = Text(en="Reference", ko="참고 자료")
PRODUCTS = Text(
    en="Stem cell products approved by the Ministry of Food and Drug Safety (MFDS)",
    ko="식품의약품안전처(MFDS) 허가 줄기세포치료제",
)
PRODUCT_COLUMNS: tuple[Text, ...] = (
    Text(en="Product", ko="제품"),
    Text(en="Company", ko="회사"),
    Text(en="Approved", ko="허가"),
    Text(en="Cell source", ko="세포 출처"),
    Text(en="Approved use", ko="허가 적응증"),
)
CONTACTS = Text(en="Official contacts", ko="공식 연락처")
#: The month the facts were compiled from their sources; they were not re-checked since.
COMPILED = Text(en="Compiled", ko="자료 수집 시점")
SOURCES = Text(en="Sources cited on this sheet", ko="이 질문지에 인용된 출처")
CAUTION = Text(en="secondary source: read with care", ko="2차 출처: 주의해서 읽으십시오")

# ---------------------------------------------------------------- doctor copy

DOCTOR_TITLE = Text(en="Questions for the doctor", ko="의사 선생님께 드리는 질문")
DOCTOR_INTRO = Text(
    en="My questions for today, the most important first. Please write the answer under each one.",
    ko="오늘 여쭤볼 질문입니다. 중요한 질문부터 적었습니다. 각 질문 아래에 답변을 적어 주시면 감사하겠습니다.",
)
APPOINTMENT = Text(en="Appointment", ko="상담 예약")
PLACE = Text(en="Place", ko="장소")
INTERPRETER = Text(en="Interpreter", ko="통역사")
MY_QUESTIONS = Text(en="My questions", ko="여쭤볼 질문")
ENGLISH_ONLY = Text(en="The patient's own question, written in English only.",
                    ko="환자가 직접 영어로만 적은 질문입니다.")
NO_QUESTIONS = Text(en="No questions have been picked for this sheet.", ko="이 질문지에 고른 질문이 없습니다.")

# ---------------------------------------------------------------- notebook

OWN_COPY = Text(
    en="Your own copy: it may hold your notes, prices and red flags. Give a clinic its doctor copy instead.",
    ko="본인 보관용입니다. 메모, 가격, 위험 신호가 들어 있을 수 있으니 병원에는 의사용 사본을 드리십시오.",
)
NOTEBOOK_TITLE = Text(en="My notebook", ko="제 기록")
ATTENTION = Text(en="What needs attention", ko="확인할 사항")
DISMISSED = Text(en="I set this aside", ko="검토 후 제외함")
DOCUMENTS_READY = Text(en="Ticked: ready", ko="표시: 준비됨")
ANSWERS = Text(en="Answers so far", ko="지금까지의 답변")
ANSWERS_SO_FAR = Text(en="Answers so far: {clinic}", ko="지금까지의 답변: {clinic}")
NO_ANSWERS_YET = Text(en="No answers recorded yet.", ko="아직 기록된 답변이 없습니다.")
MY_NOTES = Text(en="My notes", ko="메모")
COMPARISON_ANSWERED = Text(
    en="Every question at least one clinic has answered. ▲ marks an answer that raised a red flag; "
    "△ an answer I marked as a worry.",
    ko="한 곳 이상의 병원이 답한 모든 질문입니다. ▲는 위험 신호가 나온 답변, △는 제가 우려 표시한 답변입니다.",
)
