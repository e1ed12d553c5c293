"""How a lease's stored values read: its history lines, and the waiver in words."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hemvist.auth.models import User
from hemvist.core.i18n import format_date
from hemvist.history.models import Action
from hemvist.history.presenting import Reading
from hemvist.leases.models import LeaseForm

ACTION_LABELS = {
    Action.CREATED: _l("Wrote the lease"),
    Action.UPDATED: _l("Changed"),
}

FIELD_LABELS = {
    "form": _l("Lease form"),
    "starts_on": _l("Starts on"),
    "rent": _l("Rent (SEK a month)"),
    "planned_transfer_on": _l("Planned transfer"),
    "transferred_on": _l("Transferred on"),
    "ends_on": _l("Ends on"),
    "tenure_waived": _l("Security of tenure waived"),
    "offer_id": _l("From offer"),
    "replaces_id": _l("Replaces lease"),
    "reason": _l("Reason"),
}

DATE_FIELDS = {"starts_on", "planned_transfer_on", "transferred_on", "ends_on"}


def waiver_text(value: bool | None) -> str:
    if value is None:
        return _("Not known")
    return _("Yes, waived") if value else _("No, not waived")


def waiver_sentence(value: bool | None) -> str:
    """Whether a waiver of security of tenure is recorded, as a sentence of its own."""
    if value is None:
        return _("Whether security of tenure was waived is not known.")
    return _("Security of tenure was waived.") if value else _("Security of tenure was not waived.")


def _value(field: str, value, users: dict[int, User]) -> str | None:
    if field == "tenure_waived":
        return waiver_text(value)
    if value is None or value == "":
        return None
    if field == "form":
        member = next((m for m in LeaseForm if m.value == value), None)
        return str(member.label) if member is not None else str(value)
    if field in DATE_FIELDS and isinstance(value, str):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


READING = Reading(actions=ACTION_LABELS, fields=FIELD_LABELS, value=_value)
