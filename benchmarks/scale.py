"""Scale: how start-up, search and the database file grow from 1,000 to 100,000 profiles.

A facilitator's file only grows, so what the window does at start-up and per keystroke
must not grow with it: ten times more profiles should cost at most a little more (flat
or logarithmic), never ten times more (linear). The file itself does grow in proportion
to what it holds; its size per profile is reported so that a jump shows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from itertools import pairwise
from math import log10
from pathlib import Path

from benchmarks.report import Result, judge, median, seconds
from benchmarks.search import Keystrokes
from benchmarks.startup import StartupRuns

#: Ten times more profiles may cost at most this many times more: flat or logarithmic.
GROWTH_BUDGET = 2.0

#: A facilitator's file of 100,000 patients: the worst keystroke may take this long.
LARGE_FILE = 100_000
LARGE_SEARCH_BUDGET_S = 0.050


@dataclass(frozen=True)
class ScalePoint:
    """The figures at one database size."""

    profiles: int
    startup: StartupRuns
    search: Keystrokes
    file_bytes: int


def file_size(db: Path) -> int:
    return sum(os.path.getsize(f"{db}{suffix}") for suffix in ("", "-wal") if os.path.exists(f"{db}{suffix}"))


def _growth_per_tenfold(points: list[ScalePoint], figure: list[float]) -> float:
    """The worst growth factor of `figure` per tenfold more profiles between neighbouring points."""
    worst = 0.0
    for (low, high), (a, b) in zip(pairwise(points), pairwise(figure)):
        tenfolds = log10(high.profiles / low.profiles)
        worst = max(worst, (b / a) ** (1 / tenfolds))
    return worst


def scale_results(points: list[ScalePoint], *, enforce: bool, missing: str = "") -> list[Result]:
    points = sorted(points, key=lambda p: p.profiles)
    sizes = " / ".join(f"{p.profiles:,}" for p in points)
    startup = [median(p.startup.app_seconds) for p in points]
    startup_ratio = [p.startup.ratio for p in points]
    worst_key = [p.search.worst[1] for p in points]
    median_key = [p.search.median for p in points]
    per_profile = [p.file_bytes / p.profiles for p in points]
    enough = len(points) >= 2
    startup_growth = _growth_per_tenfold(points, startup_ratio) if enough else float("nan")
    search_growth = _growth_per_tenfold(points, worst_key) if enough else float("nan")
    note = (f"scale: {missing}",) if missing else ()
    budget = f"≤ {GROWTH_BUDGET:g}× per 10× profiles"
    large = [p for p in points if p.profiles >= LARGE_FILE]
    large_rows = [
        Result(
            measure=f"search keystroke, {p.profiles:,} profiles, worst ({p.search.worst[0]!r})",
            figure=seconds(p.search.worst[1]),
            floor=f"median {seconds(p.search.median)}",
            budget=f"≤ {LARGE_SEARCH_BUDGET_S * 1000:.0f} ms",
            verdict=judge(p.search.worst[1] <= LARGE_SEARCH_BUDGET_S, enforce=enforce),
        )
        for p in large
    ]
    return [
        *large_rows,
        Result(
            measure=f"scale: start-up at {sizes}",
            figure=" / ".join(seconds(s) for s in startup),
            floor="ratio to bare " + " / ".join(f"{r:.2f}×" for r in startup_ratio),
            ratio=startup_growth if enough else None,
            budget=budget,
            verdict=judge(startup_growth <= GROWTH_BUDGET, enforce=enforce and enough),
            notes=note,
        ),
        Result(
            measure=f"scale: search worst keystroke at {sizes}",
            figure=" / ".join(seconds(s) for s in worst_key),
            floor="median " + " / ".join(seconds(s) for s in median_key),
            ratio=search_growth if enough else None,
            budget=budget,
            verdict=judge(search_growth <= GROWTH_BUDGET, enforce=enforce and enough),
        ),
        Result(
            measure=f"scale: database file at {sizes}",
            figure=" / ".join(f"{p.file_bytes / 1e6:.1f} MB" for p in points),
            floor="per profile " + " / ".join(f"{b / 1024:.1f} KiB" for b in per_profile),
            budget="report (grows with the data)",
        ),
    ]
