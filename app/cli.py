"""The `stemprep` command: the GUI by default, and commands for facilitators and scripts.

This module only parses arguments, builds the pieces and wires them together. Errors
a user can cause (an unknown id, a path that cannot be written, a bad option) print
one clear line and exit non-zero; they never show a traceback. Heavy modules (Qt,
reportlab) are imported only by the command that needs them, so `stemprep profiles`
stays quick.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import re
import shlex
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from app import __version__
from app.cli_consultation import cmd_calendar, cmd_clinics, cmd_pick, cmd_questions, cmd_sheet
from app.cli_support import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    UserError,
    open_store,
    output_file,
    shown_as_text,
)
from app.domain.sheet_kinds import SHEET_KINDS
from app.logs import error_kind, setup_logging
from db.errors import DatabaseDamaged
from db.location import database_path
from db.records import CONDITIONS, parse_month
from db.search import SORTS
from db.tallies import TALLY_SORTS
from db.store import Store

log = logging.getLogger("stemprep.cli")


class _ListWrapper(textwrap.TextWrapper):
    """Wraps at spaces and after the commas of a list ("summary,questions,…"), never inside a word."""

    wordsep_simple_re = re.compile(r"(\s+|(?<=,)(?=\w))")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, but with `_ListWrapper`'s line breaks."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        wrapper = _ListWrapper(width, break_long_words=False, break_on_hyphens=False)
        return wrapper.wrap(" ".join(text.split()))


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, not a usage dump, pointing to the command's own help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        print(f"stemprep: {message} (see '{self.prog} --help')", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _month(text: str) -> str:
    """--travel-month: a real month, or a usage error that says what a month looks like."""
    try:
        return parse_month(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a month; write it as YYYY-MM, like 2027-04") from None


def _database_file(text: str) -> str:
    """--db's value: an empty one (an unset variable in a script) must not mean the user's own file."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the path is empty; give the StemPrep file's path, or leave --db out")
    return text


def _record_id(text: str) -> int:
    """A profile's or a clinic's id: a whole number SQLite can hold, from 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= 2**63 - 1:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not an id; ids are whole numbers from 1, as "
                                         "'stemprep profiles' and 'stemprep clinics' list them")
    return number


def _force_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--force", action="store_true",
        help=f"replace an existing file even if it is not a {what} StemPrep wrote",
    )


def _db_option(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=_database_file,
        # Sub-commands must not overwrite a --db given before the command name.
        default=None if top_level else argparse.SUPPRESS,
        help="the StemPrep database file (default: $STEMPREP_DB, else your data folder)",
    )


class _NotOnlyTheWindow(Exception):
    """The arguments are more than the window's options: the whole parser must read them."""


