"""StemPrep's log file: appended to while small, rotated on the start after it passes about 1 MB.

Real files in a temporary folder; what is kept, what is moved aside and the files' modes
are read back. A start with a small log must not load `logging.handlers` (checked in a
fresh interpreter, since pytest loads it itself).
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import logs

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "logs"
    logger = logging.getLogger(logs.LOGGER_NAME)
    for handler in list(logger.handlers):
        if isinstance(handler, logging.FileHandler):
            logger.removeHandler(handler)
            handler.close()


def _log_one_line(folder: Path, text: str) -> Path:
    path = logs.setup_logging(folder)
    assert path is not None
    logging.getLogger("stemprep.test").info(text)
    for handler in logging.getLogger(logs.LOGGER_NAME).handlers:
        handler.flush()
    return path


def test_a_small_log_is_appended_to(folder: Path) -> None:
    _log_one_line(folder, "first start")
    path = _log_one_line(folder, "second start")
    text = path.read_text(encoding="utf-8")
    assert "first start" in text and "second start" in text
    assert not path.with_name(logs.LOG_FILE + ".1").exists()


def test_a_full_log_is_moved_aside_on_the_next_start_and_the_new_one_is_private(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    path = folder / logs.LOG_FILE
    path.write_text("old line\n" * (logs.MAX_BYTES // 9 + 1), encoding="utf-8")
    os.chmod(path, 0o600)
    _log_one_line(folder, "after the rotation")
    assert "after the rotation" in path.read_text(encoding="utf-8")
    assert "old line" not in path.read_text(encoding="utf-8")
    old = path.with_name(logs.LOG_FILE + ".1")
    assert old.read_text(encoding="utf-8").startswith("old line")
    for file in (path, old):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_only_the_newest_old_logs_are_kept(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    path = folder / logs.LOG_FILE
    for number in range(1, logs.BACKUP_COUNT + 1):
        path.with_name(f"{logs.LOG_FILE}.{number}").write_text(f"log {number}\n", encoding="utf-8")
    path.write_bytes(b"x" * logs.MAX_BYTES)
    _log_one_line(folder, "new")
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == [logs.LOG_FILE, *(f"{logs.LOG_FILE}.{n}" for n in range(1, logs.BACKUP_COUNT + 1))]
    assert path.with_name(f"{logs.LOG_FILE}.2").read_text(encoding="utf-8") == "log 1\n"
    assert path.with_name(f"{logs.LOG_FILE}.{logs.BACKUP_COUNT}").read_text(encoding="utf-8") == (
        f"log {logs.BACKUP_COUNT - 1}\n"
    )


def test_a_start_with_a_small_log_leaves_the_rotating_handler_unloaded(tmp_path: Path) -> None:
    program = (
        "import sys\nfrom pathlib import Path\nfrom app.logs import setup_logging\n"
        f"assert setup_logging(Path({str(tmp_path / 'logs')!r})) is not None\n"
        "print('logging.handlers' in sys.modules)\n"
    )
    found = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "False"
