"""`python -m benchmarks`: every measure in one run, as one table.

The run builds (once, then cached) databases of sample patients, measures start-up and
memory, the sheet, a batch, search, the window's responsiveness during a batch, and how
start-up and search scale, then prints each figure beside its floor, its budget and
PASS or FAIL, with notes on what costs what. It exits with 1 when a budget fails, and
with 2 when a measured program itself fails (the figures would mean nothing).
`--quick` runs every measure on 200 profiles and 3 sheets, without judging, so the
smoke test can keep the harness from rotting.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import benchmarks
from benchmarks.databases import SampleCache, demo_database, working_copy
from benchmarks.processes import ChildFailed, child_environment
from benchmarks.report import Result, Verdict, machine_lines, markdown_table, notes, text_table
from benchmarks.responsiveness import responsiveness_results
from benchmarks.scale import ScalePoint, file_size, scale_results
from benchmarks.search import measure_search, search_results
from benchmarks.sheets import batch_results, measure_one_sheet, one_sheet_results, sheet_process_results
from benchmarks.startup import run_startups, startup_costs, startup_results, widgets_note

#: A run should end within three minutes on a 2-core machine; builds beyond that go to the background.
RUN_BUDGET_S = 180.0


@dataclass(frozen=True)
class Plan:
    """How much of each measure a run does."""

    profiles: int
    startup_runs: int
    sheet_runs: int
    sheet_process_runs: int
    batch_sheets: int
    batch_cap_s: float
    search_passes: int
    stall_sheets: int
    stall_caps: dict[str, float]
    scale: tuple[int, ...]
    scale_runs: int
    costs: bool
    enforce: bool
    parts: tuple[str, ...] | None = None  # sheet sections; None prints whole sheets


FULL = Plan(
    profiles=10_000, startup_runs=9, sheet_runs=5, sheet_process_runs=3, batch_sheets=200, batch_cap_s=15.0,
    search_passes=3, stall_sheets=50, stall_caps={"thread": 12.0, "thread+freeze": 8.0, "process": 8.0},
    scale=(1_000, 10_000, 100_000), scale_runs=3, costs=True, enforce=True,
)
QUICK = Plan(
    profiles=200, startup_runs=1, sheet_runs=1, sheet_process_runs=1, batch_sheets=3, batch_cap_s=30.0,
    search_passes=1, stall_sheets=3, stall_caps={"thread": 30.0, "process": 30.0}, scale=(200,), scale_runs=1,
    costs=False, enforce=False, parts=("summary", "red_flags"),
)


class Run:
    """Says what the run is doing, with the time since it started, on stderr."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def say(self, text: str) -> None:
        print(f"[{self.elapsed:5.0f} s] {text}", file=sys.stderr, flush=True)


