"""The content itself: enough of it, in both languages, sourced, and honest about what is unverified.

These tests read the bundled resources as a reviewer would: enough questions, every topic a
patient must be able to ask about, Korean in every Korean field and in the formal register,
every cited source present, the ids pinned so that a rename is a deliberate edit here too,
nothing the sources leave unconfirmed stated as fact, and a demo patient that fits the bank.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.domain.question_bank import (
    YES_NO_VALUES,
    QuestionBank,
    Text,
    load_question_bank,
)
from app.domain.red_flags import parse_number
from db.records import ANSWER_STATUSES, CLINIC_FIELDS, CONDITIONS, PROFILE_FIELDS
from resources import resource_path

HANGUL = re.compile(r"[\uac00-\ud7a3]")
RESOURCES = resource_path()

QUESTION_IDS: tuple[str, ...] = (
    "cred.legal-route", "cred.mfds-approved-product", "cred.mfds-approved-indication",
    "cred.designated-institution", "cred.treatment-plan-appropriate", "cred.plan-number-in-writing",
    "cred.risk-class", "cred.mfds-high-risk", "cred.foreign-patient-registration",
    "cred.malpractice-insurance", "cred.koiha-accreditation", "cred.kahf-accreditation",
    "cred.physician-licence", "cred.physician-experience", "cred.facilitator-registered",
    "cred.facilitator-commission", "cred.staff-training", "cred.ethics-approval", "cred.financial-interest",
    "diag.examined-first", "diag.diagnosis",
    "diag.eligibility-criteria", "diag.within-target-patients", "diag.foreign-patients-eligible",
    "diag.alternatives", "diag.future-options", "diag.other-health", "diag.medicines-change",
    "diag.tests-before", "diag.home-doctor", "treat.cell-source", "treat.tissue", "treat.manipulation",
    "treat.where-processed", "treat.facility-certified", "treat.processing-records",
    "treat.certificate-of-analysis", "treat.dose", "treat.sessions", "treat.delivery", "treat.anaesthesia",
    "treat.differentiated", "treat.rejection", "treat.many-illnesses", "treat.other-care",
    "treat.donor-screening", "treat.stored-cells",
    "evid.published-results", "evid.evidence-kind", "evid.prior-research", "evid.is-study",
    "evid.study-number", "evid.expected-benefit", "evid.outcome-measure", "evid.clinic-results",
    "evid.time-to-benefit", "evid.outside-review", "evid.result-guaranteed", "risk.side-effects", "risk.seen-in-patients",
    "risk.emergency-plan", "risk.infection", "risk.tumour", "risk.safety-register", "risk.complication-costs",
    "risk.any-risk",
    "cost.total", "cost.breakdown", "cost.written-quote", "cost.basis", "cost.insurance", "cost.repeat-doses",
    "cost.deposit", "cost.refund-terms", "cost.deadline", "cost.pay-to-take-part", "cost.payment-method",
    "consent.form-language", "consent.form-contents", "consent.interpreter", "consent.protocol-copy",
    "consent.change-mind", "consent.data-use", "consent.patient-rights", "consent.k-medi",
    "after.follow-up-plan", "after.follow-up-count", "after.long-term", "after.records-english",
    "after.home-doctor", "after.contact-at-home", "after.activity-limits", "after.warning-symptoms",
    "after.complications-at-home", "after.malpractice-abroad", "after.own-insurance",
    "travel.visa", "travel.stay-days", "travel.fly-after", "travel.companion", "travel.documents",
    "travel.health-advice", "travel.stay-longer", "travel.local-help", "heart.hearticellgram", "heart.timing",
    "heart.lvef-fit", "heart.evidence", "heart.specialist-setting", "heart.medicines", "heart.route",
    "heart.function-tests", "knee.offer-type", "knee.kl-grade-fit", "knee.cartistem-surgery",
    "knee.bmac-listed", "knee.svf-basis", "knee.evidence-reviews", "knee.compare-usual",
    "knee.recent-injection", "knee.leg-alignment", "knee.walking-after", "knee.outcome-measure",
    "other.approved-for-condition", "other.proven-use", "other.als", "other.crohns", "other.eye-injection",
    "other.specialist", "other.spine-or-brain", "other.condition-studies", "pd.approved",
    "pd.trial-or-infusion", "pd.medicines", "pd.immunosuppression", "pd.outcome-measure", "pd.diary",
    "pd.stage", "pd.surgery-risks", "skin.product-kind", "skin.claims", "skin.exact-product", "skin.exosome",
    "skin.wound-products", "skin.evidence", "skin.injection-risks", "skin.fat-collection", "stroke.approved",
    "stroke.timing", "stroke.trial-result", "stroke.mrs", "stroke.route-risks", "stroke.rehabilitation",
    "stroke.blood-thinners", "stroke.type-and-area",
)

RED_FLAG_IDS: tuple[str, ...] = (
    "no-legal-route", "not-approved-not-planned-not-studied", "registered-presented-as-approved",
    "plan-number-refused", "no-risk-claim", "clinic-not-registered", "no-malpractice-insurance",
    "facilitator-not-registered", "consent-not-readable", "cells-undocumented", "no-emergency-plan",
    "not-designated", "approved-for-another-use", "approval-claimed-for-stroke-or-parkinsons",
    "testimonials-as-evidence", "promised-cure", "one-treatment-many-illnesses", "pay-to-join-study",
    "pressure-to-decide", "no-certificate-of-analysis", "own-cells-as-proof-of-safety",
    "home-doctor-discouraged", "no-follow-up-plan", "no-records-to-take-home", "no-written-terms",
    "licence-not-shown", "stem-cells-in-cosmetic", "cosmetic-with-medical-claims",
)


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_question_bank()


def texts(bank: QuestionBank) -> Iterator[tuple[str, Text]]:
    """Every bilingual text in the bank, named by where it is."""
    for category in bank.categories:
        yield f"category {category.id}", category.title
    for condition in bank.conditions:
        yield f"condition {condition.id}", condition.title
        for extra in (condition.measure_title, condition.measure_help):
            if extra is not None:
                yield f"condition {condition.id} measure", extra
    for question in bank.questions:
        yield f"question {question.id}", question.text
        yield f"question {question.id} why", question.why
        for choice in question.choices:
            yield f"question {question.id} choice {choice.id}", choice.text
    for document in bank.documents:
        yield f"document {document.id}", document.text
        if document.why is not None:
            yield f"document {document.id} why", document.why
    for rule in bank.red_flags:
        yield f"red flag {rule.id} title", rule.title
        yield f"red flag {rule.id} explanation", rule.explanation
    reference = bank.reference
    yield "reference note", reference.note
    for product in reference.products:
        for part in (product.name, product.cell_source, product.indication):
            yield f"product {product.name.en}", part
    for contact in reference.contacts:
        yield f"contact {contact.value}", contact.name
        yield f"contact {contact.value} what", contact.what


def toml_files() -> list[Path]:
    return sorted(RESOURCES.glob("*.toml")) + sorted((RESOURCES / "questions").glob("*.toml"))


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+", text.strip()) if s]


# ------------------------------------------------------------- size and coverage


def test_counts(bank: QuestionBank) -> None:
    assert len(bank.questions) >= 100
    assert len(bank.red_flags) >= 15
    assert len(bank.documents) >= 15


@pytest.mark.parametrize("condition", CONDITIONS)
def test_each_condition_module_has_six_questions_of_its_own(bank: QuestionBank, condition: str) -> None:
    own = [q for q in bank.questions if q.conditions == (condition,)]
    assert len(own) >= 6
    assert any(q.priority == "essential" for q in own)


def test_categories_in_the_agreed_order(bank: QuestionBank) -> None:
    assert [c.id for c in bank.categories] == [
        "credentials", "diagnosis", "treatment", "evidence", "risks", "cost", "consent",
        "aftercare", "travel", "condition", "custom",
    ]
    used = Counter(q.category for q in bank.questions)
    assert used["custom"] == 0
    assert all(used[c.id] >= 5 for c in bank.categories if c.id != "custom")


def test_everyones_documents_come_first(bank: QuestionBank) -> None:
    general = [bool(d.conditions) for d in bank.documents]
    assert general == sorted(general), "documents.toml lists the documents for everyone first"


def test_conditions_match_the_app(bank: QuestionBank) -> None:
    assert tuple(c.id for c in bank.conditions) == CONDITIONS


@pytest.mark.parametrize(
    "topic",
    [
        "cred.mfds-approved-product", "cred.mfds-approved-indication", "cred.designated-institution",
        "cred.treatment-plan-appropriate", "cred.plan-number-in-writing", "cred.foreign-patient-registration",
        "cred.malpractice-insurance", "cred.koiha-accreditation", "cred.kahf-accreditation",
        "cred.physician-licence", "cred.physician-experience", "cred.facilitator-registered",
        "cred.facilitator-commission", "diag.eligibility-criteria", "diag.foreign-patients-eligible",
        "treat.cell-source", "treat.tissue", "treat.manipulation", "treat.where-processed", "treat.dose",
        "treat.sessions", "treat.delivery", "treat.certificate-of-analysis", "evid.published-results",
        "evid.study-number", "evid.outcome-measure", "risk.side-effects", "risk.emergency-plan",
        "cost.total", "cost.breakdown", "cost.deposit", "cost.refund-terms", "cost.insurance",
        "consent.form-language", "consent.patient-rights", "consent.k-medi", "after.follow-up-plan",
        "after.records-english", "after.home-doctor", "travel.visa", "travel.stay-days",
        "travel.fly-after", "travel.companion",
    ],
)
def test_every_topic_a_patient_must_ask_about_is_covered(bank: QuestionBank, topic: str) -> None:
    assert bank.question(topic).priority in ("essential", "recommended", "optional")


# -------------------------------------------------------------- both languages


def test_every_text_has_english_and_korean(bank: QuestionBank) -> None:
    for where, text in texts(bank):
        assert text.en.strip() and not HANGUL.search(text.en), f"{where}: the English is missing or Korean"
        assert HANGUL.search(text.ko), f"{where}: the Korean has no Hangul: {text.ko!r}"


def test_korean_questions_are_in_the_formal_polite_register(bank: QuestionBank) -> None:
    for question in bank.questions:
        ko = question.text.ko
        assert "?" in ko, question.id
        # 합쇼체: every question ends "…까?" (…입니까?, …있습니까?, …주실 수 있습니까?)
        assert all(ko[i - 1] == "까" for i, c in enumerate(ko) if c == "?"), f"{question.id}: {ko}"


def test_no_informal_korean_anywhere(bank: QuestionBank) -> None:
    for where, text in texts(bank):
        # 해요체 (…요. …요?) and 해라체 questions (…니? …냐?) do not belong on a clinician's sheet.
        assert not re.search(r"요[.?!]|[니냐][?]", text.ko), f"{where}: {text.ko}"


def test_abbreviations_are_spelled_out_in_korean_where_first_met(bank: QuestionBank) -> None:
    first = bank.questions_for("other")[0]
    assert "식품의약품안전처(MFDS)" in first.text.ko
    assert "Ministry of Food and Drug Safety (MFDS)" in first.text.en


def test_product_names_keep_the_makers_spelling(bank: QuestionBank) -> None:
    products = {p.name.ko: p.name.en for p in bank.reference.products}
    products |= {"칼로덤": "Kaloderm", "케라힐": "KeraHeal"}
    for where, text in texts(bank):
        for korean, english in products.items():
            if korean in text.ko and not where.startswith("product"):
                assert english in text.ko, f"{where}: write {korean}({english})"


def test_why_and_explanations_are_one_or_two_short_sentences(bank: QuestionBank) -> None:
    plain = [(f"question {q.id} why", q.why.en) for q in bank.questions]
    plain += [(f"red flag {r.id}", r.explanation.en) for r in bank.red_flags]
    for where, text in plain:
        said = sentences(text)
        assert 1 <= len(said) <= 2, f"{where}: {text}"
        assert all(len(s.split()) <= 28 for s in said), f"{where}: a sentence is too long for easy reading"


def test_questions_are_short_enough_to_read_aloud(bank: QuestionBank) -> None:
    for question in bank.questions:
        assert len(question.text.en.split()) <= 35, question.id


# -------------------------------------------------------------------- sources


def test_every_cited_source_is_listed(bank: QuestionBank) -> None:
    cited = {s for q in bank.questions for s in q.sources}
    cited |= {s for r in bank.red_flags for s in r.sources}
    cited |= {s for d in bank.documents for s in d.sources}
    cited |= {s for p in bank.reference.products for s in p.sources}
    cited |= {s for c in bank.reference.contacts for s in c.sources}
    assert cited <= set(bank.sources)
    assert set(bank.sources) == cited, "sources.toml lists sources nothing cites"


def test_sources_are_dated_as_the_fact_sheet(bank: QuestionBank) -> None:
    assert {s.compiled for s in bank.sources.values()} == {"2026-11"}
    assert all(s.url.startswith(("http://", "https://")) or s.url == "" for s in bank.sources.values())
    assert [s.id for s in bank.sources.values() if s.caution] == ["S18d"]


def test_a_caution_source_is_never_the_only_ground_for_a_claim(bank: QuestionBank) -> None:
    caution = {s.id for s in bank.sources.values() if s.caution}
    for question in bank.questions:
        if caution & set(question.sources):
            assert "?" in question.text.en and "could not confirm" in question.why.en, question.id
    for rule in bank.red_flags:
        assert not caution & set(rule.sources), rule.id


# ---------------------------------------------------------------- unverified


def test_reference_lists_only_the_sourced_stem_cell_products(bank: QuestionBank) -> None:
    products = {p.name.en: p for p in bank.reference.products}
    assert set(products) == {"Hearticellgram-AMI", "Cartistem", "Cupistem", "NeuroNata-R"}
    assert {p.approved for p in products.values()} == {"2011-07", "2012-01", "2014-07"}
    assert products["Cartistem"].name.ko == "카티스템"


@pytest.mark.parametrize(
    "claim",
    [
        "Queencell",  # not confirmed as an approved stem cell product
        "conditional",  # that NeuroNata-R's approval is "conditional" is not confirmed
        "조건부",
        "AstroStem",  # named only by a secondary source whose table has errors
        "EBV",  # the first approved treatment plan is seen only on a low-quality site
        "98%",  # Cartistem's phase 3 percentages are not confirmed
        "23 Jun 2016",  # the enforcement date is not confirmed
        "200 million",  # the insurance minimums may have changed
        "nedrug",  # the current MFDS lookup address is not confirmed
        "Berkowitz",  # a case report that is not confirmed
    ],
)
def test_unverified_items_are_not_stated(bank: QuestionBank, claim: str) -> None:
    # The files' comments may name what was left out and why; the content itself may not.
    said = [(where, f"{text.en}\n{text.ko}") for where, text in texts(bank)]
    said += [(f"product {p.name.en}", f"{p.company} {p.approved}") for p in bank.reference.products]
    said += [(f"source {s.id}", s.title) for s in bank.sources.values()]
    for where, content in said:
        assert claim.casefold() not in content.casefold(), f"{where} states {claim!r}"


def test_foreign_eligibility_for_2025_plans_is_asked_not_stated(bank: QuestionBank) -> None:
    question = bank.question("diag.foreign-patients-eligible")
    assert question.answer_kind == "yes-no" and "no official source" in question.why.en


# ---------------------------------------------------------------------- ids


def test_ids_are_unique_across_files() -> None:
    ids: Counter[str] = Counter()
    for path in toml_files():
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        for key in ("question", "red_flag", "document", "category", "condition"):
            ids.update(f"{key}:{entry['id']}" for entry in data.get(key, []))
    assert [i for i, n in ids.items() if n > 1] == []


def test_question_ids_are_pinned(bank: QuestionBank) -> None:
    # Answers are stored under these ids: renaming one orphans every saved answer to it.
    assert tuple(q.id for q in bank.questions) == QUESTION_IDS


def test_red_flag_ids_are_pinned(bank: QuestionBank) -> None:
    assert tuple(r.id for r in bank.red_flags) == RED_FLAG_IDS


# --------------------------------------------------------------------- demo


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    with open(RESOURCES / "demo.toml", "rb") as handle:
        return tomllib.load(handle)


def test_demo_profile_is_clearly_a_demo(demo: dict[str, Any]) -> None:
    profile = demo["profile"]
    assert set(profile) <= set(PROFILE_FIELDS)
    assert profile["name"].startswith("Demo patient")
    assert (profile["condition"], profile["kl_grade"]) == ("knee-oa", 3)
    for field in ("birth_year", "languages", "diagnosis", "diagnosed", "medicines", "allergies",
                  "prior_treatments", "imaging", "goals", "budget", "travel_start", "travel_end"):
        assert profile.get(field), field
    assert re.search(r"\d+ ?(mg|g)\b", profile["medicines"]), "medicines need their doses"


def test_demo_clinics_are_fictional_and_fit_the_bank(demo: dict[str, Any], bank: QuestionBank) -> None:
    clinics = demo["clinic"]
    assert len(clinics) == 2
    for clinic in clinics:
        assert set(clinic) <= set(CLINIC_FIELDS) | {"answer"}
        assert clinic["name"].endswith("(fictional)")
        for entry in clinic["answer"]:
            assert set(entry) == {"question", "status", "value", "text", "flagged"}
            question = bank.question(entry["question"])
            assert question.applies_to(demo["profile"]["condition"]), question.id
            assert entry["status"] in ANSWER_STATUSES
            value = entry["value"]
            if value and question.answer_kind == "yes-no":
                assert value in YES_NO_VALUES, question.id
            elif value and question.answer_kind == "choice":
                question.choice(value)
            elif value and question.answer_kind == "number":
                assert parse_number(value) is not None, question.id
            elif question.answer_kind == "text":
                assert value == "", f"{question.id}: a text answer goes in text"


def test_demo_is_mid_way(demo: dict[str, Any], bank: QuestionBank) -> None:
    applicable = len(bank.questions_for(demo["profile"]["condition"]))
    for clinic in demo["clinic"]:
        answered = [a for a in clinic["answer"] if a["status"] in ("answered", "asked")]
        assert 5 <= len(answered) <= applicable // 2


# ------------------------------------------------------------------ the default pick

#: What every condition's default pick must ask about: the bank categories that hold the
#: legal route and approval, the product and who makes it, the evidence, the main risks,
#: the total cost and the aftercare.
DEFAULT_PICK_AREAS = ("credentials", "treatment", "evidence", "risks", "cost", "aftercare")


@pytest.mark.parametrize("condition", CONDITIONS)
def test_default_pick_is_a_short_list(bank: QuestionBank, condition: str) -> None:
    picked = bank.default_pick(condition)
    assert 12 <= len(picked) <= 15, [q.id for q in picked]


@pytest.mark.parametrize("condition", CONDITIONS)
def test_default_pick_ranks_are_unique_and_apply(bank: QuestionBank, condition: str) -> None:
    picked = bank.default_pick(condition)
    ranks = [q.pick for q in picked]
    assert len(set(ranks)) == len(ranks), Counter(ranks).most_common(2)
    applicable = {q.id for q in bank.questions_for(condition)}
    assert {q.id for q in picked} <= applicable


@pytest.mark.parametrize("condition", CONDITIONS)
def test_default_pick_covers_what_matters_most(bank: QuestionBank, condition: str) -> None:
    picked = bank.default_pick(condition)
    categories = Counter(q.category for q in picked)
    missing = [area for area in DEFAULT_PICK_AREAS if not categories[area]]
    assert not missing, missing
    # The condition's own module: at least its top two questions.
    assert categories["condition"] >= 2, categories
    # The legal route and the approval come before the price.
    order = [q.id for q in picked]
    assert order.index("cred.legal-route") < order.index("cost.total")


def test_default_pick_holds_only_essential_questions(bank: QuestionBank) -> None:
    picked = [q for q in bank.questions if q.pick is not None]
    assert picked
    assert all(q.priority == "essential" for q in picked), [q.id for q in picked if q.priority != "essential"]


def test_pick_lines_sit_right_after_priority() -> None:
    """One place for the field, so that concurrent edits of the wording lines never touch it."""
    for path in sorted((RESOURCES / "questions").glob("*.toml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.startswith("pick ="):
                assert lines[number - 1].startswith("priority ="), f"{path.name}:{number + 1}"
