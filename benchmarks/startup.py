"""Start-up, first paint and memory: `stemprep --exit-after-startup` against a bare PySide6 window.

Both are run as whole processes, alternately (bare, app, app, bare, …) so that a burst
of load on the shared machine hits both alike, and compared by their medians. Each run
gives three figures: the first paint (launch to the window's first Paint event, which
`benchmarks/first_paint.py` reports), the start-up (launch to exit: for StemPrep, the
window painted and its file checked, ready for input; for the bare window, its first
paint), and the process's peak memory. To say what the time goes on, one more child
times the phases of start-up in-process (`python -m benchmarks.startup --phases DB`),
and one runs under `python -X importtime` to name the module that imports reportlab.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.processes import FIRST_PAINT, python_child
from benchmarks.report import Result, judge, mebibytes, median, seconds

STARTUP_BUDGET = 1.8
FIRST_PAINT_BUDGET = 1.5
MEMORY_BUDGET = 1.6


@dataclass
class StartupRuns:
    """Alternating runs of StemPrep and the bare window on one database."""

    app_seconds: list[float] = field(default_factory=list)
    bare_seconds: list[float] = field(default_factory=list)
    app_paint: list[float] = field(default_factory=list)
    bare_paint: list[float] = field(default_factory=list)
    app_rss_kib: list[int] = field(default_factory=list)
    bare_rss_kib: list[int] = field(default_factory=list)
    #: First paints of a window of the same kinds of widgets (`widgets_window.py`), when measured.
    widgets_paint: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return median(self.app_seconds) / median(self.bare_seconds)

    @property
    def paint_ratio(self) -> float:
        return median(self.app_paint) / median(self.bare_paint)

    @property
    def memory_ratio(self) -> float:
        return median(self.app_rss_kib) / median(self.bare_rss_kib)


def app_command(db: Path) -> list[str]:
    return ["main.py", "--db", str(db), "--exit-after-startup"]


def timed_app_command(db: Path) -> list[str]:
    return [str(FIRST_PAINT), "stemprep", "--db", str(db), "--exit-after-startup"]


BARE_COMMAND = [str(FIRST_PAINT), "bare"]
WIDGETS_COMMAND = [str(FIRST_PAINT), "widgets"]


def run_startups(
    db: Path, env: dict[str, str], runs: int, *, warm_up: bool = True, widgets: bool = False
) -> StartupRuns:
    """`runs` timed pairs, after one untimed warm-up pair (file cache, bytecode cache).

    With `widgets`, each pair also times the first paint of the window of the same kinds
    of widgets (`benchmarks/widgets_window.py`), between the two.
    """
    if warm_up:
        python_child(BARE_COMMAND, env)
        python_child(timed_app_command(db), env)
        if widgets:
            python_child(WIDGETS_COMMAND, env)
    measured = StartupRuns()
    for number in range(runs):
        order = ("bare", "widgets", "app") if number % 2 == 0 else ("app", "widgets", "bare")
        for which in order:
            if which == "widgets":
                if widgets:
                    measured.widgets_paint.append(python_child(WIDGETS_COMMAND, env).first_paint())
            elif which == "bare":
                run = python_child(BARE_COMMAND, env)
                measured.bare_seconds.append(run.seconds)
                measured.bare_paint.append(run.first_paint())
                measured.bare_rss_kib.append(run.max_rss_kib)
            else:
                run = python_child(timed_app_command(db), env)
                measured.app_seconds.append(run.seconds)
                measured.app_paint.append(run.first_paint())
                measured.app_rss_kib.append(run.max_rss_kib)
    return measured


def startup_results(runs: StartupRuns, profiles: int, *, enforce: bool) -> list[Result]:
    count = len(runs.app_seconds)
    return [
        Result(
            measure=f"first paint, {profiles:,} profiles (median of {count})",
            figure=seconds(median(runs.app_paint)),
            floor=f"bare window {seconds(median(runs.bare_paint))}",
            ratio=runs.paint_ratio,
            budget=f"≤ {FIRST_PAINT_BUDGET}×",
            verdict=judge(runs.paint_ratio <= FIRST_PAINT_BUDGET, enforce=enforce),
        ),
        Result(
            measure=f"start-up to ready (painted, file checked), {profiles:,} profiles (median of {count})",
            figure=seconds(median(runs.app_seconds)),
            floor=f"bare window {seconds(median(runs.bare_seconds))}",
            ratio=runs.ratio,
            budget=f"≤ {STARTUP_BUDGET}×",
            verdict=judge(runs.ratio <= STARTUP_BUDGET, enforce=enforce),
        ),
        Result(
            measure=f"memory, peak RSS at start-up, {profiles:,} profiles",
            figure=mebibytes(median(runs.app_rss_kib)),
            floor=f"bare window {mebibytes(median(runs.bare_rss_kib))}",
            ratio=runs.memory_ratio,
            budget=f"≤ {MEMORY_BUDGET}×",
            verdict=judge(runs.memory_ratio <= MEMORY_BUDGET, enforce=enforce),
        ),
    ]


# ------------------------------------------------------------- what costs what


def widgets_note(runs: StartupRuns) -> list[str]:
    """How StemPrep's first paint compares with a window of the same kinds of widgets (if measured)."""
    if not runs.widgets_paint:
        return []
    widgets, app, bare = median(runs.widgets_paint), median(runs.app_paint), median(runs.bare_paint)
    return [
        f"first paint of a window of the same kinds of widgets (benchmarks/widgets_window.py): "
        f"{seconds(widgets)}, {widgets / bare:.2f}× the bare window; StemPrep's is {app / widgets:.2f}× it, "
        f"{seconds(app - widgets)} of its own Python (its modules, its question bank, building its screen)"
    ]


