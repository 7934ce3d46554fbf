"""The question sheet: one sheet in-process, `stemprep sheet` as a process, and a batch.

A patient waits for one sheet; a facilitator waits for a folder of them. The one-sheet
figure is the demo patient's doctor copy for one clinic (`stemprep demo`, its first
clinic), the sheet handed across the desk, exported warm (fonts registered, modules
imported) through `export_sheet`, as the GUI and the CLI do; its budget is
absolute, so CPU time is shown beside the wall time (on a loaded machine wall time
inflates, CPU time much less). `stemprep sheet` as a whole process is compared with the
least any reportlab program pays: `python -c "import reportlab.platypus"`. The batch
reports sheets per second through `export_batch`, stopping at a time cap so that a run
stays within its three minutes.
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from benchmarks.processes import python_child
from benchmarks.report import Result, judge, median, seconds

SHEET_BUDGET_S = 0.100
SHEET_PROCESS_BUDGET = 3.0


@dataclass(frozen=True)
class OneSheet:
    """Warm exports of the demo sheet, and what each part costs."""

    wall: list[float]
    cpu: list[float]
    gather: float
    render: float
    save: float
    pages: int
    size: int
    font_parses_first: int
    font_parses_warm: int
    cold: float
    sections: dict[str, float]
    parts: tuple[str, ...] | None


@contextmanager
def _counting_font_parses() -> Iterator[Callable[[], int]]:
    """Count how often reportlab parses a TrueType file (it should be once per font)."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.TTFontParser.__init__
    calls = 0

    def counted(self: object, *args: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    ttfonts.TTFontParser.__init__ = counted  # type: ignore[method-assign]
    try:
        yield lambda: calls
    finally:
        ttfonts.TTFontParser.__init__ = original  # type: ignore[method-assign]


def measure_one_sheet(db: Path, profile_id: int, runs: int, *, parts: tuple[str, ...] | None = None,
                      by_section: bool = True) -> OneSheet:
    """Export the demo sheet once to warm up, then `runs` times, timing each part.

    `parts` limits the sheet to those sections (the quick mode's tiny sheets);
    `by_section` also renders each section alone to say what each costs.
    """
    from pypdf import PdfReader

    from app.domain.question_bank import load_question_bank
    from app.domain.sheet_content import KINDS, SECTIONS, SheetOptions, gather_sheet
    from app.export.question_sheet import export_sheet, render_pdf, save_pdf
    from db.store import Store

    bank = load_question_bank()
    folder = Path(tempfile.mkdtemp(prefix="stemprep-bench-sheet-"))
    with Store.open(db, read_only=True) as store, _counting_font_parses() as font_parses:
        options = SheetOptions(kind="doctor", clinic_id=first_clinic(store, profile_id), sections=parts or SECTIONS)
        start_cold = time.perf_counter()
        export_sheet(store, bank, profile_id, folder / "warm-up.pdf", options)
        cold = time.perf_counter() - start_cold
        first = font_parses()
        wall, cpu = [], []
        for number in range(runs):
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            export_sheet(store, bank, profile_id, folder / f"sheet-{number}.pdf", options)
            wall.append(time.perf_counter() - start_wall)
            cpu.append(time.process_time() - start_cpu)
        warm = font_parses() - first
        # The parts, once each: what the gather, the drawing and the safe save cost.
        start = time.perf_counter()
        sheet = gather_sheet(store, bank, profile_id, options)
        gathered = time.perf_counter()
        data = render_pdf(sheet, options)
        rendered = time.perf_counter()
        save_pdf(data, folder / "parts.pdf")
        saved = time.perf_counter()
        per_section: dict[str, float] = {}
        if by_section:
            for section in KINDS[options.kind].sections:
                only = replace(options, sections=(section,))
                part = gather_sheet(store, bank, profile_id, only)
                begin = time.process_time()
                render_pdf(part, only)
                per_section[section] = time.process_time() - begin
    return OneSheet(
        wall=wall, cpu=cpu, gather=gathered - start, render=rendered - gathered, save=saved - rendered,
        pages=len(PdfReader(io.BytesIO(data)).pages), size=len(data),
        font_parses_first=first, font_parses_warm=warm, cold=cold, sections=per_section, parts=parts,
    )


def first_clinic(store: Any, profile_id: int) -> int:
    """The demo's first clinic: the doctor copy is measured for one clinic, as it is handed over."""
    return store.clinics_for(profile_id)[0].id


def one_sheet_results(sheet: OneSheet, *, enforce: bool) -> list[Result]:
    figure = median(sheet.wall)
    which = "demo doctor copy" if not sheet.parts else f"demo doctor copy, {'+'.join(sheet.parts)} only"
    notes = [
        (f"one sheet: the demo's doctor copy for one clinic has {sheet.pages} pages ({sheet.size / 1024:.0f} KiB); "
         f"gather {seconds(sheet.gather)}, render {seconds(sheet.render)}, save (fsync) {seconds(sheet.save)}; "
         f"{seconds(median(sheet.cpu) / sheet.pages)} CPU per page"),
        (f"  font files parsed: {sheet.font_parses_first} on the first sheet, {sheet.font_parses_warm} "
         f"in the {len(sheet.wall)} sheets after it; the first sheet in a process took {seconds(sheet.cold)}"),
    ]
    if sheet.sections:
        notes.append("  render CPU by section alone: " + ", ".join(
            f"{name} {seconds(value)}" for name, value in sheet.sections.items()))
    return [Result(
        measure=f"one sheet in-process, warm ({which}, median of {len(sheet.wall)})",
        figure=f"{seconds(figure)} (CPU {seconds(median(sheet.cpu))})",
        budget=f"≤ {SHEET_BUDGET_S * 1000:.0f} ms",
        verdict=judge(figure <= SHEET_BUDGET_S, enforce=enforce),
        notes=tuple(notes),
    )]


def sheet_process_results(db: Path, profile_id: int, env: dict[str, str], runs: int, *,
                          parts: tuple[str, ...] | None = None, warm_up: bool = True,
                          enforce: bool) -> list[Result]:
    """`stemprep sheet` as a whole process against importing reportlab.platypus, alternately."""
    from db.store import Store

    output = Path(tempfile.mkdtemp(prefix="stemprep-bench-cli-")) / "sheet.pdf"
    with Store.open(db, read_only=True) as store:
        clinic = first_clinic(store, profile_id)
    command = ["main.py", "sheet", "--db", str(db), "--profile", str(profile_id), "--clinic", str(clinic),
               "-o", str(output)]
    if parts:
        command += ["--sections", ",".join(parts)]
    floor_command = ["-c", "import reportlab.platypus"]
    if warm_up:
        python_child(floor_command, env)
        python_child(command, env)
    sheet_times: list[float] = []
    floor_times: list[float] = []
    for number in range(runs):
        order = (floor_command, command) if number % 2 == 0 else (command, floor_command)
        for arguments in order:
            run = python_child(arguments, env)
            (floor_times if arguments is floor_command else sheet_times).append(run.seconds)
    ratio = median(sheet_times) / median(floor_times)
    which = "demo doctor copy" if not parts else f"demo doctor copy, {'+'.join(parts)} only"
    return [Result(
        measure=f"`stemprep sheet` process ({which}, median of {runs})",
        figure=seconds(median(sheet_times)),
        floor=f"import reportlab.platypus {seconds(median(floor_times))}",
        ratio=ratio,
        budget=f"≤ {SHEET_PROCESS_BUDGET:g}×",
        verdict=judge(ratio <= SHEET_PROCESS_BUDGET, enforce=enforce),
    )]


def batch_results(db: Path, count: int, time_cap: float, *, parts: tuple[str, ...] | None = None) -> list[Result]:
    """Sheets per second through `export_batch`, over `count` sample profiles or `time_cap` seconds."""
    from app.domain.question_bank import load_question_bank
    from app.domain.sheet_content import SECTIONS, SheetOptions
    from app.export.batch import export_batch
    from db.store import Store

    bank = load_question_bank()
    folder = Path(tempfile.mkdtemp(prefix="stemprep-bench-batch-"))
    with Store.open(db, read_only=True) as store:
        ids = [summary.id for summary in store.list_profiles(limit=count)]
        start = time.perf_counter()
        start_cpu = time.process_time()
        result = export_batch(store, bank, ids, folder, SheetOptions(sections=parts or SECTIONS),
                              cancelled=lambda: time.perf_counter() - start > time_cap)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - start_cpu
    done = len(result.written)
    rate = done / elapsed if elapsed else float("nan")
    capped = f"; stopped at the {time_cap:.0f} s cap, all {len(ids)} would take ~{len(ids) / rate:.0f} s" \
        if result.cancelled and rate else ""
    pages_note = f"batch: {done} sheets in {elapsed:.1f} s ({cpu / max(done, 1):.2f} s CPU each){capped}"
    return [Result(
        measure=f"batch of {len(ids)} sample sheets, export_batch",
        figure=f"{rate:.2f} sheets/s",
        budget="report (window stays responsive)",
        notes=(pages_note,) + (("  batch failures: " + str(result.failed[:3]),) if result.failed else ()),
    )]