class _WindowParser(_Parser):
    """The window's own options and nothing else: a start without a command need not build
    the fifteen commands' parsers first. Anything else, help included, goes to the whole parser."""

    def error(self, message: str) -> NoReturn:
        raise _NotOnlyTheWindow(message)


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line read by the window's parser when it is only the window's, else by the whole one."""
    try:
        return _window_options(_WindowParser(prog="stemprep", add_help=False)).parse_args(argv)
    except _NotOnlyTheWindow:
        return build_parser().parse_args(argv)


def _window_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of `stemprep` with no command, which opens the window."""
    parser.add_argument("--version", action="version", version=f"StemPrep {__version__}")
    _db_option(parser, top_level=True)
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help="open the window, wait until it has painted and its file is checked, and exit (for smoke tests and timing)",
    )
    parser.add_argument(
        "--lang",
        dest="ui_language",
        choices=("en", "ko"),
        default=None,
        help="the window's language this time (default: the one chosen in Settings, else the system's)",
    )
    parser.set_defaults(command=None)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _window_options(_Parser(
        prog="stemprep",
        description="Prepare the questions to ask a stem cell clinic in South Korea. "
        "With no command, opens the StemPrep window.",
    ))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help="create or refresh the demo profile and print its id")
    _db_option(demo, top_level=False)

    sheet = commands.add_parser("sheet", help="write a question sheet as a PDF")
    _db_option(sheet, top_level=False)
    which = sheet.add_mutually_exclusive_group(required=True)
    which.add_argument("--profile", type=_record_id, metavar="ID", help="the profile whose sheet to write")
    which.add_argument(
        "--blank", metavar="CONDITION", choices=CONDITIONS,
        help=f"a blank sheet to fill in by hand ({', '.join(CONDITIONS)})",
    )
    which.add_argument(
        "--all", action="store_true",
        help="one sheet per profile into the folder given with -o (filter with --condition, --search)",
    )
    sheet.add_argument(
        "--kind", choices=tuple(kind.id for kind in SHEET_KINDS), default=SHEET_KINDS[0].id,
        help="which sheet (default: %(default)s): " + "; ".join(
            f"{kind.id} = {kind.title_en.lower()}" for kind in SHEET_KINDS
        ) + ". The doctor copy holds your summary and picked questions, Korean first, and nothing private",
    )
    sheet.add_argument("--condition", choices=CONDITIONS, help="with --all: only profiles with this condition")
    sheet.add_argument("--search", metavar="TEXT", help="with --all: only profiles matching this text")
    sheet.add_argument(
        "--merged", action="store_true",
        help="with --all: every patient's sheet in one PDF (all-sheets.pdf) instead of one file per patient",
    )
    sheet.add_argument(
        "--clinic", type=_record_id, metavar="ID",
        help="only this clinic (without it, the doctor copy holds one copy per clinic, each numbered on its own)",
    )
    sheet.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf",
        help="where to write the PDF (a folder with --all)",
    )
    sheet.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)")
    sheet.add_argument("--large-print", action="store_true", help="body text at least 14 pt")
    sheet.add_argument(
        "--essential-only", action="store_true",
        help="full checklist: only the essential questions and your own (numbers stay the same)",
    )
    sheet.add_argument(
        "--no-personal-details", action="store_true",
        help="leave out your name, birth year and contact, and every free-text note (your notes and your "
        "notes on each clinic), for sheets that go to others",
    )
    sheet.add_argument(
        "--sections", metavar="LIST",
        help="comma-separated parts to include (default: all the kind prints): "
        "summary,questions,red_flags,documents,comparison,reference",
    )
    sheet.add_argument("--lang", default="ko", metavar="CODE", help="the second language (default ko)")
    _force_option(sheet, "sheet")

    profiles = commands.add_parser("profiles", help="list the profiles")
    _db_option(profiles, top_level=False)
    profiles.add_argument("--json", action="store_true", help="print JSON")
    profiles.add_argument("--search", metavar="TEXT", default="", help="names, conditions, clinics, cities")
    profiles.add_argument("--condition", choices=CONDITIONS, help="only this condition")
    profiles.add_argument("--travel-month", metavar="YYYY-MM", type=_month, help="only this travel month")
    profiles.add_argument(
        "--sort", choices=tuple(SORTS), default="updated",
        help="the order: last changed first (default), by name, by condition, by travel dates (soonest first), "
        "by next appointment, by number of clinics, by share of my questions answered (least first), "
        "or by serious red flags (most first)",
    )

    sample = commands.add_parser("sample", help="add synthetic profiles (for demos, tests and benchmarks)")
    _db_option(sample, top_level=False)
    sample.add_argument("--count", type=int, required=True, metavar="N", help="how many to add (1 to 1,000,000)")
    sample.add_argument("--seed", type=int, default=0, metavar="S", help="the same seed gives the same people")

    export = commands.add_parser("export-profile", help="write one profile to a .stemprep file")
    _db_option(export, top_level=False)
    export.add_argument("profile", type=_record_id, metavar="ID", help="the profile's id (see 'stemprep profiles')")
    export.add_argument("-o", "--output", required=True, metavar="FILE.stemprep", help="the file to write")
    _force_option(export, "profile file")

    importer = commands.add_parser("import", help="import a .stemprep profile file")
    _db_option(importer, top_level=False)
    importer.add_argument("file", metavar="FILE.stemprep")
    mode = importer.add_mutually_exclusive_group()
    mode.add_argument("--as-new", action="store_true", help="if the profile is already here, import a copy")
    mode.add_argument("--replace", action="store_true", help="if the profile is already here, replace it")

    facilitator = commands.add_parser(
        "facilitator", help="show or set the agency details printed in every sheet's footer"
    )
    _db_option(facilitator, top_level=False)
    facilitator.add_argument("--agency", metavar="NAME", help="the agency's name, as printed on the sheets")
    facilitator.add_argument("--registration", metavar="NUMBER", help="registration number with the Korean authorities")
    facilitator.add_argument(
        "--contact", metavar="TEXT", help="a phone number or e-mail address for the clinic to reach you"
    )
    facilitator.add_argument("--clear", action="store_true", help="remove the details")

    questions = commands.add_parser(
        "questions", help="print the question bank (with --profile: which questions the patient picked)"
    )
    questions.add_argument("--json", action="store_true", help="print JSON")
    questions.add_argument(
        "--profile", type=_record_id, metavar="ID",
        help="mark the questions this profile picked, with their place, and add the profile's own",
    )
    _db_option(questions, top_level=False)

    pick = commands.add_parser("pick", help="pick questions to ask (the doctor copy prints them), or --remove them")
    _db_option(pick, top_level=False)
    pick.add_argument("--profile", type=_record_id, required=True, metavar="ID")
    pick.add_argument("question_ids", nargs="+", metavar="QUESTION_ID", help="ids as 'stemprep questions' shows")
    pick.add_argument("--remove", action="store_true", help="take these questions off the pick")

    clinics = commands.add_parser("clinics", help="a profile's clinics: ids, names, facts and appointments")
    _db_option(clinics, top_level=False)
    clinics.add_argument("--profile", type=_record_id, required=True, metavar="ID")
    clinics.add_argument("--json", action="store_true", help="print JSON")

    calendar = commands.add_parser(
        "calendar", help="write a clinic's consultation as a calendar file (.ics) for a phone or computer calendar"
    )
    _db_option(calendar, top_level=False)
    calendar.add_argument("--clinic", type=_record_id, required=True, metavar="ID", help="the clinic's id (see 'stemprep clinics')")
    calendar.add_argument("-o", "--output", required=True, metavar="FILE", help="the .ics file to write")
    calendar.add_argument(
        "--with-name", action="store_true",
        help="put the patient's name in the event (left out by default: the file leaves StemPrep)",
    )
    calendar.add_argument("--lang", dest="language", choices=("en", "ko"), default="en", help="the event's language")
    _force_option(calendar, "calendar")

    flags = commands.add_parser("flags", help="the red flags raised for a profile")
    _db_option(flags, top_level=False)
    flags.add_argument(
        "--profile", type=_record_id, required=True, metavar="ID", help="the profile's id (see 'stemprep profiles')"
    )
    flags.add_argument("--json", action="store_true", help="print JSON")

    backup = commands.add_parser("backup", help="copy the database to a checked backup file")
    _db_option(backup, top_level=False)
    backup.add_argument(
        "-o", "--output", metavar="FILE",
        help="where to write it (default: a new file in the backups folder beside the database)",
    )

    restore = commands.add_parser(
        "restore", help="replace the database with a backup (the current file is kept aside)"
    )
    _db_option(restore, top_level=False)
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    return parser


