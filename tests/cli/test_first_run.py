"""A first run as a new user meets it: no desktop, the help text, and a mistyped option.

Without a display Qt aborts the process (rc 134) with advice about a missing xcb library;
StemPrep must answer first, in one sentence, and name the commands that need no desktop.
The help must wrap lists without breaking words, describe every option, and a usage
error must point to the help of the command that was mistyped.
"""

from __future__ import annotations

import argparse
import gc
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import COMMANDS, build_parser, main, parse_arguments
from app.display import has_display

ROOT = Path(__file__).resolve().parents[2]
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, False),
        ({"DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, True),
        ({"DISPLAY": ""}, False),
        ({"QT_QPA_PLATFORM": "offscreen"}, True),
        ({"QT_QPA_PLATFORM": "vnc:size=1280x720"}, True),
        ({"QT_QPA_PLATFORM": "xcb"}, False),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"}, True),
        ({"QT_QPA_PLATFORM": "wayland"}, False),
    ],
)
def test_a_display_is_found_from_the_environment_as_qt_would(environ: dict[str, str], expected: bool) -> None:
    assert has_display(environ, platform="linux") is expected


def test_windows_and_macos_always_have_a_desktop() -> None:
    assert has_display({}, platform="win32")
    assert has_display({}, platform="darwin")


@pytest.mark.parametrize("args", [[], ["--lang", "ko", "--exit-after-startup"]])
def test_without_a_desktop_the_window_says_so_in_one_sentence(tmp_path: Path, args: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES and k != "STEMPREP_DEBUG"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--db", str(tmp_path / "s.db")],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "needs a desktop session" in lines[0]
    for command in COMMANDS:
        if command:
            assert command in lines[0]
    assert "xcb" not in result.stderr
    assert not (tmp_path / "s.db").exists()  # it stopped before opening anything


def _help(command: str, columns: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return commands.choices[command].format_help()


@pytest.mark.parametrize("columns", [50, 60, 80, 100])
def test_the_sections_list_wraps_between_names_never_inside_one(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _help("sheet", columns, monkeypatch)
    listed = text[text.rindex("--sections LIST") :].split("--lang")[0]
    words = {word.strip(",") for line in listed.splitlines() for word in line.replace(",", ", ").split()}
    for section in ("summary", "questions", "red_flags", "documents", "comparison", "reference"):
        assert section in words, listed


@pytest.mark.parametrize(
    ("command", "option"),
    [
        ("flags", "--profile ID"),
        ("export-profile", "ID"),
        ("export-profile", "--output FILE.stemprep"),
        ("sample", "--count N"),
        ("facilitator", "--agency NAME"),
        ("facilitator", "--contact TEXT"),
        ("profiles", "--sort"),
    ],
)
def test_every_option_says_what_it_is_for(command: str, option: str, monkeypatch: pytest.MonkeyPatch) -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub = commands.choices[command]
    name = option.split()[-1] if option == "ID" else option.split()[0]
    action = next(a for a in sub._actions if name in a.option_strings or a.metavar == name)
    assert action.help and len(action.help) > 10


def test_a_usage_error_points_to_the_commands_own_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["sheet", "--blank"])
    assert stopped.value.code == 2
    assert "(see 'stemprep sheet --help')" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["no-such-command"])
    assert "(see 'stemprep --help')" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments",
    [[], ["--db", "p.db"], ["--db=p.db", "--exit-after-startup", "--lang", "ko"], ["--exit-after", "--lang=en"]],
)
def test_the_windows_own_options_read_as_the_whole_parser_reads_them(arguments: list[str]) -> None:
    assert parse_arguments(arguments) == build_parser().parse_args(arguments)


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["-h"], "COMMAND"),  # the whole help, commands and all
        (["--lang", "fr"], "invalid choice: 'fr'"),
        (["sheeet"], "invalid choice: 'sheeet'"),  # a mistyped command is named as one
        (["--db"], "expected one argument"),
    ],
)
def test_anything_else_goes_to_the_whole_parser(
    arguments: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        parse_arguments(arguments)
    printed = capsys.readouterr()
    assert said in printed.out + printed.err


def test_a_command_is_read_by_the_whole_parser() -> None:
    read = parse_arguments(["--db", "p.db", "profiles", "--sort", "name"])
    assert (read.command, read.db) == ("profiles", "p.db")


def test_a_command_turns_the_collector_paused_for_the_start_back_on(tmp_path: Path) -> None:
    gc.disable()  # as main.py does
    try:
        assert main(["--db", str(tmp_path / "s.db"), "demo"]) == 0
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_batch_child_importing_main_py_under_another_name_neither_pauses_the_collector_nor_starts() -> None:
    ran = runpy.run_path(str(ROOT / "main.py"), run_name="__mp_main__")  # what a "spawn" child does
    assert gc.isenabled()
    assert "main" not in ran  # nor did it import the command line it would not use
