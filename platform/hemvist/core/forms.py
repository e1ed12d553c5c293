"""Form fields shared by the features."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField
from wtforms.validators import StopValidation


class StrictIntegerField(IntegerField):
    """A whole number, with our own translated message when the text is not one (``12 000`` is accepted)."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = valuelist[0].replace(" ", "").replace("\u00a0", "").strip()
        if text == "":
            self.data = None
            return
        if not (text.isascii() and text.lstrip("-").isdigit()) or len(text) > 12:
            self.data = None
            raise ValueError(_l("Enter a whole number, in digits only."))
        self.data = int(text)

    def pre_validate(self, form):
        # A text that is not a number gets one message, not a range complaint about "nothing" as well.
        if self.process_errors:
            raise StopValidation()


class StrictDateField(DateField):
    """A date as ``2026-12-01`` (what a date input sends), with our own translated message otherwise."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = valuelist[0].strip()
        if not text:
            self.data = None
            return
        try:
            self.data = date.fromisoformat(text) if len(text) == 10 and text.isascii() else None
        except ValueError:
            self.data = None
        if self.data is None:
            raise ValueError(_l("Enter a date as year-month-day, like 2025-03-14."))

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


def strip(value):
    """Surrounding spaces go; so do NUL characters, which no database column can hold."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def single_spaces(value):
    """A name with its spaces as one: "Ek  Fastigheter" and "Ek Fastigheter" are the same landlord."""
    return " ".join(value.split()) if isinstance(value, str) else value
