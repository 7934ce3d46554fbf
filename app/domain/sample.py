"""Synthetic patients for demos, tests and benchmarks: `stemprep sample --count N`.

A facilitator evaluating StemPrep, a test of search among 10,000 profiles, and the
benchmarks all need many realistic profiles — names in English and Korean, clinics
in Korean cities, answers with the odd warning sign — without a single real person
in them. Every profile made here is marked synthetic in the database and says so in
its notes, and the same seed always gives the same people.
"""

from __future__ import annotations

import random

from app.domain.question_bank import Question, QuestionBank, load_question_bank
from db.records import CONDITIONS, NewClinic, NewProfile, ProfileId
from db.store import Store

SYNTHETIC_NOTE = "Synthetic sample profile made by StemPrep — not a real person. / 가상의 예시 프로필입니다."

_GIVEN = ["Margaret", "John", "Aisha", "Olga", "Wei", "Maria", "David", "Fatima", "Ivan", "Sarah",
          "Hiroshi", "Nguyen", "Priya", "Carlos", "Anna", "Mohammed", "Elena", "Tomasz", "Grace", "Yusuf"]
_FAMILY = ["Smith", "Ivanova", "Chen", "Garcia", "Khan", "Müller", "Tanaka", "Petrov", "Brown", "Haddad",
           "Nowak", "Silva", "Kowalski", "Rossi", "Johnson", "Al-Sayed", "Sato", "Andersen", "Dubois", "Lopez"]
_KOREAN_NAMES = ["김영희", "이순자", "박철수", "최민준", "정서연", "강지훈", "조은정", "윤하늘", "장미숙", "임도현"]
_CITIES = [("Seoul", "서울"), ("Busan", "부산"), ("Incheon", "인천"), ("Daegu", "대구"),
           ("Daejeon", "대전"), ("Gwangju", "광주"), ("Jeju", "제주"), ("Suwon", "수원")]
_CLINIC_WORDS = ["Hangang", "Namsan", "Gangnam", "Haeundae", "Bukhan", "Seorak", "Halla", "Mugung"]
_CLINIC_KINDS = ["Joint Clinic", "Regenerative Center", "Neurology Hospital", "Heart Clinic",
                 "Skin & Wound Clinic", "General Hospital", "관절병원", "재생의학센터"]
_DIAGNOSES = {
    "knee-oa": ("Knee osteoarthritis, worse on stairs", "무릎 골관절염"),
    "stroke": ("Ischaemic stroke, weakness on the left side", "허혈성 뇌졸중"),
    "parkinsons": ("Parkinson's disease, tremor in the right hand", "파킨슨병"),
    "heart": ("Heart attack two years ago, tired on walks", "심근경색"),
    "skin": ("Burn scars on the forearm", "화상 흉터"),
    "other": ("Chronic lower back pain", "만성 요통"),
}
_TREATMENTS = ["Autologous adipose-derived cells, two injections", "Umbilical cord MSC infusion",
               "Bone marrow aspirate concentrate (BMAC) injection", "줄기세포 주사 3회",
               "Stromal vascular fraction (SVF) injection", "Exosome skin treatment"]
_CURRENCIES = [("KRW", 8_000_000, 40_000_000), ("USD", 6_000, 30_000), ("EUR", 5_000, 25_000)]


def add_sample_profiles(
    store: Store,
    count: int,
    *,
    seed: int = 0,
    bank: QuestionBank | None = None,
    chunk: int = 2_000,
) -> list[ProfileId]:
    """Add `count` synthetic profiles; returns their ids. The same seed gives the same people."""
    if count < 0:
        raise ValueError("The number of sample profiles cannot be negative.")
    bank = bank or load_question_bank()
    rng = random.Random(seed)
    essentials = {
        condition: [q for q in bank.questions_for(condition) if q.priority == "essential"]
        for condition in CONDITIONS
    }
    made: list[ProfileId] = []
    with store.batch():
        for start in range(0, count, chunk):
            batch = [_sample_profile(rng, essentials) for _ in range(min(chunk, count - start))]
            made += store.add_profiles_bulk(batch)
    return made


