"""Search as you type: what each keystroke costs the profile list, at thousands of profiles.

A facilitator types "k", "kn", "kne", "knee"; after each keystroke the list shows how
many profiles match and the first page of them. Each keystroke is timed through the
patient list itself, `ProfileListModel.set_query` (which makes the Store calls
`count_profiles(query)` and `list_profiles(query, limit=PAGE_SIZE)`) with a table view
attached and its events processed, as if the user paused after every key: the list's
debounce (one query per pause in typing) is a design choice on top, not part of the
cost. A keystroke's figure is its median over a few typing passes, and the budget holds
for the worst keystroke. Without the GUI (no Qt, or a list without `set_query`) the two
Store calls are timed alone.

Every statement those calls run is captured (sqlite3's trace callback) and explained
with EXPLAIN QUERY PLAN, so a full table scan or a sort of the whole result shows up
by name. This is instrumentation: the SQL itself stays in `db/`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    timed: str  # what one keystroke's time covers

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
        with _typist(store) as (type_text, path):
            type_text("")  # the list as the window opens it
            for _ in range(passes):
                for text, times in timings.items():
                    start = time.perf_counter()
                    matches[text] = type_text(text)
                    times.append(time.perf_counter() - start)
        plans = _query_plans(store)
    return Keystrokes({text: median(values) for text, values in timings.items()}, matches, plans, path)


@contextmanager
def _typist(store: Store) -> Iterator[tuple[Callable[[str], int], str]]:
    """A function that shows the list for a search text and returns how many match, and what it times.

    The list and its view are gone when the block ends, before the Store closes.
    """
    try:
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtWidgets import QApplication, QTableView

        from app.domain.question_bank import load_question_bank
        from app.gui.profile_list import ProfileListModel
    except ImportError:
        ProfileListModel = None  # noqa: N806 - a class, when the GUI is there
    if ProfileListModel is None or not hasattr(ProfileListModel, "set_query"):
        def store_calls(text: str) -> int:
            query = ProfileQuery(text=text)
            found = store.count_profiles(query)
            store.list_profiles(query, limit=PAGE_SIZE)
            return found

        yield store_calls, "Store.count_profiles + Store.list_profiles(limit=PAGE_SIZE)"
        return

    app = QApplication.instance() or QApplication(["benchmarks"])
    model = ProfileListModel(store, load_question_bank())
    view = QTableView()
    view.setModel(model)
    view.resize(320, 700)
    view.show()

    def through_the_list(text: str) -> int:
        model.set_query(ProfileQuery(text=text))
        app.processEvents()  # the view's update and repaint
        return model.total if getattr(model, "counted_all", True) else -model.total  # negative: "more than"

    try:
        yield through_the_list, "ProfileListModel.set_query (count + first page) with a table view"
    finally:
        view.close()
        view.setModel(None)
        view.deleteLater()
        model.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _query_plans(store: Store) -> dict[str, list[str]]:
    """EXPLAIN QUERY PLAN for each kind of statement the list runs: no words, a long word, a short one."""
    conn = store.connection  # instrumentation only: read the plans of the Store's own statements
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
    """The steps that read a whole table without an index, or sort more than a page.

    A scan of a materialized subquery (a page of ids) is not a table scan, and a
    temporary B-tree for one profile's group_concat(DISTINCT) is a handful of rows.
    A sort is named because, before LIMIT, it may sort every match; whether it does
    shows in the timings.
    """
    problems = []
    for statement, steps in plans.items():
        made_here = {step.split()[-1] for step in steps if step.startswith(("MATERIALIZE", "CO-ROUTINE"))}
        for step in steps:
            scan = re.match(r"SCAN (\w+)$", step)
            table_scan = scan is not None and scan.group(1) not in made_here
            big_sort = "TEMP B-TREE" in step and "group_concat" not in step
            if table_scan or big_sort:
                problems.append(f"{statement}: {step}")
    return problems


def _matches(count: int) -> str:
    """A keystroke's matches as the list says them: "more than 1,000" when it stopped counting."""
    return f"more than {-count - 1:,}" if count < 0 else f"{count:,}"


def search_results(found: Keystrokes, profiles: int, *, enforce: bool) -> list[Result]:
    worst_text, worst = found.worst
    slow = [f"{text!r} {seconds(value)} ({_matches(found.matches[text])} match)"
            for text, value in found.seconds.items() if value > SEARCH_BUDGET_S]
    notes = [
        f"search: one keystroke = {found.timed}; per keystroke (median of the passes): " + ", ".join(
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