# --------------------------------------------------------------------- commands


def cmd_demo(args: argparse.Namespace) -> int:
    from app.domain.demo import create_demo

    with open_store(args) as store:
        profile = create_demo(store)
        clinics = store.clinics_for(profile.id)
    print(f"Demo profile '{profile.name}' with {len(clinics)} clinics is ready.")
    print(profile.id)
    return EXIT_OK


def cmd_profiles(args: argparse.Namespace) -> int:
    from db.search import ProfileQuery

    query = ProfileQuery(
        text=args.search, condition=args.condition, travel_month=args.travel_month, sort=args.sort
    )
    with open_store(args, read_only=True) as store:
        if args.sort in TALLY_SORTS:
            from app.domain.question_bank import load_question_bank
            from app.domain.worklist import bring_tallies_up_to_date

            left = bring_tallies_up_to_date(store, load_question_bank())
            if left:
                print(f"stemprep: patients changed since their counts were last saved ({left}) come last; "
                      "close the StemPrep window and run this again to sort them in their place.", file=sys.stderr)
        summaries = store.list_profiles(query)
        if args.json:
            from app.domain.question_bank import load_question_bank
            from app.domain.worklist import patient_figures

            bank = load_question_bank()
            every = patient_figures(store, bank, [s.id for s in summaries])
            rows = []
            for s in summaries:
                figures = every[s.id]
                rows.append({
                    "id": s.id, "name": s.name, "condition": s.condition, "clinics": s.clinic_names,
                    "cities": s.cities, "travel_start": s.travel_start, "travel_end": s.travel_end,
                    "travel_window": s.travel_window, "answered": s.answered,
                    "updated_at": s.updated_at, "synthetic": s.synthetic,
                    "serious_flags": figures.serious_flags, "next_appointment": figures.next_appointment,
                })
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return EXIT_OK
    if not summaries and (args.search or args.condition or args.travel_month):
        print("No profiles match.")
        return EXIT_OK
    if not summaries:
        print("No profiles yet. Open StemPrep to start one, or run 'stemprep demo'.")
        return EXIT_OK
    for s in summaries:
        clinics = f" — {s.clinic_names}" if s.clinic_names else ""
        print(f"{s.id:>6}  {s.name}  [{s.condition}]{clinics}")
    return EXIT_OK


