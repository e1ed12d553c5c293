"""Checking and normalising what people type about landlords: numbers, phones, addresses.

Shared by the registry's forms, the spreadsheet import and the public sign-up, so that a landlord's
number is written the same way whichever door it came in by (and duplicates can be found by it).
Every function raises ``InvalidValue`` with a translated message for the person who typed it.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from stdnum.se import orgnr, personnummer

# Phones, e-mail addresses and postal codes are checked the same way for everyone; re-exported here so
# that the registry's callers find all of a landlord's checks in one place.
from hemvist.core.validation import InvalidValue, display_phone, email, phone, postal_code
from hemvist.landlords.models import LandlordKind

__all__ = ["InvalidValue", "display_phone", "email", "identity_number", "phone", "postal_code"]


def identity_number(kind: LandlordKind, text: str) -> str | None:
    """The organisation number (company) or personal identity number (private person), or ``None`` if empty.

    Canonical form ``NNNNNN-NNNN`` for both, so that one landlord is found by one string whether it was
    typed with or without a dash, or (a person) with the century.
    """
    text = (text or "").strip()
    if not text:
        return None
    if kind is LandlordKind.COMPANY:
        if not orgnr.is_valid(text):
            raise InvalidValue(_l("This is not a valid organisation number (e.g. 556036-0793)."))
        return orgnr.format(text)
    if not personnummer.is_valid(text):
        raise InvalidValue(_l("This is not a valid personal identity number (e.g. 811218-9876)."))
    # compact() keeps the separator ("811218-9876", "19811218-9876"): take the digits alone.
    digits = "".join(c for c in personnummer.compact(text) if c.isdigit())[-10:]
    return f"{digits[:6]}-{digits[6:]}"
