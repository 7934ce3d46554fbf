"""The checked question bank, kept in the user's cache folder so that starting StemPrep need not check it again.

Reading the TOML files and checking every entry with pydantic costs a tenth of a second
and ~15 MiB at every start, for content that changes only with a new StemPrep. So the
checked bank is written once to a compact JSON file in the user's cache folder under a
key made from every content file (``resources/**/*.toml``), StemPrep's version and the
shape of the bank's records. A file whose key matches is read back into the same frozen
records. Anything else is never trusted: a different key, a file cut short or scribbled
over, a value of the wrong type, or a folder that cannot be read all mean the bank is
read from the TOML files and checked again, and the cache is rewritten (owner-only, by
renaming a finished temporary file) or, when the folder cannot be written, left alone.

Records are written generically, a dataclass as the list of its fields' values, and read
back by their type hints, so a new field in a record needs no change here.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import __version__
from app.domain.question_bank import QuestionBank
from db.files import cache_key, write_cache_file

log = logging.getLogger("stemprep.bank_cache")

#: The cache file's name inside the cache folder.
CACHE_FILE = "question-bank.json"

#: Changes when the way records are written changes.
FORMAT = 1

Decoder = Callable[[Any], Any]


class DamagedCache(ValueError):
    """The cache file does not hold a bank of the expected shape."""


def default_folder() -> Path:
    """The user's cache folder (never the data folder: this can be deleted at any time)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("StemPrep", appauthor=False))


def cached_bank(root: Path, folder: Path | None = None) -> QuestionBank:
    """The bank checked from the content under `root`, from the cache in `folder` when it matches.

    Raises `QuestionBankError` (from checking the files) when the content is broken.
    """
    path = (folder if folder is not None else default_folder()) / CACHE_FILE
    try:
        key = content_key(root)
    except OSError:
        key = ""  # a content file cannot be read: checking the content says which
    bank = read_cache(path, key) if key else None
    if bank is None:
        from app.domain.bank_schema import (
            read_content,  # pydantic: only when the content must be checked
        )

        bank = read_content(root)
        if key:
            write_cache(path, key, bank)
    return bank


def content_key(root: Path) -> str:
    """A key made from every content file under `root`, StemPrep's version and the records' shape."""
    parts = [f"StemPrep {__version__}\nformat {FORMAT}\n{record_shape()}\n".encode()]
    for path in sorted(root.rglob("*.toml")):
        parts += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return cache_key(b"\0".join(parts))


def read_cache(path: Path, key: str) -> QuestionBank | None:
    """The bank in the cache file at `path` if it was written under `key`; None otherwise."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        log.warning("the question bank cache cannot be read (%s); checking the content again", type(error).__name__)
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        log.info("the question bank cache is for other content; checking the content again")
        return None
    try:
        bank = decoder(QuestionBank)(data.get("bank"))
    except DamagedCache as error:
        log.warning("the question bank cache is damaged (%s); checking the content again", error)
        return None
    return typing.cast(QuestionBank, bank)


def write_cache(path: Path, key: str, bank: QuestionBank) -> bool:
    """Write `bank` under `key`, owner-only and whole or not at all; False when the folder cannot be written."""
    text = json.dumps({"key": key, "bank": encode(bank)}, ensure_ascii=False, separators=(",", ":"))
    if not write_cache_file(path, text.encode("utf-8")):
        log.info("the question bank cache cannot be written to %s", path.parent)
        return False
    return True


# ------------------------------------------------------------------ the records, generically


def encode(value: Any) -> Any:
    """`value` as JSON-ready data: a dataclass as the list of its fields' values, in order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init]
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"the question bank cache cannot hold a {type(value).__name__}")


def record_shape(root: type = QuestionBank) -> str:
    """Every record class reachable from `root`, with its fields and their types, as one line each."""
    lines: list[str] = []
    seen: set[type] = set()

    def visit(hint: Any) -> None:
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            if hint in seen:
                return
            seen.add(hint)
            fields = record_fields(hint)
            lines.append(f"{hint.__name__}(" + ", ".join(f"{name}: {kind}" for name, kind in fields) + ")")
            for _name, kind in fields:
                visit(kind)
        for argument in typing.get_args(hint):
            visit(argument)

    visit(root)
    return "\n".join(lines)


@functools.cache
def decoder(hint: Any) -> Decoder:
    """A function that turns encoded data back into a value of type `hint`, or raises `DamagedCache`."""
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _record_decoder(hint)
    if origin is tuple:
        arguments = typing.get_args(hint)
        if len(arguments) != 2 or arguments[1] is not Ellipsis:
            raise NotImplementedError(f"the question bank cache reads tuple[X, ...], not {hint}")
        item = decoder(arguments[0])
        return lambda data: tuple(item(value) for value in _expect(data, list))
    if origin is dict:
        key_type, value_type = typing.get_args(hint)
        if key_type is not str:
            raise NotImplementedError(f"the question bank cache reads dict[str, X], not {hint}")
        value = decoder(value_type)
        return lambda data: {_expect(k, str): value(v) for k, v in _expect(data, dict).items()}
    if origin in (typing.Union, types.UnionType):
        arguments = typing.get_args(hint)
        others = [a for a in arguments if a is not type(None)]
        if len(others) != 1 or len(arguments) != 2:
            raise NotImplementedError(f"the question bank cache reads X | None, not {hint}")
        inner = decoder(others[0])
        return lambda data: None if data is None else inner(data)
    if origin is typing.Literal:
        allowed = typing.get_args(hint)
        return lambda data: _allowed(data, allowed)
    if hint is float:
        return lambda data: float(_expect(data, (int, float)))
    if hint in (str, int, bool):
        return lambda data: _expect(data, hint)
    raise NotImplementedError(f"the question bank cache cannot read a {hint}")


@functools.cache
def record_fields(record: type) -> tuple[tuple[str, Any], ...]:
    """The fields a record is made from, with their types resolved (the slow part: done once)."""
    hints = typing.get_type_hints(record)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(record) if f.init)


def _record_decoder(record: type) -> Decoder:
    decoders = [decoder(kind) for _name, kind in record_fields(record)]

    def decode(data: Any) -> Any:
        values = _expect(data, list)
        if len(values) != len(decoders):
            raise DamagedCache(f"{record.__name__} has {len(decoders)} fields, the cache {len(values)}")
        return record(*(decode_field(value) for decode_field, value in zip(decoders, values, strict=True)))

    return decode


def _expect(data: Any, kind: type | tuple[type, ...]) -> Any:
    # bool is an int to isinstance; in the cache a number is never a truth value, nor the reverse.
    if not isinstance(data, kind) or (isinstance(data, bool) and kind is not bool):
        raise DamagedCache(f"expected {kind}, found {type(data).__name__}")
    return data


def _allowed(data: Any, allowed: tuple[Any, ...]) -> Any:
    if data not in allowed:
        raise DamagedCache(f"{data!r} is not one of {allowed}")
    return data