def measure(plan: Plan, cache: SampleCache, run: Run) -> tuple[list[Result], list[str], list[int]]:
    """All the measures; returns the rows, the notes on costs, and sizes left to build."""
    results: list[Result] = []
    cost_notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="stemprep-bench-") as temporary:
        work = Path(temporary)
        env = child_environment(work / "home")
        cached = cache.database(plan.profiles, say=run.say)
        db = working_copy(cached, work / "main")
        demo_db, demo_id = demo_database(work / "demo")

        run.say(f"start-up and memory: {plan.startup_runs} alternating runs with a bare window…")
        startups = run_startups(db, env, plan.startup_runs, warm_up=plan.enforce, widgets=plan.costs)
        results += startup_results(startups, plan.profiles, enforce=plan.enforce)
        if plan.costs:
            run.say("start-up: timing its phases and imports…")
            cost_notes += widgets_note(startups) + startup_costs(db, env)

        run.say("one sheet in-process…")
        sheet = measure_one_sheet(demo_db, demo_id, plan.sheet_runs, parts=plan.parts, by_section=plan.costs)
        results += one_sheet_results(sheet, enforce=plan.enforce)
        run.say("`stemprep sheet` as a process…")
        results += sheet_process_results(demo_db, demo_id, env, plan.sheet_process_runs, parts=plan.parts,
                                         warm_up=plan.enforce, enforce=plan.enforce)
        run.say(f"a batch of {plan.batch_sheets} sheets (stops at {plan.batch_cap_s:.0f} s)…")
        results += batch_results(db, plan.batch_sheets, plan.batch_cap_s, parts=plan.parts)

        run.say("search as you type…")
        found = measure_search(db, plan.search_passes)
        results += search_results(found, plan.profiles, enforce=plan.enforce)

        for mode, cap in plan.stall_caps.items():
            run.say(f"responsiveness during a batch ({mode}, stops at {cap:.0f} s)…")
            results += responsiveness_results(db, env, plan.stall_sheets, cap, mode=mode, parts=plan.parts,
                                              enforce=plan.enforce)

        points = [ScalePoint(plan.profiles, startups, found, file_size(cached))]
        left: list[int] = []
        for count in plan.scale:
            if count == plan.profiles:
                continue
            if not cache.has(count):
                room = RUN_BUDGET_S - run.elapsed - 30.0  # what the scale measures themselves take
                if cache.building_in_background(count) or cache.estimated_build_seconds(count) > room:
                    left.append(count)
                    continue
            source = cache.database(count, say=run.say)
            copy = working_copy(source, work / f"scale-{count}")
            run.say(f"scale: {count:,} profiles…")
            point = ScalePoint(count, run_startups(copy, env, plan.scale_runs, warm_up=plan.enforce),
                               measure_search(copy, max(1, plan.search_passes - 1)), file_size(source))
            points.append(point)
            copy.unlink()
        missing = ""
        if left:
            missing = (f"{', '.join(f'{c:,}' for c in left)} profiles not measured: building that database "
                       f"takes ~{cache.estimated_build_seconds(max(left)):.0f} s, more than this run has left; "
                       "it is being built in the background for the next run")
        results += scale_results(points, enforce=plan.enforce, missing=missing)
    return results, cost_notes, left


def render(results: Sequence[Result], cost_notes: Sequence[str], seconds_taken: float, *, markdown: bool) -> str:
    lines = [markdown_table(results) if markdown else text_table(results), ""]
    lines += [f"- {line}" if markdown else line for line in machine_lines()]
    lines.append(("- " if markdown else "") + f"this run took {seconds_taken:.0f} s")
    lines.append("")
    for line in [*notes(results), *cost_notes]:
        lines.append(("- " + line.strip()) if markdown else line)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="StemPrep's benchmarks against their budgets. Exits 1 when a budget fails.",
    )
    parser.add_argument("--quick", action="store_true",
                        help="a tiny run (200 profiles, 3 sheets) that judges nothing: for the smoke test")
    parser.add_argument("--cache", type=Path, metavar="DIR",
                        help=f"where built databases are kept (default {benchmarks.CACHE.relative_to(benchmarks.ROOT)})")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the table and notes as Markdown")
    args = parser.parse_args(argv)
    cache = SampleCache(args.cache or benchmarks.CACHE)
    plan = QUICK if args.quick else FULL
    run = Run()
    try:
        results, cost_notes, left = measure(plan, cache, run)
    except ChildFailed as error:
        print(f"benchmarks: stopped, a measured program failed: {error}", file=sys.stderr)
        return 2
    print(render(results, cost_notes, run.elapsed, markdown=False))
    if args.markdown:
        args.markdown.write_text(render(results, cost_notes, run.elapsed, markdown=True) + "\n", encoding="utf-8")
    for count in left:
        log = cache.build_in_background(count)
        if log is not None:
            print(f"Building {count:,} sample profiles in the background for the next run (log: {log}).",
                  file=sys.stderr)
    failed = any(result.verdict is Verdict.FAIL for result in results)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
