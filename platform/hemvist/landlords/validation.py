"""Checking and normalising what people type about landlords: numbers, phones, addresses.

Shared by the registry's forms, the spreadsheet import and the public sign-up, so that a landlord's
number is written the same way whichever door it came in by (and duplicates can be found by it).
Every check raises ``InvalidValue`` with a translated message for the person who typed it.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from stdnum.se import orgnr, personnummer

# Phones, e-mail addresses and postal codes are checked the same way for everyone; re-exported here so
# that the registry's callers find all of a landlord's checks in one place.
from hemvist.core.validation import InvalidValue, display_phone, email, phone, postal_code
from hemvist.landlords.models import LandlordKind

__all__ = ["InvalidValue", "display_phone", "email", "identity_number", "number_as_stored", "phone", "postal_code"]


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


# A whole or partial organisation or personal identity number as people type it: digits, perhaps the century
# (a personal number's 19/20, a company's 16), perhaps a dash or a plus (a person over 100) after the date.
_TYPED_NUMBER = re.compile(r"(?:\d{2})?(\d{6})[-+](\d{0,4})|(\d{7,10})|\d{2}(\d{10})")


def number_as_stored(text: str) -> str | None:
    """The form a typed (part of an) identity number is stored in, ``NNNNNN-NNNN``; ``None`` if it is no number.

    Both kinds of number are stored in one canonical form (``identity_number`` above), so the registry's
    search for ``5592577059`` or ``19811218+9876`` looks for ``559257-7059`` or ``811218-9876``: the text is
    normalised, not every row's number, and the trigram index on the column still serves the search.
    A number typed without its dash is taken to start at the number's start (its first six digits the date).
    """
    match = _TYPED_NUMBER.fullmatch(text.replace(" ", ""))
    if match is None:
        return None
    date_part, rest, plain, with_century = match.groups()
    if date_part is not None:
        return f"{date_part}-{rest}"
    digits = plain or with_century
    return f"{digits[:6]}-{digits[6:]}"
