"""Form fields shared by the features."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
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
            raise ValueError(_l("Enter a whole number, like 120."))
        self.data = int(text)

    def pre_validate(self, form):
        # A text that is not a number gets one message, not a range complaint about "nothing" as well.
        if self.process_errors:
            raise StopValidation()
