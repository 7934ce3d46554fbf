"""The consultation's commands: `sheet`, `questions`, `pick`, `clinics` and `calendar`.

They print the sheets (the doctor copy, the notebook, the full checklist, blank ones and
batches), list the questions with the patient's pick, change the pick, list a
profile's clinics, and write a consultation as a calendar file. Like every command they only parse, wire the pieces together and
turn a problem the user can fix into one sentence (`UserError`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli_support import EXIT_ERROR, EXIT_OK, UserError, open_store, output_file
from app.domain.formatting import shortened
from app.domain.sheet_kinds import SECTIONS
from db.location import database_path
from db.records import CLINIC_FIELDS


def cmd_sheet(args: argparse.Namespace) -> int:
    from app.domain.question_bank import load_question_bank
    from app.domain.sheet_content import (
        InvalidSheetOptions,
        SheetOptions,
        facilitator_details,
    )
    from app.export.question_sheet import (
        SheetExportError,
        export_blank_sheet,
        export_sheet,
    )

    sections = SECTIONS
    if args.sections is not None:
        sections = tuple(s.strip() for s in args.sections.split(",") if s.strip())
        if not sections:
            raise UserError(f"--sections is empty; name at least one of {', '.join(SECTIONS)}.")
        unknown = [s for s in sections if s not in SECTIONS]
        if unknown:
            raise UserError(f"Unknown section '{unknown[0]}'; choose from {', '.join(SECTIONS)}.")
    if args.lang != "ko":
        raise UserError(f"'{args.lang}' is not a language StemPrep has questions in yet; use ko.")
    if args.blank and args.clinic is not None:
        raise UserError("--clinic goes with --profile, not with --blank.")
    if args.blank and args.kind == "notebook":
        raise UserError("A blank notebook would be empty; use --kind doctor or --kind checklist with --blank.")
    try:
        options = SheetOptions(
            kind=args.kind,
            paper=args.paper,
            large_print=args.large_print,
            personal_details=not args.no_personal_details,
            second_language=args.lang,
            sections=sections,
            clinic_id=args.clinic,
            essential_only=args.essential_only,
        )
    except InvalidSheetOptions as error:
        raise UserError(str(error)) from error
    output = Path(args.output).expanduser()
    bank = load_question_bank()
    if args.all:
        return _sheet_batch(args, bank, options, output)
    if args.condition or args.search or args.merged:
        raise UserError("--condition, --search and --merged go with --all.")
    from app.export.files import is_stemprep_pdf

    output = output_file(args.output, is_stemprep_pdf, "sheet", "sheet.pdf", args.force, database_path(args.db))
    try:
        if args.blank:
            # The agency's footer goes on blank sheets too, when a database with one exists.
            facilitator = None
            if database_path(args.db).exists():
                with open_store(args, read_only=True) as store:
                    facilitator = facilitator_details(store)
            written = export_blank_sheet(bank, args.blank, output, options, facilitator=facilitator)
        else:
            with open_store(args, read_only=True) as store:
                sheet = export_sheet(store, bank, args.profile, output, options)
            written = output
            if sheet.asks_nothing:
                print("stemprep: the doctor copy holds no questions, as none is picked for this patient; "
                      "pick some with 'stemprep pick' or in the Questions step.", file=sys.stderr)
            if sheet.doctor_copies > 1:
                print(f"stemprep: {output} holds a doctor copy for each of {sheet.doctor_copies} clinics; give "
                      "each clinic only its own pages, or write one clinic's copy with --clinic.", file=sys.stderr)
    except SheetExportError as error:
        raise UserError(str(error)) from error
    print(f"Wrote {written}")
    return EXIT_OK


def _sheet_batch(args: argparse.Namespace, bank: Any, options: Any, folder: Path) -> int:
    from app.export.batch import export_batch
    from app.export.question_sheet import SheetExportError
    from db.search import ProfileQuery

    if args.clinic is not None:
        raise UserError("--clinic goes with --profile, not with --all.")
    with open_store(args, read_only=True) as store:
        query = ProfileQuery(text=args.search or "", condition=args.condition, sort="name")
        ids = [p.id for p in store.list_profiles(query)]
        if not ids:
            raise UserError("No profiles match, so no sheets were written.")

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done} of {total} sheets", end="", file=sys.stderr, flush=True)

        try:
            result = export_batch(store, bank, ids, folder, options, merged=args.merged, progress=progress)
        except SheetExportError as error:
            raise UserError(str(error)) from error
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for profile_id, reason in result.failed:
        print(f"Profile {profile_id} failed: {reason}", file=sys.stderr)
    if args.merged and result.written:
        patients = len(ids) - len(result.failed)
        print(f"The sheets of {patients} patient{'s' if patients != 1 else ''} written into {result.written[0]} "
              f"({result.pages} pages).")
    else:
        print(f"{result.summary()[:-1]} in {folder} ({result.pages} pages).")
    return EXIT_ERROR if result.failed else EXIT_OK


def cmd_questions(args: argparse.Namespace) -> int:
    from app.domain.question_bank import load_question_bank

    bank = load_question_bank()
    if args.profile is not None:
        return _profile_questions(args, bank)
    if args.json:
        print(json.dumps(question_bank_document(bank), ensure_ascii=False, indent=2))
        return EXIT_OK
    for category in bank.categories:
        in_category = [q for q in bank.questions if q.category == category.id]
        if not in_category:
            continue
        print(f"\n{category.title.en} / {category.title.ko}")
        for q in in_category:
            where = f" ({', '.join(q.conditions)})" if q.conditions else ""
            print(f"  [{q.priority}] {q.id}{where}\n      {q.text.en}\n      {q.text.ko}")
    print("\nRed flags / 위험 신호")
    for rule in bank.red_flags:
        print(f"  [{rule.severity}] {rule.id}: {rule.title.en} / {rule.title.ko}")
    print("\nDocuments to bring / 준비할 서류")
    for document in bank.documents:
        where = f" ({', '.join(document.conditions)})" if document.conditions else ""
        print(f"  {document.id}{where}: {document.text.en}")
    print("\nSources / 출처")
    for source in bank.sources.values():
        print(f"  {source.id}  {source.title}{' — ' + source.url if source.url else ''}")
    print(
        f"\n{len(bank.questions)} questions, {len(bank.red_flags)} red-flag rules, "
        f"{len(bank.documents)} documents, {len(bank.sources)} sources."
    )
    return EXIT_OK


def _profile_questions(args: argparse.Namespace, bank: Any) -> int:
    """The questions that apply to one profile, each marked picked (with its place) or not."""
    from app.domain.picks import load_my_questions

    with open_store(args, read_only=True) as store:
        profile = store.profile(args.profile)
        picked = load_my_questions(store, bank, profile.id)
        custom = store.custom_questions(profile.id)
    place = {question_id: number for number, question_id in enumerate(picked, start=1)}
    rows = [
        {"id": q.id, "category": q.category, "priority": q.priority, "text": {"en": q.text.en, "ko": q.text.ko}}
        for q in bank.questions_for(profile.condition)
    ] + [
        {"id": c.question_id, "category": c.category, "priority": c.priority, "text": {"en": c.text_en, "ko": c.text_ko},
         "own": True}
        for c in custom
    ]
    for row in rows:
        row["picked"] = row["id"] in place
        row["place"] = place.get(row["id"])
        row.setdefault("own", False)
    if args.json:
        print(json.dumps({"profile": profile.id, "condition": profile.condition, "questions": rows},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Picked to ask ({len(place)}), in order:")
    for row in sorted((r for r in rows if r["picked"]), key=lambda r: r["place"]):
        print(f"  {row['place']:>2}. {row['id']}  {row['text']['en']}")
    print(f"\nNot picked ({len(rows) - len(place)}):")
    for row in rows:
        if not row["picked"]:
            print(f"      {row['id']}  {row['text']['en']}")
    return EXIT_OK


def cmd_pick(args: argparse.Namespace) -> int:
    from app.domain.picks import (
        known_question_ids,
        load_my_questions,
        with_pick,
        without_pick,
    )
    from app.domain.question_bank import load_question_bank

    bank = load_question_bank()
    with open_store(args) as store:
        profile = store.profile(args.profile)
        known = set(known_question_ids(bank, profile.condition, store.custom_questions(profile.id)))
        unknown = [q for q in args.question_ids if q not in known]
        if unknown:
            raise UserError(
                f"'{shortened(unknown[0], 60)}' is not a question for profile {profile.id}; "
                f"see 'stemprep questions --profile {profile.id}'."
            )
        picks = load_my_questions(store, bank, profile.id)
        for question_id in args.question_ids:
            picks = without_pick(picks, question_id) if args.remove else with_pick(picks, question_id)
        saved = store.set_question_picks(profile.id, picks)
    print(f"{len(saved)} questions picked for profile {profile.id}.")
    return EXIT_OK


def cmd_clinics(args: argparse.Namespace) -> int:
    with open_store(args, read_only=True) as store:
        store.profile(args.profile)
        clinics = store.clinics_for(args.profile)
    if args.json:
        print(json.dumps([
            {"id": c.id, **{field: getattr(c, field) for field in CLINIC_FIELDS}} for c in clinics
        ], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not clinics:
        print("No clinics yet for this profile.")
    for c in clinics:
        when = f"  appointment {c.appointment.replace('T', ' ')}" if c.appointment else ""
        print(f"{c.id:>6}  {c.name}{' (' + c.city + ')' if c.city else ''}{when}")
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace) -> int:
    from app.domain.calendar_file import consultation_calendar, is_calendar_file
    from db.errors import FileRefused
    from db.files import read_regular_file, write_atomic

    def written_by_stemprep(path: Path) -> bool:
        try:
            return is_calendar_file(read_regular_file(path, limit=64 * 1024, start_only=True))
        except FileRefused:
            return False

    output = output_file(
        args.output, written_by_stemprep, "calendar file", "consultation.ics", args.force, database_path(args.db)
    )
    with open_store(args, read_only=True) as store:
        clinic = store.clinic(args.clinic)
        profile = store.profile(clinic.profile_id)
    data = consultation_calendar(profile, clinic, with_name=args.with_name, language=args.language)
    written = write_atomic(output, data, what="the calendar file", example="consultation.ics")
    print(f"Wrote the consultation with {shortened(clinic.name, 80)} to {written}.")
    return EXIT_OK


def question_bank_document(bank: Any) -> dict[str, Any]:
    """The bank as one JSON-ready object: questions, red flags, documents, sources."""
    return {
        "questions": [
            {
                "id": q.id, "category": q.category, "conditions": list(q.conditions),
                "priority": q.priority, "answer_kind": q.answer_kind, "sources": list(q.sources),
                "text": {"en": q.text.en, "ko": q.text.ko},
                "why": {"en": q.why.en, "ko": q.why.ko},
                "choices": [{"id": c.id, "en": c.text.en, "ko": c.text.ko} for c in q.choices],
            }
            for q in bank.questions
        ],
        "red_flags": [
            {
                "id": r.id, "severity": r.severity,
                "title": {"en": r.title.en, "ko": r.title.ko},
                "explanation": {"en": r.explanation.en, "ko": r.explanation.ko},
                "sources": list(r.sources),
            }
            for r in bank.red_flags
        ],
        "documents": [
            {
                "id": d.id, "conditions": list(d.conditions),
                "text": {"en": d.text.en, "ko": d.text.ko}, "sources": list(d.sources),
            }
            for d in bank.documents
        ],
        "sources": [
            {"id": s.id, "title": s.title, "url": s.url, "compiled": s.compiled, "caution": s.caution}
            for s in bank.sources.values()
        ],
    }
