"""How a household's stored values read on its page: the history lines."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hemvist.auth.models import User
from hemvist.core.i18n import format_date
from hemvist.history.models import Action
from hemvist.history.presenting import Reading
from hemvist.households.models import ArrivalRoute, Barrier, Destination, HouseholdStatus
from hemvist.landlords.models import LandlordType
from hemvist.leases.models import LeaseForm

ACTION_LABELS = {
    Action.CREATED: _l("Registered the household"),
    Action.UPDATED: _l("Changed"),
}

FIELD_LABELS = {
    "reference": _l("Reference"),
    "arrival_route": _l("How the household comes"),
    "assigned_on": _l("Assigned on"),
    "receive_by": _l("Receive by"),
    "received_on": _l("Received on"),
    "lease_form": _l("Lease form"),
    "landlord_type": _l("Landlord"),
    "adults": _l("Adults"),
    "children_ages": _l("Children's ages"),
    "languages": _l("Languages"),
    "accessibility_needs": _l("Accessibility needs"),
    "step_free_needed": _l("Needs a home without steps"),
    "driving_licence": _l("Driving licence"),
    "has_car": _l("Car"),
    "affordable_rent": _l("Affordable rent (SEK a month)"),
    "destinations": _l("Places they need to reach"),
    "coordinator_id": _l("Coordinator"),
    "status": _l("Status"),
    "notes": _l("Notes"),
    "moving_on": _l("Moving on"),
    "moving_on_wish": _l("What they wish for"),
    "barriers": _l("Barriers met"),
    "moved_on": _l("Date of the move"),
    "barriers_at_move": _l("Barriers met before the move"),
}

# Long texts are said to have changed, not repeated in every history line.
UNQUOTED_FIELDS = {"notes", "accessibility_needs"}
DATE_FIELDS = {"assigned_on", "receive_by", "received_on", "moved_on"}
# How the household is housed: empty means the unit did not state it.
NOT_STATED_FIELDS = {"lease_form", "landlord_type"}


def _value(field: str, value, users: dict[int, User]) -> str | None:
    if field in NOT_STATED_FIELDS and value is None:
        # Empty is a statement of its own here ("from Not stated to Sublease"), not a missing value.
        return _("Not stated")
    if value is None or value == "" or value == []:
        return None
    labels = {
        "arrival_route": ArrivalRoute,
        "status": HouseholdStatus,
        "lease_form": LeaseForm,
        "landlord_type": LandlordType,
    }
    if field in labels:
        member = next((m for m in labels[field] if m.value == value), None)
        return str(member.label) if member is not None else str(value)
    if field == "destinations" and isinstance(value, list):
        known = {destination.value: destination for destination in Destination}
        return ", ".join(str(known[v].label) if v in known else str(v) for v in value)
    if field in ("barriers", "barriers_at_move") and isinstance(value, list):
        known = {barrier.value: barrier for barrier in Barrier}
        return ", ".join(str(known[v].label) if v in known else str(v) for v in value)
    if field == "coordinator_id":
        return users[value].name if value in users else _("Someone no longer in Hemvist")
    if field in DATE_FIELDS and isinstance(value, str):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def destinations_of(household) -> list[Destination]:
    """The household's places to reach, in the form's order; values no longer known are left out."""
    chosen = set(household.destinations or [])
    return [destination for destination in Destination if destination.value in chosen]


READING = Reading(
    actions=ACTION_LABELS,
    fields=FIELD_LABELS,
    value=_value,
    unquoted=lambda field, before: field in UNQUOTED_FIELDS,
    user_fields=("coordinator_id",),
)
