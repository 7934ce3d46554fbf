"""The checked question bank from the user's cache: trusted only when its key matches, rebuilt otherwise.

Each test works on a private copy of the bundled content and its own cache folder, and
tells a bank read from the cache from one checked afresh by counting the checks
(`bank_schema.read_content`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.domain import bank_cache, bank_schema
from app.domain.bank_cache import CACHE_FILE, cached_bank, content_key, record_shape
from app.domain.question_bank import QuestionBank, load_question_bank
from resources import resource_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of every content file, safe to edit."""
    root = tmp_path / "resources"
    shutil.copytree(resource_path(), root, ignore=shutil.ignore_patterns("fonts", "i18n", "__pycache__", "*.py"))
    return root


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time the content is read and checked from its TOML files (instead of the cache)."""
    seen: list[Path] = []
    real = bank_schema.read_content

    def counting(root: Path) -> QuestionBank:
        seen.append(root)
        return real(root)

    monkeypatch.setattr(bank_schema, "read_content", counting)
    return seen


def same_records(first: Any, second: Any, where: str = "bank") -> list[str]:
    """Every field of every record, compared one by one (type and value): the differences."""
    if dataclasses.is_dataclass(first):
        if type(first) is not type(second):
            return [f"{where}: {type(first).__name__} became {type(second).__name__}"]
        problems = []
        for f in dataclasses.fields(first):
            problems += same_records(getattr(first, f.name), getattr(second, f.name), f"{where}.{f.name}")
        return problems
    if isinstance(first, (tuple, list)):
        if type(first) is not type(second) or len(first) != len(second):
            return [f"{where}: {first!r} became {second!r}"]
        return [p for i, (a, b) in enumerate(zip(first, second)) for p in same_records(a, b, f"{where}[{i}]")]
    if isinstance(first, dict):
        if type(second) is not dict or list(first) != list(second):
            return [f"{where}: keys {list(first)} became {second!r}"]
        return [p for k in first for p in same_records(first[k], second[k], f"{where}[{k!r}]")]
    if type(first) is not type(second) or first != second:
        return [f"{where}: {first!r} ({type(first).__name__}) became {second!r} ({type(second).__name__})"]
    return []


def test_every_field_of_every_record_survives_the_round_trip(content: Path, tmp_path: Path) -> None:
    checked = bank_schema.read_content(content)
    assert cached_bank(content, tmp_path / "cache") is not checked  # written …
    from_cache = bank_cache.read_cache(tmp_path / "cache" / CACHE_FILE, content_key(content))  # … and read back
    assert from_cache is not None
    assert same_records(checked, from_cache) == []
    # The private lookups are rebuilt, so the bank answers as the checked one does.
    question = checked.questions[5]
    assert from_cache.question(question.id) == question
    assert [q.id for q in from_cache.questions_for("stroke")] == [q.id for q in checked.questions_for("stroke")]


def test_the_comparison_sees_a_lost_field(content: Path) -> None:
    checked = bank_schema.read_content(content)
    question = checked.questions[0]
    changed = dataclasses.replace(checked, questions=(dataclasses.replace(question, why=None), *checked.questions[1:]))
    assert "bank.questions[0].why" in {p.split(":")[0] for p in same_records(checked, changed)}


def test_a_matching_cache_is_read_without_checking_again(content: Path, tmp_path: Path, checks: list[Path]) -> None:
    folder = tmp_path / "cache"
    first = cached_bank(content, folder)
    assert checks == [content]
    second = cached_bank(content, folder)
    assert checks == [content]  # no second check
    assert same_records(first, second) == []


def test_the_cache_is_owner_only_and_holds_no_temporary_files(content: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "StemPrep"  # the folder does not exist yet
    cached_bank(content, folder)
    written = folder / CACHE_FILE
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [p.name for p in folder.iterdir()] == [CACHE_FILE]


def test_changed_content_is_checked_again_and_the_cache_replaced(
    content: Path, tmp_path: Path, checks: list[Path]
) -> None:
    folder = tmp_path / "cache"
    before = cached_bank(content, folder)
    path = content / "categories.toml"
    text = path.read_text(encoding="utf-8")
    title = before.categories[0].title.en
    path.write_text(text.replace(f'"{title}"', '"Renamed in the content"', 1), encoding="utf-8")

    after = cached_bank(content, folder)
    assert len(checks) == 2  # the stale cache was not trusted
    assert after.categories[0].title.en == "Renamed in the content"
    assert cached_bank(content, folder).categories[0].title.en == "Renamed in the content"
    assert len(checks) == 2  # and the rewritten cache is used from then on


def test_a_new_content_file_changes_the_key(content: Path) -> None:
    key = content_key(content)
    (content / "questions" / "extra.toml").write_text("# nothing yet\n", encoding="utf-8")
    assert content_key(content) != key


def test_the_key_follows_the_records_shape(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = content_key(content)
    monkeypatch.setattr(bank_cache, "record_shape", lambda: record_shape() + "\nQuestion(short: str)")
    assert content_key(content) != key


@pytest.mark.parametrize(
    "damage",
    [
        b"",  # emptied
        b"\x00\xff garbage \x13",  # scribbled over
        b'{"key": "',  # cut short
    ],
)
def test_a_damaged_cache_is_rebuilt(content: Path, tmp_path: Path, checks: list[Path], damage: bytes) -> None:
    folder = tmp_path / "cache"
    good = cached_bank(content, folder)
    (folder / CACHE_FILE).write_bytes(damage)
    rebuilt = cached_bank(content, folder)
    assert len(checks) == 2
    assert same_records(good, rebuilt) == []
    assert json.loads((folder / CACHE_FILE).read_bytes())["key"] == content_key(content)  # repaired


@pytest.mark.parametrize(
    "tamper",
    [
        lambda bank: bank.__setitem__(0, "not a list of questions"),
        lambda bank: bank[0][0].__setitem__(0, 42),  # a question id that is a number
        lambda bank: bank[0][0].pop(),  # a question missing its last field
        lambda bank: bank[0][0].append("one field too many"),
        lambda bank: bank[3].__setitem__("S1", None),  # a source that is nothing
        lambda bank: bank[0][0][4].__setitem__(0, True),  # a question text that is a truth value
    ],
)
def test_a_cache_with_the_right_key_but_the_wrong_shape_is_rebuilt(
    content: Path, tmp_path: Path, checks: list[Path], tamper: Any
) -> None:
    folder = tmp_path / "cache"
    good = cached_bank(content, folder)
    data = json.loads((folder / CACHE_FILE).read_bytes())
    tamper(data["bank"])
    (folder / CACHE_FILE).write_text(json.dumps(data), encoding="utf-8")
    rebuilt = cached_bank(content, folder)
    assert len(checks) == 2
    assert same_records(good, rebuilt) == []


def test_a_stale_cache_from_another_version_is_rebuilt(
    content: Path, tmp_path: Path, checks: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    cached_bank(content, folder)
    monkeypatch.setattr(bank_cache, "__version__", "99.0")
    cached_bank(content, folder)
    assert len(checks) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_cache_folder_still_gives_the_bank(content: Path, tmp_path: Path, checks: list[Path]) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        bank = cached_bank(content, folder)
        assert bank.questions and checks == [content]
        assert not (folder / CACHE_FILE).exists()
    finally:
        folder.chmod(0o700)


def test_a_cache_path_that_cannot_be_a_folder_still_gives_the_bank(
    content: Path, tmp_path: Path, checks: list[Path]
) -> None:
    """Works as root too: a file where the cache folder should be cannot be written into."""
    blocked = tmp_path / "cache"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    bank = cached_bank(content, blocked / "StemPrep")
    assert bank.questions and checks == [content]
    assert cached_bank(content, blocked / "StemPrep").questions and len(checks) == 2
    assert blocked.read_text(encoding="utf-8") == "a file, not a folder"


def test_a_cache_file_that_cannot_be_read_is_not_trusted(content: Path, tmp_path: Path, checks: list[Path]) -> None:
    folder = tmp_path / "cache"
    cached_bank(content, folder)
    (folder / CACHE_FILE).unlink()
    (folder / CACHE_FILE).mkdir()  # a folder in its place: reading fails, writing fails
    assert cached_bank(content, folder).questions
    assert len(checks) == 2


def test_broken_content_is_reported_even_with_a_cache(content: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cached_bank(content, folder)
    (content / "sources.toml").write_text("not = [valid", encoding="utf-8")
    with pytest.raises(bank_schema.QuestionBankError):
        cached_bank(content, folder)


def test_the_bundled_bank_comes_from_the_cache_without_pydantic(tmp_path: Path) -> None:
    """In a fresh interpreter: the first start checks the content, the next never imports pydantic."""
    program = (
        "import sys\n"
        "from app.domain.question_bank import load_question_bank\n"
        "bank = load_question_bank()\n"
        "print(len(bank.questions), 'pydantic' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.run([sys.executable, "-c", program], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    count = str(len(load_question_bank().questions))
    assert runs[0].stdout.split() == [count, "True"]  # checked, then cached
    assert runs[1].stdout.split() == [count, "False"]  # from the cache
