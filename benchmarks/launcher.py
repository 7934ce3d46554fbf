"""Starts one measured child from a small process, so the child's peak memory is its own.

Linux counts a process's peak resident memory (`ru_maxrss`) from before its `exec`: a
child forked from the benchmark harness, which by then holds databases and rendered
sheets, would report the harness's size whenever that is larger than its own. So the
harness runs this script (standard library only, about 10 MB), and it starts the real
child, waits for it with `os.wait4`, and writes the child's wall time, peak memory and
the moment it started it (`time.monotonic()`, which a child can compare with its own
clock readings, such as the moment its window first painted) as JSON to the file named
first on its command line:

    python benchmarks/launcher.py RESULT.json -- python main.py --exit-after-startup
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(argv: list[str]) -> int:
    result_file, separator, *command = argv
    if separator != "--" or not command:
        print("usage: launcher.py RESULT.json -- COMMAND...", file=sys.stderr)
        return 2
    started = time.monotonic()
    start = time.perf_counter()
    pid = os.posix_spawn(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    with open(result_file, "w", encoding="utf-8") as output:
        json.dump({"seconds": elapsed, "max_rss_kib": usage.ru_maxrss, "returncode": code, "started": started},
                  output)
    return code if code >= 0 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
