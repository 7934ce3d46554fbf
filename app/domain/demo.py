"""The demo patient: a realistic profile to explore StemPrep without typing one in.

The demo's content is data (`resources/demo.toml`, written against the question
bank so that some answers raise red flags); this module only loads it into a Store.
Running it again refreshes the same profile in place, so the id a user saw stays valid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.errors import NotFound
from db.records import CLINIC_FIELDS, PROFILE_FIELDS, Profile, ProfileId
from db.store import Store
from resources import resource_path

DEMO_SETTING = "demo.profile_id"


def demo_data(path: Path | None = None) -> dict[str, Any]:
    """The parsed demo file."""
    import tomllib  # here: the window imports this module at start, and reads the demo only when asked

    with open(path or resource_path("demo.toml"), "rb") as handle:
        return tomllib.load(handle)


def create_demo(store: Store, path: Path | None = None) -> Profile:
    """Create the demo profile, or refresh it if it exists; returns it.

    The whole refresh is one transaction: a crash half-way leaves the old demo.
    """
    data = demo_data(path)
    profile_values = {k: v for k, v in data["profile"].items() if k in PROFILE_FIELDS}
    existing = _existing_demo(store)
    with store.batch():
        if existing is None:
            name = profile_values.pop("name")
            profile = store.create_profile(name, **profile_values)
            store.set_setting(DEMO_SETTING, str(profile.id))
        else:
            # Fields the demo leaves out are cleared, so edits made while exploring go away.
            cleared = {
                field: (None if field in _NULLABLE else "")
                for field in PROFILE_FIELDS
                if field not in profile_values and field != "condition"
            }
            profile = store.update_profile(existing, **cleared, **profile_values)
            for clinic in store.clinics_for(existing):
                store.delete_clinic(clinic.id)
            for question in store.custom_questions(existing):
                store.delete_custom_question(question.id)
        for clinic_data in data.get("clinic", []):
            clinic_values = {k: v for k, v in clinic_data.items() if k in CLINIC_FIELDS}
            clinic = store.add_clinic(profile.id, clinic_values.pop("name"), **clinic_values)
            for answer in clinic_data.get("answer", []):
                store.save_answer(
                    clinic.id,
                    answer["question"],
                    status=answer.get("status", "answered"),
                    value=str(answer.get("value", "")),
                    text=answer.get("text", ""),
                    flagged=bool(answer.get("flagged", False)),
                )
        for custom in data.get("custom_question", []):
            store.add_custom_question(
                profile.id, custom["en"], text_ko=custom.get("ko", ""),
                priority=custom.get("priority", "recommended"),
            )
    return store.profile(profile.id)


_NULLABLE = {"birth_year", "kl_grade", "mrs", "hoehn_yahr", "lvef", "travel_start", "travel_end"}


def _existing_demo(store: Store) -> ProfileId | None:
    raw = store.setting(DEMO_SETTING)
    if not raw.isdigit():
        return None
    try:
        return store.profile(int(raw)).id
    except NotFound:
        return None