def cmd_flags(args: argparse.Namespace) -> int:
    from app.domain.question_bank import load_question_bank
    from app.domain.red_flags import clinic_flags

    bank = load_question_bank()
    with open_store(args, read_only=True) as store:
        store.profile(args.profile)
        raised = [(clinic, flag) for clinic in store.clinics_for(args.profile)
                  for flag in clinic_flags(store, bank, clinic)]
    if args.json:
        print(json.dumps([
            {
                "id": flag.rule.id, "title": flag.rule.title.en, "title_ko": flag.rule.title.ko,
                "severity": flag.rule.severity, "clinic_id": clinic.id, "clinic": clinic.name,
                "questions": list(flag.question_ids), "sources": list(flag.rule.sources),
                "explanation": flag.rule.explanation.en,
                "dismissed": flag.dismissal.note if flag.dismissal else None,
            }
            for clinic, flag in raised
        ], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not raised:
        print("No red flags raised by the answers recorded so far.")
    for clinic, flag in raised:
        line = f"{clinic.name}: [{flag.rule.severity}] {flag.rule.title.en} — {flag.rule.explanation.en}"
        if flag.dismissal:
            line = f"{clinic.name}: [dismissed: {flag.dismissal.note}] {flag.rule.title.en}"
        print(line)
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from app.domain.sample import add_sample_profiles

    if not 1 <= args.count <= 1_000_000:
        raise UserError("--count must be between 1 and 1,000,000.")
    with open_store(args) as store:
        made = add_sample_profiles(store, args.count, seed=args.seed)
    print(f"Added {len(made)} synthetic sample profiles (marked as samples, not real people).")
    return EXIT_OK


def cmd_export_profile(args: argparse.Namespace) -> int:
    from app.domain.profile_file import FILE_SUFFIX, export_profile, is_profile_file

    output = output_file(
        args.output, is_profile_file, "profile file", f"patient{FILE_SUFFIX}", args.force, database_path(args.db)
    )
    with open_store(args, read_only=True) as store:
        written = export_profile(store, args.profile, output)
    print(f"Wrote {written} (keep it private: it holds health information).")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from app.domain.profile_file import import_profile, parse_profile_file, preview_document

    document = parse_profile_file(Path(args.file).expanduser())  # a file that cannot be read changes nothing
    with open_store(args) as store:
        preview = preview_document(store, document)
        if preview.existing is not None and not (args.as_new or args.replace):
            raise UserError(
                f"'{preview.existing.name}' (profile {preview.existing.id}) is already saved here; "
                "add --as-new to import a copy or --replace to replace it."
            )
        mode = "replace" if args.replace else "new"
        profile = import_profile(store, preview, mode=mode)
    print(
        f"Imported '{profile.name}' with {preview.clinic_count} clinics and "
        f"{preview.answer_count} answers."
    )
    if preview.left_out:
        print(preview.left_out_sentence(), file=sys.stderr)
    print(profile.id)
    return EXIT_OK


def cmd_facilitator(args: argparse.Namespace) -> int:
    from app.domain.facilitator import FACILITATOR_SETTINGS, facilitator_details

    given = {option: value.strip() for option in FACILITATOR_SETTINGS if (value := getattr(args, option)) is not None}
    with open_store(args, read_only=not (args.clear or given)) as store:
        agency = given.get("agency", "" if args.clear else store.setting(FACILITATOR_SETTINGS["agency"]))
        if not agency and (given.get("registration") or given.get("contact")):
            raise UserError("A registration number or a contact goes with the agency's name; give it with --agency. "
                            "Nothing was changed.")
        if args.clear:
            for key in FACILITATOR_SETTINGS.values():
                store.set_setting(key, "")
        for option, value in given.items():
            store.set_setting(FACILITATOR_SETTINGS[option], value)
        current = facilitator_details(store)
    if current is None:
        print("No facilitator details are set; sheets carry none.")
        return EXIT_OK
    print(f"Agency: {current.agency}")
    print(f"Registration number: {current.registration or '(not set)'}")
    print(f"Contact: {current.contact or '(not set)'}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from db.backup import write_backup

    # Read-only: a backup may be taken while StemPrep's window has the file open.
    with Store.open(database_path(args.db), read_only=True) as store:
        written = write_backup(store, Path(args.output) if args.output else None)
    print(f"Backed up to {written}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from db.backup import restore_backup

    path = database_path(args.db)
    set_aside = restore_backup(Path(args.file).expanduser(), path)
    print(f"Restored {args.file} as {path}.")
    if set_aside is not None:
        print(f"The file it replaced is kept as {set_aside}.")
    return EXIT_OK


def _damaged_line(error: DatabaseDamaged, args: argparse.Namespace) -> str:
    """One line that names the newest good backup and the exact command to restore it."""
    if error.backup is None:
        return f"stemprep: {error}"
    command = ["stemprep", "restore", str(error.backup)]
    if args.db:
        command += ["--db", str(error.path)]
    return (
        f"stemprep: {error.path} is damaged and was left as it is; the newest good backup is "
        f"{error.backup.name}; restore it with: {shlex.join(command)}"
    )


def cmd_gui(args: argparse.Namespace) -> int:
    from app.display import has_display, no_display_sentence

    if not has_display(os.environ):
        raise UserError(no_display_sentence(sorted(name for name in COMMANDS if name)))
    from app.gui.application import run_gui

    return run_gui(
        database_path(args.db), exit_after_startup=args.exit_after_startup, language=args.ui_language
    )


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_gui,
    "demo": cmd_demo,
    "sheet": cmd_sheet,
    "profiles": cmd_profiles,
    "questions": cmd_questions,
    "flags": cmd_flags,
    "pick": cmd_pick,
    "clinics": cmd_clinics,
    "calendar": cmd_calendar,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "sample": cmd_sample,
    "export-profile": cmd_export_profile,
    "import": cmd_import,
    "facilitator": cmd_facilitator,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run `stemprep`; returns the exit code (also used by `python main.py`)."""
    args = parse_arguments(argv)
    if args.command is not None:
        gc.enable()  # main.py pauses the collector while StemPrep starts; a command is past that
    setup_logging()
    log.info("command %s started", args.command or "window")
    with shown_as_text():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except DatabaseDamaged as error:
        log.warning("command %s stopped: %s", args.command, error_kind(error))
        print(_damaged_line(error, args), file=sys.stderr)
        return EXIT_ERROR
    except UserError as error:
        log.info("command %s stopped: %s", args.command, error_kind(error))
        print(f"stemprep: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `stemprep profiles | head`: the reader stopped listening; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last line of defence for users
        log.error("command %s failed: %s", args.command, error_kind(error), exc_info=True)
        if os.environ.get("STEMPREP_DEBUG"):
            raise
        from app.domain.question_bank import QuestionBankError

        if isinstance(error, QuestionBankError):
            print(f"stemprep: the bundled question bank is damaged: {error}", file=sys.stderr)
        else:
            print(
                f"stemprep: something unexpected went wrong ({type(error).__name__}). "
                "StemPrep stopped; run again with STEMPREP_DEBUG=1 for the details.",
                file=sys.stderr,
            )
        return EXIT_ERROR


def entry_point() -> None:
    raise SystemExit(main())