def startup_costs(db: Path, env: dict[str, str]) -> list[str]:
    """Notes: start-up's phases, the import chain that loads reportlab, the big imports."""
    lines: list[str] = []
    phases = json.loads(python_child(["-m", "benchmarks.startup", "--phases", str(db)], env).stdout)
    parts = ", ".join(f"{name} {seconds(value)} (+{phases['rss_growth_mib'][name]:.0f} MiB)"
                      for name, value in phases["phases"].items())
    lines.append(f"start-up phases (one in-process run; time and resident memory added): {parts}")
    loaded = ", ".join(f"{name} {'yes' if there else 'no'}" for name, there in phases["loaded_at_paint"].items())
    visits = ", ".join(f"{name} {seconds(value)}" for name, value in phases["first_visit"].items())
    lines.append(
        f"  at first paint: {phases['modules_at_paint']} modules loaded ({loaded}); "
        f"{phases['steps_built_at_paint']} of 4 steps built; building the others on first visit: {visits}"
    )
    importtime = python_child(["-X", "importtime", *app_command(db)], env).stderr
    tree = _import_tree(importtime)
    chain = _chain_to(tree, "reportlab")
    if chain:
        lines.append("  reportlab is imported at start-up by: " + " ← ".join(chain))
    heavy = _top_subtrees(tree, ("PySide6", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport",
                                 "reportlab", "PIL", "pydantic", "sqlite_utils", "app.domain.question_bank",
                                 "app.gui.sheet", "app.export"))
    lines.append("  import time (-X importtime, cumulative): "
                 + ", ".join(f"{name} {seconds(value)}" for name, value in heavy.items()))
    return lines


@dataclass(frozen=True)
class _Import:
    name: str
    level: int
    cumulative_us: int


def _import_tree(importtime: str) -> list[_Import]:
    entries = []
    for line in importtime.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if match:
            entries.append(_Import(match.group(4), len(match.group(3)) // 2, int(match.group(2))))
    return entries


def _parent(tree: list[_Import], index: int) -> int | None:
    """importtime prints children before their parent, one indent deeper."""
    level = tree[index].level
    for later in range(index + 1, len(tree)):
        if tree[later].level < level:
            return later
    return None


def _chain_to(tree: list[_Import], package: str) -> list[str]:
    """The first import of `package` and the modules that led to it, innermost first."""
    for index, entry in enumerate(tree):
        if entry.name.split(".")[0] == package:
            parent = _parent(tree, index)
            if parent is not None and tree[parent].name.split(".")[0] == package:
                continue
            chain = [entry.name]
            while parent is not None:
                chain.append(tree[parent].name)
                parent = _parent(tree, parent)
            return chain
    return []


def _top_subtrees(tree: list[_Import], names: tuple[str, ...]) -> dict[str, float]:
    """Cumulative seconds of each named package's outermost imports."""
    totals: dict[str, float] = {}
    for index, entry in enumerate(tree):
        for name in names:
            if entry.name == name or entry.name.startswith(name + "."):
                parent = _parent(tree, index)
                inside = parent is not None and (
                    tree[parent].name == name or tree[parent].name.startswith(name + ".")
                )
                if not inside:
                    totals[name] = totals.get(name, 0.0) + entry.cumulative_us / 1e6
    return {name: totals[name] for name in names if name in totals}


def _rss_kib() -> int:
    """This process's resident memory now (Linux), in KiB; 0 where /proc is missing."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        return 0


def _phases(db: Path) -> dict[str, object]:
    """Time each step `run_gui` takes, in this process (run as a child)."""
    marks: dict[str, float] = {}
    grew: dict[str, float] = {}
    last = time.perf_counter()
    last_rss = _rss_kib()

    def mark(name: str) -> None:
        nonlocal last, last_rss
        now, rss = time.perf_counter(), _rss_kib()
        marks[name] = now - last
        grew[name] = (rss - last_rss) / 1024
        last, last_rss = now, rss

    import app.cli  # noqa: F401 - what main.py imports first

    mark("import app.cli")
    from app.gui import application

    mark("import app.gui")
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    qt_app = QApplication(sys.argv[:1])
    application.apply_app_font(qt_app)
    mark("QApplication + fonts")
    from db.store import Store

    store = Store.open(db, check=False)  # as run_gui opens it: the quick check runs on a worker
    mark("Store.open")
    from app.domain.question_bank import load_question_bank

    bank = load_question_bank()
    mark("load_question_bank")
    window = application.MainWindow(store, bank)
    mark("MainWindow()")
    built = len(window.built_steps)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, lambda: QCoreApplication.exit(0))
            return False

    painted = FirstPaint(window)
    window.installEventFilter(painted)
    window.show()
    qt_app.exec()
    mark("show → first paint")
    at_paint = sorted(sys.modules)
    from db import backup, integrity

    integrity.ensure_intact(db, backup.newest_good_backup)  # timed alone here; input is held while it runs
    mark("quick check (on a worker in run_gui, beside the build and paint)")
    steps = {}
    for number in range(1, 4):
        start = time.perf_counter()
        window.step(number)
        steps[type(window.step(number)).__name__] = time.perf_counter() - start
    window.removeEventFilter(painted)
    window.close()
    store.close()
    return {
        "phases": marks,
        "rss_growth_mib": grew,
        "steps_built_at_paint": built,
        "first_visit": steps,
        "modules_at_paint": len(at_paint),
        "loaded_at_paint": {package: any(m.split(".")[0] == package or m == package for m in at_paint)
                            for package in ("reportlab", "pydantic", "PySide6.QtPdf", "PySide6.QtPrintSupport")},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup")
    parser.add_argument("--phases", type=Path, required=True, metavar="DB")
    args = parser.parse_args(argv)
    print(json.dumps(_phases(args.phases)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
