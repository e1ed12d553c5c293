"""How the registry's stored values read on a page: history lines, phone numbers, page links."""

from __future__ import annotations

import phonenumbers
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hemvist.auth.models import User
from hemvist.history.models import Action
from hemvist.history.presenting import Reading
from hemvist.landlords import validation
from hemvist.landlords.models import LandlordKind, LandlordType, Source, Stage

ACTION_LABELS = {
    Action.CREATED: _l("Registered the landlord"),
    Action.UPDATED: _l("Changed"),
    Action.DELETED: _l("Deleted the landlord"),
    Action.RESTORED: _l("Restored the landlord"),
}

FIELD_LABELS = {
    "kind": _l("Kind of landlord"),
    "landlord_type": _l("Category in the statistics"),
    "name": _l("Name"),
    "identity_number": _l("Organisation number or personal identity number"),
    "street_address": _l("Street address"),
    "postal_code": _l("Postal code"),
    "city": _l("City"),
    "areas": _l("Areas"),
    "flats": _l("Number of flats"),
    "older_stock": _l("Older housing stock"),
    "source": _l("How we found them"),
    "notes": _l("Notes"),
    "contacts": _l("Contact persons"),
    "stage": _l("Stage"),
    "owner_id": _l("Named contact"),
    # Changed by the landlord's contact person on the landlord's own page.
    "contact_name": _l("Contact person's name"),
    "contact_phone": _l("Contact person's phone"),
    "contact_email": _l("Contact person's e-mail"),
}

# Long texts are said to have changed, not repeated in full in every history line.
UNQUOTED_FIELDS = {"notes"}


def phone_text(number: str | None) -> str:
    """A stored phone number as people write it; one that is not E.164 (typed elsewhere) as it is."""
    if not number:
        return ""
    try:
        return validation.display_phone(number)
    except phonenumbers.NumberParseException:
        return number


def _value(field: str, value, users: dict[int, User]) -> str | None:
    if value is None or value == "" or value == []:
        return None
    labels = {"kind": LandlordKind, "landlord_type": LandlordType, "source": Source, "stage": Stage}
    if field in labels:
        member = next((m for m in labels[field] if m.value == value), None)
        return str(member.label) if member is not None else str(value)
    if field == "owner_id":
        return users[value].name if value in users else _("Someone no longer in Hemvist")
    if field == "contact_phone":
        return phone_text(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


READING = Reading(
    actions=ACTION_LABELS,
    fields=FIELD_LABELS,
    value=_value,
    unquoted=lambda field, before: field in UNQUOTED_FIELDS,
    user_fields=("owner_id",),
)
