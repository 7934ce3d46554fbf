"""Running StemPrep and its floors as child processes, timed, with their peak memory.

Start-up and memory are properties of a whole process, so they are measured on
children: the wall time from launch until the child has exited, and its peak resident
set size from the kernel (`os.wait4`'s rusage, `ru_maxrss`), both taken by
`benchmarks/launcher.py`, a small process that starts the child. Every child runs with the
same interpreter, offscreen, in a private home folder (so no benchmark touches the real
user's data or log), and with bytecode cached under `benchmarks/.cache/pycache`: a
user's installed StemPrep has its bytecode, and a setting such as
PYTHONDONTWRITEBYTECODE=1 would otherwise charge StemPrep ~0.2 s of compiling per start
while the bare window compiles nothing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import CACHE, ROOT

#: The floor for start-up and memory: a bare PySide6 window, shown once, then gone.
BARE_WINDOW = ROOT / "benchmarks" / "bare_window.py"

#: Starts each measured child from a small process (see its docstring).
LAUNCHER = ROOT / "benchmarks" / "launcher.py"

#: Runs the bare window or StemPrep and prints when its main window first painted.
FIRST_PAINT = ROOT / "benchmarks" / "first_paint.py"
FIRST_PAINT_PREFIX = "first paint at "

#: A child that takes longer than this is stuck; the benchmark stops it and fails.
CHILD_TIMEOUT_S = 120.0


class ChildFailed(RuntimeError):
    """A measured child exited with an error: the figure would be meaningless."""


@dataclass(frozen=True)
class ChildRun:
    """What one child did: its wall time, peak memory and output."""

    seconds: float
    max_rss_kib: int
    returncode: int
    stdout: str
    stderr: str
    started: float = 0.0  # time.monotonic() when the launcher started the child

    def first_paint(self) -> float:
        """Seconds from start to the first paint the child reported (see `benchmarks/first_paint.py`)."""
        for line in reversed(self.stdout.splitlines()):
            if line.startswith(FIRST_PAINT_PREFIX):
                return float(line.removeprefix(FIRST_PAINT_PREFIX)) - self.started
        raise ChildFailed("the child reported no first paint")


def child_environment(home: Path) -> dict[str, str]:
    """The environment every measured child gets (see the module docstring)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("STEMPREP_DB", None)
    env.pop("STEMPREP_DEBUG", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    env["PYTHONPATH"] = str(ROOT)
    for variable, folder in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                             ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        env[variable] = str(home / folder)
    return env


def python_child(arguments: Sequence[str], env: dict[str, str], *, check: bool = True) -> ChildRun:
    """Run this interpreter with `arguments` from the repository root and measure it."""
    return run_child([sys.executable, *arguments], env, check=check)


def run_child(command: Sequence[str], env: dict[str, str], *, check: bool = True) -> ChildRun:
    """Run `command` through `benchmarks/launcher.py` and return its time and peak RSS.

    The launcher, not this process, starts the child: see its docstring for why.
    """
    with tempfile.TemporaryDirectory(prefix="stemprep-bench-child-") as folder:
        measured = Path(folder) / "measured.json"
        out_path, err_path = Path(folder) / "stdout", Path(folder) / "stderr"
        with out_path.open("wb") as out, err_path.open("wb") as err:
            launcher = subprocess.Popen(
                [sys.executable, str(LAUNCHER), str(measured), "--", *command],
                cwd=ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                start_new_session=True,  # one process group, so a stuck child can be stopped with it
            )
            try:
                launcher.wait(timeout=CHILD_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                os.killpg(launcher.pid, signal.SIGKILL)
                launcher.wait()
                raise ChildFailed(f"{' '.join(command[1:])} did not finish within {CHILD_TIMEOUT_S:.0f} s") from None
        figures = json.loads(measured.read_text(encoding="utf-8"))
        run = ChildRun(
            seconds=figures["seconds"],
            max_rss_kib=int(figures["max_rss_kib"]),  # KiB on Linux
            returncode=int(figures["returncode"]),
            stdout=out_path.read_text(encoding="utf-8", errors="replace"),
            stderr=err_path.read_text(encoding="utf-8", errors="replace"),
            started=float(figures.get("started", 0.0)),
        )
    if check and run.returncode != 0:
        raise ChildFailed(f"{' '.join(command[1:])} exited with {run.returncode}: {run.stderr.strip()[-500:]}")
    return run
