"""`python -m benchmarks.worklist_tallies [PATIENTS]`: what sorting the worklist by its counts costs.

The worklist sorts by serious red flags and by my questions answered through each patient's
tally (`db.tallies`). This measures, on a file of sample patients (10,000 by default): counting
every tally from nothing (the first time the worklist opens, or after the questions or rules
changed; done in the background), finding the stale ones (each time it opens), and the first
page of the list sorted by each count, both ways, against the same page sorted by name (the
floor). It prints the figures; it judges nothing and changes no other measure.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from app.domain.question_bank import load_question_bank
from app.domain.sample import add_sample_profiles
from app.domain.worklist import content_digest, count_stale_tallies
from db.search import ProfileQuery
from db.store import Store

PAGE = 100


def best_ms(work: object, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main(argv: list[str]) -> int:
    patients = int(argv[0]) if argv else 10_000
    bank = load_question_bank()
    with tempfile.TemporaryDirectory(prefix="stemprep-tallies-") as folder, Store.open(Path(folder) / "t.db") as store:
        add_sample_profiles(store, patients, bank=bank)
        with store.batch():  # changed "yesterday", so every tally counted now is kept
            store.connection.execute("UPDATE profiles SET updated_at = '2026-01-01T00:00:00+00:00'")
        content = content_digest(bank)
        start = time.perf_counter()
        for step in count_stale_tallies(store, bank):
            store.save_tallies(content, step.tallies, read_from=step.read_from)
        counted_s = time.perf_counter() - start
        print(f"patients: {patients:,}")
        print(f"count every tally (background, first opening): {counted_s:.2f} s "
              f"({counted_s / patients * 1000:.2f} ms a patient)")
        print(f"find the stale tallies (each opening): {best_ms(lambda: store.stale_tallies(content)):.1f} ms")
        floor = best_ms(lambda: store.list_profiles(ProfileQuery(sort='name'), limit=PAGE))
        print(f"first page by name (floor): {floor:.1f} ms")
        for sort in ("flags", "questions"):
            for descending in (False, True):
                query = ProfileQuery(sort=sort, descending=descending)
                took = best_ms(lambda: store.list_profiles(query, limit=PAGE))
                print(f"first page by {sort}{' reversed' if descending else ''}: {took:.1f} ms ({took / floor:.1f}x the floor)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
