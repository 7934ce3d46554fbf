"""The red-flag corpus tally, printed at the end of the run where a reviewer reads it.

`test_red_flag_corpus.py` records its counts as a test property; this prints them after the
run, whether the test passed or failed.
"""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, tally in getattr(report, "user_properties", []):
                if name != "red_flag_corpus" or report.when != "call":
                    continue
                terminalreporter.write_sep("-", "red-flag corpus")
                terminalreporter.write_line(
                    f"{tally['careful']} careful answers: {tally['false_alarms']} false alarms; "
                    f"{tally['alarming']} alarming answers: {tally['misses']} misses"
                )
