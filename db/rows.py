"""Rows into records: the one timestamp format and the conversions every query shares.

The Store and its query groups hand frozen records upwards; these helpers turn SQLite rows
(dicts by column) into them, dropping columns a record does not carry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

from db.records import Answer, Profile


def now_iso() -> str:
    """A UTC timestamp to the second, the one format every table uses."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def record(cls: type, row: Mapping[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in row.items() if k in names})


def profile_from_row(row: Mapping[str, Any]) -> Profile:
    data = dict(row)
    data["synthetic"] = bool(data.get("synthetic"))
    data["condition_chosen"] = bool(data.get("condition_chosen", 1))
    return record(Profile, data)


def answer_from_row(row: Mapping[str, Any]) -> Answer:
    data = dict(row)
    data["flagged"] = bool(data.get("flagged"))
    return record(Answer, data)
