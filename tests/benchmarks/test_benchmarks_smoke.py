"""The benchmark harness still runs: `python -m benchmarks --quick`, end to end.

Benchmarks are not tests (no timing is asserted here or anywhere in the suite), but a
harness nobody runs rots. The quick mode runs every measure on 200 sample profiles and
3 small sheets, judging nothing, in a few seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

MEASURES = (
    "first paint, 200 profiles",
    "start-up to ready (painted, file checked), 200 profiles",
    "memory, peak RSS",
    "one sheet in-process",
    "`stemprep sheet` process",
    "batch of 3 sample sheets",
    "search keystroke, 200 profiles, median",
    "search keystroke, 200 profiles, worst",
    "longest stall during a batch: QThread worker",
    "longest stall during a batch: separate process",
    "scale: start-up",
    "scale: database file",
)


def test_quick_run_prints_every_measure(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--cache", str(tmp_path / "cache"),
         "--markdown", str(tmp_path / "run.md")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    table = result.stdout
    for measure in MEASURES:
        assert measure in table, f"{measure!r} is missing from:\n{table}"
    assert "FAIL" not in table and "PASS" not in table  # quick mode judges nothing
    assert "not judged" in table
    assert "font files parsed:" in table
    markdown = (tmp_path / "run.md").read_text(encoding="utf-8")
    assert markdown.startswith("| measure | figure |")


def test_the_widgets_floor_paints_once_and_exits(tmp_path: Path) -> None:
    """The second floor for first paint (benchmarks/widgets_window.py) runs where the bare one does."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "first_paint.py"), "widgets"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("first paint at ")
