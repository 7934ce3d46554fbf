"""The databases the benchmarks measure: synthetic patients by the thousand, built once.

`app.domain.sample.add_sample_profiles` makes realistic synthetic profiles (10,000 in
about ten seconds, 100,000 in a minute or two), so each size is built once and kept in
a cache folder (`benchmarks/.cache/` by default), named by count, seed, schema version
and a digest of the sample generator: a change to any of them builds afresh. Measures
never use the cached file itself (opening StemPrep writes to its database); they use a
copy in a temporary folder.

A size too big to build inside the three minutes a run may take is built by a
background process (`python -m benchmarks.databases --build N`), so the next run has it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import CACHE, ROOT
from db.versions import latest_version
from db.records import ProfileId
from db.store import Store

SEED = 0

#: Seconds per 1,000 profiles before any build was timed here (measured: 1.3-1.6 s, noisy).
_DEFAULT_SECONDS_PER_THOUSAND = 1.6


class SampleCache:
    """A folder of built sample databases, one per size."""

    def __init__(self, folder: Path = CACHE) -> None:
        self.folder = folder

    def path(self, count: int) -> Path:
        """Where the database of `count` sample profiles is kept between runs."""
        source = (ROOT / "app" / "domain" / "sample.py").read_bytes()
        digest = hashlib.sha256(source).hexdigest()[:8]
        return self.folder / f"profiles-{count}-seed{SEED}-{latest_version()}-{digest}.db"

    def has(self, count: int) -> bool:
        return self.path(count).is_file()

    def database(self, count: int, *, say: Callable[[str], None] | None = None) -> Path:
        """The cached database of `count` sample profiles, building it first if needed."""
        path = self.path(count)
        while self._building_pid(path) is not None and not path.is_file():
            time.sleep(1)  # another process is building it; wait rather than build twice
        if path.is_file():
            return path
        if say:
            say(f"building a database of {count:,} sample profiles (once; it is cached)…")
        start = time.perf_counter()
        self._build(count, path)
        if count >= 1000:
            per_thousand = (time.perf_counter() - start) * 1000 / count
            (self.folder / "seconds-per-thousand.txt").write_text(f"{per_thousand:.3f}", encoding="utf-8")
        return path

    def estimated_build_seconds(self, count: int) -> float:
        """How long building `count` profiles should take, from the last build timed here."""
        try:
            per_thousand = float((self.folder / "seconds-per-thousand.txt").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            per_thousand = _DEFAULT_SECONDS_PER_THOUSAND
        return per_thousand * count / 1000

    def building_in_background(self, count: int) -> bool:
        return self._building_pid(self.path(count)) is not None

    def build_in_background(self, count: int) -> Path | None:
        """Start building `count` profiles in a detached, low-priority process; returns its log.

        Returns None when a process is already building it. The build writes the cache
        atomically, so an interrupted build leaves nothing half-made.
        """
        if self.building_in_background(count):
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        log = self.folder / f"build-{count}.log"
        with log.open("ab") as output:
            subprocess.Popen(
                [sys.executable, "-m", "benchmarks.databases", "--build", str(count), "--cache", str(self.folder)],
                cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), stdin=subprocess.DEVNULL,
                stdout=output, stderr=output,
                start_new_session=True,  # outlives the benchmark run that started it
                preexec_fn=lambda: os.nice(10),  # noqa: PLW1509 - no threads in this harness process yet
            )
        return log

    # ---------------------------------------------------------------- building

    @staticmethod
    def _marker(path: Path) -> Path:
        return path.with_name(path.name + ".building")

    def _building_pid(self, path: Path) -> int | None:
        """The pid of a live process building `path`, if there is one."""
        try:
            pid = int(self._marker(path).read_text(encoding="utf-8"))
            os.kill(pid, 0)
        except (OSError, ValueError):
            return None
        return pid

    def _build(self, count: int, path: Path) -> None:
        from app.domain.sample import add_sample_profiles

        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        marker = self._marker(path)
        marker.write_text(str(os.getpid()), encoding="utf-8")
        try:
            _remove_database(partial)
            with Store.open(partial) as store:
                add_sample_profiles(store, count, seed=SEED)
            os.replace(partial, path)
        finally:
            _remove_database(partial)
            marker.unlink(missing_ok=True)


def working_copy(source: Path, folder: Path) -> Path:
    """A copy of a cached database to measure on (StemPrep writes to what it opens)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


def demo_database(folder: Path) -> tuple[Path, ProfileId]:
    """A fresh database holding only the demo patient (`stemprep demo`), and its id."""
    from app.domain.demo import create_demo

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.db"
    with Store.open(path) as store:
        profile = create_demo(store)
    return path, profile.id


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.databases",
                                     description="Build a cached sample database for the benchmarks.")
    parser.add_argument("--build", type=int, required=True, metavar="COUNT")
    parser.add_argument("--cache", type=Path, default=CACHE, metavar="DIR")
    args = parser.parse_args(argv)
    path = SampleCache(args.cache).database(args.build)
    print(f"{args.build:,} profiles: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
