"""Search as you type: what each keystroke costs the profile list, at thousands of profiles.

A facilitator types "k", "kn", "kne", "knee"; after each keystroke the list shows how
many profiles match and the first page of them. So each keystroke is timed as the two
Store calls the list makes, `count_profiles(query)` and `list_profiles(query,
limit=PAGE_SIZE)`, over a few typing passes; a keystroke's figure is its median over
the passes, and the budget holds for the worst keystroke.

Every statement those calls run is captured (sqlite3's trace callback) and explained
with EXPLAIN QUERY PLAN, so a full table scan or a sort of the whole result shows up
by name. This is instrumentation: the SQL itself stays in `db/`.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.report import Result, judge, median, seconds
from db.search import ProfileQuery
from db.store import Store

SEARCH_BUDGET_S = 0.030

#: Words typed one character at a time: English, Korean ("knee"), a city, a name.
TYPED = ("knee", "무릎", "busan", "margaret")

try:  # the list's own page size, when the GUI is importable
    from app.gui.profile_list import PAGE_SIZE
except ImportError:  # pragma: no cover - a checkout without Qt
    PAGE_SIZE = 100


@dataclass(frozen=True)
class Keystrokes:
    """Per keystroke (the text typed so far): its median seconds over the passes, and its matches."""

    seconds: dict[str, float]
    matches: dict[str, int]
    plans: dict[str, list[str]]

    @property
    def median(self) -> float:
        return median(list(self.seconds.values()))

    @property
    def worst(self) -> tuple[str, float]:
        text = max(self.seconds, key=self.seconds.__getitem__)
        return text, self.seconds[text]


def keystrokes() -> list[str]:
    """Every prefix of every typed word, in typing order."""
    return [word[:end] for word in TYPED for end in range(1, len(word) + 1)]


def measure_search(db: Path, passes: int) -> Keystrokes:
    """Type every word `passes` times against the database at `db` (opened read-only)."""
    timings: dict[str, list[float]] = {text: [] for text in keystrokes()}
    matches: dict[str, int] = {}
    with Store.open(db, read_only=True) as store:
        store.list_profiles(limit=PAGE_SIZE)  # the list as the window opens it
        for _ in range(passes):
            for text in timings:
                query = ProfileQuery(text=text)
                start = time.perf_counter()
                matches[text] = store.count_profiles(query)
                store.list_profiles(query, limit=PAGE_SIZE)
                timings[text].append(time.perf_counter() - start)
        plans = _query_plans(store)
    return Keystrokes({text: median(values) for text, values in timings.items()}, matches, plans)


def _query_plans(store: Store) -> dict[str, list[str]]:
    """EXPLAIN QUERY PLAN for each kind of statement the list runs: no words, a long word, a short one."""
    conn = store.database.conn  # instrumentation only: read the plans of the Store's own statements
    plans: dict[str, list[str]] = {}
    for label, text in (("no text", ""), ("word of 3+ characters", "knee"), ("word under 3 characters", "무릎")):
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        try:
            query = ProfileQuery(text=text)
            store.count_profiles(query)
            store.list_profiles(query, limit=PAGE_SIZE)
        finally:
            conn.set_trace_callback(None)
        # Only the Store's own statements, not the savepoints or FTS5's internal reads.
        own = [sql for sql in statements if "FROM profiles p" in sql and not sql.startswith("--")]
        for number, sql in enumerate(own):
            kind = "count" if number == 0 else "page"
            rows = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
            plans[f"{label}, {kind}"] = [str(row[-1]) for row in rows]
    return plans


def plan_problems(plans: dict[str, list[str]]) -> list[str]:
    """The steps that read a whole table or sort a whole result.

    A temporary B-tree for one profile's group_concat(DISTINCT) is a handful of rows,
    not a problem; one for ORDER BY sorts every match before the first page is cut.
    """
    problems = []
    for statement, steps in plans.items():
        for step in steps:
            full_scan = re.match(r"SCAN (\w+)$", step) is not None
            if full_scan or ("TEMP B-TREE" in step and "group_concat" not in step):
                problems.append(f"{statement}: {step}")
    return problems


def search_results(found: Keystrokes, profiles: int, *, enforce: bool) -> list[Result]:
    worst_text, worst = found.worst
    slow = [f"{text!r} {seconds(value)} ({found.matches[text]:,} match)"
            for text, value in found.seconds.items() if value > SEARCH_BUDGET_S]
    notes = [
        "search: per keystroke (median of the passes): " + ", ".join(
            f"{text!r} {seconds(value)}" for text, value in found.seconds.items()),
    ]
    if slow:
        notes.append("  over budget: " + ", ".join(slow))
    problems = plan_problems(found.plans)
    notes.append("  query plans: " + ("; ".join(problems) if problems else "every step uses an index"))
    return [
        Result(
            measure=f"search keystroke, {profiles:,} profiles, median",
            figure=seconds(found.median),
            budget=f"≤ {SEARCH_BUDGET_S * 1000:.0f} ms",
            verdict=judge(found.median <= SEARCH_BUDGET_S, enforce=enforce),
        ),
        Result(
            measure=f"search keystroke, {profiles:,} profiles, worst ({worst_text!r})",
            figure=seconds(worst),
            budget=f"≤ {SEARCH_BUDGET_S * 1000:.0f} ms",
            verdict=judge(worst <= SEARCH_BUDGET_S, enforce=enforce),
            notes=tuple(notes),
        ),
    ]
