"""The layering rule, checked rather than hoped for.

`db` ← domain and PDF export ← Qt GUI: only `app/gui` imports PySide6, only
`app/export` imports reportlab, and nothing below reaches up. Every module says
why it exists in a docstring.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package -> top-level imports it must never make
FORBIDDEN = {
    "db": ("PySide6", "shiboken6", "reportlab", "app"),
    "resources": ("PySide6", "shiboken6", "reportlab", "app", "db"),
    "app/domain": ("PySide6", "shiboken6", "reportlab", "app.export", "app.gui"),
    "app/export": ("PySide6", "shiboken6", "app.gui"),
    # The GUI goes through the Store: no database driver, no SQL of its own.
    "app/gui": ("sqlite3", "sqlite_utils", "app.cli"),
    # The command line wires pieces together; queries stay in db/.
    "app/cli.py": ("sqlite3", "sqlite_utils"),
    # The log is the bottom of the app: everything may log, so it imports none of it.
    "app/logs.py": ("PySide6", "shiboken6", "reportlab", "sqlite3", "sqlite_utils", "app.domain", "app.export",
                    "app.gui", "app.cli"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _python_files(folder: str) -> list[Path]:
    """The Python files of a package folder, or the one file named."""
    path = ROOT / folder
    return [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_upward_or_qt_imports(package: str) -> None:
    offences = []
    for path in _python_files(package):
        for name in _imports(path):
            for banned in FORBIDDEN[package]:
                if name == banned or name.startswith(banned + "."):
                    offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offences, "\n".join(offences)


#: SQL as the GUI must never write it: a statement keyword followed by its clause.
_SQL = re.compile(
    r"\b(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\b.+\bSET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|PRAGMA\s+\w+)\b",
    re.IGNORECASE | re.DOTALL,
)


def _sql_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        and _SQL.search(node.value)
    ]


@pytest.mark.parametrize("package", ["app/gui", "app/cli.py"])
def test_no_sql_above_the_storage_layer(package: str) -> None:
    offences = [f"{path.relative_to(ROOT)}: {text[:60]!r}" for path in _python_files(package) for text in _sql_strings(path)]
    assert not offences, "\n".join(offences)


def test_the_sql_check_recognises_a_query(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Doc: select the patient from the list."""\nQUERY = "SELECT name FROM profiles"\n')
    assert _sql_strings(sample) == ["SELECT name FROM profiles"]


def test_importing_everything_below_the_gui_loads_no_qt() -> None:
    modules = [
        p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")
        for folder in ("db", "resources", "app/domain", "app/export")
        for p in _python_files(folder)
    ] + ["app.cli"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(' '.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_domain_loads_no_reportlab() -> None:
    modules = [
        p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")
        for folder in ("db", "app/domain")
        for p in _python_files(folder)
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('reportlab'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_every_module_says_why_it_exists() -> None:
    missing = [
        str(path.relative_to(ROOT))
        for folder in ("app", "db", "resources", "benchmarks")
        for path in _python_files(folder)
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not missing, missing


#: A module a reader can hold in their head; past this it is split by what its parts do.
MOST_LINES = 600


def test_no_module_of_app_or_db_is_over_600_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for folder in ("app", "db")
        for path in _python_files(folder)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert not long, long


def test_opening_the_window_does_not_load_the_pdf_renderer() -> None:
    """reportlab costs about half a second and 16 MiB; it loads with the first sheet, not at start-up."""
    code = (
        "import sys\n"
        "import app.gui.application\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('reportlab'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == ""
