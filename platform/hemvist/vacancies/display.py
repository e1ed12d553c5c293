"""How a vacancy's history reads on its page."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hemvist.core.i18n import format_date, format_datetime
from hemvist.history.models import Action
from hemvist.history.presenting import Reading
from hemvist.leases.models import LeaseForm
from hemvist.vacancies.models import VacancyStatus

ACTION_LABELS = {
    Action.CREATED: _l("Registered the home"),
    Action.UPDATED: _l("Changed"),
    Action.DELETED: _l("Deleted the home"),
    Action.RESTORED: _l("Restored the home"),
}

FIELD_LABELS = {
    "status": _l("Status"),
    "confirmed_at": _l("Confirmed as still free"),
    "street_address": _l("Street address"),
    "area_id": _l("Part of the municipality"),
    "rooms": _l("Rooms"),
    "living_area": _l("Living area (m²)"),
    "rent": _l("Rent a month (SEK)"),
    "available_from": _l("Free from"),
    "floor": _l("Floor"),
    "lift": _l("Lift"),
    "step_free": _l("Step-free"),
    "lease_form": _l("Lease form"),
    "takeover_possible": _l("The household may take the lease over later"),
    "stop_distance": _l("Distance to the nearest public transport stop (m)"),
    "weekday_departures": _l("Departures from that stop on a weekday"),
    "needs_car": _l("A car is needed to live there"),
    "notes": _l("Notes"),
}
# Long texts are said to have changed, not repeated; an area id means nothing to a reader.
UNQUOTED_FIELDS = {"notes", "area_id"}


# A confirmation is news in itself; the moment it replaced means nothing to a reader when there was none.
READING = Reading(
    actions=ACTION_LABELS,
    fields=FIELD_LABELS,
    value=lambda field, value, users: _value(field, value),
    unquoted=lambda field, before: field in UNQUOTED_FIELDS or (field == "confirmed_at" and before is None),
)


def _value(field: str, value) -> str | None:
    if value is None or value == "":
        return None
    labels = {"status": VacancyStatus, "lease_form": LeaseForm}
    if field in labels:
        member = next((m for m in labels[field] if m.value == value), None)
        return str(member.label) if member is not None else str(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field == "available_from":
        try:
            return format_date(date.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)
    if field == "confirmed_at":
        try:
            return format_datetime(datetime.fromisoformat(value), "short")
        except (TypeError, ValueError):
            return str(value)
    return str(value)
