"""The medical-travel agency's details: a facilitator's name, registration and contact, printed on each sheet.

Kept in the Store's settings (`FACILITATOR_SETTINGS`); Settings → Agency details… edits
them and every sheet a facilitator prints carries them when an agency name is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.store import Store

#: Settings keys where the facilitator's agency details are kept.
FACILITATOR_SETTINGS = {
    "agency": "facilitator.agency",
    "registration": "facilitator.registration",
    "contact": "facilitator.contact",
}


@dataclass(frozen=True)
class FacilitatorDetails:
    """The medical-travel agency that prints the sheet, shown on every page when set."""

    agency: str
    registration: str
    contact: str


def facilitator_details(store: Store) -> FacilitatorDetails | None:
    """The agency details saved in settings, or None when no agency name is set."""
    values = {key: store.setting(setting).strip() for key, setting in FACILITATOR_SETTINGS.items()}
    if not values["agency"]:
        return None
    return FacilitatorDetails(**values)
