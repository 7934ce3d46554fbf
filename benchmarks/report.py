"""The benchmark table: each figure beside its floor, its budget and PASS or FAIL.

Every measure returns `Result` rows; this module lays them out as a plain-text table
for the terminal and as Markdown for `benchmarks/RESULTS.md`, and describes the machine
the figures were taken on (a ratio means little without knowing the machine).
"""

from __future__ import annotations

import enum
import math
import os
import platform
import sqlite3
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime


class Verdict(enum.Enum):
    """How a figure stands against its budget."""

    PASS = "PASS"
    FAIL = "FAIL"
    REPORT = "report"  # no budget: the figure is reported only
    NOT_JUDGED = "not judged"  # quick mode: too small to judge

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Result:
    """One line of the table.

    `figure` and `floor` are already formatted; `ratio` is figure / floor when the
    budget is a ratio. `notes` are printed below the table, one per line.
    """

    measure: str
    figure: str
    floor: str = ""
    ratio: float | None = None
    budget: str = ""
    verdict: Verdict = Verdict.REPORT
    notes: tuple[str, ...] = field(default_factory=tuple)


def judge(passed: bool, *, enforce: bool = True) -> Verdict:
    """PASS or FAIL, or NOT_JUDGED when budgets are not enforced (quick mode)."""
    if not enforce:
        return Verdict.NOT_JUDGED
    return Verdict.PASS if passed else Verdict.FAIL


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def seconds(value: float) -> str:
    """A duration for people: "1.84 s" or "23.4 ms"."""
    if math.isnan(value):
        return "—"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.1f} ms"


def mebibytes(kib: float) -> str:
    return f"{kib / 1024:.0f} MiB"


_COLUMNS = ("measure", "figure", "floor (same run)", "ratio", "budget", "verdict")


def _cells(result: Result) -> tuple[str, ...]:
    ratio = f"{result.ratio:.2f}×" if result.ratio is not None else ""
    return (result.measure, result.figure, result.floor, ratio, result.budget, str(result.verdict))


def text_table(results: Sequence[Result]) -> str:
    """The table as aligned plain text, for the terminal."""
    rows = [_COLUMNS, *(_cells(r) for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def markdown_table(results: Sequence[Result]) -> str:
    """The same table as Markdown."""
    lines = ["| " + " | ".join(_COLUMNS) + " |", "|" + "---|" * len(_COLUMNS)]
    for result in results:
        cells = [cell.replace("|", "\\|") for cell in _cells(result)]
        if result.verdict is Verdict.FAIL:
            cells[-1] = "**FAIL**"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def notes(results: Sequence[Result]) -> list[str]:
    return [note for result in results for note in result.notes]


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def machine_lines() -> list[str]:
    """The machine and the versions that matter, one fact per line."""
    import reportlab
    from PySide6 import QtCore
    from PySide6 import __version__ as pyside_version

    try:
        load = "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "load average unknown"
    return [
        f"date: {datetime.now().astimezone().isoformat(timespec='minutes')}",
        f"cores: {os.cpu_count()} ({_cpu_model()}), memory {_memory()}, {load}",
        (f"Python {platform.python_version()}, PySide6 {pyside_version} (Qt {QtCore.qVersion()}), "
         f"reportlab {reportlab.Version}, SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}"),
        f"interpreter: {sys.executable}",
    ]
