"""How a household's stored values read on its page: the history lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hemvist.auth.models import User
from hemvist.history.models import Action, HistoryEntry
from hemvist.households.models import ArrivalRoute, Destination, HouseholdStatus

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
}

# Long texts are said to have changed, not repeated in every history line.
UNQUOTED_FIELDS = {"notes", "accessibility_needs"}
DATE_FIELDS = {"assigned_on", "receive_by", "received_on"}


@dataclass(frozen=True)
class Change:
    label: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    who: str
    action: str
    changes: list[Change]


def user_ids_in(entries: list[HistoryEntry]) -> set[int]:
    """Everyone a history names: who acted, and coordinators before and after a change."""
    ids = {entry.user_id for entry in entries if entry.user_id is not None}
    for entry in entries:
        ids.update(value for value in (entry.changes or {}).get("coordinator_id", []) if isinstance(value, int))
    return ids


def history_lines(entries: list[HistoryEntry], users: dict[int, User]) -> list[HistoryLine]:
    lines = []
    for entry in entries:
        who = users[entry.user_id].name if entry.user_id in users else _("Someone no longer in Hemvist")
        changes = []
        if entry.action is Action.UPDATED:
            for field, values in (entry.changes or {}).items():
                before, after = (list(values) + [None, None])[:2] if isinstance(values, list) else (None, values)
                label = str(FIELD_LABELS.get(field, field))
                if field in UNQUOTED_FIELDS:
                    changes.append(Change(label, None, None))
                else:
                    changes.append(Change(label, _value(field, before, users), _value(field, after, users)))
        lines.append(HistoryLine(entry.at, who, str(ACTION_LABELS.get(entry.action, entry.action.value)), changes))
    return lines


def _value(field: str, value, users: dict[int, User]) -> str | None:
    if value is None or value == "" or value == []:
        return None
    labels = {"arrival_route": ArrivalRoute, "status": HouseholdStatus}
    if field in labels:
        member = next((m for m in labels[field] if m.value == value), None)
        return str(member.label) if member is not None else str(value)
    if field == "destinations" and isinstance(value, list):
        known = {destination.value: destination for destination in Destination}
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
