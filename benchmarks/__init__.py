"""StemPrep's benchmarks and their budgets: `python -m benchmarks`.

Older patients give up on a slow program and facilitators print dozens of sheets, so
start-up, the sheet, search and memory each have a budget. The machine the benchmarks
run on is shared and noisy, so wherever it can, a figure is measured against a floor
taken in the same run, alternating with it (StemPrep's start-up against a bare PySide6
window, `stemprep sheet` against importing reportlab): the ratio holds when absolute
times do not. Beside the budgets, the notes time a window of the same kinds of widgets
as StemPrep's first screen (`widgets_window.py`), which tells Qt's share of the first
paint from StemPrep's own. These are measurements, not tests; the test suite only checks that the
harness still runs (`tests/benchmarks/test_benchmarks_smoke.py`).
"""

from __future__ import annotations

from pathlib import Path

#: The repository root: children run `main.py` from here with this interpreter.
ROOT = Path(__file__).resolve().parents[1]

#: Built sample databases and compiled bytecode, kept between runs (gitignored).
CACHE = ROOT / "benchmarks" / ".cache"
