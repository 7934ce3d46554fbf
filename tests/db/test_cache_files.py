"""Caches (the question bank's, the fonts') are written whole, owner-only, or not at all."""

from __future__ import annotations

import stat
from pathlib import Path

from db.files import write_cache_file


def test_a_cache_is_written_whole_and_owner_only_in_a_folder_made_for_it(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "stemprep" / "bank.json"
    assert write_cache_file(target, b"first")
    assert write_cache_file(target, b"second")  # replaced in one step
    assert target.read_bytes() == b"second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["bank.json"]  # no temporary file left


def test_a_cache_that_cannot_be_written_is_false_and_leaves_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    assert not write_cache_file(blocker / "bank.json", b"data")
    assert blocker.read_text() == "a file where the folder should be"

    folder = tmp_path / "here"
    (folder / "bank.json").mkdir(parents=True)  # a folder where the cache should be
    assert not write_cache_file(folder / "bank.json", b"data")
    assert [p.name for p in folder.iterdir()] == ["bank.json"]