def _sample_profile(rng: random.Random, essentials: dict[str, list[Question]]) -> NewProfile:
    condition = rng.choice(CONDITIONS)
    if rng.random() < 0.2:
        name = rng.choice(_KOREAN_NAMES)
    else:
        name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
    diagnosis_en, diagnosis_ko = _DIAGNOSES[condition]
    values: dict[str, object] = {}
    if condition == "knee-oa":
        values["kl_grade"] = rng.randint(1, 4)
    elif condition == "stroke":
        values["mrs"] = rng.randint(1, 5)
    elif condition == "parkinsons":
        values["hoehn_yahr"] = rng.choice((1.0, 1.5, 2.0, 2.5, 3.0, 4.0))
    elif condition == "heart":
        values["lvef"] = rng.randint(25, 55)
    month = rng.randint(1, 12)
    values.update(
        name=name,
        condition=condition,
        birth_year=rng.randint(1940, 1990),
        languages=rng.choice(["English", "English, Russian", "Arabic, English", "Korean / 한국어", "Mongolian"]),
        diagnosis=f"{diagnosis_en} ({diagnosis_ko})",
        diagnosed=str(rng.randint(2010, 2025)),
        medicines=rng.choice(["Paracetamol 500 mg twice a day", "Aspirin 100 mg", "Levodopa 100 mg three times a day", ""]),
        allergies=rng.choice(["None known", "Penicillin", "Latex", ""]),
        goals=rng.choice(["Walk without pain", "Use my hand again", "Less tired", "Understand my options"]),
        budget=f"{rng.randint(5, 40) * 1000} USD",
        travel_start=f"{2027 + (month > 9)}-{month:02d}",
        travel_end=f"{2027 + (month > 9)}-{month:02d}",
        notes=SYNTHETIC_NOTE,
    )
    clinics = []
    for _ in range(rng.randint(0, 3)):
        city_en, city_ko = rng.choice(_CITIES)
        currency, low, high = rng.choice(_CURRENCIES)
        answers = []
        questions = essentials[condition]
        for question in rng.sample(questions, k=min(len(questions), rng.randint(0, 6))):
            if question.answer_kind == "yes-no":
                value, text = rng.choice(("yes", "yes", "no", "not-sure", "refused")), ""
            elif question.answer_kind == "choice" and question.choices:
                value, text = rng.choice(question.choices).id, ""
            elif question.answer_kind == "number":
                value, text = str(rng.randint(1, 5)), ""
            else:
                value, text = "", rng.choice(["They will send it by e-mail.", "설명 들었음", "Not clear yet"])
            answers.append({"question_id": question.id, "status": "answered", "value": value, "text": text})
        # Every other clinic has a consultation booked in the travel month; worked out without
        # the random generator, so the same seed still gives the same people as before.
        appointment = None
        if (month + len(clinics)) % 2 == 0:
            appointment = f"{2027 + (month > 9)}-{month:02d}-{10 + 3 * len(clinics):02d}T{9 + len(clinics):02d}:30"
        clinics.append(NewClinic(
            values={
                "appointment": appointment,
                "name": f"{rng.choice(_CLINIC_WORDS)} {rng.choice(_CLINIC_KINDS)} (sample)",
                "city": rng.choice((city_en, city_ko)),
                "treatment": rng.choice(_TREATMENTS),
                "price": float(rng.randint(low, high) // 1000 * 1000),
                "currency": currency,
                "claimed_credentials": rng.choice(
                    ["", "Registered for foreign patients", "MFDS registered", "KOIHA accredited"]
                ),
            },
            answers=tuple(answers),
        ))
    return NewProfile(values=values, clinics=tuple(clinics), synthetic=True)
