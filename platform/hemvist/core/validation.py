"""Checking and normalising what people type: phone numbers, e-mail addresses, postal codes.

Every function raises ``InvalidValue`` with a translated message for the person who typed it.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l


class InvalidValue(ValueError):
    """A value that cannot be accepted; ``str(error)`` is the translated explanation."""


def phone(text: str) -> str:
    """A Swedish or international phone number in E.164 (``+46701234567``); empty stays empty."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise InvalidValue(_l("This is not a valid phone number (e.g. 070-123 45 67)."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """``+46701234567`` → ``070-123 45 67``; foreign numbers in the international format."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, None)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 46
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def email(text: str) -> str:
    """A syntactically valid e-mail address, normalised (no DNS look-up: forms must work offline)."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        raise InvalidValue(_l("This is not a valid e-mail address.")) from None


def postal_code(text: str) -> str:
    """A Swedish postal code as ``123 45``; empty stays empty."""
    digits = re.sub(r"\s", "", text or "")
    if not digits:
        return ""
    if not re.fullmatch(r"[1-9][0-9]{4}", digits):
        raise InvalidValue(_l("A postal code has five digits, e.g. 331 30."))
    return f"{digits[:3]} {digits[3:]}"
